"""Acceptance on the geneva-talks reference sample (skips without ../shared)."""

from __future__ import annotations

import pytest

from crosswire.model import Quote, Story
from crosswire.reconcile.entities import reconcile_entities
from crosswire.reconcile.quotes import reconcile_quotes

EXPECTED = [
    ("Nothing about you without you", "Sherman"),
    ("We will not make decisions about Ukraine without Ukraine", "Sherman"),
    ("There is no reason to be afraid of some kind of escalation situation", "Ryabkov"),
    ("We explained to our American colleagues that we have no plans or intentions", "Ryabkov"),
    ("NATO’s relations with Ukraine will be decided by 30 NATO allies", "Stoltenberg"),
    ("I briefed the North Atlantic Council", "Sherman"),
]


@pytest.fixture(scope="module")
def quotes(geneva_story: Story) -> list[Quote]:
    return reconcile_quotes(geneva_story, reconcile_entities(geneva_story))


def holding(quotes: list[Quote], fragment: str) -> list[Quote]:
    return [q for q in quotes if any(fragment in v.text for v in q.variants)]


@pytest.mark.parametrize(("fragment", "surname"), EXPECTED)
def test_key_quotes_have_the_right_speaker(
    quotes: list[Quote], fragment: str, surname: str
) -> None:
    found = holding(quotes, fragment)
    assert found, f"{fragment!r} not found"
    assert all(q.speaker and q.speaker.endswith(surname) for q in found), [q.speaker for q in found]


def test_sherman_pledge_is_one_quote_from_two_sources(quotes: list[Quote]) -> None:
    nothing = holding(quotes, "Nothing about you without you")
    decisions = holding(quotes, "We will not make decisions about Ukraine without Ukraine")
    assert len(nothing) == len(decisions) == 1 and nothing[0] is decisions[0]
    assert len({v.source for v in nothing[0].variants}) == 2


def test_no_quote_is_given_to_the_wrong_side(quotes: list[Quote]) -> None:
    russian = ("Russia will hear a consistent message", "NATO’s open door", "in lockstep")
    for quote in quotes:
        if quote.speaker and "Ryabkov" in quote.speaker:
            assert not any(f in v.text for f in russian for v in quote.variants), quote.text


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("lashed up at every level", "committed to working in lockstep"),
        ("I briefed the North Atlantic Council", "I fully expect that at the NATO-Russia Council"),
        ("Nothing about you without you", "This is not what we call negotiation"),
    ],
)
def test_different_statements_of_one_speaker_stay_apart(
    quotes: list[Quote], one: str, other: str
) -> None:
    assert holding(quotes, one) and holding(quotes, other)
    assert not {id(q) for q in holding(quotes, one)} & {id(q) for q in holding(quotes, other)}


def test_pronoun_after_sherman_is_not_given_to_ryabkov(
    geneva_story: Story, quotes: list[Quote]
) -> None:
    # "Ms Sherman said … He said the U.S. side had raised ideas …": the nearest person is a
    # woman, so "he" stays unresolved rather than reaching back to Ryabkov
    fragment = "side had raised ideas about where"
    found = [a for s in geneva_story.analyses for a in s.attributions if fragment in a.text]
    assert [(a.speaker_text, a.speaker) for a in found] == [("He", None)]
    assert not [q for q in holding(quotes, fragment) if q.speaker and "Ryabkov" in q.speaker]


def test_variant_offsets_slice_the_source_text(geneva_story: Story, quotes: list[Quote]) -> None:
    for quote in quotes:
        for v in quote.variants:
            assert geneva_story.analyses[v.source - 1].article.text[v.start : v.end] == v.text
