"""The HTML brief in a real browser (headless Chromium): it works, stays offline and inert.

Needs Debian's Chromium (``apt-get install -y chromium``; ``make browser`` does it) and
Playwright for Python; without them these tests skip and say why. Full-page screenshots of
every page tested are written to build/screenshots/ for review.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from crosswire.model import Brief, from_dict
from crosswire.render.html import render_html

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "build" / "screenshots"
FIXTURE = Path(__file__).parent / "data" / "brief_fixture.json"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


# The session's one headless Chromium is the ``browser`` fixture of tests/conftest.py: a
# second Playwright sync session in the same process would fail.


@dataclass
class Visit:
    """A page opened in the browser and everything it did that a test may object to."""

    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def visit(browser: Any, tmp_path: Path) -> Iterator[Any]:
    """Open rendered HTML as a local file, recording console errors, requests and dialogs."""
    contexts = []

    def open_page(html: str, viewport: dict[str, int] = DESKTOP) -> Visit:
        path = tmp_path / f"brief-{len(contexts)}.html"
        path.write_text(html, "utf-8")
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        seen = Visit(page)
        page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: seen.errors.append(str(e)))
        page.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: seen.requests.append(r.url))
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_timeout(100)  # let any stray handler fire before the checks
        seen.requests = [url for url in seen.requests if url != path.as_uri()]
        return seen

    yield open_page
    for context in contexts:
        context.close()


def _screenshot(visit: Visit, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    visit.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _assert_clean(seen: Visit) -> None:
    assert seen.errors == [], f"console errors: {seen.errors}"
    assert seen.requests == [], f"network requests: {seen.requests}"
    assert seen.dialogs == [], f"injected script ran: {seen.dialogs}"


def _fits_width(page: Any) -> bool:
    width: bool = page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth + 1")
    return width


# ------------------------------------------------------------------ fixture brief


@pytest.fixture(scope="module")
def fixture_brief() -> Brief:
    return from_dict(Brief, json.loads(FIXTURE.read_text("utf-8")))


def test_fixture_page_is_offline_quiet_and_inert(visit: Any, fixture_brief: Brief) -> None:
    seen = visit(render_html(fixture_brief))
    _assert_clean(seen)
    page = seen.page
    assert page.locator("script").count() == 1
    assert page.locator("img, iframe").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0
    # The hostile markup is on the page as readable text.
    page.locator("#source-4 details.fulltext summary").click()
    assert "<script>alert('xss-text')</script>" in page.locator("#source-4 .text").inner_text()
    # Clicking everything clickable runs nothing injected either.
    for summary in page.locator("details summary").all():
        summary.click()
    _assert_clean(seen)
    _screenshot(seen, "fixture-desktop")


def test_clicking_a_citation_reveals_the_source_sentence(visit: Any, fixture_brief: Brief) -> None:
    page = visit(render_html(fixture_brief)).page
    first = fixture_brief.summary[0]
    evidence = next(e for e in first.evidence if e.source == 2)
    sentence = fixture_brief.sources[1].text[evidence.start : evidence.end]
    panel = page.locator("#ev-1-2")
    button = page.locator("#summary button.cite[data-target='ev-1-2']")
    assert not panel.is_visible()
    button.click()
    assert panel.is_visible()
    assert sentence in panel.inner_text()
    assert "Northern Wire" in panel.inner_text()
    assert button.get_attribute("aria-expanded") == "true"
    button.click()
    assert not panel.is_visible()


def test_discrepancy_section_lists_the_variants(visit: Any, fixture_brief: Brief) -> None:
    page = visit(render_html(fixture_brief)).page
    cards = page.locator("#discrepancies .disc")
    assert cards.count() == 2
    closure = cards.nth(0)
    assert closure.locator("h3").inner_text().startswith("Kessel tunnel closure")
    values = closure.locator(".vhead .value").all_inner_texts()
    assert values == ["2 days", "nearly 3 days"]
    chips = [v.locator(".chip").all_inner_texts() for v in closure.locator(".variant").all()]
    assert chips == [["1", "4"], ["2", "3"]]
    assert "48 hours" in closure.locator(".variant").nth(0).inner_text()


def test_phone_layout_fits_and_print_hides_controls(visit: Any, fixture_brief: Brief) -> None:
    seen = visit(render_html(fixture_brief), PHONE)
    page = seen.page
    assert _fits_width(page), "the page scrolls sideways on a phone"
    _screenshot(seen, "fixture-phone")
    page.emulate_media(media="print")
    assert not page.locator("nav.toc").is_visible()
    assert page.locator("#discrepancies .disc").first.is_visible()
    page.pdf(path=str(SCREENSHOTS / "fixture-print.pdf"), format="A4")


# -------------------------------------------------------------- real story briefs


def _check_real_brief(visit: Any, brief: Brief, name: str) -> Any:
    seen = visit(render_html(brief))
    _assert_clean(seen)
    page = seen.page
    for button in page.locator("#summary button.cite").all()[:3]:
        button.click()
        panel = page.locator(f"#{button.get_attribute('data-target')}")
        assert panel.is_visible() and panel.locator("blockquote").count() >= 1
    _screenshot(seen, f"{name}-desktop")
    phone = visit(render_html(brief), PHONE)
    assert _fits_width(phone.page), "the page scrolls sideways on a phone"
    _screenshot(phone, f"{name}-phone")
    return page


def _discrepancy_cards(page: Any) -> list[str]:
    return [text.lower() for text in page.locator("#discrepancies .disc").all_inner_texts()]


def test_example_story_report(
    visit: Any, example_brief: Brief, example_expectations: dict[str, Any]
) -> None:
    page = _check_real_brief(visit, example_brief, "ferry-collision")
    cards = _discrepancy_cards(page)
    shown = 0
    for expected in example_expectations["discrepancies"]:
        wordings = {w.lower() for w in expected["values"].values()}
        # A discrepancy is shown when one card carries at least two of its differing wordings.
        if any(sum(w in card for w in wordings) >= 2 for card in cards):
            shown += 1
    assert shown >= len(example_expectations["discrepancies"]) // 2, cards


def test_geneva_report(visit: Any, geneva_brief: Brief) -> None:
    page = _check_real_brief(visit, geneva_brief, "geneva-talks")
    cards = _discrepancy_cards(page)
    assert any("hour" in card and re.search(r"\b7\b|seven", card) for card in cards), cards
    people = page.locator("#whos-who .entity").all_inner_texts()
    ryabkov = [card for card in people if re.search(r"ry[ao]?[bp]kov|riabkov", card, re.I)]
    assert ryabkov, "Ryabkov missing from who's who"
    names = {card.split("\n")[0] for card in ryabkov}
    assert len(names) == 1, f"Ryabkov listed under several names: {names}"
    assert "Also written" in ryabkov[0]
    speakers = page.locator("#quotes .speaker h3").all_inner_texts()
    assert any("Sherman" in name for name in speakers), speakers
    assert page.locator("#timeline .event").count() >= 3
