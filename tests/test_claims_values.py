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


@pytest.mark.parametrize(
    ("sentence", "number"),
    [("The dam works ended a 3 and one-half year dispute.", 3.5),
     ("The talks lasted five and a half hours.", 5.5)],
)  # fmt: skip
def test_a_fraction_after_and_stays_with_its_number(
    nlp: object, sentence: str, number: float
) -> None:
    """ "3 and one-half year" is 3.5 years, not half a year beside a stray 3."""
    from crosswire.analyze.quantities import extract_assertions
    from crosswire.model import Article

    article = Article(id="x", text=sentence, outlet="o")
    found = extract_assertions(nlp(sentence), article, [])  # type: ignore[operator]
    measures = [a for a in found if a.kind != "date"]
    assert measures, found
    first = measures[0]
    value = parse_number(split_hedge(first.text)[2].split(" year")[0].split(" hour")[0])
    assert sentence[first.start : first.end] == first.text
    assert value is not None and value.number == pytest.approx(number)


def test_a_sentence_saying_a_figure_moved_marks_a_series() -> None:
    from crosswire.reconcile.claims import _says_change

    assert _says_change("Winds had dropped to near 30 mph overnight.")
    assert _says_change("The count stood at 80, down from 100 on Monday.")
    assert not _says_change("The storm was moving west at 8 mph.")


def test_a_count_said_to_be_dead_through_a_verb_counts_the_dead(nlp: object) -> None:
    """ "40 people were confirmed dead": the state is the verb's complement."""
    from crosswire.analyze.quantities import extract_assertions
    from crosswire.model import Article

    sentence = "At least 40 people have been confirmed dead in Varnia after the floods."
    article = Article(id="x", text=sentence, outlet="o")
    found = extract_assertions(nlp(sentence), article, [])  # type: ignore[operator]
    counts = [a for a in found if a.kind == "count"]
    assert counts and counts[0].attribute.endswith("killed"), counts
    assert sentence[counts[0].start : counts[0].end] == counts[0].text


def test_a_word_of_a_place_name_that_names_another_thing_is_no_place() -> None:
    from crosswire.model import Entity
    from crosswire.reconcile.claims import _place_words

    words = _place_words(
        [
            Entity(name="Operation Zorba", type="LOC"),
            Entity(name="Hurricane Zorba", type="EVENT"),
            Entity(name="Varnia", type="GPE"),
        ]
    )
    assert "varnia" in words and "Operation Zorba" in words.values()
    assert "zorba" not in words


def _dated(value: str, family: str, names: set[str], source: int) -> object:
    from crosswire.reconcile.claims import _Item

    assertion = Assertion(
        article_id=str(source), start=0, end=5, text=value, subject="", attribute="date",
        kind="date", value=value,
    )  # fmt: skip
    return _Item(
        source=source, group=source, assertion=assertion, key="date", head="date",
        family=family, names=names, bag={}, near=set(), place="", years=set(),
        subgroup=False, other_event=False, unique=False, relative=False,
    )  # fmt: skip


def test_a_date_conflict_needs_one_event_and_full_days() -> None:
    """Two days are rival reports only when both are tied to one named event."""
    from crosswire.reconcile.claims import _same_event

    summit = {"arlan", "varnia"}
    a = _dated("2031-03-04", "summit", summit, 1)
    assert _same_event(a, _dated("2031-03-05", "summit", summit, 2))  # type: ignore[arg-type]
    assert not _same_event(a, _dated("2031-03-05", "", summit, 2))  # type: ignore[arg-type]
    assert not _same_event(a, _dated("2031-03-05", "summit", {"zorba"}, 2))  # type: ignore[arg-type]
    assert not _same_event(a, _dated("2031-03", "summit", summit, 2))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "attribute"),
    [("The cyclone hit Varnia with winds of 90 mph on Friday.", "speed of wind"),
     ("The cyclone brought 110-mph winds to the coast of Varnia.", "speed of wind"),
     ("By noon the cyclone's winds had dropped to near 40 mph.", "speed of wind"),
     ("Officials said 12 percent of the harvest was lost.", "percentage of harvest"),
     ("Officials said that figure was around 12 percent.", "percentage"),
     ("The cyclone was moving north at 9 mph, officials said.", "speed of cyclone"),
     ("Cyclone Zenko was moving north at 9 mph.", "speed of zenko"),
     ("It was moving north at 9 mph, officials said.", "speed")],
)  # fmt: skip
def test_a_measure_is_qualified_by_what_it_measures(
    nlp: object, sentence: str, attribute: str
) -> None:
    """The thing a speed or share is of, from the tree; a pronoun or a word that only
    says "a figure" leaves the measure unqualified."""
    from crosswire.analyze.quantities import extract_assertions
    from crosswire.model import Article

    article = Article(id="x", text=sentence, outlet="o")
    found = extract_assertions(nlp(sentence), article, [])  # type: ignore[operator]
    measures = [a for a in found if a.kind == "quantity"]
    assert [a.attribute for a in measures][:1] == [attribute], found


def test_values_of_differently_qualified_measures_may_still_align() -> None:
    """ "distance of town" and "distance from Kindu": evidence, never a bar."""
    from crosswire.reconcile.claims import _measured, head_key

    assert head_key("speed of wind") == "speed"
    assert _measured("distance of town") and not _measured("number of people killed")
