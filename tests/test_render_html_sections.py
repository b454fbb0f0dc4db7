"""Every section of the brief appears on the page, built from the records it renders."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from crosswire.model import Brief, from_dict
from crosswire.render.html import build_view, render_html

FIXTURE = Path(__file__).parent / "data" / "brief_fixture.json"


@pytest.fixture(scope="module")
def brief() -> Brief:
    return from_dict(Brief, json.loads(FIXTURE.read_text("utf-8")))


@pytest.fixture(scope="module")
def page(brief: Brief) -> str:
    return render_html(brief)


def _section(page: str, name: str) -> str:
    match = re.search(rf'<section id="{name}">(.*?)</section>', page, re.S)
    assert match, f"section {name} missing"
    return match.group(1)


def test_masthead_has_title_date_range_and_independence(page: str) -> None:
    head = page.split("</header>")[0]
    assert "Storm floods Lindhaven rail tunnel" in head
    assert "Reported 4–6 Mar 2024" in head
    assert "4 sources, 3 independent" in head
    assert "Events 3–6 Mar 2024" in head  # the single-source 2019 background is left out
    assert "2</strong> points where sources disagree" in head


def test_summary_citations_carry_the_cited_sentence(brief: Brief, page: str) -> None:
    summary = _section(page, "summary")
    first = brief.summary[0]
    for number in first.sources:
        panel = re.search(
            rf'<div class="evidence" id="ev-1-{number}" hidden>(.*?)</div>', summary, re.S
        )
        assert panel, f"no evidence panel for source {number}"
        evidence = next(e for e in first.evidence if e.source == number)
        cited = brief.sources[number - 1].text[evidence.start : evidence.end]
        assert cited.replace("'", "&#39;") in panel.group(1)
        assert f'data-target="ev-1-{number}"' in summary


def test_discrepancies_list_every_variant_with_sources(page: str) -> None:
    section = _section(page, "discrepancies")
    cards = section.split('<article class="disc">')[1:]
    assert len(cards) == 2
    assert "Kessel tunnel closure" in cards[0]
    assert ">2 days<" in cards[0] and ">nearly 3 days<" in cards[0]
    assert "<mark>48 hours</mark>" in cards[0]  # the wording, shown in its sentence
    # The reprint's identical sentence is shown once, under both sources.
    assert cards[0].count("<blockquote>") == 3
    assert re.search(r'href="#source-2".*href="#source-3".*nearly three days', cards[0], re.S)
    assert ">Nov 2019<" in cards[1] and ">2018<" in cards[1]


def test_matrix_has_a_cell_per_source_and_blanks_where_silent(brief: Brief) -> None:
    view = build_view(brief)
    closure = view.matrix[0]
    assert [cell.letter if cell else None for cell in closure.cells] == ["A", "B", "B", "A"]
    flood = next(row for row in view.matrix if row.subject == "flood")
    assert [bool(cell) for cell in flood.cells] == [True, True, True, False]
    assert [row.subject for row in view.single_claims] == ["pumps"]


def test_matrix_rows_on_the_page(page: str) -> None:
    section = _section(page, "claims")
    rows = re.findall(r'<tr class="(\w+)">', section)
    assert rows[:4] == ["discrepancy", "discrepancy", "agreed", "agreed"]
    assert "1 claim made by one source only" in section


def test_whos_who_shows_variants_and_roles(page: str) -> None:
    section = _section(page, "whos-who")
    card = section.split("Ingrid Halvorsen</p>")[1].split("</li>")[0]
    assert "Mayor of Lindhaven" in card
    for variant in ("Ingrid Halvorson", "I. Halvorsen"):
        assert f'<span class="vname">{variant}</span>' in card
    assert "1 more mentioned once" in section  # a single passing mention is collapsed


def test_quotes_are_grouped_by_speaker_with_each_wording(brief: Brief, page: str) -> None:
    section = _section(page, "quotes")
    speakers = re.findall(r"<h3>(.*?) <span class=\"count\">(\d+)</span></h3>", section)
    assert speakers == [("Ingrid Halvorsen", "2"), ("Piet Aalders", "1"), ("Unattributed", "1")]
    for variant in brief.quotes[0].variants:
        assert variant.text.replace("'", "&#39;") in section
    assert "wording differs" in section
    # The reprint (source 3) wrote it word for word like source 2: one box, both sources.
    assert section.count("No one was injured, thanks to the crews on both trains,") == 1


def test_timeline_in_date_order_with_year_headings(page: str) -> None:
    section = _section(page, "timeline")
    assert re.findall(r'<li class="year"><span>(\d+)</span>', section) == ["2019", "2024"]
    dates = re.findall(r"<time>(.*?)</time>", section)
    assert dates == ["Nov 2019", "3 Mar 2024", "4 Mar 2024", "6 Mar 2024"]
    assert section.count("year inferred") == 3


def test_sources_show_reprints_and_collapsed_noise(page: str) -> None:
    section = _section(page, "sources")
    reprint = section.split('id="source-3"')[1].split("</article>")[0]
    assert "Reprint of" in reprint and 'href="#source-2"' in reprint
    assert '<details class="noise"><summary>Noise removed (1)</summary>' in reprint
    gazette = section.split('id="source-1"')[1].split("</article>")[0]
    assert '<a href="https://harbourgazette.example/news/tunnel-flood"' in gazette
    assert "Photo: Harbour Gazette / Staff" in gazette
