"""crosswire's own claim benchmark: alignment and discrepancy detection, P/R/F1.

No public benchmark aligns claims across news outlets, so the project keeps one:
``data/claims/cases.json``, made-up articles covering the traps (same value in other
words, rounded vs exact, hedged ranges, different things with the same unit, counts
of different objects, dates, unit conversion).  Each case names the wording each
source uses for an expected claim and its expected status, plus wordings that must
never be aligned.

- alignment: over pairs of wordings; a gold pair is positive when both belong to one
  expected claim, negative when listed under ``apart``; a pair is predicted aligned
  when both wordings land in the same produced claim.
- discrepancy: over expected claims; positive when the expected status is
  ``discrepancy``; predicted positive when all its wordings land in one produced
  claim whose status is ``discrepancy``.

Systems side by side: ``crosswire`` (``reconcile_claims``) and ``naive`` (values of
the same attribute aligned whatever their subject, a discrepancy whenever the
stated figures differ, hedges ignored), over the same extracted assertions.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosswire.analyze import analyze_articles
from crosswire.errors import EvaluationDataError
from crosswire.model import Article, Story
from crosswire.reconcile.claims import attribute_key, reconcile_claims, stated
from crosswire.reconcile.entities import reconcile_entities
from crosswire.reconcile.independence import find_duplicates

__all__ = ["evaluate", "DEFAULT_PATH"]

DEFAULT_PATH = Path(__file__).parent / "data" / "claims"

# (source, wording lowercased) -> (produced group id, that group's status)
Placement = dict[tuple[int, str], tuple[int, str]]


@dataclass
class _Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def scores(self) -> dict[str, float | int]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def evaluate(path: str | Path | None = None) -> dict[str, Any]:
    """Alignment and discrepancy P/R/F1 of crosswire and the naive baseline."""
    cases = _load(Path(path) if path is not None else DEFAULT_PATH)
    systems: dict[str, Callable[[Story], Placement]] = {
        "crosswire": _crosswire,
        "naive": _naive,
    }
    counts = {name: (_Counts(), _Counts()) for name in systems}
    failures: dict[str, list[str]] = {name: [] for name in systems}
    for case in cases:
        story = _story(case)
        for name, system in systems.items():
            placement = system(story)
            align, flag = counts[name]
            missed = _score_case(case, placement, align, flag)
            failures[name].extend(f"{case['id']}: {m}" for m in missed)
    return {
        "cases": len(cases),
        "systems": {
            name: {
                "alignment": counts[name][0].scores(),
                "discrepancy": counts[name][1].scores(),
                "errors": failures[name],
            }
            for name in systems
        },
    }


def _load(path: Path) -> list[dict[str, Any]]:
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files or not all(f.is_file() for f in files):
        raise EvaluationDataError(f"{path}: expected a claims benchmark folder of *.json files")
    cases: list[dict[str, Any]] = []
    for file in files:
        try:
            cases.extend(json.loads(file.read_text(encoding="utf-8"))["cases"])
        except (ValueError, KeyError) as exc:
            raise EvaluationDataError(f"{file}: not a claims benchmark file ({exc})") from exc
    return cases


def _story(case: dict[str, Any]) -> Story:
    articles = [
        Article(
            id=hashlib.sha1(a["text"].encode("utf-8")).hexdigest()[:16],
            text=a["text"],
            outlet=a["outlet"],
            published=a.get("published"),
        )
        for a in case["articles"]
    ]
    return Story(list(analyze_articles(articles)))


def _crosswire(story: Story) -> Placement:
    claims = reconcile_claims(story, reconcile_entities(story), find_duplicates(story))
    placement: Placement = {}
    for number, claim in enumerate(claims):
        for value in claim.values:
            for evidence in value.evidence:
                text = story.analyses[evidence.source - 1].article.text
                wording = text[evidence.start : evidence.end].lower()
                placement[(evidence.source, wording)] = (number, claim.status)
    return placement


def _naive(story: Story) -> Placement:
    groups: dict[str, list[tuple[int, str, float | str | None]]] = {}
    for source, analysis in enumerate(story.analyses, start=1):
        for a in analysis.assertions:
            figure = a.value if a.kind in ("date", "place") else stated(a)
            groups.setdefault(attribute_key(a.attribute), []).append((source, a.text, figure))
    placement: Placement = {}
    for number, members in enumerate(groups.values()):
        sources = {m[0] for m in members}
        figures = {m[2] for m in members}
        status = "single" if len(sources) < 2 else "discrepancy" if len(figures) > 1 else "agreed"
        for source, wording, _ in members:
            placement[(source, wording.lower())] = (number, status)
    return placement


def _score_case(
    case: dict[str, Any], placement: Placement, align: _Counts, flag: _Counts
) -> list[str]:
    """Add one case's counts; return what went wrong, for reading."""
    missed: list[str] = []
    keys: dict[str, list[tuple[int, str]]] = {}
    for claim in case["claims"]:
        members = [(int(s), w.lower()) for s, w in claim["wordings"].items()]
        for w in claim["wordings"].values():
            keys.setdefault(w.lower(), []).extend(m for m in members if m[1] == w.lower())
        for a, b in itertools.combinations(members, 2):
            if _together(placement, a, b):
                align.tp += 1
            else:
                align.fn += 1
                missed.append(f"not aligned: {a[1]!r} / {b[1]!r}")
        groups = {placement.get(m) for m in members}
        only = next(iter(groups)) if len(groups) == 1 else None
        status = only[1] if only is not None else "split"
        expected = claim["status"] == "discrepancy"
        predicted = status == "discrepancy"
        flag.tp += expected and predicted
        flag.fp += predicted and not expected
        flag.fn += expected and not predicted
        if expected != predicted:
            missed.append(f"status {status} for {sorted(claim['wordings'].values())}")
    for first, second in case["apart"]:
        for a, b in _pairs(case, first.lower(), second.lower()):
            if _together(placement, a, b):
                align.fp += 1
                missed.append(f"wrongly aligned: {a[1]!r} / {b[1]!r}")
    return missed


def _together(placement: Placement, a: tuple[int, str], b: tuple[int, str]) -> bool:
    return a in placement and b in placement and placement[a][0] == placement[b][0]


def _pairs(
    case: dict[str, Any], first: str, second: str
) -> list[tuple[tuple[int, str], tuple[int, str]]]:
    """Every (source, wording) pair where one source says ``first`` and one ``second``."""
    found: list[tuple[tuple[int, str], tuple[int, str]]] = []
    for i, x in enumerate(case["articles"], start=1):
        for j, y in enumerate(case["articles"], start=1):
            if first in x["text"].lower() and second in y["text"].lower():
                found.append(((i, first), (j, second)))
    return found
