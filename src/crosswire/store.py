"""SQLite persistence of articles and their analyses (sqlite-utils).

Articles are keyed by content hash, so ingesting the same text twice changes
nothing. Analyses are keyed by article and by a fingerprint of the analysing
code and model, so a changed extractor recomputes instead of serving stale results.
Schema changes are numbered migrations, each run in a transaction.

Several processes may write to one store at once: the database is in WAL mode, every write
is one ``BEGIN IMMEDIATE`` transaction (one writer at a time, the others wait up to
``BUSY_TIMEOUT_S``) and rows are added with ``INSERT OR IGNORE``, so two overlapping
ingests both finish and lose nothing. A store is checked when opened: a damaged file, a
schema from a newer crosswire or a SQLite file that is not a crosswire store are refused
with a StoreError, without writing to it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from crosswire.errors import StoreError
from crosswire.model import (
    Article,
    ArticleAnalysis,
    ArticleSignature,
    Grouping,
    from_dict,
    to_dict,
)

__all__ = ["Store", "StoryTables", "MIGRATIONS", "analysis_fingerprint", "BUSY_TIMEOUT_S"]

BUSY_TIMEOUT_S = 60.0  # how long a writer waits for another process's transaction


def _m001_initial(db: Any) -> None:
    db.table("articles").create(
        {
            "id": str,
            "path": str,
            "outlet": str,
            "title": str,
            "url": str,
            "published": str,
            "added": str,
            "record": str,
        },
        pk="id",
    )
    db.table("analyses").create(
        {"article_id": str, "fingerprint": str, "record": str},
        pk=("article_id", "fingerprint"),
        foreign_keys=[("article_id", "articles", "id")],
    )


def _m002_stories(db: Any) -> None:
    """Stories (crosswire.group): membership with reasons, a candidate index, term counts."""
    db.execute(
        "create table stories (id integer primary key, title text, size integer, "
        "first_day text, last_day text, state text, updated text)"
    )
    db.execute(
        "create table story_articles (article_id text primary key, story_id integer, "
        "signature text)"
    )
    db.execute("create index story_articles_story on story_articles (story_id)")
    db.execute("create table story_terms (term text, story_id integer, unique (term, story_id))")
    db.execute("create index story_terms_term on story_terms (term)")
    db.execute("create table story_term_counts (term text primary key, n integer)")
    db.execute("create table story_meta (key text primary key, value integer)")
    db.execute(
        "create table story_events (id integer primary key, article_id text, story_id integer, "
        "kind text, score real, reason text, other integer, at text)"
    )
    db.execute("create index story_events_story on story_events (story_id)")


def _m003_story_terms_by_story(db: Any) -> None:
    """Index the candidate index by story: dropping a merged story's postings read the whole
    table (one merge took about 40 ms at 10,000 stored articles, growing with the store)."""
    db.execute("create index story_terms_story on story_terms (story_id)")


MIGRATIONS: list[Callable[[Any], None]] = [
    _m001_initial,
    _m002_stories,
    _m003_story_terms_by_story,
]


@functools.cache
def analysis_fingerprint(model_name: str = "") -> str:
    """A hash of the per-article code (clean, analyze), its data files (the cue lexicons) and
    the model that produced analyses: a change to any of them recomputes stored analyses."""
    digest = hashlib.sha256(model_name.encode())
    package = resources.files("crosswire")
    for name in ("clean.py", "model.py"):
        digest.update(package.joinpath(name).read_bytes())
    analyze = package.joinpath("analyze")
    code = [item for item in analyze.iterdir() if item.name.endswith(".py")]
    data = [item for item in analyze.joinpath("data").iterdir() if item.is_file()]
    for item in sorted(code, key=lambda p: p.name) + sorted(data, key=lambda p: p.name):
        digest.update(item.name.encode())
        digest.update(item.read_bytes())
    return digest.hexdigest()[:16]


class Store:
    """A crosswire database file.

    ``create=False`` refuses a path that does not exist instead of making an empty store
    (for commands that only read one).
    """

    def __init__(self, path: str | Path, model_name: str = "", create: bool = True) -> None:
        import sqlite_utils

        self.path = str(path)
        if not create and not Path(self.path).is_file():
            raise StoreError(
                f"{self.path}: no such database; create it with "
                f"`crosswire ingest PATH --db {self.path}`"
            )
        if Path(self.path).is_dir():
            raise StoreError(f"{self.path}: is a folder, not a database file")
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            self.db = sqlite_utils.Database(conn)
            _retry_while_locked(self._check)
            _retry_while_locked(lambda: conn.execute("pragma journal_mode=wal"))
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable crosswire database ({exc})") from exc
        self.fingerprint = analysis_fingerprint(model_name)

    def _check(self) -> None:
        """Refuse a damaged file, a foreign SQLite file or a newer schema, writing nothing."""
        rows = self.db.execute("pragma quick_check").fetchall()
        if [tuple(r) for r in rows] != [("ok",)]:
            problem = "; ".join(str(r[0]) for r in rows[:3])
            raise StoreError(
                f"{self.path}: the database file is damaged ({problem}); "
                "restore it from a backup or ingest the articles into a new one"
            )
        tables = set(self.db.table_names())
        if tables and "migrations" not in tables:
            raise StoreError(
                f"{self.path}: a SQLite database that is not a crosswire store "
                f"(it has tables {', '.join(sorted(tables)[:5])}); give another --db path"
            )
        if self.version > len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: made by a newer crosswire (schema {self.version}; this version "
                f"knows up to {len(MIGRATIONS)}); upgrade crosswire to use it"
            )

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; other processes wait for it (up to BUSY_TIMEOUT_S)."""
        conn = self.db.conn
        conn.execute("begin immediate")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("rollback")
            raise
        if conn.in_transaction:
            conn.execute("commit")

    @property
    def version(self) -> int:
        if "migrations" not in self.db.table_names():
            return 0
        row = self.db.execute("select max(version) from migrations").fetchone()
        return int(row[0] or 0)

    def migrate(self) -> None:
        """Apply every migration newer than the database, each in its own transaction.

        The version is read again inside the write transaction, so two processes opening a
        new store at once apply each migration once.
        """
        for version, migration in enumerate(MIGRATIONS, start=1):
            if version <= self.version:
                continue
            with self.transaction():
                if "migrations" not in self.db.table_names():
                    self.db.execute(
                        "create table migrations (version integer primary key, applied text)"
                    )
                if version <= self.version:
                    continue
                migration(self.db)
                self.db.execute(
                    "insert into migrations (version, applied) values (?, ?)", [version, _now()]
                )

    def add_articles(self, articles: Iterable[Article]) -> int:
        """Store ``articles`` (uncleaned, as read); returns how many were new."""
        added = 0
        with self.transaction():
            for article in articles:
                cursor = self.db.execute(
                    "insert or ignore into articles "
                    "(id, path, outlet, title, url, published, added, record) "
                    "values (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        article.id,
                        article.path,
                        article.outlet,
                        article.title,
                        article.url,
                        article.published,
                        _now(),
                        json.dumps(to_dict(article)),
                    ],
                )
                added += cursor.rowcount
        return added

    def articles(self) -> list[Article]:
        rows = self.db.execute("select record from articles order by added, rowid").fetchall()
        return [from_dict(Article, json.loads(row[0])) for row in rows]

    def list_articles(self) -> list[dict[str, Any]]:
        """One row per stored article, with whether a current analysis exists."""
        sql = (
            "select a.id, a.outlet, a.published, a.title, a.path, "
            "exists(select 1 from analyses n where n.article_id = a.id and n.fingerprint = ?) "
            "as analysed from articles a order by a.added, a.rowid"
        )
        cursor = self.db.execute(sql, [self.fingerprint])
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def load_analyses(self, articles: Iterable[Article]) -> dict[str, ArticleAnalysis]:
        """Stored analyses of ``articles`` made by the current code, by article id."""
        found: dict[str, ArticleAnalysis] = {}
        for article in articles:
            row = self.db.execute(
                "select record from analyses where article_id = ? and fingerprint = ?",
                [article.id, self.fingerprint],
            ).fetchone()
            if row is not None:
                found[article.id] = from_dict(ArticleAnalysis, json.loads(row[0]))
        return found

    def save_analysis(self, analysis: ArticleAnalysis) -> None:
        self.add_articles([analysis.article])
        with self.transaction():
            self.db.execute(
                "insert or replace into analyses (article_id, fingerprint, record) "
                "values (?, ?, ?)",
                [analysis.article.id, self.fingerprint, json.dumps(to_dict(analysis))],
            )


