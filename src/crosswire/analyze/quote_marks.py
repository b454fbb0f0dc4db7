"""Quoted stretches of text, found from quotation marks alone (no parse needed).

News text mixes curly, straight and angle quotes, leaves quotes unclosed at the end of
a paragraph, and uses the same character for apostrophes and single quotes; this scanner
copes with each and never lets a quote run past its paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

OPENING_DOUBLE = "“„«‹"
CLOSING_DOUBLE = "”»›"
STRAIGHT_DOUBLE = '"'
OPENING_SINGLE = "‘"
CLOSING_SINGLE = "’"
STRAIGHT_SINGLE = "'"
QUOTE_CHARS = OPENING_DOUBLE + CLOSING_DOUBLE + STRAIGHT_DOUBLE + "‘’'‚"
_BEFORE_OPENING = " \t\n([{—–-/:;,"


@dataclass(frozen=True)
class QuoteSpan:
    """One quotation: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool  # False when the paragraph ended before a closing mark


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Outermost quotations in ``text``, in order, each within one paragraph."""
    spans: list[QuoteSpan] = []
    offset = 0
    for paragraph in text.split("\n"):
        doubles = _double_quotes(paragraph)
        spans.extend(_shift(span, offset) for span in doubles)
        spans.extend(_shift(span, offset) for span in _single_quotes(paragraph, doubles))
        offset += len(paragraph) + 1
    return sorted(spans, key=lambda span: span.start)


def _double_quotes(paragraph: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    opened: int | None = None
    for i, char in enumerate(paragraph):
        if char in OPENING_DOUBLE:
            opened = _reopen(paragraph, opened, i, spans)
        elif char in CLOSING_DOUBLE and opened is not None:
            spans.append(_span(paragraph, opened, i + 1, closed=True))
            opened = None
        elif char == STRAIGHT_DOUBLE:
            if opened is None:
                opened = i if _can_open(paragraph, i) else None
            else:
                spans.append(_span(paragraph, opened, i + 1, closed=True))
                opened = None
    if opened is not None:
        spans.append(_span(paragraph, opened, len(paragraph.rstrip()), closed=False))
    return [span for span in spans if span.inner_end - span.inner_start > 1]


def _reopen(paragraph: str, opened: int | None, at: int, spans: list[QuoteSpan]) -> int:
    if opened is not None:  # a second opener: the earlier quote was never closed
        spans.append(_span(paragraph, opened, len(paragraph[:at].rstrip()), closed=False))
    return at


def _single_quotes(paragraph: str, doubles: list[QuoteSpan]) -> list[QuoteSpan]:
    """Single-quoted stretches outside double quotes; unclosed ones are dropped as apostrophes."""
    spans: list[QuoteSpan] = []
    opened: int | None = None
    for i, char in enumerate(paragraph):
        if any(d.start <= i < d.end for d in doubles):
            opened = None
            continue
        if char in "‘'‚" and opened is None and _can_open(paragraph, i):
            opened = i
        elif char in "’'" and opened is not None and _can_close(paragraph, i):
            if i - opened > 2:
                spans.append(_span(paragraph, opened, i + 1, closed=True))
            opened = None
    return spans


def _can_open(paragraph: str, i: int) -> bool:
    before = paragraph[i - 1] if i > 0 else " "
    after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
    return (before in _BEFORE_OPENING or before in QUOTE_CHARS) and not after.isspace()


def _can_close(paragraph: str, i: int) -> bool:
    before = paragraph[i - 1] if i > 0 else " "
    after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
    return not before.isspace() and not after.isalnum()


def _span(paragraph: str, start: int, end: int, *, closed: bool) -> QuoteSpan:
    inner_start = start + 1
    inner_end = end - 1 if closed else end
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
