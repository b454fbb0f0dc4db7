"""A summary and a sources list a reader can trust, on a made-up story written for these tests.

The event: a court in the (made-up) town of Marren sentences the harbour master Dario
Velkov for taking bribes; the outlets are made up too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import crosswire.summarize as summarize
from crosswire.model import Story
from crosswire.pipeline import build_brief, load_story, sources_of, story_title
from crosswire.reconcile.independence import find_copies
from crosswire.reconcile.titles import headline, is_truncated
from crosswire.render.html import render_html
from crosswire.render.markdown import render_markdown
from crosswire.summarize.candidates import stands_alone

# Every outlet leads with the surname only; one names him in full, further down.
LONE = "Velkov smiled as the judge in Marren read out a sentence of twelve years in prison."
FULL = "Dario Velkov, the former harbour master of Marren, was convicted of taking bribes."
ARTICLES = {
    "marren-courier.txt": (
        f"{LONE} The court found that the harbour master had taken bribes from shipping "
        "agents for six years. Prosecutors had asked for fifteen years. "
        "The defence said it would appeal the verdict within the month."
    ),
    "vela-post.txt": (
        "Velkov smiled as the judge in Marren read out a sentence of twelve years in prison "
        "on Friday. The court heard that shipping agents paid for faster berths. "
        "Several agents testified against him during the trial, which lasted four months."
    ),
    "coastal-ledger.txt": (
        "A judge in Marren sentenced the harbour master to twelve years in prison on Friday. "
        f"{FULL} The shipping agents who paid him have not been charged. "
        "The port authority said new rules for berth allocation would follow."
    ),
}


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(f"Harbour master sentenced in Marren\n\n{text}\n", "utf-8")
    return folder


@pytest.fixture(scope="module")
def trial(nlp: Any, tmp_path_factory: pytest.TempPathFactory) -> Story:
    folder = _write(tmp_path_factory.mktemp("trial") / "stories", ARTICLES)
    story, _ = load_story([folder])
    return story


def test_a_person_named_by_surname_is_introduced_first(
    trial: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = [s.text for s in summarize.summarize_story(trial, words=45)]
    assert summary, "the story has sentences several outlets share"
    for k, text in enumerate(summary):
        if "Velkov" in text and "Dario Velkov" not in text:
            assert any("Dario Velkov" in earlier for earlier in summary[:k]), summary
    # Without the rule, the lone surname would open the summary: the test can fail.
    monkeypatch.setattr(summarize, "_needs", lambda usable: {})
    monkeypatch.setattr(summarize, "_introduced_first", lambda ordered: ordered)
    plain = [s.text for s in summarize.summarize_story(trial, words=45)]
    assert plain[0].startswith("Velkov"), plain


def test_sentences_that_do_not_stand_alone_are_refused() -> None:
    assert stands_alone("The court in Marren sentenced the harbour master on Friday morning.")
    assert not stands_alone("The court met here on Friday to sentence the harbour master.")
    assert not stands_alone("``We will appeal, the defence lawyer told the court in Marren.")
    assert not stands_alone("MARREN Harbour Notes: berth fees rise for the third time this year.")
    assert stands_alone("UNICEF said the children of Marren needed clean water and food urgently.")
    assert not stands_alone("On Friday, he told the court in Marren that he had taken no bribes.")
    assert not stands_alone("The two had quarrelled over berth fees for years before the trial.")
    assert not stands_alone("Initial evidence suggests the harbour master acted alone in Marren.")
    assert stands_alone(
        "Initial evidence suggests the harbour master acted alone, prosecutors said."
    )
    assert stands_alone("The lawyer said ``we will appeal'' after the verdict in Marren on Friday.")


def test_a_copy_is_listed_as_a_copy_with_its_outlet(nlp: Any, tmp_path: Path) -> None:
    files = dict(ARTICLES)
    files["harbour-wire.txt"] = ARTICLES["vela-post.txt"]  # a second outlet files the wire
    story, _ = load_story([_write(tmp_path / "stories", files)])
    assert len(story.articles) == 4  # every file read is a source
    brief = build_brief(story)
    copies = [s for s in brief.sources if s.duplicate_of is not None]
    assert len(copies) == 1 and copies[0].identical
    original = brief.sources[copies[0].duplicate_of - 1]
    assert {Path(copies[0].path or "").stem, Path(original.path or "").stem} == {
        "harbour-wire",
        "vela-post",
    }
    assert copies[0].outlet != original.outlet  # the copy's outlet is kept
    page = render_markdown(brief)
    assert f"identical copy of [{original.id}]" in page
    assert "(3 independent)" in page
    assert "Identical copy of" in render_html(brief)


def test_a_partial_rewrite_is_shown_with_its_share(nlp: Any, tmp_path: Path) -> None:
    original = [
        "The harbour authority of Marren opened a review of every berth contract on Monday.",
        "Inspectors will read the contracts signed over the last six years at the port.",
        "The review follows the conviction of the former harbour master for bribery.",
        "Shipping agents said the berth fees had risen sharply during those years.",
        "The authority expects to publish its findings before the end of the winter.",
        "A hotline for agents who paid bribes will open at the town hall next week.",
    ]
    rewrite = original[:3] + [
        "Fishermen in the old port said they had never been asked for money by anyone.",
        "The mayor of Marren praised the court for its quick handling of the case.",
        "Local traders expect the port to become busier once the review is finished.",
    ]
    other = "Rain is forecast for the coast of Marren for the rest of the week, forecasters said."
    files = {
        "port-gazette.txt": " ".join(original),
        "marren-daily.txt": " ".join(rewrite),
        "weather-desk.txt": " ".join([other] * 1),
    }
    story, _ = load_story([_write(tmp_path / "stories", files)])
    copies = find_copies(story)
    numbers = {Path(a.path or "").stem: n for n, a in enumerate(story.articles, start=1)}
    reuse = copies.reuses[numbers["marren-daily"]]
    assert reuse.source == numbers["port-gazette"]
    assert 0.4 <= reuse.share <= 0.6  # three of six sentences
    assert all(parent is None for parent in copies.duplicate_of.values())  # not a copy
    sources = sources_of(story, copies.duplicate_of, copies)
    row = sources[numbers["marren-daily"] - 1]
    assert row.reuses == numbers["port-gazette"] and row.reused_share == reuse.share
    brief = build_brief(story)
    assert f"reuses {reuse.share:.0%} of [{reuse.source}]" in render_markdown(brief)
    assert f"Partial rewrite: reuses {reuse.share:.0%}" in render_html(brief)


def test_a_truncated_title_is_not_a_headline(nlp: Any, tmp_path: Path) -> None:
    body = ARTICLES["coastal-ledger.txt"]
    cut = "A judge in Marren sentenced the harbour master to twelve years in"
    record = {"text": body, "title": cut, "outlet": "Coastal Ledger"}
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    story, _ = load_story([path])
    assert story.articles[0].title == cut  # the reader keeps what the feed gave ...
    assert headline(story.articles[0]) is None  # ... the brief does not show it
    assert sources_of(story, {1: None})[0].title is None
    assert story_title(story) != cut
    assert is_truncated("Storm leaves Turkey's southeast faces an", "")
    assert is_truncated("A judge in Marren sentenced the harbour", body)
    assert not is_truncated("Harbour master sentenced to twelve years", body)


def test_a_citation_names_the_same_people(nlp: Any, tmp_path: Path) -> None:
    said = "Dario Velkov was sentenced to twelve years in prison by the court in Marren."
    other = "Anton Brekk was sentenced to twelve years in prison by the court in Marren."
    same = "The court in Marren sentenced Velkov to twelve years in prison on Friday."
    filler = "The port authority of Marren said new rules for berths would follow soon."
    files = {
        "marren-courier.txt": f"{said} {filler}",
        "vela-post.txt": f"{other} {filler}",
        "coastal-ledger.txt": f"{same} {filler}",
    }
    story, _ = load_story([_write(tmp_path / "stories", files)])
    pool = summarize.candidates(story.analyses)
    chosen = [c for c in pool if c.text == said]
    assert chosen and any(frozenset({"dario", "velkov"}) == n for n in chosen[0].names)
    from crosswire.embeddings import get_embedder
    from crosswire.summarize.cite import supporting

    cited = {s.source for s in supporting(chosen, pool, get_embedder())[0]}
    by_file = {Path(a.path or "").stem: n for n, a in enumerate(story.articles, start=1)}
    assert by_file["vela-post"] not in cited  # another man, same sentence otherwise
    assert by_file["coastal-ledger"] in cited  # his surname alone names him


def test_a_pronoun_needs_a_person_named_in_its_sentence() -> None:
    from crosswire.summarize.candidates import Candidate, usable

    text = "A complaint unsealed in Marren on Friday charges him with taking bribes for years."
    alone = Candidate(1, 3, 0.5, 0, len(text), text)
    assert stands_alone(text) and not usable(alone)
    named = Candidate(1, 3, 0.5, 0, len(text), text, introduces=frozenset({"dario", "velkov"}))
    assert usable(named)  # "Dario Velkov ... his": the person is in the sentence
    quoted = 'The judge in Marren said "he took bribes for years" and sentenced the official.'
    assert usable(Candidate(1, 3, 0.5, 0, len(quoted), quoted))
