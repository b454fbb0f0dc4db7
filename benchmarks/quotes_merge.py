"""Time the cross-source quote merge (reconcile_quotes) as a story grows.

    PYTHONPATH=src python benchmarks/quotes_merge.py --sizes 100 300

Synthetic stories: each article reports ten utterances drawn from a pool that grows with the
story (so some utterances are carried by several outlets, verbatim or cut), by speakers drawn
from a pool that grows too.  Prints seconds per size and the growth exponent between sizes.
"""

from __future__ import annotations

import argparse
import math
import random
import time

from crosswire.model import Article, ArticleAnalysis, Attribution, Entity, Sentence, Story
from crosswire.reconcile.quotes import reconcile_quotes

WORDS = [f"w{n}" for n in range(3000)]


def story(articles: int, seed: int = 7) -> tuple[Story, list[Entity]]:
    rng = random.Random(seed)
    utterances = [" ".join(rng.choices(WORDS, k=rng.randint(6, 24))) for _ in range(articles * 3)]
    speakers = [f"Speaker{n} Person{n}" for n in range(max(5, articles // 4))]
    said_by = {u: rng.choice(speakers) for u in utterances}
    analyses = []
    appears: dict[str, list[int]] = {name: [] for name in speakers}
    for number in range(articles):
        chosen = rng.sample(utterances, 10)
        texts = [u if rng.random() < 0.7 else " ".join(u.split()[2:]) for u in chosen]
        text = ". ".join(texts) + "."
        article = Article(id=f"a{number}", text=text, outlet=f"outlet{number}")
        attributions, sentences, offset = [], [], 0
        for original, wording in zip(chosen, texts, strict=True):
            end = offset + len(wording)
            attributions.append(
                Attribution(article.id, offset, end, wording, speaker=said_by[original])
            )
            appears[said_by[original]].append(number + 1)
            sentences.append(Sentence(article.id, offset, end + 1, wording + "."))
            offset = end + 2
        analyses.append(ArticleAnalysis(article, sentences, attributions=attributions))
    entities = [
        Entity(name, "PERSON", variants=[name], sources=sorted(set(appears[name])))
        for name in speakers
    ]
    return Story(analyses), entities


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300])
    args = parser.parse_args()
    timings = []
    for size in args.sizes:
        built, entities = story(size)
        start = time.perf_counter()
        quotes = reconcile_quotes(built, entities)
        seconds = time.perf_counter() - start
        timings.append((size, seconds))
        print(f"{size} articles: {seconds:.2f} s, {len(quotes)} quotes")
    for (n1, t1), (n2, t2) in zip(timings, timings[1:], strict=False):
        print(f"growth exponent {n1} -> {n2}: {math.log(t2 / t1) / math.log(n2 / n1):.2f}")


if __name__ == "__main__":
    main()
