"""Date expressions of one article and the clause each one dates.

spaCy finds the DATE spans; a regex pass adds calendar dates it missed.  Each span is
normalised with dateparser relative to the article's publication date (when it has one)
at the granularity it is written with: "late December" is a month with a qualifier, never
a made-up day.  Without a publication date, an expression that needs one keeps only what
the text fixes (``partial``: "MM-DD" or "MM") and the story-level timeline finishes it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from crosswire.analyze.nlp import doc_text
from crosswire.model import Article, DateMention

if TYPE_CHECKING:
    from dateparser.date import DateDataParser
    from spacy.tokens import Doc, Span, Token

__all__ = ["extract_dates", "resolve_expression", "Resolution", "nearest_year"]

Granularity = Literal["day", "month", "year", "unknown"]

MONTHS = (
    r"jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|"
    r"aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?"
)
WEEKDAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_WEEKDAY_NAMES = WEEKDAYS.split("|")
_MONTH = re.compile(rf"\b(?:{MONTHS})(?![a-z])", re.I)
_YEAR = re.compile(r"(?<![\d-])(1[5-9]\d\d|20\d\d)(?![\d-])")
_DECADE = re.compile(r"\b\d{2,4}0\s?'?s\b")
_WEEKDAY = re.compile(rf"\b(?:{WEEKDAYS})\b", re.I)
_DEICTIC = re.compile(
    r"\b(?:today|tonight|yesterday|tomorrow|ago|(?:last|next|this|previous|coming)\s+"
    r"(?:week|month|year|spring|summer|autumn|fall|winter))\b",
    re.I,
)
_QUALIFIER = re.compile(
    r"^(?:(?:the\s+)?(early|mid|late|end of|beginning of|start of|middle of)[\s-]+(?:the\s+)?)",
    re.I,
)
# Words before the date proper that dateparser does not need (and sometimes misreads).
_LEAD = re.compile(
    r"^(?:(?:on|in|since|by|from|until|till|before|after|during|of|at)\s+|"
    r"the\s+(?:morning|afternoon|evening|night)\s+of\s+|(?:the\s+)?(?=\d))+",
    re.I,
)
# Calendar dates written out, for the ones the NER model leaves untagged.
_CALENDAR = re.compile(
    rf"\b(?:(?:{WEEKDAYS})\s*,?\s*)?(?:"
    rf"(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*,?\s*(?:1[5-9]|20)\d\d)?|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})(?:\s*,?\s*(?:1[5-9]|20)\d\d)?|"
    rf"(?:{MONTHS})\s+(?:1[5-9]|20)\d\d)(?![\w])",
    re.I,
)
_OPT_WEEKDAY = rf"(?:(?:{WEEKDAYS})\s*,?\s*)?"
_OPT_YEAR = r"(?:\s*,?\s*(?P<year>(?:1[5-9]|20)\d\d))?"
_MONTH_FIRST = re.compile(
    rf"^{_OPT_WEEKDAY}(?P<month>{MONTHS})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{_OPT_YEAR}$", re.I
)
_DAY_FIRST = re.compile(
    rf"^{_OPT_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTHS}){_OPT_YEAR}$",
    re.I,
)
_MONTH_YEAR = re.compile(rf"^(?P<month>{MONTHS})(?:\s+of)?{_OPT_YEAR}$", re.I)
# "12 and 13 January": the bare day borrows its month from the next date (one span or two).
_DAY_LIST = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s*(?:,|and|&|or|-|–)\s*$", re.I)
_TWO_DAYS = re.compile(
    rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:,|and|&|or|-|–)\s*(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:{MONTHS})",
    re.I,
)
_FUTURE_CUES = {"will", "shall", "'ll", "plan", "schedule", "slate", "expect", "intend", "due"}
_FUTURE_MODIFIERS = {"next", "upcoming", "coming", "later"}
_SKIP_DEICTIC = {"today", "now", "tonight"}
_CLAUSE_BREAKS = {";", ":"}
_OPENERS = {"“", '"', "(", "‘"}
_DATELINE_PLACE = re.compile(r"^\s*[A-Z][A-Z .'’-]{1,40},\s*$")
_DATELINE_END = re.compile(r"^\s*(?:\([^)\n]{1,40}\))?\s*[-–—]")
# dateparser's period -> our granularity; a week is no calendar unit of a timeline.
_PERIODS: dict[str, Granularity] = {"time": "day", "day": "day", "month": "month", "year": "year"}


@dataclass(frozen=True)
class Resolution:
    """What one date expression stands for, given a reference date (or none)."""

    date: str | None  # YYYY-MM-DD, YYYY-MM or YYYY
    granularity: Granularity
    qualifier: str | None = None
    relative: bool = False  # needed the reference date (no explicit year)
    partial: str | None = None  # "MM-DD" or "MM" when only the year is missing


def extract_dates(doc: Doc, article: Article) -> list[DateMention]:
    """Date expressions in ``doc`` with the clause each dates, resolved where the article allows."""
    reference = article.published
    full_text = doc_text(doc)
    mentions = []
    for start, end, text, context in _date_spans(doc, full_text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or _is_generic_deictic(span, text):
            continue
        dateline = _is_dateline(full_text, start, end)
        tense = _tense(span)
        resolved = resolve_expression(context, reference, tense == "future")
        if resolved.granularity == "unknown" and resolved.date is None and not resolved.relative:
            continue
        event_start, event_end = _event_clause(span)
        mentions.append(
            DateMention(
                article_id=article.id,
                start=start,
                end=end,
                text=text,
                event_start=event_start,
                event_end=event_end,
                date=resolved.date,
                granularity=resolved.granularity,
                qualifier=resolved.qualifier,
                relative=resolved.relative,
                partial=resolved.partial,
                tense=tense,
                dateline=dateline,
                event=_dates_an_event(span),
            )
        )
    return mentions


# ------------------------------------------------------------------ finding spans


def _date_spans(doc: Doc, text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, text, expression to resolve) of each date expression, in text order."""
    calendar = [(m.start(), m.end()) for m in _CALENDAR.finditer(text)]
    spans = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        inside = [(s, e) for s, e in calendar if ent.start_char <= s and e <= ent.end_char]
        if inside and not _TWO_DAYS.match(ent.text):
            continue  # "January 5 after a week": the calendar date alone, added below
        spans.append((ent.start_char, ent.end_char))
    taken = [range(s, e) for s, e in spans]
    spans += [(s, e) for s, e in calendar if not any(s in r or e - 1 in r for r in taken)]
    spans.sort()
    found = []
    for index, (start, end) in enumerate(spans):
        start, end = _trim(text, start, end)
        if start >= end:
            continue
        written = text[start:end]
        day_list = _DAY_LIST.match(written)
        both_days = _TWO_DAYS.match(written)
        if day_list:
            day = day_list.group(1)
            found.append(
                (start, start + len(day), day, _borrow_month(day, text, spans[index + 1 :]))
            )
        elif both_days:
            first = both_days.group(1)
            month_and_year = written[both_days.end(2) :]
            found.append((start, start + len(first), first, first + month_and_year))
            second_text = written[both_days.start(2) :]
            found.append((start + both_days.start(2), end, second_text, second_text))
        else:
            found.append((start, end, written, written))
    return found


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces and punctuation the NER span sometimes includes."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in ".,-–"):
        end -= 1
    while end > start and text[end - 1] in ",-–":
        end -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


