"""Incremental grouping on made-up signatures: joins, new stories, the window, merges, splits."""

from __future__ import annotations

from dataclasses import replace

import pytest

from crosswire.config import DEFAULT
from crosswire.group import MemoryBackend, StoryIndex, group_batch
from crosswire.model import ArticleSignature

FERRY = {"ferry": 3, "collision": 2, "fog": 2, "@tallinn": 2, "cargo": 1, "passenger": 1}
FIRE = {"fire": 3, "chemical": 2, "solvent": 2, "@port_averly": 2, "smoke": 1, "firefighter": 1}


def sig(n: int, terms: dict[str, int], day: str | None = None, **extra: int) -> ArticleSignature:
    return ArticleSignature(f"a{n}", terms | extra, day)


def test_two_events_make_two_stories_with_stable_ids_and_reasons() -> None:
    index = StoryIndex()
    first = index.add(sig(1, FERRY, "2025-10-14"))[0]
    other = index.add(sig(2, FIRE, "2025-10-16"))[0]
    assert first.kind == other.kind == "started"
    assert first.story != other.story
    later = [index.add(sig(n, FERRY, "2025-10-15", **{f"w{n}": 1}))[0] for n in range(3, 7)]
    assert {d.story for d in later} == {first.story}
    assert all(d.kind == "joined" for d in later)
    assert "cosine" in later[0].reason and "ferry" in later[0].reason
    assert sorted(map(sorted, index.clusters())) == [["a1", "a3", "a4", "a5", "a6"], ["a2"]]


def test_a_similar_event_far_outside_the_window_starts_its_own_story() -> None:
    index = StoryIndex(settings=replace(DEFAULT, story_window_days=21))
    index.add(sig(1, FERRY, "2025-10-14"))
    index.add(sig(2, FERRY, "2025-10-15"))
    far = index.add(sig(3, FERRY, "2026-03-02"))[0]
    near = index.add(sig(4, FERRY, "2025-10-20"))[0]
    assert far.kind == "started"
    assert near.kind == "joined" and near.story != far.story


def test_candidates_come_from_the_index_not_from_every_story() -> None:
    """Each article scores at most ``story_candidates`` stories, however many are stored."""
    settings = replace(DEFAULT, story_candidates=5)
    backend = MemoryBackend()
    index = StoryIndex(backend, settings)
    for n in range(300):  # 300 stories sharing one word, each with its own name
        index.add(sig(n, {"minister": 1, f"@person_{n}": 3, f"topic{n}": 2}))
    looked: list[int] = []
    original = backend.story

    def counting(story: int) -> object:
        looked.append(story)
        return original(story)

    backend.story = counting  # type: ignore[method-assign]
    index.add(sig(999, {"minister": 1, "@person_7": 3, "topic7": 2}))
    assert 0 < len(set(looked)) <= 5 + 1  # the candidates, and the story it joined
    assert backend.story_of["a999"] == backend.story_of["a7"]


def test_an_article_bridging_two_stories_merges_them_into_the_older() -> None:
    settings = replace(DEFAULT, story_window_days=40, story_merge=0.5)
    index = StoryIndex(settings=settings)
    older = index.add(sig(1, FERRY, "2025-01-01"))[0].story
    newer = index.add(sig(2, FERRY, "2025-03-01"))[0].story  # 59 days later: outside the window
    assert newer != older
    decisions = index.add(sig(3, FERRY, "2025-01-30"))  # within 40 days of both
    merged = [d for d in decisions if d.kind == "merged"]
    assert len(merged) == 1 and merged[0].story == older and merged[0].other == newer
    assert "merged into" in merged[0].reason
    assert sorted(map(sorted, index.clusters())) == [["a1", "a2", "a3"]]
    assert index.merges == 1


