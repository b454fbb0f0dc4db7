"""Across articles: one entity per referent, never one for two look-alikes; resolve_entity."""

from __future__ import annotations

from crosswire.model import Article, ArticleAnalysis, Entity, Mention, Story
from crosswire.reconcile.entities import reconcile_entities, resolve_entity


def _article(number: int, *names: tuple[str, str] | tuple[str, str, str]) -> ArticleAnalysis:
    """An analysed article whose mentions are ``(text, label[, in-article name])``."""
    text, mentions = "", []
    for item in names:
        surface, label = item[0], item[1]
        start = len(text)
        text += surface + ". "
        name = item[2] if len(item) == 3 else surface
        mentions.append(Mention(f"a{number}", start, start + len(surface), surface, label, name))
    return ArticleAnalysis(Article(id=f"a{number}", text=text, outlet=f"o{number}"), [], mentions)


def _find(entities: list[Entity], variant: str) -> list[Entity]:
    return [e for e in entities if variant in e.variants]


def test_transliterations_merge_into_one_person_with_reasons() -> None:
    story = Story(
        [
            _article(1, ("Sergey Ryabkov", "PERSON"), ("Ryabkov", "PERSON", "Sergey Ryabkov")),
            _article(2, ("Sergei Ryabkov", "PERSON")),
            _article(
                3, ("Sergei A. Ryapkov", "PERSON"), ("Riabkov", "PERSON", "Sergei A. Ryapkov")
            ),
            _article(4, ("Ryabkov", "PERSON")),
        ]
    )
    entities = reconcile_entities(story)
    (ryabkov,) = _find(entities, "Riabkov")
    assert ryabkov.sources == [1, 2, 3, 4]
    assert ryabkov.name == "Sergei Ryabkov"
    assert {"Sergey Ryabkov", "Ryapkov", "Sergei A. Ryapkov"} - set(ryabkov.variants) == {"Ryapkov"}
    assert ryabkov.mentions == len(ryabkov.evidence) == 6
    assert any("spelled alike" in reason for reason in ryabkov.merged_because)
    assert len([e for e in entities if e.type == "PERSON"]) == 1


def test_people_sharing_a_surname_and_a_lone_given_name_stay_apart() -> None:
    story = Story(
        [
            _article(1, ("Marko Tamm", "PERSON"), ("Tamm", "PERSON", "Marko Tamm")),
            _article(2, ("Liisa Tamm", "PERSON")),
            _article(3, ("Marko Tamm", "PERSON"), ("Marko", "PERSON")),
            _article(4, ("Liisa", "PERSON")),
        ]
    )
    entities = reconcile_entities(story)
    marko, liisa = _find(entities, "Marko Tamm"), _find(entities, "Liisa Tamm")
    assert len(marko) == len(liisa) == 1 and marko[0] is not liisa[0]
    assert _find(entities, "Liisa")[0] is not liisa[0]  # a given name alone is not evidence


def test_a_lone_surname_with_two_equal_bearers_is_left_alone() -> None:
    story = Story(
        [
            _article(1, ("Joe Biden", "PERSON")),
            _article(2, ("Jill Biden", "PERSON")),
            _article(3, ("Biden", "PERSON")),
        ]
    )
    entities = reconcile_entities(story)
    assert len(entities) == 3


def test_places_merge_by_alias_and_dots_but_not_by_containment() -> None:
    story = Story(
        [
            _article(1, ("U.S.", "GPE"), ("Mexico", "GPE"), ("NATO", "ORG")),
            _article(2, ("United States", "GPE"), ("Mexico City", "GPE")),
            _article(3, ("US", "GPE"), ("North Atlantic Alliance", "ORG"), ("НАТО", "ORG")),
        ]
    )
    entities = reconcile_entities(story)
    (us,) = _find(entities, "U.S.")
    assert set(us.variants) == {"U.S.", "United States", "US"} and us.name == "United States"
    (nato,) = _find(entities, "NATO")
    assert {"North Atlantic Alliance", "НАТО"} <= set(nato.variants)
    assert _find(entities, "Mexico")[0] is not _find(entities, "Mexico City")[0]


def test_spacy_mislabels_are_judged_across_the_story() -> None:
    story = Story(
        [
            _article(1, ("Tallinn", "GPE"), ("Helena Lindqvist", "PERSON")),
            _article(2, ("Tallinn", "PERSON"), ("Helena Lindqvist", "ORG")),
        ]
    )
    entities = reconcile_entities(story)
    (tallinn,) = _find(entities, "Tallinn")
    assert tallinn.type == "GPE" and tallinn.sources == [1, 2]
    (helena,) = _find(entities, "Helena Lindqvist")
    assert helena.type == "PERSON" and helena.sources == [1, 2]


def test_resolve_entity_finds_speakers_by_name_or_surname() -> None:
    story = Story(
        [
            _article(1, ("Wendy R. Sherman", "PERSON"), ("Sherman", "PERSON", "Wendy R. Sherman")),
            _article(2, ("Wendy Sherman", "PERSON"), ("Sergei Ryabkov", "PERSON")),
        ]
    )
    entities = reconcile_entities(story)
    sherman = resolve_entity(entities, 1, "Wendy R. Sherman")
    assert sherman is not None and {"Wendy Sherman", "Wendy R. Sherman"} <= set(sherman.variants)
    assert resolve_entity(entities, 2, "Sherman") is sherman
    assert resolve_entity(entities, 2, "Ms Sherman") is sherman
    ryabkov = resolve_entity(entities, 2, "Sergey Riabkov")
    assert ryabkov is not None and ryabkov.name == "Sergei Ryabkov"
    assert resolve_entity(entities, 2, "Jen Psaki") is None


def test_most_central_first() -> None:
    story = Story(
        [_article(1, ("Geneva", "GPE"), ("Vienna", "GPE")), _article(2, ("Vienna", "GPE"))]
    )
    assert [e.name for e in reconcile_entities(story)] == ["Vienna", "Geneva"]
