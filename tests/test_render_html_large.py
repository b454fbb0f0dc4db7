"""The HTML brief of a 1,000-source story: no wider than the window, lists collapse, matrix paged.

The brief is synthetic (made-up outlets and sentences); the rendering checks run without a
browser, the layout checks in headless Chromium like tests/test_browser_brief.py.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from crosswire.model import (
    Brief,
    Claim,
    ClaimValue,
    Entity,
    Evidence,
    Source,
    SummarySentence,
    TimelineEvent,
)
from crosswire.render.html import CHIPS_SHOWN, MATRIX_COLUMNS, build_view, render_html

SOURCES = 1000
SENTENCE = "The Kelmar pier stayed closed on Monday while inspectors examined the fallen crane."


def large_brief(count: int = SOURCES, seed: int = 16) -> Brief:
    """A brief of ``count`` sources whose lists are as long as a big story's."""
    rng = random.Random(seed)
    sources = [
        Source(
            id=n,
            outlet=f"Harbour Outlet {n % 97} with a long name {n}",
            title=f"Crane collapse closes Kelmar pier, report {n}",
            url=f"https://outlet{n}.example/news/{n}",
            published="2025-03-0" + str(1 + n % 9),
            path=f"/home/reader/stories/kelmar/report-{n}.txt",
            text=f"{SENTENCE} Report {n}.",
        )
        for n in range(1, count + 1)
    ]
    everyone = list(range(1, count + 1))

    def cited(k: int) -> list[int]:
        return sorted(rng.sample(everyone, min(k, count)))

    summary = []
    for k in (count, count // 3, 40):
        numbers = cited(k)
        evidence = [Evidence(n, 0, len(SENTENCE)) for n in numbers]
        summary.append(SummarySentence(SENTENCE, numbers, evidence))
    claims = []
    for number in range(40):
        numbers = cited(rng.randint(2, count // 4))
        half = len(numbers) // 2
        values = [
            ClaimValue("12 cars", sources=numbers[:half], wording=["12 cars"] * half),
            ClaimValue(
                "15 cars", sources=numbers[half:], wording=["15 cars"] * (len(numbers) - half)
            ),
        ]
        status = "discrepancy" if number % 4 == 0 else "agreed"
        if status == "agreed":
            values = [ClaimValue("12 cars", sources=numbers, wording=["12 cars"] * len(numbers))]
        claims.append(Claim(f"pier {number}", "cars", status, values, len(numbers)))  # type: ignore[arg-type]
    entities = [
        Entity(f"Anna Veski {n}", "PERSON", sources=cited(count // (n + 1)), mentions=count)
        for n in range(1, 15)
    ]
    timeline = [
        TimelineEvent("2025-03-0" + str(d), "day", "the pier closed", sources=cited(count // d))
        for d in range(1, 6)
    ]
    return Brief(
        title="Crane collapse closes Kelmar pier",
        sources=sources,
        summary=summary,
        entities=entities,
        claims=claims,
        timeline=timeline,
    )


@pytest.fixture(scope="module")
def brief() -> Brief:
    return large_brief()


def test_long_lists_collapse_and_the_matrix_is_paged(brief: Brief) -> None:
    page = render_html(brief)
    view = build_view(brief)
    assert len(view.matrix_pages) == SOURCES // MATRIX_COLUMNS
    for part in view.matrix_pages:
        assert len(part.sources) <= MATRIX_COLUMNS
        assert all(len(cells) == len(part.sources) and any(cells) for _, cells in part.rows)
    # a summary sentence citing every source shows a few buttons and "+N more"
    assert f"+{SOURCES - CHIPS_SHOWN} more" in page
    assert 'id="source-filter"' in page
    assert "/home/reader" not in page


def test_a_small_brief_keeps_one_matrix_and_no_filter() -> None:
    small = large_brief(count=8)
    view = build_view(small)
    assert len(view.matrix_pages) == 1 and len(view.matrix_pages[0].sources) == 8
    page = render_html(small)
    assert 'id="source-filter"' not in page and "more</summary>" not in page


@pytest.mark.browser
def test_the_page_of_1000_sources_fits_the_window(
    browser: Any, tmp_path: Path, brief: Brief
) -> None:
    path = tmp_path / "large.html"
    path.write_text(render_html(brief), "utf-8")
    for viewport in ({"width": 1280, "height": 900}, {"width": 375, "height": 740}):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e, seen=errors: seen.append(str(e)))
        page.goto(path.as_uri(), wait_until="load")
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= viewport["width"] + 1, f"page is {width}px wide at {viewport}"
        # opening every collapsed list keeps it inside the window: chips wrap
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= viewport["width"] + 1, f"opened page is {width}px wide at {viewport}"
        # the filter finds one source by its outlet's number
        page.fill("#source-filter", "report 517")
        shown = page.locator("article.source:visible")
        assert shown.count() == 1 and shown.first.get_attribute("id") == "source-517"
        assert page.locator("#source-count").inner_text() == f"1 of {SOURCES}"
        page.fill("#source-filter", "")
        assert page.locator("#source-count").inner_text() == f"{SOURCES} of {SOURCES}"
        assert errors == []
        context.close()
