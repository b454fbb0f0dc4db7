"""The summariser on small hand-made stories: what it chooses, what it refuses, what it cites."""

from __future__ import annotations

import re

import pytest

from crosswire.model import Article, ArticleAnalysis, Sentence, Story
from crosswire.summarize import summarize_story
from crosswire.summarize.candidates import stands_alone
from crosswire.summarize.text import numbers, stem


def story(*articles: str) -> Story:
    """A story whose sentences are split at sentence-final punctuation, offsets kept."""
    analyses = []
    for number, text in enumerate(articles, start=1):
        article = Article(id=f"a{number}", text=text, outlet=f"Outlet {number}")
        sentences = [
            Sentence(article.id, m.start(), m.end(), m.group())
            for m in re.finditer(r"[^.!?\n]+[.!?]", text)
        ]
        for s in sentences:  # strip the space the pattern takes at the front
            lead = len(s.text) - len(s.text.lstrip())
            s.start, s.text = s.start + lead, s.text.lstrip()
        analyses.append(ArticleAnalysis(article=article, sentences=sentences))
    return Story(analyses)


SHARED = "The storm flooded the harbour district of Port Alba on Monday night, officials said."
ONLY_ONE = "A local bakery on the corner of the square reopened its doors with fresh bread."


def test_stands_alone_rejects_fragments_and_noise() -> None:
    assert stands_alone("The storm flooded the harbour district of Port Alba on Monday night.")
    assert not stands_alone("He also said the harbour district would be rebuilt within a year.")
    assert not stands_alone('"We will rebuild the harbour district within a year," he said.')
    assert not stands_alone("But the harbour district was flooded again on Tuesday night, too.")
    assert not stands_alone("Will the harbour district of Port Alba ever be rebuilt again?")
    assert not stands_alone("Sign up for our newsletter to get the latest harbour news daily.")
    assert not stands_alone("Storm floods harbour")
    assert not stands_alone(
        "A public hearing will open in Port Alba on November 3, his office said."
    )
    assert stands_alone("Mayor Ana Ruiz said she would ask the government for emergency funds.")


def test_numbers_read_words_and_digits_alike() -> None:
    assert numbers("The talks lasted seven hours, not 8.") == {"7", "8"}
    assert stem("talks") == stem("talk") and stem("parties") == stem("party")


def test_summary_prefers_what_many_sources_say_within_budget() -> None:
    filler = "Residents waited for news about the damage to the old stone pier in the bay."
    s = story(
        f"{ONLY_ONE} {SHARED}",
        f"{SHARED} {filler}",
        f"{filler} The storm flooded the harbour district of Port Alba on Monday night.",
    )
    summary = summarize_story(s, words=20)
    assert sum(len(x.text.split()) for x in summary) <= 20
    assert [x.text for x in summary] == [SHARED]


def test_citations_only_to_sources_that_say_the_same_thing() -> None:
    claim = "The talks between the two delegations in Geneva lasted seven hours on Monday."
    s = story(
        f"{claim} Delegates left the hall in silence after the meeting.",
        "The talks between the two delegations in Geneva lasted seven hours on Monday.",
        "The talks between the two delegations in Geneva lasted eight hours on Monday.",
        "A football match between the two national teams in Geneva was cancelled on Monday.",
    )
    summary = summarize_story(s, words=16, duplicate_of={})  # 2 is no copy here: cite it
    assert [x.text for x in summary] == [claim]
    assert summary[0].sources == [1, 2]  # never 3 (eight hours) nor 4 (another event)


def test_evidence_offsets_slice_the_text_they_claim() -> None:
    s = story(f"{ONLY_ONE} {SHARED}", f"Earlier reports were confused. {SHARED}", SHARED)
    summary = summarize_story(s, words=40)
    assert summary
    for sentence in summary:
        assert {e.source for e in sentence.evidence} == set(sentence.sources)
        texts = [s.analyses[e.source - 1].article.text[e.start : e.end] for e in sentence.evidence]
        assert sentence.text in texts
        assert all(t == SHARED for t in texts if sentence.text == SHARED)