def _borrow_month(day: str, text: str, following: list[tuple[int, int]]) -> str:
    """'12' of '12 and 13 January' as '12 January' (the month of the next date span)."""
    if not following:
        return day
    start, end = following[0]
    month = _MONTH.search(text[start:end])
    year = _YEAR.search(text[start:end])
    if month is None:
        return day
    return f"{day} {month.group(0)}" + (f" {year.group(0)}" if year else "")


def _is_dateline(text: str, start: int, end: int) -> bool:
    """Whether the date opens a dateline: 'TALLINN, Oct. 15 (Baltic Wire) –'."""
    line_start = text.rfind("\n", 0, start) + 1
    before, after = text[line_start:start], text[end : end + 60]
    return bool(_DATELINE_PLACE.match(before) and _DATELINE_END.match(after))


def _is_generic_deictic(span: Span, text: str) -> bool:
    """'today' in a quote or as 'nowadays' does not date an event of the story."""
    if text.lower() not in _SKIP_DEICTIC:
        return False
    before = span.sent.text[: span.start_char - span.sent.start_char]
    quoted = (before.count("“") > before.count("”")) or before.count('"') % 2 == 1
    return quoted or span.root.head.pos_ not in ("VERB", "AUX")


# ------------------------------------------------------------------ the dated clause


