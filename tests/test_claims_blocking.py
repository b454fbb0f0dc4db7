"""Claim alignment's candidate pairs: blocks that skip only pairs ``similarity`` would refuse."""

from __future__ import annotations

import itertools
from dataclasses import replace

from crosswire.model import Story
from crosswire.reconcile.claims import _candidate_pairs, _Item, similarity, story_items
from crosswire.reconcile.entities import reconcile_entities
from crosswire.reconcile.independence import find_duplicates


def _items(story: Story) -> list[_Item]:
    return story_items(story, reconcile_entities(story), find_duplicates(story))


def _missed(items: list[_Item]) -> list[tuple[int, int]]:
    """Pairs of one head that ``similarity`` accepts but the blocks left out."""
    listed = set(_candidate_pairs(items))
    return [
        (i, j)
        for i, j in itertools.combinations(range(len(items)), 2)
        if items[i].head == items[j].head
        and similarity(items[i], items[j]) > 0
        and (i, j) not in listed
    ]


def test_blocks_keep_every_pair_the_example_story_aligns(example_story: Story) -> None:
    items = _items(example_story)
    assert len(items) > 10
    assert _missed(items) == []
    pairs = list(_candidate_pairs(items))
    assert all(i < j and items[i].source != items[j].source for i, j in pairs)
    assert len(pairs) == len(set(pairs))


def test_blocks_keep_every_compatible_pair_of_varied_dates(example_story: Story) -> None:
    """Full, partial, yearless and weekday dates, tied to an event or not, with and without
    years named beside them: every pair ``similarity`` accepts is listed, and pairs of
    different days not tied to an event are not."""
    base = next(i for i in _items(example_story) if i.key == "date")
    values = ["1998-11-15", "1998-11-16", "1998-11", "1998", "--11", "--11-15", "monday", "tuesday"]
    varied = []
    for source, (value, family, years) in enumerate(
        itertools.product(values, ["", "talks"], [set(), {"1997"}]), start=1
    ):
        assertion = replace(base.assertion, value=value)
        varied.append(
            replace(
                base,
                source=source,
                assertion=assertion,
                family=family,
                names=set(),
                years=years,
                relative=value in ("monday", "tuesday"),
                bag=dict(base.bag),
            )
        )
    assert _missed(varied) == []
    listed = set(_candidate_pairs(varied))
    everything = len(varied) * (len(varied) - 1) // 2
    assert len(listed) < 0.6 * everything  # the blocks do skip pairs
    unanchored = [n for n, item in enumerate(varied) if not item.family and not item.years]
    apart = {(i, j) for i, j in itertools.combinations(unanchored, 2)}
    day_15, day_16 = (values.index(v) * 4 for v in ("1998-11-15", "1998-11-16"))
    assert (day_15, day_16) in apart and (day_15, day_16) not in listed
