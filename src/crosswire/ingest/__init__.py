"""Reading articles from files, folders and stdin: one reader per input kind.

A bad input is reported (``Ingested.problems``) and skipped, never fatal, unless
``Settings.strict`` is set, in which case the first one is raised.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from crosswire.config import DEFAULT, Settings
from crosswire.errors import (
    InputError,
    MissingPathError,
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
    """Files to read, folders expanded recursively in sorted order; missing paths reported."""
    files: list[str] = []
    problems: list[InputError] = []
    for raw in paths:
        name = str(raw)
        path = Path(name)
        if name == STDIN:
            files.append(STDIN)
        elif path.is_dir():
            for child in sorted(path.rglob("*")):
                readable = child.is_file() and child.suffix.lower() in SUFFIXES
                if readable and not _hidden(child.relative_to(path)):
                    files.append(str(child))
        elif path.is_file():
            files.append(name)
        else:
            problems.append(MissingPathError(name, "no such file or folder"))
    return files, problems


def read_path(path: str, settings: Settings = DEFAULT) -> Iterator[Article | InputError]:
    """Articles in one file (or stdin as JSONL), or the errors that stopped them."""
    try:
        if path == STDIN:
            yield from read_jsonl("<stdin>", sys.stdin.read())
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


def read_articles(
    paths: Iterable[str | Path],
    settings: Settings = DEFAULT,
    progress: Callable[[str], None] | None = None,
) -> Ingested:
    """Every article in ``paths``; bad inputs reported and skipped (raised when strict)."""
    files, problems = expand_paths(paths)
    result = Ingested(problems=problems)
    _raise_if_strict(problems, settings)
    for path in files:
        for item in read_path(path, settings):
            if isinstance(item, InputError):
                _raise_if_strict([item], settings)
                result.problems.append(item)
                continue
            warning = english_warning(item)
            if warning is not None:
                result.warnings.append(warning)
            result.articles.append(item)
        if progress is not None:
            progress(path)
    return result


def _raise_if_strict(problems: list[InputError], settings: Settings) -> None:
    if settings.strict and problems:
        raise problems[0]


def _hidden(relative: Path) -> bool:
    return any(part.startswith((".", "_")) for part in relative.parts) or relative.name.lower() in {
        "readme.txt",
    }
