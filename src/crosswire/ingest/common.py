"""What every reader shares: decoding bytes, article ids, outlet names, dates."""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlparse

from crosswire.errors import BinaryInputError, EmptyInputError

_SLUG = re.compile(r"^[a-z]+(?:[-_][a-z]+)*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def decode(path: str, raw: bytes) -> str:
    """Text of ``raw``: BOM or detected encoding, invalid bytes replaced, never fatal."""
    if not raw.strip():
        raise EmptyInputError(path, "the file is empty; expected article text")
    head = raw[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BinaryInputError(path, "looks like a binary file (NUL bytes); expected text")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    encoding = best.encoding if best is not None else "utf-8"
    text = raw.decode(encoding, errors="replace")
    if len(_CONTROL.findall(text[:8192])) > 0.05 * min(len(text), 8192):
        raise BinaryInputError(path, "looks like a binary file (control bytes); expected text")
    return text


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")


def article_id(text: str) -> str:
    """A stable id from the article's content, so re-ingesting is idempotent."""
    canonical = " ".join(text.split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def outlet_from(sitename: str | None, url: str | None, path: str | None) -> str:
    """Outlet from metadata, else the URL host, else the file name."""
    if sitename and sitename.strip():
        return sitename.strip()
    if url:
        host = urlparse(url).hostname or ""
        if host:
            return host.removeprefix("www.")
    if path:
        stem = Path(path.split("#", 1)[0]).stem
        # "tallinn-daily-post.txt" names its outlet; "000_c0c02a15.txt" does not, so keep it.
        return stem.replace("-", " ").replace("_", " ").title() if _SLUG.match(stem) else stem
    return "unknown"


def iso_date(value: object) -> str | None:
    """A publication date as YYYY-MM-DD, or None when it cannot be read as one."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(text, settings={"PREFER_DATES_FROM": "past"})
    return parsed.date().isoformat() if parsed else None
