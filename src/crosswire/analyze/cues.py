"""The cue lexicon and the nouns that can speak, learned from PolNeAR's train split.

The tables are package data written by ``scripts/derive_cues.py`` (which documents how they
are derived); nothing here is typed in by hand.  A cue lemma carries the dependencies that tie
it to its content in the training data, most frequent first ("ccomp" for "said that …",
"dobj" for "criticized the plan", "prep:for" for "called for …").  A lemma below the cut as a
word enters by the constructions in which it is a cue often enough (its ``scope`` is
"relation").
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from crosswire.config import DEFAULT


@cache
def cue_relations() -> dict[str, tuple[str, ...]]:
    """Cue lemma -> content dependencies, for every lemma the data made a cue."""
    table: dict[str, tuple[str, ...]] = {}
    for row in _rows("cues.tsv"):
        table[row[0]] = tuple(r for r in row[4].split(",") if r) if len(row) > 4 else ()
    return table


def reports_by_construction_only(lemma: str) -> bool:
    """Whether a cue lemma reports only in its learned constructions ("pledged to …",
    "opposes <the bill>"): below the lexicon's cut as a word, so it never introduces a quote
    or a clause of its own."""
    return lemma in _construction_only()


@cache
def _construction_only() -> frozenset[str]:
    return frozenset(row[0] for row in _rows("cues.tsv") if len(row) > 5 and row[5] == "relation")


@cache
def _source_rates() -> dict[str, float]:
    return {row[0]: float(row[3]) for row in _rows("sources.tsv")}


def can_speak_noun(lemma: str) -> bool:
    """Whether a common noun can be a speaker: unknown nouns get the benefit of the doubt;
    nouns the training data often saw as subjects but rarely as sources ("tensions",
    "comments") cannot speak."""
    rate = _source_rates().get(lemma.lower())
    return rate is None or rate >= DEFAULT.speaking_noun_rate


def is_source_noun(lemma: str) -> bool:
    """Whether the training data saw this noun as a source often enough ("campaign", "poll")."""
    rate = _source_rates().get(lemma.lower())
    return rate is not None and rate >= DEFAULT.speaking_noun_rate


@cache
def _preposition_rates() -> dict[str, float]:
    return {row[0]: float(row[3]) for row in _rows("arguments.tsv")}


def completes_content(preposition: str) -> bool:
    """Whether a phrase this preposition heads, after a cue's content has begun, belongs to
    the content ("blasted him for …", "likened RT to …") rather than saying when or where."""
    rate = _preposition_rates().get(preposition.lower())
    return rate is not None and rate >= DEFAULT.content_preposition_rate


def _rows(name: str) -> list[list[str]]:
    text = files("crosswire.analyze").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]
