"""Where grouping keeps its state: stories, their members, the candidate index, term counts.

``StoryIndex`` works through the small ``StoryBackend`` protocol, so the same decisions are
made in memory (evaluation, batch regrouping, benchmarks) and in the SQLite store
(``crosswire ingest``; see ``store.StoryTables``).
"""

from __future__ import annotations

from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol

from crosswire.model import ArticleSignature, Grouping

__all__ = ["StoryState", "StoryBackend", "MemoryBackend", "POSTINGS_PER_TERM"]

# The most recent stories looked at per index term: the cost of a lookup stays flat as the
# store grows, and an old story that still matters is found again through its other terms.
POSTINGS_PER_TERM = 64


@dataclass
class StoryState:
    """A story as grouping sees it: a centroid of member vectors, a size, a date span."""

    id: int
    centroid: dict[str, float] = field(default_factory=dict)
    size: int = 0
    first_day: str | None = None
    last_day: str | None = None
    title: str | None = None
    next_check: int = 4  # the size at which the story is next checked for a split
    norm: float = 0.0  # length of the centroid, kept by ``touch`` after every change

    def touch(self) -> None:
        from crosswire.group.vectors import norm

        self.norm = norm(self.centroid)

    def similarity(self, vector: dict[str, float]) -> float:
        """Cosine of a unit-length ``vector`` to the centroid."""
        if not self.norm:
            self.touch()
        if not self.norm:
            return 0.0
        centroid = self.centroid
        return sum(w * centroid.get(t, 0.0) for t, w in vector.items()) / self.norm


class StoryBackend(Protocol):
    def article_count(self) -> int: ...

    def frequencies(self, terms: Iterable[str]) -> dict[str, int]: ...

    def count(self, terms: Mapping[str, int]) -> None:
        """Count one more article and its terms' occurrences (collection frequencies: a topic
        word repeated through the articles of two similar events weighs less than the names
        that only one event's articles use)."""

    def postings(self, terms: Iterable[str], per_term: int) -> list[tuple[str, int]]: ...

    def index_terms(self, story: int, terms: Iterable[str]) -> None: ...

    def story(self, story: int) -> StoryState | None: ...

    def put_story(self, state: StoryState) -> None: ...

    def drop_story(self, story: int) -> None: ...

    def new_id(self) -> int: ...

    def assign(self, signature: ArticleSignature, decision: Grouping) -> None: ...

    def move(self, article_ids: Iterable[str], story: int) -> None: ...

    def members(self, story: int) -> list[ArticleSignature]: ...

    def log(self, decision: Grouping) -> None: ...


class MemoryBackend:
    """All grouping state in dictionaries."""

    def __init__(self) -> None:
        self.documents = 0
        self.df: Counter[str] = Counter()
        self.index: dict[str, OrderedDict[int, None]] = defaultdict(OrderedDict)
        self.stories: dict[int, StoryState] = {}
        self.story_of: dict[str, int] = {}
        self.member_ids: dict[int, dict[str, None]] = defaultdict(dict)
        self.signatures: dict[str, ArticleSignature] = {}
        self.history: list[Grouping] = []
        self._last_id = 0

    def article_count(self) -> int:
        return self.documents

    def frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        return {t: self.df[t] for t in terms}

    def count(self, terms: Mapping[str, int]) -> None:
        self.documents += 1
        self.df.update(terms)  # occurrences, as the store counts them

    def postings(self, terms: Iterable[str], per_term: int) -> list[tuple[str, int]]:
        found = []
        for term in terms:
            stories = self.index.get(term)
            if stories:
                found += [(term, s) for s in islice(reversed(stories), per_term)]
        return found

    def index_terms(self, story: int, terms: Iterable[str]) -> None:
        for term in terms:
            posting = self.index[term]
            posting[story] = None
            posting.move_to_end(story)

    def story(self, story: int) -> StoryState | None:
        return self.stories.get(story)

    def put_story(self, state: StoryState) -> None:
        self.stories[state.id] = state

    def drop_story(self, story: int) -> None:
        self.stories.pop(story, None)

    def new_id(self) -> int:
        self._last_id += 1
        return self._last_id

    def assign(self, signature: ArticleSignature, decision: Grouping) -> None:
        self.signatures[signature.article_id] = signature
        self._place(signature.article_id, decision.story)
        self.history.append(decision)

    def move(self, article_ids: Iterable[str], story: int) -> None:
        for article in list(article_ids):
            self._place(article, story)

    def members(self, story: int) -> list[ArticleSignature]:
        return [self.signatures[a] for a in self.member_ids.get(story, {})]

    def _place(self, article: str, story: int) -> None:
        old = self.story_of.get(article)
        if old is not None:
            self.member_ids[old].pop(article, None)
            if not self.member_ids[old]:
                del self.member_ids[old]
        self.story_of[article] = story
        self.member_ids[story][article] = None

    def log(self, decision: Grouping) -> None:
        self.history.append(decision)

    def clusters(self) -> list[list[str]]:
        return [list(members) for members in self.member_ids.values() if members]
