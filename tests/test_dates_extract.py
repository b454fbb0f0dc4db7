"""Per-article date mentions: exact offsets, the clause each dates, tense, split day lists."""

from __future__ import annotations

from typing import Any

import pytest

from crosswire.analyze.dates import extract_dates
from crosswire.model import Article, DateMention

TEXT = (
    "HARBOURTOWN, March 4 (Coast Wire) – Divers searched the wreck on Tuesday.\n"
    "The trawler sank on Feb. 27 after a storm, the coastguard said.\n"
    "An inquiry will open on 12 and 13 March in Harbourtown; the owners sold the boat in 2019.\n"
    "“We are doing everything we can today,” the mayor said.\n"
    "Talks with the union were held in late February and will resume next week.\n"
)


def _mentions(nlp: Any, published: str | None) -> list[DateMention]:
    article = Article(id="a1", text=TEXT, outlet="Coast Wire", published=published)
    return extract_dates(nlp(TEXT), article)


def _by_text(mentions: list[DateMention], text: str) -> DateMention:
    found = [m for m in mentions if m.text == text]
    assert found, f"no mention {text!r} in {[m.text for m in mentions]}"
    return found[0]


@pytest.mark.parametrize("published", [None, "2024-03-04"])
def test_offsets_slice_the_text_they_claim(nlp: Any, published: str | None) -> None:
    mentions = _mentions(nlp, published)
    assert mentions
    for m in mentions:
        assert TEXT[m.start : m.end] == m.text
        assert m.event_start <= m.start and m.end <= m.event_end
        assert "\n" not in TEXT[m.event_start : m.event_end]


def test_resolved_against_publication_date(nlp: Any) -> None:
    mentions = _mentions(nlp, "2024-03-04")
    assert _by_text(mentions, "Tuesday").date == "2024-02-27"
    assert _by_text(mentions, "Feb. 27").date == "2024-02-27"
    assert _by_text(mentions, "2019").granularity == "year"
    late = _by_text(mentions, "late February")
    assert (late.date, late.granularity, late.qualifier) == ("2024-02", "month", "late")


def test_day_list_gives_each_day_its_month(nlp: Any) -> None:
    mentions = _mentions(nlp, "2024-03-04")
    dates = {m.date for m in mentions if m.event_start <= TEXT.index("12 and") < m.event_end}
    assert {"2024-03-12", "2024-03-13"} <= dates


def test_clause_and_tense(nlp: Any) -> None:
    mentions = _mentions(nlp, "2024-03-04")
    sank = _by_text(mentions, "Feb. 27")
    assert "trawler sank" in TEXT[sank.event_start : sank.event_end]
    assert sank.tense == "past"
    assert _by_text(mentions, "13 March").tense == "future"
    year = _by_text(mentions, "2019")
    # The clause after ';' is its own event, not the inquiry's.
    assert "inquiry" not in TEXT[year.event_start : year.event_end]


def test_dateline_and_quoted_today(nlp: Any) -> None:
    mentions = _mentions(nlp, None)
    assert _by_text(mentions, "March 4").dateline
    assert not _by_text(mentions, "Feb. 27").dateline
    assert all(m.text.lower() != "today" for m in mentions)  # speech time, not an event


def test_without_publication_date_the_year_is_left_open(nlp: Any) -> None:
    mentions = _mentions(nlp, None)
    feb = _by_text(mentions, "Feb. 27")
    assert (feb.date, feb.partial, feb.relative) == (None, "02-27", True)
    assert _by_text(mentions, "2019").date == "2019"
