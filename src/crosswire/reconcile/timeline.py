"""Dated events resolved to calendar dates and merged across sources.

Each article's date mentions are finished against its reference date: the publication
date, or when there is none, one inferred from the story (the latest date the article
reports as past, with years taken from the nearest explicit full date).  Mentions of the
same date whose clauses share distinctive words become one entry listing every source.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from crosswire.analyze.calendar import month_of
from crosswire.analyze.dates import nearest_year, resolve_expression
from crosswire.config import DEFAULT, Settings
from crosswire.model import ArticleAnalysis, DateMention, Evidence, Story, TimelineEvent
from crosswire.stopwords import STOP_WORDS

__all__ = ["reference_dates", "build_timeline", "date_sort_key"]

# Two clauses on one date are the same event when their distinctive words overlap this much.
# Different sources giving the same day most likely report the same happening, so they need
# less overlap than two clauses of one article; a whole month or year is weaker evidence still.
SAME_DAY_ACROSS_SOURCES = 0.1
SAME_EVENT = 0.25
SAME_MONTH_OR_YEAR = 0.3
SHARED_WORDS = 2  # and have at least this many words in common
SHORT_CLAUSE = 8
NEAR_IDENTICAL = 0.8  # word Jaccard of two clauses that are one clause reprinted
# Embedding cosine (wordllama) of two sources' clauses on one day that tell one happening in
# other words: 0.71 for "collided with the cargo ship" / "the collision between the ferry and
# the cargo ship" in the ferry story; different happenings of one day stay below 0.45 there.
PARAPHRASE_SIMILARITY = 0.6
_QUALIFIER_DAY = {"early": 5, "mid": 15, "late": 25}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+|\d+")
# spaCy's English stop words (no model needed), plus reporting verbs every clause shares.
_STOP = frozenset(STOP_WORDS) | {"said", "says", "told", "called", "including"}


@dataclass
class _Dated:
    """A date mention finished against its article's reference date."""

    source: int
    mention: DateMention
    date: str
    granularity: str
    qualifier: str | None
    inferred_year: bool
    event: str
    words: frozenset[str]
    tokens: frozenset[str] = frozenset()  # every word of the clause, stop words included
    written: str = ""  # the expression as written, when ``date`` is ""
    vector: Any = None  # sentence embedding of ``event`` (day-dated clauses only)


def reference_dates(story: Story) -> dict[int, tuple[str | None, bool]]:
    """Source number -> (reference ISO date, whether it was inferred rather than published).

    An undated article's reference is the latest day it reports as past (its dateline when
    it has one), never earlier than the latest date any article of the story reports as
    past: a 1998 story that recalls "Oct. 3, 1995" was not written in 1995.  When nothing
    fixes a day, the reference is None and year-less dates stay unplaced.
    """
    refs: dict[int, tuple[str | None, bool]] = {}
    floor = _story_floor(story)
    published = [a.published[:10] for a in story.articles if a.published]
    anchor = max(published) if published else _story_anchor(story, floor)
    undated = []
    for number, analysis in enumerate(story.analyses, start=1):
        if analysis.article.published:
            refs[number] = (analysis.article.published[:10], False)
            continue
        own = _latest_reported(analysis.dates, anchor, floor)
        if own is None:
            undated.append(number)
        else:
            refs[number] = (own, True)
    # An article with nothing datable of its own was most likely written with the others.
    inferred = [ref for ref, was_inferred in refs.values() if ref and was_inferred]
    fallback = max(inferred) if inferred else anchor
    for number in undated:
        refs[number] = (fallback, fallback is not None)
    return refs


def _story_floor(story: Story) -> str:
    """First day of the latest period any article reports in the past tense ("" if none).

    Articles are written after what they report as past, so no reference may precede it.
    """
    starts = [
        _period_start(m.date)
        for a in story.analyses
        for m in a.dates
        if m.date and not m.relative and m.tense == "past" and m.granularity != "unknown"
    ]
    return max(starts, default="")


def _period_start(date: str) -> str:
    return (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10]


