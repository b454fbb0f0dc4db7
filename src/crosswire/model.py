"""The records every stage passes on.

Per-article records (``Sentence``, ``Mention``, ``Attribution``, ``Assertion``,
``DateMention``) carry ``article_id`` plus ``start``/``end`` character offsets
into that article's cleaned ``text``.  Cross-article records (``Entity``,
``Quote``, ``Claim``, ``TimelineEvent``, ``SummarySentence``) refer to articles
by their source number in the story (1-based, the numbers a brief cites) and
keep ``Evidence`` offsets the same way.

All records are plain dataclasses of JSON-friendly fields so that ``to_dict``
and ``from_dict`` round-trip them (the store relies on this).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

SCHEMA = "crosswire.brief/1"

# --------------------------------------------------------------------------- input


@dataclass
class Removal:
    """A piece of text the cleaner dropped, and why."""

    text: str
    reason: str


@dataclass
class Article:
    """One cleaned news article; ``text`` is what every offset points into."""

    id: str  # content hash of the raw text, stable across runs
    text: str
    outlet: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when known
    author: str | None = None
    path: str | None = None  # file it came from, with "#line" for JSONL
    language: str = "en"
    removed: list[Removal] = field(default_factory=list)


# ------------------------------------------------------------ per-article analysis


@dataclass
class Sentence:
    article_id: str
    start: int
    end: int
    text: str


@dataclass
class Mention:
    """A named-entity mention, linked to the fullest form of its name in the article."""

    article_id: str
    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, GPE, LOC, NORP, FAC, EVENT ...
    name: str = ""  # fullest form of this entity's name within the article
    role: str | None = None  # title or role stated next to the mention
    sentence: int = -1  # index into ArticleAnalysis.sentences


@dataclass
class Attribution:
    """One source's report of speech: direct quote or reported speech."""

    article_id: str
    start: int  # content span
    end: int
    text: str
    kind: Literal["direct", "indirect"] = "direct"
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_text: str | None = None  # as written: "he", "Ms Sherman", "the deputy secretary"
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker: str | None = None  # fullest in-article name the speaker resolved to, if any
    # a stance or deed, not words ("criticized <the plan>", "<turnout> is expected <to rise>"):
    # a lower-certainty attribution the brief keeps out of its quotes
    stance: bool = False


@dataclass
class Assertion:
    """A checkable value one article states about something (a quantity, count, date, place)."""

    article_id: str
    start: int  # the value as written
    end: int
    text: str
    subject: str  # what it is about, e.g. "talks in Geneva"
    attribute: str  # which property, e.g. "duration"
    kind: Literal["quantity", "count", "date", "place"] = "quantity"
    value: str = ""  # normalised value, e.g. "7 hour", "2025-10-14", "Geneva"
    unit: str | None = None
    hedge: str | None = None  # "nearly", "more than", "about" ...
    low: float | None = None  # the interval the hedged value stands for
    high: float | None = None
    sentence_start: int = 0  # the sentence the value was found in
    sentence_end: int = 0


@dataclass
class DateMention:
    """A date expression and the clause it dates, as written in one article."""

    article_id: str
    start: int
    end: int
    text: str
    event_start: int  # the clause or sentence the date attaches to
    event_end: int
    date: str | None = None  # resolved ISO date / month / year, when resolvable per article
    granularity: Literal["day", "month", "year", "unknown"] = "unknown"
    qualifier: str | None = None  # "late", "early", "mid"
    relative: bool = False  # "Monday", "last month": needs a reference date
    partial: str | None = None  # "MM-DD" or "MM" when only the year is missing ("Jan. 10")
    tense: Literal["past", "present", "future", ""] = ""  # of the dated clause ("" if verbless)
    dateline: bool = False  # "TALLINN, Oct. 15 –": when the article was filed, not an event
    # The date modifies a clause about something happening, not a noun ("the 1993 elections",
    # "a repetition of 1993") or an unnamed thing's description ("the level recorded in 1996").
    event: bool = True


@dataclass
class Aside:
    """A part of a sentence a summary may leave out: the sentence reads and says the same
    without it (``kind``: time, parenthetical, age, here, appositive, relative)."""

    article_id: str
    start: int
    end: int
    text: str
    kind: str
    sentence: int = -1  # index into ArticleAnalysis.sentences


