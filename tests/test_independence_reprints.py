"""Reprints and light rewrites are grouped with their original; other articles are not."""

from __future__ import annotations

import re

from crosswire.model import Article, ArticleAnalysis, Story
from crosswire.reconcile.independence import find_duplicates, similarity

SWAPS = {
    "collided with": "crashed into",
    "worked through": "laboured through",
    "officials said": "authorities said",
    "was carrying": "had on board",
    "lasted": "went on for",
    "told reporters": "told journalists",
    "ordered": "launched",
    "Conditions were": "The conditions were",
    "questioned": "interviewed",
}


def _rewrite(text: str) -> str:
    """A light machine-style rewrite: phrase swaps and one paragraph dropped."""
    for old, new in SWAPS.items():
        text = text.replace(old, new)
    paragraphs = re.split(r"\n\s*\n", text)
    return "\n\n".join(paragraphs[:3] + paragraphs[4:])


def _story(texts: list[str]) -> Story:
    return Story(
        [ArticleAnalysis(Article(id=str(i), text=t, outlet=f"o{i}")) for i, t in enumerate(texts)]
    )


def test_example_reprint_pair_is_grouped(example_story: Story) -> None:
    duplicate_of = find_duplicates(example_story)
    outlets = [a.outlet for a in example_story.articles]
    wire = outlets.index("Baltic Wire") + 1
    reprint = outlets.index("The Coastal Gazette") + 1
    pair = {duplicate_of[wire], duplicate_of[reprint]}
    assert pair in ({None, wire}, {None, reprint})
    others = [n for n in duplicate_of if n not in (wire, reprint)]
    assert all(duplicate_of[n] is None for n in others)


def test_light_rewrite_is_grouped_with_its_original(example_story: Story) -> None:
    wire = next(a for a in example_story.articles if a.outlet == "Baltic Wire")
    other = next(a for a in example_story.articles if a.outlet == "Nordic Times Online")
    rewrite = _rewrite(wire.text)
    assert rewrite != wire.text
    duplicate_of = find_duplicates(_story([wire.text, other.text, rewrite]))
    assert duplicate_of == {1: None, 2: None, 3: 1}


def test_independent_reports_are_not_grouped(example_story: Story) -> None:
    texts = [a.text for a in example_story.articles if a.outlet != "The Coastal Gazette"]
    assert all(v is None for v in find_duplicates(_story(texts)).values())
    assert similarity(texts[0], texts[1]) < 0.3


def test_reprint_with_other_boilerplate_is_grouped(example_story: Story) -> None:
    wire = next(a for a in example_story.articles if a.outlet == "Baltic Wire").text
    reprint = "Photo: staff / Some Paper\n\n" + wire + "\n\nSubscribe to our newsletter for more."
    duplicate_of = find_duplicates(_story([reprint, wire]))
    # Same date (none), so the fuller text is kept: the reprint with its extra lines.
    assert duplicate_of == {1: None, 2: 1}
