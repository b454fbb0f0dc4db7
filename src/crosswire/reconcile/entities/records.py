"""What the stage hands on: one ``Entity`` per merged group, and every mention with its entity.

An entity is named by its most complete well-attested form (for a person, the full name
whose parts most sources spell that way), so one article's slip or run-on does not name
it; variants and roles are ranked by how often they are written, and every mention is kept
as evidence with its source and offsets.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from crosswire.model import Entity, Evidence, Story
from crosswire.names import fold, parse_person
from crosswire.reconcile.entities.clusters import TYPES, Clusters, Local

__all__ = ["build_entity", "mention_records"]


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


def build_entity(clusters: Clusters, group: list[int]) -> Entity:
    """The ``Entity`` one merged group of locals stands for."""
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


def _in_article_links(locals_: list[Local]) -> list[str]:
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


def _canonical(locals_: list[Local], kind: str) -> str:
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
