"""Headlines a reader can trust: a title that is a body line cut short is no headline.

Feeds and scrapers often fill a missing title with the first characters of the body
("… Turkey's southeast faces an").  Such a title is recognised two ways, neither
tied to any wording: it is the opening of a body sentence stopped before that
sentence ends, or it stops on a word no headline ends with (an article, a
preposition, a conjunction, a possessive) or on an ellipsis.
"""

from __future__ import annotations

import re

from crosswire.model import Article

__all__ = ["headline", "is_truncated"]

# Closed-class words: a headline does not end on one; a cut-off line often does.
_OPEN_ENDINGS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "and",
        "or",
        "but",
        "nor",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "into",
        "onto",
        "upon",
        "as",
        "than",
        "that",
        "which",
        "who",
        "whose",
        "whom",
        "its",
        "his",
        "her",
        "their",
        "our",
        "your",
        "my",
        "this",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "not",
        "no",
    ]
)
_SPACES = re.compile(r"\s+")
_GOES_ON = re.compile(r"^( [a-z0-9(]|[\w])")
_SENTENCE_END = (".", "!", "?", '"', "”", "'", "’", ")")


def headline(article: Article) -> str | None:
    """The article's title when it reads as a headline, else None."""
    title = (article.title or "").strip()
    if not title or is_truncated(title, article.text):
        return None
    return title


def is_truncated(title: str, body: str) -> bool:
    """Whether ``title`` is a line of ``body`` (or any text) cut off mid-sentence."""
    flat = _SPACES.sub(" ", title).strip()
    if flat.endswith(("…", "...")):
        return True
    words = re.findall(r"[\w'’]+", flat.lower())
    if words and words[-1] in _OPEN_ENDINGS:
        return True
    text = _SPACES.sub(" ", body).strip()
    at = text.find(flat)
    if at < 0 or len(flat.split()) < 4:
        return False
    after = text[at + len(flat) : at + len(flat) + 2]
    # The body goes on inside the same sentence (or the same word) where the title stops.
    return not flat.endswith(_SENTENCE_END) and bool(_GOES_ON.match(after))
