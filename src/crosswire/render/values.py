"""Claim values and dates as a reader would write them, for every rendering."""

from __future__ import annotations

import re
from datetime import date

__all__ = ["display_value", "format_date"]

_ISO_DATE = re.compile(r"\d{4}(-\d{2}){0,2}")
_YEARLESS_DATE = re.compile(r"--(\d{2})(?:-(\d{2}))?")
_QUANTITY = re.compile(r"(?P<number>-?\d[\d,.]*) (?P<unit>[A-Za-z]{3,})")
_INVARIANT_UNITS = frozenset(
    {"usd", "gbp", "eur", "jpy", "mph", "kph", "kmh", "percent", "people", "staff", "personnel"}
)

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def display_value(value: str) -> str:
    """A normalised claim value as a reader would write it: ``7 hour`` -> ``7 hours``."""
    if _ISO_DATE.fullmatch(value):
        return format_date(value)
    if partial := _YEARLESS_DATE.fullmatch(value):
        # "--01-12": a day whose year no source gave.
        day = f"-{partial[2]}" if partial[2] else ""
        shown = format_date(f"2000-{partial[1]}{day}")  # a leap year, so 29 Feb is valid
        return shown.removesuffix(" 2000") if shown.endswith(" 2000") else value
    quantity = _QUANTITY.fullmatch(value)
    if not quantity or quantity["number"] in ("1", "1.0") or value.endswith("s"):
        return value
    return value if quantity["unit"].lower() in _INVARIANT_UNITS else value + "s"


def format_date(iso: str) -> str:
    """``2022-01-10`` as ``10 Jan 2022``; months and years likewise; anything else unchanged."""
    parts = iso.split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 3:
            day = date(*numbers)
            return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
        if len(numbers) == 2 and 1 <= numbers[1] <= 12:
            return f"{_MONTHS[numbers[1] - 1]} {numbers[0]}"
    except ValueError:
        return iso
    return iso


def undated_label(written: str) -> str:
    """A timeline date no source fixes: "Oct. 3 (year not stated)", "Friday (date not stated)"."""
    from crosswire.analyze.calendar import month_of

    return f"{written} ({'year' if month_of(written) else 'date'} not stated)"
