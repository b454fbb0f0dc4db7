"""The sentences a summary may use: spans that read on their own, noise and fragments left out."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from crosswire.analyze.quote_marks import find_quote_spans
from crosswire.model import ArticleAnalysis, Attribution
from crosswire.stopwords import STOP_WORDS
from crosswire.summarize.text import stem

_Span = TypeVar("_Span", tuple[int, int, str], tuple[int, int, str, str])

__all__ = ["Candidate", "candidates", "stands_alone", "usable"]

# The kinds of aside (``crosswire.analyze.asides``) a summary sentence leaves out.  On the
# DUC 2004 dev clusters, of the words each kind would cut 13% (time), 8% (parenthetical)
# and 9% (age) occur in the human summaries, against 35-42% of the words kept: cutting
# them frees room for content.  Appositives (43% against 37%: summaries say who people
# are) and relative clauses (36% against 39%) are kept.
COMPRESS = frozenset({"time", "parenthetical", "age", "here"})
MIN_WORDS = 8
MAX_WORDS = 60

# A sentence opening with these leans on the one before it ("He also said ...").
_DANGLING = re.compile(
    r"^(he|she|it|they|we|this|that|these|those|his|her|its|their|but|and|or|also|however|"
    r"meanwhile|still|yet|so|then|instead|moreover|furthermore|besides|such|there|here|"
    r"in addition|as a result|at the same time|the (former|latter|same|two|three))\b",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"https?://|www\.|@\w|\b(click|subscribe|sign up|newsletter|follow us|share this|"
    r"all rights reserved|copyright|reporting by|editing by|read more|see also|"
    r"leave a (reply|comment)|email address|cookies?|advertisement|photo:|image:)\b",
    re.IGNORECASE,
)
# Wire datelines ("WASHINGTON (AP) _ ", "TALLINN, Oct. 15 (Baltic Wire) – ", "NAIROBI, Kenya
# _ ", "ALBANY, N.Y. (AP) _ ") are trimmed off; a line that is only a dateline (the parser cut
# it at the dash) is dropped.  A dateline is followed by its sentence's capital: "NATO - the
# alliance - said" is a sentence.
_REGION = r"[A-Z](?:[a-z]+\.?|\.(?:[A-Z]\.)+)"  # "Kenya", "Calif.", "N.Y."
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]{2,30}"  # place
    r"(,\s*([A-Z][a-z]{2,8}\.?\s+\d{1,2}"  # date
    r"|" + _REGION + r"(\s+" + _REGION + r"){0,2}))?,?\s*"  # or region
    r"(\([^()]{1,40}\))?\s*(_|—|–|--|-)(\s+(?=[^\sa-z])|$)"  # (agency), dash
)
# "..., his ministry said." credits a speaker named only in an earlier sentence.
_PRONOUN_SPEAKER = re.compile(
    r",\s*(he|she|they|(his|her|their)(\s+\w+){1,2})\s+"
    r"(said|says|added|noted|stressed|explained|wrote|told(\s+\w+){1,3})\W*$",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
_POSSESSIVE = re.compile(r"['’]s$")
_QUOTES = '"“”`'
# A summary mixes sources and drops datelines: "here" would point at a place no longer named.
_HERE = re.compile(r"\bhere\b", re.IGNORECASE)
# "On Sept. 2, he fired ...": a pronoun subject after an opening phrase leans on the text before.
_LATE_PRONOUN = re.compile(r"^[^,]{0,40},\s+(he|she|they|it|his|her|their)\b", re.IGNORECASE)
# A section header run into a sentence ("YANKEES Pitching ..."): it opens on a run of capitals.
# An acronym opening a sentence ("UNICEF said ...") is followed by a lower-case word.
_HEADER = re.compile(r"^([A-Z]{5,}\s+[A-Z][a-z]|[A-Z]{2,}\s+[A-Z]{2,}\b(?![.'’]))")
# A writer's own opinion (first person, "should") is only fit for a summary when attributed.
_OPINION = re.compile(
    r"\b(I|[Ww]e|[Oo]ur|us|[Mm]y|[Ss]hould|ought to|[Mm]ust|suggests?|in (my|our) view)\b"
)
_ATTRIBUTED = re.compile(
    r"\b(said|says|say|told|according to|reported|stated|wrote|argued|added|announced|"
    r"warned|insisted|claimed|believes?|believed)\b",
    re.IGNORECASE,
)
# "... charges him with murder": a personal pronoun in a sentence that names no person.
_PERSONAL = re.compile(r"\b(he|him|his|she|her|hers|himself|herself)\b", re.IGNORECASE)
_CLOSING = (".", ",", ";", ":", "!", "?")
_LEADING = re.compile(r"[\s,;:]*")  # what no sentence opens with
_ENDINGS = (".", "!", '"', "”", "’", "'", ")")
# A quotation mark standing alone after the sentence's end opens the next sentence's quote.
_STRAY_CLOSE = re.compile(r"(?<=[.!?])\s+(''|\"|”)$")
# "The decision came ...", "The deal, which ...": a definite noun opening the sentence,
# followed by its verb or a comma (not by a modifier naming what it is).
_DEFINITE = re.compile(
    r"^The ([a-z]{3,})(?:,|\s+(?!(of|to|for|by|in|on|at|that|with|from|between|over|against)\b)"
    r"[a-z])"
)
# The wire's dash, set off by spaces, at the end of a parser sentence.
_DASH_END = re.compile(r"\s(_|--|—|–)$")


@dataclass(frozen=True)
class Candidate:
    """One sentence span of one article (source numbers are 1-based, as a brief cites them)."""

    source: int
    index: int  # position of the sentence in its article
    share: float  # how far into the article it starts, 0 (lead) .. 1 (last sentence)
    start: int
    end: int
    text: str
    # People named by one word ("Mucic"), lower-cased: a reader needs their full name first.
    needs: frozenset[str] = frozenset()
    # The words of the full names of people it names ("Zejnil Delalic" -> zejnil, delalic).
    introduces: frozenset[str] = frozenset()
    # What a source must name to support it, each item a set of alternatives: one word of
    # each person's name ("Mahathir" or "Mohamad"), every word of an organisation's or
    # place's name (lower-cased).
    names: frozenset[frozenset[str]] = frozenset()
    # What the sentence reports someone as saying or holding ("..., insisting it alone must
    # occupy the post"), as offsets into ``text``: an opinion there is attributed, not stated.
    reported: tuple[tuple[int, int], ...] = ()
    # A definite subject that refers back ("The agreement will make ..." after the lead):
    # the stem of its noun, which the summary must name before it.
    refers: frozenset[str] = frozenset()
    # The spans of the article ``text`` is made of when asides were cut out of the sentence
    # ``start:end`` (``text`` is their slices joined, its first letter upper-cased); empty
    # when ``text`` is the whole sentence.
    parts: tuple[tuple[int, int], ...] = ()


def candidates(analyses: list[ArticleAnalysis], compress: bool = True) -> list[Candidate]:
    """Every sentence line of every article, datelines trimmed; unusable ones included.

    With ``compress``, a sentence with asides of the kinds in ``COMPRESS``
    (``ArticleAnalysis.asides``) comes without them, made of several spans (``parts``).
    """
    found = []
    surnames = _surnames(analyses)
    for source, analysis in enumerate(analyses, start=1):
        text = analysis.article.text
        spans = _joined(
            [span for s in analysis.sentences for span in _lines(text, s.start, s.end)], text
        )
        people = sorted(
            (m.start, m.end, m.text)
            for m in analysis.mentions
            if m.label == "PERSON" or (m.label in _NAMED_LABELS and _last(m.text) in surnames)
        )
        named = sorted(
            (m.start, m.end, m.text, m.label) for m in analysis.mentions if m.label in _NAMED_LABELS
        )
        asides = sorted((a.start, a.end, a.kind) for a in analysis.asides if a.kind in COMPRESS)
        cued = _by_cue(analysis.attributions)
        for index, (start, end) in enumerate(spans):
            cut = _compressed(text, start, end, asides) if compress else None
            parts = cut or ((start, end),)
            found.append(
                _candidate(
                    analysis,
                    cued,
                    source,
                    index,
                    len(spans),
                    (start, end),
                    parts,
                    people,
                    named,
                    surnames,
                )
            )
    return _only_resolvable(found)


def _candidate(
    analysis: ArticleAnalysis,
    cued: list[tuple[int, Attribution]],
    source: int,
    index: int,
    count: int,
    sentence: tuple[int, int],
    parts: tuple[tuple[int, int], ...],
    people: list[tuple[int, int, str]],
    named: list[tuple[int, int, str, str]],
    surnames: dict[str, frozenset[str]],
) -> Candidate:
    """The candidate made of ``parts`` of the sentence ``sentence`` of ``analysis``."""
    text = analysis.article.text
    joined = _joined_text(text, parts)
    needs: frozenset[str] = frozenset()
    introduces: frozenset[str] = frozenset()
    stated: frozenset[frozenset[str]] = frozenset()
    for a, b in parts:
        short, full = _names(people, a, b)
        needs, introduces = needs | short, introduces | full
        stated |= _stated_names(named, a, b)
    short, full = _written_names(joined, surnames)
    introduces |= full
    needs = (needs | short) - introduces
    start, end = sentence
    return Candidate(
        source,
        index,
        index / max(1, count),
        start,
        end,
        joined,
        needs,
        introduces,
        stated,
        _reported(cued, parts),
        _refers(joined, index),
        parts if parts != (sentence,) else (),
    )


def _joined_text(text: str, parts: tuple[tuple[int, int], ...]) -> str:
    """The slices ``parts`` of ``text`` joined, the first letter upper-cased (an aside cut
    from the start leaves "the army ..." to open the sentence)."""
    joined = "".join(text[a:b] for a, b in parts)
    return joined[:1].upper() + joined[1:]


def _compressed(
    text: str, start: int, end: int, asides: list[tuple[int, int, str]]
) -> tuple[tuple[int, int], ...] | None:
    """The spans of ``start:end`` left when its asides are cut out (overlapping ones merged),
    or None when it has none."""
    cuts: list[list[int]] = []
    for a, b, _ in asides[bisect.bisect_left(asides, (start,)) :]:
        if a >= end:
            break
        if b > end:
            continue
        if cuts and a <= cuts[-1][1]:
            cuts[-1][1] = max(cuts[-1][1], b)
        else:
            cuts.append([a, b])
    if not cuts:
        return None
    for cut in cuts:  # "the capital, Port-au-Prince, on Tuesday." leaves no ", ."
        before = text[start : cut[0]].rstrip()
        if before.endswith(",") and text[cut[1] : end].lstrip()[:1] in _CLOSING:
            cut[0] = start + len(before[:-1].rstrip())
        if text[cut[0] - 1 : cut[0]].isspace() and text[cut[1] : cut[1] + 1].isspace():
            cut[1] += 1  # "Jean , 37 , was" (text tokenised with spaces): one space left
    parts, at = [], start
    for a, b in cuts:
        if a > at:
            parts.append((at, a))
        at = b
    if at < end:
        parts.append((at, end))
    # A cut at the start may leave spaces, or the comma after a parenthetical it joined
    # ("On Tuesday, (local time), the army"), before the first word.
    while parts and _LEADING.fullmatch(text, *parts[0]):
        parts.pop(0)
    if parts:
        a, b = parts[0]
        lead = _LEADING.match(text, a, b)
        parts[0] = (lead.end() if lead else a, b)
    return tuple(parts) or None


def _refers(text: str, index: int) -> frozenset[str]:
    """The noun of a definite subject ("The decision came ...") opening a sentence after its
    article's lead: it refers to what the article said before, which a summary must name."""
    match = _DEFINITE.match(text)
    if not match or index == 0 or match[1] in STOP_WORDS:  # "The next round ...": no noun
        return frozenset()
    return frozenset([stem(match[1])])


