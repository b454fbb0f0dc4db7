"""Claims aligned across outlets into one outlet x claim matrix, with discrepancies.

A value two outlets state is the same fact when both say it of the same attribute
(duration, number of people killed, date, place) *and* about the same thing.  Which
thing is read from two places:

- the subject extraction found (``analyze.subjects``): different event families or
  different names never align ("hours of talks" vs "hours of flight");
- the words around the value: an idf-weighted bag of the sentence's content words,
  nearer words weighing more.  Real wire copy seldom names the subject next to the
  number ("killed 213 people" in Nairobi, "11 were killed" in Dar es Salaam), so two
  values align only when their contexts are alike (``ALIGN_SIMILARITY``) and their
  scopes agree: the places named next to them, the years their sentences mention,
  and neither is a subgroup ("one other died later", "12 of them Americans").

Values of one claim are compared as intervals (``analyze.numbers``): "seven hours"
and "eight hours" conflict, "more than seven hours" and "nearly eight hours" do not,
"at least 231" and "231" do not.  A conflict is shown as a ``discrepancy`` only when
the tool is confident both values measure the same thing (context similarity of the
conflicting pair at least ``FLAG_SIMILARITY``, both scopes known to agree, neither a
relative date); otherwise the claim is ``check``: figures to check, listed lower down.
Figures more than ``PLAUSIBLE_RATIO`` apart are not aligned at all unless a source says
the figure moved ("down from 100 mph"), their contexts are ``STRONG_SIMILARITY`` alike, or
both are one named place's toll.  Two dates conflict only when both are full days tied to
one event (same event word, same named parties).  Conflicting counts of casualties in
sources written on different days, and figures a source says moved, are marked
``evolving`` (a rising toll).  Reprints count once for corroboration
(``independent_sources``), but figures that change between versions of one wire
story still make a discrepancy (``changed_in_reprint``).  Each claim says why its
values were aligned (``aligned_because``).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from typing import Literal, NamedTuple

from crosswire.analyze.dates import nearest_year
from crosswire.analyze.numbers import hedge_kind, parse_number, unit_of
from crosswire.analyze.quantities import NOT_DURATION
from crosswire.analyze.subjects import EVENT_FAMILIES
from crosswire.model import (
    ArticleAnalysis,
    Assertion,
    Claim,
    ClaimValue,
    DateMention,
    Entity,
    Evidence,
    Story,
)
from crosswire.reconcile.timeline import reference_dates
from crosswire.stopwords import STOP_WORDS
from crosswire.summarize.text import stem

LINK_FEATURES = (
    "context cosine", "same place", "same distinctive value", "same value", "same names",
    "same event family", "one figure a source", "date", "count", "same attribute",
    "similarity",
)  # fmt: skip
# The pair model: logistic regression over LINK_FEATURES, fitted on the labelled value
# pairs of the ten dev clusters of the facts gold (``evaluate.facts.labelled_pairs`` and
# ``fit_pair_model``, 2,224 pairs, 560 of one fact); ``crosswire eval facts`` reports the
# figures of models refitted without each cluster beside these weights' own.
LINK_WEIGHTS = (1.277, -0.436, 1.427, 1.53, 1.58, 0.446, 1.105, 0.522, 1.276, -0.687, 3.604)
LINK_BIAS = -3.237
LinkModel = tuple[Sequence[float], float] | None
# Two values are one fact when their contexts are at least this alike (cosine, 0..1).
ALIGN_SIMILARITY = 0.4
# A conflict is flagged only between values whose contexts are at least this alike.
FLAG_SIMILARITY = 0.5
# Added to the similarity of two values said of the same place.
PLACE_BONUS = 0.2
# Hedge kinds that round a figure rather than bound it.
APPROXIMATE = {"about", "nearly"}
# Rival reports of one figure are within this factor of each other, unless their
# contexts are at least STRONG_SIMILARITY alike or a source says the figure changed.
PLAUSIBLE_RATIO = 2.5
STRONG_SIMILARITY = 0.8
# Added to the similarity of two values that are the same distinctive figure or day.
SAME_VALUE_BONUS = 0.25
# Measures whose values of one thing are readings of it over time ("speed of wind").
READINGS = {"speed", "distance"}
# Context cosine two sources' one count of people each need to be the same count.
PEOPLE_CONTEXT = 0.2
# Words either side of a value that make up its near context.
NEAR_WORDS = 8

# Words that say what kind of thing a subject is, not which one.
GENERIC = {
    "the", "of", "for", "and", "in", "on", "a", "an", "council", "permanent", "meeting",
    "organization", "organisation", "committee", "session", "u.s.", "us", "president",
}  # fmt: skip
# Words that make a count a part of another one ("one other died", "12 of them Americans").
SUBGROUP_BEFORE = {
    "other", "another", "additional", "further", "more", "including", "among", "new",
}  # fmt: skip
SUBGROUP_AFTER = {"other", "others", "more", "additional"}
PART = {"other", "others", "another", "additional", "new"}
# Words that put a value on another event than the story's ("a second fire").
OTHER_EVENT = {"second", "third", "another", "earlier", "previous", "separate", "similar"}
PARTITIVE = {"them", "whom", "those", "these", "which"}  # "12 of them Americans"
# Words before a place after a figure that make the place hold a part of it ("most in Mexico").
PART_IN = {"most", "mostly", "mainly", "majority", "including", "half"}
_PART_IN_STEMS = {stem(w) for w in PART_IN}  # ``_part_in`` reads stemmed words
# Attributes that say what was measured but not of what: alone they do not tie values.
GENERIC_KEYS = {
    "number of people", "number of other", "number of one", "number of year", "date",
    "place", "duration", "distance", "percentage", "speed", "mass",
}  # fmt: skip
# The ends of a stretch of days ("the Nov. 12-18 meetings"): one of each per event.
STRETCH_KEYS = {"start date", "end date"}
# Attributes of a person, compared only between values said of named people.
PERSONAL_KEYS = {
    "age", "number of child", "number of children", "number of daughter", "number of son",
    "number of grandchildren", "number of grandchild", "number of brother",
    "number of sister", "number of sibling", "number of wife",
}  # fmt: skip
# Words after a count that make it a rate, not a toll: "10,000 die every year".
RATE_WORDS = {"every", "each", "per", "annually", "yearly", "daily", "weekly", "monthly"}
RATE_UNITS = {"year", "day", "week", "month", "hour", "season", "winter", "summer"}
# A count of a kind of thing more common than this in English (wordfreq, per word) is too
# common for two sources' one small count of it to be one fact unsaid: "two countries",
# "three arguments" (but "two tug boats" and "three tugs" are).
COMMON_NOUN_FREQUENCY = 1e-5
# Counted nouns that are the same attribute said otherwise ("deaths" = "people killed").
COUNT_SYNONYMS = {
    "number of death": "number of people killed", "number of dead": "number of people killed",
    "number of fatality": "number of people killed", "number of victim": "number of people killed",
    "number of injury": "number of people injured",
}  # fmt: skip
_STATE_WORDS = {
    "injured", "killed", "evacuated", "rescued", "arrested", "hospitalised", "missing",
    "detained",
}  # fmt: skip
CASUALTY_WORDS = ("killed", "injured", "dead", "missing", "death", "wounded", "homeless")
_NOT_CONTEXT = {
    "qqbreak", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "said", "says", "say", "told", "percent", "year", "years", "day",
    "days", "week", "weeks", "month", "months", "hour", "hours", "people", "mr", "mrs", "ms",
}  # fmt: skip
# Words that say a figure moved since it was last reported ("rose to", "down from").
CHANGE_WORDS = {
    "rose", "risen", "rising", "climbed", "climbing", "jumped", "soared", "mounted",
    "increased", "decreased", "dropped", "fell", "fallen", "lowered", "raised", "revised",
    "grew", "swelled", "weakened", "strengthened", "diminished", "slowed",
}  # fmt: skip
_CHANGE_PRESENT = {"rise", "rises", "fall", "falls", "increase", "increases", "drop", "grow"}
_CHANGE_FROM = re.compile(r"\b(?:up|down) from\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)
# "New" opening a name ("New York", "New Zealand"), not the "new" of "two new cases".
_NAMED_NEW = re.compile(r"\bNew(?=[\s-]+[A-Z])")
_CLAUSE = re.compile(r";")  # clause breaks: "239 dead; Guatemala said"
CLAUSE_BREAK = "qqbreak"  # stands for a clause break in word lists (listed in _NOT_CONTEXT)
_PARTITIVE = re.compile(r"\bof\s+(?:" + "|".join(sorted(PARTITIVE)) + r")\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_YEARLESS = re.compile(r"--\d{2}(?:-\d{2})?")
_QUALIFIER = re.compile(r"\b(?:late|early|mid|mid-)\s+", re.IGNORECASE)
STATUS_ORDER = {"discrepancy": 0, "check": 1, "agreed": 2, "single": 3}


@dataclass
class _Item:
    """One value one source states, with what alignment needs to know about it."""

    source: int
    group: int  # the source's reprint group
    assertion: Assertion
    key: str  # attribute, normalised
    head: str  # the attribute without the counted noun's modifiers
    family: str
    names: set[str]
    bag: dict[str, float]  # context word -> weight
    near: set[str]  # context words next to the value
    place: str  # the place named nearest the value in its sentence, "" if none
    years: set[str]  # years the sentence mentions, outside the value
    subgroup: bool
    other_event: bool  # "a second fire", "an earlier quake": said of another event
    unique: bool  # the only value of its attribute in its source
    relative: bool  # a weekday or other date that needs its source's date to compare
    changed: bool = False  # its sentence says the figure moved ("rose to", "down from")
    rate: bool = False  # "10,000 die every year": a rate, not one event's count
    reading: bool = False  # a speed or distance of one thing (``_reading``)
    few_common: bool = False  # a few of a common kind of thing (``_few_common``)
    event_unique: bool = False  # its source's only figure of its attribute of its event kind
    so_far: bool = False  # how long an event had gone on when written (``_so_far``)
    from_dates: bool = False  # taken from the timeline's date mentions
    stretch: tuple[str, str] | None = None  # a start or end date's first and last days
    spelled: dict[str, str] = field(default_factory=dict)  # context stem -> word as written
    squares: float = -1.0  # sum of the bag's squared weights, once computed (``_squares``)

    @functools.cached_property
    def block(self) -> _Block:
        """What another value must share with this one to be one fact (``_Block``)."""
        return _block(self)

    @functools.cached_property
    def distinctive(self) -> bool:
        """Whether the value is unlikely to recur by chance (``_distinctive``): asked of
        every pair the value is in, worked out once."""
        return _distinctive(self.assertion)


@dataclass
class _Cluster:
    items: list[_Item] = field(default_factory=list)
    scores: dict[tuple[int, int], float] = field(default_factory=dict)  # by (id, id)

    def score(self, a: _Item, b: _Item) -> float:
        return self.scores.get((id(a), id(b)), 0.0)


def reconcile_claims(
    story: Story,
    entities: list[Entity],
    duplicate_of: dict[int, int | None],
    link_model: LinkModel = None,
) -> list[Claim]:
    """Aligned claims: discrepancies first, then figures to check, agreed facts, singles.

    ``link_model`` (weights, bias) replaces the shipped pair model (``LINK_WEIGHTS``);
    the facts evaluation passes models fitted without the cluster being scored.
    """
    items = story_items(story, entities, duplicate_of)
    references = reference_dates(story)
    clusters = _align(items, link_model or (LINK_WEIGHTS, LINK_BIAS))
    claims = [
        _claim(c, references) for c in clusters if len(c.items) > 1 or not c.items[0].from_dates
    ]
    _date_yearless_values(claims, references)
    return sorted(
        claims,
        key=lambda c: (STATUS_ORDER[c.status], -c.independent_sources, c.subject, c.attribute),
    )


# -------------------------------------------------------------------------- items


def story_items(
    story: Story, entities: list[Entity], duplicate_of: dict[int, int | None]
) -> list[_Item]:
    """Every value the story's sources state, with what alignment needs to know of it."""
    places = _place_words(entities)
    kinds = _named_kinds(entities)
    idf = _idf(story)
    spell = _organisation_names(entities)
    items: list[_Item] = []
    for number, analysis in enumerate(story.analyses, start=1):
        text = analysis.article.text
        group = _group_of(number, duplicate_of)
        assertions = list(analysis.assertions) + _date_assertions(analysis)
        taken = len(analysis.assertions)
        for index, assertion in enumerate(assertions):
            item = _item(number, group, assertion, text, places, idf, spell)
            item.from_dates = index >= taken
            item.key = _named_measure(item.key, kinds)
            item.reading = _reading(item.key)
            item.few_common = _few_common(assertion)
            items.append(item)
    _mark_unique(items)
    _mark_stretches(items)
    shared: dict[_Block, _Block] = {}
    for item in items:  # one object per block: most pairs judged share theirs
        item.__dict__["block"] = shared.setdefault(item.block, item.block)
    return items


