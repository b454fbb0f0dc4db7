"""Story grouping measured on ECB+ (seminal events) and on the DUC 2004 clusters as one stream.

Gold stories:

- ECB+: every document of a topic folder, split by its half: ``*ecb.xml`` and ``*ecbplus.xml``
  report two different (similar) events, so a topic is two stories (``1/ecb``, ``1/ecbplus``).
  The full text of each document is used; a first line that is the article's URL becomes its
  ``url`` and, when the URL carries a ``/YYYY/MM/DD/`` path, its publication date.
- DUC 2004: each of the ten clusters is one story; all 100 articles are fed as one stream.

Each document goes through the same per-article stage as any article (clean, analyse), with
analyses kept in a store so a rerun does not parse again. Systems, on the same articles:

- ``batch``: ``group.group_batch`` over all the articles at once;
- ``incremental``: ``group.StoryIndex`` fed one article at a time (publication order where known,
  else a fixed shuffle), each assigned to a story or starting one;
- ``tfidf_average_link``: TF-IDF vectors of the texts, average-link agglomerative clustering on
  cosine distance, its cut threshold tuned on the same data (the best of a grid is reported, with
  the threshold: an upper bound for that baseline).

Scores: B³ precision, recall, F1 over documents, and the number of stories found.
"""

from __future__ import annotations

import json
import random
import re
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Hashable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crosswire.config import DEFAULT, Settings
from crosswire.errors import EvaluationDataError
from crosswire.evaluate.coref import b_cubed
from crosswire.ingest.common import article_id
from crosswire.model import Article

if TYPE_CHECKING:
    from crosswire.model import ArticleAnalysis
    from crosswire.store import Store

__all__ = ["evaluate", "load_ecbplus", "load_duc", "tfidf_average_link", "score"]

_NO_SPACE_BEFORE = re.compile(r"^([.,;:!?%)\]}]|'s|'|n't|'re|'ve|'ll|'d|'m|''|’s)$", re.I)
_NO_SPACE_AFTER = {"(", "[", "{", "``", "$"}
_URL_DATE = re.compile(r"/(19|20)(\d\d)/(\d\d|[a-z]{3})/(\d\d)/")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
Labelled = list[tuple[Article, str]]


def evaluate(
    ecbplus: str | Path | None = None,
    duc: str | Path | None = None,
    db: str | Path | None = None,
    topics: list[int] | None = None,
    settings: Settings = DEFAULT,
) -> dict[str, Any]:
    """B³ scores and story counts of crosswire's grouping and the baseline on each data set."""
    from crosswire.store import Store

    store = Store(db) if db else None
    results: dict[str, Any] = {}
    if ecbplus is not None:
        results["ecbplus"] = run(load_ecbplus(ecbplus, topics), store, settings)
    if duc is not None:
        results["duc2004_stream"] = run(load_duc(duc), store, settings)
    if not results:
        raise EvaluationDataError("give an ECB+ folder, a DUC clusters.jsonl, or both")
    return results


def run(
    labelled: Labelled, store: Store | None = None, settings: Settings = DEFAULT
) -> dict[str, Any]:
    """Analyse the articles (reusing ``store``), group them every way, score each."""
    from crosswire.group import StoryIndex, group_batch, signature_of

    gold = {article.id: label for article, label in labelled}
    began = time.perf_counter()
    analyses = analyse([a for a, _ in labelled], store)
    parsed = time.perf_counter() - began
    features = [signature_of(a) for a in analyses]
    began = time.perf_counter()
    batch = group_batch(features, settings)
    batch_seconds = time.perf_counter() - began
    began = time.perf_counter()
    index = StoryIndex(settings=settings)
    for item in _stream_order(features):
        index.add(item)
    incremental_seconds = time.perf_counter() - began
    baseline, threshold = tfidf_average_link([a.article for a in analyses], gold)
    return {
        "documents": len(gold),
        "gold_stories": len(set(gold.values())),
        "batch": score(gold, batch.clusters()) | {"seconds": round(batch_seconds, 2)},
        "incremental": score(gold, index.clusters())
        | {
            "seconds": round(incremental_seconds, 2),
            "splits": index.splits,
            "merges": index.merges,
        },
        "batch_vs_incremental_b3_f1": round(
            b_cubed(_sets(batch.clusters()), _sets(index.clusters()))["f1"], 4
        ),
        "tfidf_average_link": score(gold, baseline) | {"threshold": threshold},
        "analysis_seconds": round(parsed, 1),
    }


def score(gold: dict[str, str], clusters: Iterable[Iterable[str]]) -> dict[str, Any]:
    """B³ P/R/F1 of ``clusters`` (article ids) against the gold labels, and the story count."""
    response = _sets(clusters)
    key: dict[str, set[Hashable]] = defaultdict(set)
    for doc, label in gold.items():
        key[label].add(doc)
    metrics = b_cubed(list(key.values()), response)
    return {k: round(v, 4) for k, v in metrics.items()} | {"stories": len(response)}