def test_a_story_holding_two_events_is_split_and_the_split_recorded() -> None:
    # A join threshold so low that everything sharing a word joins: the split check repairs it.
    settings = replace(DEFAULT, story_join=0.0)
    backend = MemoryBackend()
    index = StoryIndex(backend, settings)
    decisions = []
    for n in range(8):
        terms = FERRY if n % 2 == 0 else FIRE
        decisions += index.add(sig(n, terms | {"today": 1}))
    splits = [d for d in decisions if d.kind == "split"]
    assert splits, [d.reason for d in decisions]
    assert "split" in splits[0].reason and splits[0].other is not None
    groups = sorted(map(sorted, index.clusters()))
    assert groups == [["a0", "a2", "a4", "a6"], ["a1", "a3", "a5", "a7"]]
    assert any(d.kind == "split" for d in backend.history)


def test_batch_and_incremental_agree_on_distinct_events() -> None:
    signatures = [
        sig(n, (FERRY if n % 3 else FIRE) | {f"w{n}": 1}, f"2025-10-{14 + n % 5:02d}")
        for n in range(30)
    ]
    index = StoryIndex()
    for s in signatures:
        index.add(s)
    batch = group_batch(signatures)
    assert sorted(map(sorted, index.clusters())) == sorted(map(sorted, batch.clusters()))
    assert len(batch.clusters()) == 2


def _unit(terms: dict[str, float]) -> dict[str, float]:
    length = sum(w * w for w in terms.values()) ** 0.5
    return {t: w / length for t, w in terms.items()}


def test_the_bisection_finds_two_events_sharing_their_topic_words() -> None:
    from crosswire.group.index import _bisect, normalised_cut

    # Two quakes: every article shares the topic words; each event has its own town and toll.
    topic = {"quake": 1.0, "magnitude": 1.0}
    first = [_unit(topic | {"@lorca": 2.0, "nine": 1.5, f"w{n}": 1.0}) for n in range(5)]
    second = [_unit(topic | {"@van": 2.0, "217": 1.5, f"v{n}": 1.0}) for n in range(4)]
    mixed = [first[0], second[0], first[1], second[1], first[2], second[2], first[3]]
    mixed += [second[3], first[4]]
    found = _bisect(mixed, 3)
    assert found is not None
    a, b, cut = found
    groups = sorted([sorted(a), sorted(b)])
    assert groups == [[0, 2, 4, 6, 8], [1, 3, 5, 7]]
    assert cut < DEFAULT.story_keep_apart_ncut
    assert normalised_cut(first, second) == pytest.approx(cut)
    # one event's articles, however divided, are not cut cleanly
    one = _bisect(first + [_unit(topic | {"@lorca": 2.0, "nine": 1.5})], 3)
    assert one is not None and one[2] >= StoryIndex().split_threshold(6)
    assert _bisect(first[:5], 3) is None  # too few for two halves of three


def test_the_split_threshold_rises_with_the_story_size() -> None:
    from crosswire.group.index import _bisect

    threshold = StoryIndex().split_threshold
    # Two similar events, twelve articles each, whose topic words dominate every article: the
    # cut (about 0.83) is no cleaner than a small story's chance cut, but among 24 articles
    # noise does not cut that low; a fixed 0.8 kept them together.
    topic = {"patch": 0.85, "browser": 0.85, "flaw": 0.85}
    first = [_unit(topic | {"@first": 1.0, f"a{n}": 1.0, f"a{n + 1}": 1.0}) for n in range(12)]
    second = [_unit(topic | {"@second": 1.0, f"b{n}": 1.0, f"b{n + 1}": 1.0}) for n in range(12)]
    two = _bisect(first + second, 3)
    assert two is not None and sorted(two[0] + two[1]) == list(range(24))
    assert {tuple(two[0]), tuple(two[1])} == {tuple(range(12)), tuple(range(12, 24))}
    assert 0.8 < two[2] < threshold(24)
    # One fire told in two wordings ('blaze', 'flames'), five articles each: a fixed 0.8 cut it.
    fire = {"fire": 0.6, "store": 0.6, "@banstead": 0.6}
    one = [_unit(fire | {"blaze": 1.0, f"c{n}": 1.0}) for n in range(5)]
    one += [_unit(fire | {"flames": 1.0, f"d{n}": 1.0}) for n in range(5)]
    cut = _bisect(one, 3)
    assert cut is not None and threshold(10) <= cut[2] < 0.8
    assert threshold(10) < threshold(24) < threshold(100) == DEFAULT.story_split_ncut_max