@dataclass
class ArticleAnalysis:
    """Everything the per-article stage finds in one article."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    assertions: list[Assertion] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    asides: list[Aside] = field(default_factory=list)


# ------------------------------------------------------------------- cross-article


@dataclass
class Evidence:
    source: int  # the source number in the brief
    start: int
    end: int


@dataclass
class Entity:
    name: str
    type: str
    variants: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)
    mentions: int = 0
    evidence: list[Evidence] = field(default_factory=list)
    merged_because: list[str] = field(default_factory=list)  # human-readable reasons


@dataclass
class QuoteVariant:
    source: int
    text: str
    start: int
    end: int
    speaker_text: str | None = None
    cue: str | None = None


@dataclass
class Quote:
    speaker: str | None
    text: str
    kind: Literal["direct", "indirect"]
    variants: list[QuoteVariant] = field(default_factory=list)
    drift: bool = False  # wordings differ in substance, not just form


@dataclass
class ClaimValue:
    value: str
    hedge: str | None = None
    sources: list[int] = field(default_factory=list)
    wording: list[str] = field(default_factory=list)  # wording[i]: how sources[i] put it
    evidence: list[Evidence] = field(default_factory=list)
    low: float | None = None
    high: float | None = None


@dataclass
class Claim:
    subject: str
    attribute: str
    # "check": the figures differ but the tool is not sure they measure the same thing
    status: Literal["agreed", "discrepancy", "check", "single"]
    values: list[ClaimValue] = field(default_factory=list)
    independent_sources: int = 0  # reprint groups count once
    aligned_because: list[str] = field(default_factory=list)  # why these values are one claim
    evolving: bool = False  # figures differ between sources written at different times
    changed_in_reprint: bool = False  # versions of one wire story give different figures

    @property
    def is_discrepancy(self) -> bool:
        return self.status == "discrepancy"


@dataclass
class TimelineEvent:
    date: str  # YYYY-MM-DD, YYYY-MM or YYYY
    granularity: Literal["day", "month", "year"]
    event: str
    sources: list[int] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    qualifier: str | None = None
    inferred_year: bool = False
    # The date as written ("Friday", "Oct. 3") when no source supports its year: ``date`` is
    # then "" and the entry says the date is not stated rather than guess one.
    written: str | None = None


@dataclass
class SummarySentence:
    text: str
    sources: list[int] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    # The spans of its own source ``text`` is made of, in order: their slices joined are
    # ``text`` (first letter upper-cased).  One span when the sentence is shown whole; more
    # when asides ("on Tuesday", a parenthetical ...) were left out.
    parts: list[Evidence] = field(default_factory=list)


@dataclass
class Source:
    """An article as the brief lists it."""

    id: int
    outlet: str
    title: str | None
    url: str | None
    published: str | None
    path: str | None
    text: str
    removed: list[Removal] = field(default_factory=list)
    duplicate_of: int | None = None
    published_inferred: bool = False
    article_id: str = ""
    identical: bool = False  # word for word the text of ``duplicate_of`` (one file given twice)
    reuses: int | None = None  # a partial rewrite: the source whose sentences it reuses
    reused_share: float = 0.0  # share of this article's sentences found in ``reuses``


@dataclass
class Story:
    """The articles of one event, in source-number order, with their analyses."""

    analyses: list[ArticleAnalysis]

    @property
    def articles(self) -> list[Article]:
        return [a.article for a in self.analyses]

    def source_number(self, article_id: str) -> int:
        for number, analysis in enumerate(self.analyses, start=1):
            if analysis.article.id == article_id:
                return number
        raise KeyError(article_id)


@dataclass
class Brief:
    title: str
    sources: list[Source] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    schema: str = SCHEMA


# ------------------------------------------------------------------------ stories


@dataclass
class ArticleSignature:
    """What grouping into stories reads of one analysed article (kept small: stored per article)."""

    article_id: str
    terms: dict[str, int] = field(default_factory=dict)  # word stem or "@entity" -> count
    day: str | None = None  # reference date (published, else dateline), ISO
    title: str | None = None
    outlet: str = ""


@dataclass
class Grouping:
    """One grouping decision and why it was made (a join, a new story, a merge or a split)."""

    article_id: str
    story: int
    kind: Literal["joined", "started", "merged", "split"] = "joined"
    score: float = 0.0  # cosine of the article (or story) to the story it was compared with
    reason: str = ""
    other: int | None = None  # the story merged away, or split from


@dataclass
class StorySummary:
    """One story as ``crosswire stories`` and the front page list it."""

    id: int
    title: str
    articles: int
    independent_sources: int = 0  # reprint groups count once
    outlets: list[str] = field(default_factory=list)
    first_day: str | None = None
    last_day: str | None = None
    disagreements: int = 0  # claims on which sources give different values
    article_ids: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ serialisation

T = TypeVar("T")


def to_dict(record: Any) -> Any:
    """A record (or list of records) as plain JSON-ready data."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, list | tuple):
        return [to_dict(item) for item in record]
    if isinstance(record, dict):
        return {key: to_dict(value) for key, value in record.items()}
    return record


def from_dict(cls: type[T], data: Any) -> T:
    """Rebuild a record of type ``cls`` from ``to_dict`` output; unknown keys are ignored."""
    return typing.cast(T, _build(cls, data))


def _build(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        return _build(options[0], data) if len(options) == 1 else data
    if origin is list:
        (item_type,) = typing.get_args(tp)
        return [_build(item_type, item) for item in data]
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        known = {f.name for f in dataclasses.fields(tp) if f.init}
        return tp(**{k: _build(hints[k], v) for k, v in data.items() if k in known})
    return data
