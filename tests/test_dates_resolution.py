"""Date expressions resolve to the calendar at the precision they are written with."""

from __future__ import annotations

import datetime as dt

import pytest

from crosswire.analyze.dates import nearest_year, resolve_expression

REF = "2022-01-11"  # a Tuesday


@pytest.mark.parametrize(
    ("expression", "date", "granularity", "qualifier"),
    [
        ("Jan. 10", "2022-01-10", "day", None),
        ("Dec. 17", "2021-12-17", "day", None),  # a December date in a January paper: last year
        ("on December 23", "2021-12-23", "day", None),
        ("late December", "2021-12", "month", "late"),  # a month with a qualifier, not the 25th
        ("last month", "2021-12", "month", None),
        ("in 2014", "2014", "year", None),
        ("late last year", "2021", "year", "late"),
        ("mid-2009", "2009", "year", "mid"),
        ("Monday", "2022-01-10", "day", None),
        ("Tuesday", "2022-01-11", "day", None),  # the paper's own weekday is that day
        ("last Tuesday", "2022-01-04", "day", None),
        ("yesterday", "2022-01-10", "day", None),
        ("December 10, 2021", "2021-12-10", "day", None),
        ("the evening of January 10", "2022-01-10", "day", None),
    ],
)
def test_resolves_at_written_precision(
    expression: str, date: str, granularity: str, qualifier: str | None
) -> None:
    resolved = resolve_expression(expression, REF)
    assert (resolved.date, resolved.granularity, resolved.qualifier) == (
        date,
        granularity,
        qualifier,
    )


def test_future_clause_looks_ahead() -> None:
    assert resolve_expression("Jan. 12", REF, future=True).date == "2022-01-12"
    assert resolve_expression("Friday", REF, future=True).date == "2022-01-14"
    assert resolve_expression("Friday", REF).date == "2022-01-07"


@pytest.mark.parametrize("expression", ["this week", "weeks", "a week", "the 1990s", "45-54"])
def test_no_calendar_unit_no_date(expression: str) -> None:
    resolved = resolve_expression(expression, REF)
    assert resolved.date is None
    assert resolved.granularity == "unknown"


def test_without_reference_keeps_only_what_the_text_fixes() -> None:
    day = resolve_expression("Jan. 10", None)
    assert (day.date, day.partial, day.granularity, day.relative) == (None, "01-10", "day", True)
    month = resolve_expression("late December", None)
    assert (month.date, month.partial, month.qualifier) == (None, "12", "late")
    assert resolve_expression("Monday", None).date is None
    explicit = resolve_expression("December 10, 2021", None)
    assert (explicit.date, explicit.relative) == ("2021-12-10", False)


def test_nearest_year_prefers_recent_past() -> None:
    reference = dt.date(2022, 1, 11)
    assert nearest_year(12, 17, reference) == 2021
    assert nearest_year(1, 12, reference) == 2022
    assert nearest_year(1, 12, dt.date(2021, 12, 10)) == 2022  # "just after December 10, 2021"
    # Four months back beats four months ahead unless the clause speaks of the future.
    assert nearest_year(9, 1, dt.date(2022, 1, 1)) == 2021
    assert nearest_year(5, 1, dt.date(2022, 1, 1), future=True) == 2022
