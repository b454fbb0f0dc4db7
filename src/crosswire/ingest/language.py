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
_MIN_LETTERS = 100  # Chinese or Japanese runs whole sentences together as one "word"
_MIN_LATIN = 0.5
_MIN_SHARE = 0.12  # English news prose runs at 0.3-0.45 of these words


def english_warning(article: Article) -> InputError | None:
    """A warning when the text looks non-English: mostly non-Latin letters, or too few
    common English words."""
    sample = article.text[:20_000]
    letters = sum(1 for c in sample if c.isalpha())
    latin = sum(1 for c in sample if c.isalpha() and ord(c) < 0x250)
    if letters >= _MIN_LETTERS and latin < _MIN_LATIN * letters:
        article.language = "unknown"
        return InputError(
            article.path or article.id,
            f"does not look like English (only {latin / letters:.0%} of its letters are Latin); "
            "the models read English only, so results for it will be poor",
        )
    words = [w.lower() for w in _WORD.findall(sample)]
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