def _sets(clusters: Iterable[Iterable[str]]) -> list[set[Hashable]]:
    return [set(c) for c in clusters]


def analyse(articles: list[Article], store: Store | None) -> list[ArticleAnalysis]:
    """The per-article stage, as ``crosswire ingest`` runs it."""
    from crosswire.pipeline import analyze_story

    return analyze_story(articles, store=store).analyses


def _stream_order(features: list[Any]) -> list[Any]:
    """Publication order where known; undated articles keep a fixed shuffled order among them."""
    shuffled = list(features)
    random.Random(15).shuffle(shuffled)
    return sorted(shuffled, key=lambda f: f.day or "")


# ------------------------------------------------------------------------------ baseline


def tfidf_average_link(
    articles: list[Article], gold: dict[str, str]
) -> tuple[list[list[str]], float]:
    """Average-link clusters of TF-IDF vectors at the cut that scores best on ``gold``."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(articles) < 2:
        return [[a.id for a in articles]], 0.0
    vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        [a.text for a in articles]
    )
    tree = linkage(vectors.toarray(), method="average", metric="cosine")
    best: tuple[float, list[list[str]], float] = (-1.0, [], 0.0)
    for cut in np.arange(0.30, 1.0, 0.01):
        labels = fcluster(tree, t=cut, criterion="distance")
        groups: dict[int, list[str]] = defaultdict(list)
        for article, label in zip(articles, labels, strict=True):
            groups[int(label)].append(article.id)
        f1 = score(gold, groups.values())["f1"]
        if f1 > best[0]:
            best = (f1, list(groups.values()), round(float(cut), 2))
    return best[1], best[2]


# ------------------------------------------------------------------------------ reading


def load_ecbplus(root: str | Path, topics: list[int] | None = None) -> Labelled:
    """Every ECB+ document as an article, labelled ``topic/ecb`` or ``topic/ecbplus``."""
    folder = Path(root)
    found = (
        sorted((int(p.name), p) for p in folder.iterdir() if p.is_dir() and p.name.isdigit())
        if folder.is_dir()
        else []
    )
    chosen = [(t, p) for t, p in found if topics is None or t in topics]
    if not chosen:
        raise EvaluationDataError(f"no ECB+ topic folders under {folder}")
    labelled: Labelled = []
    for topic, path in chosen:
        for xml in sorted(path.glob("*.xml")):
            half = "ecbplus" if xml.stem.endswith("ecbplus") else "ecb"
            labelled.append((_read_ecb(xml), f"{topic}/{half}"))
    return labelled


def _read_ecb(path: Path) -> Article:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise EvaluationDataError(f"{path}: not readable ECB+ XML ({exc})") from exc
    sentences: dict[int, list[str]] = defaultdict(list)
    for token in root.iter("token"):
        sentences[int(token.get("sentence", "0"))].append(token.text or "")
    lines = [_detokenise(words) for _, words in sorted(sentences.items())]
    url = None
    if lines and lines[0].replace(" ", "").startswith("http"):
        url = lines.pop(0).replace(" ", "")
    text = "\n".join(lines)
    return Article(
        id=article_id(text),
        text=text,
        outlet=path.stem,
        title=lines[0] if url and lines else None,
        url=url,
        published=_url_date(url),
        path=str(path),
    )


def _detokenise(words: list[str]) -> str:
    out = ""
    for i, word in enumerate(words):
        glue = i > 0 and (
            _NO_SPACE_BEFORE.match(word) is not None or words[i - 1] in _NO_SPACE_AFTER
        )
        out += ("" if i == 0 or glue else " ") + word
    return out


def _url_date(url: str | None) -> str | None:
    found = _URL_DATE.search(url or "")
    if found is None:
        return None
    century, year, month, day = found.groups()
    number = _MONTHS.index(month) + 1 if month in _MONTHS else int(month) if month.isdigit() else 0
    if not 1 <= number <= 12 or not 1 <= int(day) <= 31:
        return None
    return f"{century}{year}-{number:02d}-{int(day):02d}"


def load_duc(path: str | Path) -> Labelled:
    """The DUC 2004 clusters' articles as one stream, labelled by cluster."""
    file = Path(path)
    if not file.is_file():
        raise EvaluationDataError(f"{file} not found: expected duc2004-dev/clusters.jsonl")
    labelled: Labelled = []
    for number, line in enumerate(file.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            cluster, docs = str(record["cluster"]), list(record["docs"])
        except (ValueError, KeyError, TypeError) as exc:
            raise EvaluationDataError(f"{file}:{number}: not a DUC cluster record ({exc})") from exc
        for k, text in enumerate(docs, start=1):
            text = " ".join(str(text).split("\n"))
            labelled.append(
                (Article(id=article_id(text), text=text, outlet=f"{cluster}-{k}"), cluster)
            )
    return labelled
