"""Cited multi-document extractive summary of a story."""

from __future__ import annotations

from crosswire.config import DEFAULT, Settings
from crosswire.model import Story, SummarySentence


def summarize_story(
    story: Story,
    words: int | None = None,
    duplicate_of: dict[int, int | None] | None = None,
    settings: Settings = DEFAULT,
) -> list[SummarySentence]:
    """Summary sentences with the sources supporting each (issue 8 fills this in)."""
    return []
