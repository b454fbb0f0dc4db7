"""Checkable values an article states: quantities, counts, dates and places of events.

Each value is read from the one spaCy parse with its hedge ("nearly", "more than"),
normalised (number words, units to a base unit, dates to ISO) into the interval it
stands for, and anchored to what it is about (``analyze.subjects``) and which
property it gives (duration, number of passengers, date, place).  Values whose
subject cannot be found are dropped: an unanchored number cannot be compared.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crosswire.analyze import calendar
from crosswire.analyze.nlp import doc_text
from crosswire.analyze.numbers import (
    Value,
    format_number,
    hedge_kind,
    interval,
    parse_number,
    split_hedge,
    unit_of,
)
from crosswire.analyze.subjects import (
    Subject,
    clause_verb,
    describe,
    descriptors,
    entities_by_sentence,
    family_of,
    is_pronoun,
    nearest,
    subject_of_verb,
    tree_distance,
    unwrap,
)
from crosswire.model import Article, Assertion, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# How far (in dependency arcs) a value may sit from the event it is said of.
MAX_ARCS = 4
NUMBER_WORDS = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "million", "billion", "dozen", "half",
}  # fmt: skip
# Words after a time unit that make it a point in time, not a length ("two days later").
# Words after a length of time that make it a point in time: "two weeks ago", "two
# weeks into the trial" (how far along, not how long it lasts).
NOT_DURATION = {
    "ago", "earlier", "later", "before", "after", "old", "early", "late", "-old", "into",
}  # fmt: skip
# Money words: "420m euros" is 420 million, not 420 metres.
CURRENCY_WORDS = {
    "dollar", "dollars", "euro", "euros", "pound", "pounds", "yen", "yuan", "franc",
    "francs", "rupee", "rupees", "sterling", "peso", "pesos", "rand", "ruble", "rubles",
}  # fmt: skip
# Counted nouns that are never a claim ("the two sides", "one of three ways").
NOT_COUNTED = {
    "side", "time", "way", "thing", "point", "part", "one", "kind", "question", "pm", "am",
    "p.m.", "a.m.",
}  # fmt: skip
PEOPLE = {"people", "person", "persons", "man", "men", "woman", "women", "child", "children"}
# What happened to the counted people: the state makes "14 injured" a different
# attribute from "212 passengers".
STATES = {
    "injure": "injured", "injured": "injured", "hurt": "injured", "wound": "injured",
    "wounded": "injured", "kill": "killed", "killed": "killed", "die": "killed",
    "dead": "killed", "evacuate": "evacuated", "rescue": "rescued", "arrest": "arrested",
    "hospitalize": "hospitalised", "hospitalise": "hospitalised", "miss": "missing",
    "missing": "missing", "detain": "arrested", "disappear": "missing", "vanish": "missing",
}  # fmt: skip
# Nouns whose "of" introduces the figure itself: "a total of 4,299", "a toll of 60".
# Nouns that name a figure rather than what it measures ("the 63-percent figure").
MEASURE_NOUNS = {
    "figure", "number", "rate", "level", "share", "proportion", "estimate", "percent",
    "percentage", "increase", "decrease", "rise", "drop", "fall", "margin", "range", "speed",
    "distance", "total", "toll", "tally", "sum", "average", "maximum", "minimum", "count",
}  # fmt: skip
AMOUNT_NOUNS = {"total", "toll", "tally", "sum", "average", "maximum", "minimum", "count"}
# Nouns that are a casualty counted: "one death", "the deaths of four protesters".
CASUALTY_NOUNS = {
    "death": "killed", "fatality": "killed", "killing": "killed", "injury": "injured",
}  # fmt: skip
CURRENCIES = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}
SCALES = ("dozen", "hundred", "thousand", "million", "billion")
# Scales written short after a sum of money: "$604m", "£1.2 bn".
MONEY_SCALES = {"m": 1e6, "mn": 1e6, "bn": 1e9}
CASUALTIES = {"killed", "injured", "missing"}
# States only people are in: who they were is the scope, not another attribute.
PERSONAL_STATES = CASUALTIES | {"arrested", "hospitalised"}
DURATION_VERBS = {"last", "take", "run", "continue", "go", "spend", "drag", "stretch"}
MEASURE_ATTRIBUTES = {"distance": "distance", "speed": "speed", "percentage": "percentage"}


@dataclass
class _Clause:
    """One sentence and what extraction needs to know about it."""

    sent: Span
    events: list[Token]
    previous: list[Token]  # event descriptors of the sentence before, for pronouns
    article: Article
    ents: list[Span]  # the sentence's named entities (``sent.ents`` rebuilds them per call)
    text: str  # the whole article text (``doc.text`` is rebuilt on every access)
    sent_text: str


def extract_assertions(doc: Doc, article: Article, mentions: list[Mention]) -> list[Assertion]:
    """Quantities, counts, dates and places of events, each with its subject and attribute."""
    found: list[Assertion] = []
    previous: list[Token] = []
    text = doc_text(doc)
    by_sentence = entities_by_sentence(doc)
    for sent in doc.sents:
        sent_text = text[sent.start_char : sent.end_char]
        ents = by_sentence.get(sent.start, [])
        clause = _Clause(sent, descriptors(sent), previous, article, ents, text, sent_text)
        found.extend(_numbers(clause))
        found.extend(_dates(clause))
        found.extend(_places(clause))
        previous = clause.events or previous
    return _unique(found)


# ---------------------------------------------------------------- quantities, counts


def _numbers(clause: _Clause) -> list[Assertion]:
    found = []
    for first, last in _number_phrases(clause.sent):
        value = parse_number(clause.sent.doc[first : last + 1].text)
        if value is None:
            continue
        age = _age(clause, first, last, value)
        if age is not None:
            found.append(age)
            continue
        if _skip_number(clause.sent.doc, first, last):
            continue
        if _converted(clause.sent.doc, first) or _height(clause.sent.doc, last):
            continue
        if _hypothetical(clause.sent.doc, last):
            continue
        if first > 0 and clause.sent.doc[first - 1].text in CURRENCIES:
            # "$126 million deal": an amount of money, not a count of deals.
            assertion = _money(clause, first, last, value)
        elif _unit_after(clause.sent.doc, last) is not None:
            # A unit makes it a measure or nothing: "two days later" is not a count of days.
            assertion = _measure(clause, first, last, value)
        else:
            assertion = _count(clause, first, last, value)
        if assertion is not None:
            found.append(assertion)
    found.extend(_single_calls(clause))
    found.extend(_event_lengths(clause))
    found.extend(_vague_counts(clause))
    return found


# Plural scale words as counts: "hundreds" is at least 200 and fewer than 1,000.
VAGUE_SCALES = {"dozens": 12.0, "hundreds": 100.0, "thousands": 1e3, "millions": 1e6}


def _vague_counts(clause: _Clause) -> list[Assertion]:
    """ "killed hundreds", "hundreds of protesters have been arrested", "tens of thousands":
    a count given only by its order, kept as the range it stands for (never a figure to
    flag against another on its own: ``reconcile.claims`` shows such conflicts to check).
    """
    doc = clause.sent.doc
    found = []
    for token in clause.sent:
        scale = {**VAGUE_SCALES, "tens": 10.0}.get(token.lower_)
        if scale is None or token.pos_ not in ("NOUN", "NUM"):
            continue
        first, low, written = token.i, 2 * scale, token.lower_
        before = doc[first - 2].lower_ if first >= 2 else ""
        if doc[first - 1].lower_ == "of" and (before in VAGUE_SCALES or before == "tens"):
            continue  # the "thousands" of "tens of thousands": read from "tens"
        if token.i + 2 < clause.sent.end and doc[token.i + 1].lower_ == "of":
            following = doc[token.i + 2].lower_
            if following in VAGUE_SCALES or following in ("thousands", "millions"):
                low *= VAGUE_SCALES[following]
                written = f"{written} of {following}"
                token = doc[token.i + 2]  # the tree goes on from the second scale word
        elif token.lower_ == "tens":
            continue
        counted = _vague_counted(token)
        if counted is None:
            continue
        noun, state = counted
        if noun.lemma_.lower() in NOT_COUNTED or noun.lower_ in ("dollars", "years"):
            continue
        attribute = "number of people " + state if noun.i == token.i else None
        if attribute is None:
            attribute = _count_attribute(noun, state, clause)
        subject = _holder(clause, noun, state)
        last = noun.i if noun.i > token.i and noun.i - token.i <= 3 else token.i
        assertion = _assertion(
            clause, first, last, Value(low, 0.5), "count", subject, attribute, 1.0, None
        )
        assertion.value, assertion.low, assertion.high = written, low, low * 5
        found.append(assertion)
    return found


def _vague_counted(scale: Token) -> tuple[Token, str] | None:
    """The noun a plural scale word counts ("hundreds of protesters") and their state; the
    scale word itself when it stands for people something happened to ("hundreds were
    detained", "killed hundreds")."""
    for child in scale.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "NOUN":
                    return pobj, _state_of(scale) or _state_of(pobj)
    state = _state_of(scale)
    if not state and scale.head.lemma_.lower() in STATES and scale.dep_ in ("dobj", "nsubjpass"):
        state = STATES[scale.head.lemma_.lower()]
    return (scale, state) if state else None


def _number_phrases(sent: Span) -> list[tuple[int, int]]:
    """Token index ranges of written numbers ("7.5", "two hundred", "a dozen")."""
    phrases = []
    doc = sent.doc
    i = sent.start
    while i < sent.end:
        token = doc[i]
        starts_dozen = (
            token.lower_ in ("a", "an") and i + 1 < sent.end and (doc[i + 1].lower_ in SCALES)
        )
        if _is_number(token) or starts_dozen:
            j = i
            while j + 1 < sent.end and (
                _is_number(doc[j + 1]) or (starts_dozen and j == i) or _article_in(doc, j, sent)
            ):
                j += 1
            j = _and_fraction(doc, j, sent)
            phrases.append((i, j))
            i = j + 1
        else:
            i += 1
    return phrases


_FRACTIONS = {"half", "quarter", "quarters", "third", "thirds"}
_FRACTION_LEAD = {"a", "an", "one", "two", "three", "-"}


def _and_fraction(doc: Doc, j: int, sent: Span) -> int:
    """The last token of "five and a half", "3 and one-half" (a fraction after "and")."""
    if j + 2 >= sent.end or doc[j + 1].lower_ != "and":
        return j
    for k in range(j + 2, min(j + 5, sent.end)):
        if doc[k].lower_ in _FRACTIONS:
            return k
        if doc[k].lower_ not in _FRACTION_LEAD:
            return j
    return j


def _article_in(doc: Doc, j: int, sent: Span) -> bool:
    """ "half a million": an article between a fraction and its scale is part of the number."""
    return (
        doc[j].lower_ == "half"
        and j + 2 < sent.end
        and doc[j + 1].lower_ in ("a", "an")
        and doc[j + 2].lower_ in SCALES
    )


def _age(clause: _Clause, first: int, last: int, value: Value) -> Assertion | None:
    """A person's age: "Pinochet, 82, was ...", "the 21-year-old Palestinian"."""
    doc = clause.sent.doc
    if not 0 < value.number < 120 or first != last:
        return None
    token = doc[last]
    owner: Token | None = None
    if (
        last + 4 < len(doc)
        and doc[last + 1].text == "-"
        and doc[last + 2].lower_ in ("year", "years")
        and doc[last + 4].lower_ == "old"
    ):
        owner = doc[last + 4].head if doc[last + 4].dep_ == "amod" else None
    elif (
        first > 0
        and doc[first - 1].text == ","
        and last + 1 < len(doc)
        and doc[last + 1].text in (",", ".", ";")
        and token.dep_ in ("appos", "npadvmod", "amod")
        and token.head.pos_ == "PROPN"
    ):
        owner = token.head
    if owner is None or owner.pos_ not in ("PROPN", "NOUN"):
        return None
    if owner.pos_ == "NOUN" and owner.dep_ == "appos" and owner.head.pos_ == "PROPN":
        # "Mohammed Zughayar, the 54-year-old father of Yusef Zughayar": the name itself,
        # not the names its apposition mentions.
        person = owner.head
        words = [t.text for t in person.lefts if t.dep_ == "compound"] + [person.text]
        name = " ".join(words)
        return _assertion(
            clause, first, last, value, "quantity", Subject("", (name,), name), "age", 1.0, None
        )
    subject = describe(owner) if owner.pos_ == "PROPN" else Subject("", (), "")
    return _assertion(clause, first, last, value, "quantity", subject, "age", 1.0, None)


def _converted(doc: Doc, first: int) -> bool:
    """ "500 kilometers (300 miles)": the figure in brackets restates the one before it."""
    if first == 0 or doc[first - 1].text != "(":
        return False
    before = doc[max(0, first - 6) : first - 1]
    return any(unit_of(t.text) is not None and t.i > before.start for t in before) and any(
        t.like_num for t in before
    )


CONDITIONAL_MARKS = {"if", "unless"}


def _hypothetical(doc: Doc, last: int) -> bool:
    """A figure of a supposed case, not a report: "if a player made $20 million".

    A figure that only describes something named in the condition ("if the rebels take
    Kindu, 380 kilometers west of Goma") still stands: the walk stops at an apposition,
    and a distance is where a place is, whatever the condition.
    """
    unit = _unit_after(doc, last)
    if unit is not None and unit[0] == "distance":
        return False
    for node in [doc[last], *doc[last].ancestors]:
        if node.dep_ == "appos":
            return False
        if node.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in node.children
        ):
            return True
    return False


