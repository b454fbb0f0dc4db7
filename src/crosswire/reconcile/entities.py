"""One canonical entity per person, organisation and place across a story's articles.

Each article's mentions arrive linked to the fullest name they have in that article
(``analyze.entities``).  Here those per-article entities are merged across articles:

- people when surname and given name agree up to spelling and transliteration (Sergey
  / Sergei A. Ryapkov / Ryabkov), never two given names that disagree; a surname used
  alone joins the one person of that surname in the story, or, when several share it,
  the one with a shared role or the most shared company in the articles;
- organisations and places when their names fold to one key (case, dots, "the",
  accents, Cyrillic), when one is a known alias or the acronym of the other, or when
  two long names differ by a slip; never by one name containing the other (Mexico City
  is not Mexico).

Every merge leaves a reason in ``Entity.merged_because``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Levenshtein

from crosswire.analyze.story_mentions import KIND_WORDS, common_words, refine_story_mentions
from crosswire.model import Entity, Evidence, Mention, Story
from crosswire.names import (
    ORG_WORDS,
    SITE_WORDS,
    PersonName,
    acronym_keys,
    acronym_of,
    first_names_match,
    fold,
    loose_key,
    parse_person,
    person_match,
    place_key,
    skeleton,
    surname_slip,
    surnames_match,
)

__all__ = ["TYPES", "mention_records", "reconcile_entities", "resolve_entity"]

# spaCy labels a who's who lists, and the type each is listed under.
TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "LOC"}


@dataclass
class _Local:
    """One entity as one article has it: mentions sharing a fullest in-article name."""

    source: int
    name: str
    person: bool
    mentions: list[Mention] = field(default_factory=list)
    standing_in: set[str] = field(default_factory=set)  # place names written for it

    @cached_property
    def parsed(self) -> PersonName:
        return parse_person(self.name)

    @property
    def kind(self) -> str:
        """The label most of its mentions carry, a non-person one for a non-person."""
        labels = Counter(m.label for m in self.mentions if self.person or m.label != "PERSON")
        return labels.most_common(1)[0][0] if labels else "PERSON"

    @property
    def roles(self) -> set[str]:
        return {fold(m.role) for m in self.mentions if m.role}


class _Clusters:
    """Union-find over locals, keeping the reasons each merge was made."""

    def __init__(self, locals_: list[_Local]) -> None:
        self.locals = locals_
        self.parent = list(range(len(locals_)))
        self.reasons: defaultdict[int, list[str]] = defaultdict(list)
        self._members: dict[int, list[int]] = {i: [i] for i in range(len(locals_))}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int, reason: str) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return
        self.parent[rj] = ri
        self.reasons[ri].extend(self.reasons.pop(rj, []))
        self.reasons[ri].append(reason)
        self._members[ri].extend(self._members.pop(rj))

    def members(self, i: int) -> list[int]:
        return self._members[self.find(i)]

    def groups(self) -> list[list[int]]:
        return sorted((sorted(m) for m in self._members.values()), key=lambda g: g[0])


def reconcile_entities(story: Story, refine: bool = True) -> list[Entity]:
    """Entities of the story, most central (most sources, then most mentions) first.

    With ``refine`` the story's mentions are first repaired in place from what the whole
    story says (``analyze.story_mentions``: headline run-ons cut, missed names recovered);
    without it the mentions are taken as given (scoring with gold mentions).
    """
    if refine:
        refine_story_mentions(story.analyses)
    locals_ = _locals(story)
    clusters = _Clusters(locals_)
    texts = [a.article.text for a in story.analyses]
    _merge_names(clusters, [i for i, loc in enumerate(locals_) if not loc.person], texts)
    _merge_people(clusters, [i for i, loc in enumerate(locals_) if loc.person], common_words(texts))
    _join_run_ons(clusters)
    entities = [_entity(clusters, group) for group in clusters.groups()]
    return sorted(entities, key=lambda e: (-len(e.sources), -e.mentions, e.name))


def _join_run_ons(clusters: _Clusters) -> None:
    """A name that holds the full name of a person the story names in three times as many
    sources ("Lindsay Lohan Checks Into Rehab", "Hire Maurice Cheeks Philadelphia": a
    headline spaCy ran on past the name) is that person; a building or body named after
    them ("... Center") is not."""
    locals_ = clusters.locals
    sources: defaultdict[tuple[str, ...], set[int]] = defaultdict(set)
    for loc in locals_:
        sources[tuple(fold(loc.name).split())].add(loc.source)
    people = {
        tuple(fold(loc.name).split()): k
        for k, loc in enumerate(locals_)
        if loc.person and loc.parsed.full and len(sources[tuple(fold(loc.name).split())]) >= 2
    }
    for i, loc in enumerate(locals_):
        words = tuple(fold(loc.name).split())
        if len(words) < 3:
            continue
        for start, end in _runs(len(words)):
            k = people.get(words[start:end])
            if k is None or 3 * len(sources[words]) > len(sources[words[start:end]]):
                continue
            if not (_BODIES | _SITES | ORG_WORDS) & set(words[end:]):
                why = f"{loc.name} (source {loc.source}) runs on from the name {locals_[k].name}"
                clusters.union(k, i, why)
            break


def _runs(length: int) -> list[tuple[int, int]]:
    """Word runs of two or more inside a name of ``length`` words, not the whole, longest
    first and leftmost first."""
    runs = [(a, a + n) for n in range(2, length) for a in range(length - n + 1)]
    return sorted(runs, key=lambda r: (r[0] - r[1], r[0]))


def mention_records(story: Story, entities: list[Entity]) -> list[dict[str, Any]]:
    """Every mention of every article, with the entity (1-based, in ``entities`` order) it
    belongs to, or None when the who's who does not list it (a nationality, a ship).

    This is what ``crosswire entities --json`` prints and what the ECB+ evaluator scores.
    """
    owner = {
        (ev.source, ev.start, ev.end): number
        for number, entity in enumerate(entities, start=1)
        for ev in entity.evidence
    }
    records: list[dict[str, Any]] = []
    for source, analysis in enumerate(story.analyses, start=1):
        for m in sorted(analysis.mentions, key=lambda m: (m.start, m.end)):
            number = owner.get((source, m.start, m.end))
            entity = entities[number - 1] if number else None
            records.append(
                {
                    "source": source,
                    "article_id": analysis.article.id,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "label": m.label,
                    "role": m.role,
                    "entity": number,
                    "entity_name": entity.name if entity else None,
                    "entity_type": entity.type if entity else None,
                }
            )
    return records


def _locals(story: Story) -> list[_Local]:
    mentions = _typed_across_story(
        [(n, m) for n, a in enumerate(story.analyses, start=1) for m in a.mentions]
    )
    texts = [a.article.text for a in story.analyses]
    mentions = _teams_not_people(mentions)
    mentions, standing = _place_for_team(mentions, texts)
    norp = {fold(m.text) for a in story.analyses for m in a.mentions if m.label == "NORP"}
    mentions, into_site = _site_short_forms(mentions, texts, norp)
    standing |= into_site
    mentions = _blended_nicknames(mentions)
    mentions = _given_names_not_places(mentions, texts)
    # A name some article calls a ship ("the ferry Baltic Star") is no one's name.
    vessels = {fold(m.name or m.text) for _, m in mentions if m.label == "PRODUCT"}
    is_person = _person_names(m for _, m in mentions if m.label in TYPES)
    found: dict[tuple[int, str, bool], _Local] = {}
    for number, mention in mentions:
        name = mention.name or mention.text
        if mention.label not in TYPES or not fold(name) or fold(name) in vessels:
            continue
        person = is_person(mention)
        key = (number, fold(name) if person else place_key(name)[0], person)
        local = found.setdefault(key, _Local(number, name, person))
        local.mentions.append(mention)
        if id(mention) in standing:
            local.standing_in.add(mention.text)
    return list(found.values())


def _teams_not_people(mentions: list[tuple[int, Mention]]) -> list[tuple[int, Mention]]:
    """A lone word spaCy calls a person that ends the name of an organisation or site the
    story writes in two sources or more ("Jaguars" beside "Jacksonville Jaguars") and is no
    word of any person's full name in the story is that organisation's short name, not a
    person's surname."""
    ends: defaultdict[str, Counter[str]] = defaultdict(Counter)
    sources: defaultdict[str, set[int]] = defaultdict(set)
    in_names: set[str] = set()
    for n, m in mentions:
        words = fold(m.text).split()
        if len(words) < 2:
            continue
        if m.label == "PERSON":
            in_names.update(words)
        elif m.label in {"ORG", "FAC"}:
            ends[words[-1]][m.label] += 1
            sources[words[-1]].add(n)
    out = []
    for n, m in mentions:
        key = fold(m.text)
        # The organisation's name is written in two sources or more: one mislabelled
        # person ("Rev Ronnie Hetherington", ORG) is no evidence.
        team = key in ends and len(sources[key]) >= 2
        if m.label == "PERSON" and " " not in key and team and key not in in_names:
            m = replace(m, label=ends[key].most_common(1)[0][0])
        out.append((n, m))
    return out


