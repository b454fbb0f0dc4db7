"""Words, stems and concepts of a sentence: the units the summary's coverage is counted in."""

from __future__ import annotations

import functools
import re

from crosswire.stopwords import STOP_WORDS

__all__ = ["words", "stem", "content_stems", "bigrams", "numbers", "word_count"]

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
# Number words count as numbers: "seven hours" and "7 hours" state the same value.
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20",
    "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100", "thousand": "1000",
}  # fmt: skip
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ers", "er", "es", "ed", "ly", "s")


def words(text: str) -> list[str]:
    """The word tokens of ``text``, case kept, punctuation dropped."""
    return _WORD.findall(text)


def word_count(text: str) -> int:
    """Words as a summary budget counts them: whitespace-separated tokens."""
    return len(text.split())


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix-stripping stem, enough to match "talks"/"talk" and "said"/"says"."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) <= 4 or word.isdigit():
        return _NUMBER_WORDS.get(word, word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return _trim(word[: -len(suffix)])
    return _trim(word)


def _trim(word: str) -> str:
    # "issue"/"issues" and "party"/"parties" must meet at one stem.
    return word[:-1] if word.endswith(("e", "y")) and len(word) > 3 else word


def content_stems(text: str) -> set[str]:
    """Stems of the words of ``text`` that are not stop words."""
    return {stem(w) for w in words(text) if w.lower() not in STOP_WORDS}


def bigrams(text: str) -> set[tuple[str, str]]:
    """Adjacent stem pairs, leaving out pairs of two stop words (they carry no content)."""
    tokens = words(text)
    stems = [stem(w) for w in tokens]
    stop = [w.lower() in STOP_WORDS for w in tokens]
    return {
        (stems[i], stems[i + 1]) for i in range(len(tokens) - 1) if not (stop[i] and stop[i + 1])
    }


def numbers(text: str) -> set[str]:
    """The numbers ``text`` states, digits and number words alike ("seven" -> "7")."""
    found = set()
    for token in words(text):
        lower = token.lower()
        if lower in _NUMBER_WORDS and lower != "one":  # "one of them" states no number
            found.add(_NUMBER_WORDS[lower])
        elif any(ch.isdigit() for ch in token):
            found.add(lower.replace(",", ""))
    return found
