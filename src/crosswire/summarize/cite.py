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
    stems = [content_stems(c.text) for c in pool]
    shortlists = [_lexical_shortlist(c, pool, stems) for c in chosen]
    wanted = sorted({i for shortlist in shortlists for i, _ in shortlist})
    vectors = embedder.embed([c.text for c in chosen] + [pool[i].text for i in wanted])
    row = {i: len(chosen) + k for k, i in enumerate(wanted)}
    found = []
    for n, (candidate, shortlist) in enumerate(zip(chosen, shortlists, strict=True)):
        best: dict[int, Support] = {}
        for i, overlap in shortlist:
            other = pool[i]
            cosine = float(np.dot(vectors[n], vectors[row[i]]))
            if cosine + overlap < threshold or not numbers(candidate.text) <= numbers(other.text):
                continue
            support = Support(other.source, other.start, other.end, overlap, cosine)
            held = best.get(other.source)
            if held is None or cosine + overlap > held.cosine + held.overlap:
                best[other.source] = support
        found.append(sorted(best.values(), key=lambda s: s.source))
    return found


def _lexical_shortlist(
    candidate: Candidate, pool: Sequence[Candidate], stems: list[set[str]]
) -> list[tuple[int, float]]:
    mine = content_stems(candidate.text)
    if not mine:
        return []
    shortlist = []
    for i, other in enumerate(pool):
        if other.source == candidate.source:
            continue
        overlap = len(mine & stems[i]) / len(mine)
        if overlap >= MIN_OVERLAP:
            shortlist.append((i, overlap))
    return shortlist