def _typed_across_story(mentions: list[tuple[int, Mention]]) -> list[tuple[int, Mention]]:
    """A name spaCy calls a nationality or group (NORP) in one place and a person, team or
    place elsewhere in the story takes the story's most common kind for it ("Klitschko",
    "Colts"); a NORP name the story never calls anything else ("Muslim") stays out.  A
    "person" whose name ends with a place's name of two words or more is that kind of place."""
    kinds: Counter[tuple[str, str]] = Counter()
    for _, m in mentions:
        if m.label in TYPES:
            kinds.update({(fold(m.text), m.label), (fold(m.name or m.text), m.label)})
    best: dict[str, str] = {}
    for (key, label), _ in kinds.most_common():
        best.setdefault(key, label)
    out = list(mentions)
    for k, (n, m) in enumerate(mentions):
        if m.label == "NORP" and (key := fold(m.text)) in best:
            out[k] = (n, replace(m, label=best[key]))
        elif m.label == "PERSON" and (key := fold(m.text)).count(" ") >= 2:
            place = _ends_with_place(key, best, kinds)
            out[k] = (n, replace(m, label=place)) if place else (n, m)
    return out


def _ends_with_place(key: str, best: dict[str, str], kinds: Counter[tuple[str, str]]) -> str | None:
    """The label of the place that ends a name spaCy calls a person ("Aoraki Mount Cook"
    beside "Mount Cook"), else None: no one's name ends with a word for a landform and the
    name after it, when the story calls that a place most of the time and never a person
    ("Mimi New York" could be a shop's name)."""
    words = key.split()
    for cut in range(1, len(words) - 1):
        end = " ".join(words[cut:])
        landform = words[cut] in _LANDFORMS
        if landform and best.get(end) in {"GPE", "LOC"} and not kinds[end, "PERSON"]:
            return best[end]
    return None


_LANDFORMS = {"mount", "mt", "lake", "river", "cape", "isle", "island", "bay", "glacier"}


def _given_names_not_places(
    mentions: list[tuple[int, Mention]], texts: list[str]
) -> list[tuple[int, Mention]]:
    """A lone word spaCy calls a place that is the given name of the one person the story
    names so in full, in two sources or more, is a person's name ("After Kathina was shot"
    beside "Kathina Thomas") when the story never writes it where a place goes (after "in",
    "to" and the like, before ", State", in a dateline), never as anyone's surname, and
    never inside a longer place name ("Santiago" stays the city wherever it is "in
    Santiago")."""
    places = [(k, m) for k, (_, m) in enumerate(mentions) if m.label in {"GPE", "LOC"}]
    lone = {key for _, m in places if len(key := fold(m.text)) > 1 and " " not in key}
    if not lone:
        return mentions
    bearers: defaultdict[str, set[str]] = defaultdict(set)  # given name -> full names
    sources: defaultdict[str, set[int]] = defaultdict(set)  # full name -> its sources
    for n, m in mentions:
        if m.label == "PERSON" and " " in (key := fold(m.text)):
            parsed = parse_person(m.text)
            lone.discard(fold(parsed.last))  # anyone's surname could be anyone's
            if parsed.full and (first := fold(parsed.first or "")) in lone:
                bearers[first].add(key)
                sources[key].add(n)
    lone &= set(bearers)
    for k, m in places if lone else ():
        words = fold(m.text).split()
        if len(words) > 1:
            lone -= set(words)  # a word of a place's longer name
        elif words and words[0] in lone and _the_place(texts[mentions[k][0] - 1], m):
            lone.discard(words[0])
    chosen = {key for key in lone if len(bearers[key]) == 1}
    chosen = {key for key in chosen if len(sources[next(iter(bearers[key]))]) >= 2}
    if not chosen:
        return mentions
    out = list(mentions)
    for k, m in places:
        if fold(m.text) in chosen:
            out[k] = (mentions[k][0], replace(m, label="PERSON"))
    return out


# Words before a place name that make it the place itself, not a team or body named after it.
_LOCATIVE = {
    *("in", "at", "near", "outside", "inside", "around", "across", "throughout", "from"),
    *("of", "to", "into", "toward", "towards", "via", "between", "and"),
}


