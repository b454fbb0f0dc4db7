"""Per-article NLP: one parse, then entities, quotes, quantities and dates from it.

Each article is analysed on its own, so this stage parallelises freely: with
``Settings.jobs`` > 1 whole analyses (parse and every extractor) run in worker processes,
each loading the model once, and come back in input order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from crosswire.analyze.asides import extract_asides
from crosswire.analyze.dates import extract_dates
from crosswire.analyze.entities import extract_mentions
from crosswire.analyze.nlp import load_nlp, resolve_model_name
from crosswire.analyze.quantities import extract_assertions
from crosswire.analyze.quotes import extract_attributions
from crosswire.config import DEFAULT, Settings
from crosswire.model import Article, ArticleAnalysis, Sentence

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

    from spacy.language import Language
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
        asides=extract_asides(doc, article),
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
    if jobs > 1 or (settings.parse_in_worker and _one_batch(pending, settings)):
        yield from _analyze_in_workers(pending, settings, jobs, progress)
        return
    if settings.parse_in_worker and (started := _started_parser(settings)) is not None:
        started.terminate()  # too large a story for one worker: it is parsed here
    if progress is not None:
        progress("load model", 0, 1)
    nlp = load_nlp(settings.spacy_model)
    if progress is not None:
        progress("load model", 1, 1)
        progress("analyse", 0, len(pending))
    texts = (a.text[: settings.max_chars_per_article] for a in pending)
    for doc, article in zip(parse(nlp, texts, settings), pending, strict=True):
        yield analyze_doc(doc, article)


def parse(nlp: Language, texts: Iterable[str], settings: Settings = DEFAULT) -> Iterator[Doc]:
    """The Doc of each text, in order, parsed with bounded memory.

    spaCy's memory grows with the tokens of a batch (a batch of 32 long news articles, or one
    100,000-character article, takes about 450 MB over the model), so batches are filled up to
    ``settings.parse_batch_chars`` characters, and a text longer than
    ``settings.parse_piece_chars`` is parsed in pieces cut after a paragraph or sentence end and
    joined back with ``Doc.from_docs``: the same text, so every offset is unchanged.
    """
    from spacy.tokens import Doc

    owners: list[int] = []  # for each piece of the current batch, the text it belongs to
    pending: dict[int, list[Doc]] = {}
    counts: dict[int, int] = {}
    batch: list[str] = []
    size = 0
    next_out = 0

    def flush() -> Iterator[Doc]:
        nonlocal batch, size, next_out
        for owner, doc in zip(owners, nlp.pipe(batch, batch_size=len(batch)), strict=True):
            pending.setdefault(owner, []).append(doc)
        batch, size = [], 0
        owners.clear()
        while next_out in counts and len(pending.get(next_out, [])) == counts[next_out]:
            docs = pending.pop(next_out)
            yield docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
            del counts[next_out]
            next_out += 1

    for number, text in enumerate(texts):
        pieces = split_text(text, settings.parse_piece_chars)
        counts[number] = len(pieces)
        for piece in pieces:
            if batch and size + len(piece) > settings.parse_batch_chars:
                yield from flush()
            batch.append(piece)
            owners.append(number)
            size += len(piece)
    if batch or counts:
        yield from flush()


def split_text(text: str, limit: int) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters that join back to it exactly, each
    cut after a paragraph break if there is one, else after a sentence end, else a space."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = -1
        for mark in ("\n\n", "\n", ". ", "? ", "! ", " "):
            found = window.rfind(mark, limit // 2)
            if found >= 0:
                cut = found + len(mark)
                break
        if cut <= 0:
            cut = limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def _analyze_in_workers(
    articles: list[Article],
    settings: Settings,
    jobs: int,
    progress: Callable[[str, int, int], None] | None,
) -> Iterator[ArticleAnalysis]:
    """Whole analyses in ``jobs`` spawned processes, in chunks small enough to balance load."""
    import multiprocessing

    # One worker takes everything as one chunk: the same nlp.pipe batches as in this process.
    size = len(articles) if jobs == 1 else max(1, min(_MAX_CHUNK, len(articles) // (jobs * 4)))
    chunks = [(articles[i : i + size], settings) for i in range(0, len(articles), size)]
    if progress is not None:
        progress("load model", 0, 1)
        progress("analyse", 0, len(articles))  # the workers load it while analysing
    context = multiprocessing.get_context("spawn")  # no fork of a process with threads
    resolve_model_name(settings.spacy_model)  # a missing model fails here, not in every worker
    # Each worker loads the model once, on its first chunk (load_nlp is cached per process);
    # a failing initializer would make the pool restart workers forever. A cold brief started
    # its one worker earlier (crosswire.warmup.start_parser): it may have the model loaded.
    started = _started_parser(settings) if jobs == 1 else None
    with context.Pool(jobs) if started is None else started as pool:
        for number, analyses in enumerate(pool.imap(_analyze_chunk, chunks)):
            if number == 0 and progress is not None:
                progress("load model", 1, 1)
            yield from analyses


_MAX_CHUNK = 8


def _started_parser(settings: Settings) -> Pool | None:
    from crosswire.warmup import take_parser

    return take_parser(settings)


def _one_batch(articles: list[Article], settings: Settings) -> bool:
    """Whether the texts fit one parse batch: a small story, whose cold start is what counts."""
    chars = sum(min(len(a.text), settings.max_chars_per_article) for a in articles)
    return chars <= settings.parse_batch_chars


def _analyze_chunk(job: tuple[list[Article], Settings]) -> list[ArticleAnalysis]:
    articles, settings = job
    nlp = load_nlp(settings.spacy_model)
    texts = [a.text[: settings.max_chars_per_article] for a in articles]
    return [
        analyze_doc(doc, article)
        for doc, article in zip(parse(nlp, texts, settings), articles, strict=True)
    ]