def _mark_stretches(items: list[_Item]) -> None:
    """Each start or end date with the first and last days of its stretch ("Nov. 12-18")."""
    days: dict[tuple[int, int, str], dict[str, str]] = {}
    for item in items:
        if item.key in STRETCH_KEYS:
            days.setdefault(_stretch_of(item), {})[item.key] = item.assertion.value
    for item in items:
        ends = days.get(_stretch_of(item), {}) if item.key in STRETCH_KEYS else {}
        if len(ends) == 2:
            item.stretch = (ends["start date"], ends["end date"])


def _stretch_of(item: _Item) -> tuple[int, int, str]:
    """A stretch's source, sentence and event: its start and end date share them."""
    return item.source, item.assertion.sentence_start, item.assertion.subject


def _named_kinds(entities: list[Entity]) -> dict[str, str]:
    """Kind word -> the story's main named thing of that kind ("hurricane" -> "mitch" when
    "Hurricane Mitch" is named at least twice as often as any other hurricane)."""
    by_kind: dict[str, list[tuple[int, str]]] = {}
    for entity in entities:
        words = _WORD.findall(entity.name)
        if len(words) == 2 and words[0][:1].isupper() and words[0].lower() not in STOP_WORDS:
            by_kind.setdefault(words[0].lower(), []).append((entity.mentions, words[1].lower()))
    kinds = {}
    for kind, named in by_kind.items():
        named.sort(reverse=True)
        if len(named) == 1 or named[0][0] >= 2 * named[1][0]:
            kinds[kind] = named[0][1]
    return kinds


