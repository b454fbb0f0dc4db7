"""Which articles are reprints or rewrites of another, so corroboration counts them once.

Two signals, because each misses what the other catches:

- word 5-gram shingles, compared by MinHash (datasketch): a reprint keeps long runs of
  words even when its boilerplate, photo credit or last paragraphs differ;
- sentence-level overlap: a machine-spun or lightly edited rewrite swaps words inside most
  sentences, which breaks shingles but leaves each sentence's vocabulary largely intact.

Containment over the shorter article (not plain Jaccard) is used for both, since a
reprint is often a cut-down copy of the fuller original.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from datasketch import MinHash

from crosswire.config import DEFAULT
from crosswire.model import Story

SHINGLE = 5
PERMUTATIONS = 128
# A sentence "recurs" in the other article when this share of its content words reappear
# in one of the other's sentences.
SENTENCE_MATCH = 0.7
MIN_SENTENCE_WORDS = 6
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
# Single newlines are ignored: wire copy is hard-wrapped mid-sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+|\n\s*\n")
# Words that carry no evidence of copying: a rewrite keeps them or drops them at random.
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
        "we",
        "our",
        "you",
        "i",
        "not",
        "no",
        "said",
        "says",
    ]
)


@dataclass
class _Fingerprint:
    minhash: MinHash
    shingles: int
    sentences: list[frozenset[str]]
    length: int


def find_duplicates(
    story: Story, threshold: float = DEFAULT.duplicate_jaccard
) -> dict[int, int | None]:
    """Source number -> the source it duplicates (its group's earliest or fullest), or None."""
    prints = [_fingerprint(a.text) for a in story.articles]
    numbers = range(1, len(prints) + 1)
    parent = {n: n for n in numbers}
    for i in numbers:
        for j in range(i + 1, len(prints) + 1):
            if copy_score(prints[i - 1], prints[j - 1]) >= threshold:
                parent[_root(parent, j)] = _root(parent, i)
    groups: dict[int, list[int]] = {}
    for n in numbers:
        groups.setdefault(_root(parent, n), []).append(n)
    duplicate_of: dict[int, int | None] = {n: None for n in numbers}
    for members in groups.values():
        keeper = _keeper(story, members)
        for n in members:
            duplicate_of[n] = None if n == keeper else keeper
    return duplicate_of


def copy_score(a: _Fingerprint, b: _Fingerprint) -> float:
    """How much of the shorter article is copied from the other, 0..1."""
    return max(_shingle_containment(a, b), _sentence_containment(a, b))


def similarity(text_a: str, text_b: str) -> float:
    """``copy_score`` of two texts (for tests and tuning)."""
    return copy_score(_fingerprint(text_a), _fingerprint(text_b))


def _fingerprint(text: str) -> _Fingerprint:
    words = [w.lower() for w in _TOKEN.findall(text)]
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    minhash = MinHash(num_perm=PERMUTATIONS, seed=1)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return _Fingerprint(minhash, len(shingles), _sentence_bags(text), len(words))


def _sentence_bags(text: str) -> list[frozenset[str]]:
    bags = []
    for sentence in _SENTENCE_END.split(text):
        words = frozenset(w.lower() for w in _TOKEN.findall(sentence)) - _STOP
        if len(words) >= MIN_SENTENCE_WORDS:
            bags.append(words)
    return bags


def _shingle_containment(a: _Fingerprint, b: _Fingerprint) -> float:
    if not a.shingles or not b.shingles:
        return 0.0
    # Jaccard J of the sets gives the intersection as J * |union|, |union| = (|A|+|B|)/(1+J).
    jaccard = float(a.minhash.jaccard(b.minhash))
    shared = jaccard * (a.shingles + b.shingles) / (1.0 + jaccard)
    return min(1.0, shared / min(a.shingles, b.shingles))


def _sentence_containment(a: _Fingerprint, b: _Fingerprint) -> float:
    short, long = sorted((a.sentences, b.sentences), key=len)
    if len(short) < 3:
        return 0.0
    recurring = sum(1 for bag in short if _recurs(bag, long))
    return recurring / len(short)


def _recurs(bag: frozenset[str], others: Iterable[frozenset[str]]) -> bool:
    return any(len(bag & other) >= SENTENCE_MATCH * len(bag) for other in others)


def _root(parent: dict[int, int], n: int) -> int:
    while parent[n] != n:
        parent[n] = parent[parent[n]]
        n = parent[n]
    return n


def _keeper(story: Story, members: list[int]) -> int:
    """The member the others count as copies of: earliest published, else fullest.

    Dates decide only when every member has one: wire copy often carries no date while
    its reprints do, and an undated original must not lose to its dated copy.
    """
    articles = {n: story.analyses[n - 1].article for n in members}
    dates = {a.published for a in articles.values()}
    if None not in dates and len(dates) > 1:
        return min(members, key=lambda n: (articles[n].published or "", n))
    return min(members, key=lambda n: (-len(articles[n].text), n))
