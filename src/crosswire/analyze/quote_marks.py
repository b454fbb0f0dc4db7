"""Quoted stretches of text, found from quotation marks alone (no parse needed).

News text mixes curly, straight, angle and wire-style (``…'') quotes, leaves quotes unclosed at
the end of a paragraph when the quotation runs on into the next one (which opens with a fresh
mark), and uses the same character for apostrophes and single quotes; this scanner copes with
each.  A quotation never runs past a paragraph unless the next paragraph opens by continuing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING_DOUBLE = "“„«‹"
CLOSING_DOUBLE = "”»›"
STRAIGHT_DOUBLE = '"'
OPENING_SINGLE = "‘"
CLOSING_SINGLE = "’"
STRAIGHT_SINGLE = "'"
WIRE_OPENING = "``"  # wire copy and PTB-style text: ``like this''
WIRE_CLOSING = "''"  # … and some archives use it at both ends: ''like this
QUOTE_CHARS = OPENING_DOUBLE + CLOSING_DOUBLE + STRAIGHT_DOUBLE + "‘’'‚`"
_BEFORE_OPENING = " \t\n([{—–-/:;,"
_OPEN, _CLOSE, _STRAIGHT = "open", "close", "straight"
_SINGLE_MARK = re.compile("[‘’'‚`]")
_WIRE_MARK = re.compile("(?=``|'')")
_RUN = re.compile(b"\x01+")
# Each double mark's role (WIRE_CLOSING closes ``…'', and opens and closes ''…'': straight);
# the wire marks come first, so the pattern takes `` and '' whole before any one-character mark.
_ROLES = {WIRE_OPENING: _OPEN, WIRE_CLOSING: _STRAIGHT, STRAIGHT_DOUBLE: _STRAIGHT}
_ROLES.update(dict.fromkeys(OPENING_DOUBLE, _OPEN))
_ROLES.update(dict.fromkeys(CLOSING_DOUBLE, _CLOSE))
_DOUBLE_MARK = re.compile("|".join(re.escape(mark) for mark in _ROLES))


@dataclass(frozen=True)
class QuoteSpan:
    """One quotation: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool  # False when the paragraph ended before a closing mark


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Outermost quotations in ``text``, in order; unclosed ones carried into the next paragraph."""
    spans: list[QuoteSpan] = []
    offset = 0
    for paragraph in text.split("\n"):
        doubles = _double_quotes(paragraph)
        spans.extend(_shift(span, offset) for span in doubles)
        spans.extend(_shift(span, offset) for span in _single_quotes(paragraph, doubles))
        offset += len(paragraph) + 1
    return _join_paragraphs(text, sorted(spans, key=lambda span: span.start))


def _marks(paragraph: str) -> list[tuple[int, int, str]]:
    """Double quotation marks as (position, length, role), read left to right: a wire mark
    (`` or '') takes both its characters before a one-character mark is looked for."""
    return [(m.start(), len(m[0]), _ROLES[m[0]]) for m in _DOUBLE_MARK.finditer(paragraph)]


def _double_quotes(paragraph: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    opened: tuple[int, int] | None = None  # position and length of the opening mark
    for at, length, role in _marks(paragraph):
        if role == _OPEN:
            if opened is not None:  # a second opener: the earlier quote was never closed
                end = len(paragraph[:at].rstrip())
                spans.append(_span(paragraph, opened, (end, 0), closed=False))
            opened = (at, length)
        elif role == _CLOSE and opened is not None:
            spans.append(_span(paragraph, opened, (at, length), closed=True))
            opened = None
        elif role == _STRAIGHT:
            if opened is None:
                opened = (at, length) if _can_open(paragraph, at) else None
            else:
                spans.append(_span(paragraph, opened, (at, length), closed=True))
                opened = None
    if opened is not None:
        spans.append(_span(paragraph, opened, (len(paragraph.rstrip()), 0), closed=False))
    return [span for span in spans if span.inner_end - span.inner_start > 1]


def _single_quotes(paragraph: str, doubles: list[QuoteSpan]) -> list[QuoteSpan]:
    """Single-quoted stretches outside double quotes; unclosed ones are dropped as apostrophes.

    Only two kinds of position matter: a single mark, and one inside a double quote or a
    wire mark (`` or ''), where a quote opened before is dropped; a run of the latter acts as
    its first position, so the scan visits the marks and the runs' starts, not every character.
    """
    blocked = _blocked(paragraph, doubles)
    stops = {m.start() for m in _SINGLE_MARK.finditer(paragraph)}
    stops.update(m.start() for m in _RUN.finditer(blocked))
    spans: list[QuoteSpan] = []
    opened: int | None = None
    for i in sorted(stops):
        char = paragraph[i]
        if blocked[i]:
            opened = None
            continue
        if char in "‘'‚`" and opened is None and _can_open(paragraph, i):
            opened = i
        elif char in "’'" and opened is not None and _can_close(paragraph, i):
            if i - opened > 2:
                spans.append(_span(paragraph, (opened, 1), (i, 1), closed=True))
            opened = None
    return spans


def _blocked(paragraph: str, doubles: list[QuoteSpan]) -> bytes:
    """1 at each position inside a double quote or part of a two-character wire mark."""
    blocked = bytearray(len(paragraph))
    for d in doubles:
        start, end = max(0, d.start), min(len(paragraph), d.end)
        if end > start:
            blocked[start:end] = b"\x01" * (end - start)
    for match in _WIRE_MARK.finditer(paragraph):  # `` or '' at i, i + 1 (overlapping)
        blocked[match.start()] = blocked[match.start() + 1] = 1
    return bytes(blocked)


def _join_paragraphs(text: str, spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """An unclosed quotation ending its paragraph continues when the next paragraph opens one."""
    joined: list[QuoteSpan] = []
    for span in spans:
        previous = joined[-1] if joined else None
        if previous is not None and not previous.closed and _continues(text, previous, span):
            joined[-1] = QuoteSpan(
                previous.start, span.end, previous.inner_start, span.inner_end, span.closed
            )
        else:
            joined.append(span)
    return joined


def _continues(text: str, previous: QuoteSpan, span: QuoteSpan) -> bool:
    between = text[previous.end : span.start]
    opens_double = text.startswith(WIRE_OPENING, span.start) or text[span.start] in (
        OPENING_DOUBLE + STRAIGHT_DOUBLE
    )
    return "\n" in between and between.strip() == "" and opens_double


def _can_open(paragraph: str, i: int) -> bool:
    before = paragraph[i - 1] if i > 0 else " "
    after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
    return (before in _BEFORE_OPENING or before in QUOTE_CHARS) and not after.isspace()


def _can_close(paragraph: str, i: int) -> bool:
    before = paragraph[i - 1] if i > 0 else " "
    after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
    return not before.isspace() and not after.isalnum()


def _span(
    paragraph: str, opening: tuple[int, int], closing: tuple[int, int], *, closed: bool
) -> QuoteSpan:
    start = opening[0]
    end = closing[0] + closing[1]
    inner_start = start + opening[1]
    inner_end = closing[0]
    while inner_start < inner_end and paragraph[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and paragraph[inner_end - 1] in " \t,":
        inner_end -= 1
    return QuoteSpan(start, end, inner_start, inner_end, closed)


def _shift(span: QuoteSpan, offset: int) -> QuoteSpan:
    return QuoteSpan(
        span.start + offset,
        span.end + offset,
        span.inner_start + offset,
        span.inner_end + offset,
        span.closed,
    )
