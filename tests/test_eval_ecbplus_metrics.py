"""Coreference metrics against worked examples and invariants."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from crosswire.evaluate.coref import b_cubed, ceaf_e, muc, score_all

# Pradhan et al. (2014), "Scoring coreference partitions of predicted mentions", figure 1.
KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]


def test_worked_example() -> None:
    assert muc(KEY, RESPONSE) == {"p": 0.4, "r": 0.4, "f1": 0.4}
    b3 = b_cubed(KEY, RESPONSE)
    assert (b3["p"], b3["r"]) == (0.5625, round(3.1667 / 7, 4))
    ceaf = ceaf_e(KEY, RESPONSE)
    assert (ceaf["p"], ceaf["r"]) == (round(1.3 / 3, 4), 0.65)


def test_all_singletons_and_one_cluster() -> None:
    mentions = list("abcdef")
    key = [{"a", "b", "c"}, {"d"}, {"e", "f"}]
    singletons = [{m} for m in mentions]
    assert muc(key, singletons)["r"] == 0.0
    assert b_cubed(key, singletons)["p"] == 1.0
    assert b_cubed(key, [set(mentions)])["r"] == 1.0


partitions = st.lists(st.integers(0, 4), min_size=1, max_size=12).map(
    lambda labels: [
        {i for i, label in enumerate(labels) if label == group} for group in set(labels)
    ]
)


@given(partitions)
def test_a_perfect_response_scores_one(key: list[set[int]]) -> None:
    scores = score_all(key, [set(c) for c in key])
    assert scores["b3"]["f1"] == scores["ceaf_e"]["f1"] == 1.0
    assert scores["conll_f1"] >= 2 / 3  # MUC is 0 when every cluster is a singleton


@given(partitions, partitions)
def test_swapping_key_and_response_swaps_precision_and_recall(
    a: list[set[int]], b: list[set[int]]
) -> None:
    n = max(max(c) for c in a + b) + 1
    a += [{i} for i in range(n) if not any(i in c for c in a)]
    b += [{i} for i in range(n) if not any(i in c for c in b)]
    for metric in (muc, b_cubed, ceaf_e):
        forward, backward = metric(a, b), metric(b, a)
        assert (forward["p"], forward["r"]) == (backward["r"], backward["p"])
