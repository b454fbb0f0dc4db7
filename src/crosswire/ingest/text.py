"""Plain-text articles: headline detection and re-joining of hard-wrapped lines."""

from __future__ import annotations

import re

from crosswire.ingest.common import article_id, normalise_newlines, outlet_from
from crosswire.model import Article, Removal

_TERMINAL = (".", "!", "?", '"', "”", "’", "'", ":", ";", ")")
_MAX_HEADLINE_WORDS = 25
_TAG_LINE = re.compile(r"^[A-Z0-9 &/|·•:-]{3,60}$")  # "MARITIME | BREAKING"


def read_text(path: str, text: str) -> Article:
    """A .txt article: optional tag line and headline, then paragraphs."""
    lines = normalise_newlines(text).split("\n")
    title, removed, body_lines = _split_headline(lines)
    body = "\n\n".join(_paragraphs(body_lines))
    return Article(
        id=article_id(body),
        text=body,
        outlet=outlet_from(None, None, path),
        title=title,
        path=path,
        removed=removed,
    )


def _split_headline(lines: list[str]) -> tuple[str | None, list[Removal], list[str]]:
    """The headline (when the first line reads as one), any tag line before it, the rest."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    if len(content) < 2:
        return None, [], lines
    first, second = lines[content[0]].strip(), lines[content[1]].strip()
    removed: list[Removal] = []
    start = content[0]
    if _is_tag_line(first) and _reads_as_headline(second) and len(content) > 2:
        removed.append(Removal(first, "tag line before the headline"))
        first, start = second, content[1]
    if not _reads_as_headline(first) or _is_wrapped_continuation(lines, start):
        return None, removed, lines[start:]
    return first, removed, lines[start + 1 :]


def _reads_as_headline(line: str) -> bool:
    words = line.split()
    if not 3 <= len(words) <= _MAX_HEADLINE_WORDS:
        return False
    return not line.endswith((".", ",", ";"))


def _is_tag_line(line: str) -> bool:
    words = line.split()
    return bool(_TAG_LINE.match(line)) or (1 <= len(words) <= 3 and not line.endswith("."))


def _is_wrapped_continuation(lines: list[str], index: int) -> bool:
    """True when the line at ``index`` is the first line of a hard-wrapped paragraph."""
    nxt = lines[index + 1] if index + 1 < len(lines) else ""
    if nxt.strip() and nxt.strip()[0].islower():
        return True
    block = []
    for line in lines[index:]:
        if not line.strip():
            break
        block.append(line.strip())
    return _is_hard_wrapped(block)


def _paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs: blank-line blocks, hard-wrapped blocks joined, one-line-per-paragraph kept."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    paragraphs: list[str] = []
    for block in blocks:
        if not block:
            continue
        if _is_hard_wrapped(block):
            paragraphs.append(" ".join(block))
        else:
            paragraphs.extend(block)
    return paragraphs


def _is_hard_wrapped(block: list[str]) -> bool:
    """Lines cut at a fixed width: short-ish lines that mostly stop mid-sentence."""
    if len(block) < 2:
        return False
    inner = block[:-1]
    if max(len(line) for line in inner) > 100 or min(len(line) for line in inner) < 40:
        return False
    open_ended = sum(1 for line in inner if not line.endswith(_TERMINAL))
    return open_ended >= 0.5 * len(inner)
