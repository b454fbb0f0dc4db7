"""Undated stories, reprints and weekday-only events, on made-up fixture stories.

Fixtures (tests/data/timeline/*.json) are articles written for these tests: a list of
{outlet, text, published?}.  Each becomes an article with its own id, so copies of one
text stay separate sources, as two outlets filing one wire story are.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crosswire.analyze import analyze_articles
from crosswire.model import Article, Story, TimelineEvent
from crosswire.pipeline import sources_of
from crosswire.reconcile.independence import find_duplicates
from crosswire.reconcile.timeline import build_timeline, reference_dates
from crosswire.render.markdown import timeline as timeline_lines

DATA = Path(__file__).resolve().parent / "data" / "timeline"


def _story(name: str) -> Story:
    records = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    articles = [
        Article(id=f"{name}-{n}", text=r["text"], outlet=r["outlet"], published=r.get("published"))
        for n, r in enumerate(records, 1)
    ]
    return Story(list(analyze_articles(articles)))


def _text(story: Story, event: TimelineEvent) -> str:
    return " ".join(
        story.analyses[e.source - 1].article.text[e.start : e.end] for e in event.evidence
    )


@pytest.fixture(scope="module")
def undated(nlp: Any) -> Story:
    return _story("undated-orlov")


def test_undated_story_gets_no_reference_before_what_it_reports(undated: Story) -> None:
    # The articles recall Oct. 3 and Nov. 1, 1995 but report a 1997 rebuild as past:
    # they were not written in 1995, and nothing gives the day they were.
    for reference, _ in reference_dates(undated).values():
        assert reference is None or reference >= "1997"
    for source in sources_of(undated, find_duplicates(undated)):
        assert source.published is None or source.published >= "1997"


def test_undated_story_dates_nothing_outside_its_span(undated: Story) -> None:
    timeline = build_timeline(undated)
    dated = [e for e in timeline if e.date]
    assert {"1995-10-03", "1995-11-01", "1997"} <= {e.date for e in dated}
    # "150 years ago" from a guessed day would be a guessed year; none is made up.
    assert all("1995" <= e.date[:4] <= "1997" for e in dated), [e.date for e in dated]
    assert not any(e.inferred_year for e in timeline)


def test_no_noun_or_fragment_becomes_an_event(undated: Story) -> None:
    events = [e.event for e in build_timeline(undated)]
    assert not any("recorded in 1996" in e or "repetition of 1996" in e for e in events)
    assert "1996" not in {e.date for e in build_timeline(undated)}


def test_main_event_present_with_its_date_as_written(undated: Story) -> None:
    timeline = build_timeline(undated)
    friday = [e for e in timeline if e.written and "friday" in e.written.lower()]
    assert len(friday) == 1, [(e.written, e.event) for e in friday]
    (entry,) = friday
    assert entry.date == "" and set(entry.sources) == {1, 2, 3}
    assert "spillway" in _text(undated, entry)
    for ev in entry.evidence:  # offsets slice the clause they claim
        text = undated.analyses[ev.source - 1].article.text
        assert 0 <= ev.start < ev.end <= len(text)
    rendered = "\n".join(timeline_lines(_brief(timeline)))
    assert "Friday (date not stated)" in rendered
    assert "(year inferred)" not in rendered
    assert timeline[-1].date == ""  # placed after every dated entry


def _brief(timeline: list[TimelineEvent]) -> Any:
    from crosswire.model import Brief

    return Brief(title="", timeline=timeline)


@pytest.fixture(scope="module")
def reprints(nlp: Any) -> Story:
    return _story("reprints-marsh")


def test_reprinted_events_appear_once(reprints: Story) -> None:
    duplicate_of = find_duplicates(reprints)
    assert duplicate_of[2] == 1 or duplicate_of[1] == 2  # the fixture's copies are copies
    timeline = build_timeline(reprints, duplicate_of)
    by_date: dict[str, list[TimelineEvent]] = {}
    for event in timeline:
        by_date.setdefault(event.date, []).append(event)
    for date in ("2000", "1994", "1998-05-28"):
        assert len(by_date.get(date, [])) == 1, (date, [e.event for e in by_date.get(date, [])])
    assert set(by_date["2000"][0].sources) == {1, 2, 3, 4}  # the paraphrase too
    assert set(by_date["1998-05-28"][0].sources) == {1, 2, 3, 4}
    assert len(by_date["1998-06-11"]) == 1  # "on Thursday", from each publication date


@pytest.fixture(scope="module")
def bridge(nlp: Any) -> Story:
    return _story("weekday-bridge")


def test_weekday_only_main_event_dated_from_the_reference(bridge: Story) -> None:
    refs = reference_dates(bridge)
    assert refs[1] == ("2024-03-07", True)  # its dateline, the year from March 1, 2024
    assert refs[2] == ("2024-03-07", True)  # nothing of its own: written with the other
    collapse = [e for e in build_timeline(bridge) if "collapsed" in e.event]
    assert len(collapse) == 1
    assert collapse[0].date == "2024-03-05"  # the Tuesday before Thursday 7 March 2024
    assert collapse[0].sources == [1, 2] and collapse[0].inferred_year
