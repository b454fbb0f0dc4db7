"""The article-extraction evaluation: its metric, a quick run, and the floor on the full set."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from conftest import eval_path
from crosswire.errors import EvaluationDataError
from crosswire.evaluate.extraction import _Counts, evaluate, score, tokens

PAGE = """<html><head><title>Ferry collides with cargo ship</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferry collides with cargo ship</h1>
<p>The passenger ferry Baltic Star collided with a cargo ship in thick fog off Tallinn on
Tuesday evening, injuring fourteen people, the maritime administration said.</p>
<p>All 212 passengers were taken off the ferry by rescue boats in an operation that lasted
about five hours, and the ship was later towed into the Old City Harbour.</p>
<p>Follow us on Twitter, Facebook and Google News</p>
<p>The captain was questioned by police on Wednesday and has not been detained.</p>
</article><footer>Contact us</footer></body></html>"""
BODY = (
    "The passenger ferry Baltic Star collided with a cargo ship in thick fog off Tallinn on "
    "Tuesday evening, injuring fourteen people, the maritime administration said.\n"
    "All 212 passengers were taken off the ferry by rescue boats in an operation that lasted "
    "about five hours, and the ship was later towed into the Old City Harbour.\n"
    "The captain was questioned by police on Wednesday and has not been detained."
)


def test_tokens_are_word_character_runs() -> None:
    assert tokens("U.S.-Russia: 7.5 hours!") == ["U", "S", "Russia", "7", "5", "hours"]


def test_bag_of_tokens_counts_and_both_averages() -> None:
    perfect = _Counts.of(["a", "b", "b"], ["b", "a", "b"])
    assert (perfect.tp, perfect.fp, perfect.fn) == (3, 0, 0)
    half = _Counts.of(["a", "b", "c", "d"], ["a", "b", "x", "y"])
    assert (half.tp, half.fp, half.fn) == (2, 2, 2)
    result = score([perfect, half])
    assert result["macro"] == {"precision": 0.75, "recall": 0.75, "f1": 0.75}
    assert result["micro"]["precision"] == pytest.approx(5 / 7, abs=1e-4)


def test_a_page_with_no_output_counts_against_recall_only() -> None:
    result = score([_Counts.of(["a", "b"], []), _Counts.of(["a"], ["a"])])
    assert result["macro"]["recall"] == 0.5
    assert result["macro"]["precision"] == 1.0


def test_cleaning_lifts_precision_on_a_page_with_a_follow_prompt(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "p1.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (tmp_path / "ground-truth.json").write_text(json.dumps({"p1": {"articleBody": BODY}}))
    systems = evaluate(tmp_path)["systems"]
    ours = systems["crosswire"]["tokens"]["micro"]
    baseline = systems["trafilatura"]["tokens"]["micro"]
    assert ours["recall"] == baseline["recall"] == 1.0
    assert ours["precision"] == 1.0 > baseline["precision"]
    assert systems["crosswire"]["lines_removed"] == {"follow prompt": 1}


def test_a_folder_in_another_layout_is_a_named_error(tmp_path: Path) -> None:
    with pytest.raises(EvaluationDataError, match="ground-truth.json"):
        evaluate(tmp_path)


def test_three_benchmark_pages_score_like_the_baseline() -> None:
    result = evaluate(eval_path("article-extraction"), limit=3)
    assert result["pages"] == 3
    ours = result["systems"]["crosswire"]["tokens"]["macro"]
    baseline = result["systems"]["trafilatura"]["tokens"]["macro"]
    assert ours["f1"] >= 0.9
    assert ours["recall"] >= baseline["recall"] - 0.01


@pytest.mark.slow
def test_full_benchmark_f1_floor_and_cleaning_costs_nothing() -> None:
    result = evaluate(eval_path("article-extraction"))
    assert result["pages"] == 181
    systems = result["systems"]
    for metric in ("tokens", "shingles4"):
        ours = systems["crosswire"][metric]["macro"]
        baseline = systems["trafilatura"][metric]["macro"]
        assert ours["f1"] >= 0.95
        assert ours["f1"] >= baseline["f1"]
        # The little recall cleaning costs is copyright and follow lines the annotators kept.
        assert ours["recall"] >= baseline["recall"] - 0.003
