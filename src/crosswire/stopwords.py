"""spaCy's English stop words without importing spaCy.

``from spacy.lang.en.stop_words import STOP_WORDS`` imports the whole ``spacy`` package
(thinc, numpy, spacy.cli ... about 0.6 s) just for a set of words, so a brief from the
store, which never parses, would pay for the parser. This module runs spaCy's own
``stop_words.py`` file on its own (it imports nothing), so the set is exactly spaCy's.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

__all__ = ["STOP_WORDS"]


def _spacy_stop_words() -> frozenset[str]:
    spec = importlib.util.find_spec("spacy")  # finds the package without importing it
    if spec is None or spec.origin is None:
        from crosswire.errors import ModelError

        raise ModelError("spaCy is not installed; run `pip install crosswire`")
    source = Path(spec.origin).parent / "lang" / "en" / "stop_words.py"
    namespace: dict[str, object] = {}
    exec(compile(source.read_text("utf-8"), str(source), "exec"), namespace)  # noqa: S102
    words = namespace["STOP_WORDS"]
    assert isinstance(words, set)
    return frozenset(words)


STOP_WORDS: frozenset[str] = _spacy_stop_words()
