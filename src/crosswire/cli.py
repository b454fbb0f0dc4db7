"""The ``crosswire`` command: thin commands over the library, errors turned into clean exits.

Exit codes: 0 done (skipped inputs are reported on stderr); 1 unexpected failure;
2 bad input (with --strict, or when nothing readable was given, or bad arguments);
3 a model is not installed; 4 the database cannot be used.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from crosswire import __version__
from crosswire.config import DEFAULT, Settings
from crosswire.errors import CrosswireError, InputError
from crosswire.ingest import Ingested
from crosswire.model import Brief, Story

app = typer.Typer(
    help="Turn a pile of news articles about one event into a cited event brief.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Measure crosswire on public benchmarks.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

err = Console(stderr=True, soft_wrap=True, emoji=False)  # emoji codes cost 0.2 s to load
out = Console(soft_wrap=True, emoji=False)

Paths = Annotated[
    list[str], typer.Argument(help="Files or folders of articles; - reads JSONL from stdin.")
]
Strict = Annotated[
    bool, typer.Option("--strict", help="Stop at the first bad input instead of skipping it.")
]
Db = Annotated[
    str | None, typer.Option("--db", help="SQLite store to reuse analyses from and save them to.")
]
Jobs = Annotated[
    int, typer.Option("--jobs", "-j", min=1, help="Worker processes for the per-article analysis.")
]
Embeddings = Annotated[
    str, typer.Option("--embeddings", help="Embedding backend: wordllama or minilm.")
]
SpacyModel = Annotated[
    str,
    typer.Option("--spacy-model", help="spaCy pipeline name or path (default: en_core_web_sm)."),
]
StoryId = Annotated[
    int | None,
    typer.Option("--story", help="Brief this story only (a number `crosswire stories` lists)."),
]
AsOne = Annotated[
    bool, typer.Option("--as-one", help="Brief all the articles as one story, ungrouped.")
]
MaxBytes = Annotated[
    int, typer.Option("--max-file-bytes", help="Skip input files larger than this.")
]


def main() -> None:
    """Run the command; every failure becomes one ``error:`` line and an exit code, no traceback.

    Set CROSSWIRE_DEBUG=1 to see the traceback of an unexpected failure.
    """
    import os
    import sqlite3

    from rich.markup import escape

    try:
        app()
    except CrosswireError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        sys.exit(exc.exit_code)
    except sqlite3.Error as exc:
        err.print(f"[red]error:[/red] the database cannot be used: {escape(str(exc))}")
        sys.exit(4)
    except KeyboardInterrupt:
        err.print("[red]interrupted[/red]")
        sys.exit(130)
    except Exception as exc:  # a bug: say so plainly instead of a traceback
        if os.environ.get("CROSSWIRE_DEBUG"):
            raise
        name = type(exc).__name__
        err.print(
            f"[red]error:[/red] unexpected {name}: {escape(str(exc))} "
            "(a crosswire bug; rerun with CROSSWIRE_DEBUG=1 for the traceback and report it)",
            highlight=False,
        )
        sys.exit(1)


@app.command()
def version() -> None:
    """Print crosswire's version."""
    out.print(__version__)


