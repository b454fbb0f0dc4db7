"""Choosing sentences: a budgeted concept-coverage ILP, as ICSISumm does (Gillick & Favre 2009).

A concept is a stem bigram (or, at lower weight, a content stem) that several
independent sources use.  Its weight is the number of independent sources using
it, each counted by how early in its article the concept first appears (news
puts what matters first).  The chosen sentences maximise the weight of the
concepts they cover within the word budget; a concept counts once however many
chosen sentences repeat it, which is what keeps the summary from saying a thing
twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from crosswire.summarize.candidates import Candidate
from crosswire.summarize.text import bigrams, content_stems, word_count

__all__ = ["concept_weights", "sentence_concepts", "select", "Rules"]

Concept = Hashable

# Position decay: a concept first seen in sentence i of an article counts 1 / (1 + i / DECAY).
DECAY = 4.0
# Single content words are weaker evidence of a shared point than word pairs.
UNIGRAM_WEIGHT = 0.3
# A concept must be used by at least this share of the independent sources (and by two).
MIN_SOURCE_SHARE = 0.2
# A safety net only: with the pool bounded (Settings.summary_pool) the solver finishes in
# seconds, and a tighter limit would make the summary depend on how loaded the machine is.
SOLVER_SECONDS = 60.0


def sentence_concepts(text: str) -> set[Concept]:
    """The concepts a sentence covers: its stem bigrams and content stems."""
    found: set[Concept] = set(bigrams(text))
    found.update(("", stem) for stem in content_stems(text))
    return found


def concept_weights(
    pool: Sequence[Candidate], concepts: Sequence[set[Concept]], group_of: dict[int, int]
) -> dict[Concept, float]:
    """Weight of each concept used by enough independent sources (``group_of``: source -> group)."""
    best: dict[Concept, dict[int, float]] = defaultdict(dict)
    for candidate, found in zip(pool, concepts, strict=True):
        group = group_of.get(candidate.source, candidate.source)
        early = 1.0 / (1.0 + candidate.index / DECAY)
        for concept in found:
            seen = best[concept]
            seen[group] = max(seen.get(group, 0.0), early)
    groups = len(set(group_of.values())) or 1
    min_sources = 1 if groups == 1 else max(2, round(MIN_SOURCE_SHARE * groups))
    # When independent sources share no concept at all, each one's own concepts count.
    for least in sorted({min_sources, 1}, reverse=True):
        weights = {
            concept: sum(by_group.values()) * (UNIGRAM_WEIGHT if _is_unigram(concept) else 1.0)
            for concept, by_group in best.items()
            if len(by_group) >= least
        }
        if weights:
            return weights
    return {}


@dataclass
class Rules:
    """What a chosen set must respect besides the budget.

    ``needs[i]``: groups of texts; text i may be chosen only with one text of each group
    (a sentence naming "Mucic" needs one that gives his full name).  ``conflicts``: pairs
    of texts that say one thing, of which at most one is chosen.
    """

    needs: dict[int, list[list[int]]] = field(default_factory=dict)
    conflicts: list[tuple[int, int]] = field(default_factory=list)


def select(
    texts: Sequence[str],
    concepts: Sequence[set[Concept]],
    weights: dict[Concept, float],
    budget: int,
    bonus: Sequence[float] | None = None,
    rules: Rules | None = None,
) -> list[int]:
    """Indices of the texts whose concepts (plus each text's own ``bonus``) weigh most in budget."""
    rules = rules or Rules()
    lengths = [word_count(t) for t in texts]
    usable = [i for i, n in enumerate(lengths) if n <= budget]
    if not usable:
        return []
    extra = list(bonus) if bonus is not None else [0.0] * len(texts)
    chosen = _solve_ilp(usable, lengths, concepts, weights, budget, extra, rules)
    if chosen is None:
        chosen = _greedy(usable, lengths, concepts, weights, budget, extra, rules)
    return chosen


def _is_unigram(concept: Concept) -> bool:
    return isinstance(concept, tuple) and len(concept) == 2 and concept[0] == ""


def _solve_ilp(
    usable: list[int],
    lengths: list[int],
    concepts: Sequence[set[Concept]],
    weights: dict[Concept, float],
    budget: int,
    bonus: list[float],
    rules: Rules,
) -> list[int] | None:
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    index = {c: k for k, c in enumerate(weights)}
    ns, nc = len(usable), len(index)
    # A sentence that adds nothing costs a little, so spare budget is not filled with repeats.
    tiny = 1e-4 * min(weights.values(), default=1.0)
    cost = np.concatenate(
        [
            np.array([tiny * lengths[i] - bonus[i] for i in usable]),
            -np.array(list(weights.values())),
        ]
    )
    rows: list[int] = []
    cols: list[int] = []
    for j, i in enumerate(usable):
        for concept in concepts[i]:
            k = index.get(concept)
            if k is not None:
                rows.append(k)
                cols.append(j)
    # Each row k reads: z_k minus the chosen sentences holding concept k <= 0.
    vals = [-1.0] * len(rows) + [1.0] * nc
    rows += list(range(nc))
    cols += [ns + k for k in range(nc)]
    cover = coo_matrix((vals, (rows, cols)), shape=(nc, ns + nc)).tocsr()
    length_row = np.concatenate([np.array([lengths[i] for i in usable], float), np.zeros(nc)])
    constraints = [
        LinearConstraint(length_row[np.newaxis, :], 0, budget),
        LinearConstraint(cover, -np.inf, 0),
    ]
    if extra := _rule_rows(usable, rules, ns + nc):
        constraints.append(LinearConstraint(extra[0], -np.inf, extra[1]))
    result = milp(
        cost,
        constraints=constraints,
        integrality=np.concatenate([np.ones(ns), np.zeros(nc)]),  # z is integral at the optimum
        bounds=Bounds(0, 1),
        options={"time_limit": SOLVER_SECONDS},
    )
    if result.x is None:
        return None
    return [i for j, i in enumerate(usable) if result.x[j] > 0.5]


def _rule_rows(usable: list[int], rules: Rules, width: int) -> tuple[Any, np.ndarray] | None:
    """Rows ``A x <= b`` for the rules: x_i - sum(x_group) <= 0; x_i + x_j <= 1."""
    from scipy.sparse import coo_matrix

    column = {i: j for j, i in enumerate(usable)}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    upper: list[float] = []
    for i, groups in rules.needs.items():
        if i not in column:
            continue
        for group in groups:
            r = len(upper)
            rows.append(r)
            cols.append(column[i])
            vals.append(1.0)
            for j in group:
                if j in column and j != i:
                    rows.append(r)
                    cols.append(column[j])
                    vals.append(-1.0)
            upper.append(0.0)
    for i, j in rules.conflicts:
        if i in column and j in column:
            r = len(upper)
            rows += [r, r]
            cols += [column[i], column[j]]
            vals += [1.0, 1.0]
            upper.append(1.0)
    if not upper:
        return None
    matrix = coo_matrix((vals, (rows, cols)), shape=(len(upper), width)).tocsr()
    return matrix, np.array(upper)


def _allowed(i: int, chosen: list[int], rules: Rules) -> bool:
    """Whether text i may join ``chosen`` under the rules (the greedy fallback's check)."""
    if any((i, j) in rules.conflicts or (j, i) in rules.conflicts for j in chosen):
        return False
    return all(set(group) & set(chosen) for group in rules.needs.get(i, []))


def _greedy(
    usable: list[int],
    lengths: list[int],
    concepts: Sequence[set[Concept]],
    weights: dict[Concept, float],
    budget: int,
    bonus: list[float],
    rules: Rules,
) -> list[int]:
    """Cost-scaled greedy coverage: the fallback when the solver finds no solution in time."""
    covered: set[Concept] = set()
    chosen: list[int] = []
    left = set(usable)
    used = 0
    while left:
        fitting = [i for i in left if used + lengths[i] <= budget and _allowed(i, chosen, rules)]
        gains = {
            i: (_fresh_weight(concepts[i] - covered, weights) + bonus[i]) / lengths[i] ** 0.5
            for i in fitting
        }
        best = max(gains, key=gains.__getitem__, default=None)
        if best is None or gains[best] <= 0:
            break
        chosen.append(best)
        covered |= concepts[best]
        used += lengths[best]
        left.discard(best)
    return chosen


def _fresh_weight(fresh: set[Concept], weights: dict[Concept, float]) -> float:
    return sum(weights.get(c, 0.0) for c in fresh)