def _story_anchor(story: Story, floor: str) -> str | None:
    """The latest full date (with its year) any article reports, if no past period follows it."""
    dates = [m.date for a in story.analyses for m in a.dates if m.date and _is_explicit_day(m)]
    latest = max(dates, default=None)
    return latest if latest is not None and latest >= floor else None


def _is_explicit_day(mention: DateMention) -> bool:
    return (
        mention.date is not None
        and not mention.relative
        and mention.granularity == "day"
        and mention.tense != "future"
    )


def _latest_reported(mentions: list[DateMention], anchor: str | None, floor: str) -> str | None:
    """Its dateline, else the latest day an article reports as past (written no earlier)."""
    explicit = [m.date for m in mentions if _is_explicit_day(m) and m.date and m.date >= floor]
    base = max(explicit) if explicit else anchor
    if base is None:
        return None
    reference = dt.date.fromisoformat(base)
    for m in mentions:
        if m.dateline and m.granularity == "day" and (m.date or m.partial):
            day = m.date or _finish_partial(m.partial or "", reference, future=False)
            return day if day >= floor else None
    days = list(explicit)
    for m in mentions:
        if m.partial and m.granularity == "day" and m.tense == "past":
            days.append(_finish_partial(m.partial, reference, future=False))
    days = [d for d in days if d >= floor]
    return max(days) if days else None


def _finish_partial(partial: str, reference: dt.date, future: bool) -> str:
    """'01-10' (or '12') as an ISO date (or month) in the year nearest ``reference``."""
    month, _, day = partial.partition("-")
    year = nearest_year(int(month), int(day or 15), reference, future)
    return f"{year:04d}-{partial}"


# ------------------------------------------------------------------ the timeline


def build_timeline(
    story: Story,
    duplicate_of: dict[int, int | None] | None = None,
    settings: Settings = DEFAULT,
) -> list[TimelineEvent]:
    """Timeline entries ordered by date, each event once with all the sources that date it.

    ``duplicate_of`` (source -> the source it reprints) joins a reprint's mentions to its
    original's; it is computed from the story when not given.  Two sources' clauses on one
    day are one event when their words overlap or their sentence embeddings are close.
    """
    if duplicate_of is None:
        from crosswire.reconcile.independence import find_duplicates

        duplicate_of = find_duplicates(story)
    dated = _dated_mentions(story)
    _embed_days(dated, settings)
    weights = _word_weights([d.words for d in dated])
    groups: dict[tuple[str, str], list[_Dated]] = defaultdict(list)
    for item in dated:
        groups[(item.date or _written_key(item.written), item.granularity)].append(item)
    events = [
        _event(cluster, weights)
        for members in groups.values()
        for cluster in _same_events(members, weights, duplicate_of)
    ]
    return sorted(events, key=_order)


def _order(event: TimelineEvent) -> tuple[tuple[int, int, int], int, int]:
    """Calendar order; entries without a year last, month-days in calendar order, then by source."""
    if event.date:
        return date_sort_key(event.date, event.qualifier), 0, min(event.sources)
    partial = resolve_expression(event.written or "", None).partial or ""
    month, _, day = partial.partition("-")
    key = (9999, int(month or 13), int(day or _QUALIFIER_DAY.get(event.qualifier or "", 0)))
    return key, min(event.sources), min(e.start for e in event.evidence)


def _embed_days(dated: list[_Dated], settings: Settings) -> None:
    """Sentence vectors of the day-dated clauses that another source dates the same day."""
    sources: dict[str, set[int]] = defaultdict(set)
    for item in dated:
        if item.granularity == "day" and item.date:
            sources[item.date].add(item.source)
    shared = [d for d in dated if d.granularity == "day" and len(sources.get(d.date, ())) > 1]
    if not shared:
        return
    from crosswire.embeddings import get_embedder

    vectors = get_embedder(settings.embedding_backend).embed([d.event for d in shared])
    for item, vector in zip(shared, vectors, strict=True):
        item.vector = vector


def _written_key(written: str) -> str:
    return "?" + " ".join(_WORD.findall(written.lower()))