@app.command()
def brief(
    paths: Paths = None,  # type: ignore[assignment]
    fmt: Annotated[str, typer.Option("--format", "-f", help="md, json, text or html.")] = "md",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    words: Annotated[
        int, typer.Option("--words", help="Summary length in words.")
    ] = DEFAULT.summary_words,
    db: Db = None,
    strict: Strict = False,
    jobs: Jobs = 1,
    embeddings: Embeddings = DEFAULT.embedding_backend,
    max_file_bytes: MaxBytes = DEFAULT.max_file_bytes,
    spacy_model: SpacyModel = DEFAULT.spacy_model,
    story_id: StoryId = None,
    as_one: AsOne = False,
) -> None:
    """Build the event brief of the articles in PATHS (or of everything in --db).

    PATHS holding several stories are grouped and each story is briefed (or the one --story
    names); with --db and --story, the stored story is briefed.
    """
    from crosswire.render import FORMATS, render

    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    if output is not None:
        _check_writable(output)
    settings = replace(
        DEFAULT,
        strict=strict,
        jobs=jobs,
        summary_words=words,
        embedding_backend=embeddings,
        max_file_bytes=max_file_bytes,
        spacy_model=spacy_model,
    )
    warmup = None
    if paths and _cold():  # parse in a worker; load the later stages' libraries meanwhile
        from crosswire.warmup import start_parser, start_warmup

        settings = replace(settings, parse_in_worker=True)
        if db is None and jobs == 1:  # with a store, the analyses may all be there
            start_parser(settings)
        warmup = start_warmup(settings)
    from crosswire.pipeline import build_brief

    try:
        if story_id is not None and not paths:
            story = _stored_story(db, story_id, settings)
        else:
            story = _story(paths or [], settings, db)
    finally:
        if warmup is not None:
            from crosswire.warmup import stop_parser

            stop_parser()
            warmup.join()
    stories = [story] if as_one or not paths else _stories_in(story, settings, story_id)
    with _progress() as progress:
        results = [build_brief(s, settings, progress) for s in stories]
    if len(results) == 1:
        _emit(render(results[0], fmt), output)
        return
    if fmt == "html":
        raise typer.BadParameter(
            f"the articles hold {len(results)} stories: choose one with --story N, or write "
            "them all as a site with `crosswire site`",
            param_hint="--story",
        )
    if fmt == "json":
        _emit("[\n" + ",\n".join(render(r, fmt).rstrip() for r in results) + "\n]\n", output)
        return
    rule = "\n\n---\n\n" if fmt == "md" else "\n\n" + "=" * 72 + "\n\n"
    _emit(rule.join(render(r, fmt).rstrip() for r in results) + "\n", output)


@app.command()
def entities(
    paths: Paths,
    strict: Strict = False,
    db: Db = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Every mention with its offsets and entity, as JSON.")
    ] = False,
) -> None:
    """Print the who's who: one canonical entity per person, organisation and place."""
    from crosswire.reconcile.entities import mention_records, reconcile_entities

    story = _story(paths, replace(DEFAULT, strict=strict), db)
    found = reconcile_entities(story)
    if as_json:
        records = mention_records(story, found)
        sources = [
            {"source": n, "article_id": a.id, "outlet": a.outlet, "title": a.title}
            for n, a in enumerate(story.articles, start=1)
        ]
        data = {
            "sources": sources,
            "entities": [
                {"entity": n, "name": e.name, "type": e.type, "merged_because": e.merged_because}
                for n, e in enumerate(found, start=1)
            ],
            "mentions": records,
        }
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        return
    _print_sections(Brief(title="", entities=found), "entities")


@app.command()
def quotes(
    paths: Paths,
    strict: Strict = False,
    db: Db = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Every attribution of every source, with offsets.")
    ] = False,
) -> None:
    """Print who said what, grouped by speaker, merged across sources."""
    from crosswire.reconcile.entities import reconcile_entities
    from crosswire.reconcile.quotes import export_attributions, reconcile_quotes

    story = _story(paths, replace(DEFAULT, strict=strict), db)
    if as_json:
        exported = export_attributions(story, reconcile_entities(story))
        typer.echo(json.dumps(exported, ensure_ascii=False, indent=2))
        return
    found = reconcile_quotes(story, reconcile_entities(story))
    _print_sections(Brief(title="", quotes=found), "quotes")


