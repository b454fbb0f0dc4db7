"""The timeline17 evaluation runs on any topic folder of that layout and scores what it should."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crosswire.errors import EvaluationDataError
from crosswire.evaluate import timeline17

pytest.importorskip("tilse")

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "timeline17"

ARTICLES = [
    ("2010-03-02", "The river burst its banks on March 1 , 2010 and flooded the town centre ."),
    (
        "2010-03-02",
        "Residents fled on Monday as the river burst its banks -LRB- officials said -RRB- .",
    ),
    (
        "2010-03-05",
        "The mayor declared an emergency on March 4 after the floods reached the school .",
    ),
    ("2010-03-06", "An emergency was declared by the mayor on Thursday as the floods spread ."),
    ("2010-03-06", "Schools reopened on Saturday , a week after the river burst its banks ."),
]
GOLD = [
    {"date": "2010-03-01", "text": "The river bursts its banks and floods the town centre ."},
    {"date": "2010-03-04", "text": "The mayor declares an emergency ."},
]


@pytest.fixture()
def topic(tmp_path: Path) -> Path:
    folder = tmp_path / "floods_demo"
    folder.mkdir()
    records = [{"uid": i, "dct": d, "text": t} for i, (d, t) in enumerate(ARTICLES)]
    (folder / "articles.json").write_text(json.dumps(records))
    (folder / "demo.txt.timeline.json").write_text(json.dumps(GOLD))
    return tmp_path


def test_finds_the_dates_the_articles_agree_on(topic: Path, nlp: Any) -> None:
    result = timeline17.evaluate(topic)
    assert result["topics"] == 1 and result["timelines"] == 1
    ours = result["mean"]["crosswire/gold_span"]
    assert ours["date_f"] == 1.0  # March 1 and 4: named three times and twice
    assert 0.0 < ours["ar1_f"] <= 1.0 and 0.0 <= ours["ar2_f"] <= ours["ar1_f"]
    assert "baseline_pub_count/gold_span" in result["mean"]
    # Publication days alone miss both events (reported the day after).
    assert result["mean"]["baseline_pub_count/gold_span"]["date_f"] < 1.0
    assert result["published"]["news-tls DATEWISE (all 9 T17 topics)"]["date_f1"] == 0.544


def test_per_timeline_results_and_cached_parses(topic: Path, tmp_path: Path, nlp: Any) -> None:
    cache = tmp_path / "parses"
    first = timeline17.evaluate(topic, cache_dir=cache)
    assert len(list(cache.glob("*.spacy"))) == 1  # the parse is kept ...
    again = timeline17.evaluate(topic, cache_dir=cache)
    assert again["mean"] == first["mean"]  # ... and read back to the same result
    per_timeline = first["per_topic"]["floods_demo"]["demo.txt"]
    assert (
        per_timeline["crosswire/gold_span"]["date_f"]
        == first["mean"]["crosswire/gold_span"]["date_f"]
    )
    assert "baseline_corpus_dates/gold_span" in per_timeline


def test_reports_bad_folders(tmp_path: Path) -> None:
    with pytest.raises(EvaluationDataError):
        timeline17.evaluate(tmp_path)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "articles.json").write_text("{not json")
    with pytest.raises(EvaluationDataError, match="articles.json"):
        timeline17.evaluate(tmp_path, ["broken"])


@pytest.mark.slow
def test_dev_split_date_f1_floor() -> None:
    if not EVAL.is_dir():
        pytest.skip(f"timeline17 not found at {EVAL}")
    result = timeline17.evaluate(EVAL)
    ours = result["mean"]["crosswire/gold_span"]
    # Pinned below the measured figure; news-tls DATEWISE reports 0.544 on all of T17.
    assert ours["date_f"] >= FLOOR_DATE_F1
    assert ours["ar1_f"] >= FLOOR_AR1_F
    # Every timeline of every topic is reported on its own.
    assert sum(len(timelines) for timelines in result["per_topic"].values()) == result["timelines"]


# Measured on the 8 dev topics: date F1 0.706, AR1-F 0.165, AR2-F 0.069 (was 0.656 / 0.117).
FLOOR_DATE_F1 = 0.68
FLOOR_AR1_F = 0.15
