"""Per-article NLP: one parse, then entities, quotes, quantities and dates from it.

Each article is analysed on its own, so this stage parallelises freely: with
``Settings.jobs`` > 1 whole analyses (parse and every extractor) run in worker processes,
each loading the model once, and come back in input order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from crosswire.analyze.dates import extract_dates
from crosswire.analyze.entities import extract_mentions
from crosswire.analyze.nlp import load_nlp, resolve_model_name
from crosswire.analyze.quantities import extract_assertions
from crosswire.analyze.quotes import extract_attributions
from crosswire.config import DEFAULT, Settings
from crosswire.model import Article, ArticleAnalysis, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["analyze_article", "analyze_articles", "analyze_doc"]

# Stored analyses are keyed by a fingerprint of this package's code (store.analysis_fingerprint),
# so changing an extractor recomputes them without a version to bump by hand.


def analyze_doc(doc: Doc, article: Article) -> ArticleAnalysis:
    """All per-article records from an already parsed ``doc`` of ``article.text``."""
    sentences = [
        Sentence(article.id, sent.start_char, sent.end_char, sent.text) for sent in doc.sents
    ]
    mentions = extract_mentions(doc, article)
    return ArticleAnalysis(
        article=article,
        sentences=sentences,
        mentions=mentions,
        attributions=extract_attributions(doc, article, mentions),
        assertions=extract_assertions(doc, article, mentions),
        dates=extract_dates(doc, article),
    )


def analyze_article(article: Article, settings: Settings = DEFAULT) -> ArticleAnalysis:
    """Parse and analyse one article."""
    nlp = load_nlp(settings.spacy_model)
    return analyze_doc(nlp(article.text[: settings.max_chars_per_article]), article)


def analyze_articles(
    articles: Iterable[Article],
    settings: Settings = DEFAULT,
    progress: Callable[[str, int, int], None] | None = None,
) -> Iterator[ArticleAnalysis]:
    """Analyse many articles, batching the parse through ``nlp.pipe``.

    ``progress`` hears of the model load ("load model" 0/1, 1/1) before the first article.
    """
    pending = list(articles)
    if not pending:
        return
    jobs = min(max(1, settings.jobs), len(pending))
    if jobs > 1:
        yield from _analyze_in_workers(pending, settings, jobs, progress)
        return
    if progress is not None:
        progress("load model", 0, 1)
    nlp = load_nlp(settings.spacy_model)
    if progress is not None:
        progress("load model", 1, 1)
        progress("analyse", 0, len(pending))
    texts = (a.text[: settings.max_chars_per_article] for a in pending)
    for doc, article in zip(nlp.pipe(texts, batch_size=32), pending, strict=True):
        yield analyze_doc(doc, article)


def _analyze_in_workers(
    articles: list[Article],
    settings: Settings,
    jobs: int,
    progress: Callable[[str, int, int], None] | None,
) -> Iterator[ArticleAnalysis]:
    """Whole analyses in ``jobs`` spawned processes, in chunks small enough to balance load."""
    import multiprocessing

    size = max(1, min(_MAX_CHUNK, len(articles) // (jobs * 4)))
    chunks = [(articles[i : i + size], settings) for i in range(0, len(articles), size)]
    if progress is not None:
        progress("load model", 0, 1)
        progress("analyse", 0, len(articles))  # the workers load it while analysing
    context = multiprocessing.get_context("spawn")  # no fork of a process with threads
    resolve_model_name(settings.spacy_model)  # a missing model fails here, not in every worker
    # Each worker loads the model once, on its first chunk (load_nlp is cached per process);
    # a failing initializer would make the pool restart workers forever.
    with context.Pool(jobs) as pool:
        for number, analyses in enumerate(pool.imap(_analyze_chunk, chunks)):
            if number == 0 and progress is not None:
                progress("load model", 1, 1)
            yield from analyses


_MAX_CHUNK = 8


def _analyze_chunk(job: tuple[list[Article], Settings]) -> list[ArticleAnalysis]:
    articles, settings = job
    nlp = load_nlp(settings.spacy_model)
    texts = [a.text[: settings.max_chars_per_article] for a in articles]
    return [
        analyze_doc(doc, article)
        for doc, article in zip(nlp.pipe(texts, batch_size=32), articles, strict=True)
    ]
