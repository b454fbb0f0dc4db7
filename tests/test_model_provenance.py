"""Every record keeps provenance: offsets slice exactly the text they claim."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import crosswire
from crosswire.model import (
    Article,
    ArticleAnalysis,
    Brief,
    Evidence,
    Mention,
    Removal,
    Story,
    from_dict,
    to_dict,
)
from crosswire.render.json import brief_from_json, brief_to_json


def per_article_spans(analysis: ArticleAnalysis) -> list[tuple[str, int, int, str]]:
    """(kind, start, end, claimed text) for every per-article record."""
    spans = [("sentence", s.start, s.end, s.text) for s in analysis.sentences]
    spans += [("mention", m.start, m.end, m.text) for m in analysis.mentions]
    spans += [("attribution", a.start, a.end, a.text) for a in analysis.attributions]
    spans += [("assertion", a.start, a.end, a.text) for a in analysis.assertions]
    spans += [("date", d.start, d.end, d.text) for d in analysis.dates]
    spans += [("aside", a.start, a.end, a.text) for a in analysis.asides]
    return spans


def evidences(brief: Brief) -> list[Evidence]:
    found = [e for s in brief.summary for e in s.evidence]
    found += [e for entity in brief.entities for e in entity.evidence]
    found += [e for c in brief.claims for v in c.values for e in v.evidence]
    found += [e for t in brief.timeline for e in t.evidence]
    return found


@pytest.mark.parametrize("story_name", ["example_story", "geneva_story"])
def test_per_article_offsets_slice_the_text_they_claim(
    story_name: str, request: pytest.FixtureRequest
) -> None:
    story: Story = request.getfixturevalue(story_name)
    checked = 0
    for analysis in story.analyses:
        text = analysis.article.text
        for kind, start, end, claimed in per_article_spans(analysis):
            assert 0 <= start <= end <= len(text), (kind, start, end)
            assert text[start:end] == claimed, (kind, claimed)
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("brief_name", ["example_brief", "geneva_brief"])
def test_brief_evidence_and_quote_offsets_slice_their_source(
    brief_name: str, request: pytest.FixtureRequest
) -> None:
    brief: Brief = request.getfixturevalue(brief_name)
    texts = {s.id: s.text for s in brief.sources}
    for evidence in evidences(brief):
        assert 0 <= evidence.start < evidence.end <= len(texts[evidence.source])
    for quote in brief.quotes:
        for variant in quote.variants:
            assert texts[variant.source][variant.start : variant.end] == variant.text
    for entity in brief.entities:
        for evidence in entity.evidence:
            assert texts[evidence.source][evidence.start : evidence.end] in entity.variants


def test_every_cited_source_exists(example_brief: Brief) -> None:
    ids = {s.id for s in example_brief.sources}
    cited = {i for s in example_brief.summary for i in s.sources}
    cited |= {i for e in example_brief.entities for i in e.sources}
    cited |= {i for t in example_brief.timeline for i in t.sources}
    cited |= {i for c in example_brief.claims for v in c.values for i in v.sources}
    assert cited <= ids


def test_brief_json_round_trips(example_brief: Brief) -> None:
    data = json.loads(json.dumps(brief_to_json(example_brief)))
    assert brief_from_json(data) == example_brief


text_st = st.text(max_size=40)


@given(
    text=text_st,
    outlet=text_st,
    removed=st.lists(st.builds(Removal, text_st, text_st), max_size=3),
    spans=st.lists(
        st.tuples(st.integers(0, 50), st.integers(0, 50), st.sampled_from(["PERSON", "ORG"])),
        max_size=4,
    ),
)
def test_analysis_round_trips_through_plain_data(
    text: str, outlet: str, removed: list[Removal], spans: list[tuple[int, int, str]]
) -> None:
    article = Article(id="x", text=text, outlet=outlet, removed=removed)
    mentions = [Mention("x", a, b, text[a:b], label) for a, b, label in spans]
    analysis = ArticleAnalysis(article=article, mentions=mentions)
    data: Any = json.loads(json.dumps(to_dict(analysis)))
    assert from_dict(ArticleAnalysis, data) == analysis


def test_public_api_is_complete_and_importable() -> None:
    for name in crosswire.__all__:
        assert getattr(crosswire, name) is not None, name
    assert callable(crosswire.brief)
    assert {"brief", "read_articles", "Brief", "load_story"} <= set(crosswire.__all__)


def test_all_lists_exactly_the_lazy_exports() -> None:
    from crosswire import _EXPORTS

    assert set(crosswire.__all__) == {"__version__", *_EXPORTS}
