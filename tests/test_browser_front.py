"""The front page in headless Chromium: offline, quiet, inert, readable on a phone.

Same browser and checks as tests/test_browser_brief.py (and skipped the same way when
Chromium or Playwright is missing). Screenshots go to build/screenshots/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from crosswire.model import StorySummary
from crosswire.render.site import render_front_page, story_page

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "build" / "screenshots"
PHONE = {"width": 375, "height": 740}
HOSTILE = "<script>alert('xss')</script><img src=x onerror=alert('img')>"


# `browser`: the session's headless Chromium (tests/conftest.py).


def stories() -> list[StorySummary]:
    return [
        StorySummary(
            7,
            "Ferry collides with cargo ship in fog off a harbour city, fourteen hurt, "
            "hearing set for November",
            8,
            7,
            ["Baltic Wire", "The Coastal Gazette", "A-very-long-outlet-name-without-spaces-" * 3],
            "2025-10-14",
            "2025-11-03",
            4,
        ),
        StorySummary(9, HOSTILE, 2, 2, [HOSTILE, "Harbour Radio"], None, None, 0),
    ]


def open_page(
    browser: Any, tmp_path: Path, viewport: dict[str, int]
) -> tuple[Any, dict[str, list[str]]]:
    path = tmp_path / "index.html"
    path.write_text(render_front_page(stories(), title="Stories <b>today</b>"), "utf-8")
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    seen: dict[str, list[str]] = {"errors": [], "requests": [], "dialogs": []}
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_timeout(100)
    seen["requests"] = [u for u in seen["requests"] if u != path.as_uri()]
    return page, seen


def test_front_page_is_offline_quiet_and_inert(browser: Any, tmp_path: Path) -> None:
    page, seen = open_page(browser, tmp_path, {"width": 1280, "height": 900})
    assert seen == {"errors": [], "requests": [], "dialogs": []}
    assert page.locator("script, img, iframe").count() == 0
    assert page.locator("h1").inner_text() == "Stories <b>today</b>"
    titles = page.locator("li.story h2").all_inner_texts()
    assert titles[1] == HOSTILE  # shown as text, never run
    links = [a.get_attribute("href") for a in page.locator("li.story h2 a").all()]
    assert links == [story_page(7), story_page(9)]
    assert "2025-10-14 – 2025-11-03" in page.locator("#story-7").inner_text()
    assert "undated" in page.locator("#story-9").inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "front-desktop.png"), full_page=True)


def test_front_page_fits_a_phone(browser: Any, tmp_path: Path) -> None:
    page, seen = open_page(browser, tmp_path, PHONE)
    assert seen["errors"] == []
    fits = page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth + 1")
    assert fits, "the front page scrolls sideways on a phone"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "front-phone.png"), full_page=True)
