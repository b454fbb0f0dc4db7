"""A cheap check that an article is English, the only language the models read."""

from __future__ import annotations

import re

from crosswire.errors import InputError
from crosswire.model import Article

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "a",
        "in",
        "is",
        "was",
        "that",
        "for",
        "on",
        "with",
        "as",
        "by",
        "at",
        "it",
        "from",
        "he",
        "she",
        "said",
        "his",
        "her",
        "be",
        "are",
        "were",
        "has",
        "have",
        "had",
        "not",
        "but",
        "this",
        "which",
        "they",
        "their",
        "an",
        "or",
        "will",
        "would",
        "who",
        "its",
        "after",
    ]
)
_MIN_WORDS = 40
_MIN_SHARE = 0.12  # English news prose runs at 0.3-0.45 of these words


def english_warning(article: Article) -> InputError | None:
    """A warning when the text looks non-English (too few common English words)."""
    words = [w.lower() for w in _WORD.findall(article.text[:20_000])]
    if len(words) < _MIN_WORDS:
        return None
    share = sum(w in _ENGLISH for w in words) / len(words)
    if share >= _MIN_SHARE:
        return None
    article.language = "unknown"
    return InputError(
        article.path or article.id,
        f"does not look like English ({share:.0%} common English words); "
        "the models read English only, so results for it will be poor",
    )
