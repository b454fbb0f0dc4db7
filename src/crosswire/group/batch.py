"""Batch regrouping: every article at once, with term statistics of the whole collection.

The incremental path's assignment (publication order, the same index, thresholds, merges and
split checks), then every centroid rebuilt with the whole collection's term statistics, then
one refinement pass in which each article moves to the story whose centroid (without itself)
it is closest to, if that is not its own, then a merge pass. What batch knows that incremental
did not is the final term statistics and the final stories: the difference between the two is
measured by ``crosswire eval stories``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from crosswire.config import DEFAULT, Settings
from crosswire.group.backend import MemoryBackend
from crosswire.group.index import SPLIT_MIN_HALF, StoryIndex
from crosswire.group.vectors import add_into, centroid_of, cosine, norm, strongest
from crosswire.model import ArticleSignature, Grouping

__all__ = ["group_batch"]


def group_batch(signatures: Iterable[ArticleSignature], settings: Settings = DEFAULT) -> StoryIndex:
    """Group ``signatures`` from scratch; the result is an in-memory ``StoryIndex``.

    The assignment is the incremental one (term statistics counted as articles arrive, merges
    and split checks as they grow); then every centroid is rebuilt from its members with the
    whole collection's statistics, each article may move to a closer story, and stories the
    assignment left apart are merged.
    """
    items = list(signatures)
    index = StoryIndex(MemoryBackend(), settings)
    for signature in sorted(items, key=lambda s: s.day or ""):
        index.add(signature)
    frequencies: Counter[str] = Counter()
    for signature in items:
        frequencies.update(signature.terms)  # occurrences, as the store counts them
    backend = index.backend
    assert isinstance(backend, MemoryBackend)
    backend.df, backend.documents = frequencies, len(items)  # what a store keeps counting
    index.fix_statistics(frequencies, len(items))
    for state in backend.stories.values():
        state.centroid = centroid_of(index.vector(m) for m in backend.members(state.id))
        state.touch()
    index.merge_fragments = False
    _refine(index, items)
    _merge_fragments(index)
    return index


def _refine(index: StoryIndex, items: list[ArticleSignature]) -> None:
    """Move each article to the closest story centroid that would still take it."""
    backend = index.backend
    assert isinstance(backend, MemoryBackend)
    for signature in items:
        own_id = backend.story_of[signature.article_id]
        own = backend.stories[own_id]
        vector, block = index._weighed(signature)
        without = dict(own.centroid)
        add_into(without, vector, -1.0)
        stay = cosine(vector, without) if own.size > 1 else 0.0
        best = max(
            ((c, s) for c, s in index.scored(vector, block, signature.day) if s.id != own_id),
            key=lambda pair: pair[0],
            default=None,
        )
        if best is None or best[0] < index.settings.story_join or best[0] <= stay:
            continue
        similarity, target = best
        own.centroid, own.size = without, own.size - 1
        own.touch()
        if own.size == 0:
            backend.drop_story(own_id)
        add_into(target.centroid, vector)
        target.touch()
        target.size += 1
        reason = (
            f"regrouped: cosine {similarity:.2f} to story {target.id} against {stay:.2f} to "
            f"the rest of story {own_id}"
        )
        backend.move([signature.article_id], target.id)
        backend.index_terms(target.id, block)
        backend.log(Grouping(signature.article_id, target.id, "joined", similarity, reason))


def _merge_fragments(index: StoryIndex) -> None:
    """Merge stories the assignment left apart, smallest first.

    A fragment (fewer articles than a split may cut off) is held to the join threshold: its
    centroid is tested as one article would be, against the candidate stories of the index. A
    larger story merges only when its centroid is as close as the merge threshold asks. Each
    merge is logged with its cosine.
    """
    backend = index.backend
    assert isinstance(backend, MemoryBackend)
    settings = index.settings
    index.merge_fragments = True
    for story_id in sorted(backend.stories, key=lambda s: (backend.stories[s].size, s)):
        own = backend.stories.get(story_id)
        if own is None:
            continue
        length = norm(own.centroid)
        if not length:
            continue
        vector = {t: w / length for t, w in own.centroid.items()}
        block = strongest(vector, settings.story_block_terms)
        found = [
            (c, s)
            for c, s in index.scored(vector, block, own.last_day)
            if s.id != own.id and index._in_window(s, own.first_day)
        ]
        if not found:
            continue
        similarity, target = found[0]
        threshold = index.merge_threshold(own, target)
        # a fragment under the threshold may still join a story that stands out (see
        # ``StoryIndex.stands_out``)
        fragment = own.size <= SPLIT_MIN_HALF
        runner_up = [c for c, _ in found[1:2]] or [0.0]
        if similarity < threshold and not (fragment and index.stands_out(similarity, runner_up)):
            continue
        if index.kept_apart(own, target):
            continue
        older, newer = sorted((own, target), key=lambda s: s.id)
        backend.move([m.article_id for m in backend.members(newer.id)], older.id)
        add_into(older.centroid, newer.centroid)
        older.size += newer.size
        for day in (newer.first_day, newer.last_day):
            if day is not None:
                older.first_day = min(older.first_day or day, day)
                older.last_day = max(older.last_day or day, day)
        older.touch()
        backend.drop_story(newer.id)
        backend.index_terms(older.id, strongest(newer.centroid, 3 * settings.story_block_terms))
        reason = (
            f"story {newer.id} merged into {older.id}: centroids at cosine {similarity:.2f} "
            f"(merge at {threshold:.2f})"
        )
        backend.log(
            Grouping(
                backend.members(older.id)[0].article_id,
                older.id,
                "merged",
                round(similarity, 4),
                reason,
                newer.id,
            )
        )
