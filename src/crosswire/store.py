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
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from crosswire.errors import StoreError
from crosswire.model import Article, ArticleAnalysis, from_dict, to_dict

__all__ = ["Store", "MIGRATIONS", "analysis_fingerprint", "BUSY_TIMEOUT_S"]

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


MIGRATIONS: list[Callable[[Any], None]] = [_m001_initial]


@functools.cache
def analysis_fingerprint(model_name: str = "") -> str:
    """A hash of the per-article code (clean, analyze) and the model that produced analyses."""
    digest = hashlib.sha256(model_name.encode())
    package = resources.files("crosswire")
    for name in ("clean.py", "model.py"):
        digest.update(package.joinpath(name).read_bytes())
    for item in sorted(package.joinpath("analyze").iterdir(), key=lambda p: p.name):
        if item.name.endswith(".py"):
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
            self._check()
            conn.execute("pragma journal_mode=wal")
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
    def _write(self) -> Iterator[None]:
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
            with self._write():
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
        with self._write():
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
        with self._write():
            self.db.execute(
                "insert or replace into analyses (article_id, fingerprint, record) "
                "values (?, ?, ?)",
                [analysis.article.id, self.fingerprint, json.dumps(to_dict(analysis))],
            )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
