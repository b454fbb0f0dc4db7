"""Acceptance: the geneva-talks timeline, with the right years and each event's sources."""

from __future__ import annotations

import pytest

from crosswire.model import Story, TimelineEvent
from crosswire.reconcile.timeline import build_timeline, reference_dates


@pytest.fixture(scope="module")
def timeline(geneva_story: Story) -> list[TimelineEvent]:
    return build_timeline(geneva_story)


def _entry(timeline: list[TimelineEvent], date: str, *words: str) -> TimelineEvent:
    """The entry of ``date`` whose event text or evidence mentions all ``words``."""
    for event in timeline:
        if event.date == date and all(w.lower() in event.event.lower() for w in words):
            return event
    raise AssertionError(f"no {date} entry about {words}: {[(e.date, e.event) for e in timeline]}")


def _sources_on(timeline: list[TimelineEvent], date: str) -> set[int]:
    return {s for e in timeline if e.date == date for s in e.sources}


def _number(story: Story, stem: str) -> int:
    return next(n for n, a in enumerate(story.articles, 1) if stem in (a.path or ""))


def test_years_are_inferred_and_said_to_be(geneva_story: Story) -> None:
    refs = reference_dates(geneva_story)
    assert all(inferred for _, inferred in refs.values())  # no article carries a date
    assert all(ref is not None and "2022-01-10" <= ref <= "2022-01-13" for ref, _ in refs.values())


def test_key_dates_with_their_sources(geneva_story: Story, timeline: list[TimelineEvent]) -> None:
    n = {stem: _number(geneva_story, stem) for stem in ("000_", "001_", "002_", "003_", "004_")}
    assert {n["000_"], n["001_"]} <= _sources_on(timeline, "2021-12-17")  # draft treaties/demands
    assert n["001_"] in _entry(timeline, "2021-12-23", "press conference").sources
    geneva = _sources_on(timeline, "2022-01-10")
    assert {n["000_"], n["001_"], n["004_"]} <= geneva  # 004 says only "on Monday"
    assert n["003_"] in _sources_on(timeline, "2022-01-11")  # Sherman briefs the NAC
    assert {n["000_"], n["002_"], n["003_"]} <= _sources_on(timeline, "2022-01-12")
    assert {n["001_"], n["002_"], n["003_"]} <= _sources_on(timeline, "2022-01-13")
    assert n["003_"] in _entry(timeline, "2014", "Crimea").sources
    assert n["004_"] in _entry(timeline, "2019", "abandoned").sources


def test_same_event_is_one_entry(timeline: list[TimelineEvent]) -> None:
    for date in ("2021-12-17", "2022-01-10", "2022-01-12", "2022-01-13"):
        assert len([e for e in timeline if e.date == date]) == 1, date


def test_inferred_years_are_flagged(timeline: list[TimelineEvent]) -> None:
    assert _entry(timeline, "2022-01-10").inferred_year
    assert not _entry(timeline, "2014", "Crimea").inferred_year  # written with its year


def test_no_made_up_precision(timeline: list[TimelineEvent]) -> None:
    december = [e for e in timeline if e.date == "2021-12"]
    assert december and all(e.granularity == "month" for e in december)  # "late December"


def test_ordered_and_evidence_slices(geneva_story: Story, timeline: list[TimelineEvent]) -> None:
    keys = [e.date for e in timeline]
    assert (
        keys.index("2014")
        < keys.index("2019")
        < keys.index("2021-12-17")
        < keys.index("2022-01-13")
    )
    for event in timeline:
        assert event.evidence
        for ev in event.evidence:
            text = geneva_story.analyses[ev.source - 1].article.text
            assert 0 <= ev.start < ev.end <= len(text)
        assert any(
            geneva_story.analyses[ev.source - 1].article.text[ev.start : ev.end] == event.event
            for ev in event.evidence
        )
