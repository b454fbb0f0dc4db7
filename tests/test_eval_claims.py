"""The bundled claims benchmark, with floors: a quality figure that can silently fall is not one."""

from __future__ import annotations

from typing import Any

import pytest

from crosswire.evaluate.claims import evaluate


@pytest.fixture(scope="module")
def result(nlp: Any) -> dict[str, Any]:
    return evaluate()


def test_alignment_floor(result: dict[str, Any]) -> None:
    assert result["cases"] >= 10
    assert result["systems"]["crosswire"]["alignment"]["f1"] >= 0.9


def test_discrepancy_floor_and_beats_naive(result: dict[str, Any]) -> None:
    ours = result["systems"]["crosswire"]["discrepancy"]["f1"]
    assert ours >= 0.9
    assert ours > result["systems"]["naive"]["discrepancy"]["f1"]
