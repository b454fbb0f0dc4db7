"""What the merging passes work on: each article's entities and the groups they merge into.

A ``Local`` is one entity as one article has it: the mentions that article links to one
fullest name (``analyze.entities``).  ``Clusters`` merges locals across articles (union-find)
and keeps the reason for every merge, so each ``Entity`` can say why it holds what it holds.
Kept apart from the passes so that each of them can share it without importing another.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from crosswire.model import Mention
from crosswire.names import PersonName, fold, parse_person, place_key

__all__ = ["TYPES", "Local", "Clusters", "union_all", "same_name_reason"]


# spaCy labels a who's who lists, and the type each is listed under.
TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "LOC"}


@dataclass
class Local:
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


class Clusters:
    """Union-find over locals, keeping the reasons each merge was made."""

    def __init__(self, locals_: list[Local]) -> None:
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


def union_all(clusters: Clusters, members: list[int], reason: str) -> None:
    """Merge all of ``members`` into one group, ``reason`` recorded for each merge made."""
    if len({clusters.find(i) for i in members}) > 1:
        for j in members[1:]:
            clusters.union(members[0], j, reason)


def same_name_reason(names: set[str], group: list[Local]) -> str:
    """Why locals written with these ``names`` are one: the same name, folded or aliased."""
    forms = sorted(names)
    sources = ", ".join(str(s) for s in sorted({loc.source for loc in group}))
    if len({fold(f) for f in forms}) == 1:
        return f"{forms[0]}: same name in sources {sources}"
    alias = any(place_key(f)[1] for f in forms)
    why = "known alternative names" if alias else "same name once case, dots and 'the' are ignored"
    return f"{' / '.join(forms)}: {why} (sources {sources})"
