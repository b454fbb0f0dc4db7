"""Reference dates inferred from the story; same-date events merged across sources."""

from __future__ import annotations

from typing import Any

import pytest

from crosswire.analyze.dates import extract_dates
from crosswire.model import Article, ArticleAnalysis, Story
from crosswire.reconcile.timeline import build_timeline, date_sort_key, reference_dates

ARTICLES = [
    # Only this one gives a full date; the others rely on it for their years.
    "The agency first warned of the flaw on December 10, 2021. Engineers patched the dam on "
    "January 5 after a week of heavy rain. The report will be published on January 20.",
    "Engineers patched the dam on Jan. 5, officials said. The repairs had been ordered on "
    "Dec. 28 by the regional council.",
    "Villagers returned home on Friday after the dam was declared safe. Floods hit the valley "
    "in 2014.",
]


@pytest.fixture(scope="module")
def story(nlp: Any) -> Story:
    analyses = []
    for number, text in enumerate(ARTICLES, 1):
        article = Article(id=f"a{number}", text=text, outlet=f"Outlet {number}")
        analyses.append(ArticleAnalysis(article=article, dates=extract_dates(nlp(text), article)))
    return Story(analyses)


def test_reference_dates_are_inferred_from_the_story(story: Story) -> None:
    refs = reference_dates(story)
    assert refs[1] == ("2022-01-05", True)  # latest day it reports as past, not the future 20th
    assert refs[2] == ("2022-01-05", True)  # years from article 1's December 10, 2021
    assert refs[3] == ("2022-01-05", True)  # nothing of its own: the story's latest


def test_a_january_date_after_december_is_next_year(story: Story) -> None:
    dates = {e.date for e in build_timeline(story)}
    assert {"2021-12-10", "2021-12-28", "2022-01-05", "2022-01-20", "2014"} <= dates


def test_same_event_from_two_sources_is_one_entry(story: Story) -> None:
    patched = [e for e in build_timeline(story) if e.date == "2022-01-05"]
    assert len(patched) == 1
    assert patched[0].sources == [1, 2]
    assert patched[0].inferred_year
    assert len(patched[0].evidence) == 2


def test_weekday_resolved_against_inferred_reference(story: Story) -> None:
    friday = [e for e in build_timeline(story) if 3 in e.sources and e.granularity == "day"]
    assert [e.date for e in friday] == ["2021-12-31"]  # the Friday on or before Jan. 5, 2022


def test_published_article_needs_no_inference(nlp: Any) -> None:
    text = "The bridge reopened on Monday."
    article = Article(id="p", text=text, outlet="Daily", published="2023-05-03")
    story = Story([ArticleAnalysis(article=article, dates=extract_dates(nlp(text), article))])
    assert reference_dates(story) == {1: ("2023-05-03", False)}
    (event,) = build_timeline(story)
    assert (event.date, event.inferred_year) == ("2023-05-01", False)


def test_sort_key_orders_months_and_qualifiers() -> None:
    keys = ["2021-12-23", "2021", "2021-12", "2021-12-05"]
    assert sorted(keys, key=date_sort_key) == ["2021", "2021-12", "2021-12-05", "2021-12-23"]
    assert date_sort_key("2021-12", "late") > date_sort_key("2021-12-20")
