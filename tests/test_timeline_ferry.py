"""The bundled ferry story's timeline matches its hand-written ground truth."""

from __future__ import annotations

from typing import Any

from crosswire.model import Story
from crosswire.reconcile.timeline import build_timeline, reference_dates


def _numbers(story: Story, files: list[str]) -> set[int]:
    paths = {n: (a.path or "").replace("\\", "/") for n, a in enumerate(story.articles, 1)}
    return {n for f in files for n, p in paths.items() if p.endswith("/" + f) or p == f}


def test_each_expected_event_has_an_entry_with_its_sources(
    example_story: Story, example_expectations: dict[str, Any]
) -> None:
    timeline = build_timeline(example_story)
    for expected in example_expectations["timeline"]:
        wanted = _numbers(example_story, expected["files"])
        assert len(wanted) == len(expected["files"]), expected["files"]
        same_date = [e for e in timeline if e.date == expected["date"]]
        assert any(wanted <= set(e.sources) for e in same_date), (expected, same_date)


def test_published_dates_are_not_inferred(example_story: Story) -> None:
    refs = reference_dates(example_story)
    for number, article in enumerate(example_story.articles, 1):
        ref, inferred = refs[number]
        if article.published:
            assert (ref, inferred) == (article.published[:10], False)
        else:
            assert inferred and ref is not None  # from its dateline or what it reports as past


def test_no_dateline_becomes_an_event(example_story: Story) -> None:
    for event in build_timeline(example_story):
        assert "(Baltic Wire)" not in event.event
        assert not event.event.startswith("TALLINN,")
