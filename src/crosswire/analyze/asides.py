"""Asides: the parts of a sentence a summary may leave out, found from the dependency parse.

A summary of 100 words has room for more of the story when its sentences drop what
carries little content (sentence compression, as DUC systems did).  Each aside is a
character span that, cut out of its sentence, leaves a grammatical sentence saying the
same thing (its first letter upper-cased when the cut was at the start):

* ``time``: a deictic day or week ("on Tuesday", "late Monday", "last week"), or a deictic
  adverb ("now", "recently"), modifying a verb that governs more than it: in a summary
  that mixes sources it points at a day the reader no longer knows;
* ``parenthetical``: "(KR)", "(16 kilometres)";
* ``age``: ", 72," after a name;
* ``here``: "met here Sunday": the place it points at was named in a dropped dateline;
* ``appositive``: ", a 45-year-old lawyer," after a proper name (the name stays);
* ``relative``: a non-restrictive relative clause between commas (", who ...,").

Nothing inside a quotation, nothing holding a negation or a quotation mark, and no
figure's qualifier is ever an aside.  Which kinds a summary cuts is the summary's choice
(``summarize.candidates.COMPRESS``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from crosswire.analyze.nlp import doc_text
from crosswire.analyze.quote_marks import find_quote_spans
from crosswire.model import Article, Aside

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["extract_asides"]

_QUOTE_MARKS = frozenset({'"', "“", "”", "``", "''", "‘", "’", "'", "`"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "whose", "whom", "where"})
_TIME_PREPOSITIONS = frozenset({"on", "at", "in", "during", "early", "late", "earlier", "later"})
# Deictic days and weeks ("Tuesday", "late Monday", "last week", "this morning") point at
# a day the reader of a summary no longer knows; a date, a month, a season, a year or a
# duration ("two days after") says something, and stays.
_DEICTIC = re.compile(
    r"(early |late |earlier |later )?(this |last |next |the past |earlier this |later this )?"
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|"
    r"tomorrow|week|weekend|month|morning|afternoon|evening|night)"
    r"( (morning|afternoon|evening|night))?",
    re.IGNORECASE,
)
_DEICTIC_ADVERBS = frozenset({"now", "currently", "recently"})
_COMPARING = frozenset({"as", "than", "until", "till", "since", "by", "from", "right", "just"})
_NEGATIONS = frozenset({"not", "n't", "no", "never", "nor", "neither", "without", "nobody"})


def extract_asides(doc: Doc, article: Article) -> list[Aside]:
    """Every aside of every sentence of ``doc`` (a parse of ``article.text``)."""
    found: list[Aside] = []
    whole = doc_text(doc)
    quoted = [(q.start, q.end) for q in find_quote_spans(whole)]
    entities = doc.ents  # as is Span.ents, which walks all of the doc's: once per doc
    starts = [e.start for e in entities]  # in order: a sentence's are looked up, not all
    for number, sent in enumerate(doc.sents):
        first, last = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
        inside = [e for e in entities[first:last] if e.end <= sent.end]
        spans = _parentheticals(sent) + _appositives(sent) + _relatives(sent)
        spans += _times(sent, inside) + _heres(sent) + _nows(sent)
        for start, end, kind in sorted(set(spans)):
            text = whole[start:end]
            if _safe(doc, text, start, end) and not any(a < end and start < b for a, b in quoted):
                found.append(Aside(article.id, start, end, text, kind, number))
    return found


def _safe(doc: Doc, text: str, start: int, end: int) -> bool:
    """Whether cutting ``start:end`` (``text``) keeps every negation, quote mark and figure
    qualifier."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not text.strip():
        return False
    for token in span:
        if (
            token.lower_ in _NEGATIONS
            or token.dep_ == "neg"
            or token.text in _QUOTE_MARKS
            or token.tag_ in ("``", "''")
        ):
            return False
        if (
            token.dep_ in ("advmod", "quantmod")
            and token.head.like_num
            and not span.start <= token.head.i < span.end
        ):
            return False  # "about" of "about 40": the figure's qualifier stays with it
    return True


def _with_commas(
    sent: Span, first: Token, last: Token, owner: Token, closed: bool = False
) -> tuple[int, int] | None:
    """The character span of ``first..last`` with the comma before it, and the comma after
    it when that comma belongs to ``owner``'s phrase (", the prime minister," -> cut
    whole); a comma that closes an opening clause ("As ... Pinochet, the former dictator,
    efforts began") stays.  ``closed``: only an aside between two commas."""
    doc = sent.doc
    if first.i <= sent.start or doc[first.i - 1].text != ",":
        return None
    after = doc[last.i + 1] if last.i + 1 < sent.end else None
    if after is None:
        return None
    start = doc[first.i - 1].idx
    end = last.idx + len(last.text)
    if after.text == ",":
        # Between a subject and its verb ("Jean, 37, was made ...") both commas go.
        inside = owner.left_edge.i <= after.head.i <= owner.right_edge.i
        subject = owner.dep_ in ("nsubj", "nsubjpass") or (
            after.i + 1 < sent.end and doc[after.i + 1].pos_ in ("VERB", "AUX")
        )
        return (start, after.idx + 1) if inside or subject else (start, end)
    if not closed and (after.i == sent.end - 1 and after.is_punct or after.text in (";", ":")):
        return start, end
    return None


def _parentheticals(sent: Span) -> list[tuple[int, int, str]]:
    found = []
    doc = sent.doc
    opened: Token | None = None
    depth = 0  # "(the talks (in Geneva) ended)": the outer pair is the aside
    for token in sent:
        if token.text == "(":
            opened, depth = opened or token, depth + 1
        elif token.text == ")" and opened is not None:
            depth -= 1
            if depth > 0:
                continue
            if opened.i > sent.start and token.i < sent.end - 1:
                start = doc[opened.i - 1].idx + len(doc[opened.i - 1].text)
                found.append((start, token.idx + 1, "parenthetical"))
            opened = None
    return found


