"""The page's text helpers: excerpts slice exactly, dates and values read naturally."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from crosswire.model import Brief, from_dict
from crosswire.render.html import excerpt
from crosswire.render.values import display_value, format_date

FIXTURE = Path(__file__).parent / "data" / "brief_fixture.json"


def test_fixture_offsets_slice_the_text_they_claim() -> None:
    brief = from_dict(Brief, json.loads(FIXTURE.read_text("utf-8")))
    texts = {s.id: s.text for s in brief.sources}
    for quote in brief.quotes:
        for variant in quote.variants:
            assert texts[variant.source][variant.start : variant.end] == variant.text
    for claim in brief.claims:
        for value in claim.values:
            sliced = {texts[e.source][e.start : e.end] for e in value.evidence}
            assert sliced <= set(value.wording) | {w.capitalize() for w in value.wording}
    evidence = [e for s in brief.summary for e in s.evidence]
    evidence += [e for t in brief.timeline for e in t.evidence]
    evidence += [e for n in brief.entities for e in n.evidence]
    assert all(0 <= e.start < e.end <= len(texts[e.source]) for e in evidence)


def test_excerpt_widens_a_value_to_its_sentence() -> None:
    text = "First one. The ferry, Mr. K. Volk said, sank in 7 hours, he said. Then more."
    start = text.index("7 hours")
    assert excerpt(text, start, start + 7) == (
        "The ferry, Mr. K. Volk said, sank in ",
        "7 hours",
        ", he said.",
    )


def test_excerpt_of_a_whole_sentence_adds_nothing() -> None:
    text = "First one. Second one is here. Third."
    start = text.index("Second")
    end = text.index(" Third")
    assert excerpt(text, start, end) == ("", "Second one is here.", "")


@given(st.text(alphabet="ab .\n!?", max_size=80), st.data())
def test_excerpt_pieces_are_contiguous_text(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    parts = excerpt(text, start, end)
    assert parts is not None
    before, match, after = parts
    assert match == text[start:end]
    assert text[:start].endswith(before) and text[end:].rstrip().startswith(after.rstrip())
    assert excerpt(text, start, len(text) + 1) is None


def test_dates_and_values() -> None:
    assert format_date("2022-01-10") == "10 Jan 2022"
    assert format_date("2021-12") == "Dec 2021"
    assert format_date("2022") == "2022"
    assert format_date("2022-02-30") == "2022-02-30"
    assert display_value("7.5 hour") == "7.5 hours"
    assert display_value("1 hour") == "1 hour"
    assert display_value("2021-12-17") == "17 Dec 2021"
    assert display_value("12 percent") == "12 percent"
    assert display_value("Geneva") == "Geneva"
    assert display_value("--01-12") == "12 Jan"  # no source gave the year
    assert display_value("--13-40") == "--13-40"