def _place_for_team(
    mentions: list[tuple[int, Mention]], texts: list[str]
) -> tuple[list[tuple[int, Mention]], set[int]]:
    """A place name standing for the one organisation the story names after it
    ("Indianapolis (11-4) made ..." for the Indianapolis Colts, "New Orleans have
    decided") is that organisation, wherever it is not the place: never after "in", "at",
    "to" and the like, before ", State", or in an all-capitals dateline.  Only when the
    story writes the organisation's full name in at least two sources, labels it an
    organisation at least once, writes the words after the place alone as a name ("Colts"),
    and writes the full name or those words in twice as many sources as use the place name
    that way; words that say what kind of body or
    site it is never count ("Kansas City Star", "... Stadium", "Asia-Pacific Economic
    Cooperation").
    Returns the mentions and the ids of those that now stand for an organisation."""
    teams: defaultdict[str, set[str]] = defaultdict(set)  # place -> long names it starts
    sources: defaultdict[str, set[int]] = defaultdict(set)
    not_people: defaultdict[str, set[int]] = defaultdict(set)  # the same, no PERSON label
    org_labelled: set[str] = set()
    votes: Counter[tuple[str, bool]] = Counter()  # (name, labelled a place)
    for n, m in mentions:
        if m.label in TYPES:
            key = fold(m.text)
            votes[key, m.label in {"GPE", "LOC"}] += 1
            sources[key].add(n)
            if m.label != "PERSON":
                not_people[key].add(n)
            if m.label in {"ORG", "FAC"}:
                org_labelled.add(key)
    places = {key for key, place in votes if place}
    for key in list(sources):
        words = key.split()
        for cut in range(1, len(words)):
            head, rest = " ".join(words[:cut]), words[cut:]
            # The rest is a name of its own the story writes alone ("Colts"), not words
            # that describe a body ("Economic Cooperation", "Star", "Stadium"); "Jaguars"
            # labelled a place once and something else four times is such a name.
            # A name of two words ("Red Hawks") is voted on whole.
            tail = " ".join(rest)
            alone = tail in sources and votes[tail, True] < votes[tail, False]
            if head in places and alone and not KIND_WORDS & set(rest):
                teams[head].add(key)
    standing: defaultdict[str, list[int]] = defaultdict(list)  # place -> mentions standing
    for k, (n, m) in enumerate(mentions):
        key = fold(m.text)
        if m.label in {"GPE", "LOC"} and key in teams and not _the_place(texts[n - 1], m):
            standing[key].append(k)
    out = list(mentions)
    changed: set[int] = set()
    for place, indices in standing.items():
        named = [t for t in teams[place] if t in org_labelled and len(sources[t]) >= 2]
        users = {mentions[k][0] for k in indices}
        if len(named) != 1:
            continue
        # The team's sources: those writing its full name or the rest of it alone as no
        # person's name ("Jaguars", not the "Jones" of "Indiana Jones").
        short = named[0][len(place) + 1 :]
        if len(sources[named[0]] | not_people[short]) < 2 * len(users):
            continue
        long = next(m for _, m in mentions if fold(m.text) == named[0])
        for k in indices:
            n, m = mentions[k]
            out[k] = (n, replace(m, label="ORG", name=long.text))
            changed.add(id(out[k][1]))
    return out, changed


# A nickname blended from the starts of a given name and a surname: "LiLo", "JLo", "A-Rod".
_BLEND = re.compile(r"([A-Z][a-z]{0,2})[-.]?([A-Z][a-z]{1,3})")


def _blended_nicknames(mentions: list[tuple[int, Mention]]) -> list[tuple[int, Mention]]:
    """A one-word name made of the first letters of a given name and of a surname ("LiLo"
    for Lindsay Lohan) is that person, whatever spaCy labels it, when exactly one person
    the story names in full fits both parts and each part is shorter than the name it
    clips."""
    people: dict[str, PersonName] = {}
    for _, m in mentions:
        if m.label == "PERSON" and " " in m.text.strip():
            parsed = parse_person(m.text)
            if parsed.full and parsed.first:
                people.setdefault(fold(m.text), parsed)
    out = []
    for n, m in mentions:
        match = _BLEND.fullmatch(m.text)
        fits = set()
        if match is not None and m.label in TYPES:
            first, last = (fold(g) for g in match.groups())
            fits = {
                key
                for key, p in people.items()
                if fold(p.first or "").startswith(first)
                and fold(p.last).startswith(last)
                and len(first) < len(fold(p.first or ""))
                and len(last) < len(fold(p.last))
            }
        if len(fits) == 1:
            full = next(x for _, x in mentions if fold(x.text) == next(iter(fits)))
            m = replace(m, label="PERSON", name=full.text)
        out.append((n, m))
    return out


# Words that join the parts of a longer name: "University of Texas", "Sports and Arts".
_LINKING = {"of", "for", "and", "the", "&", "de", "du", "des", "la", "le", "s"}

# Words before a name that make it somewhere one goes or is: "checked into Betty Ford",
# "Lohan leaves Betty Ford" (verbs whose object is a place one enters or leaves).
_INTO = {"in", "into", "at", "to", "from", "inside", "outside"}
_INTO |= {"leave", "leaves", "left", "leaving", "enter", "enters", "entered", "entering"}
_INTO |= {"exit", "exits", "exited", "exiting"}