def _height(doc: Doc, last: int) -> bool:
    """ "a 5-foot-2 student": feet and inches of a person's height, not a count or length."""
    if last + 2 >= len(doc) or doc[last + 1].text != "-":
        return False
    following = doc[last + 2].lower_
    return following.startswith(("foot-", "feet-", "ft-")) or (
        following in ("foot", "feet") and last + 4 < len(doc) and doc[last + 3].text == "-"
    )


def _is_number(token: Token) -> bool:
    if token.lower_ in NUMBER_WORDS:
        return token.lower_ != "one" or token.dep_ == "nummod"
    return token.like_num and token.pos_ == "NUM" and any(ch.isdigit() for ch in token.text)


def _skip_number(doc: Doc, first: int, last: int) -> bool:
    """Calendar dates, clock times, ages, years and ordinals are not quantities."""
    token = doc[last]
    if token.ent_type_ in ("DATE", "TIME") and not _unit_after(doc, last):
        return True
    if token.ent_type_ in ("ORDINAL", "PERSON", "ORG", "FAC", "LAW", "PRODUCT"):
        return True
    after = doc[last + 1].lower_ if last + 1 < len(doc) else ""
    before = doc[first - 1].lower_ if first > 0 else ""
    if after in ("a.m.", "p.m.", "am", "pm", "gmt", "utc", ":", "-year", "year-old"):
        return True
    if before in ("aged", "age", "no.", "number", "page", "few", "several", "many"):
        return True  # ages, labels, and vague amounts ("a few hundred metres")
    amount = first > 1 and doc[first - 2].lower_ in AMOUNT_NOUNS
    if before == "of" and not amount and _unit_after(doc, last) is None:
        return True  # "one of three", but "a total of 4,299" and "winds of 80 mph" are figures
    if after.endswith("-old") or (
        after == "-"
        and last + 4 < len(doc)
        and doc[last + 2].lower_ in ("year", "years", "month", "week", "day")
        and doc[last + 4].lower_ == "old"
    ):
        return True  # "34-year-old"
    # "Volkov, 52," is an age.
    if doc[first - 1].is_punct if first > 0 else False:
        head = token.head
        if token.dep_ in ("appos", "npadvmod", "amod") and head.ent_type_ == "PERSON":
            return True
    text = token.text.replace(",", "")
    return text.isdigit() and 1800 <= int(text) <= 2100 and "," not in token.text


