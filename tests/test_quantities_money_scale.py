"""A sum of money written with a short scale ("$604m") is the sum written out."""

from __future__ import annotations

from typing import Any

import pytest

from crosswire.analyze import analyze_doc
from crosswire.model import Article


def _amounts(nlp: Any, text: str) -> list[tuple[str, str, float]]:
    analysis = analyze_doc(nlp(text), Article(id="a1", text=text, outlet="Outlet 1"))
    found = []
    for assertion in analysis.assertions:
        assert text[assertion.start : assertion.end] == assertion.text
        if assertion.attribute == "amount":
            found.append((assertion.text, assertion.value, assertion.low or 0.0))
    return found


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("The Orsk bridge cost $604m to build.", "The Orsk bridge cost $604 million to build."),
        ("Varnia paid £1.2 bn for the port.", "Varnia paid £1.2 billion for the port."),
    ],
)
def test_a_short_scale_after_a_sum_is_the_scale(nlp: Any, short: str, long: str) -> None:
    ((text, value, low),) = _amounts(nlp, short)
    ((_, expected, expected_low),) = _amounts(nlp, long)
    assert value == expected and low == pytest.approx(expected_low, rel=0.1)
    assert text.rstrip().endswith(("m", "bn"))  # the scale is part of the value's wording


def test_a_sum_without_a_scale_is_unchanged(nlp: Any) -> None:
    assert [v for _, v, _ in _amounts(nlp, "Orsk paid $5 to the ferryman.")] == ["5 USD"]
