"""The SQLite store: idempotent ingest, migrations, reuse of stored analyses."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest import EXAMPLE
from crosswire.errors import StoreError
from crosswire.ingest import read_articles
from crosswire.model import Story
from crosswire.pipeline import analyze_story, sources_of
from crosswire.reconcile.independence import find_copies
from crosswire.store import MIGRATIONS, Store


def test_migrations_run_once_and_record_the_version(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    Store(path)
    store = Store(path)  # reopening applies nothing twice
    assert store.version == len(MIGRATIONS)
    rows = store.db.execute("select count(*) from migrations").fetchone()
    assert rows[0] == len(MIGRATIONS)


def test_ingesting_twice_adds_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    articles = read_articles([EXAMPLE]).articles
    assert store.add_articles(articles) == len(articles)
    assert store.add_articles(articles) == 0
    assert [a.id for a in store.articles()] == [a.id for a in articles]


def test_stored_analyses_are_reused_not_recomputed(
    tmp_path: Path, example_story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path / "x.db")
    for analysis in example_story.analyses:
        store.save_analysis(analysis)

    def fail(*_: object, **__: object) -> None:
        raise AssertionError("analysis was recomputed")

    monkeypatch.setattr("crosswire.pipeline.analyze_articles", fail)
    articles = read_articles([EXAMPLE]).articles
    story = analyze_story(articles, store=store)
    assert story.analyses == example_story.analyses


def test_analyses_of_other_code_versions_are_not_served(
    tmp_path: Path, example_story: Story
) -> None:
    store = Store(tmp_path / "x.db")
    store.save_analysis(example_story.analyses[0])
    other = Store(tmp_path / "x.db")
    other.fingerprint = "from-older-code"
    assert other.load_analyses([example_story.analyses[0].article]) == {}


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="bad.db"):
        Store(path)


def test_list_reports_analysis_state(tmp_path: Path, example_story: Story) -> None:
    store = Store(tmp_path / "x.db")
    store.add_articles(example_story.articles)
    store.save_analysis(example_story.analyses[0])
    rows = store.list_articles()
    assert len(rows) == len(example_story.analyses)
    assert sum(row["analysed"] for row in rows) == 1
    assert isinstance(store.db.conn, sqlite3.Connection)


def test_the_same_article_given_twice_is_listed_as_a_copy_and_counted_once(
    tmp_path: Path, example_story: Story
) -> None:
    store = Store(tmp_path / "x.db")
    for analysis in example_story.analyses:
        store.save_analysis(analysis)
    articles = read_articles([EXAMPLE, EXAMPLE / "baltic-wire.txt"]).articles
    assert len(articles) == len(example_story.analyses) + 1
    story = analyze_story(articles, store=store)  # everything stored: no model is loaded
    assert len(story.articles) == len(articles)  # every input that was read is listed
    assert len(store.list_articles()) == len(example_story.analyses)  # analysed once
    copies = find_copies(story)
    second = len(articles)
    first = next(n for n, a in enumerate(story.articles, 1) if a.id == articles[-1].id)
    assert copies.duplicate_of[second] == first or copies.duplicate_of[first] == second
    assert copies.identical & {first, second}
    sources = sources_of(story, copies.duplicate_of, copies)
    alone = find_copies(example_story).duplicate_of
    assert sum(1 for s in sources if s.duplicate_of is None) == sum(
        1 for parent in alone.values() if parent is None
    )  # counted once
    assert {s.outlet for s in sources} == {a.outlet for a in articles}  # its outlet kept


def test_a_changed_cue_lexicon_changes_the_analysis_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The per-article analysis reads data files (cue lexicons): editing one must make stored
    analyses stale, as editing the code does."""
    import shutil

    import crosswire
    from crosswire import store as store_module

    copy = tmp_path / "crosswire"
    shutil.copytree(Path(crosswire.__file__).parent, copy)
    monkeypatch.setattr(store_module.resources, "files", lambda _: copy)
    fingerprint = store_module.analysis_fingerprint.__wrapped__  # not the cached value
    before = fingerprint()
    cues = copy / "analyze" / "data" / "cues.tsv"
    cues.write_text(cues.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert fingerprint() != before
