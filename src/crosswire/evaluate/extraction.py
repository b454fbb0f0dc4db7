"""Article extraction benchmark: how much of each page's article body ingest + cleaning keep.

Data layout (the benchmark's own): ``html/<id>.html.gz`` pages and ``ground-truth.json``
mapping each id to ``{"articleBody": ...}``.

Tokens are maximal runs of Unicode word characters (``\\w+``), case kept, the
benchmark's own tokenisation.  A page's text is scored as a bag (multiset) of
tokens against the bag of its ``articleBody``: true positives are the shared
counts, false positives the extra predicted ones, false negatives the missed
ones.  ``micro`` pools the counts over all pages; ``macro`` averages per-page
precision and recall, then takes their harmonic mean, which is how the
benchmark's published figures are computed.  The same figures over 4-token
shingles (the benchmark's published metric) are given as ``shingles4``.

Systems, side by side in one run: ``crosswire`` (the project's HTML ingest then
``clean_article``), ``trafilatura`` (the same ingest, uncleaned: the baseline
cleaning must not fall below), and ``trafilatura_default`` (``trafilatura.extract``
with default settings, the configuration behind the published figures).
"""

from __future__ import annotations

import gzip
import json
import re
import time
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosswire.clean import clean_article
from crosswire.errors import EvaluationDataError, InputError
from crosswire.ingest.common import decode
from crosswire.ingest.html import read_html
from crosswire.model import Removal

__all__ = ["evaluate", "score", "tokens"]

PUBLISHED_F1 = {
    "trafilatura 2.0": 0.958,
    "newspaper4k": 0.949,
    "news-please": 0.948,
    "readability-lxml": 0.922,
}
_TOKEN = re.compile(r"\w+")
_SHINGLE = 4


def tokens(text: str) -> list[str]:
    """The benchmark's tokens: runs of word characters."""
    return _TOKEN.findall(text)


def _shingles(text: str, n: int = _SHINGLE) -> list[str]:
    words = tokens(text)
    return [" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1)) if words]


@dataclass
class _Counts:
    """True positive, false positive and false negative counts of one page."""

    tp: int
    fp: int
    fn: int

    @classmethod
    def of(cls, truth: list[str], predicted: list[str]) -> _Counts:
        gold, guess = Counter(truth), Counter(predicted)
        shared = sum((gold & guess).values())
        return cls(shared, sum(guess.values()) - shared, sum(gold.values()) - shared)


@dataclass
class _System:
    """One extractor's counts over the pages, for tokens and for shingles."""

    token_counts: list[_Counts] = field(default_factory=list)
    shingle_counts: list[_Counts] = field(default_factory=list)
    empty: int = 0
    seconds: float = 0.0
    removed: Counter[str] = field(default_factory=Counter)

    def add(self, truth: str, predicted: str, removed: list[Removal]) -> None:
        self.token_counts.append(_Counts.of(tokens(truth), tokens(predicted)))
        self.shingle_counts.append(_Counts.of(_shingles(truth), _shingles(predicted)))
        self.empty += not predicted.strip()
        self.removed.update(r.reason for r in removed)

    def report(self) -> dict[str, Any]:
        report: dict[str, Any] = {
            "tokens": score(self.token_counts),
            "shingles4": score(self.shingle_counts),
            "empty_outputs": self.empty,
            "seconds": round(self.seconds, 2),
        }
        if self.removed:
            report["lines_removed"] = dict(self.removed.most_common())
        return report


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _page_precision(c: _Counts) -> float | None:
    """Precision of one page; None when the page predicted nothing (left out of the mean)."""
    if c.fp == c.fn == 0:
        return 1.0
    return c.tp / (c.tp + c.fp) if c.tp + c.fp else None


def _page_recall(c: _Counts) -> float | None:
    if c.fp == c.fn == 0:
        return 1.0
    return c.tp / (c.tp + c.fn) if c.tp + c.fn else None


def _mean(values: list[float | None]) -> float:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else 0.0


def score(counts: list[_Counts]) -> dict[str, dict[str, float]]:
    """Micro and macro precision, recall and F1 over per-page counts."""
    tp = sum(c.tp for c in counts)
    fp = sum(c.fp for c in counts)
    fn = sum(c.fn for c in counts)
    micro_p = tp / (tp + fp) if tp + fp else 0.0
    micro_r = tp / (tp + fn) if tp + fn else 0.0
    macro_p = _mean([_page_precision(c) for c in counts])
    macro_r = _mean([_page_recall(c) for c in counts])
    return {
        "micro": _rounded(micro_p, micro_r),
        "macro": _rounded(macro_p, macro_r),
    }


def _rounded(precision: float, recall: float) -> dict[str, float]:
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(_f1(precision, recall), 4),
    }


def _load(root: Path) -> dict[str, str]:
    """Ground-truth article bodies by page id, for the pages present as HTML."""
    truth_path = root / "ground-truth.json"
    if not truth_path.is_file() or not (root / "html").is_dir():
        raise EvaluationDataError(
            f"{root}: expected ground-truth.json and an html/ folder of <id>.html.gz pages "
            "(the article-extraction benchmark layout)"
        )
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    pages = {p.name.removesuffix(".html.gz") for p in (root / "html").glob("*.html.gz")}
    return {
        key: entry["articleBody"]
        for key, entry in sorted(truth.items())
        if key in pages and isinstance(entry, dict) and entry.get("articleBody")
    }


def _ingested(path: str, html: str) -> tuple[str, list[Removal]]:
    """The project's HTML ingest, uncleaned; empty when it finds no article."""
    try:
        return read_html(path, html).text, []
    except InputError:
        return "", []


def _cleaned(path: str, html: str) -> tuple[str, list[Removal]]:
    try:
        article = read_html(path, html)
    except InputError:
        return "", []
    cleaned = clean_article(article)
    return cleaned.text, cleaned.removed[len(article.removed) :]


def _trafilatura_default(path: str, html: str) -> tuple[str, list[Removal]]:
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return trafilatura.extract(html, include_comments=False) or "", []


_SYSTEMS: dict[str, Callable[[str, str], tuple[str, list[Removal]]]] = {
    "crosswire": _cleaned,
    "trafilatura": _ingested,
    "trafilatura_default": _trafilatura_default,
}


def evaluate(path: str | Path, limit: int | None = None) -> dict[str, Any]:
    """Token P/R/F1 of ingest + cleaning and of the baselines on the benchmark at ``path``."""
    root = Path(path)
    truth = _load(root)
    keys = list(truth)[:limit] if limit is not None else list(truth)
    if not keys:
        raise EvaluationDataError(f"{root}: no page in html/ has an articleBody in ground truth")
    systems = {name: _System() for name in _SYSTEMS}
    for key in keys:
        page = root / "html" / f"{key}.html.gz"
        html = decode(str(page), gzip.decompress(page.read_bytes()))
        for name, extract in _SYSTEMS.items():
            started = time.perf_counter()
            predicted, removed = extract(str(page), html)
            systems[name].seconds += time.perf_counter() - started
            systems[name].add(truth[key], predicted, removed)
    return {
        "benchmark": "article-extraction",
        "pages": len(keys),
        "tokenisation": r"\w+ runs, case kept; bag-of-tokens overlap per page",
        "systems": {name: system.report() for name, system in systems.items()},
        "published_f1_shingles4_macro": PUBLISHED_F1,
    }
