"""The critical path of a cold brief in CPU seconds, which a loaded shared machine distorts less
than wall time.

    python benchmarks/cold_path.py --sample ../shared/samples/geneva-talks --runs 5 \
        [--compare OTHER_CHECKOUT]

Runs ``python -m crosswire brief SAMPLE -f json`` in new processes with the parse in its worker
whatever the load average (as on an idle machine), and reads trace marks that a
``sitecustomize`` module (written to a temporary folder, first on PYTHONPATH) adds around a few
of crosswire's functions. The critical path is the command's own thread's CPU seconds until
the parse worker's pool is created, the worker's CPU seconds until it has analysed the
articles, and the command's thread's CPU seconds from then to the end (reconcile, summary,
rendering). On two free cores the wall time is about their sum: the later stages' loading runs
beside the worker. With ``--compare`` the runs alternate between this checkout and the other.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TRACER = """
import os, sys, time, threading, functools, importlib.abc, importlib.machinery
os.getloadavg = lambda: (0.0, 0.0, 0.0)  # the worker path, as on an idle machine
def mark(what):
    sys.stderr.write(f"CST {os.getpid()} {time.process_time():.4f} {time.thread_time():.4f} "
                     f"{threading.current_thread().name} {what}\\n")
TARGETS = {"crosswire.cli": ["_story"], "crosswire.analyze": ["_analyze_chunk"]}
def wrap(module, name):
    function = getattr(module, name)
    @functools.wraps(function)
    def traced(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        finally:
            mark("< " + name)
    setattr(module, name, traced)
class Hook(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):
        if fullname not in TARGETS:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        run = spec.loader.exec_module
        def exec_module(module):
            run(module)
            for name in TARGETS[fullname]:
                wrap(module, name)
        spec.loader.exec_module = exec_module
        return spec
sys.meta_path.insert(0, Hook())
import multiprocessing.pool
_init = multiprocessing.pool.Pool.__init__
def _pool_init(self, *args, **kwargs):
    mark("pool")
    return _init(self, *args, **kwargs)
multiprocessing.pool.Pool.__init__ = _pool_init
import atexit
atexit.register(lambda: mark("exit"))
"""


def one_run(sample: str, checkout: Path, tracer: Path) -> tuple[float, float, float]:
    """CPU seconds before the worker, in it, and after it, of one cold brief."""
    env = {**os.environ, "PYTHONPATH": f"{tracer}:{checkout.resolve() / 'src'}"}
    command = [sys.executable, "-m", "crosswire", "brief", sample, "-f", "json"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    marks = [line.split() for line in done.stderr.splitlines() if line.startswith("CST ")]
    main = marks[0][1]  # the command marks the pool it starts before any worker marks
    own = [m for m in marks if m[1] == main and m[4] == "MainThread"]

    def thread_cpu(what: str) -> float:
        return next(float(m[3]) for m in own if m[5:] == what.split())

    before = thread_cpu("pool")
    after = thread_cpu("exit") - thread_cpu("< _story")
    worker = max(float(m[2]) for m in marks if m[1] != main and m[5:] == ["<", "_analyze_chunk"])
    return before, worker, after


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--compare", type=Path, help="another checkout, run in turn with this")
    args = parser.parse_args()
    checkouts = [Path(__file__).resolve().parent.parent]
    if args.compare is not None:
        checkouts.append(args.compare.resolve())
    sample = str(args.sample.resolve())
    results: dict[Path, list[tuple[float, float, float]]] = {c: [] for c in checkouts}
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "sitecustomize.py").write_text(TRACER)
        for checkout in checkouts:
            one_run(sample, checkout, Path(folder))  # page cache and bytecode warm
        for _ in range(args.runs):
            for checkout in checkouts:
                results[checkout].append(one_run(sample, checkout, Path(folder)))
                time.sleep(0.2)
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    for checkout, runs in results.items():
        before, worker, after = (statistics.median(part) for part in zip(*runs, strict=True))
        totals = ", ".join(f"{sum(run):.2f}" for run in runs)
        print(
            f"{checkout}: before the worker {before:.2f} + worker {worker:.2f} + after {after:.2f}"
            f" CPU s; critical path median {statistics.median(sum(r) for r in runs):.2f} ({totals})"
        )


if __name__ == "__main__":
    main()