def _named_measure(key: str, kinds: dict[str, str]) -> str:
    """ "speed of hurricane" -> "speed of mitch": the thing measured, by its name."""
    measure, _, thing = key.partition(" of ")
    if not _measured(key) or thing not in kinds:
        return key
    return f"{measure} of {kinds[thing]}"


def _organisation_names(entities: list[Entity]) -> Callable[[str], str]:
    """A subject with each organisation's other spellings written as the story's name for
    it: "APEC meetings" and "the Asia-Pacific Economic Cooperation forum" name one body."""
    names: dict[str, str] = {}
    forms: dict[str, str] = {}
    for entity in entities:
        if entity.type != "ORG":
            continue
        for variant in entity.variants:
            if variant != entity.name and _WORD.search(variant):
                names[variant.lower()] = entity.name
                # A spelled-out name matches in any case ("the Asia-Pacific economic
                # cooperation forum"); an acronym only in capitals, or "WHO" would rewrite
                # every "who".
                escaped = re.escape(variant)
                forms[variant.lower()] = escaped if variant.isupper() else f"(?i:{escaped})"
    if not names:
        return str
    longest_first = sorted(forms, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w-])(?:" + "|".join(forms[v] for v in longest_first) + r")(?![\w-])"
    )

    @functools.lru_cache(maxsize=4096)  # a story's values share few subjects
    def spell(subject: str) -> str:
        return pattern.sub(lambda m: names[m.group(0).lower()], subject) if subject else subject

    return spell


def attribute_key(attribute: str) -> str:
    """ "number of crew members in late December" -> "number of crew in december"."""
    words = _WORD.findall(_QUALIFIER.sub("", attribute.lower()))
    # "crew members" are the crew, but "14 members" alone are members.
    words = [
        w
        for i, w in enumerate(words)
        if w not in ("members", "member", "boats", "boat") or i < 1 or words[i - 1] == "of"
    ]
    key = " ".join(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words)
    return COUNT_SYNONYMS.get(key, key)


def head_key(key: str) -> str:
    """ "number of preseason game" -> "number of game": the kind of thing counted, without
    the words before it (which may be said or left out: "114 preseason games", "114-game")."""
    measure, _, origin = key.partition(" from ")
    if origin:
        return measure  # "distance from kindu": a distance, its origin said or left out
    words = key.split()
    if words[:2] != ["number", "of"]:
        # "speed of wind": a speed, what it is of said or left out
        return key.partition(" of ")[0]
    tail, frame = words[2:], []
    if "in" in tail:
        tail, frame = tail[: tail.index("in")], tail[tail.index("in") :]
    state = tail[-1:] if len(tail) > 1 and tail[-1] in _STATE_WORDS else []
    if state and len(tail) >= 3 and tail[-2] == "or" and tail[-3] in _STATE_WORDS:
        state = tail[-3:]  # "killed or missing": one count of two states
    nouns = tail[: len(tail) - len(state)]
    return " ".join(["number", "of", *nouns[-1:], *state, *frame])


def subject_key(subject: str, places: set[str]) -> tuple[str, set[str]]:
    """(event family, identifying name words) of a subject as extraction wrote it."""
    words = [w.lower() for w in _WORD.findall(subject)]
    family = next((_family(w) for w in reversed(words) if _family(w)), "")
    names = {w for w in words if w not in GENERIC and not _family(w)}
    # Only an event's place is a qualifier ("Geneva talks"); a ship may be named "Polar Wren".
    return family, names - places if family else names


def _family(word: str) -> str:
    """The event family a word of a subject names, plural or not ("meetings": talks)."""
    family = EVENT_FAMILIES.get(word, "")
    if not family and word.endswith("s"):
        family = EVENT_FAMILIES.get(word[:-1], "")
    return family


def _date_assertions(analysis: ArticleAnalysis) -> list[Assertion]:
    """The article's dates the value extraction did not already tie to an event."""
    taken = [(a.start, a.end) for a in analysis.assertions if a.kind == "date"]
    found = []
    for mention in analysis.dates:
        if mention.dateline or any(s < mention.end and mention.start < e for s, e in taken):
            continue
        value = _date_value(mention)
        if value is None or _reporting_day(analysis.article.text, mention):
            continue
        sentence = next((s for s in analysis.sentences if s.start <= mention.start < s.end), None)
        found.append(
            Assertion(
                article_id=analysis.article.id,
                start=mention.start,
                end=mention.end,
                text=mention.text,
                subject="",
                attribute="date",
                kind="date",
                value=value,
                sentence_start=sentence.start if sentence else mention.event_start,
                sentence_end=sentence.end if sentence else mention.event_end,
            )
        )
    return found


def _reporting_day(text: str, mention: DateMention) -> bool:
    """ "said Friday", "reported Sunday": the day of a statement, not of the event."""
    before = _WORD.findall(text[max(0, mention.start - 30) : mention.start].lower())[-2:]
    after = _WORD.findall(text[mention.end : mention.end + 20].lower())[:1]
    return bool(set(before + after) & SPEECH_VERBS)


def _date_value(mention: DateMention) -> str | None:
    """ISO date, "--MM-DD" / "--MM" without a year, or the weekday as written."""
    if mention.qualifier:
        return None  # "late September" is a stretch, not a date to compare
    if mention.date:
        return mention.date
    if mention.partial:
        return f"--{mention.partial}"
    words = mention.text.lower().split()
    if len(words) == 1 and words[0] in _WEEKDAYS:
        return words[0]
    return None


SPEECH_VERBS = {
    "said", "says", "told", "reported", "announced", "added", "stated", "warned", "editions",
}  # fmt: skip
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _item(
    source: int,
    group: int,
    assertion: Assertion,
    text: str,
    places: dict[str, str],
    idf: dict[str, float],
    spell: Callable[[str], str] = str,
) -> _Item:
    known_places = set(places)
    spelled = spell(assertion.subject)
    family, names = subject_key(spelled, known_places)
    # The names as the source wrote them: the story's spelling of an organisation ties
    # the subjects, but it is no context word the source used.
    written = (
        names if spelled == assertion.subject else subject_key(assertion.subject, known_places)[1]
    )
    raw_before = _raw_words(
        _CLAUSE.sub(f" {CLAUSE_BREAK} ", text[assertion.sentence_start : assertion.start])
    )
    raw_after = _raw_words(
        _CLAUSE.sub(f" {CLAUSE_BREAK} ", text[assertion.end : assertion.sentence_end])
    )
    before, after = [_stem(w) for w in raw_before], [_stem(w) for w in raw_after]
    bag: dict[str, float] = {}
    for distance, word in enumerate(reversed(before)):
        _add(bag, word, distance, idf)
    for distance, word in enumerate(after):
        _add(bag, word, distance, idf)
    for name in written:
        bag[name] = bag.get(name, 0.0) + idf.get(name, 1.0)
    near = {w for w in before[-NEAR_WORDS:] + after[:NEAR_WORDS] if w not in STOP_WORDS}
    sentence = text[assertion.sentence_start : assertion.sentence_end]
    value_years = set(_YEAR.findall(assertion.text))
    return _Item(
        source=source,
        group=group,
        assertion=assertion,
        key=attribute_key(assertion.attribute),
        head=head_key(attribute_key(assertion.attribute)),
        family=family,
        names=names,
        bag=bag,
        near=near,
        place=_nearest_place(before, after, places),
        years=set(_YEAR.findall(sentence)) - value_years,
        subgroup=_subgroup(
            _part_words(text[assertion.sentence_start : assertion.start]),
            raw_after,
            assertion.text,
            text[assertion.end : assertion.end + 20],
        )
        or (
            assertion.kind == "count"
            and bool(set(_part_words(_unhedged(assertion))) & PART)
            and not _own_place(after, places)
        ),
        other_event=_other_event(raw_before[-NEAR_WORDS:] + raw_after[:NEAR_WORDS]),
        spelled={_stem(w): w for w in reversed(raw_before + raw_after)},
        unique=False,
        relative=assertion.kind == "date" and assertion.value in _WEEKDAYS,
        changed=_says_change(sentence) and not _change_amount(raw_before),
        so_far=_so_far(assertion, raw_before),
        rate=_rate(raw_after[:NEAR_WORDS]),
    )


