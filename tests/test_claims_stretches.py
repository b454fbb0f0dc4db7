"""Claims about stretches of time: how long a battle has gone on, the first and last days
of a meeting, and tolls of the dead and missing together.

The Port Ilvar battle, the Nordic Fisheries Forum and every sentence here are invented.
"""

from __future__ import annotations

import hashlib
from typing import Any

from crosswire.analyze import analyze_doc
from crosswire.analyze.calendar import find_days
from crosswire.model import Article, Claim, Entity, Story
from crosswire.reconcile.claims import _organisation_names, reconcile_claims
from crosswire.reconcile.entities import reconcile_entities


def _story(nlp: Any, texts: list[str]) -> Story:
    analyses = []
    for number, text in enumerate(texts, start=1):
        article = Article(
            id=hashlib.sha1(text.encode()).hexdigest()[:16], text=text, outlet=f"Outlet {number}"
        )
        analyses.append(analyze_doc(nlp(text), article))
    return Story(analyses)


def _claims(story: Story) -> list[Claim]:
    duplicates: dict[int, int | None] = {n: None for n in range(1, len(story.analyses) + 1)}
    return reconcile_claims(story, reconcile_entities(story), duplicates)


def _shown(claims: list[Claim]) -> list[tuple[str, str, list[tuple[str, list[int]]]]]:
    return [(c.status, c.attribute, [(v.value, v.sources) for v in c.values]) for c in claims]


def test_a_stretch_of_days_is_its_first_and_last_day() -> None:
    (stretch,) = find_days("The trial pauses during the Nov. 12-18 fisheries meetings.")
    assert stretch.through and stretch.values == ["--11-12", "--11-18"]
    (first_day,) = find_days("Talks open on 12-13 January 2031.")
    assert first_day.through and first_day.values == ["2031-01-12", "2031-01-13"]
    (two_days,) = find_days("Talks are slated for 12 and 13 January.")
    assert not two_days.through  # two days, maybe of two events ("respectively")
    assert find_days("Scores were Nov. 12-10 at the half.")[0].values == ["--11-12"]


def test_a_meeting_that_starts_on_different_days_is_flagged(nlp: Any) -> None:
    """The first day of one named forum differs; its last day agrees; a day of another
    event (the summit inside the forum week) is not set against either."""
    story = _story(
        nlp,
        [
            "Trading will be slow during the Nov. 12-18 Nordic Fisheries Forum meetings in "
            "Oslo, officials said.",
            "Ministers will travel to Oslo for the Nordic Fisheries Forum session Nov. 14-18.",
            "The leaders' summit of the forum will be held Nov. 17-18 in Oslo.",
        ],
    )
    claims = _claims(story)
    starts = [c for c in claims if c.attribute == "start date" and c.status == "discrepancy"]
    assert starts, _shown(claims)
    assert {v.value: v.sources for v in starts[0].values} == {"--11-12": [1], "--11-14": [2]}
    ends = [c for c in claims if c.attribute == "end date"]
    assert not any(c.status == "discrepancy" for c in ends), _shown(claims)


def test_dead_or_missing_is_a_toll_of_its_own(nlp: Any) -> None:
    """ "Killed or disappeared" counts the dead and the missing: 4,120 against some 2,500
    conflicts, and "at least 4,000 killed" is another figure, set against neither."""
    story = _story(
        nlp,
        [
            "The government said 4,120 opponents were killed or disappeared during the "
            "junta's rule.",
            "The government lists some 2,500 opponents who were killed or vanished during "
            "the junta's rule. Prosecutors say at least 4,000 people were killed.",
        ],
    )
    assertions = [a for s in story.analyses for a in s.assertions]
    assert {a.attribute for a in assertions if "4,120" in a.text or "2,500" in a.text} == {
        "number of people killed or missing"
    }
    claims = _claims(story)
    flagged = [c for c in claims if c.status == "discrepancy"]
    assert len(flagged) == 1, _shown(claims)
    assert {v.value for v in flagged[0].values} == {"4120", "2500"}


def test_how_long_a_battle_has_gone_on_is_flagged_as_a_change(nlp: Any) -> None:
    """ "The three-day battle" and "a week-old battle" for one port: readings of a length
    that grows, flagged and marked evolving; lengths of the war beside them stay apart."""
    story = _story(
        nlp,
        [
            "The three-day battle for the strategic port at Ilvar was not going well for the "
            "rebels, who began their two-month rebellion in the spring.",
            "Rebels showed the confidence of a victor in a week-old battle for the strategic "
            "port, deep into their two-month revolt.",
        ],
    )
    lengths = [
        a
        for s in story.analyses
        for a in s.assertions
        if a.attribute == "duration" and "old" in a.text
    ]
    assert lengths and lengths[0].value == "1 week" and lengths[0].subject == "battle"
    claims = _claims(story)
    flagged = [c for c in claims if c.status == "discrepancy"]
    assert len(flagged) == 1 and flagged[0].evolving, _shown(claims)
    assert {v.value for v in flagged[0].values} == {"3 day", "1 week"}


