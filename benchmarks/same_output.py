"""The analyses and briefs a speed-up must leave unchanged, written out to diff two revisions.

    git worktree add /tmp/base main          # or: git archive main src | tar -x -C /tmp/base
    PYTHONPATH=/tmp/base/src python benchmarks/same_output.py /tmp/out-base
    PYTHONPATH=src python benchmarks/same_output.py /tmp/out-new
    diff -r /tmp/out-base /tmp/out-new && echo same

For the reference sample (geneva-talks), the bundled ferry example and the first ``--size``
Timeline17 articles (briefed as one story, as benchmarks/scale.py does), it writes every
article's analysis (``<name>.analyses.json``) and the brief as JSON and HTML. The Timeline17
story is written to one fixed path so that both runs' source paths read the same.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

# benchmarks/ is the script's folder, so its sibling reads the corpus the same way.
from pipeline import corpus_records

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/eval/timeline17")
    parser.add_argument("--sample", type=Path, default=ROOT.parent / "shared/samples/geneva-talks")
    parser.add_argument("--size", type=int, default=100)
    args = parser.parse_args()

    from crosswire.config import DEFAULT
    from crosswire.ingest import read_articles
    from crosswire.model import to_dict
    from crosswire.pipeline import analyze_story, build_brief
    from crosswire.render import render

    args.out.mkdir(parents=True, exist_ok=True)
    story = Path(tempfile.gettempdir()) / f"crosswire-same-output-{args.size}.jsonl"
    records = corpus_records(args.corpus, args.size)
    story.write_text("".join(json.dumps(r) + "\n" for r in records))
    inputs = {
        "geneva": args.sample,
        "ferry": ROOT / "examples" / "ferry-collision",
        "timeline17": story,
    }
    for name, path in inputs.items():
        cpu = time.process_time()
        analysed = analyze_story(read_articles([path], DEFAULT).articles, DEFAULT)
        analyses = [to_dict(a) for a in analysed.analyses]
        (args.out / f"{name}.analyses.json").write_text(
            json.dumps(analyses, ensure_ascii=False, indent=1)
        )
        brief = build_brief(analysed, DEFAULT)
        (args.out / f"{name}.json").write_text(render(brief, "json"))
        (args.out / f"{name}.html").write_text(render(brief, "html"))
        seconds = time.process_time() - cpu
        print(f"{name}: {len(analyses)} articles, {seconds:.1f} s CPU", file=sys.stderr)


if __name__ == "__main__":
    main()
