"""Timeline17: date selection and alignment ROUGE of timelines built from crosswire's dates.

Data layout (one folder per topic/outlet): ``articles.json`` (a list of ``uid``, ``dct``
publication date, ``text`` tokenised with ``-LRB-`` brackets, ``dates``: the corpus's own
pre-computed date annotations) and one or more ``*.timeline.json`` (a list of ``date`` +
``text``, the outlet's human-written timeline).

The task follows news-tls (Ghalandari & Ifrim 2020, ``experiments/evaluate.py``): for each
gold timeline, the system is told its number of dates ``T`` and its mean number of
sentences per date ``k`` (rounded), and, as there, only dates inside the gold timeline's
first..last date are eligible (``gold_span``; ``open_span`` lifts that and allows every date
from a week before the first article to the last article).  A timeline is:

- dates: every day-level date crosswire's ``extract_dates`` resolves (relative to each
  article's ``dct``; datelines left out), ranked by salience (``crosswire``): each reprint
  group (an article and its copies or updates, by the brief's ``find_duplicates``) votes once
  for each day it names, with weight sqrt(1 + days from the day to its publication), so a
  day the story keeps referring back to outranks one day's news; plus the number of
  articles published on the day or the next (its coverage).  The top ``T``.
  ``crosswire_article_count`` ranks by the number of articles naming a day (the previous
  ranking) and ``crosswire_mention_count`` by raw mentions;
- summaries (news-tls's "datewise"): per date, the ``k`` candidate sentences nearest the
  TF-IDF centroid of its candidates (sentences naming the day, and the first five sentences
  of articles published on it or the day after), skipping near-duplicates.

Metrics, computed by the ``tilse`` package exactly as news-tls calls it: date precision,
recall and F1 (exact day match), and alignment ROUGE-1/2 ("align, date-content costs,
many-to-one", ``TimelineRougeEvaluator.evaluate_align_date_content_costs_many_to_one``).
Per topic figures and their mean; the mean F is computed from the mean precision and mean
recall, as news-tls reports it.  Baselines run on the same selection and summariser:
``corpus_dates`` ranks the corpus's own pre-computed date annotations (the ``dates``
field) the same way instead of crosswire's (``corpus_dates_article_count``: by articles);
``pub_count`` ranks days by the number of articles published on them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crosswire.analyze.dates import extract_dates
from crosswire.analyze.nlp import load_nlp
from crosswire.errors import EvaluationDataError
from crosswire.model import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["evaluate", "PUBLISHED"]

PUBLISHED = {
    "news-tls DATEWISE (all 9 T17 topics)": {"date_f1": 0.544, "ar1_f": 0.120, "ar2_f": 0.035},
    "oracle dates (news-tls)": {"date_f1": 0.926},
}
_BRACKETS = {
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
    "``": '"',
    "''": '"',
}
_BRACKET = re.compile("|".join(re.escape(k) for k in _BRACKETS))
_LEAD_SENTENCES = 5  # opening sentences of an article that report its day's news
_PUB_DAYS = 2  # ... of articles published on the day or the next
_MIN_WORDS, _MAX_WORDS = 5, 60
_DUPLICATE = 0.7
_PROCESSES = 2  # TF-IDF cosine above which a candidate repeats a chosen sentence


@dataclass
class Topic:
    """What one topic's articles offer a timeline: dated sentences and publication days."""

    name: str
    mention_sentences: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    corpus_articles: Counter[str] = field(default_factory=Counter)  # same, corpus's own dates
    articles_naming: Counter[str] = field(default_factory=Counter)  # articles naming each day
    # Each article naming a day votes sqrt(1 + days from that day to the article's publication).
    salience: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    corpus_salience: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    published: Counter[str] = field(default_factory=Counter)
    lead_sentences: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    first_article: str = ""
    last_article: str = ""
    parse_seconds: float = 0.0
    extract_seconds: float = 0.0


