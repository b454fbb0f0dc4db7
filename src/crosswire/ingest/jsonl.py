"""JSON Lines and JSON: objects with ``text`` and optional title, url, outlet, published."""

from __future__ import annotations

import json
import re
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
        except RecursionError:
            yield MalformedRecordError(path, _TOO_DEEP, line=number)
            continue
        yield _article_or_error(path, number, record)


def read_json(path: str, text: str) -> Iterator[Article | InputError]:
    """A JSON file holding one article object or a list of them."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield MalformedRecordError(path, f"not valid JSON ({exc.msg} at line {exc.lineno})")
        return
    except RecursionError:
        yield MalformedRecordError(path, _TOO_DEEP)
        return
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        yield _article_or_error(path, number, record)


def _article_or_error(path: str, number: int, record: Any) -> Article | InputError:
    if not isinstance(record, dict):
        return MalformedRecordError(path, 'expected a JSON object with a "text" field', number)
    body = record.get("text")
    if isinstance(body, str):
        body = _valid(body)
    if not isinstance(body, str) or not body.strip():
        return MalformedRecordError(path, 'missing or empty "text" field', number)
    text = "\n\n".join(
        line.strip() for line in normalise_newlines(body).split("\n") if line.strip()
    )
    url = _str(record.get("url"))
    published = record.get("published")
    source = f"{path}#{number}"
    return Article(
        id=article_id(text),
        text=text,
        outlet=outlet_from(_str(record.get("outlet")), url, path),
        title=_str(record.get("title")),
        url=url,
        published=iso_date(_str(published) if isinstance(published, str) else published),
        author=_str(record.get("author")),
        path=source,
    )


def _str(value: Any) -> str | None:
    return _valid(value).strip() or None if isinstance(value, str) else None


def _valid(text: str) -> str:
    """``text`` with lone surrogate escapes (``\\ud800`` in JSON) replaced by U+FFFD.

    JSON may spell them, but they are not characters: UTF-8 cannot encode them, so one
    would crash hashing, the store and every writer further on.
    """
    return _SURROGATE.sub("\ufffd", text)


_SURROGATE = re.compile("[\ud800-\udfff]")
_TOO_DEEP = "JSON nested too deeply to be an article record"
