"""Context words around a value that mark it a rate or another place's part, read as written."""

from __future__ import annotations

from typing import Any

import pytest

from crosswire.analyze import analyze_doc
from crosswire.model import Article, Story
from crosswire.reconcile.claims import _nearest_place, _rate, _stem, reconcile_claims
from crosswire.reconcile.entities import reconcile_entities


@pytest.mark.parametrize(
    ("after", "rate"),
    [
        ("die every year in Orsk", True),
        ("a year , the agency said", True),
        ("are killed on the roads each day", True),
        ("died a year ago in Orsk", False),
        ("were killed a day after the quake", False),
        ("were hurt an hour before the blast", False),
        ("were found a week later", False),
    ],
)
def test_a_rate_is_per_unit_of_time_not_a_point_in_time(after: str, rate: bool) -> None:
    assert _rate(after.lower().split()) is rate


@pytest.mark.parametrize("word", ["most", "mostly", "mainly", "including", "majority"])
def test_a_place_holding_part_of_a_figure_is_not_its_scope(word: str) -> None:
    """ "60 deaths, mainly in Varnia": Varnia holds a part of the 60, whichever word says so
    (the words after a value reach ``_nearest_place`` stemmed)."""
    places = {"varnia": "Varnia"}
    after = [_stem(w) for w in f"deaths , {word} in Varnia".lower().split()]
    assert _nearest_place([], after, places) == ""
    assert _nearest_place([], [_stem(w) for w in "deaths in Varnia".lower().split()], places)


def test_the_new_of_a_place_name_makes_no_count_a_part(nlp: Any) -> None:
    """ "In New Varnia, 212 people were killed" is New Varnia's toll, as "180 people in New
    Varnia" is: one count, two values (the "new" of "two new cases" is a part)."""
    texts = [
        "The storm hit New Varnia on Monday. In New Varnia, 212 people were killed by floods.",
        "The storm hit New Varnia on Monday. The floods killed 180 people in New Varnia.",
    ]
    analyses = [
        analyze_doc(nlp(t), Article(id=f"a{n}", text=t, outlet=f"O{n}", published="2031-03-04"))
        for n, t in enumerate(texts, start=1)
    ]
    story = Story(analyses)
    claims = reconcile_claims(story, reconcile_entities(story), {1: None, 2: None})
    flagged = [c for c in claims if c.status == "discrepancy"]
    assert [sorted(v.value for v in c.values) for c in flagged] == [["180", "212"]]
    for claim in flagged:
        for value in claim.values:
            for ev in value.evidence:
                assert value.value in texts[ev.source - 1][ev.start : ev.end]
