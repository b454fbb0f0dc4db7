"""Place names: where one stands for a team or a site, and which place names are one place.

A city's name is often written for the team named after it ("Indianapolis (11-4) made
...") and a site's distinctive words for the site ("checked into Betty Ford"); taken as the
place, such mentions would merge the team or site into the city or person.  They are
relabelled only where the words around them do not say they are the place itself
(``the_place``).  Across articles, facilities that differ only in kind words ("Betty Ford
Center" / "Clinic") are one, and so is a place name that ends exactly one longer place's
name ("Mount Cook", "Aoraki Mount Cook"), never one word (York, New York).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

from crosswire.analyze.story_mentions import KIND_WORDS, common_words
from crosswire.model import Mention
from crosswire.names import SITE_WORDS, fold, parse_person
from crosswire.reconcile.entities.clusters import TYPES, Clusters, Local, union_all

__all__ = [
    "place_for_team",
    "site_short_forms",
    "the_place",
    "place_names",
    "merge_site_variants",
    "attach_place_ends",
]


# Words before a place name that make it the place itself, not a team or body named after it.
_LOCATIVE = {
    *("in", "at", "near", "outside", "inside", "around", "across", "throughout", "from"),
    *("of", "to", "into", "toward", "towards", "via", "between", "and"),
}


def place_for_team(
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
        if m.label in {"GPE", "LOC"} and key in teams and not the_place(texts[n - 1], m):
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


# Words that join the parts of a longer name: "University of Texas", "Sports and Arts".
_LINKING = {"of", "for", "and", "the", "&", "de", "du", "des", "la", "le", "s"}


# Words before a name that make it somewhere one goes or is: "checked into Betty Ford",
# "Lohan leaves Betty Ford" (verbs whose object is a place one enters or leaves).
_INTO = {"in", "into", "at", "to", "from", "inside", "outside"}
_INTO |= {"leave", "leaves", "left", "leaving", "enter", "enters", "entered", "entering"}
_INTO |= {"exit", "exits", "exited", "exiting"}


def site_short_forms(
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


def the_place(text: str, mention: Mention) -> bool:
    """True where the words around a place name say it is the place: a locative word
    before it, ", State" after it, or a dateline in capitals."""
    before = re.findall(r"[\w'’]+", text[max(0, mention.start - 30) : mention.start])
    if before and before[-1].lower() in _LOCATIVE:
        return True
    after = text[mention.end : mention.end + 3]
    return bool(re.match(r", ?[A-Z]", after)) or mention.text.isupper()


def place_names(locals_: list[Local], indices: list[int]) -> set[str]:
    """Names the story calls a city, country or region at least as often as anything else."""
    votes: defaultdict[str, Counter[bool]] = defaultdict(Counter)
    for i in indices:
        for m in locals_[i].mentions:
            votes[fold(locals_[i].name)][m.label in {"GPE", "LOC"}] += 1
    return {name for name, vote in votes.items() if vote[True] >= vote[False]}


# Words that only say what kind of site a named place is: "Betty Ford Center", "... Clinic",
# "... Treatment Center" are one place when the name before them is the same.
_GENERIC_SITE = SITE_WORDS | {"treatment", "medical", "rehabilitation", "rehab", "care"}


def merge_site_variants(clusters: Clusters, facilities: list[int]) -> None:
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
        union_all(clusters, members, f"{names}: one site, {' '.join(stem)}, by other kind words")


def attach_place_ends(clusters: Clusters, places: list[int]) -> None:
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