def _unit_after(doc: Doc, last: int) -> tuple[str, float, str, int] | None:
    """(dimension, factor, unit name, index of the unit's last token) after a number."""
    i = last + 1
    if i < len(doc) and doc[i].text == "-":
        i += 1  # "five-hour"
    if i + 1 < len(doc) and doc[i + 1].is_alpha:
        two = unit_of(f"{doc[i].text} {doc[i + 1].text}")
        if two is not None:
            return (*two, i + 1)
    if i < len(doc):
        one = unit_of(doc[i].text)
        if one is not None:
            return (*one, i)
    return None


def _measure(clause: _Clause, first: int, last: int, value: Value) -> Assertion | None:
    """A number with a unit: "more than seven hours", "9 nautical miles"."""
    doc = clause.sent.doc
    unit = _unit_after(doc, last)
    if unit is None:
        return None
    dimension, factor, name, end = unit
    unit_token = doc[end]
    if name == "m" and _money_scale(doc, first, end):
        return None  # "420m euros", "$604m": millions of money, not metres
    if dimension == "duration":
        if end + 1 < len(doc) and doc[end + 1].lower_ in NOT_DURATION:
            return None
        if first > 0 and doc[first - 1].lower_ in ("within", "in", "by", "every", "per"):
            return None
        subject = _duration_subject(clause, unit_token)
        attribute = "duration"
    elif dimension in MEASURE_ATTRIBUTES:
        subject = _event_subject(clause, unit_token) or Subject("", (), "")
        origin = _reference_place(unit_token)
        measured = "" if origin else _measured(unit_token)
        attribute = MEASURE_ATTRIBUTES[dimension] + (f" of {measured}" if measured else origin)
    else:
        subject = _event_subject(clause, unit_token) or Subject("", (), "")
        attribute = dimension
    if subject is None:
        return None
    assertion = _assertion(clause, first, end, value, "quantity", subject, attribute, factor, name)
    _narrow_by_conversion(doc, end, dimension, assertion)
    return assertion


