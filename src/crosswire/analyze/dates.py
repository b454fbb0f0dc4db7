"""Date expressions of one article and the clause each one dates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crosswire.model import Article, DateMention

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract_dates(doc: Doc, article: Article) -> list[DateMention]:
    """DATE spans with the clause they date (issue 7 fills this in)."""
    return []
