"""Per-article NLP: one parse, then entities, quotes, quantities and dates from it.

Each article is analysed on its own, so this stage parallelises freely.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from crosswire.analyze.dates import extract_dates
from crosswire.analyze.entities import extract_mentions
from crosswire.analyze.nlp import load_nlp
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
    articles: Iterable[Article], settings: Settings = DEFAULT
) -> Iterator[ArticleAnalysis]:
    """Analyse many articles, batching the parse through ``nlp.pipe``."""
    nlp = load_nlp(settings.spacy_model)
    pending = list(articles)
    texts = (a.text[: settings.max_chars_per_article] for a in pending)
    n_process = max(1, settings.jobs)
    docs = nlp.pipe(texts, batch_size=32, n_process=n_process)
    for doc, article in zip(docs, pending, strict=True):
        yield analyze_doc(doc, article)
