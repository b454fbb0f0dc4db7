"""The ferry example's quotes: each expected utterance is one quote, right speaker and sources."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from crosswire.model import Quote, Story
from crosswire.reconcile.entities import reconcile_entities
from crosswire.reconcile.quotes import reconcile_quotes


@pytest.fixture(scope="module")
def quotes(example_story: Story) -> list[Quote]:
    return reconcile_quotes(example_story, reconcile_entities(example_story))


def groups(expectations: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Expected quotes keyed by utterance: a shared "group", or the fragment on its own."""
    result: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in expectations["quotes"]:
        result[entry.get("group", entry["fragment"])].append(entry)
    return dict(result)


def file_of(story: Story, source: int) -> str:
    return Path(story.analyses[source - 1].article.path or "").name


def holding(quotes: list[Quote], fragment: str) -> list[Quote]:
    return [q for q in quotes if any(fragment in v.text for v in q.variants)]


def test_every_expected_utterance_is_one_quote(
    example_story: Story, example_expectations: dict[str, Any], quotes: list[Quote]
) -> None:
    for name, entries in groups(example_expectations).items():
        found = {id(q): q for e in entries for q in holding(quotes, e["fragment"])}
        assert len(found) == 1, (name, [q.text for q in found.values()])
        quote = next(iter(found.values()))
        assert quote.speaker == entries[0]["speaker"], (name, quote.speaker)
        for entry in entries:
            sources = {
                file_of(example_story, v.source)
                for v in quote.variants
                if entry["fragment"] in v.text
            }
            assert sources == set(entry["files"]), (entry["fragment"], sources)


def test_radar_quote_and_its_reported_form_are_merged(
    example_story: Story, quotes: list[Quote]
) -> None:
    (quote,) = holding(quotes, "The radar gave us no warning")
    kinds = {file_of(example_story, v.source): v.text for v in quote.variants}
    assert set(kinds) == {"tallinn-daily-post.txt", "coverage.jsonl#2"}
    assert quote.kind == "direct" and quote.text.startswith("The radar gave us")
    assert quote.drift  # "us" became "the bridge", "changed course" became "turning towards"


def test_same_speaker_different_utterances_stay_apart(quotes: list[Quote]) -> None:
    apart = [
        ("cooperating fully with investigators", "full access to its records"),
        ("We will find out exactly what happened", "Finland has every right to know"),
        ("The radar gave us no warning", "we had perhaps forty seconds"),
        ("Conditions were extremely difficult", "The fog was the enemy all evening"),
    ]
    for one, other in apart:
        assert not {id(q) for q in holding(quotes, one)} & {id(q) for q in holding(quotes, other)}
