"""Time to summarise one 10-article cluster: cold (a new process, models loading) and warm.

    python benchmarks/summary.py --clusters ../shared/eval/duc2004-dev/clusters.jsonl

The first cluster's articles are written as plain-text files; cold is the wall time
of ``crosswire summarize --words 100 DIR`` in a new process (ingest, clean, parse,
summarise, cite: the whole command); warm repeats the same work in one process
with the models already loaded.  The goal is under 10 s cold on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def write_cluster(clusters: Path, folder: Path) -> int:
    """The first cluster's articles as ``NN.txt`` files in ``folder``; returns how many."""
    first = json.loads(clusters.read_text(encoding="utf-8").splitlines()[0])
    for number, text in enumerate(first["docs"], start=1):
        (folder / f"{number:02d}.txt").write_text(text, encoding="utf-8")
    return len(first["docs"])


def cold(folder: Path, words: int) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "crosswire", "summarize", "--words", str(words), str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - start, done.stdout


def warm(folder: Path, words: int, repeats: int) -> float:
    from crosswire.pipeline import load_story
    from crosswire.summarize import summarize_story

    load_story([folder])  # loads the models
    summarize_story(load_story([folder])[0], words)
    start = time.perf_counter()
    for _ in range(repeats):
        summarize_story(load_story([folder])[0], words)
    return (time.perf_counter() - start) / repeats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=Path, required=True, help="DUC-format JSONL")
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        count = write_cluster(args.clusters, folder)
        cold_seconds, output = cold(folder, args.words)
        warm_seconds = warm(folder, args.words, args.repeats)
    summary_words = len(output.split())
    print(f"summary of {count} articles ({summary_words} words)")
    print(f"cold (new process, models loading): {cold_seconds:.2f} s")
    print(f"warm (models loaded, mean of {args.repeats}): {warm_seconds:.2f} s")


if __name__ == "__main__":
    main()
