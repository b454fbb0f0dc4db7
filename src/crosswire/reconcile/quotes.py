"""The same utterance reported by several outlets, merged into one quote."""

from __future__ import annotations

from crosswire.model import Entity, Quote, Story


def reconcile_quotes(story: Story, entities: list[Entity]) -> list[Quote]:
    """Quotes across sources with canonical speakers (issue 5 fills this in)."""
    return []
