"""Stop-word lists of spaCy and scikit-learn without importing either package.

``from spacy.lang.en.stop_words import STOP_WORDS`` imports the whole ``spacy`` package
(thinc, numpy, spacy.cli ... about 0.6 s), and scikit-learn's ``ENGLISH_STOP_WORDS`` imports
scikit-learn (1-3 s), just for a set of words. A brief from the store never parses and a brief
of a few articles should start fast, so this module runs each package's own word-list file on
its own (neither imports anything): the sets are exactly the packages'.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

__all__ = ["STOP_WORDS", "sklearn_stop_words"]


def _word_list(package: str, relative: str, name: str) -> frozenset[str]:
    """The set ``name`` defined in ``package``'s file ``relative``, run without the package."""
    spec = importlib.util.find_spec(package)  # finds the package without importing it
    if spec is None or spec.origin is None:
        from crosswire.errors import ModelError

        raise ModelError(f"{package} is not installed; run `pip install crosswire`")
    source = Path(spec.origin).parent / relative
    namespace: dict[str, object] = {}
    exec(compile(source.read_text("utf-8"), str(source), "exec"), namespace)  # noqa: S102
    words = namespace[name]
    assert isinstance(words, set | frozenset)
    return frozenset(words)


@cache
def sklearn_stop_words() -> frozenset[str]:
    """scikit-learn's ``ENGLISH_STOP_WORDS`` (the Glasgow list)."""
    return _word_list("sklearn", "feature_extraction/_stop_words.py", "ENGLISH_STOP_WORDS")


STOP_WORDS: frozenset[str] = _word_list("spacy", "lang/en/stop_words.py", "STOP_WORDS")