def _money_scale(doc: Doc, first: int, end: int) -> bool:
    """Whether an "m" after a number is a million of money: a currency symbol before the
    number or a currency word after the "m"."""
    before = doc[first - 1].text if first > 0 else ""
    after = doc[end + 1].lower_ if end + 1 < len(doc) else ""
    return before in CURRENCIES or after in CURRENCY_WORDS


def _narrow_by_conversion(doc: Doc, end: int, dimension: str, assertion: Assertion) -> None:
    """ "two miles (three kilometers)": the writer's conversion says how the figure was
    rounded, so the value is the range both readings allow (2 miles alone is 1.5-2.5 miles,
    with its 3 km it is 2.5-3.5 km).  A conversion that does not fit is left unused."""
    if end + 3 >= len(doc) or doc[end + 1].text != "(":
        return
    close = next((i for i in range(end + 2, min(end + 8, len(doc))) if doc[i].text == ")"), None)
    if close is None:
        return
    phrase = next(iter(_number_phrases(doc[end + 2 : close])), None)
    unit = _unit_after(doc, phrase[1]) if phrase else None
    if phrase is None or unit is None or unit[0] != dimension or unit[3] >= close:
        return
    converted = parse_number(doc[phrase[0] : phrase[1] + 1].text)
    if converted is None or assertion.high is None:
        return
    kind = hedge_kind(assertion.hedge)
    low, high = interval(converted, kind)
    low, high = max(assertion.low or 0.0, low * unit[1]), min(assertion.high, high * unit[1])
    if low < high:
        assertion.low, assertion.high = low, high


def _money(clause: _Clause, first: int, last: int, value: Value) -> Assertion | None:
    """ "$2.6 million": an amount, said of the thing it pays for when the tree says so."""
    doc = clause.sent.doc
    symbol = doc[first - 1].text
    subject = _event_subject(clause, doc[last]) or Subject("", (), "")
    scale = MONEY_SCALES.get(doc[last + 1].lower_, 0.0) if last + 1 < len(doc) else 0.0
    if scale:  # "$604m" is 604 million: the same sum as "$604 million"
        value, last = Value(value.number * scale, value.precision * scale), last + 1
    assertion = _assertion(clause, first, last, value, "quantity", subject, "amount", 1.0, None)
    assertion.unit = CURRENCIES[symbol]
    assertion.value = f"{value.number:.0f} {assertion.unit}"
    return assertion


def _duration_subject(clause: _Clause, unit: Token) -> Subject | None:
    """The event a length of time is said of: "talks lasted", "hours of talks"."""
    for child in unit.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and family_of(unwrap(pobj)):
                    return describe(unwrap(pobj))
    head = unit.head
    if unit.dep_ == "pobj" and head.lower_ in ("for", "after", "of"):
        head = head.head
    if unit.dep_ in ("compound", "amod", "nmod", "npadvmod") and head.pos_ == "NOUN":
        # "a five-hour meeting", "his 17-year rule": the length of what the noun names.
        return describe(unwrap(head))
    if head.pos_ in ("VERB", "AUX") and head.lemma_ in DURATION_VERBS | {"hold", "be", "meet"}:
        if any(c.dep_ == "xcomp" for c in head.children) and any(
            c.dep_ == "nsubj" and c.lower_ == "it" for c in head.children
        ):
            return None  # "it took us two weeks to get here": how long a deed took
        return _resolve(clause, subject_of_verb(head), unit)
    return None