def _dated_mentions(story: Story) -> list[_Dated]:
    refs = reference_dates(story)
    dated = []
    for number, analysis in enumerate(story.analyses, start=1):
        reference, inferred = refs.get(number, (None, False))
        text = analysis.article.text
        seen: set[tuple[int, int, str]] = set()
        for mention in analysis.dates:
            # A dateline is when the article was filed; a date naming a thing is no event.
            if mention.dateline or not mention.event:
                continue
            finished = _finish(mention, reference, inferred)
            if finished is None:
                continue
            date, granularity, qualifier = finished
            key = (mention.event_start, mention.event_end, date or mention.text)
            if key in seen:  # "12 and 13 January" dates one clause twice, once per day
                continue
            seen.add(key)
            event = text[mention.event_start : mention.event_end]
            words = _content_words(event, mention.text)
            if len(words) < SHORT_CLAUSE:  # too few words to compare: use the whole sentence
                words |= _content_words(_sentence_of(analysis, mention.start), mention.text)
            dated.append(
                _Dated(
                    source=number,
                    mention=mention,
                    date=date,
                    granularity=granularity,
                    qualifier=qualifier,
                    inferred_year=inferred and mention.relative and bool(date),
                    event=event,
                    words=words,
                    tokens=frozenset(w.lower() for w in _WORD.findall(event)),
                    written="" if date else mention.text,
                )
            )
    return dated


def _finish(
    mention: DateMention, reference: str | None, inferred: bool
) -> tuple[str, str, str | None] | None:
    """(date, granularity, qualifier) of a mention; date "" when no source fixes its year.

    Against an inferred reference only near dates are placed (a weekday, a month-day, last
    month): "150 years ago" from a guessed day would be a guessed year.
    """
    date, granularity = mention.date, mention.granularity
    if mention.relative and reference is not None and inferred:
        future = mention.tense == "future"
        if mention.partial:
            date = _finish_partial(mention.partial, dt.date.fromisoformat(reference), future)
        else:
            resolved = resolve_expression(mention.text, reference, future)
            date, granularity = resolved.date, resolved.granularity
        if date is not None and not _near(date, reference):
            return None
    if mention.relative and date is not None and reference is not None:
        date = _not_after(date, reference, mention)
    if date is None:
        # Unplaceable: keep the happenings a story dates by weekday or month, year unstated.
        if mention.relative and mention.partial:
            return "", granularity, mention.qualifier
        if mention.relative and _NEAR_WORDS.search(mention.text):
            return "", "day", mention.qualifier
        return None
    if granularity not in ("day", "month", "year"):
        return None
    return date, granularity, mention.qualifier


_NEAR_WORDS = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight)\b",
    re.I,
)


def _near(date: str, reference: str) -> bool:
    """Whether ``date`` lies within a year of ``reference`` (either may be a month or year)."""
    gap = dt.date.fromisoformat(_period_start(date)) - dt.date.fromisoformat(reference)
    return abs(gap.days) <= 366


def _not_after(date: str, reference: str, mention: DateMention) -> str:
    """A year-less date the article reports as past is not after its reference: a year back."""
    if mention.tense != "past" or not month_of(mention.text) or date <= reference[: len(date)]:
        return date
    return f"{int(date[:4]) - 1:04d}{date[4:]}"


def _sentence_of(analysis: ArticleAnalysis, offset: int) -> str:
    for sentence in analysis.sentences:
        if sentence.start <= offset < sentence.end:
            return sentence.text
    return ""


def _content_words(event: str, date_text: str) -> frozenset[str]:
    """Lower-cased content words of a clause, without the date expression's own words."""
    skip = {w.lower() for w in _WORD.findall(date_text)}
    words = (w.lower().strip("'’") for w in _WORD.findall(event))
    return frozenset(_stem(w) for w in words if w not in _STOP and w not in skip and len(w) > 2)


