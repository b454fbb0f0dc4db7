"""Incremental grouping: each new article joins the story it is closest to, or starts one.

Candidates come from an inverted index of the strongest terms of each story's members (the
most recent ``POSTINGS_PER_TERM`` stories per term) and must lie within a time window of the
article, so the cost of one article does not grow with the store. The decision is a function
of (stored stories in the window, the new article). Story ids never change as stories grow; two
stories an article bridges are merged into the older, and a story whose members fall into two
distinct halves is split, each recorded with its reason.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from typing import Any

from crosswire.config import DEFAULT, Settings
from crosswire.group.backend import POSTINGS_PER_TERM, MemoryBackend, StoryBackend, StoryState
from crosswire.group.vectors import (
    Vector,
    add_into,
    centroid_of,
    cosine,
    shared_terms,
    strongest,
    weigh,
)
from crosswire.model import ArticleSignature, Grouping

__all__ = ["StoryIndex"]

SPLIT_SAMPLE = 256  # members a split check looks at (the most recent)
# Each half of a split must have this many articles: two pairs of a four-article story that
# drift apart in wording are weak evidence of two events; three against three is a pattern.
SPLIT_MIN_HALF = 3
# A story is checked for a split when it reaches 4 articles, then each time it has grown by
# half again: the checks' total cost stays proportional to the story's size.
SPLIT_GROWTH = 1.5
# A story is indexed under more of each member's terms than an article looks up: the terms
# that will be strongest later, once term statistics have grown, are among them.
INDEXED = 3


class StoryIndex:
    """Assigns articles to stories through a ``StoryBackend`` (in memory unless given one).

    ``frequencies``/``documents`` fix the term statistics (batch regrouping knows them all in
    advance); by default they are counted as articles arrive.
    """

    def __init__(
        self,
        backend: StoryBackend | None = None,
        settings: Settings = DEFAULT,
        frequencies: Mapping[str, int] | None = None,
        documents: int = 0,
    ) -> None:
        self.backend: StoryBackend = backend if backend is not None else MemoryBackend()
        self.settings = settings
        self._fixed = (frequencies, documents) if frequencies is not None else None
        self.splits = 0
        self.merges = 0
        # Fragments merge at the join threshold as articles arrive; batch regrouping turns this
        # off and merges fragments once, after its refinement pass, with the final statistics.
        self.merge_fragments = True

    def fix_statistics(self, frequencies: Mapping[str, int], documents: int) -> None:
        """Weigh terms by these statistics from now on (batch: the whole collection's)."""
        self._fixed = (frequencies, documents)

    # ----------------------------------------------------------------- vectors

    def vector(self, signature: ArticleSignature) -> Vector:
        return self._weighed(signature)[0]

    def _weighed(self, signature: ArticleSignature) -> tuple[Vector, list[str]]:
        """The article's vector and its lookup terms: the strongest seen in other articles too."""
        if self._fixed is not None:
            fixed, documents = self._fixed
            frequencies = {t: fixed.get(t, 0) for t in signature.terms}
        else:
            frequencies = self.backend.frequencies(signature.terms)
            documents = self.backend.article_count()
        s = self.settings
        vector = weigh(
            signature.terms,
            frequencies,
            documents,
            s.story_entity_weight,
            s.story_vector_terms,
            s.story_figure_weight,
            s.story_idf_power,
        )
        shared = {t: w for t, w in vector.items() if frequencies.get(t, 0) > 1}
        return vector, strongest(shared, s.story_block_terms)

    # ----------------------------------------------------------------- adding

    def add(self, signature: ArticleSignature) -> list[Grouping]:
        """Place one article; returns its decision, then any merge or split it caused."""
        if self._fixed is None:
            self.backend.count(signature.terms)
        vector, block = self._weighed(signature)
        scored = self.scored(vector, block, signature.day)
        if (
            scored
            and (
                scored[0][0] >= self.settings.story_join
                # only a story large enough for its wording to have spread (see ``stands_out``)
                or scored[0][1].size > SPLIT_MIN_HALF
                and self.stands_out(scored[0][0], [c for c, _ in scored[1:2]])
            )
        ):
            similarity, story = scored[0]
            decision = self._join(signature, vector, story, similarity)
            if similarity < self.settings.story_join:
                decision.reason += (
                    f"; under the join cosine, but the next story is at {scored[1][0]:.2f} "
                    f"(stands out at {self.settings.story_stand_out:g}x)"
                )
        else:
            decision = self._start(signature, vector, scored)
        indexed = strongest(vector, INDEXED * self.settings.story_block_terms)
        self.backend.index_terms(decision.story, indexed)
        self.backend.assign(signature, decision)
        decisions = [decision]
        if decision.kind == "started":
            return decisions  # a story of one article: nothing to merge or split yet
        state: StoryState | None = scored[0][1]  # as ``_join`` left it
        if len(scored) > 1:
            merged = self._maybe_merge(
                signature,
                [s for c, s in scored[1:3] if c >= self.settings.story_join],
                scored[0][1],
            )
            if merged:
                decisions += merged
                state = self.backend.story(merged[-1].story)
        if state is not None and state.size >= state.next_check:
            decisions += self._maybe_split(signature, state)
        return decisions

    def stands_out(self, similarity: float, others: list[float]) -> bool:
        """Whether the closest story, though under the join threshold, is plainly the one: at
        least half the join cosine and ``story_stand_out`` times the next candidate's. An
        article's cosine to a story's centroid shrinks as the story's wording spreads over many
        members, while its cosine to unrelated stories stays near zero; two similar events
        (the case the threshold guards) are close to each other and never stand out. With no
        other candidate to compare with, nothing stands out."""
        s = self.settings
        return (
            bool(others)
            and similarity >= s.story_join / 2
            and similarity >= s.story_stand_out * others[0]
        )

    def scored(
        self, vector: Vector, block: list[str], day: str | None
    ) -> list[tuple[float, StoryState]]:
        """Candidate stories in the window, best first, with their cosine to ``vector``."""
        hits: dict[int, float] = defaultdict(float)
        for term, story in self.backend.postings(block, POSTINGS_PER_TERM):
            hits[story] += vector[term]
        ranked = sorted(hits, key=lambda s: (-hits[s], -s))[: self.settings.story_candidates]
        found = []
        for story_id in ranked:
            state = self.backend.story(story_id)
            if state is not None and self._in_window(state, day):
                found.append((state.similarity(vector), state))
        found.sort(key=lambda pair: (-pair[0], pair[1].id))
        return found

    def _in_window(self, state: StoryState, day: str | None) -> bool:
        if day is None or state.first_day is None or state.last_day is None:
            return True
        window = self.settings.story_window_days
        return _days(state.first_day, day) <= window and _days(day, state.last_day) <= window

    def _join(
        self, signature: ArticleSignature, vector: Vector, state: StoryState, similarity: float
    ) -> Grouping:
        add_into(state.centroid, vector)
        state.touch()
        state.size += 1
        _widen(state, signature.day)
        self.backend.put_story(state)
        shared = ", ".join(shared_terms(vector, state.centroid))
        reason = (
            f"cosine {similarity:.2f} to story {state.id} (joins at {self.settings.story_join:.2f})"
            f"; shares {shared}"
        )
        return Grouping(signature.article_id, state.id, "joined", round(similarity, 4), reason)

    def _start(
        self,
        signature: ArticleSignature,
        vector: Vector,
        scored: list[tuple[float, StoryState]],
    ) -> Grouping:
        state = StoryState(self.backend.new_id(), dict(vector), 1, title=signature.title)
        state.touch()
        _widen(state, signature.day)
        self.backend.put_story(state)
        if scored:
            best, other = scored[0]
            reason = (
                f"new story: the closest story in the window, {other.id}, is at cosine "
                f"{best:.2f}, under {self.settings.story_join:.2f}"
            )
        else:
            reason = "new story: no story in the window shares its key terms"
        return Grouping(signature.article_id, state.id, "started", 0.0, reason)

    # ----------------------------------------------------------------- merge and split

    def _maybe_merge(
        self, signature: ArticleSignature, others: list[StoryState], keep: StoryState
    ) -> list[Grouping]:
        """Merge into ``keep`` (the story the article joined, as it now is) each of ``others``
        (read this article) whose centroid is as close as ``merge_threshold`` asks."""
        done = []
        for current in others:
            if current.id == keep.id:
                continue
            similarity = cosine(keep.centroid, current.centroid)
            threshold = self.merge_threshold(keep, current)
            if similarity < threshold or self.kept_apart(keep, current):
                continue
            older, newer = sorted((keep, current), key=lambda s: s.id)
            members = [m.article_id for m in self.backend.members(newer.id)]
            self.backend.move(members, older.id)
            add_into(older.centroid, newer.centroid)
            older.touch()
            older.size += newer.size
            for day in (newer.first_day, newer.last_day):
                _widen(older, day)
            self.backend.put_story(older)
            self.backend.drop_story(newer.id)
            self.backend.index_terms(
                older.id, strongest(newer.centroid, 3 * self.settings.story_block_terms)
            )
            reason = (
                f"story {newer.id} merged into {older.id}: article {signature.article_id} matches "
                f"both and their centroids are at cosine {similarity:.2f} "
                f"(merge at {threshold:.2f})"
            )
            decision = Grouping(
                signature.article_id, older.id, "merged", round(similarity, 4), reason, newer.id
            )
            self.backend.log(decision)
            self.merges += 1
            done.append(decision)
            keep = older
        return done

    def merge_threshold(self, a: StoryState, b: StoryState) -> float:
        """Centroid cosine at which two stories are one: a fragment (too small for a split to
        cut off) is held to the join threshold, as an article would be; larger stories to the
        merge threshold."""
        small = self.merge_fragments and min(a.size, b.size) <= SPLIT_MIN_HALF
        return self.settings.story_join if small else self.settings.story_merge

    def kept_apart(self, a: StoryState, b: StoryState) -> bool:
        """Whether two stories large enough to be split apart are plainly two events (their
        members' normalised cut under ``story_keep_apart_ncut``, below the split threshold): a
        merge must not undo what a split check did. Between the two thresholds the merge is
        made and the story's next split check decides again (hysteresis)."""
        if min(a.size, b.size) < SPLIT_MIN_HALF:
            return False
        half = SPLIT_SAMPLE // 2
        first = [self.vector(m) for m in self.backend.members(a.id)[-half:]]
        second = [self.vector(m) for m in self.backend.members(b.id)[-half:]]
        return normalised_cut(first, second) < self.settings.story_keep_apart_ncut

    def split_threshold(self, size: int) -> float:
        """The normalised cut under which a story of ``size`` articles is two stories:
        ``1 - story_split_scale / sqrt(size)``, at most ``story_split_ncut_max``.

        The best cut of one event's articles is lower the fewer they are: among ten articles
        a few share some wording by chance (half the reports of one fire end with the police
        appeal and its phone numbers) and the spectral order finds them, while among twenty
        or thirty such chance groups are diluted and the best cut is higher.
        Two events of one kind merged in one story (two zero-days of one browser, two offers
        to one player) cut at about 0.8-0.9 whatever their size (ECB+ development topics). A
        fixed threshold split small stories of one event and kept large stories of two; the
        bound rises as the noise of the cut shrinks (as 1/sqrt(size), the spread of a mean of
        similarities), and is capped so that a large story's sub-events (its aftermath, its
        trial) are not cut from it."""
        s = self.settings
        return min(s.story_split_ncut_max, 1.0 - s.story_split_scale / math.sqrt(max(size, 1)))

    def _maybe_split(self, signature: ArticleSignature, state: StoryState) -> list[Grouping]:
        state.next_check = max(state.next_check + 1, int(state.next_check * SPLIT_GROWTH))
        members = self.backend.members(state.id)[-SPLIT_SAMPLE:]
        vectors = [self.vector(m) for m in members]
        halves = _bisect(vectors, SPLIT_MIN_HALF)
        if halves is None:
            self.backend.put_story(state)
            return []
        first, second, ncut = halves
        a = centroid_of(vectors[i] for i in first)
        b = centroid_of(vectors[i] for i in second)
        similarity = cosine(a, b)
        threshold = self.split_threshold(len(members))
        if ncut >= threshold:
            self.backend.put_story(state)
            return []
        if 0 in second:  # the half holding the oldest member keeps the id
            first, second, a, b = second, first, b, a
        moved = [members[i] for i in second]
        new = StoryState(self.backend.new_id(), b, len(moved), title=moved[0].title)
        for member in moved:
            _widen(new, member.day)
        new.next_check = max(4, int(len(moved) * SPLIT_GROWTH))
        new.touch()
        state.centroid = a
        state.touch()
        state.size -= len(moved)
        self.backend.put_story(state)
        self.backend.put_story(new)
        self.backend.move([m.article_id for m in moved], new.id)
        for vector in (vectors[i] for i in second):
            self.backend.index_terms(
                new.id, strongest(vector, INDEXED * self.settings.story_block_terms)
            )
        reason = (
            f"story {state.id} split: {len(moved)} of its articles form a separate group "
            f"(normalised cut {ncut:.2f}, under {threshold:.2f} for {len(members)} articles; "
            f"centroid cosine {similarity:.2f}); they became story {new.id}"
        )
        decision = Grouping(
            signature.article_id, new.id, "split", round(similarity, 4), reason, state.id
        )
        self.backend.log(decision)
        self.splits += 1
        return [decision]

    def clusters(self) -> list[list[str]]:
        """The stories as lists of article ids (in-memory backends)."""
        clusters = getattr(self.backend, "clusters", None)
        if clusters is None:
            raise TypeError("this backend does not list its clusters")
        result: list[list[str]] = clusters()
        return result


def _bisect(vectors: list[Vector], min_half: int) -> tuple[list[int], list[int], float] | None:
    """The two groups of ``vectors`` with the smallest normalised cut (Shi and Malik) along
    the spectral order of their cosine graph, each at least ``min_half`` long, and that cut.

    The cut is the similarity between the groups over each group's total similarity, summed:
    near 1 for one event's articles however they are divided, near 0 for two events' articles
    divided by event, even when both share the topic's words (the centroids of two similar
    events are close, but few of their articles are).
    """
    import numpy as np

    count = len(vectors)
    if count < 2 * min_half:
        return None
    graph = _graph(vectors)
    degree = np.maximum(graph.sum(axis=1), 1e-9)
    scale = 1.0 / np.sqrt(degree)
    _, eigenvectors = np.linalg.eigh(scale[:, None] * graph * scale[None, :])
    order = np.argsort(eigenvectors[:, -2] * scale, kind="stable")
    ordered = graph[np.ix_(order, order)]
    total = float(degree.sum())
    best: tuple[float, int] | None = None
    cut, volume = 0.0, 0.0
    for k in range(count - min_half):
        # node k moves from the second group to the first
        cut += float(ordered[k, k + 1 :].sum() - ordered[k, :k].sum())
        volume += float(degree[order[k]])
        if k + 1 >= min_half:
            ncut = cut / volume + cut / max(total - volume, 1e-9)
            if best is None or ncut < best[0]:
                best = (ncut, k + 1)
    if best is None:
        return None
    ncut, size = best
    first = sorted(int(i) for i in order[:size])
    second = sorted(int(i) for i in order[size:])
    return first, second, ncut


def normalised_cut(first: list[Vector], second: list[Vector]) -> float:
    """The normalised cut between two groups of article vectors (see ``_bisect``)."""
    graph = _graph(first + second)
    degree = graph.sum(axis=1)
    size = len(first)
    cut = float(graph[:size, size:].sum())
    volumes = float(degree[:size].sum()), float(degree[size:].sum())
    return sum(cut / v if v else 1.0 for v in volumes)


def _graph(vectors: list[Vector]) -> Any:
    """The cosine graph of unit-length sparse vectors: non-negative, zero on the diagonal."""
    import numpy as np

    columns: dict[str, int] = {}
    for vector in vectors:
        for term in vector:
            columns.setdefault(term, len(columns))
    matrix = np.zeros((len(vectors), len(columns)))
    for row, vector in enumerate(vectors):
        for term, weight in vector.items():
            matrix[row, columns[term]] = weight
    graph = np.clip(matrix @ matrix.T, 0.0, None)
    np.fill_diagonal(graph, 0.0)
    return graph


def _widen(state: StoryState, day: str | None) -> None:
    if day is None:
        return
    if state.first_day is None or day < state.first_day:
        state.first_day = day
    if state.last_day is None or day > state.last_day:
        state.last_day = day


def _days(earlier: str, later: str) -> int:
    """Days from ``earlier`` to ``later`` (negative when ``later`` is before)."""
    try:
        return (date.fromisoformat(later[:10]) - date.fromisoformat(earlier[:10])).days
    except ValueError:
        return 0
