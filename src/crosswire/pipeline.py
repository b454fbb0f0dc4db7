"""The flow of DESIGN.md end to end: ingest -> clean -> analyze -> reconcile -> summarize.

The stages are imported when they run, so a brief from a store never loads the parser and
``import crosswire.pipeline`` stays cheap.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from crosswire.clean import clean_article
from crosswire.config import DEFAULT, Settings
from crosswire.errors import NoArticlesError
from crosswire.model import Article, ArticleAnalysis, Brief, Source, Story
from crosswire.reconcile.titles import headline

if TYPE_CHECKING:
    from collections.abc import Iterator

    from crosswire.ingest import Ingested
    from crosswire.reconcile.independence import Copies
    from crosswire.store import Store

# Called as progress(stage, done, total) so a front end can draw a bar per stage.
Progress = Callable[[str, int, int], None]

__all__ = [
    "brief",
    "load_story",
    "analyze_story",
    "build_brief",
    "sources_of",
    "story_title",
    "Progress",
]


def brief(
    paths: Iterable[str | Path],
    settings: Settings = DEFAULT,
    store: Store | None = None,
    progress: Progress | None = None,
) -> Brief:
    """The event brief of the articles in ``paths`` (files, folders, ``-`` for stdin)."""
    story, _ = load_story(paths, settings, store, progress)
    return build_brief(story, settings, progress)


def load_story(
    paths: Iterable[str | Path],
    settings: Settings = DEFAULT,
    store: Store | None = None,
    progress: Progress | None = None,
) -> tuple[Story, Ingested]:
    """Read, clean and analyse the articles in ``paths`` as one story."""
    from crosswire.ingest import read_articles

    paths = list(paths)
    ingested = read_articles(paths, settings, _file_progress(progress))
    if not ingested.articles:
        where = ", ".join(str(p) for p in paths) or "(no paths given)"
        raise NoArticlesError(f"no readable articles in {where}")
    return analyze_story(ingested.articles, settings, store, progress), ingested


def analyze_story(
    articles: list[Article],
    settings: Settings = DEFAULT,
    store: Store | None = None,
    progress: Progress | None = None,
) -> Story:
    """Clean and analyse ``articles``, reusing stored analyses when a store is given.

    The same content given twice (one file twice, two outlets filing one wire story) is
    analysed once and kept as two articles of the story, each with its own outlet and path,
    so the brief can list the second as a copy of the first.
    """
    unique = list({article.id: article for article in articles}.values())
    done: dict[str, ArticleAnalysis] = {}
    if store is not None:
        if progress is not None:
            progress("load stored analyses", 0, 1)
        done = store.load_analyses(unique)
        if progress is not None:
            progress("load stored analyses", 1, 1)
    todo = [clean_article(a) for a in unique if a.id not in done]
    analysed = analyze_articles(todo, settings, progress) if todo else iter(())
    for count, analysis in enumerate(analysed, start=1):
        done[analysis.article.id] = analysis
        if store is not None:
            store.save_analysis(analysis)
        if progress is not None:
            progress("analyse", count, len(todo))
    return Story([_as_filed(done[a.id], a) for a in articles])


def _as_filed(analysis: ArticleAnalysis, article: Article) -> ArticleAnalysis:
    """``analysis`` of one text, as filed by ``article`` (its outlet, title, path and date)."""
    if analysis.article.id != article.id or (
        analysis.article.outlet,
        analysis.article.path,
        analysis.article.title,
        analysis.article.url,
        analysis.article.published,
    ) == (article.outlet, article.path, article.title, article.url, article.published):
        return analysis
    filed = replace(
        analysis.article,
        outlet=article.outlet,
        title=article.title,
        url=article.url,
        published=article.published,
        path=article.path,
    )
    return replace(analysis, article=filed)


def analyze_articles(
    articles: list[Article], settings: Settings = DEFAULT, progress: Progress | None = None
) -> Iterator[ArticleAnalysis]:
    """The per-article stage (crosswire.analyze), imported only when something needs parsing."""
    from crosswire.analyze import analyze_articles as analyze

    return analyze(articles, settings, progress)


def build_brief(
    story: Story, settings: Settings = DEFAULT, progress: Progress | None = None
) -> Brief:
    """Reconcile the analysed articles of ``story`` into a brief.

    Each step reports itself to ``progress`` by name ("reconcile: entities" 0/1 ... 1/1).
    """
    from crosswire.reconcile.claims import reconcile_claims
    from crosswire.reconcile.entities import reconcile_entities
    from crosswire.reconcile.independence import find_copies
    from crosswire.reconcile.quotes import reconcile_quotes
    from crosswire.reconcile.timeline import build_timeline
    from crosswire.summarize import summarize_story

    def step(name: str, done: int) -> None:
        if progress is not None:
            progress(f"reconcile: {name}", done, 1)

    step("duplicates", 0)
    copies = find_copies(story)
    duplicate_of = copies.duplicate_of
    step("duplicates", 1)
    step("entities", 0)
    entities = reconcile_entities(story)
    step("entities", 1)
    step("quotes", 0)
    quotes = reconcile_quotes(story, entities)
    step("quotes", 1)
    step("claims", 0)
    claims = reconcile_claims(story, entities, duplicate_of)
    step("claims", 1)
    step("timeline", 0)
    timeline = build_timeline(story, duplicate_of, settings)
    step("timeline", 1)
    step("summary", 0)
    summary = summarize_story(story, settings.summary_words, duplicate_of, settings)
    step("summary", 1)
    step("sources", 0)
    sources = sources_of(story, duplicate_of, copies)
    step("sources", 1)
    return Brief(
        title=story_title(story),
        sources=sources,
        summary=summary,
        entities=entities,
        quotes=quotes,
        claims=claims,
        timeline=timeline,
    )


def story_title(story: Story) -> str:
    """The headline that shares most words with the other articles, else the first words."""
    titled = [a for a in story.articles if headline(a)]
    if not titled:
        return _first_sentence(story)
    # How many articles use each word: a title's summed overlap with every article is the sum
    # of its words' counts, so this is linear in the story instead of titles x articles.
    spread = Counter(word for a in story.articles for word in _words(a.text))

    def centrality(article: Article) -> float:
        words = _words(headline(article) or "")
        return sum(spread[word] for word in words) / (len(words) or 1)

    return headline(max(titled, key=centrality)) or ""


def _first_sentence(story: Story, most: int = 25) -> str:
    """The first article's first sentence, whole; marked with an ellipsis when it is cut."""
    first = story.analyses[0]
    text = first.sentences[0].text if first.sentences else first.article.text
    words = text.split()
    return " ".join(words) if len(words) <= most else " ".join(words[:most]) + " …"