def _by_cue(attributions: list[Attribution]) -> list[tuple[int, Attribution]]:
    """The attributions with a cue and a speaker, by where the cue starts."""
    cued = [
        (a.cue_start, a)
        for a in attributions
        if a.cue_start is not None and a.speaker_start is not None
    ]
    return sorted(cued, key=lambda pair: pair[0])


def _reported(
    cued: list[tuple[int, Attribution]], parts: tuple[tuple[int, int], ...]
) -> tuple[tuple[int, int], ...]:
    """Content spans of the attributions (``_by_cue``) whose cue and speaker the text made of
    ``parts`` keeps, as offsets into that text."""

    def kept(offset: int) -> bool:
        return any(a <= offset < b for a, b in parts)

    found = []
    # Only a cue between the first part's start and the last one's end can be kept: the
    # cues there, not every attribution of the article for each of its sentences.
    first = bisect.bisect_left(cued, parts[0][0], key=lambda pair: pair[0])
    last = bisect.bisect_left(cued, parts[-1][1], key=lambda pair: pair[0])
    for cue, attribution in cued[first:last]:
        speaker = attribution.speaker_start
        if speaker is None or not (kept(cue) and kept(speaker)):
            continue
        if not kept(max(0, (attribution.cue_end or cue + 1) - 1)):
            continue
        offset = 0
        for a, b in parts:
            lo, hi = max(attribution.start, a), min(attribution.end, b)
            if lo < hi:
                found.append((offset + lo - a, offset + hi - a))
            offset += b - a
    return tuple(sorted(found))


