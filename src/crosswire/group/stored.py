"""Stories in the store: place new articles, regroup everything, list and load stories."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING

from crosswire.config import DEFAULT, Settings
from crosswire.group.backend import MemoryBackend
from crosswire.group.batch import group_batch
from crosswire.group.index import StoryIndex
from crosswire.group.signature import signature_of
from crosswire.model import ArticleAnalysis, Grouping, Story, StorySummary

if TYPE_CHECKING:
    from crosswire.store import Store

__all__ = [
    "place_articles",
    "regroup",
    "split_into_stories",
    "summarise_story",
    "list_stories",
    "load_stored_story",
]


def place_articles(
    store: Store, analyses: Iterable[ArticleAnalysis], settings: Settings = DEFAULT
) -> list[Grouping]:
    """Put each analysed article not yet in a story into one (publication order), one
    transaction per article; returns the decisions made, merges and splits included."""
    from crosswire.store import StoryTables

    tables = StoryTables(store)
    placed = tables.grouped()
    todo = [signature_of(a) for a in analyses if a.article.id not in placed]
    index = StoryIndex(tables, settings)
    decisions: list[Grouping] = []
    for signature in sorted(todo, key=lambda s: s.day or ""):
        # BEGIN IMMEDIATE: another ingest placing articles at the same time waits its turn
        # and sees this article's story (ids and term counts stay consistent).
        with store.transaction():
            if not tables.is_grouped(signature.article_id):
                decisions += index.add(signature)
    return decisions


def regroup(store: Store, settings: Settings = DEFAULT) -> dict[str, float | int]:
    """Regroup every stored story article from scratch (batch), keeping the id of each story
    that survives; returns how far the batch result is from the stories before (B³)."""
    from crosswire.evaluate.coref import b_cubed
    from crosswire.store import StoryTables

    tables = StoryTables(store)
    signatures = tables.signatures()
    before = tables.membership()
    if not signatures:
        return {"articles": 0, "stories_before": 0, "stories_after": 0, "b3_f1_vs_before": 1.0}
    index = group_batch(signatures, settings)
    backend = index.backend
    assert isinstance(backend, MemoryBackend)
    renumber = _stable_ids(before, backend, tables.new_id())
    with store.transaction():
        tables.replace_with(backend, renumber, "regrouped (batch) into story {story}")
    after = tables.membership()
    agreement = b_cubed(_clusters(before), _clusters(after))
    return {
        "articles": len(signatures),
        "stories_before": len(set(before.values())),
        "stories_after": len(set(after.values())),
        "b3_f1_vs_before": round(agreement["f1"], 4),
    }


def _clusters(membership: dict[str, int]) -> list[set[Hashable]]:
    groups: dict[int, set[Hashable]] = {}
    for article, story in membership.items():
        groups.setdefault(story, set()).add(article)
    return list(groups.values())


def _stable_ids(before: dict[str, int], backend: MemoryBackend, fresh: int) -> dict[int, int]:
    """New story -> the old id whose articles it holds most of (each old id used once, the
    largest new stories choosing first), else a fresh id."""
    renumber: dict[int, int] = {}
    used: set[int] = set()
    for story, members in sorted(backend.member_ids.items(), key=lambda kv: -len(kv[1])):
        overlap = Counter(before[a] for a in members if a in before)
        choice = next((old for old, _ in overlap.most_common() if old not in used), None)
        if choice is None:
            choice, fresh = fresh, fresh + 1
        used.add(choice)
        renumber[story] = choice
    return renumber


def split_into_stories(
    analyses: list[ArticleAnalysis], settings: Settings = DEFAULT
) -> list[Story]:
    """The articles of a mixed folder as stories (batch grouping), largest first."""
    if len(analyses) < 2:
        return [Story(list(analyses))]
    by_id = {a.article.id: a for a in analyses}
    index = group_batch([signature_of(a) for a in analyses], settings)
    order = {a.article.id: n for n, a in enumerate(analyses)}
    stories = [
        Story(sorted((by_id[i] for i in ids), key=lambda a: order[a.article.id]))
        for ids in index.clusters()
    ]
    return sorted(stories, key=lambda s: (-len(s.analyses), order[s.analyses[0].article.id]))


def summarise_story(story_id: int, story: Story) -> StorySummary:
    """The listing row of one story: sources, outlets, dates, disagreements found."""
    from crosswire.pipeline import story_title
    from crosswire.reconcile.claims import reconcile_claims
    from crosswire.reconcile.entities import reconcile_entities
    from crosswire.reconcile.independence import find_duplicates

    duplicate_of = find_duplicates(story)
    claims = reconcile_claims(story, reconcile_entities(story), duplicate_of)
    days = sorted(a.published for a in story.articles if a.published)
    return StorySummary(
        id=story_id,
        title=story_title(story),
        articles=len(story.analyses),
        independent_sources=sum(1 for n in duplicate_of.values() if n is None)
        or len(story.analyses),
        outlets=sorted({a.outlet for a in story.articles}),
        first_day=days[0] if days else None,
        last_day=days[-1] if days else None,
        disagreements=sum(1 for c in claims if c.status == "discrepancy"),
        article_ids=[a.id for a in story.articles],
    )


def list_stories(store: Store) -> list[StorySummary]:
    """Every stored story, largest first."""
    from crosswire.store import StoryTables

    tables = StoryTables(store)
    return [
        summarise_story(row["id"], load_stored_story(store, row["id"])) for row in tables.stories()
    ]


def load_stored_story(store: Store, story_id: int) -> Story:
    """The analysed articles of one stored story, in publication order."""
    from crosswire.errors import StoreError
    from crosswire.store import StoryTables

    ids = StoryTables(store).article_ids(story_id)
    if not ids:
        raise StoreError(
            f"{store.path}: no story {story_id}; `crosswire stories --db {store.path}` lists them"
        )
    articles = {a.id: a for a in store.articles() if a.id in set(ids)}
    analyses = store.load_analyses(articles[i] for i in ids if i in articles)
    found = [analyses[i] for i in ids if i in analyses]
    if len(found) < len(ids):
        raise StoreError(
            f"{store.path}: story {story_id} has articles without a current analysis; "
            "re-run `crosswire ingest` on them"
        )
    return Story(sorted(found, key=lambda a: (a.article.published or "", ids.index(a.article.id))))