def test_lengths_without_a_figure_are_read_only_of_events(nlp: Any) -> None:
    """ "After a week of fighting" is a length; "a day later", "the 21-year-old", "it took
    us two weeks to get here" and "a month of reflection" are not lengths of an event."""
    story = _story(
        nlp,
        [
            "After a week of fighting, the rebels entered Ilvar. A day later the port fell. "
            "The 21-year-old gunner was wounded. It took us two weeks to get here, he said. "
            "The trip was meant to be a month of reflection."
        ],
    )
    durations = [a for a in story.analyses[0].assertions if a.attribute == "duration"]
    assert [(a.text, a.value, a.subject) for a in durations] == [("a week", "1 week", "fighting")]


def test_a_stretch_whose_last_day_is_no_day_keeps_its_first_day() -> None:
    """ "Nov. 28-31" (no Nov. 31) or "Nov. 12-35" still says Nov. 28 / Nov. 12, as
    before a stretch was read at all."""
    for text, value in [("Talks ran Nov. 28-31 in Oslo.", "--11-28"), ("On Nov. 12-35", "--11-12")]:
        (day,) = find_days(text)
        assert not day.through and day.values == [value]
        assert text[slice(*day.spans[0])].startswith("Nov. ")


def test_stretches_of_days_that_do_not_meet_are_two_events(nlp: Any) -> None:
    """One body's ministers meeting Nov. 12-15 and its leaders' summit Nov. 17-18 are two
    events: no first or last day is set against the other's."""
    story = _story(
        nlp,
        [
            "Fisheries ministers of the Nordic Fisheries Forum meet Nov. 12-15 in Oslo, "
            "officials said.",
            "The Nordic Fisheries Forum summit will be held Nov. 17-18 in Oslo, the host said.",
        ],
    )
    claims = _claims(story)
    assert not [c for c in claims if c.status == "discrepancy"], _shown(claims)


def test_a_stretch_across_months_is_its_first_and_last_day() -> None:
    text = (
        "The forum meets Nov. 30-Dec. 2 in Oslo; the 30 November through 2 December talks follow."
    )
    stretches = find_days(text)
    assert [(m.through, m.values) for m in stretches] == [
        (True, ["--11-30", "--12-02"]),
        (True, ["--11-30", "--12-02"]),
    ]
    assert [text[a:b] for m in stretches for a, b in m.spans] == [
        "Nov. 30", "Dec. 2", "30 November", "2 December"
    ]  # fmt: skip
    # Two days said one after the other are not a stretch, nor is one running backwards.
    assert not any(m.through for m in find_days("On Nov. 30, Dec. 2 and Dec. 1-Nov. 28."))


def test_a_day_moved_to_another_is_no_stretch() -> None:
    """ "Postponed from Nov. 28 to Dec. 5", "moved from 12 to 18 November": the old day and
    the new one, not the first and last days of one event.  A dash or "through" is."""
    for text in [
        "The vote was postponed from Nov. 28 to Dec. 5.",
        "The vote was moved from Nov. 12 to 18.",
        "The vote was moved from 12 to 18 November.",
    ]:
        assert not any(m.through for m in find_days(text)), text
    assert find_days("The fair runs Nov. 12 through 18.")[0].through


def test_a_count_of_two_states_keeps_both_without_a_noun() -> None:
    from crosswire.reconcile.claims import head_key

    assert head_key("number of killed or missing") == "number of killed or missing"
    assert (
        head_key("number of injured or killed in ilvar") == "number of injured or killed in ilvar"
    )
    assert head_key("number of people killed or missing") == "number of people killed or missing"


def test_lengths_so_far_read_on_one_day_are_a_plain_disagreement(nlp: Any) -> None:
    """ "After three hours of talks" and "after two-hour talks" in two articles of one day:
    no length grew between them, so the clash is not shown as a change over time; on
    different days it is."""
    texts = [
        "After three hours of talks in Oslo, the two fisheries ministers signed the accord.",
        "The two fisheries ministers signed the accord after two-hour talks in Oslo.",
    ]
    for days, evolving in [
        (("2031-03-02", "2031-03-02"), False),
        (("2031-03-02", "2031-03-04"), True),
    ]:
        analyses = []
        for number, (text, day) in enumerate(zip(texts, days, strict=True), start=1):
            article = Article(id=f"a{number}", text=text, outlet=f"Outlet {number}", published=day)
            analyses.append(analyze_doc(nlp(text), article))
        claims = _claims(Story(analyses))
        (flagged,) = [c for c in claims if c.status == "discrepancy"]
        assert flagged.attribute == "duration" and flagged.evolving == evolving, days


def test_an_acronym_is_an_organisation_only_in_capitals() -> None:
    spell = _organisation_names(
        [
            Entity("World Fisheries Organization", "ORG", variants=["WFO", "WHO"]),
            Entity("Nordic Fisheries Forum", "ORG", variants=["the nordic fisheries forum"]),
        ]
    )
    assert spell("number of WHO experts") == "number of World Fisheries Organization experts"
    assert spell("number of people who died") == "number of people who died"
    assert spell("the Nordic fisheries forum meetings") == "Nordic Fisheries Forum meetings"