def _stated_names(
    named: list[tuple[int, int, str, str]], start: int, end: int
) -> frozenset[frozenset[str]]:
    found: set[frozenset[str]] = set()
    for _, _, text, label in _inside(named, start, end):
        words = [_POSSESSIVE.sub("", w.lower()) for w in _NAME_WORD.findall(text)]
        words = [w for w in words if w not in STOP_WORDS]
        if label == "PERSON" and words:
            found.add(frozenset(words))  # "Pinochet" supports "Augusto Pinochet"
        else:
            found.update(frozenset([w]) for w in words)
    return frozenset(found)


def _surnames(analyses: list[ArticleAnalysis]) -> dict[str, frozenset[str]]:
    """Last word -> the other words of the full names the story's parse took for people
    ("ranariddh" -> {"norodom"}): a name ending in one is a person's, whatever label the
    parse gave it there, or none."""
    found: dict[str, set[str]] = {}
    for analysis in analyses:
        for m in analysis.mentions:
            words = [_POSSESSIVE.sub("", w.lower()) for w in _NAME_WORD.findall(m.text)]
            if m.label == "PERSON" and len(words) > 1:
                found.setdefault(words[-1], set()).update(words[:-1])
    return {last: frozenset(rest) for last, rest in found.items()}


def _written_names(
    text: str, surnames: dict[str, frozenset[str]]
) -> tuple[frozenset[str], frozenset[str]]:
    """People's last names as written in ``text``: alone ("Ranariddh refused"), or after a
    word of their full name ("Norodom Ranariddh"), whether or not the parse found them."""
    short, full = set(), set()
    previous = ""
    for match in _NAME_WORD.finditer(text):
        word = _POSSESSIVE.sub("", match[0].lower())
        if match[0][0].isupper() and word in surnames:
            if previous in surnames[word]:
                full.update({previous, word})
            else:
                short.add(word)
        previous = word
    return frozenset(short - full), frozenset(full)


