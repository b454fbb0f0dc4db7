"""The example story's expected discrepancies, and provenance of every assertion and claim."""

from __future__ import annotations

from typing import Any

from crosswire.model import Claim, Story
from crosswire.reconcile.claims import reconcile_claims
from crosswire.reconcile.entities import reconcile_entities
from crosswire.reconcile.independence import find_duplicates


def _claims(story: Story) -> list[Claim]:
    return reconcile_claims(story, reconcile_entities(story), find_duplicates(story))


def test_expected_discrepancies_are_found(
    example_story: Story, example_expectations: dict[str, Any]
) -> None:
    claims = _claims(example_story)
    for expected in example_expectations["discrepancies"]:
        wanted = {w.lower() for w in expected["values"].values()}
        hits = [
            c
            for c in claims
            if c.status == "discrepancy"
            and any(w.lower() in phrase for v in c.values for w in v.wording for phrase in wanted)
        ]
        assert hits, f"no discrepancy for {expected['about']}"


def test_assertion_offsets_slice_their_text(example_story: Story) -> None:
    for analysis in example_story.analyses:
        text = analysis.article.text
        for a in analysis.assertions:
            assert text[a.start : a.end] == a.text
            assert a.sentence_start <= a.start < a.end <= a.sentence_end


def test_claim_evidence_slices_the_wording(example_story: Story) -> None:
    for claim in _claims(example_story):
        for value in claim.values:
            for evidence, wording in zip(value.evidence, value.wording, strict=True):
                text = example_story.analyses[evidence.source - 1].article.text
                assert text[evidence.start : evidence.end] == wording


def test_reprint_does_not_raise_corroboration(example_story: Story) -> None:
    claims = _claims(example_story)
    passengers = next(c for c in claims if c.attribute == "number of passengers")
    sources = {s for v in passengers.values for s in v.sources}
    assert passengers.independent_sources == len(sources) - 1
