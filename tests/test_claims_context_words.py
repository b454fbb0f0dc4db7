"""Context words around a value that mark it a rate or another place's part, read as written."""

from __future__ import annotations

import pytest

from crosswire.reconcile.claims import _nearest_place, _rate, _stem


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
