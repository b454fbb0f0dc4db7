"""A brief with sections missing, empty or inconsistent still renders a whole page."""

from __future__ import annotations

from crosswire.model import (
    Brief,
    Claim,
    ClaimValue,
    Evidence,
    Quote,
    Source,
    SummarySentence,
    TimelineEvent,
)
from crosswire.render.html import render_html


def test_empty_brief_renders_every_section_with_a_note() -> None:
    page = render_html(Brief(title=""))
    for section in ("summary", "discrepancies", "claims", "whos-who", "quotes", "timeline"):
        assert f'<section id="{section}">' in page
    assert "No summary was produced" in page
    assert "No dated events were found" in page
    assert "points where sources disagree" not in page
    assert page.rstrip().endswith("</html>")


def test_sources_only_brief() -> None:
    source = Source(1, "Wire", None, None, None, None, "Some text.")
    page = render_html(Brief("Event", [source]))
    assert 'id="source-1"' in page
    assert "1 source<" in page or "1 source," in page or "1 source</span>" in page
    assert "Where two or more sources give a value" not in page  # no claims at all
    assert "No checkable claims were extracted." in page


def test_bad_offsets_and_unknown_sources_do_not_break_the_page() -> None:
    source = Source(1, "Wire", "T", None, "2024-13-45", None, "Short text.")
    brief = Brief(
        "Event",
        [source],
        summary=[SummarySentence("Claim.", [1, 7], [Evidence(1, 5, 999), Evidence(7, 0, 3)])],
        quotes=[Quote(None, "words", "direct")],
        claims=[Claim("x", "y", "discrepancy", [ClaimValue("1"), ClaimValue("2", sources=[9])])],
        timeline=[TimelineEvent("sometime", "year", "Something happened.")],
    )
    page = render_html(brief)
    assert "No sentence was recorded for this source." in page
    assert "2024-13-45" in page  # an unparseable date is shown as given
    assert "Unattributed" in page
    assert "sometime" in page


def test_claim_without_subject_is_labelled_by_its_attribute() -> None:
    values = [ClaimValue("2", sources=[1]), ClaimValue("3", sources=[2])]
    page = render_html(Brief("Event", claims=[Claim("", "number of tugs", "discrepancy", values)]))
    assert "<h3>Number of tugs</h3>" in page
