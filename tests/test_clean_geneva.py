"""Acceptance on the real reference sample: its web noise goes, every line of reporting stays."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import GENEVA
from crosswire.clean import clean_article
from crosswire.ingest import read_articles
from crosswire.model import Article

# Written independently of the cleaner's rules: the kinds of noise this sample is known to carry.
NOISE = re.compile(
    r"^(see also|read more)\b|^follow us\b|^share and enjoy|^leave a reply"
    r"|will not be published|akismet|subscribe to our newsletter|/ reuters$|^picture$",
    re.IGNORECASE,
)
QUOTE_MARKS = re.compile('[“”"]')


@pytest.fixture(scope="module")
def articles() -> list[tuple[Article, Article]]:
    if not GENEVA.is_dir():
        pytest.skip(f"reference sample not found at {GENEVA}")
    ingested = read_articles([GENEVA]).articles
    assert len(ingested) == 5
    return [(article, clean_article(article)) for article in ingested]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def test_no_noise_line_survives_cleaning(articles: list[tuple[Article, Article]]) -> None:
    for _, cleaned in articles:
        assert [line for line in _lines(cleaned.text) if NOISE.search(line)] == []


def test_every_noise_line_is_listed_with_a_reason(articles: list[tuple[Article, Article]]) -> None:
    reasons: set[str] = set()
    for raw, cleaned in articles:
        removed = {r.text.strip(): r.reason for r in cleaned.removed}
        for line in _lines(raw.text):
            if NOISE.search(line):
                assert line in removed, line
        reasons.update(removed.values())
    expected = {"follow prompt", "see-also link", "comment form", "newsletter prompt"}
    assert expected | {"share prompt", "photo credit"} <= reasons


def test_every_quote_line_is_kept(articles: list[tuple[Article, Article]]) -> None:
    for raw, cleaned in articles:
        source = Path(raw.path or "").read_text(encoding="utf-8")
        quoted = [line for line in _lines(source) if QUOTE_MARKS.search(line)]
        assert quoted
        kept = set(_lines(cleaned.text))
        assert [line for line in quoted if line not in kept] == []


def test_only_whole_lines_are_removed(articles: list[tuple[Article, Article]]) -> None:
    for raw, cleaned in articles:
        dropped = [r.text for r in cleaned.removed[len(raw.removed) :]]
        kept = _lines(cleaned.text)
        assert sorted(kept + dropped) == sorted(_lines(raw.text))
        # What was dropped is noise, a photo label or the closing byline, never reporting.
        assert all(len(line.split()) <= 25 for line in dropped)
