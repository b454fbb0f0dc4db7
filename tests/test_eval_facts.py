"""The facts evaluation: evidence coverage scoring on a made-up cluster, and (slow) dev floors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import eval_path
from crosswire.errors import EvaluationDataError
from crosswire.evaluate import facts
from crosswire.model import Article, ArticleAnalysis, Claim, ClaimValue, Evidence, Story

DOCS = [
    "The blaze at the Korvo depot killed 12 people on Sunday, firefighters said.",
    "Firefighters said 14 people died in the Korvo depot blaze on Sunday. "
    "A 1990 fire at the same depot killed 3.",
]
GOLD = {
    "facts": [
        {
            "id": "F1",
            "subject": "Korvo depot fire",
            "attribute": "number of dead",
            "type": "count",
            "status": "discrepancy",
            "evolving": False,
            "reports": [
                {"doc": 1, "value": "12", "quote": "killed 12 people"},
                {"doc": 2, "value": "14", "quote": "14   people died"},
            ],
        }
    ],
    "traps": [{"doc": 2, "quote": "A 1990 fire at the same depot killed 3", "why": "another fire"}],
}


def _story() -> Story:
    articles = [facts.articles_of(DOCS)[i] for i in range(2)]
    return Story([ArticleAnalysis(article=a) for a in articles])


def _claim(status: str, spans: list[tuple[int, str]], story: Story) -> Claim:
    values = []
    for source, words in spans:
        text = story.analyses[source - 1].article.text
        start = text.index(words)
        values.append(
            ClaimValue(value=words, sources=[source], evidence=[Evidence(source, start, start + 2)])
        )
    return Claim(subject="", attribute="x", status=status, values=values)  # type: ignore[arg-type]


def test_quotes_are_found_with_whitespace_collapsed() -> None:
    story = _story()
    located = facts.locate(GOLD, DOCS, story)
    assert not located.unlocated
    source, start, end = located.facts[0]["spans"][1]
    assert story.analyses[source - 1].article.text[start:end] == "14 people died"


def test_a_flag_covering_the_discrepancy_in_two_sources_counts() -> None:
    story = _story()
    located = facts.locate(GOLD, DOCS, story)
    tally, errors = facts.score_cluster(
        located, [_claim("discrepancy", [(1, "12"), (2, "14")], story)], story
    )
    scores = tally.scores()
    assert scores["discrepancy_precision"] == 1.0 and scores["discrepancy_recall"] == 1.0
    assert scores["alignment_precision"] == 1.0 and scores["trap_hits"] == 0
    assert errors == []


def test_a_flag_touching_a_trap_is_a_false_alarm_and_a_trap_hit() -> None:
    story = _story()
    located = facts.locate(GOLD, DOCS, story)
    claim = _claim("discrepancy", [(1, "12"), (2, "3.")], story)
    tally, errors = facts.score_cluster(located, [claim], story)
    scores = tally.scores()
    assert scores["discrepancy_precision"] == 0.0 and scores["trap_hits"] == 1
    assert {e["kind"] for e in errors} >= {"flag on no gold fact", "trap hit", "missed discrepancy"}


def test_one_source_is_not_coverage() -> None:
    story = _story()
    located = facts.locate(GOLD, DOCS, story)
    tally, _ = facts.score_cluster(located, [_claim("agreed", [(1, "12")], story)], story)
    assert tally.scores()["alignment_recall"] == 0.0


def test_bad_gold_is_reported(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text(json.dumps({"cluster": "x"}), encoding="utf-8")
    with pytest.raises(EvaluationDataError):
        facts.load_gold(tmp_path)


def test_articles_keep_their_ids_when_copies_collapse() -> None:
    articles = facts.articles_of([DOCS[0], DOCS[0]])
    assert isinstance(articles[0], Article) and articles[0].id == articles[1].id


def test_copies_of_one_article_are_one_source() -> None:
    """Evidence in two byte-identical copies is one source: not a claim in two sources."""
    docs = [DOCS[0], DOCS[0], DOCS[1]]
    story = Story([ArticleAnalysis(article=a) for a in facts.articles_of(docs)])
    reports = [{**r, "doc": d} for r, d in zip(GOLD["facts"][0]["reports"], (1, 3), strict=True)]
    gold = {"facts": [{**GOLD["facts"][0], "status": "agreed", "reports": reports}], "traps": []}
    located = facts.locate(gold, docs, story)
    copies = _claim("agreed", [(1, "12"), (2, "12")], story)
    tally, errors = facts.score_cluster(located, [copies], story)
    assert tally.scores()["claims_in_two_sources"] == 0
    assert tally.scores()["alignment_recall"] == 0.0
    across = _claim("agreed", [(1, "12"), (3, "14")], story)
    tally, _ = facts.score_cluster(located, [across], story)
    assert tally.scores()["alignment_recall"] == 1.0


@pytest.fixture(scope="module")
def dev() -> dict[str, Any]:
    return facts.evaluate(eval_path("facts"), eval_path("duc2004-dev") / "clusters.jsonl")


@pytest.mark.slow
def test_dev_floors(dev: dict[str, Any]) -> None:
    """Floors on the ten dev clusters (figures in the README); precision comes first."""
    ours, naive = dev["systems"]["crosswire"], dev["systems"]["naive"]
    left_out = dev["systems"]["crosswire_pair_model_left_out"]
    assert not dev["unlocated_quotes"]
    for system in (ours, left_out):  # shipped weights, and weights that never saw the cluster
        assert system["discrepancy_precision"] >= 0.9
        assert system["trap_hits"] <= 2
        assert system["discrepancy_recall"] >= 0.6
        assert system["alignment_recall"] >= 0.6
        assert system["alignment_precision"] >= 0.85
    assert ours["discrepancy_precision"] > naive["discrepancy_precision"]
    assert ours["alignment_precision"] > naive["alignment_precision"]
