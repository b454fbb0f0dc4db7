"""Citations: which sources say what a summary sentence says, and where.

A source supports a summary sentence when one of its sentences passes three
tests at once:

* lexical: it contains at least ``MIN_OVERLAP`` of the summary sentence's content
  stems (so it talks about the same things);
* agreement: the cosine of the two sentence embeddings plus that overlap reaches
  ``MIN_AGREEMENT`` for the embedding backend in use.  Neither signal alone
  separates support from mere topical kinship (a paraphrase can share a third of
  its words; a sentence about the same people doing something else can share
  half), their sum does better.  The thresholds were set by reading supporting
  and rejected pairs in the geneva-talks sample, erring towards citing too few
  sources: a missed citation understates agreement, a wrong one misleads;
* numeric: it states every number the summary sentence states ("seven hours" is
  not supported by "nearly eight hours").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from crosswire.embeddings import Embedder
from crosswire.summarize.candidates import Candidate
from crosswire.summarize.text import content_stems, numbers

__all__ = ["Support", "supporting", "MIN_OVERLAP", "MIN_AGREEMENT"]

MIN_OVERLAP = 0.3
# Cosine + overlap; minilm's cosines run lower than wordllama's for unrelated sentences.
MIN_AGREEMENT = {"wordllama": 1.3, "minilm": 1.2}


@dataclass(frozen=True)
class Support:
    """The sentence of one source that supports a summary sentence."""

    source: int
    start: int
    end: int
    overlap: float
    cosine: float


def supporting(
    chosen: Sequence[Candidate], pool: Sequence[Candidate], embedder: Embedder
) -> list[list[Support]]:
    """For each chosen sentence, its best supporting sentence in every other source."""
    threshold = MIN_AGREEMENT.get(embedder.name, max(MIN_AGREEMENT.values()))
    overlaps = _overlaps(chosen, pool)
    pairs = np.argwhere(overlaps >= MIN_OVERLAP)
    wanted = sorted({int(i) for i in pairs[:, 1]})
    vectors = embedder.embed([c.text for c in chosen] + [pool[i].text for i in wanted])
    row = {i: len(chosen) + k for k, i in enumerate(wanted)}
    best: list[dict[int, Support]] = [{} for _ in chosen]
    for n, i in pairs.tolist():
        mine, other = chosen[n], pool[i]
        if other.source == mine.source:
            continue
        overlap = float(overlaps[n, i])
        cosine = float(np.dot(vectors[n], vectors[row[i]]))
        if cosine + overlap < threshold or not numbers(mine.text) <= numbers(other.text):
            continue
        held = best[n].get(other.source)
        if held is None or cosine + overlap > held.cosine + held.overlap:
            best[n][other.source] = Support(other.source, other.start, other.end, overlap, cosine)
    return [sorted(found.values(), key=lambda s: s.source) for found in best]


def _overlaps(chosen: Sequence[Candidate], pool: Sequence[Candidate]) -> np.ndarray:
    """Share of each chosen sentence's content stems found in each pool sentence."""
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}

    def incidence(texts: list[str]) -> csr_matrix:
        rows, cols = [], []
        for r, text in enumerate(texts):
            for stem in content_stems(text):
                rows.append(r)
                cols.append(vocabulary.setdefault(stem, len(vocabulary)))
        shape = (len(texts), max(1, len(vocabulary)))
        return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)

    mine = incidence([c.text for c in chosen])
    theirs = incidence([c.text for c in pool])
    mine.resize(mine.shape[0], theirs.shape[1])
    shared = (mine @ theirs.T).toarray()
    sizes = np.maximum(np.asarray(mine.sum(axis=1)), 1.0)
    return np.asarray(shared / sizes)
