"""Which articles are reprints or rewrites of another, so corroboration counts them once.

Two signals, because each misses what the other catches:

- word 5-gram shingles, hashed, compared on a consistent sample of their hashes (those
  that are 0 modulo ``SAMPLE``): a reprint keeps long runs of words even when its
  boilerplate, photo credit or last paragraphs differ;
- sentence-level overlap: a machine-spun or lightly edited rewrite swaps words inside most
  sentences, which breaks shingles but leaves each sentence's vocabulary largely intact.

Containment over the shorter article (not plain Jaccard) is used for both, since a
reprint is often a cut-down copy of the fuller original.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from crosswire.config import DEFAULT
from crosswire.model import Story

SHINGLE = 5
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


# An article that reuses at least this share of another's sentences (but is no copy) is a
# partial rewrite: listed with its share.
PARTIAL_SHARE = 0.3
# Only one 5-gram shingle in SAMPLE is indexed when looking for candidate pairs; a copy
# shares a share of them as large as of all its shingles.
SAMPLE = 4
# Below this many indexed shingles in common, a pair is no candidate for a shingle copy.
MIN_SHARED_SAMPLES = 2
MAX_POSTING = 50
# Below this many sampled shingles the sample is too small to estimate containment.
MIN_SAMPLED = 50
# A word in more sentences than this is, for finding recurring sentences, a common word:
# it is not looked up (a sentence made only of common words is no evidence of copying),
# which keeps each look-up bounded whatever the story's size.
MAX_SENTENCE_POSTING = 200
_BLOCK = 2048  # sentences per sparse product, so memory stays bounded


@dataclass
class _Fingerprint:
    shingles: frozenset[int]  # hashes of the word 5-grams
    sentences: list[frozenset[str]]
    length: int
    sampled: frozenset[int] = frozenset()  # the shingle hashes that are 0 modulo SAMPLE


@dataclass(frozen=True)
class Reuse:
    """A partial rewrite: ``share`` of this article's sentences recur in ``source``."""

    source: int
    share: float


@dataclass
class Copies:
    """Which articles copy which: whole copies grouped, partial rewrites with their share."""

    duplicate_of: dict[int, int | None]
    identical: set[int]  # sources whose text is exactly that of their group's keeper
    reuses: dict[int, Reuse]


def find_duplicates(
    story: Story, threshold: float = DEFAULT.duplicate_jaccard
) -> dict[int, int | None]:
    """Source number -> the source it duplicates (its group's earliest or fullest), or None."""
    return find_copies(story, threshold).duplicate_of


def find_copies(story: Story, threshold: float = DEFAULT.duplicate_jaccard) -> Copies:
    """Copies and partial rewrites among the story's articles.

    Candidate pairs come from two inverted indexes (sampled shingles; the rarest words of
    each sentence, a prefix filter that cannot miss a recurring sentence), so the cost
    grows with the pairs that share text, not with all pairs of articles.
    """
    texts = [a.text for a in story.articles]
    prints = [_fingerprint(t) for t in texts]
    numbers = range(1, len(prints) + 1)
    recurring = _recurring_sentences(prints)
    pairs = {(min(p), max(p)) for p in recurring} | _shingle_pairs(prints)
    parent = {n: n for n in numbers}
    best_reuse: dict[int, Reuse] = {}
    for i, j in sorted(pairs):
        if texts[i - 1] == texts[j - 1] or _copy_score(i, j, prints, recurring) >= threshold:
            parent[_root(parent, j)] = _root(parent, i)
            continue
        for mine, other in ((i, j), (j, i)):
            count = len(recurring.get((mine, other), ()))
            share = count / len(prints[mine - 1].sentences) if count else 0.0
            held = best_reuse.get(mine)
            if share >= PARTIAL_SHARE and (held is None or share > held.share):
                best_reuse[mine] = Reuse(other, round(share, 2))
    groups: dict[int, list[int]] = {}
    for n in numbers:
        groups.setdefault(_root(parent, n), []).append(n)
    duplicate_of: dict[int, int | None] = {n: None for n in numbers}
    identical: set[int] = set()
    for members in groups.values():
        keeper = _keeper(story, members)
        for n in members:
            duplicate_of[n] = None if n == keeper else keeper
            if n != keeper and texts[n - 1] == texts[keeper - 1]:
                identical.add(n)
    reuses = {
        n: reuse
        for n, reuse in best_reuse.items()
        if duplicate_of[n] is None and _root(parent, reuse.source) != _root(parent, n)
    }
    return Copies(duplicate_of, identical, reuses)


def copy_score(a: _Fingerprint, b: _Fingerprint) -> float:
    """How much of the shorter article is copied from the other, 0..1."""
    return max(_shingle_containment(a, b), _sentence_containment(a, b))


def similarity(text_a: str, text_b: str) -> float:
    """``copy_score`` of two texts (for tests and tuning)."""
    return copy_score(_fingerprint(text_a), _fingerprint(text_b))