def _last(name: str) -> str:
    words = _NAME_WORD.findall(name)
    return _POSSESSIVE.sub("", words[-1].lower()) if words else ""


def _names(
    people: list[tuple[int, int, str]], start: int, end: int
) -> tuple[frozenset[str], frozenset[str]]:
    short, full = set(), set()
    for _, _, name in _inside(people, start, end):
        words = [_POSSESSIVE.sub("", w.lower()) for w in _NAME_WORD.findall(name)]
        if len(words) == 1:
            short.add(words[0])
        elif words:
            full.update(words)
    return frozenset(short - full), frozenset(full)


def _inside(spans: list[_Span], start: int, end: int) -> list[_Span]:
    """The spans of ``spans`` (sorted) that lie within ``start:end``, found by bisection: a
    line is compared with the names near it, not with every name of its article."""
    found = []
    for span in spans[bisect.bisect_left(spans, (start,)) :]:
        if span[0] > end:
            break
        if span[1] <= end:
            found.append(span)
    return found


def _only_resolvable(found: list[Candidate]) -> list[Candidate]:
    """Drop the needs no sentence of the story can meet (a person only ever named one way)."""
    known = frozenset().union(*(c.introduces for c in found)) if found else frozenset()
    return [c if c.needs <= known else replace(c, needs=c.needs & known) for c in found]


