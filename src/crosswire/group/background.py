"""English word frequencies exactly as ``wordfreq.word_frequency(text, "en")`` gives them,
for the terms grouping weighs, without importing wordfreq.

``import wordfreq`` costs 0.1-0.4 s of every cold brief: it imports langcodes (which
compiles a large regex), ftfy and regex, and finds its own data folder with
``inspect.stack()``, which reads the source of every frame on the stack and scans all of
``sys.modules`` (so the later in a run it is imported, the dearer). Grouping asks only for
lowercase ASCII words, folded names and figures. This module reads wordfreq's own English
list (its cBpack file, the "best" list) and applies wordfreq's rules to a term whose tokens
are plain: words of ASCII letters (inner apostrophes kept) and digit runs (one decimal point
kept), separated by spaces or hyphens, after leading ``#`` or ``-``. wordfreq's own
digit rules (``wordfreq/numbers.py``, which imports nothing of wordfreq) are run from its
file. Any other term goes to wordfreq itself. tests/test_group_background.py checks that the
two agree over wordfreq's whole English list and over made-up names, figures and dates.
"""

from __future__ import annotations

import gzip
import importlib.util
import math
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["word_frequency"]

_TOKEN = r"[a-z]+(?:'[a-z]+)*|[0-9]+(?:\.[0-9]+)?"
# The tokens wordfreq's English tokenizer (Unicode word boundaries) finds in such a term are
# exactly these runs: a hyphen or space always ends a word, an apostrophe between letters and
# a point between digits never do.
_PLAIN = re.compile(rf"[#-]*(?:{_TOKEN})(?:[ -]+(?:{_TOKEN}))*")
_TOKENS = re.compile(_TOKEN)


def word_frequency(text: str) -> float:
    """``wordfreq.word_frequency(text, "en")``: 0.0 for a word the list does not hold."""
    if not _PLAIN.fullmatch(text):
        from wordfreq import word_frequency as theirs

        return float(theirs(text, "en"))
    ranks = _english_ranks()
    smash, digit_freq = _numbers()
    one_over_result = 0.0
    for token in _TOKENS.findall(text):
        smashed = smash(token)
        rank = ranks.get(smashed)
        if rank is None:
            return 0.0
        freq = 10 ** (-rank / 100)  # wordfreq's cB_to_freq(-rank)
        if smashed != token:
            freq *= digit_freq(token)
        one_over_result += 1.0 / freq
    unrounded = max(1.0 / one_over_result, 0.0)
    if unrounded == 0.0:
        return 0.0
    # wordfreq rounds to three significant digits, in these very steps.
    leading_zeroes = math.floor(-math.log(unrounded, 10))
    return round(unrounded, leading_zeroes + 3)


def _wordfreq_dir() -> Path:
    spec = importlib.util.find_spec("wordfreq")  # finds the package without importing it
    if spec is None or spec.origin is None:
        from crosswire.errors import ModelError

        raise ModelError("wordfreq is not installed; run `pip install crosswire`")
    return Path(spec.origin).parent


@cache
def _english_ranks() -> dict[str, int]:
    """Each word of wordfreq's best English list -> its frequency in -centibels (its bucket)."""
    import msgpack

    data = _wordfreq_dir() / "data"
    path = data / "large_en.msgpack.gz"
    if not path.exists():
        path = data / "small_en.msgpack.gz"
    with gzip.open(path, "rb") as infile:
        buckets = msgpack.load(infile, raw=False)
    header = buckets[0]
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        raise ValueError(f"{path}: not a wordfreq cBpack file (header {header!r})")
    ranks: dict[str, int] = {}
    for rank, bucket in enumerate(buckets[1:]):
        ranks.update(dict.fromkeys(bucket, rank))  # a later bucket wins, as in wordfreq
    return ranks


@cache
def _numbers() -> tuple[Callable[[str], str], Callable[[str], float]]:
    """wordfreq's ``smash_numbers`` and ``digit_freq``, from its ``numbers.py``."""
    source = _wordfreq_dir() / "numbers.py"
    namespace: dict[str, Any] = {}
    exec(compile(source.read_text("utf-8"), str(source), "exec"), namespace)  # noqa: S102
    return namespace["smash_numbers"], namespace["digit_freq"]
