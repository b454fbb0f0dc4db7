"""SQLite persistence of articles and their analyses (sqlite-utils).

Articles are keyed by content hash, so ingesting the same text twice changes
nothing. Analyses are keyed by article and by a fingerprint of the analysing
code and model, so a changed extractor recomputes instead of serving stale results.
Schema changes are numbered migrations, each run in a transaction.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from crosswire.errors import StoreError
from crosswire.model import Article, ArticleAnalysis, from_dict, to_dict

__all__ = ["Store", "MIGRATIONS", "analysis_fingerprint"]


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
    """A crosswire database file."""

    def __init__(self, path: str | Path, model_name: str = "") -> None:
        import sqlite_utils

        self.path = str(path)
        try:
            self.db = sqlite_utils.Database(self.path)
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable crosswire database ({exc})") from exc
        self.fingerprint = analysis_fingerprint(model_name)

    @property
    def version(self) -> int:
        if "migrations" not in self.db.table_names():
            return 0
        row = self.db.execute("select max(version) from migrations").fetchone()
        return int(row[0] or 0)

    def migrate(self) -> None:
        """Apply every migration newer than the database, each in its own transaction."""
        if "migrations" not in self.db.table_names():
            self.db.table("migrations").create({"version": int, "applied": str}, pk="version")
        for version, migration in enumerate(MIGRATIONS, start=1):
            if version <= self.version:
                continue
            with self.db.conn:
                migration(self.db)
                self.db.table("migrations").insert({"version": version, "applied": _now()})

    def add_articles(self, articles: Iterable[Article]) -> int:
        """Store ``articles`` (uncleaned, as read); returns how many were new."""
        added = 0
        with self.db.conn:
            for article in articles:
                if self._has_article(article.id):
                    continue
                self.db.table("articles").insert(
                    {
                        "id": article.id,
                        "path": article.path,
                        "outlet": article.outlet,
                        "title": article.title,
                        "url": article.url,
                        "published": article.published,
                        "added": _now(),
                        "record": json.dumps(to_dict(article)),
                    }
                )
                added += 1
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
        with self.db.conn:
            self.db.table("analyses").upsert(
                {
                    "article_id": analysis.article.id,
                    "fingerprint": self.fingerprint,
                    "record": json.dumps(to_dict(analysis)),
                },
                pk=("article_id", "fingerprint"),
            )

    def _has_article(self, article_id: str) -> bool:
        return (
            self.db.execute("select 1 from articles where id = ?", [article_id]).fetchone()
            is not None
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