def _site_short_forms(
    mentions: list[tuple[int, Mention]], texts: list[str], nationalities: set[str]
) -> tuple[list[tuple[int, Mention]], set[int]]:
    """The distinctive words of the one site the story names ("Betty Ford" of the Betty
    Ford Center, "Morningside Recovery" of Morningside Recovery Center: all its words but
    the kind words), written where one goes or is ("checked into Betty Ford", "exit from
    Morningside Recovery"), are that site, whatever spaCy labels them; written anywhere
    else ("Betty Ford founded ...") they are left as they are.  Never a name the story
    uses mostly for a place ("Goteborg" beside "Goteborg Cathedral") or as a nationality
    ("British" of the British Museum), a name starting with a common word by the story's
    casing ("Parliament" of Parliament Square), nor one word that is a given name or a
    surname of someone the story names in full ("to Gadhafi": not the Gadhafi
    Foundation).  Returns the mentions and the ids of those changed."""
    labels: defaultdict[str, Counter[bool]] = defaultdict(Counter)
    # Distinctive words or their start -> the distinctive words it starts -> a mention.
    sites: defaultdict[str, dict[str, Mention]] = defaultdict(dict)
    starts: defaultdict[str, dict[str, Mention]] = defaultdict(dict)
    written: defaultdict[str, set[int]] = defaultdict(set)  # name -> sources that write it
    people: set[str] = set()
    for n, m in mentions:
        if m.label == "PERSON" and " " in m.text.strip():
            parsed = parse_person(m.text)
            if parsed.full:
                people.update({fold(parsed.first or ""), fold(parsed.last)})
        if m.label not in TYPES:
            continue
        key = fold(m.text)
        labels[key][m.label in {"GPE", "LOC"}] += 1
        words = key.split()
        cut = len(words)
        while cut > 0 and words[cut - 1] in _GENERIC_SITE:
            cut -= 1
        if m.label in {"ORG", "FAC"} and 0 < cut < len(words):
            sites[" ".join(words[:cut])].setdefault(" ".join(words[:cut]), m)
            written[" ".join(words[:cut])].add(n)  # the site's name, with its kind words
            # The first words of distinctive words that are names only ("Morningside" of
            # Morningside Recovery Center; not "University of Texas" of its Health Science
            # Center): a start two sites share stands for neither (below).
            if not _LINKING & set(words[:cut]):
                for end in range(1, cut):
                    starts[" ".join(words[:end])].setdefault(" ".join(words[:cut]), m)
    alone = {start for start, found in starts.items() if len(found) == 1 and start not in sites}
    counted = alone | {stem for start in alone for stem in starts[start]}
    for n, m in mentions if alone else ():
        if m.label in TYPES and (key := fold(m.text)) in counted:
            written[key].add(n)  # the start, or the site's name without its kind words
    for start, found in starts.items():
        # A start stands for a site only when the story writes the site's name in more
        # sources than it writes the start alone ("Devon" is not a Devon college).
        if start in alone:
            stem = next(iter(found))
            if len(written[stem]) > len(written[start]):
                sites[start] = found
    common = common_words(texts)
    out = list(mentions)
    changed: set[int] = set()
    for k, (n, m) in enumerate(mentions):
        key = fold(m.text)
        found = sites.get(key, {})
        if len(found) != 1:
            continue  # no site, or the start of two sites' names
        if labels[key][True] >= labels[key][False] or key in nationalities:
            continue
        if common(key.split()[0]) or (" " not in key and key in people):
            continue
        window = texts[n - 1][max(0, m.start - 30) : m.start]
        window = re.split(r"[.!?;:\n]", window)[-1]  # the words before it in its sentence
        before = [w.lower() for w in re.findall(r"[\w'’]+", window) if w.lower() != "the"]
        if m.label in TYPES and before and before[-1] in _INTO:
            site = next(iter(found.values()))
            out[k] = (n, replace(m, label=site.label, name=site.text))
            changed.add(id(out[k][1]))
    return out, changed


def _the_place(text: str, mention: Mention) -> bool:
    """True where the words around a place name say it is the place: a locative word
    before it, ", State" after it, or a dateline in capitals."""
    before = re.findall(r"[\w'’]+", text[max(0, mention.start - 30) : mention.start])
    if before and before[-1].lower() in _LOCATIVE:
        return True
    after = text[mention.end : mention.end + 3]
    return bool(re.match(r", ?[A-Z]", after)) or mention.text.isupper()


def _person_names(mentions: Iterable[Mention]) -> Callable[[Mention], bool]:
    """Whether a mention names a person, judged across the story, not by one article's label.

    A name one article labels a person is a person's name everywhere; a lone word is a
    person's surname when the story gives that person in full, and a place or organisation
    otherwise if another article says so ("Tallinn" tagged as a person).  A lone word spaCy
    calls a place or an organisation is the surname of a person the story names in full
    when the story uses it for that person at least as often as for anything else (a
    murdered lawmaker's surname tagged GPE in some articles).
    """
    seen = list(mentions)
    people = {fold(m.name or m.text) for m in seen if m.label == "PERSON"}
    full = [parse_person(m.name or m.text) for m in seen if fold(m.name or m.text) in people]
    surnames = Counter(fold(p.last) for p in full if p.full)
    given = {fold(p.first or "") for p in full if p.full}
    lone = Counter((fold(m.name or m.text), m.label == "PERSON") for m in seen)
    # "Colts" ends "Indianapolis Colts": the story uses the word for an organisation.
    tails = Counter(
        fold(m.name or m.text).split()[-1]
        for m in seen
        if m.label != "PERSON"
        and " " in fold(m.name or m.text)
        and fold(m.name or m.text) not in people
    )
    others = {fold(m.name or m.text) for m in seen if m.label != "PERSON"}

    def is_person(mention: Mention) -> bool:
        key = fold(mention.name or mention.text)
        if " " not in key:
            if mention.label == "PERSON" and key not in others:
                return True
            named = surnames[key] + (key in given)  # people the story names in full
            votes, against = named + lone[key, True], lone[key, False] + tails[key]
            return votes > against or (named > 0 and votes >= against)
        return key in people and not _other_names_joined(key)

    def _other_names_joined(key: str) -> bool:
        """ "Colts Beat Chiefs": a headline whose first and last words the story uses, alone,
        for organisations or places more than for anyone, is no person's name."""
        words = key.split()
        return all(
            lone[w, False] + tails[w] > lone[w, True] + surnames[w] for w in (words[0], words[-1])
        )

    return is_person


# ------------------------------------------------------------ organisations and places


def _merge_names(clusters: _Clusters, indices: list[int], texts: list[str]) -> None:
    locals_ = clusters.locals
    by_key: defaultdict[str, list[int]] = defaultdict(list)
    for i in indices:
        # Every form an article uses counts, so "(OSCE)" links its article's long name too.
        for key in sorted({place_key(form)[0] for form in _forms(locals_[i])}):
            by_key[key].append(i)
    for key, members in by_key.items():
        forms = {f for i in members for f in _forms(locals_[i]) if place_key(f)[0] == key}
        _union_all(clusters, members, _same_name_reason(forms, [locals_[i] for i in members]))
    _merge_acronyms(clusters, indices)
    _merge_slips(clusters, indices)
    places = _place_names(locals_, indices)
    named = [i for i in indices if locals_[i].kind in {"ORG", "FAC"}]
    named = [i for i in named if fold(locals_[i].name) not in places]
    _merge_site_variants(clusters, named)
    _attach_short_names(clusters, named, common_words(texts))
    _attach_place_ends(clusters, [i for i in indices if locals_[i].kind in {"GPE", "LOC"}])


def _merge_acronyms(clusters: _Clusters, indices: list[int]) -> None:
    """An acronym joins the one name of the story it is the initials of (HP: Hewlett-Packard);
    with two such names (SM: Sun Microsystems, Sales Management) it joins neither."""
    locals_ = clusters.locals
    expansions: defaultdict[str, set[int]] = defaultdict(set)
    for i in range(len(locals_)):  # every name of the story, people's too, counts as one
        for key in acronym_keys(locals_[i].name):
            expansions[key].add(i)
    for i in indices:
        name = locals_[i].name
        letters = fold(name).replace(" ", "")
        if not _looks_like_acronym(name):
            continue
        roots = {clusters.find(j) for j in expansions.get(letters, ())}
        if len(roots) == 1 and clusters.find(i) not in roots and not locals_[min(roots)].person:
            long = locals_[min(roots)].name
            clusters.union(roots.pop(), i, f"{name} / {long}: acronym, the only name it spells")


