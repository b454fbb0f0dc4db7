"""Checkable values an article states: quantities, counts, dates and places of events."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crosswire.model import Article, Assertion, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract_assertions(doc: Doc, article: Article, mentions: list[Mention]) -> list[Assertion]:
    """Values with subject and attribute (issue 6 fills this in)."""
    return []