def _governing_verb(span: Span) -> Token | None:
    """The verb whose clause the date modifies, if any."""
    token = span.root
    while token.head.i != token.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return token if token.pos_ in ("VERB", "AUX") else None


_SEPARATE_CLAUSES = {"conj", "parataxis", "advcl", "cc", "punct", "mark", "dep"}


def _event_clause(span: Span) -> tuple[int, int]:
    """Character offsets of the clause ``span`` dates (its line segment when there is no verb)."""
    low, high = _segment(span)
    verb = _governing_verb(span)
    if verb is None:
        return _strip_edges(span.doc, low, high - 1)
    while _borrows_subject(verb):
        verb = verb.head  # "concluded on Jan. 10" keeps "The talks lasted ... and"
    inside = set(range(span.start, span.end))
    kept = {t.i for t in verb.subtree}
    for child in verb.children:
        subtree = {t.i for t in child.subtree}
        if child.dep_ in _SEPARATE_CLAUSES and not subtree & inside:
            kept -= subtree
    if verb.dep_ in ("relcl", "acl"):  # "which the US had abandoned in 2019": name "which"
        kept |= set(range(verb.head.left_edge.i, verb.head.i + 1))
    kept = {i for i in kept if low <= i < high} | inside
    return _strip_edges(span.doc, min(kept), max(kept))


# A date reached through these dependencies names a thing ("the 1993 elections"), not a time.
_DAYPARTS = {"morning", "afternoon", "evening", "night", "noon", "midnight", "dawn", "weekend"}
_NOUN_MODIFIERS = {"compound", "nummod", "amod", "poss", "nmod", "appos", "quantmod"}


def _dates_an_event(span: Span) -> bool:
    """Whether ``span`` dates a clause about something happening, with a verb and its subject.

    Not when the date modifies a noun ("the 1993 elections", "a repetition of 1993") or
    describes an unnamed thing through a participle ("the highest level recorded in 1996");
    "the Baltic Star, built in 2004" keeps its named subject and is an event.
    """
    token = span.root
    while token.head.i != token.i and token.head.pos_ not in ("VERB", "AUX"):
        head = token.head
        inside_date = (
            head.ent_type_ in ("DATE", "TIME")
            or head.lower_ in _DAYPARTS
            or _MONTH.fullmatch(head.text) is not None
        )
        if (
            head.pos_ in ("NOUN", "PROPN", "PRON", "NUM")
            and token.dep_ in _NOUN_MODIFIERS
            and (
                not inside_date  # "12" of "12 and 13 January" is part of the date, not a thing
            )
        ):
            return False
        if (
            token.dep_ == "pobj"
            and head.lower_ == "of"
            and head.head.pos_ in ("NOUN", "PROPN")
            and head.head.lower_ not in _DAYPARTS
            and head.head.ent_type_ not in ("DATE", "TIME")
        ):
            return False
        token = head
    verb = _governing_verb(span)
    if verb is None:
        return False
    if verb.dep_ == "acl":  # a participle describing a noun: an event only of a named thing
        return verb.head.pos_ == "PROPN" or verb.head.ent_type_ != ""
    return True


