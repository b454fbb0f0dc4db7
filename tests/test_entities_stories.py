"""Acceptance: the who's who of the reference sample and of the bundled example story."""

from __future__ import annotations

from typing import Any

from crosswire.model import Entity, Story
from crosswire.reconcile.entities import reconcile_entities


def _with(entities: list[Entity], variant: str) -> list[Entity]:
    return [e for e in entities if variant in e.variants or e.name == variant]


def test_geneva_people(geneva_story: Story) -> None:
    entities = reconcile_entities(geneva_story)
    (ryabkov,) = _with(entities, "Riabkov")
    assert ryabkov.name == "Sergei Ryabkov"
    assert {"Sergey Ryabkov", "Ryapkov", "Riabkov", "Sergei A. Ryapkov"} <= set(ryabkov.variants)
    assert "Deputy Foreign Minister" in ryabkov.roles
    assert ryabkov.sources == [1, 2, 3, 4, 5]
    (sherman,) = _with(entities, "Wendy Sherman")
    assert sherman.sources == [1, 2, 3, 4, 5] and "Deputy Secretary of State" in sherman.roles
    (blinken,) = _with(entities, "Antony Blinken")
    assert "Anthony Blinken" in blinken.variants
    for name in ("Vladimir Putin", "Jens Stoltenberg", "Joe Biden", "Jen Psaki", "Ned Price"):
        assert len(_with(entities, name)) == 1, name


def test_geneva_places_and_organisations_once(geneva_story: Story) -> None:
    entities = reconcile_entities(geneva_story)
    for name in ("NATO", "OSCE", "Geneva", "Brussels", "Vienna", "Ukraine", "Russia"):
        assert len(_with(entities, name)) == 1, name
    assert len(_with(entities, "United States")) == 1


def test_geneva_no_entity_joins_two_people(geneva_story: Story) -> None:
    people = [e for e in reconcile_entities(geneva_story) if e.type == "PERSON"]
    surnames = {"Ryabkov", "Sherman", "Blinken", "Putin", "Stoltenberg", "Biden", "Psaki"}
    for entity in people:
        assert len({s for s in surnames if any(s in v for v in entity.variants)}) <= 1


def test_every_entity_has_checkable_evidence(geneva_story: Story) -> None:
    texts = [a.text for a in geneva_story.articles]
    for entity in reconcile_entities(geneva_story):
        assert entity.mentions == len(entity.evidence)
        for ev in entity.evidence:
            assert texts[ev.source - 1][ev.start : ev.end] in entity.variants
        if len(entity.sources) > 1:
            assert entity.merged_because


def test_ferry_who_is_who(example_story: Story, example_expectations: dict[str, Any]) -> None:
    entities = reconcile_entities(example_story)
    for expected in example_expectations["entities"]:
        if expected["type"] != "PERSON" or len(expected["variants"]) < 2:
            continue
        found = _with(entities, expected["name"])
        assert len(found) == 1, expected["name"]
        names = {v for v in expected["variants"] if v[0].isupper() and v[:3] not in {"Mr ", "Ms "}}
        seen = set(found[0].variants)
        assert seen & names, expected["name"]
        for other in expected["not_same_as"]:
            assert other not in seen
    for vessel in example_expectations["not_entities"]["vessels"]:
        assert not any(e.name == vessel and e.type in {"PERSON", "ORG"} for e in entities)
