"""Acceptance: summaries of the ferry example and the geneva-talks sample, citations checked."""

from __future__ import annotations

from typing import Any

import pytest

from crosswire.model import Story, SummarySentence
from crosswire.summarize import summarize_story
from crosswire.summarize.candidates import stands_alone
from crosswire.summarize.text import content_stems, numbers


def check_summary(story: Story, summary: list[SummarySentence], words: int) -> None:
    """Within budget, every sentence stands alone and every cited source says the same thing."""
    assert summary, "no summary"
    assert sum(len(s.text.split()) for s in summary) <= words
    for sentence in summary:
        assert stands_alone(sentence.text), sentence.text
        assert sentence.sources == sorted({e.source for e in sentence.evidence})
        # The text is its own source's spans joined (asides cut out), inside a cited sentence.
        joined = "".join(_slice(story, p.source, p.start, p.end) for p in sentence.parts)
        assert joined[:1].upper() + joined[1:] == sentence.text
        own = [
            e
            for e in sentence.evidence
            if e.source == sentence.parts[0].source
            and e.start <= sentence.parts[0].start
            and sentence.parts[-1].end <= e.end
        ]
        assert own, f"no evidence is the sentence itself: {sentence.text}"
        mine = content_stems(sentence.text)
        for evidence in sentence.evidence:
            cited = _slice(story, evidence.source, evidence.start, evidence.end)
            shared = len(mine & content_stems(cited)) / len(mine)
            assert shared >= 0.3, (
                f"[{evidence.source}] {cited!r} does not support {sentence.text!r}"
            )
            assert numbers(sentence.text) <= numbers(cited), (sentence.text, cited)


def _slice(story: Story, source: int, start: int, end: int) -> str:
    return story.analyses[source - 1].article.text[start:end]


def test_example_summary_is_cited_and_noise_free(
    example_story: Story, example_expectations: dict[str, Any]
) -> None:
    summary = summarize_story(example_story, words=100)
    check_summary(example_story, summary, 100)
    noise = [item["line"].strip() for item in example_expectations["noise"]]
    for sentence in summary:
        assert not any(line and line in sentence.text for line in noise), sentence.text
    # The lead event is told by several outlets: the summary must say so in its citations.
    assert max(len(s.sources) for s in summary) >= 2


def test_example_summary_is_stable_across_runs(example_story: Story) -> None:
    first = summarize_story(example_story, words=60)
    assert [s.text for s in summarize_story(example_story, words=60)] == [s.text for s in first]
    assert sum(len(s.text.split()) for s in first) <= 60


@pytest.mark.parametrize("words", [60, 100])
def test_geneva_summary_is_cited_and_noise_free(geneva_story: Story, words: int) -> None:
    summary = summarize_story(geneva_story, words=words)
    check_summary(geneva_story, summary, words)
    assert sum(len(s.text.split()) for s in summary) >= words * 0.6  # about the budget
    for sentence in summary:
        assert "See also" not in sentence.text and "Follow us" not in sentence.text
