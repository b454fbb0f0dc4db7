"""Named-entity mentions of one article, each linked to its fullest in-article name.

A mention's span is the name alone: determiners, possessive endings, courtesy titles
("Ms") and job titles ("Spokesperson") are cut off, and a title or role stated next to a
person's name ("Russia's Deputy Foreign Minister Sergey Ryabkov", "Ned Price, the
department's spokesman") becomes ``Mention.role`` without the country or organisation
that precedes it.  ``Mention.name`` is the fullest form the article gives that entity
("Sherman" and "Ms Sherman" -> "Wendy R. Sherman"; "OSCE" -> "Organization for Security
and Co-operation in Europe" when the article spells it out).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from crosswire.analyze.nlp import doc_text
from crosswire.model import Article, Mention
from crosswire.names import (
    ORG_WORDS,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    SITE_WORDS,
    PersonName,
    acronym_letters,
    acronym_of,
    first_names_match,
    fold,
    honorific,
    parse_person,
    person_match,
    surnames_match,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Doc, Span, Token

__all__ = ["LABELS", "extract_mentions", "link_names"]


LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
_LINKERS = {"of", "for", "and", "-"}
_VESSEL_WORDS = "ferry ship vessel tanker freighter boat yacht carrier frigate submarine cruiser"
VESSELS = set(_VESSEL_WORDS.split()) | {"destroyer", "liner", "trawler", "barge", "tug", "warship"}


# A stock listing in brackets, "(NYSE: HPQ)", "(Nasdaq: NVDA; TSX: X)": an exchange and a
# ticker, neither of them a participant, and no evidence that two companies are one.
_LISTING = re.compile(
    r"\((?:\s*[A-Z][A-Za-z]*(?:\s[A-Z][A-Za-z]*)?\s*:\s*[A-Z][A-Z0-9.]{0,6}\s*[,;]?)+\s*\)"
)
# Kinds a name found once is looked for again under, elsewhere in the same article.
_PROPAGATED = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
_NAME_CHAR = re.compile(r"[\w'’-]")  # a character that continues a name
_WORD_CHAR = re.compile(r"[\w-]")


def extract_mentions(doc: Doc, article: Article) -> list[Mention]:
    """spaCy's entities of the kinds a who's who lists, trimmed to names and linked."""
    sentence_index = {sent.start: i for i, sent in enumerate(doc.sents)}
    listings = [(m.start(), m.end()) for m in _LISTING.finditer(doc_text(doc))]
    mentions = []
    for ent in doc.ents:
        span = _name_span(ent) if ent.label_ in LABELS else None
        if span is None or _inside_title(span) or _within(span, listings):
            continue
        label = _label(ent, span)
        role = _role(span) if label == "PERSON" else None
        mentions.append(
            Mention(
                article.id,
                span.start_char,
                span.end_char,
                span.text,
                label,
                name=span.text,
                role=role,
                sentence=sentence_index.get(ent.sent.start, -1),
            )
        )
    _trim_headline_spans(doc, mentions)
    mentions += _propagate(doc, article, mentions, listings, sentence_index)
    mentions.sort(key=lambda m: m.start)
    link_names(mentions, article.text)
    return mentions


def _trim_headline_spans(doc: Doc, mentions: list[Mention]) -> None:
    """In a title-case line spaCy runs a name into the words after it ("Lindsay Lohan Checks
    Into Rehab", "Lohan Checks"): such a span that starts or ends with a name the article
    writes on its own, and is not itself written twice, is cut to that name."""
    texts = Counter(m.text for m in mentions)
    known = {m.text: m.label for m in mentions}
    for m in mentions:  # a person named in full is known by the surname too
        if m.label == "PERSON" and texts[m.text] and len(m.text.split()) == 2:
            known.setdefault(parse_person(m.text).last, "PERSON")
    for m in mentions:
        words = m.text.split()
        if len(words) < 2 or texts[m.text] > 1 or not _title_case_line(doc, m.start):
            continue
        heads = [" ".join(words[:n]) for n in range(len(words) - 1, 0, -1)]
        tails = [" ".join(words[n:]) for n in range(1, len(words))]
        head = next((h for h in heads if h in known), None)
        tail = next((t for t in tails if t in known), None)
        text = doc_text(doc)  # the cut is made only where the offsets still slice the name
        if (
            head is not None
            and words[len(head.split())].lower() not in SITE_WORDS
            and text[m.start : m.start + len(head)] == head
        ):
            m.end, m.text, m.name, m.label = m.start + len(head), head, head, known[head]
        elif (
            tail is not None
            and (m.label != "PERSON" or " " in tail)
            and text[m.end - len(tail) : m.end] == tail
        ):
            m.start, m.text, m.name, m.label = m.end - len(tail), tail, tail, known[tail]


def _title_case_line(doc: Doc, offset: int) -> bool:
    """True when the sentence at ``offset`` capitalises the words outside its names too (a
    headline: "Lohan Checks Into Rehab For Undisclosed Reasons")."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None:
        return False
    words = [t.text for t in span.sent[1:] if t.is_alpha and not t.ent_type_]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _within(span: Span, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= span.start_char and span.end_char <= end for start, end in ranges)


def _propagate(
    doc: Doc,
    article: Article,
    mentions: list[Mention],
    listings: list[tuple[int, int]],
    sentence_index: dict[int, int],
) -> list[Mention]:
    """The other places the article writes a name spaCy found once ("the Colts" tagged,
    "Chiefs lose to Colts" in the headline not), as proper nouns, under the kind the
    article gives that name most often.  A person's surname counts too.  Names the
    article also writes in lower case ("rehab", "people") are words, not names."""
    text = doc_text(doc)
    kinds: dict[str, Counter[str]] = {}
    for m in mentions:
        if m.label in _PROPAGATED:
            kinds.setdefault(m.text, Counter())[m.label] += 1
            last = parse_person(m.text).last if m.label == "PERSON" and " " in m.text else ""
            if last[:1].isupper() and len(last) >= 3:
                kinds.setdefault(last, Counter())["PERSON"] += 0
    taken = [(e.start_char, e.end_char) for e in doc.ents] + listings
    taken += [(m.start, m.end) for m in mentions]
    found: list[Mention] = []
    for name, counts in sorted(kinds.items(), key=lambda kv: -len(kv[0])):
        label = counts.most_common(1)[0][0]
        if len(name) < 3 or not name[:1].isupper() or _as_word(text, name):
            continue
        for form in {name, name.upper()}:
            for start in _whole_word(text, form, _NAME_CHAR):
                end = start + len(form)
                if any(s < end and start < e for s, e in taken):
                    continue
                span = doc.char_span(start, end)
                if span is None or any(t.pos_ != "PROPN" for t in span):
                    continue
                if _runs_on(span) and not _title_case_line(doc, start):
                    continue
                taken.append((start, end))
                found.append(
                    Mention(
                        article.id,
                        start,
                        end,
                        span.text,
                        label,
                        name=span.text,
                        role=_role(span) if label == "PERSON" else None,
                        sentence=sentence_index.get(span.sent.start, -1),
                    )
                )
    return found


def _runs_on(span: Span) -> bool:
    """True when a capitalised proper noun stands right before ``span``: outside a headline,
    it is the end of a longer name ("Tamm" in "Marko Tamm") spaCy did not find."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.pos_ == "PROPN" and before.text[:1].isupper()


def _as_word(text: str, name: str) -> bool:
    """True when ``text`` also writes ``name`` in lower case: a common word, not a name."""
    return next(_whole_word(text, name.lower(), _WORD_CHAR), None) is not None


def _whole_word(text: str, form: str, inside: re.Pattern[str]) -> Iterator[int]:
    """Where ``text`` writes ``form`` with no ``inside`` character either side, left to right
    and not overlapping (as ``re.finditer`` would find it, without compiling a pattern a name)."""
    at = text.find(form)
    while at >= 0 and form:
        end = at + len(form)
        if (at == 0 or not inside.match(text, at - 1)) and not inside.match(text, end):
            yield at
            at = text.find(form, end)
        else:
            at = text.find(form, at + 1)


def _label(ent: Span, span: Span) -> str:
    """spaCy's label, corrected where the words around the name say what it is."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in VESSELS:
        return "PRODUCT"  # "the ferry Baltic Star": a ship, not an organisation or a person
    last = span[-1].lower_.rstrip(".")
    if ent.label_ == "PERSON" and len(span) >= 2 and last in SITE_WORDS | ORG_WORDS:
        return "FAC" if last in SITE_WORDS else "ORG"  # "Tarnby Cathedral", "Kestrel Labs"
    if ent.label_ in {"ORG", "GPE", "NORP"} and len(span) >= 2 and span.text.istitle():
        titled = before is not None and before.lower_ not in _LINKERS
        if honorific(ent[0].text) or (titled and _title_before(span.doc, span.start)):
            return "PERSON"  # "chief executive Helena Lindqvist", "Ms Helena Lindqvist"
    return ent.label_


def _name_span(ent: Span) -> Span | None:
    """``ent`` without determiners, titles, possessives and punctuation; None if nothing is left."""
    start, end = ent.start, ent.end
    while start < end and _is_prefix(ent.doc[start], ent.label_):
        start += 1
    while end > start and (ent.doc[end - 1].is_punct or ent.doc[end - 1].tag_ == "POS"):
        end -= 1
    # "the Bluejays’ Valley tournament": a plural's possessive apostrophe ends the name.
    for k in range(start + 1, end - 1):
        token, owner = ent.doc[k], ent.doc[k - 1]
        glued = token.whitespace_ and not owner.whitespace_
        if token.text in {"'", "’"} and glued and owner.text.endswith("s"):
            end = k
            break
    if start >= end:
        return None
    span = ent.doc[start:end]
    # Names are capitalised; a line break or a dash inside is a dateline or page furniture.
    if "\n" in span.text or " - " in span.text or not any(ch.isupper() for ch in span.text):
        return None
    # A leading "@" (a social-media handle) is not part of the name.
    if span.text.startswith("@"):
        return ent.doc.char_span(span.start_char + 1, span.end_char, label=ent.label_)
    return ent.doc[start:end]


def _is_prefix(token: Token, label: str) -> bool:
    if token.is_punct or token.lower_ in {"the", "a", "an"}:
        return True
    word = token.lower_.rstrip(".")
    return honorific(word) or (label == "PERSON" and word in ROLE_HEADS | ROLE_MODIFIERS)


def _inside_title(span: Span) -> bool:
    """True for the "State" of "Secretary of State": an entity that is part of a job title."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return (
        len(span) == 1
        and span.root.lower_ in ROLE_MODIFIERS
        and before is not None
        and before.lower_ in _LINKERS
    )


def _role(name: Span) -> str | None:
    """The title written before the name, or in an appositive beside it."""
    title = _title_before(name.doc, name.start)
    if title:
        return title
    root = name.root
    for child in root.children:
        if child.dep_ == "appos" and child.lower_ in ROLE_HEADS:
            return _title_ending_at(child)
    if root.dep_ == "appos" and root.head.lower_ in ROLE_HEADS:
        return _title_ending_at(root.head)
    return None


def _title_before(doc: Doc, start: int) -> str | None:
    """The run of title words that ends right before token ``start``, if it has a head word."""
    i = start
    while i > 0 and _title_word(doc[i - 1]):
        i -= 1
    words = list(doc[i:start])
    while words and words[0].lower_ not in ROLE_HEADS | ROLE_MODIFIERS - _LINKERS:
        words = words[1:]
    while words and words[-1].lower_ in _LINKERS:
        words = words[:-1]
    if not any(w.lower_ in ROLE_HEADS for w in words):
        return None
    return doc[words[0].i : words[-1].i + 1].text


def _title_ending_at(head: Token) -> str | None:
    """The title whose head word is ``head`` ("deputy foreign minister"), with "of State" after."""
    end = head.i + 1
    doc = head.doc
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].lower_ in ROLE_MODIFIERS:
        end += 2
    before = _title_before(doc, head.i) or ""
    own = doc[head.i : end].text
    return f"{before} {own}".strip()


def _title_word(token: Token) -> bool:
    if (token.is_punct and token.text != "-") or token.tag_ == "POS":
        return False
    word = token.lower_.rstrip(".")
    return word in ROLE_HEADS or word in ROLE_MODIFIERS or word in _LINKERS


# ----------------------------------------------------------------------- in-article linking


def link_names(mentions: list[Mention], text: str = "") -> None:
    """Set each mention's ``name`` to the fullest form its entity has among ``mentions``.

    ``text`` is the article's text, used to see acronyms defined in parentheses.
    """
    persons = [m for m in mentions if m.label == "PERSON"]
    _relabel_surnames(mentions, persons)
    persons = [m for m in mentions if m.label == "PERSON"]
    parsed = {id(m): parse_person(m.text) for m in persons}
    referring: dict[PersonName, list[Mention]] = {}  # by name as written: who it can mean
    for mention in persons:
        mention.name = _fullest_person(mention, persons, parsed, referring)
    others = [m for m in mentions if m.label != "PERSON"]
    # An acronym defined once in brackets means that long name wherever the article uses it.
    defined = {}
    for mention in others:
        long = _defined_by(mention, others, text)
        if long:
            defined[mention.text] = long
    for mention in others:
        mention.name = defined.get(mention.text) or _fullest_other(mention, others)


def _relabel_surnames(mentions: list[Mention], persons: list[Mention]) -> None:
    """A one-word "organisation" equal to a person's surname here is that person, and an
    "organisation" whose last word is a person's name used alone here is a person too."""
    surnames = {fold(parse_person(m.text).last) for m in persons if " " in m.text.strip()}
    alone = {fold(m.text) for m in persons if " " not in m.text.strip()}
    for mention in mentions:
        words = mention.text.split()
        surname = mention.label in {"ORG", "GPE", "NORP"} and fold(mention.text) in surnames
        named = mention.label == "ORG" and 2 <= len(words) <= 3 and fold(words[-1]) in alone
        if surname or named:
            mention.label = "PERSON"


def _refers_to(short: PersonName, long: PersonName) -> bool:
    """True if ``short`` can be a shorter way of writing the person named ``long``."""
    if short.full:
        return person_match(short, long) is not None
    if not long.full or long.first is None:
        return False
    if surnames_match(short.last, long.last) is not None:
        return True
    # A given name used alone ("Wendy said", "Matt" for Matthew) refers back to that person.
    given = first_names_match(short.last, long.first)
    return len(fold(short.last)) > 1 and given is not None and "initial" not in given


def _fullest_person(
    mention: Mention,
    persons: list[Mention],
    parsed: dict[int, PersonName],
    referring: dict[PersonName, list[Mention]] | None = None,
) -> str:
    me = parsed[id(mention)]
    referring = {} if referring is None else referring
    if me not in referring:  # each name written is compared with the others once
        referring[me] = [p for p in persons if _refers_to(me, parsed[id(p)])]
    candidates = referring[me]
    if not candidates and not me.full:
        # A surname misspelled once ("Shepherd" beside "Matthew Shephard") when it can be
        # no one else the article names.
        candidates = [
            p
            for p in persons
            if parsed[id(p)].full and surnames_match(me.last, parsed[id(p)].last, loose=True)
        ]
    if not candidates:
        return mention.text
    if not me.full and _several_people(candidates, parsed):
        # "Shepard's death" in an article naming Matthew and Judy Shepard: it says not which.
        return mention.text
    # With two people of one surname, the nearest one written before decides which is meant.
    before = [p for p in candidates if p.start <= mention.start]
    anchor = (
        max(before, key=lambda p: p.start) if before else min(candidates, key=lambda p: p.start)
    )
    group = [p for p in candidates if p is anchor or _compatible(parsed[id(p)], parsed[id(anchor)])]
    best = max(group, key=lambda p: (_completeness(parsed[id(p)]), len(p.text), -p.start))
    return best.text if _completeness(parsed[id(best)]) >= _completeness(me) else mention.text


def _several_people(candidates: list[Mention], parsed: dict[int, PersonName]) -> bool:
    full = {parsed[id(p)] for p in candidates if parsed[id(p)].full}
    return any(person_match(a, b) is None for a in full for b in full)


def _compatible(a: PersonName, b: PersonName) -> bool:
    if a.full and b.full:
        return person_match(a, b) is not None
    return surnames_match(a.last, b.last) is not None or (
        b.first is not None and first_names_match(a.last, b.first) is not None
    )


def _completeness(name: PersonName) -> int:
    return (name.first is not None) * 2 + len(name.middles)


def _defined_by(mention: Mention, others: list[Mention], text: str) -> str | None:
    """The long name an acronym is defined against: "Organization for ... in Europe (OSCE)"."""
    if not text or not mention.text.isupper() or not text[: mention.start].endswith("("):
        return None
    opening = mention.start - 1
    before = [m for m in others if m.end <= opening and m.label == mention.label]
    if not before:
        return None
    longest = max(before, key=lambda m: m.end)
    gap = text[longest.end : opening]
    # Only a few words may sit between the name and its acronym ("... in Europe (OSCE)").
    if len(gap) > 30 or any(ch in gap for ch in ".;:\n"):
        return None
    long = f"{longest.text}{gap}".strip()
    # The letters must spell the name: "(NYSE: ...)" after a company defines nothing.
    if not (_spells(mention.text, long) or _spells(mention.text, longest.text)):
        return None
    return longest.text


def _spells(short: str, long: str) -> bool:
    """True when ``short``'s letters run through ``long`` in order, the first one starting
    it ("FEMA" in "Federal Emergency Management Agency"): a definition's acronym."""
    letters, words = fold(short).replace(" ", ""), fold(long)
    if acronym_of(short, long):
        return True
    if not letters or not words.startswith(letters[0]):
        return False
    at = 0
    for letter in letters:
        at = words.find(letter, at) + 1
        if at == 0:
            return False
    return True


def _fullest_other(mention: Mention, others: list[Mention]) -> str:
    """The spelled-out form of an acronym when the article gives it and gives only one,
    else the mention itself."""
    if acronym_letters(mention.text) is None:
        return mention.text  # no acronym: nothing to spell out (and no pass over the others)
    longs = {o.text for o in others if o is not mention and acronym_of(mention.text, o.text)}
    return longs.pop() if len(longs) == 1 else mention.text