def _event_subject(clause: _Clause, anchor: Token, near_name: bool = False) -> Subject | None:
    """The event the clause of ``anchor`` is about, within ``MAX_ARCS``.

    With ``near_name``, a named event a few words away also counts: dates and places
    are often strung after the verb ("slated for 12 January in Brussels in the format
    of the NATO-Russia Council") where the tree puts them far from the name.
    """
    head = anchor.head
    # A preposition can be the sentence root (its head is itself): stop there.
    while (head.dep_ == "prep" or head.pos_ == "ADP") and head.head.i != head.i:
        head = head.head
    if head.pos_ in ("VERB", "AUX"):
        if family_of(head):
            return describe(head)
        subject = subject_of_verb(head)
        if subject is not None and unwrap(subject) in clause.events:
            return describe(unwrap(subject))
    elif unwrap(head) in clause.events:
        return describe(unwrap(head))
    events = clause.events
    if near_name:
        # A date or place dates its own clause: "towed into port on Thursday, two days
        # after it collided" does not date the collision.
        verb = clause_verb(anchor)
        events = [e for e in events if _same_token(clause_verb(e), verb)]
    candidate = nearest(anchor, events)
    if candidate is not None and tree_distance(anchor, candidate) <= MAX_ARCS:
        found = describe(candidate)
        if near_name and not found.names:
            # "hold a meeting at the level of the Russia-NATO Council": the name is nearby.
            named = [e for e in events if describe(e).names]
            close = [e for e in named if 0 < e.i - candidate.i <= 10]
            if close:
                return describe(close[0])
        return found
    if near_name:
        named = [e for e in events if describe(e).names and abs(e.i - anchor.i) <= 10]
        if named:
            return describe(min(named, key=lambda e: abs(e.i - anchor.i)))
    return None


def _same_token(a: Token | None, b: Token | None) -> bool:
    # spaCy makes a new Token object on every access, so identity never holds.
    return a is None and b is None or (a is not None and b is not None and a.i == b.i)


def _resolve(clause: _Clause, token: Token | None, anchor: Token) -> Subject | None:
    """A subject token as a ``Subject``; pronouns go to the nearest event descriptor."""
    if token is None:
        return None
    token = unwrap(token)
    if family_of(token):
        return describe(token)
    if is_pronoun(token):
        candidate = nearest(anchor, clause.events) or (
            clause.previous[-1] if clause.previous else None
        )
        return describe(candidate) if candidate is not None else None
    return None


def _reference_place(unit: Token) -> str:
    """ " from Tallinn" for "9 nautical miles off Tallinn": distances depend on the origin."""
    preps = [c for c in [*unit.children, *unit.head.children] if c.dep_ == "prep"]
    for word in [*unit.children, *unit.head.children]:
        if word.lower_ in DIRECTIONS:  # "80 kilometers northeast of Kindu"
            preps.extend(c for c in word.children if c.dep_ == "prep")
    for prep in preps:
        if prep.lower_ in ("off", "from", "of", "outside", "north"):
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and (
                    pobj.ent_type_ in ("GPE", "LOC", "FAC") or pobj.pos_ == "PROPN"
                ):
                    return f" from {pobj.text}"
    return ""


def _measured(unit: Token) -> str:
    """What a speed, distance or share is of, read from the tree: "winds of 80 mph",
    "120-mph winds", "the winds had dropped to 30 mph", "10 percent of the population".

    A noun is an answer, common ("the storm") or a name ("Mitch", which claims ties to
    "the hurricane" when the story names one hurricane); a pronoun, a unit, a word for a
    figure ("the rate") or nothing found leaves the measure unqualified, so it may still
    align with any measure of its kind.
    """
    for child in unit.children:  # "10 percent of the population"
        if child.dep_ == "prep" and child.lower_ == "of":
            return _thing(next((c for c in child.children if c.dep_ == "pobj"), None))
    token = unit
    for _ in range(MAX_ARCS):
        head = token.head
        if head.i == token.i:
            return ""
        if token.dep_ in ("pobj", "pcomp") or head.pos_ == "ADP" or head.dep_ == "prep":
            token = head  # up through "near", "at", "to": the word the phrase modifies
            continue
        if head.pos_ == "NOUN":
            return _thing(head)
        if head.pos_ in ("VERB", "AUX"):
            return _thing(subject_of_verb(head))
        return ""
    return ""


def _thing(token: Token | None) -> str:
    """The lemma of a noun that is not itself a unit, else ""."""
    if token is None or token.pos_ not in ("NOUN", "PROPN") or unit_of(token.text) is not None:
        return ""
    if token.lemma_.lower() in MEASURE_NOUNS:
        return ""  # "that figure", "the rate": says a figure was given, not of what
    return token.lemma_.lower()


DIRECTIONS = {f"{a}{b}" for a in ("", "north", "south") for b in ("", "east", "west")} - {""} | {
    "off",
    "outside",
    "away",
}


