"""Time and memory of grouping articles into stories, and of adding one article to a big store.

    python benchmarks/stories.py --corpus ../shared/eval/timeline17 [--db /tmp/t17.db]

Parsing 100,000 articles with spaCy is out of reach on this machine, and grouping reads only
each article's signature (``group.signature_of``: word stems, named entities, date). So:

1. ``--real`` Timeline17 articles (spread over its topic folders) go through the real
   per-article stage (clean, analyse) once; ``--db`` keeps those analyses between runs.
2. Synthetic articles are made from their signatures: each synthetic *event* takes a real
   article's topic folder, three made-up names of its own (people, a place) and a start day
   spread over twelve months; each of its 1-20 articles is a real signature of that topic
   with 30 % of its terms dropped at random, plus the event's names, dated 0-4 days after
   the start. Events of one topic therefore share most of their vocabulary, as similar real
   events do, and only their names and dates tell them apart.
3. For 1,000 / 10,000 / 100,000 articles, in a fresh process each: batch grouping
   (``group_batch``) and incremental grouping in memory, seconds and peak resident memory.
4. A SQLite store of each size is written from the incremental result, then 200 articles are
   added one at a time through the store (``StoryTables``), each in one ``Store.transaction``
   (``BEGIN IMMEDIATE`` ... ``COMMIT``), as ``crosswire ingest`` does: median and 95th
   percentile milliseconds per article, with the store as it opens (WAL journal, SQLite's
   default ``synchronous=FULL``: each commit waits for fsync) and with ``synchronous=NORMAL``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SIZES = (1_000, 10_000, 100_000)
ADDS = 200


def real_signatures(corpus: Path, count: int, db: str | None) -> list[tuple[str, Any]]:
    """(topic folder, signature) of ``count`` real Timeline17 articles, analysed for real."""
    from crosswire.group import signature_of
    from crosswire.ingest.common import article_id
    from crosswire.model import Article
    from crosswire.pipeline import analyze_story
    from crosswire.store import Store

    folders = sorted(corpus.glob("*/articles.json"))
    per = math.ceil(count / len(folders))
    articles, topic = [], {}
    for path in folders:
        for item in json.loads(path.read_text())[:per]:
            text = item["text"]
            article = Article(article_id(text), text, path.parent.name, published=item["dct"][:10])
            articles.append(article)
            topic[article.id] = path.parent.name
    store = Store(db) if db else None
    story = analyze_story(articles, store=store)
    return [(topic[a.article.id], signature_of(a)) for a in story.analyses]


def synthesise(real: list[tuple[str, Any]], size: int, seed: int = 15) -> list[Any]:
    """``size`` article signatures in events of 1-20 articles, dated over twelve months."""
    from datetime import date, timedelta

    from crosswire.model import ArticleSignature

    rng = random.Random(seed)
    by_topic: dict[str, list[Any]] = {}
    for name, signature in real:
        by_topic.setdefault(name, []).append(signature)
    topics = sorted(by_topic)
    made: list[ArticleSignature] = []
    event = 0
    while len(made) < size:
        event += 1
        pool = by_topic[rng.choice(topics)]
        names = {f"@person_{event}_a": 3, f"@person_{event}_b": 2, f"@place_{event}": 2}
        start = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
        for _ in range(min(rng.randint(1, 20), size - len(made))):
            template = rng.choice(pool)
            terms = {t: c for t, c in template.terms.items() if rng.random() > 0.3}
            day = (start + timedelta(days=rng.randrange(5))).isoformat()
            made.append(ArticleSignature(f"s{len(made)}", terms | names, day, None, f"e{event}"))
    made.sort(key=lambda s: s.day)
    return made


def measure(size: int, real_path: Path) -> dict[str, Any]:
    """One size, in this (fresh) process."""
    from crosswire.group import StoryIndex, group_batch
    from crosswire.group.backend import MemoryBackend
    from crosswire.model import ArticleSignature, from_dict

    real = [(t, from_dict(ArticleSignature, s)) for t, s in json.loads(real_path.read_text())]
    signatures = synthesise(real, size + ADDS)
    extra = signatures[size:][:: max(1, len(signatures[size:]) // ADDS)][:ADDS]
    signatures = signatures[:size]
    rss_before = _rss_mb()
    began = time.perf_counter()
    batch = group_batch(signatures)
    batch_seconds = time.perf_counter() - began
    batch_stories = len(batch.clusters())
    del batch
    began = time.perf_counter()
    backend = MemoryBackend()
    index = StoryIndex(backend)
    for signature in signatures:
        index.add(signature)
    incremental_seconds = time.perf_counter() - began
    rss_peak = _rss_mb()
    timed = {mode: _time_adds(backend, extra, mode == "normal") for mode in ("full", "normal")}
    return {
        "articles": size,
        "batch_seconds": round(batch_seconds, 2),
        "batch_stories": batch_stories,
        "incremental_seconds": round(incremental_seconds, 2),
        "incremental_stories": len(backend.member_ids),
        "peak_rss_mb": round(rss_peak),
        "rss_before_grouping_mb": round(rss_before),
        "store_mb": timed["full"][2],
        "add_one_ms_median": timed["full"][0],
        "add_one_ms_p95": timed["full"][1],
        "add_one_sync_normal_ms_median": timed["normal"][0],
        "add_one_sync_normal_ms_p95": timed["normal"][1],
    }


def measure_store_only(size: int, real_path: Path) -> dict[str, Any]:
    """Add-one timing on a store of ``size`` articles filled from the synthetic events' true
    grouping (no grouping run first: quick where the machine is too busy for the full run)."""
    from crosswire.model import ArticleSignature, from_dict

    real = [(t, from_dict(ArticleSignature, s)) for t, s in json.loads(real_path.read_text())]
    signatures = synthesise(real, size + ADDS)
    extra = signatures[size:][:: max(1, len(signatures[size:]) // ADDS)][:ADDS]
    began = time.perf_counter()
    backend = _prefilled(signatures[:size])
    fill_seconds = time.perf_counter() - began
    timed = {mode: _time_adds(backend, extra, mode == "normal") for mode in ("full", "normal")}
    return {
        "articles": size,
        "stories": len(backend.member_ids),
        "fill_seconds": round(fill_seconds, 1),
        "peak_rss_mb": round(_rss_mb()),
        "store_mb": timed["full"][2],
        "add_one_ms_median": timed["full"][0],
        "add_one_ms_p95": timed["full"][1],
        "add_one_sync_normal_ms_median": timed["normal"][0],
        "add_one_sync_normal_ms_p95": timed["normal"][1],
        "add_one_cpu_ms_median": timed["full"][3],
    }


def _prefilled(signatures: list[Any]) -> Any:
    """A memory backend holding ``signatures`` grouped by their synthetic event."""
    from crosswire.group import StoryIndex
    from crosswire.group.backend import MemoryBackend, StoryState
    from crosswire.group.vectors import add_into, strongest
    from crosswire.model import Grouping

    backend = MemoryBackend()
    for signature in signatures:
        backend.count(signature.terms)
    index = StoryIndex(backend)
    story_of: dict[str, int] = {}
    for signature in signatures:
        vector = index.vector(signature)
        story = story_of.setdefault(signature.outlet, len(story_of) + 1)
        state = backend.stories.get(story) or StoryState(story)
        add_into(state.centroid, vector)
        state.size += 1
        state.first_day = state.first_day or signature.day
        state.last_day = signature.day
        backend.put_story(state)
        backend.index_terms(story, strongest(vector, 90))
        backend.assign(signature, Grouping(signature.article_id, story, "joined"))
    for state in backend.stories.values():
        state.touch()
        state.next_check = 1 << max(2, state.size.bit_length())
    backend._last_id = len(story_of)
    return backend


def _time_adds(
    backend: Any, extra: list[Any], sync_normal: bool
) -> tuple[float, float, float, float]:
    """Median and p95 wall ms of adding ``extra`` one by one to a store holding ``backend``,
    the store's size in MB, and the median CPU ms (what the busy machine's waits leave out)."""
    from crosswire.group import StoryIndex
    from crosswire.store import Store, StoryTables

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "stories.db")  # opens in WAL mode
        if sync_normal:  # commits no longer wait for fsync (still safe from corruption in WAL mode)
            store.db.execute("pragma synchronous=normal")
        tables = StoryTables(store)
        # one transaction each, as ``group.place_articles`` does: the connection is in
        # autocommit mode, where ``with conn:`` opens none and every statement commits alone
        with store.transaction():
            tables.replace_with(backend)
        stored = StoryIndex(tables)
        times, cpu = [], []
        for signature in extra:
            began, began_cpu = time.perf_counter(), time.process_time()
            with store.transaction():
                stored.add(signature)
            times.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
        size = (Path(tmp) / "stories.db").stat().st_size / 1e6
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    return (
        round(statistics.median(times), 2),
        round(p95, 2),
        round(size, 1),
        round(statistics.median(cpu), 2),
    )


def _rss_mb() -> float:
    """Peak resident memory of this process (VmHWM: ru_maxrss would include the parent's)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, required=True, help="Timeline17 folder")
    parser.add_argument("--real", type=int, default=200, help="real articles to analyse")
    parser.add_argument("--db", help="store keeping the real articles' analyses between runs")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument(
        "--store-only",
        type=int,
        help="only time adding articles to a store of this many, filled from the true events",
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--signatures", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.signatures)))
        return
    from crosswire.model import to_dict

    began = time.perf_counter()
    real = real_signatures(args.corpus, args.real, args.db)
    if args.store_only:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "real.json"
            path.write_text(json.dumps([(t, to_dict(s)) for t, s in real]))
            print(json.dumps(measure_store_only(args.store_only, path)), flush=True)
        return
    print(f"{len(real)} real Timeline17 articles analysed in {time.perf_counter() - began:.0f} s")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "real.json"
        path.write_text(json.dumps([(t, to_dict(s)) for t, s in real]))
        rows = []
        for size in (int(s) for s in args.sizes.split(",")):
            command = [sys.executable, __file__, "--corpus", str(args.corpus), "--one", str(size)]
            command += ["--signatures", str(path)]
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            rows.append(json.loads(done.stdout))
            print(json.dumps(rows[-1]), flush=True)
    _growth(rows)


def _growth(rows: list[dict[str, Any]]) -> None:
    for a, b in zip(rows, rows[1:], strict=False):
        n, m = a["articles"], b["articles"]
        bound = (m * math.log(m)) / (n * math.log(n))
        for key in ("batch_seconds", "incremental_seconds"):
            ratio = b[key] / a[key] if a[key] else float("inf")
            verdict = "within" if ratio <= bound else "OVER"
            print(f"{key} {n:,} -> {m:,}: x{ratio:.1f} ({verdict} n log n bound x{bound:.1f})")


if __name__ == "__main__":
    main()
