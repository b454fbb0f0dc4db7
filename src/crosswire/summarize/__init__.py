"""Cited multi-document extractive summary of a story.

Sentences are chosen by concept coverage (``coverage``) among those that read on
their own (``candidates``), ordered by how early they come in their article, then
by publication date, and cited to every source with a sentence saying the same
thing (``cite``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from crosswire.config import DEFAULT, Settings
from crosswire.embeddings import Embedder, get_embedder
from crosswire.model import Article, ArticleAnalysis, Evidence, Sentence, Story, SummarySentence
from crosswire.summarize.candidates import Candidate, candidates, stands_alone
from crosswire.summarize.cite import supporting
from crosswire.summarize.coverage import concept_weights, select, sentence_concepts

__all__ = ["summarize_story", "summarize_texts", "story_from_texts", "choose", "candidates"]

# What one more independent source supporting a sentence is worth, in concept weight units
# (a word pair every source uses in its lead sentence weighs one per source).
SUPPORT_WEIGHT = 1.0


def summarize_story(
    story: Story,
    words: int | None = None,
    duplicate_of: dict[int, int | None] | None = None,
    settings: Settings = DEFAULT,
) -> list[SummarySentence]:
    """Summary sentences, each with every source that supports it and where it says so.

    The one summary path: ``crosswire brief``, ``crosswire summarize`` and the DUC 2004
    evaluation all call it.  Without ``duplicate_of`` the story's copies are found here.
    """
    if duplicate_of is None:
        from crosswire.reconcile.independence import find_duplicates

        duplicate_of = find_duplicates(story)
    pool = candidates(story.analyses)
    embedder = get_embedder(settings.embedding_backend)
    chosen = choose(story, pool, words or settings.summary_words, duplicate_of, embedder)
    if not chosen:
        return []
    supports = supporting(chosen, pool, embedder)
    summary = []
    for candidate, others in zip(chosen, supports, strict=True):
        evidence = [Evidence(candidate.source, candidate.start, candidate.end)]
        evidence += [Evidence(s.source, s.start, s.end) for s in others]
        evidence.sort(key=lambda e: e.source)
        summary.append(
            SummarySentence(candidate.text, sorted(e.source for e in evidence), evidence)
        )
    return summary


def choose(
    story: Story,
    pool: Sequence[Candidate],
    words: int,
    duplicate_of: dict[int, int | None] | None = None,
    embedder: Embedder | None = None,
) -> list[Candidate]:
    """The candidates the summary uses, in reading order.

    With an ``embedder``, a sentence that other independent sources support gains
    ``SUPPORT_WEIGHT`` per source, so the summary leans to what it can cite widely.
    """
    groups = _groups(len(story.analyses), duplicate_of or {})
    concepts = [sentence_concepts(c.text) for c in pool]
    weights = concept_weights(pool, concepts, groups)
    usable = [pool[i] for i, c in enumerate(pool) if stands_alone(c.text)]
    bonus = None
    if embedder is not None and SUPPORT_WEIGHT:
        bonus = [
            SUPPORT_WEIGHT * len({groups[s.source] for s in found} - {groups[c.source]})
            for c, found in zip(usable, supporting(usable, pool, embedder), strict=True)
        ]
    usable_concepts = [sentence_concepts(c.text) for c in usable]
    picked = select([c.text for c in usable], usable_concepts, weights, words, bonus)
    chosen = [usable[k] for k in picked]
    dates = {n: a.published or "" for n, a in enumerate(story.articles, start=1)}
    # Lead sentences first; publication date then source number break ties.
    return sorted(chosen, key=lambda c: (round(c.share, 1), dates[c.source], c.source, c.index))


def summarize_texts(texts: list[str], words: int = 100, settings: Settings = DEFAULT) -> list[str]:
    """A plain summary of raw article texts, one sentence per item (the evaluation entry point)."""
    story = story_from_texts(texts, settings)
    embedder = get_embedder(settings.embedding_backend)
    return [c.text for c in choose(story, candidates(story.analyses), words, None, embedder)]


def story_from_texts(texts: list[str], settings: Settings = DEFAULT) -> Story:
    """Raw texts as a story of articles split into sentences (all the summary needs of them)."""
    from crosswire.analyze.nlp import load_nlp

    nlp = load_nlp(settings.spacy_model)
    articles = [
        Article(id=str(n), text=_tidy(t)[: settings.max_chars_per_article], outlet=str(n))
        for n, t in enumerate(texts, start=1)
    ]
    analyses = []
    # Sentence boundaries come from the parser; NER and lemmas are not needed for them.
    docs = nlp.pipe((a.text for a in articles), disable=["ner", "lemmatizer"])
    for doc, article in zip(docs, articles, strict=True):
        sentences = [Sentence(article.id, s.start_char, s.end_char, s.text) for s in doc.sents]
        analyses.append(ArticleAnalysis(article=article, sentences=sentences))
    return Story(analyses)


def _groups(count: int, duplicate_of: dict[int, int | None]) -> dict[int, int]:
    """Source number -> the source whose independent group it belongs to."""
    groups = {}
    for source in range(1, count + 1):
        root, seen = source, set()
        while (parent := duplicate_of.get(root)) is not None and root not in seen:
            seen.add(root)
            root = parent
        groups[source] = root
    return groups


def _tidy(text: str) -> str:
    """Raw newswire text with its typewriter quotes and hard line wraps undone."""
    text = text.replace("``", '"').replace("''", '"')
    return re.sub(r"[ \t]*\n[ \t]*(?!\n)", " ", text).strip()
