"""Cited multi-document extractive summary of a story.

Sentences are chosen by concept coverage (``coverage``) among those that read on
their own (``candidates``), ordered by how early they come in their article, then
by publication date, and cited to every source with a sentence saying the same
thing (``cite``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from crosswire.config import DEFAULT, Settings
from crosswire.embeddings import Embedder, get_embedder
from crosswire.model import Evidence, Story, SummarySentence
from crosswire.summarize.candidates import Candidate, candidates
from crosswire.summarize.candidates import usable as usable_candidate
from crosswire.summarize.cite import supporting
from crosswire.summarize.coverage import Concept, Rules, concept_weights, select, sentence_concepts
from crosswire.summarize.text import content_stems, word_count

__all__ = ["summarize_story", "choose", "candidates"]

# What one more independent source supporting a sentence is worth, in concept weight units
# (a word pair every source uses in its lead sentence weighs one per source).
# It costs about half an R1 point on the DUC dev clusters (within their noise) and buys a
# summary whose sentences more outlets corroborate.  The support search runs over the
# bounded pool only (``Settings.summary_pool`` sentences against the story's).
SUPPORT_WEIGHT = 1.0
# A sentence as close to the story's mean embedding as can be (cosine 1) is worth what a
# concept every independent source uses is worth: coverage of shared word pairs says what
# the sources agree on, centrality what the story is mostly about (LexRank, centroid).
CENTRALITY_WEIGHT = 1.0
CENTROID_SAMPLE = 2000  # sentences the story's centroid is taken over, at most
# Two sentences say one thing when this share of the shorter's content words recur in the other.
REDUNDANT = 0.5


def summarize_story(
    story: Story,
    words: int | None = None,
    duplicate_of: dict[int, int | None] | None = None,
    settings: Settings = DEFAULT,
) -> list[SummarySentence]:
    """Summary sentences, each with every source that supports it and where it says so.

    The one summary path: ``crosswire brief``, ``crosswire summarize`` and the DUC 2004
    evaluation all call it.  Without ``duplicate_of`` the story's copies are found here.
    """
    if duplicate_of is None:
        from crosswire.reconcile.independence import find_duplicates

        duplicate_of = find_duplicates(story)
    pool = candidates(story.analyses)
    embedder = get_embedder(settings.embedding_backend)
    words = words or settings.summary_words
    chosen = choose(story, pool, words, duplicate_of, embedder, settings.summary_pool)
    if not chosen:
        return []
    supports = supporting(chosen, pool, embedder)
    summary = []
    for candidate, others in zip(chosen, supports, strict=True):
        evidence = [Evidence(candidate.source, candidate.start, candidate.end)]
        evidence += [Evidence(s.source, s.start, s.end) for s in others]
        evidence.sort(key=lambda e: e.source)
        spans = candidate.parts or ((candidate.start, candidate.end),)
        parts = [Evidence(candidate.source, a, b) for a, b in spans]
        summary.append(
            SummarySentence(candidate.text, sorted(e.source for e in evidence), evidence, parts)
        )
    return summary


def choose(
    story: Story,
    pool: Sequence[Candidate],
    words: int,
    duplicate_of: dict[int, int | None] | None = None,
    embedder: Embedder | None = None,
    limit: int = DEFAULT.summary_pool,
) -> list[Candidate]:
    """The candidates the summary uses, in reading order.

    Only sentences that stand alone compete, at most ``limit`` of them (the densest in
    weighted concepts), so the solver's work is bounded whatever the story's size.  A
    sentence naming a person by one word comes only with one giving the full name, and
    before it; two sentences saying one thing are never both taken.  With an
    ``embedder`` and a non-zero ``SUPPORT_WEIGHT``, a sentence other independent sources
    support gains that much per source.
    """
    groups = _groups(len(story.analyses), duplicate_of or {})
    concepts = [sentence_concepts(c.text) for c in pool]
    weights = concept_weights(pool, concepts, groups)
    usable = [(c, k) for c, k in zip(pool, concepts, strict=True) if usable_candidate(c)]
    usable = _densest(usable, weights, limit)
    texts = [c.text for c, _ in usable]
    bonus = [0.0] * len(usable)
    if embedder is not None and CENTRALITY_WEIGHT and usable:
        # Scaled like a concept's weight, which counts the independent sources using it.
        scale = CENTRALITY_WEIGHT * len(set(groups.values()))
        bonus = list(scale * _centrality([c for c, _ in usable], pool, embedder))
    if embedder is not None and SUPPORT_WEIGHT:
        found = supporting([c for c, _ in usable], pool, embedder)
        bonus = [
            b + SUPPORT_WEIGHT * len({groups[s.source] for s in f} - {groups[c.source]})
            for b, (c, _), f in zip(bonus, usable, found, strict=True)
        ]
    rules = Rules(_needs([c for c, _ in usable]), _conflicts(texts))
    picked = select(texts, [k for _, k in usable], weights, words, bonus, rules)
    chosen = [usable[k][0] for k in picked]
    dates = {n: a.published or "" for n, a in enumerate(story.articles, start=1)}
    # Lead sentences first; publication date then source number break ties.
    ordered = sorted(chosen, key=lambda c: (round(c.share, 1), dates[c.source], c.source, c.index))
    return _introduced_first(ordered)


def _centrality(
    usable: list[Candidate], pool: Sequence[Candidate], embedder: Embedder
) -> np.ndarray:
    """Cosine of each sentence's embedding with the mean embedding of the story's sentences."""
    step = max(1, len(pool) // CENTROID_SAMPLE)
    centroid = embedder.embed([c.text for c in pool[::step]]).mean(axis=0)
    centroid = centroid / (np.linalg.norm(centroid) or 1.0)
    return np.asarray(embedder.embed([c.text for c in usable]) @ centroid, dtype=float)


def _densest(
    usable: list[tuple[Candidate, set[Concept]]], weights: dict[Concept, float], limit: int
) -> list[tuple[Candidate, set[Concept]]]:
    """The ``limit`` candidates with most concept weight per word, in pool order."""
    if len(usable) <= limit:
        return usable

    def density(item: tuple[Candidate, set[Concept]]) -> float:
        total = sum(weights.get(k, 0.0) for k in item[1])
        return float(total) / math.sqrt(max(1, word_count(item[0].text)))

    kept = set(sorted(range(len(usable)), key=lambda i: -density(usable[i]))[:limit])
    return [item for i, item in enumerate(usable) if i in kept]


def _needs(usable: list[Candidate]) -> dict[int, list[list[int]]]:
    """For each sentence, per person it names by one word, the sentences giving a full name;
    per thing its definite subject refers back to, the sentences that name that thing."""
    introducers: dict[str, list[int]] = {}
    for j, c in enumerate(usable):
        for word in c.introduces:
            introducers.setdefault(word, []).append(j)
    referred = set().union(*(c.refers for c in usable)) if usable else set()
    namers: dict[str, list[int]] = {}
    for j, c in enumerate(usable):
        for word in content_stems(c.text) & referred:
            namers.setdefault(word, []).append(j)
    needs: dict[int, list[list[int]]] = {}
    for i, c in enumerate(usable):
        groups = [[j for j in introducers.get(word, []) if j != i] for word in sorted(c.needs)]
        groups += [[j for j in namers.get(word, []) if j != i] for word in sorted(c.refers)]
        if groups:
            needs[i] = groups  # an empty group leaves the sentence out: x_i <= 0
    return needs


def _conflicts(texts: list[str]) -> list[tuple[int, int]]:
    """Pairs of sentences that say one thing: most of the shorter's content words recur."""
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for r, text in enumerate(texts):
        for word in content_stems(text):
            rows.append(r)
            cols.append(vocabulary.setdefault(word, len(vocabulary)))
    if not rows:
        return []
    incidence = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), len(vocabulary)))
    sizes = np.asarray(incidence.sum(axis=1)).ravel()
    shared = (incidence @ incidence.T).tocoo()
    pairs = []
    for i, j, n in zip(shared.row, shared.col, shared.data, strict=True):
        if i < j and n >= REDUNDANT * max(1.0, min(sizes[i], sizes[j])):
            pairs.append((int(i), int(j)))
    return pairs


def _introduced_first(ordered: list[Candidate]) -> list[Candidate]:
    """``ordered`` with each sentence moved after one that gives the full names it needs
    and names what its definite subject refers to."""
    placed: list[Candidate] = []
    known: set[str] = set()
    named: set[str] = set()
    waiting = list(ordered)
    while waiting:
        ready = next((c for c in waiting if c.needs <= known and c.refers <= named), waiting[0])
        waiting.remove(ready)
        placed.append(ready)
        known |= ready.introduces
        named |= content_stems(ready.text)
    return placed


def _groups(count: int, duplicate_of: dict[int, int | None]) -> dict[int, int]:
    """Source number -> the source whose independent group it belongs to."""
    groups = {}
    for source in range(1, count + 1):
        root, seen = source, set()
        while (parent := duplicate_of.get(root)) is not None and root not in seen:
            seen.add(root)
            root = parent
        groups[source] = root
    return groups