def evaluate(
    path: str | Path, topics: list[str] | None = None, cache_dir: str | Path | None = None
) -> dict[str, Any]:
    """Date F1 and alignment ROUGE-1/2 per topic and on average, systems beside baselines."""
    root = Path(path)
    names = topics or sorted(p.name for p in root.iterdir() if (p / "articles.json").is_file())
    if not names:
        raise EvaluationDataError(f"no topic folders with articles.json under {root}")
    runs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    per_topic: dict[str, Any] = {}
    timing: dict[str, float] = defaultdict(float)
    for name in names:
        topic = read_topic(root / name, Path(cache_dir) if cache_dir else None)
        timing["parse_seconds"] += topic.parse_seconds
        timing["extract_dates_seconds"] += topic.extract_seconds
        per_topic[name] = {}
        for gold_path in sorted((root / name).glob("*.timeline.json")):
            gold = read_gold(gold_path)
            timeline = gold_path.name.removesuffix(".timeline.json")
            per_topic[name][timeline] = {}
            for system, scores in _score_systems(topic, gold).items():
                runs[system].append(scores)
                per_topic[name][timeline][system] = _rounded(scores)
    return {
        "topics": len(names),
        "timelines": len(next(iter(runs.values()), [])),
        "mean": {system: _mean(scores) for system, scores in runs.items()},
        "published": PUBLISHED,
        "per_topic": per_topic,
        "seconds": {k: round(v, 1) for k, v in timing.items()},
    }


# ------------------------------------------------------------------ reading


def read_gold(path: Path) -> dict[str, list[str]]:
    """Gold timeline as date -> sentences (entries sharing a date are joined)."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
        timeline: dict[str, list[str]] = defaultdict(list)
        for entry in entries:
            timeline[str(entry["date"])[:10]].extend(_split_sentences(str(entry["text"])))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EvaluationDataError(f"{path}: expected a list of {{date, text}} ({exc})") from exc
    return dict(timeline)


def _split_sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z`'\"])", _detokenise(text).strip())
    return [p.strip() for p in parts if p.strip()]


def _detokenise(text: str) -> str:
    return _BRACKET.sub(lambda m: _BRACKETS[m.group(0)], text)


def read_topic(folder: Path, cache_dir: Path | None = None) -> Topic:
    """Parse a topic's articles once (batched) and keep what timelines are made from."""
    try:
        records = json.loads((folder / "articles.json").read_text(encoding="utf-8"))
        articles = [
            Article(
                id=str(r["uid"]),
                text=_detokenise(str(r["text"])),
                outlet=folder.name,
                published=str(r["dct"])[:10],
            )
            for r in records
        ]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EvaluationDataError(
            f"{folder}/articles.json: expected a list of {{uid, dct, text}} ({exc})"
        ) from exc
    topic = Topic(folder.name)
    corpus_votes = []
    for record, article in zip(records, articles, strict=True):
        named = {str(d)[:10] for d in record.get("dates") or []}
        topic.corpus_articles.update(named)
        corpus_votes.append((article, named))
    days = sorted(a.published or "" for a in articles)
    topic.first_article, topic.last_article = days[0], days[-1]
    votes = _collect(topic, articles, cache_dir)
    group = _reprint_groups(articles)
    _salience(topic.salience, topic, votes, group)
    _salience(topic.corpus_salience, topic, corpus_votes, group)
    return topic


def parse(texts: list[str], cache_dir: Path | None = None) -> list[Doc]:
    """spaCy parses of ``texts``; with ``cache_dir``, read from (or saved to) a DocBin there.

    The cache file is named after the model and a hash of the texts, so a changed corpus or
    model never reads a stale parse; the date extraction itself always reruns.
    """
    nlp = load_nlp()
    cached: Path | None = None
    if cache_dir is not None:
        digest = hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()[:20]
        model = f"{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '')}"
        cached = Path(cache_dir) / f"t17-{model}-{digest}.spacy"
        if cached.is_file():
            from spacy.tokens import DocBin

            return list(DocBin().from_disk(cached).get_docs(nlp.vocab))
    # Two processes: the parse is nearly all of the run, and the machines have two cores.
    processes = _PROCESSES if len(texts) >= 50 else 1  # workers cost a model load each
    docs = list(nlp.pipe(texts, batch_size=16, n_process=processes))
    if cached is not None:
        from spacy.tokens import DocBin

        cached.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs).to_disk(cached)
    return docs


