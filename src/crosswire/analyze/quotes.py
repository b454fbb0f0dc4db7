"""Direct quotes and reported speech in one article, with cue and speaker.

Rule-based over the article's existing parse: quotation marks give the direct quotes, speech
verbs (and "according to") give the cues, the cue's subject gives the speaker, and a cue's
clausal complement gives the content of reported speech.  Quotes with no cue of their own take
the speaker of the quote they continue or of a cue left dangling just before them ("Ryabkov
said. “…”").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Literal

from crosswire.analyze.cues import (
    can_speak_noun,
    completes_content,
    cue_relations,
    is_source_noun,
    reports_by_construction_only,
)
from crosswire.analyze.nlp import doc_text
from crosswire.analyze.quote_marks import QUOTE_CHARS, QuoteSpan, find_quote_spans
from crosswire.analyze.speakers import (
    HONORIFIC_GENDER,
    KINSHIP,
    TITLES,
    SpeakerContext,
    resolve_speaker,
    speaker_span,
)
from crosswire.model import Article, Attribution, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Verbs that report speech and may introduce a direct quote.
SPEECH_VERBS = frozenset(
    """say tell add stress state note write tweet post claim announce warn insist argue explain
    declare report confirm deny acknowledge admit assure vow pledge promise emphasize emphasise
    reiterate remark comment respond reply answer ask urge predict caution recall observe concede
    testify contend maintain allege complain boast joke quip repeat underline underscore counter
    charge conclude continue tout proclaim shout yell scream whisper muse reason assert affirm
    disclose reveal inform interject gush exclaim fume email shout bark snap retort sneer
    murmur mutter plead""".split()  # noqa: SIM905 - a word list reads better as prose
)
# Verbs that attribute a view or finding; they count only with a clause ("believes that …").
REPORT_VERBS = frozenset(
    """believe think suggest indicate show find expect fear hope feel know learn agree estimate
    signal acknowledge hint imply predict""".split()  # noqa: SIM905
)
MAX_OPENER_WORDS = 3  # "Sen. Ann Lee:" opening a line names who speaks; more is a sentence
MIN_QUOTE_WORDS = 4  # shorter quotes are terms or scare quotes ("security guarantees")
_CLAUSAL = {"ccomp", "xcomp", "parataxis", "advcl", "conj", "csubj", "relcl", "acl"}
_SENTENCE_END = {".", "!", "?"}
_SPACES = " \t\u00a0\u2009\u202f"  # spaces within a line, the no-break kinds included
_SIGN_DASHES = "―—–"
_TIMES = {"DATE", "TIME"}
_EMBEDDED = {"ccomp", "relcl", "acl", "advcl", "pcomp"}  # clauses inside another clause
_NOMINAL_POS = {"PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "ADP", "PART", "CCONJ"}
_NAMED = {"PERSON", "ORG"}
# What else of the verb a nominal report takes in: "called <him> <a 'nice guy'>".
_OBJECTS = {"dobj", "oprd", "xcomp", "ccomp", "attr", "acomp", "dative"}
# Subjects that are not someone: "that showed …", "which suggests …".
_NOT_SPEAKERS = {"this", "that", "which", "what", "these", "those", "something", "nothing"}


@dataclass
class _Found:
    """An attribution before its speaker is resolved."""

    start: int
    end: int
    kind: Literal["direct", "indirect"]
    cue: tuple[int, int] | None
    speaker_head: Token | None
    frame_end: int  # where the reporting sentence ends, for quotes that continue it
    speech: bool = True  # cued by a speech verb (or "according to"), not a stance or deed


def extract_attributions(doc: Doc, article: Article, mentions: list[Mention]) -> list[Attribution]:
    """Quotes and reported speech in ``doc``, in text order."""
    quotes = find_quote_spans(article.text[: len(doc_text(doc))])
    context = SpeakerContext.build(doc, mentions, [(q.start, q.end) for q in quotes])
    finder = _Finder(doc, quotes, context)
    found = finder.find()
    context.add_quoted([(f.start, f.end) for f in found])
    return [_resolve(context, article, item) for item in found if item.end - item.start > 1]


class _Finder:
    """Walks one parsed article once, pairing cues with quotes and clauses."""

    def __init__(self, doc: Doc, quotes: list[QuoteSpan], context: SpeakerContext) -> None:
        self.doc = doc
        self.text = context.text  # Doc.text rebuilds the string on every access
        self.quotes = quotes
        self.context = context
        self.claimed: set[QuoteSpan] = set()
        self.used_cues: set[int] = set()
        self._ents: tuple[Span, ...] | None = None

    @property
    def ents(self) -> tuple[Span, ...]:
        """The article's entities, read once (``Doc.ents`` builds every span on each access)."""
        if self._ents is None:
            self._ents = tuple(self.doc.ents)
        return self._ents

    def find(self) -> list[_Found]:
        found: list[_Found] = []
        for token in self.context.tokens:  # the Tokens built once, not a second time
            if self.context.in_quote(token.idx):
                continue
            if token.lower_ == "according" and token.i + 1 < len(self.doc):
                found.extend(self._according(token))
            elif token.text == ":":
                found.extend(self._colon(token))
            elif _is_cue(token):
                found.extend(self._from_cue(token))
        found = [f for f in found if not _nested(f, found, self.text)]
        for item in found:
            self.claimed.update(q for q in self.quotes if item.start <= q.inner_start < item.end)
        found.extend(self._standalone(found))
        return sorted(found, key=lambda f: f.start)

    # ------------------------------------------------------------------ cues

    def _from_cue(self, verb: Token) -> list[_Found]:
        written = _subject(verb)
        outside = written is not None and not self.context.in_quote(written.idx)
        if written is not None and outside and not _can_speak(written):
            return []  # "Duterte's comments showed …", "tensions rose …": nobody speaks here
        subject = self._speaker_of(verb)
        cue = (verb.idx, verb.idx + len(verb.text))
        frame_end = self._frame_end(verb)
        lemma = verb.lemma_.lower()
        learned = cue_relations().get(lemma, ())
        if _construction_only(lemma):
            return self._construction(verb, learned, subject, outside, cue, frame_end)
        direct = [q for q in self._adjacent_quotes(verb) if q not in self.claimed]
        if direct:
            self.claimed.update(direct)
            self.used_cues.add(verb.i)
            return [
                _Found(q.inner_start, q.inner_end, "direct", cue, subject, max(frame_end, q.end))
                for q in direct
            ]
        # a verb the data made a cue only in some constructions ("thinks <clause>", "found
        # <clause>") reports a view, not words: a stance, as its other constructions are
        speech = not reports_by_construction_only(lemma)
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if clause is not None and clause.i < verb.i and self._semicolon_between(clause, verb):
            clause = None  # "X said A; the ministry ordered it": A is not what was ordered
        if clause is not None and (
            lemma in SPEECH_VERBS or _has_that(clause) or "ccomp" in learned
        ):
            start, end = _trim(self.text, clause.left_edge.idx, self._content_end(verb, clause))
            self.used_cues.add(verb.i)
            pieces = [self._content(start, end, cue, subject, frame_end, speech=speech)]
            return pieces + self._resumed(verb, end, cue, subject, frame_end, speech=speech)
        if lemma in SPEECH_VERBS or "ccomp" in learned:
            reported = self._reported_before(verb)
            if reported is not None:
                self.used_cues.add(verb.i)
                pieces = [self._content(*reported, cue, subject, frame_end, speech=speech)]
                return pieces + self._resumed(
                    verb, reported[1], cue, subject, frame_end, speech=speech
                )
        if _is_passive(verb):
            return self._passive(verb, written if outside else None, cue, frame_end)
        return self._construction(verb, learned, subject, outside, cue, frame_end)

    def _passive(
        self, verb: Token, agent: Token | None, cue: tuple[int, int], frame_end: int
    ) -> list[_Found]:
        """A passive cue reports on its subject, and names only its agent: "<the plan> was
        criticized <for its cost>" (nobody), "<the bill> was endorsed by the union" (the
        union), "<turnout> is expected <to rise>".  The content is the subject and what
        completes the verb (a clause, a predicate, or a phrase whose preposition the training
        data saw inside content); with no agent and no completion, nothing."""
        subject = next(c for c in verb.children if c.dep_ == "nsubjpass")
        complement = next(
            (
                c
                for c in verb.rights
                if c.dep_ in {"xcomp", "ccomp", "oprd"}
                or (c.dep_ == "prep" and completes_content(c.lower_))
            ),
            None,
        )
        if (complement is None and agent is None) or self.context.in_quote(subject.idx):
            return []
        if subject.lower_ in _NOT_SPEAKERS | {"it", "there"}:
            return []  # "it is expected that …": the clause is the content, read above
        self.used_cues.add(verb.i)
        head = _trim(self.text, subject.left_edge.idx, _token_end(subject.right_edge))
        found = [self._content(*head, cue, agent, frame_end, speech=False)]
        if complement is not None:
            rest = _trim(self.text, complement.left_edge.idx, _token_end(complement.right_edge))
            found.append(self._content(*rest, cue, agent, frame_end, speech=False))
        return [item for item in found if item.end > item.start]

    def _construction(
        self,
        verb: Token,
        learned: tuple[str, ...],
        subject: Token | None,
        outside: bool,
        cue: tuple[int, int],
        frame_end: int,
    ) -> list[_Found]:
        """What a stance or deed reports, by the constructions the data saw it report in."""
        complement = _complement(verb, learned)
        if complement is None or subject is None or not outside:
            return []  # a stance or deed with no subject of its own ("is expected to") stays out
        if complement.i < verb.i and self._semicolon_between(complement, verb):
            return []
        rights = [c for c in verb.rights if c.dep_ in _OBJECTS or _argument(c, complement)]
        last = max([complement.right_edge, *(c.right_edge for c in rights)], key=lambda t: t.i)
        if complement.dep_ == "pobj":  # "called for <X>": the object of the preposition only
            last = complement.right_edge
        last = self._before_aside(complement, last)
        start, stop = _trim(self.text, complement.left_edge.idx, _token_end(last))
        self.used_cues.add(verb.i)
        # "criticized the plan", "responded to …": no words reported, so never a direct quote
        return [self._content(start, stop, cue, subject, frame_end, speech=False)]

    def _resumed(
        self,
        verb: Token,
        end: int,
        cue: tuple[int, int],
        subject: Token | None,
        frame_end: int,
        *,
        speech: bool = True,
    ) -> list[_Found]:
        """The rest of a report the cue interrupts: "Lenox was a juggernaut, Mr. Clarke said,
        until it went bankrupt": after the cue and its adjuncts, a comma, then the same
        sentence going on without a cue of its own."""
        if end > verb.idx:
            return []
        sentence_end = verb.sent.end_char
        comma = None
        for token in self.doc[verb.i + 1 : verb.sent.end]:
            if token.text == "," and not self.context.in_quote(token.idx):
                comma = token
                break
            if token.text in _SENTENCE_END or token.text in QUOTE_CHARS or "\n" in token.text:
                return []
            if not _under_verb_outside_clause(token, verb):
                return []
        if comma is None or comma.i + 1 >= verb.sent.end:
            return []
        first = self.doc[comma.i + 1]
        if _is_cue(first) or first.lower_ == "according" or first.text in QUOTE_CHARS:
            return []  # "…, she said, adding that …": a report of its own
        start, stop = _trim(self.text, first.idx, sentence_end)
        if len(self.text[start:stop].split()) < 2 or "\n" in self.text[start:stop]:
            return []
        return [self._content(start, stop, cue, subject, frame_end, speech=speech)]

    def _semicolon_between(self, clause: Token, verb: Token) -> bool:
        gap = self.text[_token_end(clause.right_edge) : verb.idx]
        return ";" in gap and not self.context.in_quote(verb.idx)

    def _before_semicolon(self, start: int, end: int) -> int:
        """Reported speech ends at a semicolon outside quotation marks: what follows is a
        sentence of its own ("…was not intentional; they only learned on Friday …")."""
        at = self.text.find(";", start, end)
        while at >= 0 and self.context.in_quote(at):
            at = self.text.find(";", at + 1, end)
        return at if at > start else end

    def _before_aside(self, complement: Token, last: Token) -> Token:
        """A stance's object ends at a comma that opens the writer's aside ("likened RT to the
        BBC, which receives …", "echo her concerns, in large part"); a comma inside a list
        ("Paris, Brussels and Nice") does not end it."""
        for token in self.doc[complement.left_edge.i : last.i]:
            if token.text != "," or self.context.in_quote(token.idx):
                continue
            after = self.doc[token.i + 1]
            if after.dep_ == "conj" or (after.head.dep_ == "conj" and after.head.i > token.i):
                continue
            return self.doc[token.i - 1]
        return last

    def _reported_before(self, verb: Token) -> tuple[int, int] | None:
        """ "<clause>, X said." parsed with the clause as the head of the cue verb, or "The
        museum, X said, would …" with the cue set inside the clause it reports."""
        head = verb.head
        if verb.dep_ == "parataxis" and head.i > verb.i > head.left_edge.i:
            lead = next(t for t in verb.subtree if not t.is_punct)
            start, end = _trim(self.text, head.left_edge.idx, lead.idx)
            return (start, end) if self.text[end : lead.idx].strip() == "," else None
        if verb.dep_ not in {"ccomp", "parataxis", "advcl", "conj"} or head.i >= verb.i:
            return None
        start, end = head.left_edge.idx, verb.left_edge.idx
        first_word = next(t for t in verb.subtree if not t.is_punct)
        if not self.text[start : first_word.idx].rstrip().endswith((",", "—", "–")):
            return None  # "He hoped to say …": not a report set off before its cue
        start, end = _trim(self.text, start, end)
        return (start, end) if end - start >= 10 else None

    def _content_end(self, verb: Token, clause: Token) -> int:
        """Where reported speech ends: the whole clause and whatever else of the reporting
        sentence follows it ("said that <clause> and <clause>"), a misparse never cutting it
        short, but not a second report of its own ("…, adding that …")."""
        end = _token_end(clause.right_edge)
        if clause.i < verb.i:
            return end
        for child in verb.rights:
            if child.i <= clause.right_edge.i or child.dep_ == "punct":
                continue
            if (
                _is_cue(child)
                or child.lower_ == "according"
                or (child.dep_ == "cc" and any(_is_cue(c) for c in verb.rights if c.i > child.i))
            ):
                break
            end = max(end, _token_end(child.right_edge))
        return end

    def _according(self, according: Token) -> list[_Found]:
        to = self.doc[according.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if to.lower_ != "to" or source is None:
            return []
        cue = (according.idx, _token_end(to))
        _, phrase_end = speaker_span(source)
        beside = self._quote_beside(according, phrase_end)
        if beside is not None:  # "“…,” according to X" and "According to X, “…”"
            self.claimed.add(beside)
            frame_end = max(beside.end, according.sent.end_char)
            return [_Found(beside.inner_start, beside.inner_end, "direct", cue, source, frame_end)]
        previous = self.doc[according.i - 1] if according.i > according.sent.start else None
        if previous is not None and previous.text not in {",", "(", "—", "–"}:
            return []  # "in accordance with", not a source
        sent = according.sent
        if according.i == sent.start or self.doc[sent.start : according.i].text.strip(" ,") == "":
            start, end = _trim(self.text, phrase_end, sent.end_char)
        else:
            start, end = _trim(self.text, sent.start_char, according.idx)
        if end - start < 10:
            return []
        return [self._content(start, end, cue, source, sent.end_char)]

    def _colon(self, colon: Token) -> list[_Found]:
        """A line opened by a name and a colon: "Trump: I'm the worst thing …", "Lee: “…”"."""
        text = self.text
        line_start = text.rfind("\n", 0, colon.idx) + 1
        names = [
            e
            for e in self.ents
            if e.label_ in _NAMED and line_start <= e.start_char < colon.idx == e.end_char
        ]
        if names and text[line_start : names[0].start_char].strip():
            return []
        opener = self._line_opener(line_start, colon)
        if not names and opener is None:
            return []
        speaker = names[0].root if names else opener
        line_end = text.find("\n", colon.idx)
        line_end = len(text) if line_end < 0 else line_end
        cue = (colon.idx, colon.idx + 1)
        for quote in self.quotes:
            if quote not in self.claimed and quote.start >= colon.idx + 1:
                if not text[colon.idx + 1 : quote.start].strip():
                    self.claimed.add(quote)
                    inner = (quote.inner_start, quote.inner_end)
                    return [_Found(*inner, "direct", cue, speaker, quote.end)]
                break
        start, end = _trim(text, colon.idx + 1, line_end)
        if len(text[start:end].split()) < MIN_QUOTE_WORDS:
            return []
        return [_Found(start, end, "indirect", cue, speaker, line_end)]

    def _line_opener(self, line_start: int, colon: Token) -> Token | None:
        """A short name the tagger left untyped opening a line before a colon ("Sanders: …",
        "Poll: …"): capitalised proper nouns, or one noun the training data saw as a source."""
        span = self.doc.char_span(line_start, colon.idx, alignment_mode="contract")
        # one word past the limit is enough to refuse: the line before a colon can be a whole
        # paragraph, and building a Token for each of its words was most of this stage's time
        words = list(islice((t for t in span or [] if not t.is_space), MAX_OPENER_WORDS + 1))
        if not words or len(words) > MAX_OPENER_WORDS or not words[0].text[:1].isupper():
            return None
        last = words[-1]
        if all(t.pos_ == "PROPN" for t in words):
            return last
        single_source = len(words) == 1 and last.pos_ == "NOUN" and is_source_noun(last.lemma_)
        return last if single_source else None

    def _quote_beside(self, according: Token, phrase_end: int) -> QuoteSpan | None:
        """A quotation that ends just before "according to", or starts right after its source
        when "According to X" opens the sentence."""
        text = self.text
        for quote in self.quotes:
            if quote in self.claimed or _words(text, quote) < MIN_QUOTE_WORDS:
                continue
            if (
                quote.end <= according.idx
                and text[quote.end : according.idx].strip(_SPACES + ",") == ""
            ):
                return quote
            opening = text[according.sent.start_char : according.idx].strip(_SPACES) == ""
            if (
                opening
                and quote.start >= phrase_end
                and not text[phrase_end : quote.start].strip(_SPACES + ",:")
            ):
                return quote
        return None

    def _content(
        self,
        start: int,
        end: int,
        cue: tuple[int, int],
        subject: Token | None,
        frame_end: int,
        *,
        speech: bool = True,
    ) -> _Found:
        """Reported speech, or a direct quote when the clause is all one quotation.  The object of
        a stance or deed (``speech`` false) is a direct quote only when the quotation reads as
        words of its own (“What curfew?”), not a phrase of the writer's sentence set in marks
        (attacked “the hateful ideology …”)."""
        text = self.text
        # a misparse can hang a clause from the next paragraph; content stays in the cue's
        start = max(start, text.rfind("\n", 0, cue[0]) + 1)
        paragraph_end = text.find("\n", cue[1])
        end = min(end, paragraph_end if paragraph_end >= 0 else len(text))
        end = self._before_semicolon(start, end)
        start, end = _trim(text, start, end)
        if text[start : start + 5].lower() == "that ":  # the complementiser is not the content
            start += 5
        for quote in self.quotes:
            if quote.end <= start or quote.start >= end:
                continue
            outside = text[start : quote.start] + " " + text[quote.end : end]
            words = speech or text[quote.inner_start : quote.inner_start + 1].isupper()
            if words and quote not in self.claimed and _only_glue(outside):
                self.claimed.add(quote)
                return _Found(quote.inner_start, quote.inner_end, "direct", cue, subject, frame_end)
            if start < quote.start < end < quote.end <= end + 3:
                end = quote.end  # take in the closing mark the clause stopped short of
        return _Found(start, end, "indirect", cue, subject, frame_end, speech)

    def _adjacent_quotes(self, verb: Token) -> list[QuoteSpan]:
        """Quotes this verb introduces: next to it, with only its subject or adjuncts between."""
        result = []
        before = [q for q in self.quotes if q.end <= verb.idx]
        if before and self._joins(before[-1].end, verb.idx, verb) and self._opens(before[-1]):
            result.append(before[-1])
        after = [q for q in self.quotes if q.start >= _token_end(verb)]
        if (
            after
            and self._joins(_token_end(verb), after[0].start, verb)
            and not self._runs_on(after[0])
            and not self._inside_phrase(after[0])
        ):
            result.append(after[0])
        return [q for q in result if _words(self.text, q) >= MIN_QUOTE_WORDS]

    def _joins(self, start: int, end: int, verb: Token) -> bool:
        """Whether the text between ``start`` and ``end`` belongs to the reporting clause only."""
        if "\n" in self.text[start:end]:
            return False
        span = self.doc.char_span(start, end, alignment_mode="contract")
        between: list[Token] = []
        parsed = True
        for token in span if span is not None else ():  # read up to the first stop only
            if token.text in _SENTENCE_END or token.text in QUOTE_CHARS:
                return False
            between.append(token)
            if token.is_punct or (token.lower_ == "that" and token.dep_ == "mark"):
                continue
            parsed = parsed and _under_verb_outside_clause(token, verb)
        # a misparse can hang the speaker from the quote ("“…,” Flynn, a surrogate, said"):
        # a bare noun phrase between the quote and its verb still joins them
        return parsed or (end <= verb.idx and _noun_phrase_only(between))

    def _runs_on(self, quote: QuoteSpan) -> bool:
        """Whether the reporter's own words go on after the closing mark in the same clause
        (said “… jail time” for criminal behavior): a partial quote, reported with its clause."""
        inner = self.text[quote.inner_start : quote.end].rstrip(QUOTE_CHARS + _SPACES)
        tail = self.text[quote.end : quote.end + 2].lstrip(_SPACES)
        return bool(inner) and inner[-1].isalnum() and tail[:1].isalpha()

    def _inside_phrase(self, quote: QuoteSpan) -> bool:
        """Whether the reporter's word just before the opening mark belongs to the quoted
        phrase ("calls it a “war of words”", "as being in the “suburbs”"): a partial quote."""
        before = self.text[: quote.start].rstrip(_SPACES)
        if not before or not before[-1].isalnum():
            return False
        span = self.doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if span is None:
            return False
        word = span[-1]
        if word.lower_ in {"that", "if", "whether"}:
            return False
        head = word.head
        return word.pos_ in {"DET", "ADP"} or quote.start <= head.idx < quote.end

    def _opens(self, quote: QuoteSpan) -> bool:
        """Whether a quote starts its sentence, so a cue after it reports all of it."""
        head = self.text[: quote.start].rstrip(_SPACES)
        return not head or head[-1] in ".!?:;\n" or head[-1] in QUOTE_CHARS

    def _frame_end(self, verb: Token) -> int:
        """Where the reporting sentence ends; a quotation opening a new sentence ends it too,
        even when the sentence's last stop sits inside a title (“on “Fox and Friends.” “…”)."""
        opening = {q.start for q in self.quotes if q.start > verb.idx and self._opens(q)}
        for token in self.doc[verb.i :]:
            if token.idx in opening:
                return int(token.idx)
            if token.text in _SENTENCE_END and not self.context.in_quote(token.idx):
                return _token_end(token)
            if "\n" in token.text_with_ws:
                return _token_end(token)
        return len(self.text)

    def _speaker_of(self, verb: Token) -> Token | None:
        """The verb's subject; failing a usable parse, the nearest noun beside it outside quotes."""
        subject = _subject(verb)
        if subject is not None and not self.context.in_quote(subject.idx):
            return subject
        if _unsure_subject(verb) or any(c.dep_ == "nsubjpass" for c in verb.children):
            return None  # a passive cue with no agent names nobody: no neighbour is guessed
        doc = self.doc
        window: list[Token] = [
            *reversed(doc[max(0, verb.i - 6) : verb.i]),
            *doc[verb.i + 1 : verb.i + 7],
        ]
        for token in window:
            if self.context.in_quote(token.idx) or token.is_punct:
                continue
            nominal = token.pos_ in {"PROPN", "NOUN", "PRON"}
            if nominal and token.dep_ not in {"compound", "poss"} and _can_speak(token):
                # "Flynn, a top surrogate, said": the name the description stands beside
                named = token.dep_ == "appos" and token.head.pos_ == "PROPN"
                return token.head if named else token
        return None

    # ------------------------------------------------------- standalone quotes

    def _standalone(self, found: list[_Found]) -> list[_Found]:
        """Whole-sentence quotes with no cue of their own: continuing a speaker, or unattributed."""
        result: list[_Found] = []
        for quote in self.quotes:
            if quote in self.claimed or _words(self.text, quote) < MIN_QUOTE_WORDS:
                continue
            if not self._opens(quote):
                continue
            if not self._ends_sentence(quote):
                trailing = (
                    self._signed(quote)
                    or self._trailing_cue(quote)
                    or self._continued_mixed(quote, found + result)
                )
                if trailing is not None:
                    result.append(trailing)
                continue
            item = (
                self._dangling_cue(quote)
                or self._introduced(quote)
                or self._continued(quote, found + result)
            )
            if item is None:
                item = _Found(quote.inner_start, quote.inner_end, "direct", None, None, quote.end)
            result.append(item)
        return result

    def _ends_sentence(self, quote: QuoteSpan) -> bool:
        tail = self.text[quote.end :].lstrip(_SPACES)
        return not quote.closed or not tail or tail[0] in ".!?\n" or tail[0] in QUOTE_CHARS

    def _dangling_cue(self, quote: QuoteSpan) -> _Found | None:
        """A speech verb ending the sentence just before: "Ryabkov said. “…”", "She said:\\n“…”"."""
        preceding = self.doc.char_span(0, quote.start, alignment_mode="contract")
        if preceding is None:
            return None
        for token in reversed(preceding):
            if token.is_punct or token.is_space:
                continue
            if (
                token.i in self.used_cues
                or not _is_cue(token)
                or token.lemma_.lower() in REPORT_VERBS
                or _construction_only(token.lemma_.lower())
            ):
                return None
            self.used_cues.add(token.i)
            cue = (token.idx, _token_end(token))
            return _Found(
                quote.inner_start,
                quote.inner_end,
                "direct",
                cue,
                self._speaker_of(token),
                quote.end,
            )
        return None

    def _introduced(self, quote: QuoteSpan) -> _Found | None:
        """A sentence whose subject introduces the quote with a colon: "The board was
        conclusive in its findings: “…”"; the subject speaks only if it is a name or a pronoun."""
        head = self.text[: quote.start].rstrip(_SPACES)
        if not head.endswith(":"):
            return None
        colon = self.doc.char_span(len(head) - 1, len(head), alignment_mode="expand")
        if colon is None or colon[0].text != ":":
            return None
        clause = colon[0].head  # the sentence the colon ends, even when parsed under the quote
        if self.context.in_quote(clause.idx) or clause.i > colon[0].i:
            return None
        subject = _subject(clause)
        if subject is None or self.context.in_quote(subject.idx) or not _names_someone(subject):
            return None
        cue = (colon[0].idx, colon[0].idx + 1)
        return _Found(quote.inner_start, quote.inner_end, "direct", cue, subject, quote.end)

    def _signed(self, quote: QuoteSpan) -> _Found | None:
        """“…” ― Jane Roe: a quote signed, after a dash, by a name that ends its line (with at
        most a description after a comma), as readers' and panels' words are printed."""
        text = self.text
        line_end = text.find("\n", quote.end)
        line_end = len(text) if line_end < 0 else line_end
        tail = text[quote.end : line_end]
        stripped = tail.lstrip(_SPACES)
        if not stripped or stripped[0] not in _SIGN_DASHES:
            return None
        dash = quote.end + len(tail) - len(stripped)
        after = self.doc.char_span(dash + 1, line_end, alignment_mode="contract")
        name = next((t for t in after or [] if not t.is_space), None)
        if name is None or not _names_someone(name) or name.pos_ == "PRON":
            return None
        entity = next((e for e in self.ents if e.start <= name.i < e.end), None)
        names = [t for t in entity or [] if t.pos_ == "PROPN" and t.i >= name.i]
        head = names[-1] if names else name  # the entity may have swallowed the dash
        while head.head.i != head.i and head.dep_ in {"compound", "flat"}:
            head = head.head
        phrase_end = speaker_span(head)[1]
        rest = text[phrase_end:line_end].strip(_SPACES + ".")
        if rest and not rest.startswith(","):
            return None  # the dash opens a sentence of its own, not a signature
        cue = (dash, dash + 1)
        return _Found(quote.inner_start, quote.inner_end, "direct", cue, head, line_end)

    def _trailing_cue(self, quote: QuoteSpan) -> _Found | None:
        """“…,” <someone> <verb>. — a verb the lexicon does not know ("retaliated"), standing
        alone after a quote with only a named or pronoun subject, reports it."""
        tail = self.doc.char_span(quote.end, len(self.text), alignment_mode="contract")
        if tail is None:
            return None
        frame: list[Token] = []
        for token in tail:
            if token.text in _SENTENCE_END or "\n" in token.text_with_ws:
                frame.append(token)
                break
            if token.text in QUOTE_CHARS or len(frame) > 8:
                return None
            frame.append(token)
        if not frame or frame[-1].text not in _SENTENCE_END:
            return None
        verbs = [t for t in frame if t.pos_ == "VERB"]
        if len(verbs) != 1 or verbs[0].i in self.used_cues:
            return None
        verb = verbs[0]
        subject = _subject(verb)
        words = [t for t in frame if not t.is_punct]
        allowed = {verb.i} | ({t.i for t in subject.subtree} if subject is not None else set())
        if subject is None or not _names_someone(subject) or subject.i > verb.i:
            return None
        if any(t.i not in allowed and t.pos_ not in {"ADV", "PART"} for t in words):
            return None  # the verb has an object or more: not a bare report of the quote
        self.used_cues.add(verb.i)
        cue = (verb.idx, _token_end(verb))
        return _Found(quote.inner_start, quote.inner_end, "direct", cue, subject, frame[-1].idx + 1)

    def _continued_mixed(self, quote: QuoteSpan, found: list[_Found]) -> _Found | None:
        """A quote that opens a sentence the writer finishes (“… a tax increase” for the top
        bracket), right after a speaker's quote: that speaker's, reported with its sentence."""
        item = self._continued(quote, found) if self._runs_on(quote) else None
        if item is None or item.cue is None:
            return None
        sentence = self.doc.char_span(quote.end, len(self.text), alignment_mode="contract")
        stop = next((t for t in sentence or [] if t.text in _SENTENCE_END or "\n" in t.text), None)
        if stop is None:
            return None
        start, end = _trim(self.text, quote.start, stop.idx)
        return _Found(start, end, "indirect", item.cue, item.speaker_head, stop.idx + 1)

    def _continued(self, quote: QuoteSpan, found: list[_Found]) -> _Found | None:
        """The speaker of a report that ended just before this quote goes on speaking: a quote
        after a quote continues the same report (same cue); a quote right after someone's
        reported speech, in its paragraph or opening the next, is that person's own words
        ("Graham said he had the votes. “…”", "Graham said …\n“…”")."""
        earlier = [f for f in found if f.frame_end <= quote.start and f.speech]
        if not earlier:
            return None
        last = max(earlier, key=lambda f: f.frame_end)
        between = self.text[last.frame_end : quote.start]
        if between.count("\n") > 2 or any(c.isalnum() for c in between):
            return None
        if last.kind == "indirect" and last.speaker_head is None:
            return None
        cue = last.cue if last.kind == "direct" else None
        return _Found(
            quote.inner_start, quote.inner_end, "direct", cue, last.speaker_head, quote.end
        )


def _resolve(context: SpeakerContext, article: Article, item: _Found) -> Attribution:
    text = article.text
    attribution = Attribution(
        article.id,
        item.start,
        item.end,
        text[item.start : item.end],
        kind=item.kind,
        stance=not item.speech,
    )
    if item.cue is not None:
        attribution.cue_start, attribution.cue_end = item.cue
        attribution.cue = text[item.cue[0] : item.cue[1]]
    head = item.speaker_head
    if head is not None:
        start, end = (head.idx, _token_end(head)) if head.pos_ == "PRON" else speaker_span(head)
        attribution.speaker_start, attribution.speaker_end = start, end
        attribution.speaker_text = text[start:end]
        if _relative(head):  # "Ryan, who said …": written "who", meaning the one it follows
            head = head.head.head
            start, end = speaker_span(head)
        speaker = resolve_speaker(context, head, start, end) or _described(
            context.doc, head, start, end
        )
        attribution.speaker = speaker.strip() if speaker else None  # no-break spaces too
        if attribution.speaker and item.speech:  # the last speaker is the likeliest "he"
            context.add_antecedent(attribution.speaker, head)
    return attribution


def _is_cue(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ not in {"VERB", "AUX"} or lemma == "accord":  # "according to" apart
        return False
    return lemma in SPEECH_VERBS or lemma in REPORT_VERBS or lemma in cue_relations()


def _construction_only(lemma: str) -> bool:
    """A verb the data made a cue only in some constructions, and no listed speech verb."""
    return (
        lemma not in SPEECH_VERBS
        and lemma not in REPORT_VERBS
        and reports_by_construction_only(lemma)
    )


def _described(doc: Doc, head: Token, start: int, end: int) -> str | None:
    """A speaker no one person of the article fits but a name describes, shown as written:
    "the Clinton campaign", "Sanders's spokesman".  A lone name stays unresolved (it may be any
    of a family), and so does a description with no name in it ("a spokeswoman")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or head.pos_ == "PRON" or len(span) < 2:
        return None
    if head.pos_ == "NOUN" and not is_source_noun(head.lemma_):
        return None  # "Ukraine's borders" names a place, not who speaks
    titles = HONORIFIC_GENDER.keys() | TITLES
    if not any(
        t.pos_ == "PROPN" and t.i != head.i and t.lower_.rstrip(".") not in titles for t in span
    ):
        return None  # "Mr. Varga" is a lone surname with a title
    words = [t for t in span if not (t.i == span.start and t.dep_ == "det")]
    return doc[words[0].i : span.end].text if words else None


def _names_someone(token: Token) -> bool:
    """A name of a person or organisation, or a personal pronoun."""
    if token.pos_ == "PRON":
        return token.lower_ in {"he", "she", "they", "i", "we"}
    return token.ent_type_ in _NAMED or (token.pos_ == "PROPN" and _can_speak(token))


def _relative(token: Token) -> bool:
    """The relative pronoun subject of a relative clause ("who", "which", "that")."""
    return token.lower_ in {"who", "that", "which"} and token.head.dep_ == "relcl"


def _can_speak(token: Token) -> bool:
    """A person, organisation or pronoun can speak; "tensions" or "comments" cannot."""
    if _relative(token):
        if token.lower_ == "who":  # only people are "who"
            return True
        token = token.head.head
    if token.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or token.pos_ == "PROPN":
        return True
    if token.lower_ in _NOT_SPEAKERS:
        return False
    lemma = token.lemma_.lower()
    return token.pos_ != "NOUN" or lemma in KINSHIP or can_speak_noun(lemma)


def _argument(child: Token, complement: Token) -> bool:
    """A phrase after the object that completes what the cue reports: "blasted him <for not
    paying tax>", "likened RT <to the BBC>", "cited remarks <as examples>"."""
    return (
        child.dep_ == "prep"
        and child.i > complement.i
        and completes_content(child.lower_)
        and not any(t.ent_type_ in _TIMES for t in child.children)
    )


def _complement(verb: Token, relations: tuple[str, ...]) -> Token | None:
    """The content the learned relations of a cue point at: "criticized <the plan>"."""
    for relation in relations:
        dep, _, word = relation.partition(":")
        for child in verb.children:
            if child.dep_ != dep or (word and child.lower_ != word):
                continue
            if dep == "prep":
                return next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
            return child
    return None


def _subject(verb: Token) -> Token | None:
    """The one who speaks: the verb's subject, or that of the verb it is coordinated with.  A
    passive cue's subject is what is reported on ("talks are expected to …"), so its speaker
    is the agent ("… by officials") or nobody."""
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            subjects.sort(key=lambda c: (c.ent_type_ != "PERSON", c.pos_ != "PROPN"))
            return subjects[0]
        if verb.dep_ not in {"conj", "xcomp", "advcl", "relcl"}:
            return None
        if _unsure_subject(verb):  # a participle's subject is the main clause's
            verb = _main_clause(verb)
            continue
        if verb.dep_ == "relcl":
            return verb.head
        verb = verb.head
    return None


def _is_passive(verb: Token) -> bool:
    """ "was criticized", "is expected", "was endorsed by …": a passive cue."""
    return any(c.dep_ == "nsubjpass" for c in verb.children)


def _unsure_subject(verb: Token) -> bool:
    """A participle hung from a clause inside another ("protesters marched past the stadium,
    where the Panthers played, while chanting"): not that clause's subject speaks."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.dep_ in _EMBEDDED


def _main_clause(verb: Token) -> Token:
    """The clause a participial adjunct belongs to: up past the clauses embedded in it."""
    head = verb.head
    while head.head.i != head.i and (
        head.dep_ in _EMBEDDED | {"xcomp", "conj"} or head.pos_ not in {"VERB", "AUX"}
    ):
        head = head.head
    return head


def _under_verb_outside_clause(token: Token, verb: Token) -> bool:
    """True for the verb's subject, object and adjuncts; False for its content clause."""
    node = token
    while node.i != node.head.i:
        if node.head.i == verb.i:
            return node.dep_ not in _CLAUSAL
        node = node.head
    return False


def _noun_phrase_only(tokens: Iterable[Token]) -> bool:
    """Whether ``tokens`` are a name or noun phrase (with appositions), and nothing else."""
    words = [t for t in tokens if not t.is_punct]
    return (
        bool(words)
        and all(t.pos_ in _NOMINAL_POS for t in words)
        and any(t.pos_ in {"PROPN", "NOUN", "PRON"} for t in words)
    )


def _only_glue(text: str) -> bool:
    """Whether ``text`` holds nothing but punctuation and a complementiser."""
    words = [w for w in text.split() if any(c.isalnum() for c in w)]
    return not words or (len(words) == 1 and words[0].lower() == "that")


def _has_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in {"that", "if", "whether"} for c in clause.children)


def _nested(item: _Found, found: list[_Found], text: str) -> bool:
    """Reported speech inside other reported speech ("said they had told … that …")."""
    if item.cue is None:
        return False
    others = [o for o in found if o is not item and o.cue is not None]
    if _according(item, text):  # "X said …, according to a summary": X is the better speaker
        return any(
            item.start <= o.cue[0] < item.end and o.speech  # type: ignore[index]
            for o in others
        )
    if item.kind == "direct":
        return False
    return any(o.start <= item.cue[0] < o.end and not _according(o, text) for o in others)


def _according(item: _Found, text: str) -> bool:
    return item.cue is not None and text[item.cue[0] : item.cue[1]].lower() == "according to"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a content span past edge punctuation and unmatched quotation marks."""
    while True:
        before = (start, end)
        while start < end and text[start] in _SPACES + "\n,;:—–-":
            start += 1
        while end > start and text[end - 1] in _SPACES + "\n,;:—–-.":
            end -= 1
        inner = text[start:end]
        if inner and inner[-1] in QUOTE_CHARS and _unbalanced(inner):
            end -= 1
        elif inner and inner[0] in QUOTE_CHARS and _unbalanced(inner):
            start += 1
        if (start, end) == before:
            return start, end


def _unbalanced(text: str) -> bool:
    marks = sum(text.count(c) for c in '“”"«»')
    return marks % 2 == 1


def _words(text: str, quote: QuoteSpan) -> int:
    return len(text[quote.inner_start : quote.inner_end].split())


def _token_end(token: Token) -> int:
    return int(token.idx + len(token.text))
