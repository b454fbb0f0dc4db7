"""Stories in the SQLite store: same decisions as in memory, ids stable, history kept."""

from __future__ import annotations

from pathlib import Path

from crosswire.group import MemoryBackend, StoryIndex
from crosswire.model import ArticleSignature
from crosswire.store import Store, StoryTables

WORDS = ["ferry", "fire", "quake", "strike", "vote", "flood"]


def signatures() -> list[ArticleSignature]:
    """Six made-up events, five articles each, interleaved in time."""
    found = []
    for n in range(30):
        event = WORDS[n % 6]
        terms = {event: 3, f"@{event}_town": 2, f"{event}_detail": 1, f"extra{n}": 1}
        found.append(ArticleSignature(f"a{n:02d}", terms, f"2025-10-{1 + n // 6:02d}"))
    return found


def test_store_backend_groups_like_the_memory_backend(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    assert store.version >= 2
    tables = StoryTables(store)
    stored, memory = StoryIndex(tables), StoryIndex(MemoryBackend())
    for signature in signatures():
        with store.db.conn:
            stored.add(signature)
        memory.add(signature)
    assert sorted(map(sorted, tables.clusters())) == sorted(map(sorted, memory.clusters()))
    assert len(tables.clusters()) == 6
    assert tables.article_count() == 30
    # the same term statistics too (occurrences), so the same vectors whatever the backend
    terms = ["ferry", "@ferry_town", "ferry_detail", "extra3"]
    backend = memory.backend
    assert isinstance(backend, MemoryBackend)
    assert (
        tables.frequencies(terms)
        == backend.frequencies(terms)
        == {
            "ferry": 15,
            "@ferry_town": 10,
            "ferry_detail": 5,
            "extra3": 1,
        }
    )
    one = signatures()[0]
    assert stored.vector(one) == memory.vector(one)


def test_story_ids_stay_stable_and_every_decision_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    items = signatures()
    store = Store(path)
    index = StoryIndex(StoryTables(store))
    for signature in items[:12]:
        with store.db.conn:
            index.add(signature)
    before = StoryTables(store).membership()
    # a new process opens the store and goes on
    reopened = Store(path)
    tables = StoryTables(reopened)
    index = StoryIndex(tables)
    for signature in items[12:]:
        with reopened.db.conn:
            index.add(signature)
    after = tables.membership()
    assert all(after[a] == story for a, story in before.items())
    events = tables.events()
    assert len([e for e in events if e.kind in ("started", "joined")]) == 30
    assert all(e.reason for e in events)
    story = after["a00"]
    assert {e.article_id for e in tables.events(story)} >= {"a00", "a06", "a12"}


def test_regroup_keeps_ids_and_reports_the_change(tmp_path: Path) -> None:
    from crosswire.group import regroup

    store = Store(tmp_path / "s.db")
    tables = StoryTables(store)
    index = StoryIndex(tables)
    for signature in signatures():
        with store.db.conn:
            index.add(signature)
    before = tables.membership()
    change = regroup(store)
    assert change["articles"] == 30 and change["stories_after"] == 6
    assert change["b3_f1_vs_before"] == 1.0
    assert tables.membership() == before


def test_regroup_of_a_store_without_stories_changes_nothing(tmp_path: Path) -> None:
    from crosswire.group import regroup

    change = regroup(Store(tmp_path / "empty.db"))
    assert change["articles"] == 0 and change["stories_after"] == 0


def test_dropping_a_merged_story_reads_its_postings_through_an_index(tmp_path: Path) -> None:
    # without an index by story, a merge's drop scanned every posting of the store
    store = Store(tmp_path / "s.db")
    plan = store.db.execute(
        "explain query plan delete from story_terms where story_id = ?", [1]
    ).fetchall()
    assert any("story_terms_story" in str(row[-1]) for row in plan), plan
    tables = StoryTables(store)
    with store.transaction():
        tables.index_terms(1, ["ferry", "fog"])
        tables.index_terms(2, ["ferry"])
        tables.drop_story(1)
    assert tables.postings(["ferry", "fog"], 10) == [("ferry", 2)]
