"""The sentences a summary may use: spans that read on their own, noise and fragments left out."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import TypeVar

from crosswire.model import ArticleAnalysis
from crosswire.stopwords import STOP_WORDS

_Span = TypeVar("_Span", tuple[int, int, str], tuple[int, int, str, str])

__all__ = ["Candidate", "candidates", "stands_alone", "usable"]

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
# Wire datelines ("WASHINGTON (AP) _ ", "TALLINN, Oct. 15 (Baltic Wire) – ") are trimmed off.
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]{2,30}(,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?,?\s*"  # place, date
    r"(\([^()]{1,40}\))?\s*(_|—|–|--|-)\s+"  # (agency), dash
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
# Quoted stretches in every quotation style the wire uses: "..." “...” ``...''
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”|``.*?\'\'', re.DOTALL)
# "... charges him with murder": a personal pronoun in a sentence that names no person.
_PERSONAL = re.compile(r"\b(he|him|his|she|her|hers|himself|herself)\b", re.IGNORECASE)
_ENDINGS = (".", "!", '"', "”", "’", "'", ")")


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


def candidates(analyses: list[ArticleAnalysis]) -> list[Candidate]:
    """Every sentence line of every article, datelines trimmed; unusable ones included."""
    found = []
    for source, analysis in enumerate(analyses, start=1):
        text = analysis.article.text
        spans = [span for s in analysis.sentences for span in _lines(text, s.start, s.end)]
        people = sorted((m.start, m.end, m.text) for m in analysis.mentions if m.label == "PERSON")
        named = sorted(
            (m.start, m.end, m.text, m.label) for m in analysis.mentions if m.label in _NAMED_LABELS
        )
        for index, (start, end) in enumerate(spans):
            needs, introduces = _names(people, start, end)
            found.append(
                Candidate(
                    source,
                    index,
                    index / max(1, len(spans)),
                    start,
                    end,
                    text[start:end],
                    needs,
                    introduces,
                    _stated_names(named, start, end),
                )
            )
    return _only_resolvable(found)


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
    if not stands_alone(candidate.text):
        return False
    if candidate.needs or candidate.introduces:
        return True
    return not _PERSONAL.search(_QUOTED.sub(" ", candidate.text))


def stands_alone(text: str) -> bool:
    """Whether ``text`` can be read out of context: a whole, declarative, non-noise sentence."""
    count = len(text.split())
    if not MIN_WORDS <= count <= MAX_WORDS:
        return False
    if not text[0].isupper() or not text.endswith(_ENDINGS) or text.rstrip(_QUOTES).endswith("?"):
        return False
    if text[0] in _QUOTES or text.startswith("'") or _unbalanced_quotes(text):
        return False  # a quote fragment, or a quote whose speaker is elsewhere
    if _PRONOUN_SPEAKER.search(text) or _LATE_PRONOUN.match(text) or _HEADER.match(text):
        return False
    unquoted = _QUOTED.sub(" ", text)
    if _HERE.search(unquoted) or (_OPINION.search(unquoted) and not _ATTRIBUTED.search(text)):
        return False
    return not (_DANGLING.match(text) or _BOILERPLATE.search(text))


def _unbalanced_quotes(text: str) -> bool:
    """A quotation opened and not closed (or closed and not opened), in any style."""
    if text.count("``") != text.count("''"):
        return True
    straight = text.replace("``", "").replace("''", "").count('"')
    return straight % 2 == 1 or text.count("“") != text.count("”")


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-empty lines of ``text[start:end]``, whitespace and datelines trimmed off."""
    spans = []
    for match in re.finditer(r"[^\n]+", text[start:end]):
        a, b = start + match.start(), start + match.end()
        line = text[a:b]
        a += len(line) - len(line.lstrip())
        b -= len(line) - len(line.rstrip())
        dateline = _DATELINE.match(text[a:b])
        if dateline and dateline.end() < b - a:
            a += dateline.end()
        if a < b:
            spans.append((a, b))
    return spans
