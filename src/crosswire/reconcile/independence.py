"""Which articles are reprints or rewrites of another, so corroboration counts them once."""

from __future__ import annotations

from crosswire.model import Story


def find_duplicates(story: Story) -> dict[int, int | None]:
    """Source number -> the source it duplicates, or None (issue 6 fills this in)."""
    return {number: None for number in range(1, len(story.analyses) + 1)}