def _looks_like_acronym(name: str) -> bool:
    letters = fold(name).replace(" ", "")
    return name.replace(".", "").isupper() and 2 <= len(letters) <= 8


def _merge_slips(clusters: _Clusters, indices: list[int]) -> None:
    """Two long names that differ by a slip ("Organisation"/"Organization") are one; only
    names sharing their first or last four letters are compared."""
    locals_ = clusters.locals
    blocks: defaultdict[str, list[int]] = defaultdict(list)
    seen: set[str] = set()
    for i in indices:
        key = fold(locals_[i].name)
        if len(key) < 10 or key in seen:
            continue
        seen.add(key)
        blocks["^" + key[:4]].append(i)
        blocks["$" + key[-4:]].append(i)
    for block in blocks.values():
        for n, a in enumerate(block):
            for b in block[n + 1 :]:
                if clusters.find(a) == clusters.find(b):
                    continue
                reason = _spelled_alike(locals_[a].name, locals_[b].name)
                if reason:
                    clusters.union(a, b, reason)


def _place_names(locals_: list[_Local], indices: list[int]) -> set[str]:
    """Names the story calls a city, country or region at least as often as anything else."""
    votes: defaultdict[str, Counter[bool]] = defaultdict(Counter)
    for i in indices:
        for m in locals_[i].mentions:
            votes[fold(locals_[i].name)][m.label in {"GPE", "LOC"}] += 1
    return {name for name, vote in votes.items() if vote[True] >= vote[False]}


# Words that make "<organisation> Council" a body of the organisation, not the organisation.
_BODY_WORDS = "council committee commission assembly parliament ministry department court office"
_BODIES = set(_BODY_WORDS.split()) | {"board", "agency", "bureau", "division", "secretariat"}
_SITES = SITE_WORDS


# Words that only say what kind of site a named place is: "Betty Ford Center", "... Clinic",
# "... Treatment Center" are one place when the name before them is the same.
_GENERIC_SITE = SITE_WORDS | {"treatment", "medical", "rehabilitation", "rehab", "care"}


def _merge_site_variants(clusters: _Clusters, facilities: list[int]) -> None:
    """Facilities whose names are one name of two or more words followed by different kind
    words ("Betty Ford Center", "Betty Ford Clinic") are one facility."""
    locals_ = clusters.locals
    by_stem: defaultdict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in facilities:
        words = fold(locals_[i].name).split()
        cut = len(words)
        while cut > 0 and words[cut - 1] in _GENERIC_SITE:
            cut -= 1
        if cut >= 2 and cut < len(words):
            by_stem[tuple(words[:cut])].append(i)
    for stem, members in by_stem.items():
        names = " / ".join(sorted({locals_[i].name for i in members}))
        _union_all(clusters, members, f"{names}: one site, {' '.join(stem)}, by other kind words")


def _attach_short_names(
    clusters: _Clusters, named: list[int], common: Callable[[str], bool]
) -> None:
    """ "Chargers" joins "San Diego Chargers", "Nordlink" joins "Nordlink Ferries", when no
    other name of its kind (organisation or facility) ends (or starts) that way; of the
    names it starts, those it is the head of ("Academy" of "Academy of Motion Picture Arts
    and Sciences", not of "Academy Awards") come first; a place's
    name never joins a building or body named after it, nor an organisation's name a
    building named after the organisation."""
    locals_ = clusters.locals
    words = {i: tuple(fold(locals_[i].name).split()) for i in named}
    kind = {i: locals_[i].kind for i in named}
    ends: defaultdict[tuple[str, tuple[str, ...]], set[int]] = defaultdict(set)
    starts: defaultdict[tuple[str, tuple[str, ...]], set[int]] = defaultdict(set)
    headed: defaultdict[tuple[str, tuple[str, ...]], set[int]] = defaultdict(set)
    for j in named:
        name = words[j]
        for cut in range(1, len(name)):
            ends[kind[j], name[cut:]].add(j)
            rest = set(name[cut:])
            blocked = _BODIES | _SITES if kind[j] == "ORG" else _BODIES
            if not blocked & rest or _formal_tail(name[:cut], name[cut:]):
                starts[kind[j], name[:cut]].add(j)
            if name[cut] in {"of", "for"}:  # the short form keeps the head of the name
                headed[kind[j], name[:cut]].add(j)
    # Longest first, so "Morningside Recovery" has joined its Center before "Morningside" looks.
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for i in sorted(named, key=lambda i: -len(words[i])):
        short = words[i]
        if (kind[i], short) in seen:
            continue  # every local of one name is one group already: it joins once
        seen.add((kind[i], short))
        for part, index in (("end", ends), ("start", starts)):
            found = index.get((kind[i], short), set())
            if part == "start" and not (len(short) == 1 and common(short[0])):
                # "the Academy": Academy of ..., not the Academy Awards; never for a word
                # the story writes as a common word ("State": not State of the Union).
                found = headed.get((kind[i], short)) or found
            longer = {clusters.find(j) for j in found}
            root = _dominant(clusters, longer)
            if root is not None and clusters.find(i) not in longer:
                long = locals_[root].name
                other = "no other name" if len(longer) == 1 else "names in far fewer sources"
                clusters.union(root, i, f"{locals_[i].name} is the {part} of {long} and {other}")
                break  # one name it shortens: "House" never chains two Houses together


# The word a body's formal name adds to a name that already says what the body is:
# "Staunton Police" is the Staunton Police Department, "Delmar Police" its Police Service.
_FORMAL_TAILS = {"department", "service", "force"}


def _formal_tail(short: tuple[str, ...], rest: tuple[str, ...]) -> bool:
    """True when ``rest`` only formalises ``short``: one word such as "Department" after a
    name of two words or more that ends with what kind of body it is ("Police")."""
    return (
        len(short) >= 2 and short[-1] in KIND_WORDS and len(rest) == 1 and rest[0] in _FORMAL_TAILS
    )


def _attach_place_ends(clusters: _Clusters, places: list[int]) -> None:
    """A place name of two words or more that ends the name of exactly one other place
    ("Mount Cook", "Aoraki Mount Cook") is that place; one word never is (York, New York)."""
    locals_ = clusters.locals
    ends: defaultdict[tuple[str, ...], set[int]] = defaultdict(set)
    words = {i: tuple(fold(locals_[i].name).split()) for i in places}
    for j in places:
        for cut in range(1, len(words[j]) - 1):
            ends[words[j][cut:]].add(j)
    for i in places:
        longer = {clusters.find(j) for j in ends.get(words[i], ())}
        if len(words[i]) >= 2 and len(longer) == 1 and clusters.find(i) not in longer:
            root = longer.pop()
            why = f"{locals_[i].name} is the end of {locals_[root].name} and no other place"
            clusters.union(root, i, why)