def _count(clause: _Clause, first: int, last: int, value: Value) -> Assertion | None:
    """A number of things: "212 passengers", "two phone calls", "14 injured"."""
    doc = clause.sent.doc
    number = doc[last]
    counted = _counted_noun(number)
    if counted is None:
        return None
    noun, state = counted
    if noun.lemma_.lower() in NOT_COUNTED or noun.lower_ in NOT_COUNTED:
        return None  # "7.00 pm" is a time
    if noun.i < number.i and number.dep_ == "nummod":
        return None  # "phase six", "Flight 370": a number after its noun is a label
    if noun.i != number.i and not any(ch.isalpha() for ch in noun.text):
        return None  # "# 50,000" (a currency sign some feeds write as "#") counts nothing
    if noun.pos_ == "PROPN" and not (state and noun.ent_type_ == "NORP"):
        return None  # "21 Israelis" wounded are people; "Boeing 727" is a name
    if value.number == 1 and noun.tag_ == "NN" and not state:
        return None  # "one woman", "one option": an article, not a figure to compare
    attribute = _count_attribute(noun, state, clause)
    subject = _holder(clause, noun, state)
    end = noun.i if noun.i > last and noun.i - last <= 3 else last
    return _assertion(clause, first, end, value, "count", subject, attribute, 1.0, None)


def _counted_noun(number: Token) -> tuple[Token, str] | None:
    """The noun a number counts and what happened to it ("injured"), if any."""
    if number.dep_ == "nummod" and number.head.pos_ in ("NOUN", "PROPN", "ADJ", "VERB"):
        noun = number.head
        if noun.lemma_.lower() in CASUALTY_NOUNS:  # "one death", "60 fatalities"
            return noun, CASUALTY_NOUNS[noun.lemma_.lower()]
        if noun.lemma_.lower() in STATES or noun.lower_ in STATES:
            return noun, STATES.get(noun.lower_, STATES.get(noun.lemma_.lower(), ""))
        return noun, _state_of(noun)
    # "Of the 14 injured": the participle hangs off the number itself.
    for child in number.children:
        if child.dep_ in ("acl", "amod") and child.lemma_.lower() in STATES:
            return number, _state_at(child)
    # "killing two people and wounding 21": the number is the object of what happened.
    head = number.head
    if (
        head.lemma_.lower() in STATES
        and number.dep_ in ("dobj", "nsubjpass", "conj")
        and (number.dep_ != "conj" or head.pos_ == "VERB")
    ):
        return number, _state_at(head)
    return None


def _state_of(noun: Token) -> str:
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        # "the deaths of at least four protesters": the people a casualty noun counts
        casualty = noun.head.head.lemma_.lower()
        if casualty in CASUALTY_NOUNS:
            return CASUALTY_NOUNS[casualty]
        if casualty in AMOUNT_NOUNS and noun.head.head.i != noun.i:
            return _state_of(noun.head.head)  # "a total of 4,299 opponents died"
    for child in noun.children:
        # "people killed", "wounded soldiers", "3,000 people who were killed"
        if child.dep_ in ("acl", "amod", "relcl") and child.lemma_.lower() in STATES:
            return _state_at(child)
    if noun.dep_ in ("nsubjpass", "dobj", "nsubj") and noun.head.lemma_.lower() in STATES:
        if noun.dep_ == "nsubj" and noun.head.lemma_.lower() not in ("die",):
            return ""
        return _state_at(noun.head)
    if noun.dep_ in ("nsubjpass", "nsubj"):
        # "231 people have been confirmed dead", "30 are feared dead", "five were missing"
        for complement in noun.head.children:
            if complement.dep_ in ("oprd", "acomp") and complement.lemma_.lower() in STATES:
                return _state_at(complement)
    return ""


def _state_at(word: Token) -> str:
    """The state a word says the counted people are in, with the one it offers instead:
    "killed or disappeared" counts the dead and the missing together ("killed or missing"),
    another figure than the dead alone."""
    state = STATES[word.lemma_.lower()]
    if not any(c.dep_ == "cc" and c.lower_ == "or" for c in word.children):
        return state
    for other in word.children:
        alternative = STATES.get(other.lemma_.lower(), state) if other.dep_ == "conj" else state
        if alternative != state:
            return " or ".join(sorted((state, alternative)))
    return state


