"""crosswire: turn a pile of news articles about one event into a cited event brief."""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"


class _ThincWithoutTorch(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Let spaCy's thinc start without importing torch, which it does eagerly when installed.

    The English pipelines crosswire uses never touch torch, and importing it costs 1-2 s of
    every cold start. Set CROSSWIRE_THINC_TORCH=1 for a spaCy model that needs torch
    (a transformer pipeline); the minilm embedding backend imports torch itself either way.

    This finder waits for ``thinc.compat`` to be imported (by spaCy, whenever that happens)
    and runs it with ``import torch`` failing, so ``import crosswire`` itself stays light:
    commands that never parse (``list``, ``version``) load neither thinc nor numpy.
    """

    def __init__(self) -> None:
        self.loader: Any = None

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name != "thinc.compat" or "torch" in sys.modules:
            return None
        sys.meta_path.remove(self)  # one module, once
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        self.loader, spec.loader = spec.loader, self
        return spec

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` fail
        try:
            self.loader.exec_module(module)
        finally:
            del sys.modules["torch"]


def _thinc_without_torch() -> None:
    if os.environ.get("CROSSWIRE_THINC_TORCH") or {"torch", "thinc.compat"} & sys.modules.keys():
        return
    if not any(isinstance(finder, _ThincWithoutTorch) for finder in sys.meta_path):
        sys.meta_path.insert(0, _ThincWithoutTorch())


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