@app.command()
def claims(paths: Paths, strict: Strict = False, db: Db = None) -> None:
    """Print the claims side by side: discrepancies first, then corroborated facts."""
    from crosswire.pipeline import sources_of
    from crosswire.reconcile.claims import reconcile_claims
    from crosswire.reconcile.entities import reconcile_entities
    from crosswire.reconcile.independence import find_duplicates

    story = _story(paths, replace(DEFAULT, strict=strict), db)
    duplicate_of = find_duplicates(story)
    found = reconcile_claims(story, reconcile_entities(story), duplicate_of)
    sources = sources_of(story, duplicate_of)
    _print_sections(
        Brief(title="", sources=sources, claims=found), "discrepancies", "facts", "to_check"
    )


@app.command()
def timeline(paths: Paths, strict: Strict = False, db: Db = None) -> None:
    """Print the dated timeline of the story."""
    from crosswire.reconcile.timeline import build_timeline

    story = _story(paths, replace(DEFAULT, strict=strict), db)
    _print_sections(Brief(title="", timeline=build_timeline(story)), "timeline")


@app.command()
def summarize(
    paths: Paths,
    words: Annotated[
        int, typer.Option("--words", help="Summary length in words.")
    ] = DEFAULT.summary_words,
    strict: Strict = False,
    embeddings: Embeddings = DEFAULT.embedding_backend,
) -> None:
    """Print a plain extractive summary, one sentence a line, no citations."""
    from crosswire.summarize import summarize_story

    settings = replace(DEFAULT, strict=strict, embedding_backend=embeddings, summary_words=words)
    story = _story(paths, settings, None)
    for sentence in summarize_story(story, words, None, settings):
        out.print(sentence.text, highlight=False, markup=False)


@app.command()
def ingest(
    paths: Paths,
    db: Annotated[str, typer.Option("--db", help="SQLite store.")] = DEFAULT.db_path,
    strict: Strict = False,
    jobs: Jobs = 1,
) -> None:
    """Add articles (and their analyses) to the store; re-ingesting changes nothing."""
    from crosswire.pipeline import analyze_story
    from crosswire.store import Store

    settings = replace(DEFAULT, strict=strict, jobs=jobs)
    store = Store(db, settings.spacy_model)
    ingested = _read(paths, settings)
    added = store.add_articles(ingested.articles)
    with _progress() as progress:
        analysed = analyze_story(ingested.articles, settings, store, progress)
    err.print(f"{added} new article(s), {len(ingested.articles) - added} already stored, in {db}")
    _report_grouping(store, analysed, settings)


@app.command("list")
def list_articles(
    db: Annotated[str, typer.Option("--db", help="SQLite store.")] = DEFAULT.db_path,
) -> None:
    """List the articles in the store."""
    table = Table("id", "outlet", "published", "title", "analysed")
    for row in _existing_store(db).list_articles():
        table.add_row(
            row["id"],
            row["outlet"],
            row["published"] or "",
            row["title"] or "",
            "yes" if row["analysed"] else "no",
        )
    out.print(table)


