"""A large story briefed end to end, stage by stage, next to spaCy's own nlp.pipe.

    python benchmarks/scale.py --corpus ../shared/eval/timeline17 --sizes 100,1000 \
        --sample ../shared/samples/geneva-talks

For each size N the first N Timeline17 articles (real news, several topics) become one
JSONL story. One fresh process times spaCy's ``nlp.pipe(batch_size=32)`` over the same texts
(the floor: parsing is the least any brief costs; model loaded before timing), and right after
it another briefs the story as ``crosswire brief --format html`` does, timing every stage (read,
load model, analyse, each reconcile step, render) in wall and CPU seconds, with the process's
peak memory after each. CPU seconds are printed because on a shared machine wall time mostly
measures the other users. It then prints:

- crosswire's time over spaCy's (target <= 1.5x) and peak memory (target <= 1.5 GB);
- how the time grows from the smallest to the largest size against linear (target <= 1.3x);
- with ``--jobs-sizes``, the per-article stage with --jobs 1 and --jobs 2 (target >= 1.6x);
- with ``--sample``, the cold brief of the reference sample in a new process (target <= 2 s).

A size that runs out of memory (``--max-gb`` caps each run) or time is reported as failed at
the stage it reached. Results are also written as JSON to ``--json`` when given.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# benchmarks/ is the script's folder, so its sibling reads the corpus the same way.
from pipeline import corpus_records

ROOT = Path(__file__).resolve().parent.parent


# ------------------------------------------------------------------ one run (child process)


class StageClock:
    """A progress callback that records when each stage was first and last heard of."""

    def __init__(self) -> None:
        self.first: dict[str, float] = {}
        self.last: dict[str, float] = {}
        self.peak_mb: dict[str, int] = {}  # the process's peak memory when the stage ended
        self.cpu_first: dict[str, float] = {}
        self.cpu_last: dict[str, float] = {}
        self.current = "start"

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        self.first.setdefault(stage, now)
        self.last[stage] = now
        cpu = _cpu()
        self.cpu_first.setdefault(stage, cpu)
        self.cpu_last[stage] = cpu
        self.current = stage
        self.peak_mb[stage] = _peak_mb()

    def mark(self, stage: str, start: float, cpu_start: float) -> None:
        self.first[stage] = start
        self.last[stage] = time.perf_counter()
        self.cpu_first[stage] = cpu_start
        self.cpu_last[stage] = _cpu()
        self.peak_mb[stage] = _peak_mb()

    def cpu_seconds(self) -> dict[str, float]:
        return {s: round(self.cpu_last[s] - self.cpu_first[s], 2) for s in self.cpu_first}

    def seconds(self) -> dict[str, float]:
        return {s: round(self.last[s] - self.first[s], 2) for s in self.first}


def spacy_only(jsonl: Path) -> dict[str, Any]:
    """The floor: spaCy's own nlp.pipe over the story's texts (model loaded before timing)."""
    from crosswire.analyze.nlp import load_nlp

    texts = [json.loads(line)["text"] for line in jsonl.read_text().splitlines()]
    nlp = load_nlp()
    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return {
        "ok": True,
        "spacy_s": round(time.perf_counter() - start, 2),
        "spacy_cpu_s": round(time.process_time() - cpu, 2),
        "spacy_peak_mb": _peak_mb(),
    }


def run_one(jsonl: Path, jobs: int, skip_spacy: bool, analyse_only: bool) -> dict[str, Any]:
    from crosswire.config import DEFAULT, replace
    from crosswire.pipeline import analyze_story, build_brief
    from crosswire.render import render

    settings = replace(DEFAULT, jobs=jobs)
    result: dict[str, Any] = {"jobs": jobs}
    texts = [json.loads(line)["text"] for line in jsonl.read_text().splitlines()]
    if not skip_spacy:
        from crosswire.analyze.nlp import load_nlp

        nlp = load_nlp()
        start, cpu = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(texts, batch_size=32):
            pass
        result["spacy_s"] = round(time.perf_counter() - start, 2)
        result["spacy_cpu_s"] = round(time.process_time() - cpu, 2)
        result["spacy_peak_mb"] = _peak_mb()
        load_nlp.cache_clear()  # crosswire's run loads its model itself, timed as a stage
        del nlp
    clock = StageClock()
    try:
        from crosswire.ingest import read_articles

        start = time.perf_counter()
        total, cpu = start, _cpu()
        articles = read_articles([jsonl], settings).articles
        clock.mark("read", start, cpu)
        story = analyze_story(articles, settings, None, clock)
        clock.first.setdefault("analyse", clock.last.get("load model", start))
        if analyse_only:
            result["total_s"] = round(time.perf_counter() - total, 2)
            result["total_cpu_s"] = round(_cpu() - cpu, 2)
        else:
            brief = build_brief(story, settings, clock)
            start, render_cpu = time.perf_counter(), _cpu()
            page = render(brief, "html")
            clock.mark("render html", start, render_cpu)
            result["total_s"] = round(time.perf_counter() - total, 2)
            result["total_cpu_s"] = round(_cpu() - cpu, 2)
            result["page_mb"] = round(len(page.encode()) / 2**20, 1)
        result["ok"] = True
    except MemoryError:
        result.update(ok=False, failed_at=clock.current, error="MemoryError")
    result["stages_s"] = clock.seconds()
    result["stages_cpu_s"] = clock.cpu_seconds()
    result["stage_peak_mb"] = clock.peak_mb
    # the per-article stage, as the user sees it: model load + analyse
    if "load model" in clock.first and "analyse" in clock.last:
        result["per_article_s"] = round(clock.last["analyse"] - clock.first["load model"], 2)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result["peak_mb"] = round(own / 1024)
    result["worker_peak_mb"] = round(workers / 1024)
    return result


def _peak_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _cpu() -> float:
    """CPU seconds of this process and its finished workers (steadier than wall time on a
    busy machine)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


