"""Dated events resolved to calendar dates and merged across sources."""

from __future__ import annotations

from crosswire.model import Story, TimelineEvent


def reference_dates(story: Story) -> dict[int, tuple[str | None, bool]]:
    """Source number -> (reference ISO date, whether it was inferred rather than published)."""
    return {
        number: (analysis.article.published, False)
        for number, analysis in enumerate(story.analyses, start=1)
    }


def build_timeline(story: Story) -> list[TimelineEvent]:
    """Timeline entries ordered by date (issue 7 fills this in)."""
    return []
