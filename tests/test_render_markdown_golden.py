"""The Markdown rendering of a fixture brief matches its reviewed golden file.

Regenerate after an intended change with CROSSWIRE_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import json
import os
import re

from conftest import DATA
from crosswire.model import Brief
from crosswire.render import render
from crosswire.render.json import brief_from_json
from crosswire.render.markdown import render_section


def fixture_brief() -> Brief:
    return brief_from_json(json.loads((DATA / "brief_fixture.json").read_text()))


def test_markdown_matches_the_golden_file() -> None:
    golden = DATA / "brief_fixture.md"
    rendered = render(fixture_brief(), "md")
    if os.environ.get("CROSSWIRE_UPDATE_GOLDEN"):
        golden.write_text(rendered)
    assert rendered == golden.read_text()


def test_discrepancies_come_before_agreed_facts() -> None:
    rendered = render(fixture_brief(), "md")
    assert rendered.index("## Where the sources disagree") < rendered.index("## Facts")


def test_empty_sections_are_left_out() -> None:
    brief = fixture_brief()
    brief.quotes, brief.timeline = [], []
    rendered = render(brief, "md")
    assert "## Who said what" not in rendered and "## Timeline" not in rendered
    assert render_section(brief, "quotes").strip() == ""


def test_table_cells_escape_pipes() -> None:
    brief = fixture_brief()
    brief.sources[0].outlet = "Left | Right"
    assert "Left \\| Right" in render(brief, "md")


def test_article_markup_cannot_become_html_in_a_markdown_viewer() -> None:
    rendered = render(fixture_brief(), "md")
    assert not re.search(r"(?<!\\)<(img|script)", rendered)
    assert "\\<img" in rendered