def _count_attribute(noun: Token, state: str, clause: _Clause) -> str:
    lemma = noun.lemma_.lower()
    first = state.partition(" or ")[0]
    if first in PERSONAL_STATES and noun.pos_ != "PROPN" or state and noun.ent_type_ == "NORP":
        # Who was killed, hurt or arrested is the scope, not another attribute: "four
        # demonstrators were killed" and "the deaths of four protesters" count the same
        # dead, "hundreds of protesters were arrested" and "hundreds were detained" the
        # same arrests; subgroups
        # ("12 of them Americans") and places keep different counts apart downstream.
        return f"number of people {state}"
    if state and (lemma in PEOPLE or lemma in STATES or noun.pos_ in ("NUM", "ADJ", "VERB")):
        return f"number of people {state}"
    words = [c.lower_ for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
    plural = noun.lower_ if noun.tag_ in ("NNS", "NNPS") else _plural(lemma)
    attribute = " ".join(["number of", *words, plural] + ([state] if state else []))
    frame = _month_frame(clause, noun)
    return f"{attribute} in {frame}" if frame else attribute


def _plural(lemma: str) -> str:
    if lemma in ("crew", "staff", "personnel", "police", "people"):
        return lemma
    return lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x")) else "s")


def _month_frame(clause: _Clause, noun: Token) -> str:
    """The month a count is limited to ("two calls in December"), if the clause says one."""
    for ent in clause.ents:
        if any(ch.isdigit() for ch in ent.text):
            continue  # a day ("on Oct. 14") dates the event; it does not frame the count
        if ent.label_ == "DATE" and tree_distance(ent.root, noun) <= MAX_ARCS:
            month = calendar.month_of(ent.text)
            if month:
                return month
    return ""


def _holder(clause: _Clause, noun: Token, state: str) -> Subject:
    """Whose things were counted: "Baltic Star was carrying 212 ..." -> Baltic Star."""
    if state:  # casualties belong to the event, which the story is about
        event = _event_subject(clause, noun)
        return event if event is not None and event.family else Subject("", (), "")
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head  # "212 passengers and 38 crew": the crew's holder is the same
    owner: Token | None = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None and noun.head.pos_ in ("VERB", "AUX"):
        owner = subject_of_verb(noun.head)
    if owner is None and noun.dep_ == "pobj" and noun.head.head.pos_ in ("NOUN", "PRON"):
        owner = next((c for c in noun.head.head.children if c.dep_ == "poss"), None)
    if owner is not None and is_pronoun(owner):
        owner = _antecedent(clause, owner)
    if owner is None:
        return Subject("", (), "")
    subject = describe(unwrap(owner))
    if subject.vague and owner.pos_ in ("NOUN", "PROPN"):
        return Subject("", (), "")
    return subject


def _antecedent(clause: _Clause, pronoun: Token) -> Token | None:
    """The named subject a pronoun most likely stands for: this or the last sentence's."""
    sentences = [clause.sent]
    if clause.sent.start > 0:
        sentences.append(clause.sent.doc[clause.sent.start - 1].sent)
    for sent in sentences:
        for token in sent:
            if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ == "PROPN":
                return token
            if token.dep_ in ("nsubj", "nsubjpass") and any(
                c.pos_ == "PROPN" for c in token.children if c.dep_ in ("compound", "appos")
            ):
                return token
    return None


def _single_calls(clause: _Clause) -> list[Assertion]:
    """ "held a phone call in late December" states a count of one within that month."""
    found = []
    for token in clause.sent:
        if token.lower_ not in ("a", "an") or token.dep_ != "det":
            continue
        noun = token.head
        if family_of(noun) != "call" or noun.tag_ != "NN":
            continue
        frame = _month_frame(clause, noun)
        if not frame:
            continue
        subject = _holder(clause, noun, "")
        if subject.vague:
            continue
        value = Value(1.0, 0.5)
        attribute = _count_attribute(noun, "", clause)
        found.append(
            _assertion(clause, token.i, noun.i, value, "count", subject, attribute, 1.0, None)
        )
    return found


def _event_lengths(clause: _Clause) -> list[Assertion]:
    """How long an event has gone on, said without a figure or as its age: "after a week
    of fighting", "a week-old battle", "the two-month-old rebellion" (a person's age,
    "the 21-year-old", is no length of an event)."""
    found = []
    for unit in clause.sent:
        known = unit_of(unit.text)
        if known is None or known[0] != "duration" or unit.tag_ != "NN":
            continue
        length = _event_age(unit) or _one_unit_of(clause, unit)
        if length is None:
            continue
        value, first, last, subject = length
        found.append(
            _assertion(clause, first, last, value, "quantity", subject, "duration", *known[1:])
        )
    return found


_Length = tuple[Value, int, int, Subject]  # value, first and last token, event


def _event_age(unit: Token) -> _Length | None:
    """ "a week-old battle", "the two-month-old rebellion": how long the event has lasted."""
    old = unit.head
    if unit.dep_ != "npadvmod" or old.lower_ != "old" or old.dep_ != "amod":
        return None
    if not family_of(old.head):
        return None
    counted = next((c for c in unit.children if c.dep_ == "nummod"), None)
    value = parse_number(counted.text) if counted is not None else Value(1.0, 0.5)
    if value is None:
        return None
    return value, (counted or unit).i, old.i, describe(old.head)


def _one_unit_of(clause: _Clause, unit: Token) -> _Length | None:
    """ "a week of fighting": one unit of an event; not "a day later" (a point in time)."""
    doc = unit.doc
    if unit.i + 1 >= len(doc) or doc[unit.i + 1].lower_ != "of":
        return None
    article = [c for c in unit.children if c.dep_ == "det" and c.lower_ in ("a", "an")]
    if not article or any(c.dep_ == "nummod" for c in unit.children):
        return None
    # The event is the one named after "of" ("a month of reflection" is no length of the
    # trip a pronoun might stand for).
    of = [p for c in unit.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    event = next((unwrap(p) for p in of if family_of(unwrap(p))), None)
    if event is None:
        return None
    return Value(1.0, 0.5), article[0].i, unit.i, describe(event)


# ---------------------------------------------------------------------- dates, places


def _dates(clause: _Clause) -> list[Assertion]:
    """Calendar days given for an event: "concluded on Jan. 10", "January 12 in Brussels"."""
    sent = clause.sent
    doc = sent.doc
    found = []
    for match in calendar.find_days(clause.sent_text, clause.article.published):
        if _dateline(clause.sent_text, match.spans[0][0]):
            continue
        tokens = [doc[t.i] for t in _tokens_at(sent, match.spans)]
        named = _named_events(clause)
        attributes = ["date"] * len(tokens)
        if match.through and len(tokens) == 2:
            # "the Nov. 12-18 meetings": the first and last days of one event, each
            # compared only with another source's first or last day of it.
            subject = _event_subject(clause, tokens[0], near_name=True)
            targets: list[Subject | None] = [subject, subject]
            attributes = ["start date", "end date"]
        # "slated for 12 and 13 January ... the NATO-Russia Council, ... the OSCE":
        # several days and as many named events are meant respectively.
        elif len(tokens) > 1 and len(named) == len(tokens):
            targets = list(named)
        else:
            targets = [_event_subject(clause, t, near_name=True) for t in tokens]
        for (start, end), token, subject, iso, attribute in zip(
            match.spans, tokens, targets, match.values, attributes, strict=False
        ):
            if subject is None or token is None:
                continue
            found.append(_text_assertion(clause, start, end, subject, attribute, iso))
    return found


def _dateline(text: str, start: int) -> bool:
    """ "TALLINN, Oct. 15 (Baltic Wire) –": the filing date, not the event's."""
    head = text[:start].strip()
    return bool(head) and head.endswith(",") and head[:-1].replace(" ", "").isupper()


def _named_events(clause: _Clause) -> list[Subject]:
    """The distinct named events of a sentence, in order ("meeting of the OSCE" = "OSCE")."""
    named: list[Subject] = []
    for token in clause.events:
        subject = describe(token)
        if subject.names and not any(set(subject.names) & set(s.names) for s in named):
            named.append(subject)
    return named


def _tokens_at(sent: Span, spans: list[tuple[int, int]]) -> list[Token]:
    doc = sent.doc
    tokens = []
    for start, end in spans:
        char_span = doc.char_span(sent.start_char + start, sent.start_char + end, "expand")
        if char_span is not None:
            tokens.append(char_span.root)
    return tokens


def _places(clause: _Clause) -> list[Assertion]:
    """Where an event took place: a place named with "in"/"at" next to the event."""
    found = []
    for ent in clause.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        root = ent.root
        if root.dep_ != "pobj" or root.head.lower_ not in ("in", "at"):
            continue
        attached = root.head.head
        dated = attached.ent_type_ == "DATE"
        if attached.pos_ in ("NOUN", "PROPN") and not dated and not family_of(unwrap(attached)):
            continue  # "hospital in Tallinn" says where the hospital is
        subject = _event_subject(clause, root, near_name=True)
        if subject is None or ent.text in subject.names:
            continue
        words = [t for t in ent if t.lower_ != "the"]
        if not words:
            continue
        start = words[0].idx - clause.sent.start_char
        end = words[-1].idx + len(words[-1].text) - clause.sent.start_char
        found.append(_text_assertion(clause, start, end, subject, "place", None))
    return found


# ------------------------------------------------------------------------- records


def _assertion(
    clause: _Clause,
    first: int,
    last: int,
    value: Value,
    kind: str,
    subject: Subject,
    attribute: str,
    factor: float,
    unit: str | None,
) -> Assertion:
    doc = clause.sent.doc
    hedge_start, hedge = _hedge_before(doc, first, clause.sent.start)
    low, high = interval(value, hedge_kind(hedge), exact=kind == "count")
    start = doc[hedge_start].idx
    # "hours." at a sentence end is sometimes one token; the full stop is not the value.
    end = doc[last].idx + len(doc[last].text.rstrip("."))
    shown = format_number(value.number)
    return Assertion(
        article_id=clause.article.id,
        start=start,
        end=end,
        text=clause.text[start:end],
        subject=subject.text,
        attribute=attribute,
        kind="count" if kind == "count" else "quantity",
        value=f"{shown} {unit}" if unit else shown,
        unit=unit,
        hedge=hedge,
        low=low * factor,
        high=None if math.isinf(high) else high * factor,  # None: unbounded ("more than")
        sentence_start=clause.sent.start_char,
        sentence_end=clause.sent.end_char,
    )


def _hedge_before(doc: Doc, first: int, floor: int) -> tuple[int, str | None]:
    """(index of the hedge's first token, hedge as written) for a hedge just before ``first``."""
    for width in (3, 2, 1):
        start = first - width
        if start < floor:
            continue
        hedge, kind, rest = split_hedge(doc[start:first].text + " x")
        if hedge is not None and rest == "x" and kind:
            return start, hedge
    return first, None


def _text_assertion(
    clause: _Clause, start: int, end: int, subject: Subject, attribute: str, iso: str | None
) -> Assertion:
    """A date or place assertion at character offsets ``start:end`` of the sentence."""
    base = clause.sent.start_char
    text = clause.sent_text[start:end]
    return Assertion(
        article_id=clause.article.id,
        start=base + start,
        end=base + end,
        text=text,
        subject=subject.text,
        attribute=attribute,
        kind="place" if attribute == "place" else "date",
        value=iso if iso is not None else text,
        sentence_start=clause.sent.start_char,
        sentence_end=clause.sent.end_char,
    )


def _unique(assertions: list[Assertion]) -> list[Assertion]:
    seen: set[tuple[int, int, str]] = set()
    unique = []
    for assertion in assertions:
        key = (assertion.start, assertion.end, assertion.attribute)
        if key not in seen:
            seen.add(key)
            unique.append(assertion)
    return unique
