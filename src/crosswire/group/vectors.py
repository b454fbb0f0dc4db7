"""Sparse TF-IDF vectors of article signatures and the story centroids built from them."""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping
from functools import cache

__all__ = [
    "Vector",
    "weigh",
    "cosine",
    "norm",
    "add_into",
    "strongest",
    "shared_terms",
    "centroid_of",
]

Vector = dict[str, float]
CENTROID_TERMS = 300  # a story keeps its strongest terms; the tail is noise from single members
# Document frequencies start from a prior of this many background articles, whose term shares
# come from general English word frequencies (wordfreq): a store of six articles about one
# event then still knows "ferry" is rarer than "said", and a term all six share is not
# weighed as if it said nothing. The store's own counts take over as it grows past this size.
PRIOR_DOCUMENTS = 1000
WORDS_PER_ARTICLE = 400


def weigh(
    terms: Mapping[str, int],
    frequencies: Mapping[str, int],
    documents: int,
    entity_weight: float,
    keep: int,
    figure_weight: float = 1.0,
    idf_power: float = 1.0,
) -> Vector:
    """Unit-length TF-IDF vector of ``terms`` (the ``keep`` strongest), names weighted up and
    figures and named dates (a death toll, a magnitude, a score, a year, '#2013-05-03') by
    ``figure_weight``: they tell one event from a similar one of the same topic. The IDF is
    raised to ``idf_power``: two events of one kind share their topic's words and names (the
    quake region, the company), while the words and names only one event's articles use (its
    town, its victims) are rarer; a power above 1 lets the rarer ones count for more."""
    weights: Vector = {}
    for term, count in terms.items():
        seen = frequencies.get(term, 0) + PRIOR_DOCUMENTS * background_share(term) + 1.0
        # frequencies are occurrences (``StoryBackend.count``), which may exceed the number of
        # articles for a word repeated everywhere: its weight bottoms out at zero
        idf = max(math.log((documents + PRIOR_DOCUMENTS) / seen) + 1.0, 0.0) ** idf_power
        boost = (
            entity_weight
            if term.startswith("@")
            else figure_weight
            if term[:1].isdigit() or term.startswith("#")
            else 1.0
        )
        weights[term] = (1.0 + math.log(count)) * idf * boost
    if len(weights) > keep:
        weights = dict(heapq.nlargest(keep, weights.items(), key=lambda kv: kv[1]))
    length = norm(weights)
    return {t: w / length for t, w in weights.items()} if length else {}


@cache
def background_share(term: str) -> float:
    """The share of general English news articles expected to contain ``term``."""
    from crosswire.group.background import word_frequency  # wordfreq's, without its import

    words = term[1:].replace("_", " ") if term.startswith("@") else term
    frequency = word_frequency(words)
    return 1.0 - math.exp(-frequency * WORDS_PER_ARTICLE)


def norm(vector: Mapping[str, float]) -> float:
    return math.sqrt(sum(w * w for w in vector.values()))


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    length = norm(a) * norm(b)
    return dot / length if length else 0.0


def add_into(centroid: Vector, vector: Mapping[str, float], sign: float = 1.0) -> None:
    """Add (or with ``sign=-1`` remove) a member's vector, keeping the strongest terms only."""
    for term, weight in vector.items():
        value = centroid.get(term, 0.0) + sign * weight
        if value > 1e-9:
            centroid[term] = value
        else:
            centroid.pop(term, None)
    if len(centroid) > CENTROID_TERMS * 1.2:
        kept = heapq.nlargest(CENTROID_TERMS, centroid.items(), key=lambda kv: kv[1])
        centroid.clear()
        centroid.update(kept)


def strongest(vector: Mapping[str, float], count: int) -> list[str]:
    return [t for t, _ in heapq.nlargest(count, vector.items(), key=lambda kv: kv[1])]


def shared_terms(a: Mapping[str, float], b: Mapping[str, float], count: int = 5) -> list[str]:
    """The terms contributing most to the cosine of ``a`` and ``b``, for a decision's reason."""
    products = ((t, w * b[t]) for t, w in a.items() if t in b)
    return [t for t, _ in heapq.nlargest(count, products, key=lambda kv: kv[1])]


def centroid_of(vectors: Iterable[Mapping[str, float]]) -> Vector:
    centroid: Vector = {}
    for vector in vectors:
        add_into(centroid, vector)
    return centroid
