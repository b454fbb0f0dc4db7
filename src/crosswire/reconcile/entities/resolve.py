"""Which entity a name written in one article refers to, for the stages after this one.

Quotes and claims carry their speakers' names as written; ``resolve_entity`` maps such a
name to its canonical entity, preferring the entities that article names and the one it
writes that way itself, so a surname two people share resolves to the one the article means.
"""

from __future__ import annotations

from crosswire.model import Entity
from crosswire.names import (
    PersonName,
    first_names_match,
    fold,
    parse_person,
    person_match,
    place_key,
    surnames_match,
)
from crosswire.reconcile.entities.organisations import name_link

__all__ = ["resolve_entity"]


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
        and any(place_key(v)[0] == place or name_link(v, name) for v in (e.name, *e.variants))
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
