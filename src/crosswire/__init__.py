"""crosswire: turn a pile of news articles about one event into a cited event brief."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"


def _thinc_without_torch() -> None:
    """Let spaCy's thinc start without importing torch, which it does eagerly when installed.

    The English pipelines crosswire uses never touch torch, and importing it costs 1-2 s of
    every cold start. Set CROSSWIRE_THINC_TORCH=1 for a spaCy model that needs torch
    (a transformer pipeline); the minilm embedding backend imports torch itself either way.
    """
    if os.environ.get("CROSSWIRE_THINC_TORCH") or {"torch", "thinc.compat"} & sys.modules.keys():
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` fail
    try:
        import thinc.compat  # noqa: F401
    except ImportError:
        pass
    finally:
        del sys.modules["torch"]


_thinc_without_torch()

if TYPE_CHECKING:
    from crosswire.config import Settings
    from crosswire.errors import CrosswireError, InputError, ModelError, NoArticlesError
    from crosswire.ingest import Ingested, read_articles
    from crosswire.model import (
        Article,
        ArticleAnalysis,
        Brief,
        Claim,
        Entity,
        Quote,
        Source,
        Story,
        SummarySentence,
        TimelineEvent,
    )
    from crosswire.pipeline import brief, build_brief, load_story
    from crosswire.render import render
    from crosswire.store import Store

# Public name -> module that defines it; imported on first use so `import crosswire` stays light.
_EXPORTS = {
    "brief": "crosswire.pipeline",
    "load_story": "crosswire.pipeline",
    "build_brief": "crosswire.pipeline",
    "read_articles": "crosswire.ingest",
    "Ingested": "crosswire.ingest",
    "render": "crosswire.render",
    "Store": "crosswire.store",
    "Settings": "crosswire.config",
    "CrosswireError": "crosswire.errors",
    "InputError": "crosswire.errors",
    "ModelError": "crosswire.errors",
    "NoArticlesError": "crosswire.errors",
    "Article": "crosswire.model",
    "ArticleAnalysis": "crosswire.model",
    "Brief": "crosswire.model",
    "Claim": "crosswire.model",
    "Entity": "crosswire.model",
    "Quote": "crosswire.model",
    "Source": "crosswire.model",
    "Story": "crosswire.model",
    "SummarySentence": "crosswire.model",
    "TimelineEvent": "crosswire.model",
}

__all__ = [
    "__version__",
    "brief",
    "load_story",
    "build_brief",
    "read_articles",
    "Ingested",
    "render",
    "Store",
    "Settings",
    "CrosswireError",
    "InputError",
    "ModelError",
    "NoArticlesError",
    "Article",
    "ArticleAnalysis",
    "Brief",
    "Claim",
    "Entity",
    "Quote",
    "Source",
    "Story",
    "SummarySentence",
    "TimelineEvent",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'crosswire' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
