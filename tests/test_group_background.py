"""crosswire.group.background gives wordfreq's English frequencies without importing wordfreq."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crosswire.group.background import _PLAIN, word_frequency

wordfreq = pytest.importorskip("wordfreq")

SRC = Path(__file__).resolve().parent.parent / "src"


def _theirs(text: str) -> float:
    return float(wordfreq.word_frequency(text, "en"))


def test_every_plain_word_of_the_english_list_has_wordfreqs_frequency() -> None:
    words = [w for w in wordfreq.iter_wordlist("en") if _PLAIN.fullmatch(w)]
    assert len(words) > 100_000  # the large list: most of its words take the fast path
    wrong = [w for w in words[::7] if word_frequency(w) != _theirs(w)]
    assert not wrong, wrong[:20]


def test_names_figures_and_dates_as_grouping_writes_them_agree_with_wordfreq() -> None:
    words = [w for w in wordfreq.iter_wordlist("en") if w.isalpha() and w.isascii()][:3000:13]
    names = [f"{a} {b}" for a, b in zip(words, reversed(words), strict=True)]
    names += [f"{a}-{b} {a}" for a, b in zip(words[::5], words[1::5], strict=False)]
    names += ["zqxv ryabkovitch", "sergei ryabkov", "o'brien", "x-ray", "covid-19 unit"]
    figures = [str(n) for n in range(0, 3000, 7)] + ["1999", "2021", "2050", "007", "12345678"]
    figures += ["3.5", "12.75", "0.001", "7.5", "2.0"]
    dates = ["#2013-05-03", "#2022-01", "#--05-03", "#--12-31", "#1987-11-09"]
    terms = names + figures + dates
    assert all(_PLAIN.fullmatch(t) for t in terms)
    wrong = [(t, word_frequency(t), _theirs(t)) for t in terms if word_frequency(t) != _theirs(t)]
    assert not wrong, wrong[:20]


def test_other_terms_are_asked_of_wordfreq_itself() -> None:
    for term in ("at&t", "g7", "café", "u.s", "", "ab'", "--", "rock 'n roll"):
        assert not _PLAIN.fullmatch(term)
        assert word_frequency(term) == _theirs(term)


def test_a_plain_term_does_not_import_wordfreq() -> None:
    code = (
        "import sys\n"
        "from crosswire.group.background import word_frequency\n"
        "assert word_frequency('ferry') > word_frequency('ryabkov sergei') > 0\n"
        "assert word_frequency('#2013-05-03') > 0\n"
        "assert 'wordfreq' not in sys.modules and 'langcodes' not in sys.modules\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
