"""Calendar days as news writes them, resolved to ISO dates without a second parse.

"Jan. 10", "12 and 13 January", "October 14, 2025" and, given a publication date,
"Tuesday".  A missing year comes from the publication date (a December date in a
January article is last year's); with no publication date the value stays a
month-day ("--01-10"), which is still comparable across outlets.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]  # fmt: skip
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = (
    r"(?P<{name}>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|"
    r"June?|July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|"
    r"Dec(?:ember|\.)?)"
)
_DAY = r"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
# Day-first and month-first forms, each with an optional second day: another day ("12 and
# 13 January") or the last day of a stretch ("12-18 November", "Nov. 12-18").  "To" may
# join a day moved to another ("moved from 12 to 18 November"): two days, not a stretch.
_AND = r"\s+(?:and|&)\s+"
_THROUGH = r"(?:\s*(?P<span>-|–)\s*|\s+(?P<through>through)\s+)"
_PATTERNS = [
    re.compile(
        r"\b" + _DAY.format(name="d1") + r"(?:(?:" + _AND + r"|\s+to\s+|" + _THROUGH + r")"
        + _DAY.format(name="d2") + r")?\s+" + _MONTH.format(name="month") + r"\b" + _YEAR
    ),
    re.compile(
        r"\b" + _MONTH.format(name="month") + r"\s+" + _DAY.format(name="d1") + r"\b"
        + r"(?:(?:" + _AND + "|" + _THROUGH + r")" + _DAY.format(name="d2") + r"\b(?!:))?"
        + _YEAR
    ),
]  # fmt: skip
# Between the two days of a stretch across months ("Nov. 30-Dec. 2", "Nov. 30 through Dec. 2").
_ACROSS = re.compile(r"\s*(?:-|–)\s*|\s+through\s+")
_WEEKDAY = re.compile(r"\b(?:on\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_MONTH_ONLY = re.compile(r"\b" + _MONTH.format(name="month") + r"(?!\s+\d)\b")


@dataclass
class DayMatch:
    """One written date expression: the span of each day in it and its ISO value."""

    spans: list[tuple[int, int]]
    values: list[str]
    through: bool = False  # the days are the first and last of one stretch ("Nov. 12-18")


def find_days(text: str, published: str | None = None) -> list[DayMatch]:
    """Every day-precision date in ``text`` (character offsets are into ``text``)."""
    reference = _parse_iso(published)
    matches: list[DayMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            match = _day_match(m, reference)
            if match is not None:
                taken.append((m.start(), m.end()))
                matches.append(match)
    matches = _across_months(text, sorted(matches, key=lambda match: match.spans[0]))
    if reference is not None:
        for m in _WEEKDAY.finditer(text):
            day = _weekday(m.group("weekday"), reference)
            start, end = m.span("weekday")
            matches.append(DayMatch([(start, end)], [day.isoformat()]))
    return sorted(matches, key=lambda match: match.spans[0])


def _across_months(text: str, matches: list[DayMatch]) -> list[DayMatch]:
    """``matches`` with a day, a dash and a later day of another month joined into one
    stretch ("Nov. 30-Dec. 2")."""
    joined: list[DayMatch] = []
    for match in matches:
        last = joined[-1] if joined else None
        if (
            last is not None
            and len(last.values) == len(match.values) == 1
            and _ACROSS.fullmatch(text[last.spans[0][1] : match.spans[0][0]])
            and last.values[0][-5:-3] != match.values[0][-5:-3]  # of another month
            and last.values[0][-5:] < match.values[0][-5:]  # later in the year
        ):
            joined[-1] = DayMatch(last.spans + match.spans, last.values + match.values, True)
        else:
            joined.append(match)
    return joined


def month_of(text: str) -> str:
    """The month name a date expression mentions ("late December" -> "December")."""
    m = _MONTH_ONLY.search(text)
    return MONTH_NAMES[MONTHS[m.group("month")[:3].lower()] - 1] if m else ""


def _day_match(m: re.Match[str], reference: dt.date | None) -> DayMatch | None:
    month = MONTHS[m.group("month")[:3].lower()]
    year = int(m.group("year")) if m.group("year") else None
    spans: list[tuple[int, int]] = []
    values: list[str] = []
    for group in ("d1", "d2"):
        if m.group(group) is None:
            continue
        day = int(m.group(group))
        value = _iso(year, month, day, reference)
        if value is None and group == "d2" and _through(m):
            return DayMatch([_first_day(m)], values)  # "Nov. 28-31": no last day, a first
        if value is None:
            return None
        # The first day's span covers the whole expression so it reads on its own.
        spans.append(m.span() if group == "d1" and m.group("d2") is None else m.span(group))
        values.append(value)
    if len(spans) > 1:
        # "12 and 13 January": each day keeps its own digits; the month is shared.
        spans = [m.span("d1"), m.span("d2")]
        if _through(m):
            if int(m.group("d2")) <= int(m.group("d1")):
                return DayMatch([_first_day(m)], values[:1])  # "Nov. 12-10": a score
            return DayMatch([_first_day(m), m.span("d2")], values, through=True)
    return DayMatch(spans, values) if values else None


def _through(m: re.Match[str]) -> bool:
    """Whether ``m`` reads as the first and last days of one stretch ("Nov. 12-18")."""
    return bool(m.group("d2") and (m.group("span") or m.group("through")))


def _first_day(m: re.Match[str]) -> tuple[int, int]:
    """The first day of a stretch, with its month when the month comes first ("Nov. 12")."""
    return (m.start(), m.end("d1")) if m.start() < m.start("d1") else m.span("d1")


def _iso(year: int | None, month: int, day: int, reference: dt.date | None) -> str | None:
    try:
        probe = dt.date(year or 2000, month, day)
    except ValueError:
        return None
    if year is not None:
        return probe.isoformat()
    if reference is None:
        return f"--{month:02d}-{day:02d}"
    guess = dt.date(reference.year, month, day) if _valid(reference.year, month, day) else None
    if guess is None:
        return f"--{month:02d}-{day:02d}"
    # News looks back more than forward: a date over half a year ahead is last year's.
    if (guess - reference).days > 183:
        guess = guess.replace(year=guess.year - 1)
    elif (reference - guess).days > 183:
        guess = guess.replace(year=guess.year + 1)
    return guess.isoformat()


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _weekday(name: str, reference: dt.date) -> dt.date:
    """The latest ``name`` day on or before the reference date."""
    back = (reference.weekday() - WEEKDAYS.index(name.lower())) % 7
    return reference - dt.timedelta(days=back)


def _parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
