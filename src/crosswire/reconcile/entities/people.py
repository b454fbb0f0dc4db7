"""People merged across articles: full names, lone surnames and given names, spelling slips.

Two full names are one person when surname and given name agree up to spelling and
transliteration (``crosswire.names.person_match``), never when the two groups hold full
names that disagree or that one article keeps apart.  A surname or given name used alone
joins a person only when the story says which one (the only bearer, a shared role, far more
articles, or shared company in the articles): a wrong join hands one person's quotes to
another.  A headline run on past a well-attested person's name is that person.  Candidate
pairs come from surname indexes, so merging grows with the story, not with its square.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable

from crosswire.names import (
    ORG_WORDS,
    SITE_WORDS,
    PersonName,
    fold,
    loose_key,
    person_match,
    skeleton,
    surname_slip,
    surnames_match,
)
from crosswire.reconcile.entities.clusters import Clusters, Local, same_name_reason, union_all
from crosswire.reconcile.entities.organisations import BODIES

__all__ = ["merge_people", "join_run_ons"]


def join_run_ons(clusters: Clusters) -> None:
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
            if not (BODIES | SITE_WORDS | ORG_WORDS) & set(words[end:]):
                why = f"{loc.name} (source {loc.source}) runs on from the name {locals_[k].name}"
                clusters.union(k, i, why)
            break


def _runs(length: int) -> list[tuple[int, int]]:
    """Word runs of two or more inside a name of ``length`` words, not the whole, longest
    first and leftmost first."""
    runs = [(a, a + n) for n in range(2, length) for a in range(length - n + 1)]
    return sorted(runs, key=lambda r: (r[0] - r[1], r[0]))


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


def _candidate_pairs(locals_: list[Local], indices: list[int]) -> list[tuple[int, int]]:
    """Pairs of full names that may share a surname, found through an index, not all pairs."""
    index: defaultdict[str, list[int]] = defaultdict(list)
    for i in indices:
        for key in _surname_keys(locals_[i].parsed.last, loose=True):
            index[key].append(i)
    pairs = {(a, b) for block in index.values() for a in block for b in block if a < b}
    return sorted(pairs)


def merge_people(clusters: Clusters, indices: list[int], common: Callable[[str], bool]) -> None:
    """Merge the people among ``indices``: full names first, then names written alone."""
    locals_ = clusters.locals
    full = [i for i in indices if locals_[i].parsed.full]
    single = [i for i in indices if not locals_[i].parsed.full]
    by_name: defaultdict[str, list[int]] = defaultdict(list)
    for i in full:
        by_name[fold(locals_[i].name)].append(i)
    for members in by_name.values():
        group = [locals_[i] for i in members]
        union_all(clusters, members, same_name_reason({loc.name for loc in group}, group))
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


def _merge_short_slips(clusters: Clusters, firsts: list[int]) -> None:
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


def _compatible_groups(clusters: Clusters, i: int, j: int, slip: bool = False) -> bool:
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


def _names_of(clusters: Clusters, i: int) -> dict[str, tuple[PersonName, set[int]]]:
    """The group's distinct full names, each with the sources that write it."""
    names: dict[str, tuple[PersonName, set[int]]] = {}
    for k in clusters.members(i):
        local = clusters.locals[k]
        if local.parsed.full:
            names.setdefault(fold(local.name), (local.parsed, set()))[1].add(local.source)
    return names


def _attach_surnames(
    clusters: Clusters, full: list[int], single: list[int], common: Callable[[str], bool]
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
    clusters: Clusters, i: int, bearers: list[int], company: _Company
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


def _misspelled(clusters: Clusters, i: int, near: set[int], company: _Company) -> set[int]:
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


def _ambiguous(clusters: Clusters, bearers: set[int]) -> bool:
    """True when ``bearers`` (full names of one article) are several people."""
    here = [clusters.locals[k] for k in bearers]
    return any(person_match(a.parsed, b.parsed) is None for a in here for b in here)


class _Company:
    """Names of the entities each article mentions: the context a person appears in."""

    def __init__(self, locals_: list[Local]) -> None:
        self.by_source: defaultdict[int, set[str]] = defaultdict(set)
        for loc in locals_:
            self.by_source[loc.source].add(fold(loc.name))

    def of_group(self, clusters: Clusters, root: int) -> set[str]:
        sources = {clusters.locals[k].source for k in clusters.members(root)}
        return set().union(*(self.by_source[s] for s in sources))


def _choose(
    clusters: Clusters, i: int, roots: list[int], company: _Company
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


def _group_roles(clusters: Clusters, root: int) -> set[str]:
    return set().union(*(clusters.locals[k].roles for k in clusters.members(root)))


def _shared_roles(a: Local, b: Local) -> str:
    shared = sorted(a.roles & b.roles)
    return f"; shared role: {', '.join(shared)}" if shared else ""
