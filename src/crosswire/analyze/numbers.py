"""Numbers as news writes them: number words, units and hedges, turned into intervals.

"more than seven hours" is (7, inf) hours, "nearly eight hours" about [7.5, 8),
"approximately 7.5 hours" about [7.1, 7.9], "212 passengers" exactly 212 and
"about 210 passengers" roughly [200, 220].  Comparing intervals instead of numbers
lets rounded and exact figures agree while real differences still show.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

INF = math.inf

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a": 1, "an": 1, "single": 1, "half": 0.5,
}  # fmt: skip
_SCALE = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9}

# Hedge phrases, longest first so "just over" wins over "over".  The kind says which
# interval the hedged number stands for.
HEDGES: list[tuple[str, str]] = [
    ("no more than", "at_most"), ("no fewer than", "at_least"), ("no less than", "at_least"),
    ("more than", "above"), ("greater than", "above"), ("in excess of", "above"),
    ("upwards of", "above"), ("just over", "above"), ("over", "above"),
    ("at least", "at_least"), ("a minimum of", "at_least"),
    ("fewer than", "below"), ("less than", "below"), ("just under", "nearly"),
    ("under", "below"), ("below", "below"),
    ("at most", "at_most"), ("up to", "at_most"), ("a maximum of", "at_most"),
    ("nearly", "nearly"), ("almost", "nearly"), ("close to", "nearly"), ("just shy of", "nearly"),
    ("approximately", "about"), ("approx.", "about"), ("near", "about"), ("about", "about"),
    ("around", "about"),
    ("roughly", "about"), ("some", "about"), ("an estimated", "about"), ("estimated", "about"),
    ("circa", "about"), ("perhaps", "about"),
]  # fmt: skip

# Unit word -> (dimension, factor to the dimension's base unit, canonical name).
UNITS: dict[str, tuple[str, float, str]] = {
    "second": ("duration", 1 / 3600, "second"), "sec": ("duration", 1 / 3600, "second"),
    "minute": ("duration", 1 / 60, "minute"), "min": ("duration", 1 / 60, "minute"),
    "hour": ("duration", 1.0, "hour"), "hr": ("duration", 1.0, "hour"),
    "day": ("duration", 24.0, "day"), "week": ("duration", 168.0, "week"),
    "month": ("duration", 730.0, "month"), "year": ("duration", 8766.0, "year"),
    "nautical mile": ("distance", 1852.0, "nautical mile"),
    "kilometre": ("distance", 1000.0, "km"), "kilometer": ("distance", 1000.0, "km"),
    "km": ("distance", 1000.0, "km"), "mile": ("distance", 1609.344, "mile"),
    "metre": ("distance", 1.0, "m"), "meter": ("distance", 1.0, "m"), "m": ("distance", 1.0, "m"),
    "foot": ("distance", 0.3048, "foot"), "feet": ("distance", 0.3048, "foot"),
    "knot": ("speed", 1.852, "knot"), "kph": ("speed", 1.0, "km/h"), "km/h": ("speed", 1.0, "km/h"),
    "mph": ("speed", 1.609344, "mph"),
    "percent": ("percentage", 1.0, "%"), "per cent": ("percentage", 1.0, "%"),
    "%": ("percentage", 1.0, "%"),
    "tonne": ("mass", 1000.0, "tonne"), "ton": ("mass", 1000.0, "tonne"),
    "kilogram": ("mass", 1.0, "kg"), "kg": ("mass", 1.0, "kg"),
}  # fmt: skip
_NUMERAL = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class Value:
    """A number as written, with how precisely it was written."""

    number: float
    precision: float  # half the unit of its last significant digit


def parse_number(text: str) -> Value | None:
    """``Value`` of "7.5", "1,200", "seven", "twenty-five", "two hundred", "1.2 million"."""
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    fraction = _fraction(words)
    if fraction is not None:
        return fraction
    if _NUMERAL.match(words[0]):
        value = _numeral(words[0])
        for word in words[1:]:
            if word not in _SCALE:
                return None
            value = Value(value.number * _SCALE[word], value.precision * _SCALE[word])
        return value
    return _number_words(words)


_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4}
_SLASHED = re.compile(r"^(\d+)/(\d+)$")


def _fraction(words: list[str]) -> Value | None:
    """ "two-thirds", "one third", "3 1/2", "three and one-half": a number with a fraction."""
    whole = 0.0
    if len(words) >= 2 and words[-1] in _DENOMINATORS:
        numerator = _number_words([w for w in words[-2:-1] if w not in ("a", "an")] or ["one"])
        if words[-2] in ("a", "an"):
            numerator = Value(1.0, 0.5)
        rest = [w for w in words[:-2] if w != "and"]
        if numerator is None or (rest and parse_number(" ".join(rest)) is None):
            return None
        if rest and (value := parse_number(" ".join(rest))) is not None:
            whole = value.number
        number = whole + numerator.number / _DENOMINATORS[words[-1]]
        return Value(number, 0.5 / _DENOMINATORS[words[-1]])
    slashed = _SLASHED.match(words[-1])
    if slashed and int(slashed[2]):
        rest = [w for w in words[:-1] if w != "and"]
        base = parse_number(" ".join(rest)) if rest else None
        if rest and base is None:
            return None
        whole = base.number if base is not None else 0.0
        return Value(whole + int(slashed[1]) / int(slashed[2]), 0.25)
    return None


def _numeral(token: str) -> Value:
    digits = token.replace(",", "")
    number = float(digits)
    if "." in digits:
        return Value(number, 0.5 * 10 ** -len(digits.split(".")[1]))
    trailing = len(digits) - len(digits.rstrip("0")) if number else 0
    # "1,500" is probably rounded to the hundred; "7" or "212" is as written.
    return Value(number, 0.5 * 10**trailing if trailing else 0.5)


def _number_words(words: list[str]) -> Value | None:
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        if word == "and" and seen:
            continue
        if word in ("a", "an") and len(words) > 1:
            continue  # "a dozen", "a hundred", "five and a half"
        if word in _SMALL:
            current += _SMALL[word]
        elif word in _SCALE:
            current = (current or 1) * _SCALE[word]
            if _SCALE[word] >= 1000:
                total, current = total + current, 0.0
        else:
            return None
        seen = True
    number = total + current
    if not seen:
        return None
    scale = max([_SCALE[w] for w in words if w in _SCALE and w != "dozen"], default=1.0)
    return Value(number, 0.25 * scale if "half" in words else 0.5 * scale)


def split_hedge(text: str) -> tuple[str | None, str, str]:
    """(hedge as written, its kind, rest of the text) for a leading hedge phrase."""
    lowered = text.lower()
    for phrase, kind in HEDGES:
        if lowered.startswith(phrase + " "):
            return text[: len(phrase)], kind, text[len(phrase) + 1 :].lstrip()
    return None, "", text


def hedge_kind(hedge: str | None) -> str:
    """The interval kind of a hedge phrase ("" when it is not one)."""
    if not hedge:
        return ""
    return next((kind for phrase, kind in HEDGES if phrase == hedge.lower()), "")


def interval(value: Value, kind: str, exact: bool = False) -> tuple[float, float]:
    """The range a number stands for given its hedge kind; ``exact`` for head counts."""
    n = value.number
    # Small counts ("two calls", "14 injured") are exact; measured amounts are rounded,
    # but a round figure is read as rounded by at most a tenth ("200", not 150..250).
    slack = 0.0 if exact and value.precision <= 0.5 else value.precision
    if value.precision > 0.5:
        slack = min(slack, 0.1 * n)
    loose = max(slack, 0.05 * n)
    if kind == "above":
        return n, INF
    if kind == "at_least":
        return n, INF
    if kind == "below":
        return 0.0, n
    if kind == "at_most":
        return 0.0, n
    if kind == "nearly":
        return n - max(min(value.precision, 0.1 * n), 0.05 * n), n
    if kind == "about":
        return n - loose, n + loose
    return n - slack, n + slack


def compatible(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two value intervals can describe the same fact.

    Point values (exact counts) are closed; ranges that merely touch ("seven hours" =
    [6.5, 7.5] and "eight hours" = [7.5, 8.5]) do not overlap, so they disagree.
    """
    low = max(a[0], b[0])
    high = min(a[1], b[1])
    if a[0] == a[1] or b[0] == b[1]:
        return low <= high + 1e-9
    return low < high - 1e-9


def unit_of(text: str) -> tuple[str, float, str] | None:
    """(dimension, factor to base unit, canonical name) of a unit word, plural or not."""
    word = text.lower().strip(". ")
    if word in UNITS:
        return UNITS[word]
    for suffix in ("es", "s"):
        if word.endswith(suffix) and word[: -len(suffix)] in UNITS:
            return UNITS[word[: -len(suffix)]]
    return None


def format_number(number: float) -> str:
    """7.0 -> "7", 7.5 -> "7.5", 1200.0 -> "1200"."""
    return f"{number:g}" if abs(number) < 1e15 else str(number)