def test_reprints_count_once_as_sources() -> None:
    wire = (
        "Officials confirmed that the northern bridge over the river Vela will close for repairs."
    )
    other = "The city council approved a new budget for the public library system on Friday night."
    s = story(wire, wire, wire, other, other)
    # Taken as three independent sources (no copies known), the wire story wins ...
    assert [x.text for x in summarize_story(s, words=16, duplicate_of={})] == [wire]
    # ... but sources 2 and 3 reprint 1: the wire story is one source's word, the budget two.
    summary = summarize_story(s, words=16, duplicate_of={2: 1, 3: 1})
    assert [x.text for x in summary] == [other]
    assert summary[0].sources == [4, 5]
    # Found by the summariser itself, 4 and 5 are copies too: one voice each, still a summary.
    assert summarize_story(s, words=16)


def _sentences(article: Article, cuts: list[str]) -> list[Sentence]:
    """Sentences of ``article`` cut where the parser would, as given by ``cuts``."""
    found, at = [], 0
    for piece in cuts:
        start = article.text.index(piece, at)
        found.append(Sentence(article.id, start, start + len(piece), piece))
        at = start + len(piece)
    return found


def test_an_opinion_someone_is_reported_as_holding_is_attributed() -> None:
    from crosswire.model import Attribution
    from crosswire.summarize.candidates import candidates, usable

    text = (
        "The harbour union ruled out sharing the port board with the owners on Monday, "
        "insisting it alone must chair the board."
    )
    article = Article(id="a1", text=text, outlet="Outlet 1")
    content = "it alone must chair the board"
    cue = text.index("insisting")
    reported = Attribution(
        "a1",
        text.index(content),
        text.index(content) + len(content),
        content,
        "indirect",
        "insisting",
        cue,
        cue + len("insisting"),
        "The harbour union",
        0,
        len("The harbour union"),
    )
    plain = ArticleAnalysis(article=article, sentences=_sentences(article, [text]))
    with_speech = ArticleAnalysis(
        article=article, sentences=plain.sentences, attributions=[reported]
    )
    # Unattributed, "must" is the writer's opinion; reported, it is the union's.
    assert not usable(candidates([plain])[0])
    assert usable(candidates([with_speech])[0])


def test_a_sentence_cut_at_a_wire_dash_is_joined_and_a_stray_quote_left_out() -> None:
    from crosswire.summarize.candidates import candidates, usable

    dash = "With winds near 180 mph, the storm over Port Alba was a Category 5 monster _"
    rest = "the highest rating a storm can have."
    stray = "The mayor of Port Alba asked for help, saying the harbour was under water. ''"
    text = f"{dash} {rest} {stray}"
    article = Article(id="a1", text=text, outlet="Outlet 1")
    analysis = ArticleAnalysis(article=article, sentences=_sentences(article, [dash, rest, stray]))
    found = candidates([analysis])
    assert [c.text for c in found] == [f"{dash} {rest}", stray[:-3]]
    for c in found:
        assert text[c.start : c.end] == c.text
        assert usable(c), c.text


