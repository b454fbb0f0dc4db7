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
  not supported by "nearly eight hours");
* names: it states every name the summary sentence states (each person's last name,
  the words of each organisation's and place's name, as the parse found them), so a
  citation never vouches for a name its source does not give.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from crosswire.embeddings import Embedder
from crosswire.summarize.candidates import Candidate
from crosswire.summarize.text import content_stems, numbers, words

__all__ = ["Support", "supporting", "MIN_OVERLAP", "MIN_AGREEMENT"]

MIN_OVERLAP = 0.3
BLOCK = 256
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
    pairs = [
        (n, i, overlap)
        for n, i, overlap in _overlaps(chosen, pool, MIN_OVERLAP)
        if pool[i].source != chosen[n].source
    ]
    wanted = sorted({i for _, i, _ in pairs})
    vectors = embedder.embed([c.text for c in chosen] + [pool[i].text for i in wanted])
    row = {i: len(chosen) + k for k, i in enumerate(wanted)}
    best: list[dict[int, Support]] = [{} for _ in chosen]
    for n, i, overlap in pairs:
        mine, other = chosen[n], pool[i]
        cosine = float(np.dot(vectors[n], vectors[row[i]]))
        if cosine + overlap < threshold or not numbers(mine.text) <= numbers(other.text):
            continue
        stated = _lower_words(other.text)
        if not all(any(word in stated for word in name) for name in mine.names):
            continue  # a name the summary sentence states must be stated in the support too
        held = best[n].get(other.source)
        if held is None or cosine + overlap > held.cosine + held.overlap:
            best[n][other.source] = Support(other.source, other.start, other.end, overlap, cosine)
    return [sorted(found.values(), key=lambda s: s.source) for found in best]


def _overlaps(
    chosen: Sequence[Candidate], pool: Sequence[Candidate], least: float
) -> list[tuple[int, int, float]]:
    """(chosen k, pool i, share of k's content stems found in i) where that share >= least.

    Sparse throughout and in blocks of ``BLOCK`` chosen sentences, so memory stays bounded
    by the pairs that share words, never chosen x pool.
    """
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

    theirs = incidence([c.text for c in pool])
    mine = incidence([c.text for c in chosen])
    theirs.resize(theirs.shape[0], mine.shape[1])
    # Words no pool sentence has cannot be shared: they only count in the sizes.
    sizes = np.maximum(np.asarray(mine.sum(axis=1)).ravel(), 1.0)
    found: list[tuple[int, int, float]] = []
    for first in range(0, len(chosen), BLOCK):
        block = (mine[first : first + BLOCK] @ theirs.T).tocoo()
        share = block.data / sizes[block.row + first]
        keep = share >= least
        for k, i, v in zip(block.row[keep], block.col[keep], share[keep], strict=True):
            found.append((first + int(k), int(i), float(v)))
    return found


def _lower_words(text: str) -> set[str]:
    return {w.lower().removesuffix("'s").removesuffix("’s") for w in words(text)}
