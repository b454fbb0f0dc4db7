"""Number words, hedges and units become intervals; compatible ones agree, others conflict."""

from __future__ import annotations

import pytest

from crosswire.analyze.numbers import compatible, interval, parse_number, split_hedge, unit_of
from crosswire.model import Assertion
from crosswire.reconcile.claims import conflict


def _range(text: str, exact: bool = False) -> tuple[float, float]:
    hedge, kind, rest = split_hedge(text)
    value = parse_number(rest)
    assert value is not None
    return interval(value, kind, exact)


@pytest.mark.parametrize(
    ("text", "number"),
    [("seven", 7), ("7.5", 7.5), ("1,487", 1487), ("twenty-five", 25), ("a dozen", 12),
     ("five and a half", 5.5), ("two hundred", 200), ("1.2 million", 1_200_000),
     ("two-thirds", 2 / 3), ("one third", 1 / 3), ("3 1/2", 3.5), ("three and one-half", 3.5),
     ("half a million", 500_000)],
)  # fmt: skip
def test_number_words(text: str, number: float) -> None:
    value = parse_number(text)
    assert value is not None and value.number == pytest.approx(number)


def test_near_is_a_hedge() -> None:
    assert split_hedge("near 180 mph")[:2] == ("near", "about")
    assert split_hedge("nearly eight hours")[:2] == ("nearly", "nearly")


def test_hedges_become_intervals() -> None:
    assert _range("more than seven")[0] == 7 and _range("more than seven")[1] == float("inf")
    low, high = _range("nearly eight")
    assert (low, high) == (7.5, 8)
    assert _range("at least a dozen", exact=True) == (12, float("inf"))
    assert _range("two", exact=True) == (2, 2)


def test_touching_ranges_do_not_agree() -> None:
    assert not compatible(_range("seven"), _range("eight"))
    assert compatible(_range("approximately 7.5"), _range("eight"))
    assert compatible(_range("more than seven"), _range("nearly eight"))


def test_units_convert_to_one_base() -> None:
    km, miles = unit_of("kilometres"), unit_of("miles")
    assert km is not None and miles is not None and km[0] == miles[0] == "distance"
    assert unit_of("nautical miles") == ("distance", 1852.0, "nautical mile")


def _assertion(value: str, hedge: str | None, low: float, high: float | None) -> Assertion:
    return Assertion("a", 0, 1, value, "talks", "duration", "quantity", value, "hour", hedge,
                     low, high)  # fmt: skip


def test_a_plain_figure_conflicts_with_a_different_hedged_one() -> None:
    exact = _assertion("212", None, 212, 212)
    about = _assertion("210", "about", 199.5, 220.5)
    more = _assertion("200", "more than", 200, None)
    assert conflict(exact, about)
    assert not conflict(exact, more)  # a bound the figure meets: both can be true
    assert conflict(exact, _assertion("250", "more than", 250, None))  # the bound is missed
    assert not conflict(about, more)  # both hedged, ranges overlap
    assert not conflict(exact, _assertion("212", None, 212, 212))


def test_a_preposition_at_the_sentence_root_does_not_hang(nlp: object) -> None:
    """Headline-like fragments can parse with an ADP as root; extraction must still end."""
    from crosswire.analyze.quantities import extract_assertions
    from crosswire.model import Article

    text = "In Tallinn. At sea off Tallinn for about five hours. Of 212 passengers in Tallinn."
    article = Article(id="x", text=text, outlet="o")
    doc = nlp(text)  # type: ignore[operator]
    roots = [t for t in doc if t.head.i == t.i]
    assert roots
    extract_assertions(doc, article, [])