def _dominant(clusters: _Clusters, roots: set[int]) -> int | None:
    """The one root, or the root whose sources outnumber all the others' three to one (a
    headline's run-on "Kansas City Chiefs The Colts" beside "Indianapolis Colts")."""
    if len(roots) <= 1:
        return next(iter(roots), None)
    spread = {r: len({clusters.locals[k].source for k in clusters.members(r)}) for r in roots}
    top = max(spread, key=lambda r: (spread[r], -r))
    return top if spread[top] >= 3 * (sum(spread.values()) - spread[top]) else None


def _forms(local: _Local) -> set[str]:
    """The names an article writes for the entity; a place name standing for it ("Harwick"
    for the Harwick Herons) is no name of it to match other articles by."""
    return {local.name} | {m.text for m in local.mentions} - local.standing_in


def _union_all(clusters: _Clusters, members: list[int], reason: str) -> None:
    if len({clusters.find(i) for i in members}) > 1:
        for j in members[1:]:
            clusters.union(members[0], j, reason)


def _same_name_reason(names: set[str], group: list[_Local]) -> str:
    forms = sorted(names)
    sources = ", ".join(str(s) for s in sorted({loc.source for loc in group}))
    if len({fold(f) for f in forms}) == 1:
        return f"{forms[0]}: same name in sources {sources}"
    alias = any(place_key(f)[1] for f in forms)
    why = "known alternative names" if alias else "same name once case, dots and 'the' are ignored"
    return f"{' / '.join(forms)}: {why} (sources {sources})"


def _name_link(a: str, b: str) -> str | None:
    """Why two different organisation or place names are one, or None."""
    if acronym_of(a, b) or acronym_of(b, a):
        return f"{a} / {b}: acronym"
    return _spelled_alike(a, b)


def _spelled_alike(a: str, b: str) -> str | None:
    fa, fb = fold(a), fold(b)
    # Long names only: short ones that differ by a letter are usually different places.
    if min(len(fa), len(fb)) >= 10 and fuzz.ratio(fa, fb) >= 90:
        return f"{a} / {b}: spelled alike"
    # Letters typed in the wrong order ("Turkeminstan"): the same letters and first letter,
    # neighbours swapped once or twice (a swap is one edit here and two otherwise).
    if min(len(fa), len(fb)) >= 10 and fa[0] == fb[0] and sorted(fa) == sorted(fb):
        swaps = OSA.distance(fa, fb)
        if swaps <= 2 and Levenshtein.distance(fa, fb) > swaps:
            return f"{a} / {b}: the same letters, neighbours swapped"
    return None


# ------------------------------------------------------------------------------ people


def _surname_keys(surname: str, loose: bool) -> set[str]:
    """Index keys two surnames share whenever ``surnames_match`` can hold between them:
    the folded form, the skeleton, and with ``loose`` every one-letter deletion of the
    skeleton and of the loose key (a single slip leaves one deletion in common)."""
    key, sk = fold(surname), skeleton(surname)
    keys = {"=" + key, "~" + sk}
    if loose and len(sk) >= 6:
        for prefix, word in (("d", sk), ("l", loose_key(surname))):
            keys.add(prefix + word)
            keys |= {prefix + word[:n] + word[n + 1 :] for n in range(len(word))}
    return keys


def _candidate_pairs(locals_: list[_Local], indices: list[int]) -> list[tuple[int, int]]:
    """Pairs of full names that may share a surname, found through an index, not all pairs."""
    index: defaultdict[str, list[int]] = defaultdict(list)
    for i in indices:
        for key in _surname_keys(locals_[i].parsed.last, loose=True):
            index[key].append(i)
    pairs = {(a, b) for block in index.values() for a in block for b in block if a < b}
    return sorted(pairs)


def _merge_people(clusters: _Clusters, indices: list[int], common: Callable[[str], bool]) -> None:
    locals_ = clusters.locals
    full = [i for i in indices if locals_[i].parsed.full]
    single = [i for i in indices if not locals_[i].parsed.full]
    by_name: defaultdict[str, list[int]] = defaultdict(list)
    for i in full:
        by_name[fold(locals_[i].name)].append(i)
    for members in by_name.values():
        group = [locals_[i] for i in members]
        _union_all(clusters, members, _same_name_reason({loc.name for loc in group}, group))
    # One local per distinct name is enough to find the pairs; the rest joined above.
    firsts = [members[0] for members in by_name.values()]
    pairs = []
    for i, j in _candidate_pairs(locals_, firsts):
        reason = person_match(locals_[i].parsed, locals_[j].parsed)
        if reason:
            pairs.append((i, j, reason))
    for i, j, reason in pairs:
        if clusters.find(i) != clusters.find(j) and _compatible_groups(clusters, i, j):
            a, b = locals_[i], locals_[j]
            clusters.union(i, j, f"{a.name} / {b.name}: {reason}{_shared_roles(a, b)}")
    _merge_short_slips(clusters, firsts)
    _attach_surnames(clusters, full, single, common)


def _merge_short_slips(clusters: _Clusters, firsts: list[int]) -> None:
    """Two full names with the same given name whose short surnames differ by a letter added
    or two swapped ("Duncan Rait" / "Duncan Raite") are one person when no article writes
    both and their articles name others in common; a lone slip never suffices."""
    locals_ = clusters.locals
    index: defaultdict[str, list[int]] = defaultdict(list)
    for i in firsts:
        first, last = fold(locals_[i].parsed.first or ""), fold(locals_[i].parsed.last)
        if len(first) < 2 or not 4 <= len(last) < 6:
            continue  # an initial is no evidence; long surnames are ``surnames_match``'s
        for key in {last} | {last[:n] + last[n + 1 :] for n in range(len(last))}:
            index[f"{first}|{key}"].append(i)
    pairs = sorted({(a, b) for block in index.values() for a in block for b in block if a < b})
    company = _Company(locals_)
    for i, j in pairs:
        a, b = locals_[i], locals_[j]
        slip = surname_slip(a.parsed.last, b.parsed.last)
        if slip is None or clusters.find(i) == clusters.find(j):
            continue
        own = {fold(a.name), fold(b.name)}
        shared = company.of_group(clusters, i) & company.of_group(clusters, j)
        if shared - own and _compatible_groups(clusters, i, j, slip=True):
            clusters.union(i, j, f"{a.name} / {b.name}: {slip}, same given name and company")


def _compatible_groups(clusters: _Clusters, i: int, j: int, slip: bool = False) -> bool:
    """No two full names across the two groups may name different people, and two different
    full names one article keeps apart stay apart; with ``slip`` two names may also differ
    by a slip in a short surname under the same given name."""
    left, right = _names_of(clusters, i), _names_of(clusters, j)
    for a, (pa, sources_a) in left.items():
        for b, (pb, sources_b) in right.items():
            if a == b:
                continue
            if sources_a & sources_b:
                return False
            if person_match(pa, pb) is None and not (slip and _slipped(pa, pb)):
                return False
    return True