def _retry_while_locked(step: Callable[[], object]) -> None:
    """Run ``step``, retrying while another process holds the file (up to BUSY_TIMEOUT_S).

    SQLite's busy timeout does not cover every lock: switching a new file to WAL, or reading
    it while another process does, can fail at once with "database is locked".
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class StoryTables:
    """The store's stories, as a ``group.StoryBackend`` (incremental grouping writes through it).

    Callers wrap each article's placement in ``with store.transaction():`` so it is one
    transaction, and two processes placing articles at once take turns.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.execute = store.db.conn.execute

    # --------------------------------------------------------- StoryBackend

    def article_count(self) -> int:
        row = self.execute("select value from story_meta where key = 'articles'").fetchone()
        return int(row[0]) if row else 0

    def frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        wanted = list(terms)
        found: dict[str, int] = dict.fromkeys(wanted, 0)
        for chunk in _chunks(wanted, 500):
            marks = ",".join("?" * len(chunk))
            sql = f"select term, n from story_term_counts where term in ({marks})"
            found.update({t: int(n) for t, n in self.execute(sql, chunk)})
        return found

    def count(self, terms: Mapping[str, int]) -> None:
        self.execute(
            "insert into story_meta values ('articles', 1) "
            "on conflict(key) do update set value = value + 1"
        )
        # occurrences, as grouping counts them in memory (``MemoryBackend.count``): the same
        # statistics whether an article is placed by ``ingest`` or in a batch regrouping
        self.store.db.conn.executemany(
            "insert into story_term_counts values (?, ?) "
            "on conflict(term) do update set n = n + excluded.n",
            list(terms.items()),
        )

    def postings(self, terms: Iterable[str], per_term: int) -> list[tuple[str, int]]:
        found: list[tuple[str, int]] = []
        for term in terms:
            rows = self.execute(
                "select story_id from story_terms where term = ? order by rowid desc limit ?",
                [term, per_term],
            )
            found += [(term, int(r[0])) for r in rows]
        return found

    def index_terms(self, story: int, terms: Iterable[str]) -> None:
        # replace, so the row moves to the end: postings are read most recent first
        self.store.db.conn.executemany(
            "insert or replace into story_terms (term, story_id) values (?, ?)",
            [(t, story) for t in terms],
        )

    def story(self, story: int) -> Any:
        from crosswire.group.backend import StoryState

        row = self.execute(
            "select id, title, size, first_day, last_day, state from stories where id = ?",
            [story],
        ).fetchone()
        if row is None:
            return None
        state = json.loads(row[5])
        return StoryState(
            id=int(row[0]),
            centroid=state["centroid"],
            size=int(row[2]),
            first_day=row[3],
            last_day=row[4],
            title=row[1],
            next_check=int(state.get("next_check", 4)),
            norm=float(state.get("norm", 0.0)),
        )

    def put_story(self, state: Any) -> None:
        self.execute(
            "insert or replace into stories (id, title, size, first_day, last_day, state, updated)"
            " values (?, ?, ?, ?, ?, ?, ?)",
            [
                state.id,
                state.title,
                state.size,
                state.first_day,
                state.last_day,
                json.dumps(
                    {"centroid": state.centroid, "next_check": state.next_check, "norm": state.norm}
                ),
                _now(),
            ],
        )

    def drop_story(self, story: int) -> None:
        self.execute("delete from stories where id = ?", [story])
        self.execute("delete from story_terms where story_id = ?", [story])

    def new_id(self) -> int:
        row = self.execute(
            "select max(m) from (select max(id) as m from stories "
            "union all select max(story_id) from story_events)"
        ).fetchone()
        return int(row[0] or 0) + 1

    def assign(self, signature: ArticleSignature, decision: Grouping) -> None:
        self.execute(
            "insert or replace into story_articles values (?, ?, ?)",
            [signature.article_id, decision.story, json.dumps(to_dict(signature))],
        )
        self.log(decision)

    def move(self, article_ids: Iterable[str], story: int) -> None:
        self.store.db.conn.executemany(
            "update story_articles set story_id = ? where article_id = ?",
            [(story, a) for a in article_ids],
        )

    def members(self, story: int) -> list[ArticleSignature]:
        rows = self.execute(
            "select signature from story_articles where story_id = ? order by rowid", [story]
        )
        return [from_dict(ArticleSignature, json.loads(r[0])) for r in rows]

    def log(self, decision: Grouping) -> None:
        self.execute(
            "insert into story_events (article_id, story_id, kind, score, reason, other, at) "
            "values (?, ?, ?, ?, ?, ?, ?)",
            [
                decision.article_id,
                decision.story,
                decision.kind,
                decision.score,
                decision.reason,
                decision.other,
                _now(),
            ],
        )

    # --------------------------------------------------------- reading

    def is_grouped(self, article_id: str) -> bool:
        """Whether the article is already in a story (placed by this or another process)."""
        row = self.execute(
            "select 1 from story_articles where article_id = ?", [article_id]
        ).fetchone()
        return row is not None

    def grouped(self) -> set[str]:
        """Ids of the articles already placed in a story."""
        return {r[0] for r in self.execute("select article_id from story_articles")}

    def stories(self) -> list[dict[str, Any]]:
        """One row per story, largest first: id, title, size, first_day, last_day."""
        cursor = self.execute(
            "select id, title, size, first_day, last_day from stories "
            "order by size desc, last_day desc, id"
        )
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def signatures(self) -> list[ArticleSignature]:
        rows = self.execute("select signature from story_articles order by rowid")
        return [from_dict(ArticleSignature, json.loads(r[0])) for r in rows]

    def membership(self) -> dict[str, int]:
        """Article id -> story id, for every placed article."""
        rows = self.execute("select article_id, story_id from story_articles order by rowid")
        return {r[0]: int(r[1]) for r in rows}

    def article_ids(self, story: int) -> list[str]:
        rows = self.execute(
            "select article_id from story_articles where story_id = ? order by rowid", [story]
        )
        return [r[0] for r in rows]

    def clusters(self) -> list[list[str]]:
        groups: dict[int, list[str]] = {}
        for article, story in self.execute(
            "select article_id, story_id from story_articles order by rowid"
        ):
            groups.setdefault(int(story), []).append(article)
        return list(groups.values())

    def events(self, story: int | None = None) -> list[Grouping]:
        """Grouping decisions, oldest first (of one story, or all)."""
        sql = "select article_id, story_id, kind, score, reason, other from story_events"
        rows = (
            self.execute(sql + " where story_id = ? or other = ? order by id", [story, story])
            if story is not None
            else self.execute(sql + " order by id")
        )
        return [Grouping(r[0], int(r[1]), r[2], float(r[3]), r[4], r[5]) for r in rows]

    def replace_with(
        self, backend: Any, renumber: dict[int, int] | None = None, reason: str = ""
    ) -> None:
        """Replace every story by those of an in-memory ``group.MemoryBackend`` (bulk)."""
        ids = renumber or {story: story for story in backend.stories}
        self.clear()
        conn = self.store.db.conn
        conn.executemany("insert into story_term_counts values (?, ?)", backend.df.items())
        self.execute("insert into story_meta values ('articles', ?)", [backend.documents])
        for old, state in backend.stories.items():
            if backend.member_ids.get(old):
                self.put_story(replace(state, id=ids[old]))
        conn.executemany(
            "insert into story_articles values (?, ?, ?)",
            (
                (a, ids[story], json.dumps(to_dict(backend.signatures[a])))
                for a, story in backend.story_of.items()
            ),
        )
        conn.executemany(
            "insert or ignore into story_terms (term, story_id) values (?, ?)",
            (
                (term, ids[story])
                for term, stories in backend.index.items()
                for story in stories
                if story in ids
            ),
        )
        if reason:
            conn.executemany(
                "insert into story_events (article_id, story_id, kind, score, reason, at) "
                "values (?, ?, 'joined', 0, ?, ?)",
                (
                    (a, ids[s], reason.format(story=ids[s]), _now())
                    for a, s in backend.story_of.items()
                ),
            )

    def clear(self) -> None:
        """Forget every story (batch regrouping rebuilds them)."""
        for table in ("stories", "story_articles", "story_terms", "story_term_counts"):
            self.execute(f"delete from {table}")
        self.execute("delete from story_meta where key = 'articles'")


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