def _borrows_subject(verb: Token) -> bool:
    """A verb whose subject belongs to the verb it hangs from ("expect to occur", "X and did")."""
    if verb.head.i == verb.i or verb.dep_ not in ("xcomp", "conj"):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _segment(span: Span) -> tuple[int, int]:
    """Token bounds of the part of the sentence around ``span`` between ';', ':' and line breaks."""
    doc, sent = span.doc, span.sent
    low, high = sent.start, sent.end
    for i in range(span.start - 1, sent.start - 1, -1):
        if doc[i].text in _CLAUSE_BREAKS or "\n" in doc[i].text:
            low = i + 1
            break
    for i in range(span.end, sent.end):
        if doc[i].text in _CLAUSE_BREAKS or "\n" in doc[i].text:
            high = i
            break
    return low, high


def _strip_edges(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Character offsets of tokens first..last without leading joiners or trailing punctuation."""
    while first < last and (
        doc[first].is_punct
        and doc[first].text not in _OPENERS
        or doc[first].is_space
        or doc[first].dep_ in ("cc", "mark")
    ):
        first += 1
    while last > first and (
        doc[last].is_space or doc[last].is_punct and doc[last].text not in ("”", '"', ")")
    ):
        last -= 1
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _tense(span: Span) -> Literal["past", "present", "future", ""]:
    """Tense of the dated clause; "future" also for plans ("scheduled for", "the next round")."""
    verb = _governing_verb(span)
    if verb is None:
        return ""
    chain = [verb]
    while chain[-1].dep_ == "xcomp" and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)  # "plan to hold", "expect to occur"
    words = [
        w for t in chain for w in (t, *(c for c in t.children if c.dep_ in ("aux", "auxpass")))
    ]
    if any(w.lemma_.lower() in _FUTURE_CUES or w.lower_ in _FUTURE_CUES for w in words):
        return "future"
    if any(w.tag_ == "VBD" for w in words):
        return "past"
    if verb.tag_ == "VBN" and any(w.lemma_ == "have" for w in words):
        return "past"
    start, end = _event_clause(span)
    clause = span.doc.char_span(start, end, alignment_mode="expand")
    if clause is not None and any(t.lower_ in _FUTURE_MODIFIERS for t in clause):
        return "future"
    return "present"


# ------------------------------------------------------------------ normalisation


def resolve_expression(expression: str, reference: str | None, future: bool = False) -> Resolution:
    """The calendar date ``expression`` stands for, relative to ``reference`` (ISO) if given."""
    return _resolve(expression.strip(), reference, future)


@functools.lru_cache(maxsize=65536)
def _resolve(expression: str, reference: str | None, future: bool) -> Resolution:
    qualifier, core = _split_qualifier(_LEAD.sub("", expression))
    core = _LEAD.sub("", core)
    if _DECADE.search(core):
        return Resolution(None, "unknown")
    has_year = _YEAR.search(core) is not None
    has_month = _MONTH.search(core) is not None
    relative = not has_year
    anchored = has_year or has_month or _WEEKDAY.search(core) or _DEICTIC.search(core)
    if not anchored:
        return Resolution(None, "unknown")
    base = _parse_iso(reference) if reference else None
    if base is None and relative and not has_month:
        return Resolution(None, "unknown", qualifier, relative=True)
    weekday = _WEEKDAY.search(core)
    if weekday and base is not None and relative and not has_month:
        day = _weekday(core.lower(), weekday.group(0).lower(), base, future)
        return Resolution(day.isoformat(), "day", qualifier, True)
    parsed = _calendar_date(core) or _dateparse(core, base or dt.date(2000, 1, 1), future)
    if parsed is None:
        return Resolution(None, "unknown", qualifier, relative)
    day, period = parsed
    granularity = _PERIODS.get(period, "unknown")
    if granularity == "unknown":
        return Resolution(None, "unknown", qualifier, relative)
    if has_month and not has_year and base is None:
        partial = day.strftime("%m-%d" if granularity == "day" else "%m")
        return Resolution(None, granularity, qualifier, True, partial)
    if has_month and not has_year and base is not None:
        middle = day.day if granularity == "day" else 15
        try:
            day = day.replace(year=nearest_year(day.month, middle, base, future))
        except ValueError:  # 29 February of a year without one
            return Resolution(None, "unknown", qualifier, relative)
    return Resolution(_iso(day, granularity), granularity, qualifier, relative)


def _weekday(core: str, name: str, base: dt.date, future: bool) -> dt.date:
    """The day a weekday name points to: the latest on or before ``base``, or next if ahead."""
    target = _WEEKDAY_NAMES.index(name)
    back, ahead = (base.weekday() - target) % 7, (target - base.weekday()) % 7
    # dateparser's "past" preference skips the reference day itself: "on Wednesday" in a
    # Wednesday paper would become a week earlier.
    if "last " in core or "previous " in core:
        return base - dt.timedelta(days=back or 7)
    if "next " in core or "coming " in core:
        return base + dt.timedelta(days=ahead or 7)
    return base + dt.timedelta(days=ahead) if future else base - dt.timedelta(days=back)


def _split_qualifier(expression: str) -> tuple[str | None, str]:
    match = _QUALIFIER.match(expression)
    if not match:
        return None, expression
    word = match.group(1).lower()
    qualifier = {"end of": "late", "beginning of": "early", "start of": "early"}.get(word, word)
    return ("mid" if qualifier == "middle of" else qualifier), expression[match.end() :]


def nearest_year(month: int, day: int, reference: dt.date, future: bool = False) -> int:
    """The year putting month/day nearest ``reference``, preferring the past unless ``future``."""

    def cost(year: int) -> float:
        try:
            gap = (dt.date(year, month, min(day, 28 if month == 2 else day)) - reference).days
        except ValueError:
            return float("inf")
        # News refers back more often than ahead, and ahead only to the near future.
        return gap * (1 if future else 2) if gap > 0 else -gap * (2 if future else 1)

    return min((reference.year - 1, reference.year, reference.year + 1), key=cost)


def _calendar_date(core: str) -> tuple[dt.date, str] | None:
    """Plain calendar forms ("Jan. 10", "4 January 2005", "March 2009", "2014"), read directly."""
    match = _DAY_FIRST.match(core) or _MONTH_FIRST.match(core)
    try:
        if match:
            year = int(match.group("year") or 2000)  # a leap year: "Feb. 29" stays valid
            month = _month_number(match.group("month"))
            return dt.date(year, month, int(match.group("day"))), "day"
        match = _MONTH_YEAR.match(core)
        if match:
            year = int(match.group("year") or 2000)
            return dt.date(year, _month_number(match.group("month")), 1), "month"
    except ValueError:
        return None
    if _YEAR.fullmatch(core.strip()):
        return dt.date(int(core.strip()), 1, 1), "year"
    return None


def _month_number(name: str) -> int:
    return (
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "oct",
        "nov",
        "dec",
    ).index(name[:3].lower()) + 1


def _dateparse(core: str, base: dt.date, future: bool) -> tuple[dt.date, str] | None:
    data = _parser("future" if future else "past", base).get_date_data(core)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), str(data.period)


@functools.lru_cache(maxsize=4096)
def _parser(prefer: str, base: dt.date) -> DateDataParser:
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": prefer,
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    return DateDataParser(languages=["en"], settings=settings)


def _parse_iso(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _iso(day: dt.date, granularity: Granularity) -> str:
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()
