"""Cold start of a brief: the median of several fresh ``crosswire brief`` processes.

    python benchmarks/cold_brief.py --sample ../shared/samples/geneva-talks --runs 5

Each run is a new process, as a user runs the command (``python -m crosswire brief SAMPLE
-f json``, parse included). Prints each run's wall and CPU seconds (user + system, from the
child's resource usage), the medians, and the load average before and after, since wall time
on a shared machine says as much about the others' work as about this one's. A new ``brief``
parses in a worker process while it loads the later stages only when the machine is not
oversubscribed (load average at most the cores, ``crosswire.cli._cold``); each run says which
way it went. To compare two checkouts in the same minutes, run it from each in turn, or give
``--compare OTHER_CHECKOUT``: the runs then alternate between this checkout and the other.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def one_run(command: list[str], source: Path | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh process running ``command`` (with crosswire's code
    from ``source``/src when given, else as this process finds it)."""
    env = None
    if source is not None:
        env = {**os.environ, "PYTHONPATH": str(source.resolve() / "src")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _parse_in_worker() -> bool:
    """Whether a ``brief`` started now would parse in a worker (the command's own rule)."""
    from crosswire.cli import _cold

    return _cold()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--format", default="json")
    parser.add_argument(
        "--compare", type=Path, help="another checkout whose runs alternate with this one's"
    )
    args = parser.parse_args()

    sample = str(args.sample.resolve())
    command = [sys.executable, "-m", "crosswire", "brief", sample, "-f", args.format]
    here = Path(__file__).resolve().parent.parent if args.compare else None
    sources = {"this checkout": here} if args.compare is None else {str(here): here}
    if args.compare is not None:
        sources[str(args.compare.resolve())] = args.compare
    print("command:", " ".join(["python", *command[1:]]))
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    for source in sources.values():
        one_run(command, source)  # page cache and bytecode warm, as for a user's second run
    walls: dict[str, list[float]] = {name: [] for name in sources}
    cpus: dict[str, list[float]] = {name: [] for name in sources}
    for number in range(1, args.runs + 1):
        for name, source in sources.items():
            worker = _parse_in_worker()
            wall, cpu = one_run(command, source)
            walls[name].append(wall)
            cpus[name].append(cpu)
            where = "parse in a worker" if worker else "parse in the process"
            label = f" {name}" if len(sources) > 1 else ""
            print(f"run {number}{label}: {wall:.2f} s wall, {cpu:.2f} CPU s ({where})")
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    for name in sources:
        label = f" {name}" if len(sources) > 1 else ""
        print(
            f"median of {args.runs}{label}: {statistics.median(walls[name]):.2f} s wall, "
            f"{statistics.median(cpus[name]):.2f} CPU s"
        )


if __name__ == "__main__":
    main()
