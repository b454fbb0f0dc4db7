"""Coreference scores over one mention set: MUC, B³, CEAF-e and their CoNLL average.

A clustering is a list of clusters, each a collection of hashable mention ids.  Key
(gold) and response are expected to cover the same mentions (gold mentions); a
mention missing from one side counts there as a singleton of its own.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

__all__ = ["Clusters", "b_cubed", "ceaf_e", "conll", "muc", "prf", "score_all"]

Clusters = Sequence[Collection[Hashable]]


def prf(p_num: float, p_den: float, r_num: float, r_den: float) -> dict[str, float]:
    """Precision, recall and F1 from numerators and denominators (0 when undefined)."""
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def _index(clusters: Clusters) -> dict[Hashable, int]:
    return {m: i for i, cluster in enumerate(clusters) for m in cluster}


def _muc_side(key: Clusters, response: Clusters) -> tuple[int, int]:
    """Links of ``key`` kept by ``response``: sum(|K| - |partitions of K|), sum(|K| - 1)."""
    where = _index(response)
    num = den = 0
    for cluster in key:
        parts = {where.get(m, ("alone", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return num, den


def muc(key: Clusters, response: Clusters) -> dict[str, float]:
    """Vilain et al. (1995): links kept, so singletons score nothing either way."""
    r_num, r_den = _muc_side(key, response)
    p_num, p_den = _muc_side(response, key)
    return prf(p_num, p_den, r_num, r_den)


def _b3_side(key: Clusters, response: Clusters) -> tuple[float, int]:
    lookup = {m: set(c) for c in response for m in c}
    total, count = 0.0, 0
    for cluster in key:
        members = set(cluster)
        for m in members:
            other = lookup.get(m, {m})
            total += len(members & other) / len(members)
            count += 1
    return total, count


def b_cubed(key: Clusters, response: Clusters) -> dict[str, float]:
    """Bagga and Baldwin (1998): per-mention overlap of its key and response clusters."""
    r_num, r_den = _b3_side(key, response)
    p_num, p_den = _b3_side(response, key)
    return prf(p_num, p_den, r_num, r_den)


def ceaf_e(key: Clusters, response: Clusters) -> dict[str, float]:
    """Luo (2005), entity-based: best one-to-one alignment under phi4 similarity."""
    keys = [set(c) for c in key if c]
    responses = [set(c) for c in response if c]
    owner = {m: j for j, r in enumerate(responses) for m in r}
    parts = _components(keys, owner)
    total = sum(_best_alignment(keys, responses, owner, part) for part in parts)
    return prf(total, len(responses), total, len(keys))


def _components(keys: list[set[Hashable]], owner: dict[Hashable, int]) -> list[list[int]]:
    """Groups of key clusters linked through shared mentions, so each alignment stays small."""
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_key: dict[int, int] = {}
    for i, k in enumerate(keys):
        for j in {owner[m] for m in k if m in owner}:
            parent[find(i)] = find(first_key.setdefault(j, i))
    groups: dict[int, list[int]] = {}
    for i in range(len(keys)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def _best_alignment(
    keys: list[set[Hashable]],
    responses: list[set[Hashable]],
    owner: dict[Hashable, int],
    part: list[int],
) -> float:
    cols = sorted({owner[m] for i in part for m in keys[i] if m in owner})
    if not cols:
        return 0.0
    sim = np.zeros((len(part), len(cols)))
    for a, i in enumerate(part):
        for b, j in enumerate(cols):
            shared = len(keys[i] & responses[j])
            sim[a, b] = 2 * shared / (len(keys[i]) + len(responses[j]))
    rows, picked = linear_sum_assignment(sim, maximize=True)
    return float(sim[rows, picked].sum())


def conll(scores: dict[str, dict[str, float]]) -> float:
    """The CoNLL-2012 average: mean F1 of MUC, B³ and CEAF-e."""
    return round((scores["muc"]["f1"] + scores["b3"]["f1"] + scores["ceaf_e"]["f1"]) / 3, 4)


def score_all(key: Clusters, response: Clusters) -> dict[str, object]:
    """All three metrics and the CoNLL F1 of ``response`` against ``key``."""
    scores = {
        "muc": muc(key, response),
        "b3": b_cubed(key, response),
        "ceaf_e": ceaf_e(key, response),
    }
    return {**scores, "conll_f1": conll(scores)}