def sources_of(
    story: Story, duplicate_of: dict[int, int | None], copies: Copies | None = None
) -> list[Source]:
    """Every article read, as the brief lists it: reference dates, copy and reuse links.

    A title that is only the start of the body cut short is not shown as a headline.
    """
    from crosswire.reconcile.timeline import reference_dates

    dates = reference_dates(story)
    sources = []
    for number, article in enumerate(story.articles, start=1):
        published, inferred = dates.get(number, (article.published, False))
        reuse = copies.reuses.get(number) if copies else None
        sources.append(
            Source(
                id=number,
                outlet=article.outlet,
                title=headline(article),
                url=article.url,
                published=published,
                path=article.path,
                text=article.text,
                removed=list(article.removed),
                duplicate_of=duplicate_of.get(number),
                published_inferred=inferred,
                article_id=article.id,
                identical=bool(copies and number in copies.identical),
                reuses=reuse.source if reuse else None,
                reused_share=reuse.share if reuse else 0.0,
            )
        )
    return sources


def _file_progress(progress: Progress | None) -> Callable[[str, int, int], None] | None:
    if progress is None:
        return None

    def advance(_: str, done: int, total: int) -> None:
        progress("read", done, total)

    return advance


_WORD = re.compile(r"[a-z]{4,}")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))