def _collect(
    topic: Topic, articles: list[Article], cache_dir: Path | None = None
) -> list[tuple[Article, set[str]]]:
    """Parse, extract dates, and keep each article's named days (returned) and sentences."""
    started = time.perf_counter()
    docs = parse([a.text for a in articles], cache_dir)
    votes: list[tuple[Article, set[str]]] = []
    for doc, article in zip(docs, articles, strict=True):
        ticked = time.perf_counter()
        mentions = extract_dates(doc, article)
        topic.extract_seconds += time.perf_counter() - ticked
        day = article.published or ""
        topic.published[day] += 1
        sentences = [s for s in doc.sents if _MIN_WORDS <= len(s) <= _MAX_WORDS]
        topic.lead_sentences[day].extend(s.text.strip() for s in sentences[:_LEAD_SENTENCES])
        named = {m.date for m in mentions if m.granularity == "day" and m.date and not m.dateline}
        topic.articles_naming.update(named)
        votes.append((article, named))
        for mention in mentions:
            if mention.granularity != "day" or mention.date is None:
                continue
            sent = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if sent is not None and _MIN_WORDS <= len(sent.sent) <= _MAX_WORDS:
                topic.mention_sentences[mention.date].append(sent.sent.text.strip())
    topic.parse_seconds = time.perf_counter() - started - topic.extract_seconds
    return votes


def _salience(
    salience: dict[str, float],
    topic: Topic,
    votes: list[tuple[Article, set[str]]],
    group: list[int],
) -> None:
    """Each day's salience: references to it, copies counted once, plus its coverage.

    A reprint group (an article and its updates or copies, as the brief groups sources)
    votes once per day it names, with its strongest vote; each article published on the
    day or the day after adds one, as news-tls counts publication bursts beside mentions.
    """
    best: dict[tuple[int, str], float] = defaultdict(float)
    for index, (article, days) in enumerate(votes):
        for day, weight in _votes(days, article.published or "").items():
            best[(group[index], day)] = max(best[(group[index], day)], weight)
    for (_, day), weight in best.items():
        salience[day] += weight
    for day in list(salience):
        try:
            salience[day] += topic.published[day] + topic.published[_shift(day, 1)]
        except ValueError:  # not a calendar day
            continue


def _votes(days: Iterable[str], published: str) -> dict[str, float]:
    """One article's votes: a day it refers back to long after counts more than today's news.

    A day an article names on the day it happens is news; a day articles still name weeks
    later is one the story turned on: sqrt(1 + days from the day to the publication).
    """
    try:
        written = dt.date.fromisoformat(published)
    except ValueError:
        return {}
    votes = {}
    for day in days:
        try:
            gap = (written - dt.date.fromisoformat(day)).days
        except ValueError:
            continue
        votes[day] = math.sqrt(1 + max(gap, 0))
    return votes


def _reprint_groups(articles: list[Article]) -> list[int]:
    """Index of each article's reprint group, found week by week (copies follow closely)."""
    from crosswire.model import ArticleAnalysis, Story
    from crosswire.reconcile.independence import find_duplicates

    weeks: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, article in enumerate(articles):
        try:
            year, week, _ = dt.date.fromisoformat(article.published or "").isocalendar()
        except ValueError:
            year, week = 0, 0
        weeks[(year, week)].append(index)
    group = list(range(len(articles)))
    for members in weeks.values():
        story = Story([ArticleAnalysis(article=articles[i]) for i in members])
        for number, original in find_duplicates(story).items():
            if original is not None:
                group[members[number - 1]] = members[original - 1]
    return group


# ------------------------------------------------------------------ systems


Ranker = Callable[[Topic, str], float]

# Each article votes once for each day it names, as a source counts once in a brief.
RANKERS: dict[str, Ranker] = {
    "crosswire": lambda t, d: t.salience.get(d, 0.0),
    "crosswire_article_count": lambda t, d: t.articles_naming[d],
    "crosswire_mention_count": lambda t, d: len(t.mention_sentences.get(d, ())),
    "baseline_corpus_dates": lambda t, d: t.corpus_salience.get(d, 0.0),
    "baseline_corpus_dates_article_count": lambda t, d: t.corpus_articles[d],
    "baseline_pub_count": lambda t, d: t.published[d],
}


