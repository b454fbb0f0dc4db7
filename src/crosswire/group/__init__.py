"""Group analysed articles into stories: one story per real-world event.

``signature_of`` reads what grouping needs from an article's analysis; ``StoryIndex`` assigns
articles one at a time (incremental, as ``crosswire ingest`` does), ``group_batch`` regroups a
whole collection. Every decision is a ``model.Grouping`` with its reason.
"""

from __future__ import annotations

from crosswire.group.backend import MemoryBackend, StoryBackend, StoryState
from crosswire.group.batch import group_batch
from crosswire.group.index import StoryIndex
from crosswire.group.signature import signature_of
from crosswire.group.stored import (
    list_stories,
    load_stored_story,
    place_articles,
    regroup,
    split_into_stories,
    summarise_story,
)

__all__ = [
    "MemoryBackend",
    "StoryBackend",
    "StoryIndex",
    "StoryState",
    "group_batch",
    "list_stories",
    "load_stored_story",
    "place_articles",
    "regroup",
    "signature_of",
    "split_into_stories",
    "summarise_story",
]