def usable(candidate: Candidate) -> bool:
    """Whether a summary may use ``candidate``: it stands alone, and a personal pronoun
    in it (outside quotes) has a person named in the sentence to refer to."""
    if not stands_alone(candidate.text, candidate.reported):
        return False
    if candidate.needs or candidate.introduces:
        return True
    return not _PERSONAL.search(_unquoted(candidate.text))


def stands_alone(text: str, reported: Sequence[tuple[int, int]] = ()) -> bool:
    """Whether ``text`` can be read out of context: a whole, declarative, non-noise sentence.

    ``reported``: spans of ``text`` that someone named in it is reported as saying; an
    opinion there is attributed, as a quotation's is.
    """
    count = len(text.split())
    if not MIN_WORDS <= count <= MAX_WORDS:
        return False
    if not text[0].isupper() or not text.endswith(_ENDINGS) or text.rstrip(_QUOTES).endswith("?"):
        return False
    if text[0] in _QUOTES or text.startswith("'") or _unbalanced_quotes(text):
        return False  # a quote fragment, or a quote whose speaker is elsewhere
    if _PRONOUN_SPEAKER.search(text) or _LATE_PRONOUN.match(text) or _HEADER.match(text):
        return False
    unquoted = _unquoted(text)
    if _HERE.search(unquoted):
        return False
    own = _blank(unquoted, reported)
    if _OPINION.search(own) and not _ATTRIBUTED.search(text):
        return False
    return not (_DANGLING.match(text) or _BOILERPLATE.search(text))


def _unquoted(text: str) -> str:
    """``text`` with its quotations (``analyze.quote_marks``, every style) blanked, offsets kept."""
    return _blank(text, [(q.start, q.end) for q in find_quote_spans(text)])


def _blank(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with ``spans`` replaced by spaces (offsets kept)."""
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def _unbalanced_quotes(text: str) -> bool:
    """A quotation opened and not closed (or closed and not opened), in any style."""
    if text.count("``") != text.count("''"):
        return True
    straight = text.replace("``", "").replace("''", "").count('"')
    if straight % 2 == 1 or text.count("“") != text.count("”"):
        return True
    return any(not q.closed for q in find_quote_spans(text))


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-empty lines of ``text[start:end]``, whitespace and datelines trimmed off."""
    spans = []
    for match in re.finditer(r"[^\n]+", text[start:end]):
        a, b = start + match.start(), start + match.end()
        line = text[a:b]
        a += len(line) - len(line.lstrip())
        b -= len(line) - len(line.rstrip())
        if dateline := _DATELINE.match(text[a:b]):
            a += dateline.end()
        if (stray := _STRAY_CLOSE.search(text[a:b])) and _unbalanced_quotes(text[a:b]):
            b = a + stray.start()  # "... of genocide. ''": the next quote's opener
        if a < b:
            spans.append((a, b))
    return spans


def _joined(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """``spans`` with a sentence the parser cut at a wire dash ("a Category 5 monster _ the
    highest rating") joined to its lower-case continuation on the same line."""
    joined: list[tuple[int, int]] = []
    for a, b in spans:
        if joined and _DASH_END.search(text[joined[-1][0] : joined[-1][1]]):
            gap = text[joined[-1][1] : a]
            if not gap.strip() and "\n" not in gap and text[a : a + 1].islower():
                joined[-1] = (joined[-1][0], b)
                continue
        joined.append((a, b))
    return joined
