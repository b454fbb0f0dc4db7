"""Growth of the summary's and the sources' cross-article stages with the number of articles.

Times copy detection (``find_duplicates``) and the summary with its citation search
(``summarize_story``) on the first N real Timeline17 articles, for two sizes, and prints
the growth exponent log(t2 / t1) / log(n2 / n1) (1 is linear, 2 quadratic).  Sentences are
split by punctuation rather than parsed: these stages only read sentence spans, and the
parse is not what is being measured.

    python benchmarks/summary_sources_growth.py --corpus ../shared/eval/timeline17 --sizes 100 300
"""

from __future__ import annotations

import argparse
import json
import math
import re
import resource
import time
from pathlib import Path

from crosswire.model import Article, ArticleAnalysis, Sentence, Story
from crosswire.reconcile.independence import find_duplicates
from crosswire.summarize import summarize_story

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]+[\"')]*")


def load(corpus: Path, count: int) -> Story:
    analyses = []
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        for record in json.loads((folder / "articles.json").read_text(encoding="utf-8")):
            text = " ".join(str(record["text"]).split())
            article = Article(id=f"{folder.name}/{record['uid']}", text=text, outlet=folder.name)
            sentences = []
            for match in _SENTENCE.finditer(text):
                lead = len(match.group()) - len(match.group().lstrip())
                start = match.start() + lead
                sentences.append(
                    Sentence(article.id, start, match.end(), text[start : match.end()])
                )
            analyses.append(ArticleAnalysis(article=article, sentences=sentences))
            if len(analyses) == count:
                return Story(analyses)
    return Story(analyses)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--sizes", type=int, nargs=2, default=(100, 300))
    args = parser.parse_args()
    times: dict[str, list[float]] = {"copy detection": [], "summary + citations": []}
    summarize_story(load(args.corpus, 10), 100, {})  # load the embedding model once
    for size in args.sizes:
        story = load(args.corpus, size)
        started = time.perf_counter()
        duplicate_of = find_duplicates(story)
        times["copy detection"].append(time.perf_counter() - started)
        started = time.perf_counter()
        summarize_story(story, 100, duplicate_of)
        times["summary + citations"].append(time.perf_counter() - started)
    n1, n2 = args.sizes
    for stage, (t1, t2) in times.items():
        exponent = math.log(t2 / t1) / math.log(n2 / n1)
        print(
            f"{stage}: {n1} articles {t1:.2f} s, {n2} articles {t2:.2f} s, exponent {exponent:.2f}"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