def _copy_score(
    i: int, j: int, prints: list[_Fingerprint], recurring: dict[tuple[int, int], set[int]]
) -> float:
    """``copy_score`` of articles i and j, their recurring sentences already found."""
    a, b = prints[i - 1], prints[j - 1]
    short, long = (i, j) if len(a.sentences) <= len(b.sentences) else (j, i)
    size = len(prints[short - 1].sentences)
    sentences = len(recurring.get((short, long), ())) / size if size >= 3 else 0.0
    return max(_shingle_containment(a, b), sentences)


def _fingerprint(text: str) -> _Fingerprint:
    words = [w.lower() for w in _TOKEN.findall(text)]
    shingles = frozenset(
        zlib.crc32(" ".join(words[i : i + SHINGLE]).encode("utf-8"))
        for i in range(len(words) - SHINGLE + 1)
    )
    sampled = frozenset(h for h in shingles if h % SAMPLE == 0)
    return _Fingerprint(shingles, _sentence_bags(text), len(words), sampled)


def _shingle_pairs(prints: list[_Fingerprint]) -> set[tuple[int, int]]:
    """Pairs of articles (i < j) sharing enough sampled shingles to be a copy."""
    index: dict[int, list[int]] = defaultdict(list)
    for n, fp in enumerate(prints, start=1):
        for h in fp.sampled:
            index[h].append(n)
    shared: Counter[tuple[int, int]] = Counter()
    for posting in index.values():
        if len(posting) > MAX_POSTING:
            continue  # common phrasing; copies of one wire are still found sentence by sentence
        for k, i in enumerate(posting):
            for j in posting[k + 1 :]:
                shared[(i, j)] += 1
    return {pair for pair, count in shared.items() if count >= MIN_SHARED_SAMPLES}


def _recurring_sentences(prints: list[_Fingerprint]) -> dict[tuple[int, int], set[int]]:
    """(article a, article b) -> indices of a's sentences that recur in one of b's.

    A sentence of b holding ``need`` of the words of a's sentence misses at most
    len - need of them, so it holds at least two of any len - need + 2 of them: the
    rarest such words (a prefix filter) find every candidate in sparse products, and
    each candidate's overlap is then counted exactly.
    """
    from scipy.sparse import csr_matrix

    owners = [(n, k) for n, fp in enumerate(prints, start=1) for k in range(len(fp.sentences))]
    bags = [bag for fp in prints for bag in fp.sentences]
    if not bags:
        return {}
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for r, bag in enumerate(bags):
        for word in bag:
            rows.append(r)
            cols.append(vocabulary.setdefault(word, len(vocabulary)))
    shape = (len(bags), len(vocabulary))
    words = csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=shape)
    frequency = np.asarray(words.sum(axis=0)).ravel()
    needs = np.array([math.ceil(SENTENCE_MATCH * len(bag) - 1e-9) for bag in bags])
    p_rows, p_cols = [], []
    for r, bag in enumerate(bags):
        ids = sorted((vocabulary[w] for w in bag), key=lambda v: (frequency[v], v))
        for v in ids[: len(bag) - needs[r] + 2]:
            if frequency[v] > MAX_SENTENCE_POSTING:
                break  # the rest of the prefix is commoner still
            p_rows.append(r)
            p_cols.append(v)
    prefix = csr_matrix((np.ones(len(p_rows), dtype=np.int32), (p_rows, p_cols)), shape=shape)
    article = np.array([n for n, _ in owners])
    found: dict[tuple[int, int], set[int]] = defaultdict(set)
    for first in range(0, len(bags), _BLOCK):
        hits = (prefix[first : first + _BLOCK] @ words.T).tocoo()
        mine = hits.row + first
        keep = (hits.data >= 2) & (article[mine] != article[hits.col])
        mine, theirs = mine[keep], hits.col[keep]
        if not len(mine):
            continue
        overlap = np.asarray(words[mine].multiply(words[theirs]).sum(axis=1)).ravel()
        for r, q in zip(mine[overlap >= needs[mine]], theirs[overlap >= needs[mine]], strict=True):
            n, k = owners[r]
            found[(n, int(article[q]))].add(k)
    return dict(found)


def _sentence_bags(text: str) -> list[frozenset[str]]:
    bags = []
    for sentence in _SENTENCE_END.split(text):
        words = frozenset(w.lower() for w in _TOKEN.findall(sentence)) - _STOP
        if len(words) >= MIN_SENTENCE_WORDS:
            bags.append(words)
    return bags


def _shingle_containment(a: _Fingerprint, b: _Fingerprint) -> float:
    """Share of the shorter article's shingles found in the other.

    Estimated on the hash-sampled shingles (Broder's mod-m sample: a consistent subset
    keeps the ratio) when both have enough of them, else counted on all shingles.
    """
    if min(len(a.sampled), len(b.sampled)) >= MIN_SAMPLED:
        small, big = sorted((a.sampled, b.sampled), key=len)
    else:
        small, big = sorted((a.shingles, b.shingles), key=len)
    return len(small & big) / len(small) if small else 0.0


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
