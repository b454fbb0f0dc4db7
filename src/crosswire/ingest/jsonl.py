"""JSON Lines and JSON: objects with ``text`` and optional title, url, outlet, published."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from crosswire.errors import InputError, MalformedRecordError
from crosswire.ingest.common import article_id, iso_date, normalise_newlines, outlet_from
from crosswire.model import Article


def read_jsonl(path: str, text: str) -> Iterator[Article | InputError]:
    """One article per line; a bad line yields its error and the rest still come."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield MalformedRecordError(path, f"not valid JSON ({exc.msg})", line=number)
            continue
        yield _article_or_error(path, number, record)


def read_json(path: str, text: str) -> Iterator[Article | InputError]:
    """A JSON file holding one article object or a list of them."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield MalformedRecordError(path, f"not valid JSON ({exc.msg} at line {exc.lineno})")
        return
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        yield _article_or_error(path, number, record)


def _article_or_error(path: str, number: int, record: Any) -> Article | InputError:
    if not isinstance(record, dict):
        return MalformedRecordError(path, 'expected a JSON object with a "text" field', number)
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        return MalformedRecordError(path, 'missing or empty "text" field', number)
    text = "\n\n".join(
        line.strip() for line in normalise_newlines(body).split("\n") if line.strip()
    )
    url = _str(record.get("url"))
    source = f"{path}#{number}"
    return Article(
        id=article_id(text),
        text=text,
        outlet=outlet_from(_str(record.get("outlet")), url, path),
        title=_str(record.get("title")),
        url=url,
        published=iso_date(record.get("published")),
        author=_str(record.get("author")),
        path=source,
    )


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
