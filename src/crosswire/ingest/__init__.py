"""Reading articles from files, folders and stdin: one reader per input kind.

A bad input is reported (``Ingested.problems``) and skipped, never fatal, unless
``Settings.strict`` is set, in which case the first one is raised. Inside a folder, every
entry that is not read is reported with its reason too (SkippedInputError): files of
other types, ``_``/``.``-prefixed names, READMEs, symlink loops, dangling links and
folders that cannot be listed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosswire.config import DEFAULT, Settings
from crosswire.errors import (
    InputError,
    MissingPathError,
    SkippedInputError,
    TooLargeError,
    UnsupportedFormatError,
)
from crosswire.ingest.common import decode
from crosswire.ingest.html import read_html
from crosswire.ingest.jsonl import read_json, read_jsonl
from crosswire.ingest.language import english_warning
from crosswire.ingest.text import read_text
from crosswire.model import Article

__all__ = ["Ingested", "read_articles", "expand_paths", "read_path", "SUFFIXES", "STDIN"]

STDIN = "-"
SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
}


@dataclass
class Ingested:
    articles: list[Article] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)  # skipped inputs
    warnings: list[InputError] = field(default_factory=list)  # kept, but worth a look


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[str], list[InputError]]:
    """Files to read, folders expanded recursively in sorted order; what is not read reported."""
    files: list[str] = []
    problems: list[InputError] = []
    for raw in paths:
        name = str(raw)
        path = Path(name)
        if name == STDIN:
            files.append(STDIN)
        elif path.is_dir():
            _walk(path, files, problems, {_identity(path)})
        elif path.is_file():
            files.append(name)
        elif path.is_symlink():
            problems.append(MissingPathError(name, "a link to nothing (dangling symlink)"))
        else:
            problems.append(MissingPathError(name, "no such file or folder"))
    return files, problems


def _walk(folder: Path, files: list[str], problems: list[InputError], seen: set[Any]) -> None:
    """Add the readable files under ``folder``; report every entry that is not read."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        problems.append(SkippedInputError(str(folder), f"cannot list the folder ({exc.strerror})"))
        return
    for entry in entries:
        child = Path(entry.path)
        reason = _skip_reason(entry)
        if reason is not None:
            problems.append(SkippedInputError(str(child), reason))
            continue
        if entry.is_dir():
            identity = _identity(child)
            if identity in seen:
                problems.append(
                    SkippedInputError(str(child), "a symlink loop (folder already being read)")
                )
                continue
            _walk(child, files, problems, seen | {identity})
        else:
            files.append(str(child))


def _skip_reason(entry: os.DirEntry[str]) -> str | None:
    """Why a folder entry is not read, or None when it is an article file or a folder."""
    name = entry.name
    try:
        is_dir = entry.is_dir()
        is_file = entry.is_file()
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if name.startswith("."):
        return "hidden (name starts with '.')"
    if name.startswith("_"):
        return "name starts with '_' (kept for notes and drafts)"
    if is_dir:
        return None
    if entry.is_symlink() and not is_file:
        return "a link to nothing (dangling symlink)"
    if not is_file:
        return "not a regular file"
    if name.lower().startswith("readme."):
        return "a README, not an article"
    if Path(name).suffix.lower() not in SUFFIXES:
        return f"unknown file type; expected one of {', '.join(sorted(SUFFIXES))}"
    return None


def _identity(folder: Path) -> Any:
    try:
        info = folder.stat()
    except OSError:
        return str(folder.resolve())
    return (info.st_dev, info.st_ino)


def read_path(path: str, settings: Settings = DEFAULT) -> Iterator[Article | InputError]:
    """Articles in one file (or stdin as JSONL), or the errors that stopped them."""
    try:
        if path == STDIN:
            yield from read_jsonl("<stdin>", _read_stdin(settings))
            return
        kind = SUFFIXES.get(Path(path).suffix.lower())
        if kind is None:
            raise UnsupportedFormatError(
                path, f"unknown file type; expected one of {', '.join(sorted(SUFFIXES))}"
            )
        size = Path(path).stat().st_size
        if size > settings.max_file_bytes:
            raise TooLargeError(
                path,
                f"{size:,} bytes is over the {settings.max_file_bytes:,}-byte limit "
                "(raise it with --max-file-bytes)",
            )
        text = decode(path, Path(path).read_bytes())
        if kind == "text":
            yield read_text(path, text)
        elif kind == "html":
            yield read_html(path, text)
        elif kind == "jsonl":
            yield from read_jsonl(path, text)
        else:
            yield from read_json(path, text)
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}")


def _read_stdin(settings: Settings) -> str:
    """Standard input as text: bytes decoded like a file's, under the same size limit."""
    stream = getattr(sys.stdin, "buffer", None)
    limit = settings.max_file_bytes
    if stream is None:  # a text stream put in place of stdin (tests, embedding programs)
        text = sys.stdin.read(limit + 1)
        raw = text.encode("utf-8", "surrogatepass")
    else:
        raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise TooLargeError(
            "<stdin>",
            f"more than the {limit:,}-byte limit (raise it with --max-file-bytes)",
        )
    return decode("<stdin>", raw)


def read_articles(
    paths: Iterable[str | Path],
    settings: Settings = DEFAULT,
    progress: Callable[[str, int, int], None] | None = None,
) -> Ingested:
    """Every article in ``paths``; bad inputs reported and skipped (raised when strict).

    ``progress(path, done, total)`` is called after each file.
    """
    files, problems = expand_paths(paths)
    result = Ingested(problems=problems)
    _raise_if_strict(problems, settings)
    for done, path in enumerate(files, start=1):
        for item in read_path(path, settings):
            if isinstance(item, InputError):
                _raise_if_strict([item], settings)
                result.problems.append(item)
                continue
            if item.path is not None:  # a file name in a foreign encoding has surrogates
                item.path = item.path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            result.warnings.extend(_warnings(item, settings))
            result.articles.append(item)
        if progress is not None:
            progress(path, done, len(files))
    return result


def _warnings(article: Article, settings: Settings) -> list[InputError]:
    """What is worth a look in an article that is kept."""
    found = []
    warning = english_warning(article)
    if warning is not None:
        found.append(warning)
    limit = settings.max_chars_per_article
    if len(article.text) > limit:
        found.append(
            InputError(
                article.path or article.id,
                f"{len(article.text):,} characters; only the first {limit:,} are analysed "
                "(the rest is not read for entities, quotes, claims or dates)",
            )
        )
    return found


def _raise_if_strict(problems: list[InputError], settings: Settings) -> None:
    if settings.strict and problems:
        raise problems[0]
