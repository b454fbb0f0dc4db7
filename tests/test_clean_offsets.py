"""The cleaned text is the input minus whole lines: what later stages index is what was printed."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from crosswire.clean import clean_article, clean_text
from crosswire.model import Article, Removal, Story

REPORTING = [
    "The Baltic Star collided with the Mira Trader in fog on Tuesday evening.",
    "“Every passenger is accounted for,” Interior Minister Kristjan Mägi said.",
    "Shares in Nordlink Ferries fell 4 percent on Wednesday.",
    "Follow-up talks are set for March.",
    "No one was killed.",
    "Comments from passengers on social media praised the crew.",
    "Evacuating the ferry took five and a half hours.",
    "Photographs shared by passengers showed a deep gash in the bow.",
]
NOISE = [
    "Share this story",
    "Follow us on X and Facebook",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "See also  Council approves new cycle lane on Harbour Road",
    "Photo: J. Saar / Harbour Herald",
    "Subscribe to our newsletter.",
    "Advertisement",
]
lines = st.lists(
    st.tuples(st.booleans(), st.integers(0, len(REPORTING) - 1), st.sampled_from(["\n", "\n\n"])),
    min_size=1,
    max_size=12,
)


def _compose(picks: list[tuple[bool, int, str]]) -> tuple[str, list[str], list[str]]:
    """Text made of reporting and noise lines; reporting is first so no byline rule applies."""
    text, kept, dropped = REPORTING[0], [REPORTING[0]], []
    for is_noise, index, separator in picks:
        line = NOISE[index % len(NOISE)] if is_noise else REPORTING[index]
        text += separator + line
        (dropped if is_noise else kept).append(line)
    return text, kept, dropped


@given(lines)
def test_cleaning_drops_exactly_the_noise_and_keeps_every_line_verbatim(
    picks: list[tuple[bool, int, str]],
) -> None:
    text, kept, dropped = _compose(picks)
    cleaned, removed = clean_text(text)
    assert re.split(r"\n\n?", cleaned) == kept
    assert [r.text for r in removed] == dropped


@given(lines)
def test_every_kept_line_slices_out_of_the_cleaned_text_at_its_offset(
    picks: list[tuple[bool, int, str]],
) -> None:
    text, kept, _ = _compose(picks)
    cleaned, _ = clean_text(text)
    offset = 0
    for line in kept:
        start = cleaned.index(line, offset)
        assert cleaned[start : start + len(line)] == line
        assert cleaned[offset:start] in ("", "\n", "\n\n")
        offset = start + len(line)
    assert offset == len(cleaned)


@given(lines)
def test_cleaning_is_idempotent(picks: list[tuple[bool, int, str]]) -> None:
    article = Article(id="a1", text=_compose(picks)[0], outlet="o")
    once = clean_article(article)
    twice = clean_article(once)
    assert twice.text == once.text
    assert twice.removed == once.removed


def test_paragraph_breaks_survive_and_single_newlines_stay_single() -> None:
    text = "First.\nSecond.\nShare this story\nThird.\n\nFourth.\n\nAdvertisement\n\nFifth."
    assert clean_text(text)[0] == "First.\nSecond.\nThird.\n\nFourth.\n\nFifth."


def test_article_keeps_its_id_and_earlier_removals() -> None:
    earlier = Removal("MARITIME | BREAKING", "tag line before the headline")
    article = Article(id="abc", text="The ferry sank.\n\nTweet", outlet="o", removed=[earlier])
    cleaned = clean_article(article)
    assert cleaned.id == "abc"
    assert cleaned.removed == [earlier, Removal("Tweet", "share prompt")]
    assert article.text == "The ferry sank.\n\nTweet"  # the input is not modified


def test_analysis_offsets_of_the_example_story_slice_its_cleaned_text(example_story: Story) -> None:
    for analysis in example_story.analyses:
        text = analysis.article.text
        assert not any(r.text in text.split("\n") for r in analysis.article.removed)
        for record in [*analysis.sentences, *analysis.mentions, *analysis.attributions]:
            assert text[record.start : record.end] == record.text


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=60)))
def test_any_text_loses_whole_lines_only(raw_lines: list[str]) -> None:
    text = "\n".join(raw_lines)
    cleaned, removed = clean_text(text)
    content = [line for line in text.split("\n") if line.strip()]
    kept = [line for line in cleaned.split("\n") if line.strip()]
    remaining = iter(content)
    assert all(line in remaining for line in kept)  # kept lines are the input's, in order
    assert len(kept) + len(removed) == len(content)
