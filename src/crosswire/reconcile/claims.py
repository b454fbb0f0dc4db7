"""Claims aligned across outlets into one outlet x claim matrix, with discrepancies.

Assertions (``analyze.quantities``) about the same subject and the same attribute
become one ``Claim``; never are different attributes compared (hours of talks vs
hours of flight, passengers vs crew).  Two values *conflict* when

- their intervals cannot overlap ("seven hours" [6.5, 7.5] vs "eight hours"), or
- their stated figures differ and at least one is given plainly, without a hedge
  ("212 passengers" vs "about 210"): a precise figure is a claim of precision, and
  the reader should see the other outlet's figure beside it.

Hedged figures that overlap ("more than seven hours", "nearly eight hours") agree, as
do the same figure in other words ("seven hours", "7 hours").  Reprints count once:
``independent_sources`` counts reprint groups, and a claim only one group makes is
``single``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from crosswire.analyze.dates import nearest_year
from crosswire.analyze.numbers import parse_number, unit_of
from crosswire.analyze.subjects import EVENT_FAMILIES
from crosswire.model import Assertion, Claim, ClaimValue, Entity, Evidence, Story
from crosswire.reconcile.timeline import reference_dates

# Words that say what kind of thing a subject is, not which one.
GENERIC = {
    "the", "of", "for", "and", "in", "on", "a", "an", "council", "permanent", "meeting",
    "organization", "organisation", "committee", "session", "u.s.", "us", "president",
}  # fmt: skip
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_YEARLESS = re.compile(r"--\d{2}(?:-\d{2})?")
_QUALIFIER = re.compile(r"\b(?:late|early|mid|mid-)\s+", re.IGNORECASE)
STATUS_ORDER = {"discrepancy": 0, "agreed": 1, "single": 2}


@dataclass
class _Member:
    source: int
    assertion: Assertion


@dataclass
class _Group:
    attribute: str
    family: str
    names: set[str]
    members: list[_Member] = field(default_factory=list)


def reconcile_claims(
    story: Story, entities: list[Entity], duplicate_of: dict[int, int | None]
) -> list[Claim]:
    """Aligned claims: discrepancies first, then agreed facts, then single-source ones."""
    places = _place_words(entities)
    groups: list[_Group] = []
    for number, analysis in enumerate(story.analyses, start=1):
        for assertion in analysis.assertions:
            _place(groups, _Member(number, assertion), places)
    claims = [_claim(group, duplicate_of) for group in groups]
    _date_yearless_values(claims, reference_dates(story))
    return sorted(
        claims,
        key=lambda c: (STATUS_ORDER[c.status], -c.independent_sources, c.subject, c.attribute),
    )


# ------------------------------------------------------------------------ alignment


def attribute_key(attribute: str) -> str:
    """ "number of crew members in late December" -> "number of crew in december"."""
    words = _WORD.findall(_QUALIFIER.sub("", attribute.lower()))
    words = [w for w in words if w not in ("members", "member", "boats", "boat")]
    return " ".join(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words)


def subject_key(subject: str, places: set[str]) -> tuple[str, set[str]]:
    """(event family, identifying name words) of a subject as extraction wrote it."""
    words = [w.lower() for w in _WORD.findall(subject)]
    family = next((EVENT_FAMILIES[w] for w in reversed(words) if w in EVENT_FAMILIES), "")
    names = {w for w in words if w not in GENERIC and w not in EVENT_FAMILIES}
    # Only an event's place is a qualifier ("Geneva talks"); a ship may be named "Polar Wren".
    return family, names - places if family else names


def _place(groups: list[_Group], member: _Member, places: set[str]) -> None:
    """Put an assertion in the group of its subject and attribute, or start one."""
    attribute = attribute_key(member.assertion.attribute)
    family, names = subject_key(member.assertion.subject, places)
    candidates = [g for g in groups if g.attribute == attribute and _same(g, family, names)]
    if not family and not names:
        # An unanchored value ("38 crew") joins the group its value fits, else the
        # largest group of its attribute: it is most likely about the story's main subject.
        candidates = [g for g in groups if g.attribute == attribute]
        fitting = [g for g in candidates if not _conflicts_with(g, member.assertion)]
        candidates = fitting or candidates
    if candidates:
        best = max(candidates, key=lambda g: (len(g.names & names), len(g.members)))
        best.members.append(member)
        best.names |= names
        best.family = best.family or family
        return
    groups.append(_Group(attribute, family, set(names), [member]))


def _same(group: _Group, family: str, names: set[str]) -> bool:
    if family and group.family and family != group.family:
        return False
    if not names or not group.names:
        # Unnamed "talks" are not the named "NATO-Russia Council" meeting.
        return not names and not group.names or not family and not names
    overlap = len(names & group.names) / min(len(names), len(group.names))
    return overlap >= 0.5


def _place_words(entities: list[Entity]) -> set[str]:
    """Words of place names: "Geneva talks" and "talks" are the same talks."""
    words: set[str] = set()
    for entity in entities:
        if entity.type in ("GPE", "LOC"):
            for variant in [entity.name, *entity.variants]:
                words.update(w.lower() for w in _WORD.findall(variant))
    return words


# ----------------------------------------------------------------------- comparison


def _conflicts_with(group: _Group, assertion: Assertion) -> bool:
    return any(conflict(m.assertion, assertion) for m in group.members)


def conflict(a: Assertion, b: Assertion) -> bool:
    """Whether two assertions of one claim cannot both be true as stated."""
    if a.kind in ("date", "place") or b.kind in ("date", "place"):
        return not _same_text_value(a, b)
    if not _overlap(_bounds(a), _bounds(b)):
        return True
    stated_a, stated_b = stated(a), stated(b)
    if stated_a is None or stated_b is None or abs(stated_a - stated_b) < 1e-9:
        return False
    return a.hedge is None or b.hedge is None


def _bounds(assertion: Assertion) -> tuple[float, float]:
    low = assertion.low if assertion.low is not None else -math.inf
    return low, assertion.high if assertion.high is not None else math.inf


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    low, high = max(a[0], b[0]), min(a[1], b[1])
    if a[0] == a[1] or b[0] == b[1]:
        return low <= high + 1e-9
    return low < high - 1e-9


def stated(assertion: Assertion) -> float | None:
    """The figure as written, in the base unit of its dimension ("7.5 hour" -> 7.5)."""
    number, _, unit = assertion.value.partition(" ")
    value = parse_number(number)
    if value is None:
        return None
    known = unit_of(unit) if unit else None
    factor = known[1] if known is not None else 1.0
    return value.number * factor


def _same_text_value(a: Assertion, b: Assertion) -> bool:
    if a.kind == "date" and b.kind == "date":
        # A date without a year ("--01-12") matches any year's same day.
        if a.value.startswith("--") or b.value.startswith("--"):
            return a.value[-5:] == b.value[-5:]
        return a.value == b.value
    x, y = a.value.lower(), b.value.lower()
    return x == y or x in y or y in x


# --------------------------------------------------------------------------- claims


def _claim(group: _Group, duplicate_of: dict[int, int | None]) -> Claim:
    values: list[ClaimValue] = []
    representative: list[Assertion] = []
    for member in sorted(group.members, key=lambda m: m.source):
        assertion = member.assertion
        index = next((i for i, r in enumerate(representative) if _same_value(r, assertion)), None)
        if index is None:
            representative.append(assertion)
            values.append(_value(assertion))
            index = len(values) - 1
        value = values[index]
        if member.source not in value.sources or assertion.text not in value.wording:
            if member.source not in value.sources:
                value.sources.append(member.source)
            value.wording.append(assertion.text)
            value.evidence.append(Evidence(member.source, assertion.start, assertion.end))
    independent = {_group_of(s, duplicate_of) for m in group.members for s in [m.source]}
    clash = any(conflict(a, b) for i, a in enumerate(representative) for b in representative[i:])
    status: Literal["agreed", "discrepancy", "single"] = (
        "single" if len(independent) < 2 else "discrepancy" if clash else "agreed"
    )
    return Claim(
        subject=_most_common([m.assertion.subject for m in group.members if m.assertion.subject]),
        attribute=_most_common([m.assertion.attribute for m in group.members]),
        status=status,
        values=values,
        independent_sources=len(independent),
    )


def _same_value(a: Assertion, b: Assertion) -> bool:
    if a.kind in ("date", "place"):
        return _same_text_value(a, b)
    return (a.value, (a.hedge or "").lower()) == (b.value, (b.hedge or "").lower()) or (
        a.hedge is None and b.hedge is None and stated(a) == stated(b) and stated(a) is not None
    )


def _value(assertion: Assertion) -> ClaimValue:
    return ClaimValue(
        value=assertion.value,
        hedge=assertion.hedge.lower() if assertion.hedge else None,
        low=assertion.low,
        high=assertion.high,
    )


def _date_yearless_values(
    claims: list[Claim], references: dict[int, tuple[str | None, bool]]
) -> None:
    """Give "--01-12" the year that puts it nearest its first source's reference date."""
    for value in (v for c in claims for v in c.values):
        if not _YEARLESS.fullmatch(value.value) or not value.sources:
            continue
        reference = references.get(value.sources[0], (None, False))[0]
        if reference is None:
            continue
        value.value = _with_year(value.value, date.fromisoformat(reference[:10]))


def _with_year(yearless: str, reference: date) -> str:
    """``--MM-DD`` (or ``--MM``) with the year the timeline would give it."""
    month, _, day = yearless[2:].partition("-")
    year = nearest_year(int(month), int(day or 15), reference)
    return f"{year}-{month}-{day}" if day else f"{year}-{month}"


def _group_of(source: int, duplicate_of: dict[int, int | None]) -> int:
    original = duplicate_of.get(source)
    return original if original is not None else source


def _most_common(items: list[str]) -> str:
    if not items:
        return ""
    counts = Counter(items)
    return max(counts, key=lambda item: (counts[item], -len(item)))
