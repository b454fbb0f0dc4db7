"""Same speaker, other words: the story's rare words tie a quote to its reported form."""

from __future__ import annotations

from typing import Any

import pytest

from crosswire.analyze import analyze_article
from crosswire.model import Article, Quote, Story
from crosswire.reconcile.entities import reconcile_entities
from crosswire.reconcile.quotes import reconcile_quotes

DIRECT = (
    "ROTTERDAM – A container crane collapsed onto a cargo ship at the port of Rotterdam on "
    "Tuesday.\n"
    "Nobody was hurt, the port authority said, but the quay will stay closed for days.\n"
    "“The operator saw no sign that the hoist cable was fraying before it snapped,” said "
    "Anna Berg, the port director.\n"
    "The crane was built in 1998 and was last inspected in March.\n"
    "“The quay will stay closed until inspectors have checked every crane in the port,” "
    "Berg said.\n"
    "Police have opened an inquiry into the collapse.\n"
)
REPORTED = (
    "A crane at the port of Rotterdam fell onto a moored cargo ship on Tuesday, the port "
    "authority said.\n"
    "Port director Anna Berg said the crane operator had spotted no fraying of the hoist cable "
    "until the moment it broke.\n"
    "Berg said the port would pay shipping lines for every day the quay stayed closed.\n"
    "The ship, a feeder vessel, was only lightly damaged.\n"
    "Dock workers said the crane had been making noises for weeks.\n"
    "The port authority said nobody had been hurt.\n"
)


@pytest.fixture(scope="module")
def quotes(nlp: Any) -> list[Quote]:
    story = Story(
        [
            analyze_article(Article(id=f"a{i}", text=text, outlet=f"o{i}"))
            for i, text in enumerate([DIRECT, REPORTED])
        ]
    )
    return reconcile_quotes(story, reconcile_entities(story))


def holding(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if any(fragment in v.text for v in q.variants)]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


def test_quote_and_reported_speech_sharing_rare_words_merge(quotes: list[Quote]) -> None:
    # nothing verbatim beyond "the hoist cable", and the embeddings are not close enough:
    # "operator", "fraying", "hoist", "cable" and "no" are what the two wordings share
    quote = holding(quotes, "saw no sign that the hoist cable")
    assert any("spotted no fraying" in v.text for v in quote.variants)
    assert sorted(v.source for v in quote.variants) == [1, 2]
    assert quote.speaker == "Anna Berg" and quote.kind == "direct"


def test_shared_story_words_do_not_merge_different_statements(quotes: list[Quote]) -> None:
    # "port", "quay", "closed" and "every" are in both, but the story repeats them throughout
    closed = holding(quotes, "stay closed until inspectors")
    assert [v.source for v in closed.variants] == [1]
    pay = holding(quotes, "pay shipping lines")
    assert [v.source for v in pay.variants] == [2]