def _so_far(assertion: Assertion, before: list[str]) -> bool:
    """ "a week-old battle", "after a week of fighting": how long an event had gone on
    when the source wrote, which grows between editions."""
    if assertion.attribute != "duration":
        return False
    return assertion.text.lower().endswith("old") or before[-1:] == ["after"]


def _says_change(sentence: str) -> bool:
    """ "had dropped to near 30 mph", "down from 100 mph": the figure is one of a series."""
    words = set(_WORD.findall(sentence.lower()))
    return bool(words & CHANGE_WORDS) or bool(_CHANGE_FROM.search(sentence))


def _rate(after: list[str]) -> bool:
    """ "die every year", "killed on the roads each day", "1,000 a year": a rate; not "a
    year ago", "a day after the quake" (a point in time)."""
    return any(
        (word in RATE_WORDS or word in ("a", "an")) and after[i + 1 : i + 2] != []
        and after[i + 1] in RATE_UNITS
        and not (word in ("a", "an") and after[i + 2 : i + 3] and after[i + 2] in NOT_DURATION)
        or word in ("annually", "yearly", "daily")
        for i, word in enumerate(after)
    )  # fmt: skip


def _change_amount(before: list[str]) -> bool:
    """ "rose more than 300 places", "fell by 12": the figure is how much something moved,
    not a reading of it, so it is no reading in a series."""
    words = before[-2:]
    if words[-1:] == ["by"]:
        words = words[:-1]
    return bool(words[-1:]) and words[-1] in CHANGE_WORDS | _CHANGE_PRESENT


def _other_event(words: list[str]) -> bool:
    """ "a second fire", "an earlier quake": the value is said of another event."""
    return any(
        word in OTHER_EVENT and any(w in EVENT_FAMILIES for w in words[i + 1 : i + 3])
        for i, word in enumerate(words)
    )


def _words(text: str) -> list[str]:
    return [_stem(w) for w in _raw_words(text)]


def _raw_words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _part_words(text: str) -> list[str]:
    """``_raw_words`` of ``text`` read for the words that make a count a part ("two new
    cases"), clause breaks kept: the "New" of a name ("New York") is no such word."""
    return _raw_words(_CLAUSE.sub(f" {CLAUSE_BREAK} ", _NAMED_NEW.sub(" ", text)))


def _stem(word: str) -> str:
    return stem(word.removesuffix("'"))


def _add(bag: dict[str, float], word: str, distance: int, idf: dict[str, float]) -> None:
    if word in STOP_WORDS or word in _NOT_CONTEXT or len(word) < 3:
        return
    weight = idf.get(word, 1.0) / (1.0 + distance / 4.0)
    bag[word] = max(bag.get(word, 0.0), weight)


def _own_place(after: list[str], places: dict[str, str]) -> bool:
    """ "Eight others died in Nicaragua": the others are another place's toll, not a part
    of a count ("one other died later" is)."""
    window = after[:4]
    return any(w == "in" and window[i + 1 : i + 2] and window[i + 1] in places
               for i, w in enumerate(window))  # fmt: skip


def _nearest_place(before: list[str], after: list[str], places: dict[str, str]) -> str:
    """The place a value is said of: named before it in its clause ("In Nicaragua, 2,000
    were killed", "El Salvador reported 239 dead"), else after it ("killed 14 in Honduras").
    """
    if after[1:2] and after[0] == "in" and after[1] in places:
        return places[after[1]]  # "six died in Mexico and seven in Costa Rica"
    for side in (before[::-1], after):
        for word in side[:NEAR_WORDS]:
            if word == CLAUSE_BREAK:
                break
            if word in places:
                return "" if side is after and _part_in(after, word) else places[word]
    return ""


def _part_in(after: list[str], place: str) -> bool:
    """ "60 deaths, most in Mexico": the place holds a part of the figure, not all of it."""
    at = after.index(place)
    return bool(set(after[max(0, at - 3) : at]) & _PART_IN_STEMS)


def _subgroup(before: list[str], after: list[str], value: str, following: str) -> bool:
    """ "one other died later", "another 600 people", "12 of them": part of a larger count.

    ``value`` is the value as written, ``following`` the text right after it: "213 people,
    12 of them Americans" makes the 12 a part, not the 213 (word lists leave figures out).
    """
    if _PARTITIVE.match(following.lstrip()) or _PARTITIVE.search(value):
        return True
    if before[-1:] == ["than"]:
        before = before[:-2]  # "more than $30 million" is a hedge, not "more" of a count
    return bool(set(before[-2:]) & SUBGROUP_BEFORE or set(after[:1]) & SUBGROUP_AFTER)


def _unhedged(assertion: Assertion) -> str:
    """The value as written without its hedge ("more than seven hours" -> "seven hours")."""
    if assertion.hedge and assertion.text.lower().startswith(assertion.hedge.lower()):
        return assertion.text[len(assertion.hedge) :]
    return assertion.text


def _mark_unique(items: list[_Item]) -> None:
    """A source's only figure of an attribute; "hundreds" is no figure, so it never is one
    and does not make another the source's second.  ``event_unique``: its only figure of
    an attribute of one kind of event ("the three-day battle" beside "the two-month war")."""
    figures = [m for m in items if not _vague(m.assertion)]
    counts = Counter((m.source, m.key) for m in figures)
    events = Counter((m.source, m.key, m.family) for m in figures if m.family)
    for item in items:
        figure = not _vague(item.assertion)
        item.unique = figure and counts[(item.source, item.key)] == 1
        item.event_unique = figure and events[(item.source, item.key, item.family)] == 1


def _measured(key: str) -> bool:
    """A measure qualified by what it is of ("speed of wind"), read from the parse: the
    same thing measured ties two values, but a different word may still name it ("the
    stronghold", "the town"), so it is evidence, never a bar."""
    return " of " in key and not key.startswith("number of ")


def _reading(key: str) -> bool:
    """A speed or distance of one named or described thing ("speed of wind"): readings of
    it are one measurement, over time.  Not a share: "90 percent of the population" and
    "10 percent of the population" are shares of two groups of one whole."""
    return _measured(key) and key.split()[0] in READINGS


