"""Acceptance: the geneva-talks sample yields the discrepancies and facts DESIGN.md names."""

from __future__ import annotations

from crosswire.model import Claim, Story
from crosswire.reconcile.claims import reconcile_claims
from crosswire.reconcile.entities import reconcile_entities
from crosswire.reconcile.independence import find_duplicates


def _claims(story: Story) -> list[Claim]:
    return reconcile_claims(story, reconcile_entities(story), find_duplicates(story))


def _find(claims: list[Claim], attribute: str, subject_word: str) -> Claim:
    for claim in claims:
        if claim.attribute.startswith(attribute) and subject_word in claim.subject.lower():
            return claim
    raise AssertionError(f"no {attribute} claim about {subject_word}: {claims}")


def test_talk_length_is_a_discrepancy_with_every_wording(geneva_story: Story) -> None:
    claim = _find(_claims(geneva_story), "duration", "talks")
    assert claim.status == "discrepancy"
    wordings = {w.lower() for v in claim.values for w in v.wording}
    assert {
        "seven hours",
        "approximately 7.5 hours",
        "more than seven hours",
        "eight hours",
        "nearly eight hours",
    } <= wordings
    hedges = {v.hedge for v in claim.values}
    assert {"approximately", "more than", "nearly", None} <= hedges
    assert claim.independent_sources == 5


def test_one_call_against_two_calls_is_a_discrepancy(geneva_story: Story) -> None:
    claim = _find(_claims(geneva_story), "number of phone calls", "putin")
    assert claim.status == "discrepancy"
    assert sorted(v.value for v in claim.values) == ["1", "2"]


def test_council_and_osce_meetings_are_agreed_by_several_sources(geneva_story: Story) -> None:
    claims = _claims(geneva_story)
    council_date = _find(claims, "date", "nato-russia council")
    assert council_date.status == "agreed" and council_date.independent_sources >= 3
    assert [v.value for v in council_date.values] == ["2022-01-12"]
    council_place = _find(claims, "place", "nato-russia council")
    assert council_place.status == "agreed" and council_place.values[0].value == "Brussels"
    osce_date = _find(claims, "date", "osce")
    assert osce_date.status == "agreed" and osce_date.independent_sources >= 3
    assert [v.value for v in osce_date.values] == ["2022-01-13"]
    osce_place = _find(claims, "place", "osce")
    assert osce_place.status == "agreed" and osce_place.values[0].value == "Vienna"


def test_discrepancies_come_first(geneva_story: Story) -> None:
    statuses = [c.status for c in _claims(geneva_story)]
    assert statuses == sorted(statuses, key=["discrepancy", "check", "agreed", "single"].index)