def _slipped(a: PersonName, b: PersonName) -> bool:
    same_given = fold(a.first or "") == fold(b.first or "") and len(fold(a.first or "")) > 1
    return same_given and surname_slip(a.last, b.last) is not None


def _names_of(clusters: _Clusters, i: int) -> dict[str, tuple[PersonName, set[int]]]:
    """The group's distinct full names, each with the sources that write it."""
    names: dict[str, tuple[PersonName, set[int]]] = {}
    for k in clusters.members(i):
        local = clusters.locals[k]
        if local.parsed.full:
            names.setdefault(fold(local.name), (local.parsed, set()))[1].add(local.source)
    return names


def _attach_surnames(
    clusters: _Clusters, full: list[int], single: list[int], common: Callable[[str], bool]
) -> None:
    """A surname used alone joins the person of that surname, if the story says which one."""
    locals_ = clusters.locals
    given = Counter(fold(locals_[i].parsed.first or "") for i in full)
    surnames = Counter(fold(locals_[i].parsed.last) for i in full)
    # A word more often a given name than a surname here ("Liisa") could be anyone's.
    given_names = {name for name, n in given.items() if n > surnames[name]}
    bearers: defaultdict[str, list[int]] = defaultdict(list)
    for k in full:
        for key in _surname_keys(locals_[k].parsed.last, loose=True):
            bearers[key].append(k)
    by_given: defaultdict[str, list[int]] = defaultdict(list)
    for k in full:
        by_given[fold(locals_[k].parsed.first or "")].append(k)
    company = _Company(locals_)
    lonely: list[int] = []
    for i in single:
        surname = locals_[i].parsed.last
        if fold(surname) in given_names:
            # A given name alone could be anyone of that name, unless the story names one
            # person so and the article shares company with that person's articles.
            word = fold(surname)
            named_so = [] if surnames[word] or common(word) else by_given[word]
            bearer = _given_name_bearer(clusters, i, named_so, company)
            if bearer is not None:
                why = f"{locals_[i].name} (source {locals_[i].source}) is the given name of"
                clusters.union(bearer, i, f"{why} {locals_[bearer].name}, the only one so named")
            continue
        near = {k for key in _surname_keys(surname, loose=True) for k in bearers.get(key, ())}
        found = {k for k in near if surnames_match(surname, locals_[k].parsed.last)}
        if not found and not _ambiguous(clusters, near):
            found = _misspelled(clusters, i, near, company)
        here = {k for k in found if locals_[k].source == locals_[i].source}
        if _ambiguous(clusters, here):
            continue  # its own article names two people of that surname: it says not which
        roots = {clusters.find(k) for k in here or found}
        chosen, why = _choose(clusters, i, sorted(roots), company)
        if here and chosen is not None:
            why = why or "; the only one of that surname its article names"
        if chosen is None:
            if not roots:
                lonely.append(i)
            continue
        target = locals_[chosen]
        reason = f"{locals_[i].name} (source {locals_[i].source}) is the surname of {target.name}"
        clusters.union(chosen, i, reason + (why or _shared_roles(locals_[i], target)))
    by_surname: defaultdict[str, list[int]] = defaultdict(list)
    for i in lonely:
        by_surname[skeleton(locals_[i].parsed.last)].append(i)
    for block in by_surname.values():
        for j in block[1:]:
            same = surnames_match(locals_[block[0]].parsed.last, locals_[j].parsed.last)
            if same and clusters.find(block[0]) != clusters.find(j):
                clusters.union(block[0], j, f"{locals_[block[0]].name} / {locals_[j].name}: {same}")


# A person's name as written: words that start with a capital, or a quoted nickname.
_NAME_WORDS = re.compile(r"[A-Z][\w'’.-]*(?: (?:[A-Z]|[\"'‘“][A-Z])[\w'’.\"”-]*)+")


def _given_name_bearer(
    clusters: _Clusters, i: int, bearers: list[int], company: _Company
) -> int | None:
    """The one person the story names in full with the given name ``i`` is written as
    (``bearers``: the full names with that given name, none when someone has it as a
    surname or the word is a common word), when ``i``'s article names someone else from
    that person's articles ("His sister Katie and mother Alice McMeekin" beside "Katie
    Jenkin") and that person is named so in two sources or more."""
    local = clusters.locals[i]
    word = fold(local.name)
    if all(m.label != "PERSON" for m in local.mentions):
        return None  # a person only by the story's vote ("Santiago" beside Santiago Benadava)
    roots = {clusters.find(k) for k in bearers}
    if len(roots) != 1:
        return None
    root = roots.pop()
    # The bearer is a well-attested person's name: written so in two sources or more, and
    # every word of it a capitalised name ("Swine Flu -RRB-" and "third Reich" are not).
    sources = {clusters.locals[k].source for k in clusters.members(root)}
    names = {clusters.locals[k].name for k in bearers}
    if len(sources) < 2 or not all(_NAME_WORDS.fullmatch(n) for n in names):
        return None
    shared = company.by_source[local.source] & company.of_group(clusters, root)
    return root if shared - {word} else None


def _misspelled(clusters: _Clusters, i: int, near: set[int], company: _Company) -> set[int]:
    """The one person whose surname a lone surname misspells ("Shephard" for Shepard), when
    the article it is in shares other names with that person's articles."""
    local = clusters.locals[i]
    found = {
        k for k in near if surnames_match(local.parsed.last, clusters.locals[k].parsed.last, True)
    }
    roots = {clusters.find(k) for k in found}
    if len(roots) != 1:
        return set()
    shared = company.by_source[local.source] & company.of_group(clusters, roots.pop())
    return found if shared - {fold(local.name)} else set()


def _ambiguous(clusters: _Clusters, bearers: set[int]) -> bool:
    """True when ``bearers`` (full names of one article) are several people."""
    here = [clusters.locals[k] for k in bearers]
    return any(person_match(a.parsed, b.parsed) is None for a in here for b in here)


class _Company:
    """Names of the entities each article mentions: the context a person appears in."""

    def __init__(self, locals_: list[_Local]) -> None:
        self.by_source: defaultdict[int, set[str]] = defaultdict(set)
        for loc in locals_:
            self.by_source[loc.source].add(fold(loc.name))

    def of_group(self, clusters: _Clusters, root: int) -> set[str]:
        sources = {clusters.locals[k].source for k in clusters.members(root)}
        return set().union(*(self.by_source[s] for s in sources))