def _appositives(sent: Span) -> list[tuple[int, int, str]]:
    found = []
    for token in sent:
        if token.dep_ != "appos" or token.head.pos_ != "PROPN" or token.head.i > token.i:
            continue
        if token.pos_ not in ("NOUN", "NUM") or any(t.dep_ == "conj" for t in token.subtree):
            continue  # a list of names ("Australia, Brunei, Canada ..."), not a description
        first, last = token.left_edge, token.right_edge
        if all(t.pos_ == "PROPN" or t.is_punct for t in token.subtree):
            continue  # "Phnom Penh, Cambodia": a place's country, not a description
        kind = "age" if token.like_num and first.i == last.i else "appositive"
        if (span := _with_commas(sent, first, last, token.head)) is not None:
            found.append((*span, kind))
    return found


def _relatives(sent: Span) -> list[tuple[int, int, str]]:
    found = []
    for token in sent:
        if token.dep_ != "relcl" or token.head.i > token.i:
            continue
        first, last = token.left_edge, token.right_edge
        if first.lower_ not in _RELATIVE_PRONOUNS:
            continue
        # Only between two commas: a clause the parse ran to the sentence's end may have
        # swallowed what the sentence says after it.
        if (span := _with_commas(sent, first, last, token.head, closed=True)) is not None:
            found.append((*span, "relative"))
    return found


def _times(sent: Span, entities: list[Span]) -> list[tuple[int, int, str]]:
    """Relative time phrases: a DATE/TIME entity without a figure, alone or after a
    preposition of time, modifying a verb ("said Tuesday", "on Monday", "late Friday");
    ``entities`` are the doc's entities inside ``sent``."""
    found = []
    doc = sent.doc
    for ent in entities:
        if ent.label_ not in ("DATE", "TIME") or not _DEICTIC.fullmatch(ent.text):
            continue
        phrase = _time_phrase(ent)
        if phrase is None:
            continue
        first, verb = phrase
        last = ent[-1]
        if not _more_than_time(verb, first.i, last.i):
            continue  # "an avalanche that occurred last Friday": the clause needs it
        if first.i == sent.start:  # "On Tuesday, the army ...": the comma and space go too
            after = doc[last.i + 1] if last.i + 1 < sent.end else None
            if after is None or after.text != "," or after.i + 1 >= sent.end:
                continue
            found.append((first.idx, doc[after.i + 1].idx, "time"))
        elif first.i > sent.start:
            before = doc[first.i - 1]
            start = before.idx + len(before.text)
            found.append((start, last.idx + len(last.text), "time"))
    return found


def _heres(sent: Span) -> list[tuple[int, int, str]]:
    """ "here" modifying a verb ("met here Sunday"): the place it points at was named in a
    dateline a summary drops."""
    found = []
    doc = sent.doc
    for token in sent:
        if token.lower_ != "here" or token.dep_ != "advmod" or token.i == sent.start:
            continue
        if token.head.pos_ not in ("VERB", "AUX") or not _more_than_time(
            token.head, token.i, token.i
        ):
            continue
        before = doc[token.i - 1]
        found.append((before.idx + len(before.text), token.idx + len(token.text), "here"))
    return found


def _nows(sent: Span) -> list[tuple[int, int, str]]:
    """A deictic adverb of time modifying a verb ("is now interested", "has recently
    rejected"): like "on Tuesday", it points at a moment the reader of a summary that mixes
    sources no longer knows.  Not when it compares ("as bad now as ..."), opens the
    sentence or opens a clause ("now that the storm has passed")."""
    found = []
    for token in sent:
        if token.lower_ not in _DEICTIC_ADVERBS or token.dep_ != "advmod" or token.i == sent.start:
            continue
        if token.n_lefts or token.n_rights:
            continue  # "Most recently, ...": the phrase is more than the adverb
        before = token.nbor(-1)
        after = token.nbor(1) if token.i + 1 < sent.end else None
        if before.lower_ in _COMPARING or (
            after is not None and (after.lower_ in _COMPARING or after.dep_ == "mark")
        ):
            continue
        verb = token.head
        if verb.pos_ in ("VERB", "AUX") and _more_than_time(verb, token.i, token.i):
            found.append((before.idx + len(before.text), token.idx + len(token.text), "time"))
    return found


def _time_phrase(ent: Span) -> tuple[Token, Token] | None:
    """The first token of the phrase ``ent`` heads ("on Tuesday", "Tuesday") and the verb it
    modifies, when the whole phrase is the entity and its preposition."""
    head = ent.root
    if head.dep_ == "pobj" and head.head.lower_ in _TIME_PREPOSITIONS:
        prep = head.head
        if prep.i != ent.start - 1 or prep.right_edge.i != ent.end - 1:
            return None  # "during the night of Oct. 16": the phrase goes on
        first, verb = prep, prep.head
    elif head.dep_ in ("npadvmod", "tmod"):
        if (head.left_edge.i, head.right_edge.i) != (ent.start, ent.end - 1):
            return None
        first, verb = ent[0], head.head
    else:
        return None
    return (first, verb) if verb.pos_ in ("VERB", "AUX") else None


def _more_than_time(verb: Token, first: int, last: int) -> bool:
    """Whether ``verb`` governs something besides the time phrase ``first..last`` after it,
    or the phrase precedes it: what is left of the clause still reads whole."""
    if first < verb.i:
        return True
    return any(
        c.i > verb.i and not first <= c.i <= last and not c.is_punct and c.dep_ != "cc"
        for c in verb.children
    )