def test_a_definite_subject_referring_back_comes_after_what_it_refers_to(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import crosswire.summarize as summarize
    from crosswire.summarize.candidates import candidates

    back = "The agreement gives the dock workers of Port Alba a raise of four percent this year."
    intro = "The port board of Port Alba signed an agreement with the dock workers on Monday."
    other = "Dock workers in Port Alba had been on strike for three weeks over their pay."
    articles = [f"{intro} {back}", f"{other} {back}", f"{other} {back}"]
    found = candidates(story(*articles).analyses)
    referring = [c for c in found if c.text == back]
    assert referring[0].refers == {stem("agreement")}, referring[0]
    summary = [s.text for s in summarize_story(story(*articles), words=34)]
    assert summary, "the outlets share a sentence"
    if back in summary:
        assert any("agreement" in s for s in summary[: summary.index(back)]), summary
    # Without the rule the sentence every outlet shares opens the summary alone.
    monkeypatch.setattr(summarize, "_needs", lambda usable: {})
    monkeypatch.setattr(summarize, "_introduced_first", lambda ordered: ordered)
    plain = [s.text for s in summarize_story(story(*articles), words=34)]
    assert plain[0] == back, plain


def test_a_lone_surname_needs_its_full_name_whatever_label_the_parse_gave_it() -> None:
    from crosswire.model import Mention
    from crosswire.summarize.candidates import candidates

    full = "Harbour master Dario Velkov of Port Alba was sentenced to twelve years on Friday."
    mislabelled = "Velkov told the court in Port Alba that he would appeal the verdict."
    missed = "Velkov smiled as the judge in Port Alba read out the sentence of twelve years."
    named = "The court heard that Dario Velkov took bribes from shipping agents for years."
    texts = [full, mislabelled, f"{missed} {named}"]
    analyses = []
    for number, text in enumerate(texts, start=1):
        article = Article(id=f"a{number}", text=text, outlet=f"Outlet {number}")
        cuts = [missed, named] if number == 3 else [text]
        analyses.append(ArticleAnalysis(article=article, sentences=_sentences(article, cuts)))
    start = full.index("Dario")
    analyses[0].mentions = [
        Mention("a1", start, start + len("Dario Velkov"), "Dario Velkov", "PERSON")
    ]
    analyses[1].mentions = [Mention("a2", 0, len("Velkov"), "Velkov", "ORG")]  # parse's mislabel
    by_text = {c.text: c for c in candidates(analyses)}
    assert by_text[mislabelled].needs == {"velkov"}
    assert by_text[missed].needs == {"velkov"}  # no mention at all
    assert {"dario", "velkov"} <= by_text[named].introduces  # full name the parse missed
    assert not by_text[named].needs and not by_text[full].needs


def test_quotations_in_every_style_are_read_by_one_scanner() -> None:
    """A quotation before an attributed opinion leaves the opinion's offsets in place, and
    a straight quote closed, then another opened (a quotation running on) is not a pair."""
    text = (
        'The harbour union called the plan "a betrayal of every dock worker in Port Alba," '
        "insisting the owners must withdraw it at once."
    )
    content = "the owners must withdraw it at once"
    at = text.index(content)
    assert stands_alone(text, [(at, at + len(content))])
    assert not stands_alone(text)  # unattributed, "must" is the writer's opinion
    # Marks facing away from each other: the first closes a quotation opened earlier.
    assert not stands_alone(
        'The pier will reopen, " the mayor told the council here, "and the ferries will return.'
    )
    assert stands_alone('The mayor told the council the pier was "safe here" for the ferries.')


def test_a_dateline_with_a_region_is_trimmed_and_a_dateline_alone_dropped() -> None:
    from crosswire.summarize.candidates import candidates

    text = (
        "PORT ALBA, Westmark (AP) _ The storm flooded the harbour district of Port Alba.\n"
        "RIVERTON, New Westmark _\nRelief workers reached the flooded villages by boat."
    )
    article = Article(id="a1", text=text, outlet="Outlet 1")
    cuts = [
        "PORT ALBA, Westmark (AP) _ The storm flooded the harbour district of Port Alba.",
        "RIVERTON, New Westmark _",
        "Relief workers reached the flooded villages by boat.",
    ]
    found = candidates([ArticleAnalysis(article=article, sentences=_sentences(article, cuts))])
    assert [(c.index, c.text) for c in found] == [
        (0, "The storm flooded the harbour district of Port Alba."),
        (1, "Relief workers reached the flooded villages by boat."),
    ]
    assert all(text[c.start : c.end] == c.text for c in found)


def test_a_sentence_opening_with_capitals_and_a_dash_is_no_dateline() -> None:
    """A dateline is followed by its sentence's capital; "NATO - the alliance - said" and
    "U.S., Britain — and France —" open sentences of their own."""
    from crosswire.summarize.candidates import candidates

    cuts = [
        "NATO - the alliance of the western powers - said it would send ships to the coast.",
        "U.S., Britain - and later France - agreed to send ships to the Westmark coast.",
    ]
    text = "\n".join(cuts)
    article = Article(id="a1", text=text, outlet="Outlet 1")
    found = candidates([ArticleAnalysis(article=article, sentences=_sentences(article, cuts))])
    assert [c.text for c in found] == cuts


def test_a_dateline_with_an_abbreviated_region_is_trimmed() -> None:
    from crosswire.summarize.candidates import candidates

    cuts = [
        "RIVERTON, W.M. (AP) _ The storm flooded the harbour district of Riverton overnight.",
        "PORT ALBA, D.C. — Relief workers reached the flooded villages by boat on Monday.",
        "ELMSTEAD, Calif. _ Ferry crossings to the islands were cancelled until further notice.",
    ]
    text = "\n".join(cuts)
    article = Article(id="a1", text=text, outlet="Outlet 1")
    found = candidates([ArticleAnalysis(article=article, sentences=_sentences(article, cuts))])
    assert [c.text for c in found] == [cut.split(" _ ")[-1].split(" — ")[-1] for cut in cuts]
    assert all(text[c.start : c.end] == c.text for c in found)