@app.command()
def stories(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files or folders of articles (else --db).")
    ] = None,
    db: Annotated[str | None, typer.Option("--db", help="SQLite store.")] = None,
    regroup_all: Annotated[
        bool, typer.Option("--regroup", help="Regroup the store's articles from scratch first.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
    why: Annotated[
        int | None,
        typer.Option("--why", help="Print stored story N's grouping decisions and reasons."),
    ] = None,
    strict: Strict = False,
) -> None:
    """List the stories in PATHS or in --db: title, articles, sources, outlets, dates."""
    from crosswire.group import list_stories, regroup, split_into_stories, summarise_story
    from crosswire.model import to_dict

    settings = replace(DEFAULT, strict=strict)
    if paths:
        story = _story(paths, settings, db)
        found = [
            summarise_story(n, s)
            for n, s in enumerate(split_into_stories(story.analyses, settings), start=1)
        ]
    elif why is not None:
        _print_decisions(_existing_store(db or DEFAULT.db_path), why, as_json)
        return
    else:
        store = _existing_store(db or DEFAULT.db_path)
        if regroup_all:
            change = regroup(store, settings)
            err.print(
                f"regrouped {change['articles']} article(s): {change['stories_before']} -> "
                f"{change['stories_after']} stories (B3 F1 {change['b3_f1_vs_before']:.3f} "
                "against the stories before)"
            )
        found = list_stories(store)
    if as_json:
        sys.stdout.write(json.dumps(to_dict(found), indent=2) + "\n")
        return
    table = Table("story", "title", "articles", "independent", "outlets", "dates", "disagreements")
    for row in found:
        span = " – ".join(dict.fromkeys(d for d in (row.first_day, row.last_day) if d))
        table.add_row(
            str(row.id),
            row.title,
            str(row.articles),
            str(row.independent_sources),
            ", ".join(row.outlets),
            span,
            str(row.disagreements),
        )
    out.print(table)


@app.command()
def site(
    db: Annotated[str, typer.Option("--db", help="SQLite store.")] = DEFAULT.db_path,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder to write the site into.")
    ] = Path("site"),
    title: Annotated[str, typer.Option("--title", help="Front page title.")] = "Stories",
) -> None:
    """Write a static site: a front page of the stored stories and a brief page for each."""
    from crosswire.group import list_stories, load_stored_story
    from crosswire.pipeline import build_brief
    from crosswire.render.site import write_site

    store = _existing_store(db)
    found = list_stories(store)
    written = write_site(found, lambda n: build_brief(load_stored_story(store, n)), output, title)
    err.print(f"wrote {len(written)} page(s) for {len(found)} stories to {output}")


# ------------------------------------------------------------------------ eval