def _stem(word: str) -> str:
    """A crude stem so 'talks'/'talk' and 'meeting'/'meetings' meet."""
    for suffix in ("ings", "ing", "ies", "es", "s", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _word_weights(bags: list[frozenset[str]]) -> dict[str, float]:
    """Inverse document frequency over the story's dated clauses: shared story words count less."""
    counts = Counter(word for bag in bags for word in bag)
    total = len(bags) + 1
    return {word: math.log(total / count) + 1.0 for word, count in counts.items()}


def _similarity(a: frozenset[str], b: frozenset[str], weights: dict[str, float]) -> float:
    """Weighted overlap of two clauses' words, relative to the smaller clause."""
    if len(a & b) < min(SHARED_WORDS, len(a), len(b)) or not a & b:
        return 0.0
    shared = sum(weights.get(w, 1.0) for w in a & b)
    smaller = min(sum(weights.get(w, 1.0) for w in a), sum(weights.get(w, 1.0) for w in b))
    return shared / smaller if smaller else 0.0


def _same_events(
    members: list[_Dated], weights: dict[str, float], duplicate_of: dict[int, int | None]
) -> list[list[_Dated]]:
    """Single-link groups of the mentions of one date whose clauses describe the same event."""
    clusters: list[list[_Dated]] = []

    def origin(source: int) -> int:
        return duplicate_of.get(source) or source

    def same(a: _Dated, b: _Dated) -> bool:
        if _near_identical(a.tokens, b.tokens):
            return True  # a reprint's clause, or the same words in another article
        if _paraphrase(a, b):
            return True  # the same happening in other words
        if origin(a.source) == origin(b.source) and a.source != b.source:
            needed = SAME_DAY_ACROSS_SOURCES  # a reprint repeats its original's events
        elif a.granularity != "day":
            needed = SAME_MONTH_OR_YEAR
        else:
            needed = SAME_DAY_ACROSS_SOURCES if a.source != b.source else SAME_EVENT
        return _similarity(a.words, b.words, weights) >= needed

    for item in members:
        joined = [c for c in clusters if any(same(item, other) for other in c)]
        merged = [item] + [o for c in joined for o in c]
        clusters = [c for c in clusters if c not in joined] + [merged]
    return clusters


def _paraphrase(a: _Dated, b: _Dated) -> bool:
    """Two sources' clauses whose sentence embeddings say one thing."""
    if a.source == b.source or a.vector is None or b.vector is None:
        return False
    return float(a.vector @ b.vector) >= PARAPHRASE_SIMILARITY


def _near_identical(a: frozenset[str], b: frozenset[str]) -> bool:
    """Clauses whose words are nearly all the same (short clauses included)."""
    return bool(a and b) and len(a & b) / len(a | b) >= NEAR_IDENTICAL


def _event(cluster: list[_Dated], weights: dict[str, float]) -> TimelineEvent:
    """One timeline entry from the mentions of one event; the most central clause speaks for it."""
    cluster.sort(key=lambda d: (d.source, d.mention.start))

    def centrality(item: _Dated) -> tuple[float, int]:
        score = sum(_similarity(item.words, o.words, weights) for o in cluster if o is not item)
        return score, -len(item.event)

    best = max(cluster, key=centrality)
    qualifiers = {d.qualifier for d in cluster}
    first = cluster[0]
    return TimelineEvent(
        date=first.date,
        granularity=first.granularity,  # type: ignore[arg-type]
        event=best.event,
        sources=sorted({d.source for d in cluster}),
        evidence=[Evidence(d.source, d.mention.event_start, d.mention.event_end) for d in cluster],
        qualifier=qualifiers.pop() if len(qualifiers) == 1 else None,
        inferred_year=all(d.inferred_year for d in cluster),
        written=best.written or None,
    )


def date_sort_key(date: str, qualifier: str | None = None) -> tuple[int, int, int]:
    """Sort key that puts a month before its days and 'late December' among late days.

    An entry without a calendar date ("" : its year is not stated) sorts last.
    """
    if not date:
        return 9999, 99, 99
    parts = [int(p) for p in date.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else (_QUALIFIER_DAY.get(qualifier or "", 0) * 12) // 31
    day = parts[2] if len(parts) > 2 else _QUALIFIER_DAY.get(qualifier or "", 0)
    return year, month, day
