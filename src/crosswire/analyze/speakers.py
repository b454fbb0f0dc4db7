"""Who a speaker phrase refers to: a name, a pronoun, or a description like "the deputy secretary".

Resolution stays inside one article and uses only its parse and entity mentions; a speaker
that cannot be tied to a person or organisation named in the article stays unresolved.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from crosswire.analyze.nlp import doc_text
from crosswire.analyze.subjects import entity_at
from crosswire.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
HONORIFIC_GENDER = {
    "mr": "m", "mister": "m", "sir": "m", "lord": "m",
    "ms": "f", "mrs": "f", "miss": "f", "madam": "f", "dame": "f", "lady": "f",
}  # fmt: skip
GENDERED_ROLES = {
    "spokesman": "m", "chairman": "m", "congressman": "m", "businessman": "m", "king": "m",
    "spokeswoman": "f", "chairwoman": "f", "congresswoman": "f", "businesswoman": "f",
    "queen": "f", "actress": "f",
}  # fmt: skip
# Heads that describe a person without naming a role a profile would list.
GENERIC_PERSON_NOUNS = {
    "diplomat", "official", "envoy", "negotiator", "politician", "leader", "representative",
    "lawmaker", "spokesperson", "spokesman", "spokeswoman", "head", "chief", "man", "woman",
}  # fmt: skip
SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")
# Words that head a name as a title, so they are not part of the name itself.
TITLES = frozenset(
    """president minister secretary captain capt chief executive director spokesman spokeswoman
    general gen senator sen rep representative governor gov mayor dr prof judge officer commander
    admiral colonel col lt sgt deputy foreign prime ambassador chairman chairwoman head leader
    king queen prince princess pope rev father sister""".split()  # noqa: SIM905
)
# Words for relatives: "McKinney's father" means a second McKinney, named or not.
KINSHIP = frozenset(
    """father mother son daughter brother sister wife husband cousin uncle aunt nephew niece
    grandfather grandmother grandson granddaughter parent widow widower stepfather stepmother
    family sibling child""".split()  # noqa: SIM905
)
SURNAME_SIMILARITY = 85  # rapidfuzz ratio: Shepard ~ Shepherd ~ Shephard
ANTECEDENT_WINDOW = 3  # sentences back that a pronoun may reach
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_SUBORDINATE = {"relcl", "acl", "advcl"}
_DASHES = {"-", "–", "—", "―", "--"}
_MODIFIERS = {"compound", "poss", "nmod", "amod"}


@dataclass
class Person:
    """What the article says about one named person: name, gender clues and role words."""

    name: str
    gender: str | None = None
    role_words: set[str] = field(default_factory=set)


@dataclass
class Antecedent:
    """A person seen at ``start``; in subject (or speaker) position, a candidate for a pronoun."""

    name: str
    start: int
    sentence: int
    subject: bool = True


@dataclass
class SpeakerContext:
    """Per-article state for resolving speakers, built once from the parse and mentions."""

    doc: Doc
    mentions: Sequence[Mention]
    quoted: Sequence[tuple[int, int]]
    people: dict[str, Person] = field(default_factory=dict)
    antecedents: list[Antecedent] = field(default_factory=list)
    sightings: list[Antecedent] = field(default_factory=list)  # every named person, any role
    sentence_of: dict[int, int] = field(default_factory=dict)  # token index -> sentence index
    text: str = ""  # doc.text, kept because spaCy rebuilds it on every access
    tokens: list[Token] = field(default_factory=list)
    _names: list[str] | None = None
    _mask: bytearray = field(default_factory=bytearray)  # 1 for every character inside a quote
    _possessives: list[Token] | None = None

    @classmethod
    def build(
        cls, doc: Doc, mentions: Sequence[Mention], quoted: Sequence[tuple[int, int]]
    ) -> SpeakerContext:
        context = cls(doc, mentions, [])
        context.text = doc_text(doc)
        context.tokens = list(doc)
        context._mask = bytearray(len(context.text) + 1)
        context.add_quoted(quoted)
        for number, sent in enumerate(doc.sents):
            context.sentence_of.update(dict.fromkeys(range(sent.start, sent.end), number))
        for mention in mentions:
            if mention.label == "PERSON" and not context.in_quote(mention.start):
                context._learn(mention)
        return context

    def in_quote(self, char: int) -> bool:
        return 0 <= char < len(self._mask) and self._mask[char] == 1

    def add_quoted(self, spans: Iterable[tuple[int, int]]) -> None:
        """Mark stretches (quotations, reported content) where no speaker antecedent is sought."""
        for start, end in spans:
            self._mask[start:end] = b"\x01" * (end - start)
        self.quoted = [*self.quoted, *spans]

    def person_name(self, mention: Mention) -> str:
        """The fullest in-article name for a person mention.

        A name grows only into a fuller form of itself ("Matthew Shepard" -> "Matthew Wayne
        Shepard"), never into a relative's ("Judy Shepard" stays Judy); a lone surname grows
        only when one person in the article carries it.
        """
        name = self._clean(mention, mention.name or mention.text)
        words = _strip_honorific(name).split()
        if len(words) == 1:
            holders = self.holders(words[0])
            return holders[0] if len(holders) == 1 and not self.has_kin(words[0]) else name
        wanted = {w.lower() for w in words}
        fuller = [n for n in self._full_names() if wanted <= {w.lower() for w in n.split()}]
        return max(fuller, key=len, default=name) if fuller else name

    def _full_names(self) -> list[str]:
        if self._names is None:
            names = {
                _strip_honorific(self._clean(m, m.name or m.text))
                for m in self.mentions
                if m.label == "PERSON"
            }
            self._names = sorted(n for n in names if len(n.split()) >= 2)
        return self._names

    def holders(self, surname: str) -> list[str]:
        """One full name per distinct person of the article whose surname is ``surname``."""
        if len(surname) < 3:
            return []
        matching = [
            n
            for n in self._full_names()
            if fuzz.ratio(n.split()[-1].lower(), surname.lower()) >= SURNAME_SIMILARITY
        ]
        people: list[str] = []
        for name in sorted(matching, key=len, reverse=True):  # fullest form of each first
            if not any(_same_person(name, other) for other in people):
                people.append(name)
        return people

    def has_kin(self, surname: str) -> bool:
        """Whether the article speaks of a relative by this surname ("McKinney's father")."""
        for token in self._possessive_marks():
            if self.in_quote(token.idx):
                continue
            owner, kin = self.tokens[token.i - 1], token.head.head
            if owner.lower_ == surname.lower() and kin.lemma_.lower() in KINSHIP:
                return True
        return False

    def _possessive_marks(self) -> list[Token]:
        """The possessive marks after a word ("'s"), found once: each lone surname asks."""
        if self._possessives is None:
            self._possessives = [t for t in self.tokens if t.tag_ == "POS" and t.i > 0]
        return self._possessives

    def _clean(self, mention: Mention, name: str) -> str:
        """The name without a title the tagger took in: "(Secretary of) State Wendy Sherman"."""
        words = name.split()
        after_of = self.text[: mention.start].rstrip().lower().endswith(" of")
        while len(words) > 2 and (after_of or words[0].lower().rstrip(".") in TITLES):
            words, after_of = words[1:], False
        return " ".join(words)

    def add_antecedent(self, name: str, token: Token) -> None:
        self.antecedents.append(Antecedent(name, token.idx, self.sentence_of[token.i]))

    def _learn(self, mention: Mention) -> None:
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return
        name = self.person_name(mention)
        person = self.people.setdefault(name, Person(name))
        words = _role_words(span)
        if mention.role:
            words |= _normalise_words(mention.role.split())
        person.role_words |= words
        self.sightings.append(
            Antecedent(name, mention.start, self.sentence_of[span.root.i], subject=False)
        )
        for word in words | {span[0].lower_.rstrip(".")}:
            person.gender = person.gender or HONORIFIC_GENDER.get(word) or GENDERED_ROLES.get(word)
        follower = self.doc[span.end] if span.end < len(self.doc) else None
        # a finite verb right after the name marks a subject even where noise upset the parse
        finite = (
            follower is not None
            and follower.tag_ in {"VBD", "VBZ", "VBP", "MD"}
            and follower.dep_ not in _SUBORDINATE  # "whose son Tomas is missing"
        )
        if _subject_like(span.root) or finite:
            self.add_antecedent(name, span.root)


def _subject_like(token: Token) -> bool:
    """Subject of a main clause, or the source in "according to X" (the subject of a relative
    or adverbial clause, "whose son Tomas is missing", is not who a later "she" means)."""
    subject = token.head if token.dep_ == "compound" else token
    if subject.dep_ in _SUBJECT_DEPS:
        return subject.head.dep_ not in _SUBORDINATE
    if token.dep_ in _SUBJECT_DEPS or (
        token.dep_ == "compound" and token.head.dep_ in _SUBJECT_DEPS
    ):
        return True
    to = token.head
    return token.dep_ == "pobj" and to.lower_ == "to" and to.head.lower_ == "according"


def speaker_span(head: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``head``: titles and "of" phrases, no clauses."""
    doc = head.doc
    first, last = head.i, head.i
    for child in head.lefts:
        if child.dep_ not in {"punct", "cc", "conj", "appos", "relcl"}:
            first = min(first, child.left_edge.i)
    for child in head.rights:
        if child.dep_ in {"compound", "flat", "nummod"} or (
            child.dep_ == "prep" and child.lower_ == "of"
        ):
            last = max(last, child.right_edge.i)
        else:
            break
    while first < head.i and (doc[first].is_punct or doc[first].is_space):
        first += 1
    if (entity := entity_at(head)) is not None:
        first, last = min(first, entity.start), max(last, entity.end - 1)
    for token in doc[first : head.i]:
        # a headline or byline run into the sentence, or a dateline ("HELSINKI - Finnish …")
        spaced = token.whitespace_ or (token.i + 1 < len(doc) and doc[token.i + 1].is_space)
        if "\n" in token.text_with_ws or (token.text in _DASHES and spaced):
            first = token.i + 1
    while first < head.i and doc[first].is_space:
        first += 1
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def resolve_speaker(context: SpeakerContext, head: Token, start: int, end: int) -> str | None:
    """The in-article name the speaker phrase ``start:end`` (headed by ``head``) refers to."""
    lower = head.lower_
    if lower in PRONOUN_GENDER:
        return _antecedent(context, head, PRONOUN_GENDER[lower])
    if head.pos_ == "PRON":
        return None  # "I", "we", "they", "it", "who": not resolvable from the article alone
    named = _named(context, head, start, end)
    if named is not None:
        return named
    for appos in (c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"):
        named = _named(context, appos, *speaker_span(appos))  # "the harbour master, Arne Dahl"
        if named is not None:
            return named
    if _definite(head):
        return _by_role(context, head, start, end)
    if head.pos_ == "PROPN":
        name = _proper_name(head)
        if len(name.split()) == 1:
            return _lone_surname(context, name, head, keep=name)
        return name
    return _by_role(context, head, start, end)


def _named(context: SpeakerContext, head: Token, start: int, end: int) -> str | None:
    """The name written in the speaker phrase, fullest form; a lone surname only if unambiguous."""
    inside = [m for m in context.mentions if m.start < end and start < m.end]
    for label in SPEAKER_LABELS:
        candidates = [m for m in inside if m.label == label]
        holding_head = [m for m in candidates if m.start <= head.idx < m.end]
        beside = [m for m in candidates[-1:] if not _modifies(context, m, head)]
        chosen = (holding_head or beside) if label == "PERSON" else holding_head
        if not chosen:
            continue
        mention = chosen[0]
        bare = _strip_honorific(mention.text)
        # a surname the tagger took for a place or firm ("Lindquist") is looked up as one
        if label != "PERSON" and (" " in bare or not context.holders(bare)):
            return mention.name or mention.text
        if " " in bare:  # the full name written next to the quote wins over any lookup
            return context.person_name(mention)
        return _lone_surname(context, bare, head, keep=context.person_name(mention))
    return None


def _modifies(context: SpeakerContext, mention: Mention, head: Token) -> bool:
    """A name that only qualifies the speaker: "a Clinton pollster", "Trump's spokeswoman"."""
    span = context.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and span.root.head.i == head.i and span.root.dep_ in _MODIFIERS


def _lone_surname(context: SpeakerContext, surname: str, token: Token, keep: str) -> str | None:
    """Who a lone surname is: the one person of the article carrying it; when several do
    (family members), the one named in full in the same sentence or as the previous sentence's
    subject; otherwise nobody.  ``keep`` is returned when no full name carries the surname."""
    holders = context.holders(surname)
    if not holders:
        return None if context.has_kin(surname) else keep
    if len(holders) == 1 and not context.has_kin(surname):
        return holders[0]
    sentence = context.sentence_of[token.i]
    near = {
        a.name
        for a in [*context.antecedents, *context.sightings]
        if a.start < token.idx
        and not context.in_quote(a.start)
        and (a.sentence == sentence or (a.sentence == sentence - 1 and a.subject))
    }
    fitting = [h for h in holders if any(_same_person(h, n) for n in near)]
    return fitting[0] if len(fitting) == 1 else None


def _same_person(a: str, b: str) -> bool:
    """Two full names of one person: one's words within the other's ("Matthew Wayne Shepard")."""
    words_a, words_b = {w.lower() for w in a.split()}, {w.lower() for w in b.split()}
    return words_a <= words_b or words_b <= words_a


def _proper_name(head: Token) -> str:
    """The name part of a proper-noun phrase: "Captain Dmitriy Volkov" -> "Dmitriy Volkov"."""
    tokens = [head]
    for token in reversed(list(head.doc[max(0, head.i - 3) : head.i])):
        if token.pos_ != "PROPN" or not token.text[:1].isupper() or _is_title(token):
            break
        if token.i > 0 and head.doc[token.i - 1].lower_ == "of":
            break  # "Secretary of State Wendy Sherman": "State" ends a title
        tokens.insert(0, token)
    return " ".join(t.text for t in tokens)


def _is_title(token: Token) -> bool:
    word = token.lower_.rstrip(".")
    return word in HONORIFIC_GENDER or word in TITLES


def _antecedent(context: SpeakerContext, pronoun: Token, gender: str) -> str | None:
    """The nearest earlier subject-position person of a fitting gender, a few sentences back.

    A pronoun never jumps over a nearer named person of the other gender ("Ms Sherman said …
    He said …") to a farther one: that reading is as likely a slip or a third person as the
    farther antecedent, so it stays unresolved, unless the fitting person is the topic (the
    subject of this sentence or the one before: "Ryabkov rebuffed Ms Sherman. He said …").
    """
    sentence = context.sentence_of[pronoun.i]
    blocked = False
    for candidate in _persons_before(context, pronoun.idx):
        if sentence - candidate.sentence > ANTECEDENT_WINDOW:
            return None
        person = context.people.get(candidate.name)
        if person is not None and person.gender not in (None, gender):
            blocked = True
        elif candidate.subject:
            topic = sentence - candidate.sentence <= 1
            return candidate.name if topic or not blocked else None
    return None


def _persons_before(context: SpeakerContext, before: int) -> list[Antecedent]:
    """Persons named or speaking outside quotes before ``before``, nearest first."""
    seen = [*context.antecedents, *context.sightings]
    earlier = [a for a in seen if a.start < before and not context.in_quote(a.start)]
    return sorted(earlier, key=lambda a: -a.start)


def _by_role(context: SpeakerContext, head: Token, start: int, end: int) -> str | None:
    """The person a definite description fits: "the deputy secretary" -> who holds that title."""
    phrase = [t for t in head.subtree if start <= t.idx < end]
    if not _definite(head):
        return None  # "a spokeswoman", "officials", "sources": nobody in particular
    words = _normalise_words(
        t.text for t in phrase if t.dep_ not in {"det", "poss", "punct", "case"} and t.i != head.i
    )
    head_word = head.lemma_.lower()
    fits = []
    for person in context.people.values():
        role = person.role_words
        if words <= role and (
            head_word in role or head.lower_ in role or head_word in GENERIC_PERSON_NOUNS
        ):
            fits.append(person.name)
    return _most_recent(context, fits, head.idx)


def _definite(head: Token) -> bool:
    determiners = [t for t in head.lefts if t.dep_ == "det"]
    return bool(determiners) and determiners[0].lower_ in {"the", "this", "that"}


def _most_recent(context: SpeakerContext, names: list[str], before: int) -> str | None:
    if not names:
        return None
    positions = {
        context.person_name(m): m.start
        for m in context.mentions
        if m.label == "PERSON" and m.start < before
    }
    earlier = [name for name in names if name in positions]
    return max(earlier, key=lambda name: positions[name]) if earlier else None


def _role_words(span: Span) -> set[str]:
    """Title and apposition words around a person mention: "U.S. Deputy Secretary of State"."""
    root = span.root
    words = [t.text for t in root.subtree if t.i < span.start and not t.is_punct]
    for child in root.children:
        if child.dep_ == "appos":
            words.extend(t.text for t in child.subtree if not t.is_punct)
    if root.dep_ == "appos":
        words.extend(t.text for t in root.head.subtree if t.i < span.start and not t.is_punct)
    return _normalise_words(words)


def _normalise_words(words: Iterable[str]) -> set[str]:
    result = set()
    for word in words:
        normal = word.lower().replace(".", "").strip("’'")
        if normal:
            result.add(normal)
    if {"united", "states"} <= result:
        result.add("us")
    return result


def _strip_honorific(text: str) -> str:
    words = text.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFIC_GENDER:
        words = words[1:]
    return " ".join(words)