def specific(key: str) -> bool:
    """Whether an attribute names what was counted or measured from where."""
    return key not in GENERIC_KEYS and (
        key.startswith("number of ") or " from " in key or _measured(key)
    )


def _idf(story: Story) -> dict[str, float]:
    """Inverse sentence frequency of each word over the story's sentences."""
    counts: Counter[str] = Counter()
    total = 0
    for analysis in story.analyses:
        text = analysis.article.text
        spans = [(s.start, s.end) for s in analysis.sentences] or [(0, len(text))]
        for start, end in spans:
            counts.update(set(_words(text[start:end])))
            total += 1
    return {w: math.log((total + 1) / (c + 0.5)) for w, c in counts.items()}


def _place_words(entities: list[Entity]) -> dict[str, str]:
    """Words of place names -> the place's name ("salvador" -> "El Salvador").

    A word of a longer place name that also names a thing of another kind is left out:
    "Mitch" in "Operation Mitch" is the hurricane more often than the place.
    """
    other = {
        _stem(word.lower())
        for entity in entities
        if entity.type not in ("GPE", "LOC")
        for variant in [entity.name, *entity.variants]
        for word in _WORD.findall(variant)
    }
    words: dict[str, str] = {}
    for entity in entities:
        if entity.type in ("GPE", "LOC"):
            for variant in [entity.name, *entity.variants]:
                found = _WORD.findall(variant)
                for word in found:
                    key = _stem(word.lower())
                    if word.lower() in STOP_WORDS or (len(found) > 1 and key in other):
                        continue
                    words.setdefault(key, entity.name)
    return words


# ---------------------------------------------------------------------- alignment


def similarity(a: _Item, b: _Item, blocks_agree: bool = False) -> float:
    """Cosine of two values' context bags (0 when they cannot be one fact).

    ``blocks_agree``: the pair comes from ``_candidate_pairs``, whose blocks agree.
    """
    if not _compatible(a, b, blocks_agree):
        return 0.0
    score = cosine = _cosine(a, b)
    if a.place and a.place == b.place:
        score += PLACE_BONUS
        if _scoped_by_place(a, b) and _stated_count(a.key):
            # Killed in El Salvador, as each outlet counts it: the place is the scope (not
            # any people there: "5,000 people lined up", "2,000 people given water").
            score = max(score, FLAG_SIMILARITY)
    if a.distinctive and _same_value(a.assertion, b.assertion):
        score += SAME_VALUE_BONUS  # the same distinctive figure or day in like words
    # The same named thing: extraction says so.  Not for any date said of it (when it was
    # announced, when it met), but for the first or last day of a named event.
    dated = a.assertion.kind == "date" and not (a.key in STRETCH_KEYS and a.family == b.family)
    if a.names and b.names and _names_overlap(a.names, b.names) and not dated:
        score = max(score, FLAG_SIMILARITY)
    if a.reading and a.key == b.key:
        score = max(score, FLAG_SIMILARITY)  # the same thing measured: the parse says so
    if (
        (a.unique and b.unique or a.event_unique and b.event_unique)
        and a.key == b.key
        and a.assertion.kind != "date"
        and (a.family and a.family == b.family or specific(a.key))
        and (cosine >= PEOPLE_CONTEXT or not _common_count(a, b))
    ):
        # Each source gives one figure of this attribute, of the same event or of a
        # named thing ("212 passengers", "about 210 passengers"): the same fact.  Not
        # of any people or a few of a common kind of thing unless said in some like
        # words ("26 Egyptians have died" of another virus is not "killed over 50
        # worldwide"; "two competing arguments" are not "three arguments support it").
        return max(score, FLAG_SIMILARITY)
    if a.family and a.family == b.family and (a.names & b.names or not a.names and not b.names):
        score = max(score, ALIGN_SIMILARITY)  # the same named event: extraction says so
    return min(score, 1.0)


def _compatible(a: _Item, b: _Item, blocks_agree: bool = False) -> bool:
    if a.source == b.source:
        return False
    if not blocks_agree and a.block is not b.block and not _blocks_agree(a.block, b.block):
        return False  # the equality rules of ``_Block``: head, marks, event, years, dates
    qualified = a.key != b.key and a.key != a.head and b.key != b.head
    if qualified and not (_measured(a.key) or _measured(b.key)):
        return False  # "opposition groups" are not "working groups"; "games" may be either
    if a.names and b.names and not _names_overlap(a.names, b.names):
        return False
    if a.key in PERSONAL_KEYS and not (a.names and b.names and _same_person(a.names, b.names)):
        return False  # an age is a person's: "Zughayar, 22" is not "his father, 54"
    if a.stretch and b.stretch and _apart(a.stretch, b.stretch):
        return False  # Nov. 12-15 and Nov. 17-18: two events of one body, not one in dispute
    # killed in Honduras is not killed in Nicaragua
    return not (a.place != b.place and a.place and b.place and _scoped_by_place(a, b))