# ------------------------------------------------------------------ the driver


def child(jsonl: Path, jobs: int, max_gb: float, timeout: int, *flags: str) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", str(jsonl), "--jobs", str(jobs), *flags]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    limit = int(max_gb * 2**30)

    def cap() -> None:  # the memory cap: a run that wants more fails instead of the machine
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))

    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=timeout, preexec_fn=cap
        )
    except subprocess.TimeoutExpired:
        return {"ok": False, "error": f"over {timeout} s"}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = done.stderr.strip().splitlines()[-3:]
        return {"ok": False, "error": f"exit {done.returncode}: {' | '.join(tail)}"}
    data: dict[str, Any] = json.loads(lines[-1])
    return data


def cold_brief(sample: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "crosswire", "brief", str(sample), "--format", "json"],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    return time.perf_counter() - start


def report(runs: dict[int, dict[str, Any]]) -> None:
    for size, run in runs.items():
        if not run.get("ok"):
            where = run.get("failed_at", "")
            print(
                f"{size:5} articles: FAILED {run.get('error')} {('at ' + where) if where else ''}"
            )
            if run.get("stages_s"):
                print(f"      stages reached: {run['stages_s']}")
            continue
        spacy = run.get("spacy_s")
        ratio = f"{run['total_s'] / spacy:.2f}x spaCy" if spacy else ""
        cpu_ratio = (
            f"(CPU {run['total_cpu_s']:.0f} s vs {run['spacy_cpu_s']:.0f} s = "
            f"{run['total_cpu_s'] / run['spacy_cpu_s']:.2f}x)"
            if run.get("spacy_cpu_s")
            else ""
        )
        print(
            f"{size:5} articles: {run['total_s']:7.1f} s  spaCy nlp.pipe {spacy or 0:7.1f} s  "
            f"{ratio} {cpu_ratio}  peak {run['peak_mb']} MB  page {run.get('page_mb', '?')} MB"
        )
        stages = sorted(run["stages_s"].items(), key=lambda kv: -kv[1])
        print("      wall s: " + "  ".join(f"{name} {seconds:.1f}" for name, seconds in stages))
        cpu = run.get("stages_cpu_s", {})
        if cpu:
            stages = sorted(cpu.items(), key=lambda kv: -kv[1])
            print("      CPU s:  " + "  ".join(f"{name} {seconds:.1f}" for name, seconds in stages))
        peaks = run.get("stage_peak_mb", {})
        if peaks:
            print("      peak MB after: " + "  ".join(f"{k} {v}" for k, v in peaks.items()))
    ok = {size: run for size, run in runs.items() if run.get("ok")}
    if len(ok) >= 2:
        small, large = min(ok), max(ok)
        growth = ok[large]["total_s"] / ok[small]["total_s"]
        linear = large / small
        print(
            f"growth {small}->{large} articles: {growth:.1f}x for {linear:.0f}x the articles "
            f"= {growth / linear:.2f}x linear"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/eval/timeline17")
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--jobs-sizes", default="", help="sizes to time --jobs 1 vs 2 on")
    parser.add_argument("--sample", type=Path)
    parser.add_argument("--max-gb", type=float, default=6.0)
    parser.add_argument("--timeout", type=int, default=3600)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--skip-spacy", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--analyse-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--spacy-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--brief-jobs", type=int, default=1, help="--jobs of the end-to-end briefs (default 1)"
    )
    args = parser.parse_args()
    if args.child:
        if args.spacy_only:
            print(json.dumps(spacy_only(args.child)))
            return
        print(json.dumps(run_one(args.child, args.jobs, args.skip_spacy, args.analyse_only)))
        return

    results: dict[str, Any] = {"sizes": {}, "jobs": {}}
    sizes = [int(s) for s in args.sizes.split(",") if s]
    jobs_sizes = [int(s) for s in args.jobs_sizes.split(",") if s]
    records = corpus_records(args.corpus, max(sizes + jobs_sizes))
    with tempfile.TemporaryDirectory() as tmp:
        for size in sorted(set(sizes + jobs_sizes)):
            jsonl = Path(tmp) / f"story-{size}.jsonl"
            jsonl.write_text("".join(json.dumps(r) + "\n" for r in records[:size]))
            if size in sizes:
                # spaCy alone in its own process just before, so each peak is its own
                floor = child(jsonl, 1, args.max_gb, args.timeout, "--spacy-only")
                run = child(jsonl, args.brief_jobs, args.max_gb, args.timeout, "--skip-spacy")
                run.update({k: v for k, v in floor.items() if k.startswith("spacy")})
                results["sizes"][size] = run
                report({size: run})
            if size in jobs_sizes:
                flags = ("--skip-spacy", "--analyse-only")
                one = child(jsonl, 1, args.max_gb, args.timeout, *flags)
                two = child(jsonl, 2, args.max_gb, args.timeout, *flags)
                results["jobs"][size] = {"1": one, "2": two}
                if one.get("ok") and two.get("ok"):
                    speedup = one["per_article_s"] / two["per_article_s"]
                    print(
                        f"per-article stage, {size} articles: --jobs 1 {one['per_article_s']:.1f} s"
                        f", --jobs 2 {two['per_article_s']:.1f} s = {speedup:.2f}x"
                    )
    report({int(k): v for k, v in results["sizes"].items()})
    if args.sample and args.sample.exists():
        colds = sorted(cold_brief(args.sample) for _ in range(3))
        results["sample_cold_s"] = colds
        print(f"brief of {args.sample.name}, cold (new process): best {colds[0]:.2f} s of 3")
    load = os.getloadavg()
    results["loadavg"] = load
    print(f"machine load average at the end: {load[0]:.1f} on {os.cpu_count()} cores")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
