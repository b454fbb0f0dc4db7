"""Loading the cross-article stages' libraries while a worker process parses.

A cold brief of a few articles spends about as long importing what comes after the parse
(scipy for the summary's solver and the copy detection, dateparser's time-zone tables, the
word-embedding model for quotes, wordfreq's English list for grouping) as spaCy takes to
load and parse. With ``Settings.parse_in_worker`` the parse runs in another process and this
one only waits for it, so a thread started here does that loading on the second core.
Everything it does is a per-process cache the stages would fill themselves, in the same
way: it changes no result, only when the cost is paid. A failure here is left for the stage
that needs the library to report.

The worker itself is started first of all (``start_parser``), before this process reads and
cleans the articles, and loads spaCy and its model at once, so that its second of start-up
overlaps the reading and the command's own start instead of following them.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from crosswire.config import DEFAULT, Settings

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

__all__ = ["start_warmup", "start_parser", "take_parser", "stop_parser"]

# Parse workers started ahead of their articles, by model name: at most one a process.
_parsers: dict[str, Pool] = {}


def start_parser(settings: Settings = DEFAULT) -> None:
    """Start the process a cold brief will parse in; it loads the spaCy model right away.

    ``crosswire.analyze`` takes it (``take_parser``) for a ``jobs=1`` parse in a worker;
    ``stop_parser`` ends it if nothing did.
    """
    import multiprocessing

    stop_parser()
    pool = multiprocessing.get_context(_start_method()).Pool(1)
    pool.apply_async(_load_model, (settings.spacy_model,))  # the worker's first task
    _parsers[settings.spacy_model] = pool


# Native libraries that run thread pools of their own: a process holding one is not forked.
_THREADED = frozenset({"numpy", "scipy", "torch", "tokenizers", "spacy", "thinc", "blis"})


def _start_method() -> str:
    """``fork`` where it is safe and cheaper: on Linux, from a process that has one thread and
    no library with a thread pool yet (the command, just started); else ``spawn``. A forked
    worker starts with this process's modules instead of a new interpreter importing them,
    and needs no resource-tracker process."""
    import multiprocessing
    import sys

    light = threading.active_count() == 1 and not _THREADED & sys.modules.keys()
    forkable = sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
    return "fork" if light and forkable else "spawn"


def take_parser(settings: Settings) -> Pool | None:
    """The started worker for ``settings.spacy_model``, now the caller's to close; or None."""
    return _parsers.pop(settings.spacy_model, None)


def stop_parser() -> None:
    """End a started worker nothing took (no readable articles, or too many for one worker)."""
    while _parsers:
        _parsers.popitem()[1].terminate()


def _load_model(name: str) -> None:
    """In the worker: load the model now; a failure is reported by the parse that needs it."""
    try:
        from crosswire.analyze.nlp import load_nlp

        load_nlp(name)
    except Exception:  # noqa: BLE001, S110  # the parse itself raises it, with its exit code
        pass


def start_warmup(settings: Settings = DEFAULT) -> threading.Thread:
    """A started daemon thread loading what the stages after the parse need; join it before
    those stages run, so no module is imported from two threads at once."""
    thread = threading.Thread(target=_warm, args=(settings,), name="crosswire-warmup", daemon=True)
    thread.start()
    return thread


def _warm(settings: Settings) -> None:
    for step in (_libraries, _dates, _words, _stages):
        try:
            step()
        except Exception:  # noqa: BLE001, S112  # the stage itself reports it, where it belongs
            continue
    if settings.embedding_backend == "wordllama":  # minilm would bring torch whether used or not
        try:
            from crosswire.embeddings import get_embedder

            get_embedder("wordllama")
        except Exception:  # noqa: BLE001, S110
            pass


def _libraries() -> None:
    import scipy.optimize  # noqa: F401
    import scipy.sparse  # noqa: F401


def _dates() -> None:
    from dateparser.date import DateDataParser

    # The first parse builds dateparser's time-zone patterns and English tables (per process).
    DateDataParser(languages=["en"]).get_date_data("3 days ago")


def _words() -> None:
    from crosswire.group.background import word_frequency

    word_frequency("news")


def _stages() -> None:
    import crosswire.reconcile.claims  # noqa: F401
    import crosswire.reconcile.entities  # noqa: F401
    import crosswire.reconcile.independence  # noqa: F401
    import crosswire.reconcile.quotes  # noqa: F401
    import crosswire.reconcile.timeline  # noqa: F401
    import crosswire.summarize  # noqa: F401
