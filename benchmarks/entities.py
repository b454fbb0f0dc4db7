"""Growth of the cross-article entity stage alone (``reconcile_entities``) with story size.

    python benchmarks/entities.py --corpus ../shared/eval/timeline17 --sizes 100,300

The articles (Timeline17 order: topic folders sorted, articles in file order) are analysed
once and cached as a pickle (``--cache``), so only the reconciliation is timed.  Prints the
seconds per size and the growth exponent between consecutive sizes (1.0 is linear).
"""

from __future__ import annotations

import argparse
import math
import pickle
import time
from pathlib import Path

from crosswire.model import Story


def load_analyses(corpus: Path, limit: int, cache: Path) -> Story:
    if cache.is_file():
        story: Story = pickle.loads(cache.read_bytes())
        if len(story.analyses) >= limit:
            return Story(story.analyses[:limit])
    import json

    from crosswire.analyze import analyze_articles
    from crosswire.clean import clean_article
    from crosswire.model import Article

    articles = []
    for path in sorted(corpus.glob("*/articles.json")):
        for n, item in enumerate(json.loads(path.read_text())):
            articles.append(
                Article(id=f"{path.parent.name}/{n}", text=item["text"], outlet=path.parent.name)
            )
    articles = [clean_article(a) for a in articles[:limit]]
    story = Story(list(analyze_articles(articles)))
    cache.write_bytes(pickle.dumps(story))
    return story


def _time_linking(story: Story) -> float:
    """Seconds to re-link every article's mentions (``analyze.entities.link_names``)."""
    from dataclasses import replace

    from crosswire.analyze.entities import link_names

    began = time.perf_counter()
    for analysis in story.analyses:
        link_names([replace(m) for m in analysis.mentions], analysis.article.text)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/eval/timeline17"))
    parser.add_argument("--sizes", default="100,300")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/crosswire-t17-analyses.pkl"))
    args = parser.parse_args()
    from crosswire.reconcile.entities import reconcile_entities

    sizes = [int(s) for s in args.sizes.split(",")]
    story = load_analyses(args.corpus, max(sizes), args.cache)
    times = []
    for size in sizes:
        part = Story(story.analyses[:size])
        began = time.perf_counter()
        entities = reconcile_entities(part)
        times.append(time.perf_counter() - began)
        mentions = sum(len(a.mentions) for a in part.analyses)
        linking = _time_linking(part)
        print(f"{size} articles: per-article link_names {linking:.2f} s")
        print(f"{size} articles, {mentions} mentions: {times[-1]:.2f} s, {len(entities)} entities")
    for n in range(1, len(sizes)):
        exponent = math.log(times[n] / times[n - 1]) / math.log(sizes[n] / sizes[n - 1])
        print(f"growth {sizes[n - 1]}->{sizes[n]}: exponent {exponent:.2f}")


if __name__ == "__main__":
    main()