def _choose(
    clusters: _Clusters, i: int, roots: list[int], company: _Company
) -> tuple[int | None, str]:
    """The one group a lone surname belongs to, and why when several people share it."""
    if len(roots) <= 1:
        return (roots[0] if roots else None), ""
    local = clusters.locals[i]
    by_role = [r for r in roots if local.roles & _group_roles(clusters, r)]
    if len(by_role) == 1:
        return by_role[0], "; " + ", ".join(sorted(local.roles)) + " is that person's role only"
    size = Counter({r: len(clusters.members(r)) for r in roots}).most_common(2)
    # The story's main bearer of a surname is who a bare surname means, when far ahead.
    if size[0][1] >= 3 * size[1][1]:
        return size[0][0], f"; named in {size[0][1]} articles against {size[1][1]}"
    mine = company.by_source[local.source]
    shared = {r: mine & company.of_group(clusters, r) for r in roots}
    ranked = sorted(roots, key=lambda r: -len(shared[r]))
    if len(shared[ranked[0]]) >= len(shared[ranked[1]]) + 2:
        names = ", ".join(sorted(shared[ranked[0]] - shared[ranked[1]])[:3])
        return ranked[0], f"; same company in the articles ({names})"
    return None, ""


def _group_roles(clusters: _Clusters, root: int) -> set[str]:
    return set().union(*(clusters.locals[k].roles for k in clusters.members(root)))


def _shared_roles(a: _Local, b: _Local) -> str:
    shared = sorted(a.roles & b.roles)
    return f"; shared role: {', '.join(shared)}" if shared else ""


# ---------------------------------------------------------------------------- entities


def _entity(clusters: _Clusters, group: list[int]) -> Entity:
    locals_ = [clusters.locals[k] for k in group]
    mentions = [(loc.source, m) for loc in locals_ for m in loc.mentions]
    mentions.sort(key=lambda sm: (sm[0], sm[1].start))
    types = Counter(TYPES[m.label] for _, m in mentions if m.label != "PERSON")
    people = any(loc.person for loc in locals_)
    kind = "PERSON" if people or not types else types.most_common(1)[0][0]
    reasons = clusters.reasons.get(clusters.find(group[0]), [])
    return Entity(
        name=_canonical(locals_, kind),
        type=kind,
        variants=_ranked(m.text for _, m in mentions),
        roles=_roles(m.role for _, m in mentions if m.role),
        sources=sorted({s for s, _ in mentions}),
        mentions=len(mentions),
        evidence=[Evidence(s, m.start, m.end) for s, m in mentions],
        merged_because=list(dict.fromkeys(reasons + _in_article_links(locals_))),
    )


def _in_article_links(locals_: list[_Local]) -> list[str]:
    """The shorter forms each article itself ties to the fuller name (``analyze.entities``)."""
    links = []
    for loc in sorted(locals_, key=lambda loc: loc.source):
        shorter = sorted({m.text for m in loc.mentions if fold(m.text) != fold(loc.name)})
        if shorter:
            links.append(f"source {loc.source} writes {', '.join(shorter)} for {loc.name}")
    return links


def _ranked(forms: Iterable[str]) -> list[str]:
    counts = Counter(forms)
    return sorted(counts, key=lambda form: (-counts[form], form))


def _roles(roles: Iterable[str]) -> list[str]:
    """Roles grouped case-insensitively, most stated first, capitalised spelling preferred."""
    spellings: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for role in roles:
        spellings[fold(role)][role] += 1
    ranked = sorted(spellings.values(), key=lambda c: -sum(c.values()))
    return [max(c, key=lambda r: (r[:1].isupper(), c[r])) for c in ranked]


def _canonical(locals_: list[_Local], kind: str) -> str:
    """The most complete well-attested form of the name."""
    attested: defaultdict[str, set[int]] = defaultdict(set)
    for loc in locals_:
        attested[loc.name].add(loc.source)
        for m in loc.mentions:
            attested[m.text].add(loc.source)
    order = {form: n for n, form in enumerate(attested)}
    if kind == "PERSON":
        full = [f for f in attested if parse_person(f).full]
        if full:
            return max(full, key=lambda f: (_support(f, attested), len(attested[f]), -order[f]))
    # The fullest form counts as well attested when at least half as many sources use it.
    top = max(len(sources) for sources in attested.values())
    well = [f for f in attested if 2 * len(attested[f]) >= top and len(attested[f]) >= 2]
    return max(well or attested, key=lambda f: (len(f.split()), len(attested[f]), -order[f]))


def _support(form: str, attested: dict[str, set[int]]) -> int:
    """How many sources spell this form's given name and surname the same way."""
    name = parse_person(form)
    first, last = fold(name.first or ""), fold(name.last)
    first_sources: set[int] = set()
    last_sources: set[int] = set()
    for other, sources in attested.items():
        parsed = parse_person(other)
        if parsed.first and fold(parsed.first) == first:
            first_sources |= sources
        if fold(parsed.last) == last:
            last_sources |= sources
    return len(first_sources) + len(last_sources)


# ----------------------------------------------------------------------------- lookups


def resolve_entity(entities: list[Entity], source: int, name: str) -> Entity | None:
    """The canonical entity that ``name``, as written in source ``source``, refers to."""
    pool = [e for e in entities if source in e.sources] or entities
    key = fold(name)
    if not key:
        return None
    exact = [e for e in pool if key in {fold(v) for v in (e.name, *e.variants)}]
    if exact:
        # The entity this source itself writes that way ("Lindgren" left apart in an article
        # naming two Lindgrens) before one that has the form only from another source.
        here = [e for e in exact if _written_in(e, source, len(name))]
        return _most_mentioned_in(here or exact, source)
    wanted = parse_person(name)
    people = [e for e in pool if e.type == "PERSON" and _names_person(e, wanted)]
    if people:
        return _most_mentioned_in(people, source)
    place = place_key(name)[0]
    others = [
        e
        for e in pool
        if e.type != "PERSON"
        and any(place_key(v)[0] == place or _name_link(v, name) for v in (e.name, *e.variants))
    ]
    return _most_mentioned_in(others, source) if others else None


def _names_person(entity: Entity, wanted: PersonName) -> bool:
    for form in (entity.name, *entity.variants):
        known = parse_person(form)
        if wanted.full and known.full and person_match(wanted, known):
            return True
        if not wanted.full and surnames_match(wanted.last, known.last):
            return True
        if not wanted.full and known.first and first_names_match(wanted.last, known.first):
            return fold(wanted.last) == fold(known.first)
    return False


def _written_in(entity: Entity, source: int, length: int) -> bool:
    return any(ev.source == source and ev.end - ev.start == length for ev in entity.evidence)


def _most_mentioned_in(entities: list[Entity], source: int) -> Entity:
    return max(entities, key=lambda e: (sum(ev.source == source for ev in e.evidence), e.mentions))
