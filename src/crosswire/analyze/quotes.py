"""Direct quotes and reported speech in one article, with cue and speaker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crosswire.model import Article, Attribution, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract_attributions(doc: Doc, article: Article, mentions: list[Mention]) -> list[Attribution]:
    """Quotes and reported speech in ``doc`` (issue 5 fills this in)."""
    return []