def _apart(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether two stretches of days share no day (compared by month and day: a stretch is
    read within one year)."""
    return a[1][-5:] < b[0][-5:] or b[1][-5:] < a[0][-5:]


def _common_count(a: _Item, b: _Item) -> bool:
    """Counts two sources may each give once and still of different things: of people, or
    a few (1-10) of a kind of thing common in English ("two countries", "three arguments")."""
    return a.key.startswith("number of people") or (a.few_common and b.few_common)


def _few_common(assertion: Assertion) -> bool:
    """A few (1-10) of a kind of thing every word of which is common in English. The
    words of what was counted, as the source wrote them: one uncommon word ("tug" in "tug
    boats") says what kind of thing it is."""
    if assertion.kind != "count" or _distinctive(assertion):
        return False
    words = _raw_words(assertion.attribute.partition(" in ")[0])[2:]
    return all(_word_frequency(w) > COMMON_NOUN_FREQUENCY for w in words if w not in _STATE_WORDS)


@functools.lru_cache(maxsize=4096)
def _word_frequency(word: str) -> float:
    from crosswire.group.background import word_frequency

    return word_frequency(word)


def _open_scope(a: _Item, b: _Item) -> bool:
    """A count scoped by place where one value names the place and the other none."""
    return bool(a.place) != bool(b.place) and _scoped_by_place(a, b)


def _distinctive(assertion: Assertion) -> bool:
    """A value unlikely to recur by chance: a full day, a year, a figure other than 1-10."""
    if assertion.kind == "date":
        parts = _date_parts(assertion.value)
        return parts is not None and (parts[2] is not None or parts[1] is None)
    figure = stated(assertion)
    return figure is not None and not (0 <= figure <= 10 and figure == int(figure))


def _scoped_by_place(a: _Item, b: _Item) -> bool:
    """Counts of people differ by place ("killed in Honduras", "in Nicaragua").

    Other values are often written beside the parties' countries or a route ("212
    passengers ... from Tallinn"), and a named thing is the same wherever it is.
    """
    if a.names and b.names and _names_overlap(a.names, b.names):
        return False
    return a.key.startswith("number of people") or any(w in a.key for w in CASUALTY_WORDS)


def _stated_count(key: str) -> bool:
    """A count of people in a state ("killed", "injured", "evacuated"), not just people."""
    return any(w in key for w in CASUALTY_WORDS) or key.split()[-1] in _STATE_WORDS


def _names_overlap(a: set[str], b: set[str]) -> bool:
    """Half the shorter name's words in the other, spellings a letter or two apart alike
    ("Zughayar" and "Zughayer": transliterations of one name)."""
    if len(a & b) / min(len(a), len(b)) >= 0.5:
        return True
    # Word by word, hyphenated parts apart: "NATO-Russia" and "Russia-NATO" name one council.
    words_a = {w for name in a for w in re.split(r"[\s-]+", name) if w}
    words_b = {w for name in b for w in re.split(r"[\s-]+", name) if w}
    shared = sum(1 for x in words_a if x in words_b or any(_same_spelling(x, y) for y in words_b))
    return shared / min(len(words_a), len(words_b)) >= 0.5


def _same_person(a: set[str], b: set[str]) -> bool:
    """Every word of the shorter name in the other, spellings a letter or two apart alike:
    "Chris Seifert" is not "Chris Muir", "Zughayar" is "Yusef Zughayer"."""
    short, long = sorted((a, b), key=len)
    return all(x in long or any(_same_spelling(x, y) for y in long) for x in short)


def _same_spelling(x: str, y: str) -> bool:
    if min(len(x), len(y)) < 5 or x[0] != y[0]:
        return False
    return SequenceMatcher(None, x, y).ratio() >= 0.8


def _align(items: list[_Item], model: tuple[Sequence[float], float]) -> list[_Cluster]:
    """Average-linkage clustering over compatible pairs, one value per source a claim."""
    clusters = [_Cluster([item]) for item in items]
    owner = list(range(len(items)))
    scores: dict[tuple[int, int], float] = {}  # how alike two values are, for flagging
    links: dict[tuple[int, int], float] = {}  # how likely they are one fact, for aligning
    edges = []
    for i, j in _candidate_pairs(items):
        score = similarity(items[i], items[j], blocks_agree=True)
        if score <= 0:
            continue
        scores[(i, j)] = score
        links[(i, j)] = link = _link(items[i], items[j], score, model)
        if link >= ALIGN_SIMILARITY:
            edges.append((_open_scope(items[i], items[j]), -link, i, j))
    index_of = {id(item): n for n, item in enumerate(items)}

    def pair(a: _Item, b: _Item, table: dict[tuple[int, int], float] = links) -> float:
        i, j = sorted((index_of[id(a)], index_of[id(b)]))
        return table.get((i, j), 0.0)

    # Pairs whose scope is certain merge first: a toll with a place and one without may
    # be the region's (``_rivals``), so it must not take a value from a sure pair.
    for *_, i, j in sorted(edges):
        ci, cj = owner[i], owner[j]
        if ci == cj:
            continue
        first, second = clusters[ci], clusters[cj]
        if {m.source for m in first.items} & {m.source for m in second.items}:
            continue
        cross = [pair(a, b) for a in first.items for b in second.items]
        if min(cross) <= 0 or sum(cross) / len(cross) < ALIGN_SIMILARITY:
            continue
        for moved in second.items:
            owner[index_of[id(moved)]] = ci
        first.items.extend(second.items)
        second.items = []
    found = [c for c in clusters if c.items]
    for cluster in found:
        cluster.items.sort(key=lambda m: (m.source, m.assertion.start))
        for x, a in enumerate(cluster.items):
            for b in cluster.items[x + 1 :]:
                score = pair(a, b, scores)
                cluster.scores[(id(a), id(b))] = cluster.scores[(id(b), id(a))] = score
    return found


class _Block(NamedTuple):
    """What two values must share, or one leave unset, to be one fact: the one definition
    ``_compatible`` judges a pair by and ``_candidate_pairs`` puts values in blocks by."""

    head: str  # the attribute's head: equal
    subgroup: bool  # "one other died": equal
    other_event: bool  # "a second fire": equal
    rate: bool  # "10,000 die every year": equal
    family: str  # event family: equal when both give one
    years: frozenset[str]  # years named beside the value: equal when both name some
    anchored: bool  # tied to an event or a name (or not a date: the rule is for dates)
    relative: bool  # a weekday: compared as written only
    dated: bool  # the attribute is a date: different days must be tied to events
    value: str  # the date as written, for dates ("" otherwise)


def _block(item: _Item) -> _Block:
    dated = item.assertion.kind == "date"
    return _Block(
        item.head, item.subgroup, item.other_event, item.rate, item.family,
        frozenset(item.years),
        bool(item.family or item.names) or not dated, item.relative, dated,
        item.assertion.value if dated else "",
    )  # fmt: skip


def _blocks_agree(one: _Block, other: _Block) -> bool:
    """Whether values of these blocks may be one fact (the equality rules of ``_Block``)."""
    if (
        one.head != other.head
        or one.subgroup != other.subgroup
        or one.other_event != other.other_event
        or one.rate != other.rate
    ):
        return False
    if one.family and other.family and one.family != other.family:
        return False  # another event
    if one.years and other.years and one.years != other.years:
        return False  # another year's event
    if (one.relative or other.relative) and one.value != other.value:
        return False  # "Monday" and "Tuesday", or "Monday" and "Nov. 2": nothing to compare
    if one.dated and not (one.anchored and other.anchored):
        return _same_date(one.value, other.value)  # else different days: two events
    return True


def _candidate_pairs(items: list[_Item]) -> Iterator[tuple[int, int]]:
    """The pairs (i < j) ``_compatible`` may accept, without trying every pair.

    Values are put in blocks by what ``_compatible`` requires to be equal or unset: the
    attribute's head, subgroup and other-event marks, event family, years named and, for
    dates, the date written.  Only the pairs of blocks that can agree are listed, so the
    cost follows the pairs that can be one fact, not the square of all values.  A
    pre-filter only: every pair listed is still judged by ``similarity``.
    """
    blocks: dict[_Block, list[int]] = {}
    for index, item in enumerate(items):
        blocks.setdefault(item.block, []).append(index)
    by_head: dict[tuple[str, bool, bool, bool], list[tuple[_Block, list[int]]]] = {}
    for block, members in blocks.items():
        by_head.setdefault(block[:4], []).append((block, members))
    for group in by_head.values():  # pairs made as they are judged: none is kept
        for x, (one, first) in enumerate(group):
            for y in range(x, len(group)):
                other, second = group[y]
                if y > x and not _blocks_agree(one, other):
                    continue
                yield from (
                    (min(i, j), max(i, j))
                    for n, i in enumerate(first)
                    for j in (first[n + 1 :] if y == x else second)
                    if items[i].source != items[j].source
                )


def _link(a: _Item, b: _Item, score: float, model: tuple[Sequence[float], float]) -> float:
    """How likely two compatible values are one fact.

    A confident pair (``FLAG_SIMILARITY``: the same named thing, one figure a source, the
    same place) stays linked; otherwise the pair model weighs the evidence together.
    """
    if not _plausible(a.assertion, b.assertion) and not _series_pair(a, b, score):
        return 0.0  # figures far apart, nothing saying they are one: two things
    weights, bias = model
    z = bias + sum(w * f for w, f in zip(weights, pair_features(a, b, score), strict=True))
    probability = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
    return max(probability, score if score >= FLAG_SIMILARITY - 1e-9 else 0.0)


def pair_features(a: _Item, b: _Item, score: float) -> list[float]:
    """What the pair model reads of two compatible values (names in ``LINK_FEATURES``)."""
    same_value = _same_value(a.assertion, b.assertion)
    return [
        _cosine(a, b),
        float(bool(a.place) and a.place == b.place),
        float(same_value and a.distinctive),
        float(same_value),
        float(bool(a.names and b.names) and _names_overlap(a.names, b.names)),
        float(bool(a.family) and a.family == b.family),
        float(a.unique and b.unique and a.key == b.key),
        float(a.assertion.kind == "date"),
        float(a.assertion.kind == "count"),
        float(a.key == b.key),
        score,
    ]


def _cosine(a: _Item, b: _Item) -> float:
    # Most pairs judged share no context word: told without building the set of shared ones.
    if a.bag.keys().isdisjoint(b.bag.keys()):
        return 0.0
    # The shared words in ``a``'s order: the same sum as over all of ``a`` (the rest add 0.0).
    dot = sum(w * b.bag[k] for k, w in a.bag.items() if k in b.bag)
    norm = math.sqrt(_squares(a) * _squares(b))
    return dot / norm if norm else 0.0


def _squares(item: _Item) -> float:
    """The sum of squares of the item's bag, computed once."""
    if item.squares < 0:
        item.squares = sum(w * w for w in item.bag.values())
    return item.squares


# ----------------------------------------------------------------------- comparison


def conflict(a: Assertion, b: Assertion) -> bool:
    """Whether two assertions of one claim cannot both be true as stated."""
    if a.kind in ("date", "place") or b.kind in ("date", "place"):
        return not _same_text_value(a, b)
    if not _overlap(_bounds(a), _bounds(b)):
        return True
    stated_a, stated_b = stated(a), stated(b)
    if stated_a is None or stated_b is None or abs(stated_a - stated_b) < 1e-9:
        return False
    # A plain figure against a different approximate one ("212" vs "about 210") is a
    # claim of precision the reader should see; a bound it meets ("at least 231" vs
    # "231", "more than seven" vs "eight") is not a conflict.
    kinds = {hedge_kind(a.hedge), hedge_kind(b.hedge)}
    return "" in kinds and bool(kinds & APPROXIMATE)


def _bounds(assertion: Assertion) -> tuple[float, float]:
    low = assertion.low if assertion.low is not None else -math.inf
    return low, assertion.high if assertion.high is not None else math.inf


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    low, high = max(a[0], b[0]), min(a[1], b[1])
    if a[0] == a[1] or b[0] == b[1]:
        return low <= high + 1e-9
    return low < high - 1e-9


def stated(assertion: Assertion) -> float | None:
    """The figure as written, in the base unit of its dimension ("7.5 hour" -> 7.5)."""
    return _figure(assertion.value)


@functools.lru_cache(maxsize=1 << 16)  # alignment asks for each value's figure many times
def _figure(written: str) -> float | None:
    number, _, unit = written.partition(" ")
    value = parse_number(number)
    if value is None:
        return None
    known = unit_of(unit) if unit else None
    factor = known[1] if known is not None else 1.0
    return value.number * factor


def _same_text_value(a: Assertion, b: Assertion) -> bool:
    if a.kind == "date" and b.kind == "date":
        return _same_date(a.value, b.value)
    return _same_words(a.value, b.value)


def _same_words(a: str, b: str) -> bool:
    """Places or dates in words that agree: the same, or one inside the other ("Geneva",
    "Geneva, Switzerland")."""
    x, y = a.lower(), b.lower()
    return x == y or x in y or y in x


@functools.lru_cache(maxsize=1 << 16)  # asked of the same two dates many times
def _same_date(a: str, b: str) -> bool:
    """Dates agree when every part both give is the same ("--11" and "1998-11-15" do)."""
    pa, pb = _date_parts(a), _date_parts(b)
    if pa is None or pb is None:
        return a == b
    return all(x == y for x, y in zip(pa, pb, strict=True) if x is not None and y is not None)


@functools.lru_cache(maxsize=1 << 16)
def _date_parts(value: str) -> tuple[str | None, str | None, str | None] | None:
    if value.startswith("--"):
        month, _, day = value[2:].partition("-")
        return None, month, day or None
    parts = value.split("-")
    if not parts[0].isdigit():
        return None
    return parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None


# --------------------------------------------------------------------------- claims


def _claim(cluster: _Cluster, references: dict[int, tuple[str | None, bool]]) -> Claim:
    values: list[ClaimValue] = []
    representative: list[_Item] = []
    for item in cluster.items:
        assertion = item.assertion
        index = next(
            (i for i, r in enumerate(representative) if _same_value(r.assertion, assertion)),
            None,
        )
        if index is None:
            representative.append(item)
            values.append(_value(assertion))
            index = len(values) - 1
        value = values[index]
        if item.source not in value.sources or assertion.text not in value.wording:
            if item.source not in value.sources:
                value.sources.append(item.source)
            value.wording.append(assertion.text)
            value.evidence.append(Evidence(item.source, assertion.start, assertion.end))
    groups = {m.group for m in cluster.items}
    clashes = [
        (a, b)
        for i, a in enumerate(representative)
        for b in representative[i + 1 :]
        if conflict(a.assertion, b.assertion)
    ]
    sure = [(a, b) for a, b in clashes if _confident(cluster, a, b)]
    status: Literal["agreed", "discrepancy", "check", "single"]
    reprint_change = bool(sure) and len(groups) < 2
    if sure:
        status = "discrepancy"
    elif len(groups) < 2:
        status = "single"
    elif clashes:
        status = "check"
    else:
        status = "agreed"
    subjects = [m.assertion.subject for m in cluster.items if m.assertion.subject]
    return Claim(
        subject=_most_common(subjects),
        attribute=_most_common([m.assertion.attribute for m in cluster.items]),
        status=status,
        values=values,
        independent_sources=len(groups),
        aligned_because=_reasons(cluster),
        evolving=bool(sure) and _evolving(cluster, sure, references),
        changed_in_reprint=reprint_change,
    )


def _confident(cluster: _Cluster, a: _Item, b: _Item) -> bool:
    """Whether a conflict between two values is sure enough for the discrepancy panel.

    It is when one source giving the first value and one giving the second are rival
    reports of one measurement: alike in context, neither a subgroup nor a relative date,
    said of the same place, figures of one order.  Places and dates never are: "Malaysia"
    and "Kuala Lumpur" are both right, and two dates in like words are more often two
    events ("the opening of parliament", "the first session of parliament").
    """
    if a.assertion.kind == "place" or b.assertion.kind == "place":
        return False
    if any(_vague(m.assertion) for m in (a, b)):
        return False  # "hundreds" against a figure: for the reader to check
    members = [m for m in cluster.items if _same_value(m.assertion, a.assertion)]
    others = [m for m in cluster.items if _same_value(m.assertion, b.assertion)]
    pairs = [(x, y) for x in members for y in others if _rivals(cluster, x, y)]
    if a.assertion.kind == "date" or b.assertion.kind == "date":
        return any(_same_event(x, y) for x, y in pairs)
    if _plausible(a.assertion, b.assertion):
        return bool(pairs)
    # Figures far apart are one measurement only when the sources say so: a strong
    # shared context, or a source saying the figure moved (then shown as a change).
    return any(_series(cluster, x, y) for x, y in pairs)


def _vague(assertion: Assertion) -> bool:
    """A count given only by its order ("hundreds", "tens of thousands")."""
    return assertion.kind in ("count", "quantity") and stated(assertion) is None


def _same_event(x: _Item, y: _Item) -> bool:
    """Two full dates said of one event: the same event word and the same named parties
    ("the summit of Arlan and Varnia", "the Arlan-Varnia summit"), not just "date"."""
    full = all(
        (parts := _date_parts(m.assertion.value)) is not None and parts[2] is not None
        for m in (x, y)
    )
    return (
        full
        and bool(x.family)
        and x.family == y.family
        and bool(x.names and y.names)
        and _names_overlap(x.names, y.names)
    )


def _series(cluster: _Cluster, x: _Item, y: _Item) -> bool:
    return _series_pair(x, y, cluster.score(x, y))


def _series_pair(x: _Item, y: _Item, score: float) -> bool:
    """Figures far apart that are still one measurement: a source says it moved, or the
    contexts are strongly alike."""
    if x.changed or y.changed or score >= STRONG_SIMILARITY - 1e-9:
        return True
    if x.reading and x.key == y.key:
        return True  # a reading of one thing ("speed of wind") over time
    # A toll of one named place: counts of one country's dead grow by whole orders (not
    # any count of people: "14 people awaiting results" is not "2,500 infected").
    toll = any(w in x.key for w in CASUALTY_WORDS)
    return toll and bool(x.place) and x.place == y.place and _scoped_by_place(x, y)


def _rivals(cluster: _Cluster, x: _Item, y: _Item) -> bool:
    if cluster.score(x, y) < FLAG_SIMILARITY - 1e-9:
        return False
    if x.relative or y.relative or x.subgroup or y.subgroup:
        return False
    if x.years != y.years:
        return False  # "a 1998 fire killed 20": maybe another year's event
    # One figure for Honduras, one with no place: maybe the region's.
    return not (_scoped_by_place(x, y) and x.place != y.place)


def _plausible(a: Assertion, b: Assertion) -> bool:
    """Whether two figures are close enough to be rival reports of one measurement.

    Outlets that disagree give figures of one order ("seven" and "eight hours", 212 and
    "about 210"); figures far apart (five hours, three weeks) are more often two things.
    """
    x, y = _span(a), _span(b)
    if x is None or y is None:
        return True
    (_, top), (bottom, _) = sorted((x, y))
    return bottom <= PLAUSIBLE_RATIO * max(top, 1.0)


def _span(assertion: Assertion) -> tuple[float, float] | None:
    """The figure as stated, or the range a vague count stands for ("hundreds": 200-1000)."""
    figure = stated(assertion)
    if figure is not None:
        return abs(figure), abs(figure)
    if _vague(assertion) and assertion.low is not None and assertion.high is not None:
        return assertion.low, assertion.high
    return None


def _evolving(
    cluster: _Cluster,
    clashes: list[tuple[_Item, _Item]],
    references: dict[int, tuple[str | None, bool]],
) -> bool:
    """A count (of casualties, cases, refugees …) that differs between sources written on
    different days, a figure a source says moved ("rose to", "down from"), or the length
    of an event so far ("a week-old battle") unless both sources were written the same day."""
    if any(a.changed or b.changed for a, b in clashes):
        return True

    def day(item: _Item) -> str | None:
        return references.get(item.source, (None, False))[0]

    if any((a.so_far or b.so_far) and not (day(a) and day(a) == day(b)) for a, b in clashes):
        return True  # a length so far grows between editions, not within one day
    if cluster.items[0].assertion.kind != "count":
        return False  # an age or a distance does not grow between editions
    return any(day(a) and day(b) and day(a) != day(b) for a, b in clashes)


def _reasons(cluster: _Cluster) -> list[str]:
    """Why the values of a claim were put together, for the reader."""
    if len(cluster.items) < 2:
        return []
    first = cluster.items[0]
    reasons = [f"same attribute: {first.assertion.attribute}"]
    subjects = {m.assertion.subject for m in cluster.items if m.assertion.subject}
    if len(subjects) == 1:
        reasons.append(f"same subject: {next(iter(subjects))}")
    places = {m.place for m in cluster.items}
    if len(places) == 1 and "" not in places:
        reasons.append(f"same place: {next(iter(places))}")
    if all(m.unique and m.key == first.key for m in cluster.items):
        reasons.append("each source gives one figure of it")
    shared = set(first.bag)
    for item in cluster.items[1:]:
        shared &= set(item.bag)
    if shared:
        top = sorted(shared, key=lambda w: (-first.bag[w], w))[:5]
        reasons.append("same context: " + ", ".join(first.spelled.get(w, w) for w in top))
    return reasons


def _same_value(a: Assertion, b: Assertion) -> bool:
    return _same_written_value((a.kind, a.value, a.hedge), (b.kind, b.value, b.hedge))


# Alignment asks this of a few thousand distinct values some millions of times.
@functools.lru_cache(maxsize=1 << 16)
def _same_written_value(a: tuple[str, str, str | None], b: tuple[str, str, str | None]) -> bool:
    """``_same_value`` of two assertions' (kind, value, hedge): all it reads of them."""
    (kind_a, value_a, hedge_a), (kind_b, value_b, hedge_b) = a, b
    if kind_a == "date" and kind_b == "date":
        pa, pb = _date_parts(value_a), _date_parts(value_b)
        if pa is None or pb is None:
            return value_a == value_b
        given = [(x is None, y is None) for x, y in zip(pa[1:], pb[1:], strict=True)]
        return _same_date(value_a, value_b) and all(x == y for x, y in given)
    if kind_a in ("date", "place"):
        return _same_words(value_a, value_b)
    figure = _figure(value_a)
    return (value_a, (hedge_a or "").lower()) == (value_b, (hedge_b or "").lower()) or (
        hedge_a is None and hedge_b is None and figure == _figure(value_b) and figure is not None
    )


def _value(assertion: Assertion) -> ClaimValue:
    return ClaimValue(
        value=assertion.value,
        hedge=assertion.hedge.lower() if assertion.hedge else None,
        low=assertion.low,
        high=assertion.high,
    )


def _date_yearless_values(
    claims: list[Claim], references: dict[int, tuple[str | None, bool]]
) -> None:
    """Give "--01-12" the year that puts it nearest its first source's reference date."""
    for value in (v for c in claims for v in c.values):
        if not _YEARLESS.fullmatch(value.value) or not value.sources:
            continue
        reference = references.get(value.sources[0], (None, False))[0]
        if reference is None:
            continue
        value.value = _with_year(value.value, date.fromisoformat(reference[:10]))


def _with_year(yearless: str, reference: date) -> str:
    """``--MM-DD`` (or ``--MM``) with the year the timeline would give it."""
    month, _, day = yearless[2:].partition("-")
    year = nearest_year(int(month), int(day or 15), reference)
    return f"{year}-{month}-{day}" if day else f"{year}-{month}"


def _group_of(source: int, duplicate_of: dict[int, int | None]) -> int:
    original = duplicate_of.get(source)
    return original if original is not None else source


def _most_common(items: list[str]) -> str:
    if not items:
        return ""
    counts = Counter(items)
    return max(counts, key=lambda item: (counts[item], -len(item)))
