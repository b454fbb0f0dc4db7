"""Quotes merged across sources: same utterance, canonical speaker, drift between wordings."""

from __future__ import annotations

from typing import Any

from crosswire.analyze import analyze_article
from crosswire.model import Article, Quote, Story
from crosswire.reconcile.entities import reconcile_entities
from crosswire.reconcile.quotes import export_attributions, reconcile_quotes

ONE = (
    "Deputy Secretary of State Wendy Sherman spoke after the talks in Geneva.\n"
    "“We will not make decisions about Ukraine without Ukraine,” Ms Sherman said.\n"
    "She stressed that Washington was “firm in pushing back on security proposals that are "
    "simply non-starters for the United States,” including Russia’s demands on NATO.\n"
    "“The United States is lashed up at every level with our allies and partners,” she said."
)
TWO = (
    "U.S. diplomat Wendy Sherman met Russian officials on Monday.\n"
    "Sherman said the United States was “pushing back on defense proposals that simply did not "
    "start for the United States,” including Russia’s demands on NATO.\n"
    "“We will not make decisions about Ukraine without Ukraine, Europe without Europe,” "
    "Sherman told reporters.\n"
    "“The United States is committed to working with our allies and partners,” she added."
)


def story(nlp: Any, *texts: str) -> Story:
    return Story(
        [analyze_article(Article(id=f"a{i}", text=t, outlet=f"o{i}")) for i, t in enumerate(texts)]
    )


def holding(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if any(fragment in v.text for v in q.variants)]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


def test_same_utterance_merges_with_each_source_wording(nlp: Any) -> None:
    s = story(nlp, ONE, TWO)
    quotes = reconcile_quotes(s, reconcile_entities(s))
    quote = holding(quotes, "decisions about Ukraine without Ukraine")
    assert quote.speaker == "Wendy Sherman"
    assert sorted(v.source for v in quote.variants) == [1, 2]
    assert quote.text.endswith("Europe without Europe")  # the most complete wording
    assert not quote.drift  # one report is longer, but where they overlap they agree
    for variant in quote.variants:
        assert (
            s.analyses[variant.source - 1].article.text[variant.start : variant.end] == variant.text
        )


def test_changed_wording_is_marked_as_drift(nlp: Any) -> None:
    s = story(nlp, ONE, TWO)
    quote = holding(reconcile_quotes(s, reconcile_entities(s)), "pushing back on")
    assert sorted(v.source for v in quote.variants) == [1, 2]
    assert quote.drift


def test_common_phrases_do_not_merge_different_statements(nlp: Any) -> None:
    s = story(nlp, ONE, TWO)
    quotes = reconcile_quotes(s, reconcile_entities(s))
    lashed = holding(quotes, "lashed up at every level")
    assert [v.source for v in lashed.variants] == [1]


def test_speakers_who_differ_are_never_merged(nlp: Any) -> None:
    a = "“There is no reason to fear any escalation at all,” said Sergei Ryabkov, the minister."
    b = "“There is no reason to fear any escalation at all,” said Jens Stoltenberg on Tuesday."
    s = story(nlp, a, b)
    quotes = reconcile_quotes(s, reconcile_entities(s))
    assert len(quotes) == 2
    assert {q.speaker for q in quotes} == {"Sergei Ryabkov", "Jens Stoltenberg"}


def test_a_fragment_the_cue_split_off_is_exported_but_not_a_brief_quote(nlp: Any) -> None:
    text = "The new bridge, Mayor Ilse Varnholt said, would cut the Harlow crossing to minutes."
    one = story(nlp, text)
    quotes = reconcile_quotes(one, reconcile_entities(one))
    assert [q.text for q in quotes] == ["would cut the Harlow crossing to minutes"]
    exported = export_attributions(one, reconcile_entities(one))["attributions"]
    assert {r["text"] for r in exported} >= {"The new bridge"}
