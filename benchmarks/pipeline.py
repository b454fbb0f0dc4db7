"""Throughput of ingest + clean + analyze next to spaCy's own nlp.pipe, and brief latency.

    python benchmarks/pipeline.py --corpus ../shared/eval/timeline17 \
        --sample ../shared/samples/geneva-talks

Prints articles/s and KB/s for both passes over the same texts in the same run, their
ratio, and the cold (new process) and warm (models loaded) time of a brief of the sample.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def corpus_records(folder: Path, limit: int) -> list[dict[str, str]]:
    """Articles of a Timeline17-style corpus as JSONL records."""
    records = []
    for articles in sorted(folder.glob("*/articles.json")):
        for item in json.loads(articles.read_text()):
            records.append(
                {
                    "text": item["text"],
                    "published": item["dct"][:10],
                    "outlet": articles.parent.name,
                }
            )
            if len(records) >= limit:
                return records
    return records


def spacy_pass(texts: list[str]) -> float:
    from crosswire.analyze.nlp import load_nlp

    nlp = load_nlp()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - start


def crosswire_pass(jsonl: Path) -> tuple[float, int]:
    from crosswire.analyze import analyze_articles
    from crosswire.clean import clean_article
    from crosswire.ingest import read_articles

    start = time.perf_counter()
    articles = read_articles([jsonl]).articles
    count = sum(1 for _ in analyze_articles(clean_article(a) for a in articles))
    return time.perf_counter() - start, count


def brief_times(sample: Path) -> tuple[float, float]:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "crosswire", "brief", str(sample), "--format", "json"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    cold = time.perf_counter() - start
    from crosswire.pipeline import brief

    brief([sample])  # load every model in this process
    start = time.perf_counter()
    brief([sample])
    return cold, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--sample", type=Path)
    parser.add_argument("--limit", type=int, default=600)
    args = parser.parse_args()

    records = corpus_records(args.corpus, args.limit)
    kb = sum(len(r["text"].encode()) for r in records) / 1024
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "corpus.jsonl"
        jsonl.write_text("".join(json.dumps(r) + "\n" for r in records))
        spacy_pass([r["text"][:1000] for r in records[:20]])  # warm up the model
        ours, count = crosswire_pass(jsonl)
        theirs = spacy_pass([r["text"] for r in records])
    print(f"corpus: {len(records)} articles, {kb:,.0f} KB from {args.corpus}")
    for name, seconds, n in (
        ("spaCy nlp.pipe", theirs, len(records)),
        ("crosswire ingest+clean+analyze", ours, count),
    ):
        print(f"{name:31} {n / seconds:7.1f} articles/s {kb / seconds:8.1f} KB/s ({seconds:.1f} s)")
    print(f"ratio crosswire/spaCy time:    {ours / theirs:7.2f}x")
    if args.sample and args.sample.exists():
        cold, warm = brief_times(args.sample)
        print(f"brief of {args.sample.name}: cold {cold:.2f} s (new process), warm {warm:.2f} s")


if __name__ == "__main__":
    main()
