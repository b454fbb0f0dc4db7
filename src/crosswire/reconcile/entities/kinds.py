"""Each article's entities, once the whole story has said what kind of name each mention is.

spaCy labels a name from one sentence; the story often knows better: a nationality
elsewhere written as a team ("Colts"), a lone word that ends a team's name ("Jaguars") or
is the given name of someone the story names in full ("Kathina"), a nickname clipped from
a full name ("LiLo"), a "person" ending with a landform and a place's name ("Aoraki Mount
Cook").  The labels are repaired here from the story's votes, never from one article alone,
before the mentions are grouped into ``Local`` entities: a wrong kind sends a name to the
wrong merge (people merge by the parts of their names, the rest by name keys).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace

from crosswire.model import Mention, Story
from crosswire.names import PersonName, fold, parse_person, place_key
from crosswire.reconcile.entities.clusters import TYPES, Local
from crosswire.reconcile.entities.places import place_for_team, site_short_forms, the_place

__all__ = ["local_entities"]


def local_entities(story: Story) -> list[Local]:
    """Each article's entities: its mentions grouped by fullest name and by person or not."""
    mentions = _typed_across_story(
        [(n, m) for n, a in enumerate(story.analyses, start=1) for m in a.mentions]
    )
    texts = [a.article.text for a in story.analyses]
    mentions = _teams_not_people(mentions)
    mentions, standing = place_for_team(mentions, texts)
    norp = {fold(m.text) for a in story.analyses for m in a.mentions if m.label == "NORP"}
    mentions, into_site = site_short_forms(mentions, texts, norp)
    standing |= into_site
    mentions = _blended_nicknames(mentions)
    mentions = _given_names_not_places(mentions, texts)
    # A name some article calls a ship ("the ferry Baltic Star") is no one's name.
    vessels = {fold(m.name or m.text) for _, m in mentions if m.label == "PRODUCT"}
    is_person = _person_names(m for _, m in mentions if m.label in TYPES)
    found: dict[tuple[int, str, bool], Local] = {}
    for number, mention in mentions:
        name = mention.name or mention.text
        if mention.label not in TYPES or not fold(name) or fold(name) in vessels:
            continue
        person = is_person(mention)
        key = (number, fold(name) if person else place_key(name)[0], person)
        local = found.setdefault(key, Local(number, name, person))
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
        elif words and words[0] in lone and the_place(texts[mentions[k][0] - 1], m):
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