@eval_app.command("extraction")
def eval_extraction(
    path: Annotated[Path, typer.Argument(help="article-extraction benchmark folder")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Token P/R/F1 of HTML ingest + cleaning against the benchmark's article bodies."""
    from crosswire.evaluate import extraction

    with _working("extraction"):
        metrics = extraction.evaluate(path)
    _print_metrics(metrics, as_json)


@eval_app.command("ecbplus")
def eval_ecbplus(
    path: Annotated[Path, typer.Argument(help="ECB+ folder of topic folders")],
    topics: Annotated[str | None, typer.Option("--topics", help="e.g. 1-35 or 1,3,5-7")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Cross-document entity coreference (MUC, B3, CEAF-e, CoNLL) with two baselines."""
    from crosswire.evaluate import ecbplus

    with _working("ecbplus"):
        metrics = ecbplus.evaluate(path, parse_ranges(topics) if topics else None)
    _print_metrics(metrics, as_json)


@eval_app.command("polnear")
def eval_polnear(
    path: Annotated[Path, typer.Argument(help="PolNeAR folder")],
    split: Annotated[str, typer.Option("--split")] = "dev",
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Attribution content P/R/F1 and speaker accuracy, with a baseline."""
    from crosswire.evaluate import polnear

    with _working("polnear"):
        metrics = polnear.evaluate(path, split)
    _print_metrics(metrics, as_json)


@eval_app.command("timeline17")
def eval_timeline17(
    path: Annotated[Path, typer.Argument(help="Timeline17 folder of topic folders")],
    topics: Annotated[
        str | None, typer.Option("--topics", help="comma-separated topic folders")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    cache: Annotated[
        Path | None, typer.Option("--cache", help="folder to keep spaCy parses in between runs")
    ] = None,
) -> None:
    """Date F1 and alignment ROUGE of generated timelines."""
    from crosswire.evaluate import timeline17

    chosen = [t.strip() for t in topics.split(",") if t.strip()] if topics else None
    with _working("timeline17"):
        metrics = timeline17.evaluate(path, chosen, cache)
    _print_metrics(metrics, as_json)


@eval_app.command("duc2004")
def eval_duc2004(
    path: Annotated[Path, typer.Argument(help="clusters.jsonl")],
    words: Annotated[int, typer.Option("--words")] = 100,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """ROUGE-1/2 recall of summaries against the references, with LexRank and centroid."""
    from crosswire.evaluate import duc2004

    with _working("duc2004"):
        metrics = duc2004.evaluate(path, words)
    _print_metrics(metrics, as_json)


@eval_app.command("claims")
def eval_claims(
    path: Annotated[
        Path | None, typer.Argument(help="claims benchmark folder (default: bundled)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """P/R/F1 of claim alignment and discrepancy detection on crosswire's own benchmark."""
    from crosswire.evaluate import claims as claims_eval

    with _working("claims_eval"):
        metrics = claims_eval.evaluate(path)
    _print_metrics(metrics, as_json)


@eval_app.command("facts")
def eval_facts(
    path: Annotated[Path, typer.Argument(help="facts gold folder (one JSON file a cluster)")],
    clusters: Annotated[
        Path, typer.Option("--clusters", help="DUC-format clusters.jsonl with the articles")
    ],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Discrepancy and alignment P/R and trap hits on real news, with a naive baseline."""
    from crosswire.evaluate import facts

    with _working("facts"):
        metrics = facts.evaluate(path, clusters)
    _print_metrics(metrics, as_json)


@eval_app.command("stories")
def eval_stories(
    ecbplus: Annotated[
        Path | None, typer.Option("--ecbplus", help="ECB+ folder of topic folders")
    ] = None,
    duc: Annotated[Path | None, typer.Option("--duc", help="DUC 2004 clusters.jsonl")] = None,
    db: Annotated[
        str | None, typer.Option("--db", help="Store to keep the analyses in between runs.")
    ] = None,
    topics: Annotated[str | None, typer.Option("--topics", help="ECB+ topics, e.g. 1-35")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """B3 P/R/F1 and story counts of grouping (batch and incremental) and a TF-IDF baseline."""
    from crosswire.evaluate import stories as stories_eval

    with _working("stories"):
        metrics = stories_eval.evaluate(ecbplus, duc, db, parse_ranges(topics) if topics else None)
    _print_metrics(metrics, as_json)


# --------------------------------------------------------------------- helpers


def parse_ranges(spec: str) -> list[int]:
    """'1-3,7' -> [1, 2, 3, 7]."""
    numbers: list[int] = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        try:
            if "-" in part:
                low, high = (int(x) for x in part.split("-", 1))
                numbers.extend(range(low, high + 1))
            else:
                numbers.append(int(part))
        except ValueError as exc:
            raise typer.BadParameter(f"{part!r} is not a number or range like 1-35") from exc
    return numbers


def _read(paths: list[str], settings: Settings) -> Ingested:
    from crosswire.ingest import read_articles

    with _progress() as progress:
        ingested = read_articles(paths, settings, lambda _, n, total: progress("read", n, total))
    _report(ingested)
    return ingested


def _story(paths: list[str], settings: Settings, db: str | None) -> Story:
    from crosswire.errors import NoArticlesError
    from crosswire.pipeline import analyze_story
    from crosswire.store import Store

    # Without paths the store is the only input: a mistyped name must not make an empty one.
    store = Store(db, settings.spacy_model, create=bool(paths)) if db else None
    if paths:
        articles = _read(paths, settings).articles
    elif store is not None:
        articles = store.articles()
    else:
        raise typer.BadParameter("give files or folders of articles, or --db with stored ones")
    if not articles:
        raise NoArticlesError("no readable articles in " + (", ".join(paths) or str(db)))
    with _progress() as progress:
        return analyze_story(articles, settings, store, progress)


def _cold() -> bool:
    """Whether this process has yet to load the spaCy model (a new ``crosswire`` command) and
    the machine has cores for a worker to parse on while this process loads the rest: two or
    more, not oversubscribed (1-min load average at most the cores). At load 2.5 on two cores
    the worker still saved 0.3 s of 3.2; at load 6 it added 0.5 s, its own start-up."""
    import os

    nlp = sys.modules.get("crosswire.analyze.nlp")  # not imported: nothing loaded, nor imported
    if nlp is not None and nlp.load_nlp.cache_info().currsize:
        return False
    try:
        import multiprocessing.synchronize  # noqa: F401  # fails where processes cannot share locks
    except ImportError:
        return False
    affinity = getattr(os, "sched_getaffinity", None)
    cores = len(affinity(0)) if affinity else os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):  # not on this system: assume the cores are free
        busy = 0.0
    return cores > 1 and busy <= cores


def _existing_store(db: str) -> Any:
    from crosswire.store import Store

    return Store(db, create=False)


def _stored_story(db: str | None, story_id: int, settings: Settings) -> Story:
    from crosswire.group import load_stored_story

    return load_stored_story(_existing_store(db or settings.db_path), story_id)


def _stories_in(story: Story, settings: Settings, story_id: int | None) -> list[Story]:
    """The stories among the articles given; says on stderr how many when more than one."""
    from crosswire.group import split_into_stories

    found = split_into_stories(story.analyses, settings)
    if len(found) > 1:
        err.print(
            f"found {len(found)} stories among {len(story.analyses)} articles"
            + ("" if story_id else "; briefing each (--story N for one, --as-one for none)")
        )
    if story_id is None:
        return found
    if not 1 <= story_id <= len(found):
        raise typer.BadParameter(f"choose a story from 1 to {len(found)}", param_hint="--story")
    return [found[story_id - 1]]


def _print_decisions(store: Any, story: int, as_json: bool) -> None:
    from crosswire.model import to_dict
    from crosswire.store import StoryTables

    decisions = StoryTables(store).events(story)
    if not decisions:
        raise CrosswireError(f"{store.path}: no decisions about a story {story}")
    if as_json:
        sys.stdout.write(json.dumps(to_dict(decisions), indent=2) + "\n")
        return
    table = Table("article", "story", "decision", "reason")
    for d in decisions:
        table.add_row(d.article_id, str(d.story), d.kind, d.reason)
    out.print(table)


def _report_grouping(store: Any, story: Story, settings: Settings) -> None:
    from crosswire.group import place_articles

    decisions = place_articles(store, story.analyses, settings)
    kinds = [d.kind for d in decisions]
    if decisions:
        err.print(
            f"stories: {kinds.count('started')} new, {kinds.count('joined')} article(s) joined "
            f"a stored story, {kinds.count('merged')} merge(s), {kinds.count('split')} split(s)"
        )


def _report(ingested: Ingested) -> None:
    """One line per skipped input and per warning, then the counts."""
    for problem in ingested.problems:
        err.print(f"[yellow]skipped[/yellow] {_escape(problem)}", highlight=False)
    for warning in ingested.warnings:
        err.print(f"[yellow]warning[/yellow] {_escape(warning)}", highlight=False)
    if ingested.problems or ingested.warnings:
        err.print(
            f"{len(ingested.articles)} article(s) read, {len(ingested.problems)} input(s) "
            f"skipped, {len(ingested.warnings)} warning(s)",
            highlight=False,
        )


def _escape(problem: InputError) -> str:
    from rich.markup import escape

    return escape(str(problem))


@contextmanager
def _progress() -> Iterator[Callable[[str, int, int], None]]:
    """A progress callback: one Rich bar per stage on a terminal, else plain periodic lines."""
    if not err.is_terminal:
        with _plain_progress() as plain:
            yield plain
        return
    bars = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    tasks: dict[str, Any] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bars.add_task(stage, total=total or None)
        bars.update(tasks[stage], completed=done, total=total or None)

    with bars:
        yield update


PLAIN_PROGRESS_EVERY_S = 10.0


class _PlainProgress:
    """For logs: a line once a stage has run a second, then every ``every`` s, and its end.

    A ticker thread writes the lines, so a long single step (loading a model) is not silent.
    """

    def __init__(self, every: float = PLAIN_PROGRESS_EVERY_S) -> None:
        import threading

        self.every = every
        self.lock = threading.Lock()
        self.stage: tuple[str, int, int, float] | None = None  # name, done, total, started
        self.printed = 0.0  # when the current stage last printed a line (0: never)
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._tick, daemon=True)

    def update(self, stage: str, done: int, total: int) -> None:
        import time

        with self.lock:
            now = time.monotonic()
            if self.stage is None or self.stage[0] != stage:
                self.stage, self.printed = (stage, done, total, now), 0.0
            else:
                self.stage = (stage, done, total, self.stage[3])
            if total > 0 and done >= total:
                if now - self.stage[3] >= 1.0:
                    self._line(now, "done")
                self.stage = None

    def _tick(self) -> None:
        import time

        while not self.stopped.wait(0.5):
            with self.lock:
                now = time.monotonic()
                if self.stage is None:
                    continue
                due = self.stage[3] + 1.0 if not self.printed else self.printed + self.every
                if now >= due:
                    self._line(now, "...")

    def _line(self, now: float, state: str) -> None:
        assert self.stage is not None
        name, done, total, started = self.stage
        count = f" {done}/{total}" if total > 1 else (f" {done}" if not total and done else "")
        err.print(f"crosswire: {name}{count} {state} ({now - started:.0f} s)", highlight=False)
        self.printed = now


@contextmanager
def _plain_progress() -> Iterator[Callable[[str, int, int], None]]:
    plain = _PlainProgress()
    plain.thread.start()
    try:
        yield plain.update
    finally:
        plain.stopped.set()
        plain.thread.join()


def _print_sections(result: Brief, *names: str) -> None:
    from crosswire.render.markdown import render_section

    text = "\n".join(render_section(result, name) for name in names).strip()
    if not text:
        err.print("nothing found")
        return
    out.print(text, highlight=False, markup=False)


def _check_writable(output: Path) -> None:
    """Refuse an --output that cannot be written before any analysis runs."""
    import os

    problem = None
    if output.is_dir():
        problem = "is a folder; give a file name"
    elif output.exists() and not os.access(output, os.W_OK):
        problem = "is not writable"
    else:
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            problem = f"its folder cannot be created ({exc.strerror or exc})"
        else:
            if not os.access(output.parent, os.W_OK | os.X_OK):
                problem = f"cannot write in {output.parent}"
    if problem is not None:
        raise typer.BadParameter(f"{output} {problem}", param_hint="--output")


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CrosswireError(f"{output}: cannot write ({exc.strerror or exc})") from exc
    err.print(f"wrote {output}")


@contextmanager
def _working(name: str) -> Iterator[None]:
    """A spinner with elapsed time on stderr while a long evaluation runs (terminal only)."""
    if not err.is_terminal:
        yield
        return
    with err.status(f"evaluating {name} ..."):
        yield


def _print_metrics(metrics: dict[str, Any], as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(metrics, indent=2, default=str) + "\n")
        return
    sys.stdout.write("\n".join(_metric_lines(metrics)) + "\n")


def _metric_lines(data: Any, indent: int = 0) -> Iterator[str]:
    """Nested metrics as an indented outline; a dict of plain numbers goes on one line."""
    pad = "  " * indent
    for key, value in data.items():
        if (
            isinstance(value, dict)
            and value
            and all(not isinstance(v, dict | list) for v in value.values())
        ):
            yield f"{pad}{key}: " + "  ".join(f"{k} {_fmt(v)}" for k, v in value.items())
        elif isinstance(value, dict):
            yield f"{pad}{key}:"
            yield from _metric_lines(value, indent + 1)
        else:
            yield f"{pad}{key}: {_fmt(value)}"


def _fmt(value: Any) -> str:
    return f"{value:.4f}" if isinstance(value, float) else str(value)
