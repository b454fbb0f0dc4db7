"""Organisations and places merged across articles by their names.

Names merge when they fold to one key (case, dots, "the", accents, known aliases), when one
is the acronym of the only name of the story it spells, when two long names differ by a
slip, or when one is the start or the end of the only longer name of its kind ("Chargers",
"Nordlink" beside "Nordlink Ferries").  Containment alone never merges: a body or building
named after an organisation or place ("... Council", "... Stadium") is not it, though a
formal tail ("Staunton Police" / "Staunton Police Department") adds nothing.  ``name_link``
gives the same judgement on one pair of names, for ``resolve``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Levenshtein

from crosswire.analyze.story_mentions import KIND_WORDS, common_words
from crosswire.names import SITE_WORDS, acronym_keys, acronym_of, fold, place_key
from crosswire.reconcile.entities.clusters import Clusters, Local, same_name_reason, union_all
from crosswire.reconcile.entities.places import attach_place_ends, merge_site_variants, place_names

__all__ = ["BODIES", "merge_names", "name_link"]


def merge_names(clusters: Clusters, indices: list[int], texts: list[str]) -> None:
    """Merge the organisations and places among ``indices`` across articles."""
    locals_ = clusters.locals
    by_key: defaultdict[str, list[int]] = defaultdict(list)
    for i in indices:
        # Every form an article uses counts, so "(OSCE)" links its article's long name too.
        for key in sorted({place_key(form)[0] for form in _forms(locals_[i])}):
            by_key[key].append(i)
    for key, members in by_key.items():
        forms = {f for i in members for f in _forms(locals_[i]) if place_key(f)[0] == key}
        union_all(clusters, members, same_name_reason(forms, [locals_[i] for i in members]))
    _merge_acronyms(clusters, indices)
    _merge_slips(clusters, indices)
    places = place_names(locals_, indices)
    named = [i for i in indices if locals_[i].kind in {"ORG", "FAC"}]
    named = [i for i in named if fold(locals_[i].name) not in places]
    merge_site_variants(clusters, named)
    _attach_short_names(clusters, named, common_words(texts))
    attach_place_ends(clusters, [i for i in indices if locals_[i].kind in {"GPE", "LOC"}])


def _merge_acronyms(clusters: Clusters, indices: list[int]) -> None:
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


def _merge_slips(clusters: Clusters, indices: list[int]) -> None:
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


# Words that make "<organisation> Council" a body of the organisation, not the organisation.
_BODY_WORDS = "council committee commission assembly parliament ministry department court office"
BODIES = set(_BODY_WORDS.split()) | {"board", "agency", "bureau", "division", "secretariat"}


def _attach_short_names(
    clusters: Clusters, named: list[int], common: Callable[[str], bool]
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
            blocked = BODIES | SITE_WORDS if kind[j] == "ORG" else BODIES
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


def _dominant(clusters: Clusters, roots: set[int]) -> int | None:
    """The one root, or the root whose sources outnumber all the others' three to one (a
    headline's run-on "Kansas City Chiefs The Colts" beside "Indianapolis Colts")."""
    if len(roots) <= 1:
        return next(iter(roots), None)
    spread = {r: len({clusters.locals[k].source for k in clusters.members(r)}) for r in roots}
    top = max(spread, key=lambda r: (spread[r], -r))
    return top if spread[top] >= 3 * (sum(spread.values()) - spread[top]) else None


def _forms(local: Local) -> set[str]:
    """The names an article writes for the entity; a place name standing for it ("Harwick"
    for the Harwick Herons) is no name of it to match other articles by."""
    return {local.name} | {m.text for m in local.mentions} - local.standing_in


def name_link(a: str, b: str) -> str | None:
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