def _score_systems(topic: Topic, gold: dict[str, list[str]]) -> dict[str, dict[str, Any]]:
    size = len(gold)
    k = max(1, round(sum(len(s) for s in gold.values()) / size))
    spans = {
        "gold_span": (min(gold), max(gold)),
        "open_span": (_shift(topic.first_article, -7), topic.last_article),
    }
    results = {}
    for span_name, (start, end) in spans.items():
        for name, ranker in RANKERS.items():
            if span_name == "open_span" and name != "crosswire":
                continue
            dates = select_dates(topic, ranker, size, start, end)
            predicted = {d: summarise(topic, d, k) for d in dates}
            results[f"{name}/{span_name}"] = score_timeline(predicted, gold)
    return results


def select_dates(topic: Topic, ranker: Ranker, size: int, start: str, end: str) -> list[str]:
    """The ``size`` best-ranked days between ``start`` and ``end`` (ISO, inclusive)."""
    candidates = set(topic.mention_sentences) | set(topic.published) | set(topic.corpus_articles)
    eligible = [d for d in candidates if start <= d <= end and ranker(topic, d) > 0]
    return sorted(eligible, key=lambda d: (-ranker(topic, d), d))[:size]


def summarise(topic: Topic, day: str, k: int) -> list[str]:
    """The ``k`` sentences nearest the centroid of the day's candidates, near-duplicates skipped."""
    # news-tls's datewise candidates: sentences naming the day, and the opening sentences of
    # the articles reporting it (published on the day or the next).
    reports = (topic.lead_sentences.get(_shift(day, n), []) for n in range(_PUB_DAYS))
    candidates = list(
        dict.fromkeys([*topic.mention_sentences.get(day, []), *(s for r in reports for s in r)])
    )
    if len(candidates) <= 1:
        return candidates[:k]
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(stop_words="english").fit_transform(candidates)
    centroid = vectors.mean(axis=0).A1
    order = sorted(range(len(candidates)), key=lambda i: -float(vectors[i].toarray()[0] @ centroid))
    chosen: list[int] = []
    for i in order:
        if all(float((vectors[i] @ vectors[j].T).toarray()[0, 0]) < _DUPLICATE for j in chosen):
            chosen.append(i)
        if len(chosen) == k:
            break
    return [candidates[i] for i in chosen]


def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


# ------------------------------------------------------------------ scoring


def score_timeline(predicted: dict[str, list[str]], gold: dict[str, list[str]]) -> dict[str, Any]:
    """Date P/R/F1 and alignment ROUGE-1/2 (tilse, many-to-one date-content costs)."""
    try:
        from tilse.data.timelines import GroundTruth
        from tilse.data.timelines import Timeline as TilseTimeline
        from tilse.evaluation import rouge
    except ImportError as exc:
        raise EvaluationDataError(
            "the timeline17 evaluation needs the tilse package: pip install tilse"
        ) from exc
    evaluator = rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"])
    pred = TilseTimeline({dt.date.fromisoformat(d): s for d, s in predicted.items() if s})
    ref = TilseTimeline({dt.date.fromisoformat(d): s for d, s in gold.items()})
    zero = {"precision": 0.0, "recall": 0.0, "f_score": 0.0}
    scores = (
        evaluator.evaluate_align_date_content_costs_many_to_one(pred, GroundTruth([ref]))
        if pred.get_dates()  # tilse cannot align an empty timeline
        else {"rouge_1": zero, "rouge_2": zero}
    )
    shared = len(set(predicted) & set(gold))
    precision = shared / len(predicted) if predicted else 0.0
    recall = shared / len(gold) if gold else 0.0
    return {
        "date": {"precision": precision, "recall": recall, "f_score": _f(precision, recall)},
        "ar1": dict(scores["rouge_1"]),
        "ar2": dict(scores["rouge_2"]),
    }


def _f(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _mean(runs: Iterable[dict[str, Any]]) -> dict[str, float]:
    """Mean precision and recall per metric, and F of those means (news-tls's averaging)."""
    runs = list(runs)
    mean: dict[str, float] = {}
    for metric in ("date", "ar1", "ar2"):
        precision = sum(r[metric]["precision"] for r in runs) / len(runs)
        recall = sum(r[metric]["recall"] for r in runs) / len(runs)
        mean[f"{metric}_p"] = round(precision, 4)
        mean[f"{metric}_r"] = round(recall, 4)
        mean[f"{metric}_f"] = round(_f(precision, recall), 4)
    return mean


def _rounded(scores: dict[str, Any]) -> dict[str, float]:
    return {f"{m}_f": round(float(scores[m]["f_score"]), 4) for m in ("date", "ar1", "ar2")}
