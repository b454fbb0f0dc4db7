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

err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)

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
MaxBytes = Annotated[
    int, typer.Option("--max-file-bytes", help="Skip input files larger than this.")
]


def main() -> None:
    try:
        app()
    except CrosswireError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        sys.exit(exc.exit_code)


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
) -> None:
    """Build the event brief of the articles in PATHS (or of everything in --db)."""
    from crosswire.pipeline import build_brief
    from crosswire.render import FORMATS, render

    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    settings = replace(
        DEFAULT,
        strict=strict,
        jobs=jobs,
        summary_words=words,
        embedding_backend=embeddings,
        max_file_bytes=max_file_bytes,
        spacy_model=spacy_model,
    )
    story = _story(paths or [], settings, db)
    with _progress() as progress:
        result = build_brief(story, settings, progress)
    _emit(render(result, fmt), output)


@app.command()
def entities(paths: Paths, strict: Strict = False, db: Db = None) -> None:
    """Print the who's who: one canonical entity per person, organisation and place."""
    from crosswire.reconcile.entities import reconcile_entities

    story = _story(paths, replace(DEFAULT, strict=strict), db)
    _print_sections(Brief(title="", entities=reconcile_entities(story)), "entities")


@app.command()
def quotes(paths: Paths, strict: Strict = False, db: Db = None) -> None:
    """Print who said what, grouped by speaker, merged across sources."""
    from crosswire.reconcile.entities import reconcile_entities
    from crosswire.reconcile.quotes import reconcile_quotes

    story = _story(paths, replace(DEFAULT, strict=strict), db)
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
    _print_sections(Brief(title="", sources=sources, claims=found), "discrepancies", "facts")


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
        analyze_story(ingested.articles, settings, store, progress)
    err.print(f"{added} new article(s), {len(ingested.articles) - added} already stored, in {db}")


@app.command("list")
def list_articles(
    db: Annotated[str, typer.Option("--db", help="SQLite store.")] = DEFAULT.db_path,
) -> None:
    """List the articles in the store."""
    from crosswire.store import Store

    if not Path(db).exists():
        raise CrosswireError(
            f"{db}: no such database; create it with `crosswire ingest PATH --db {db}`"
        )
    table = Table("id", "outlet", "published", "title", "analysed")
    for row in Store(db).list_articles():
        table.add_row(
            row["id"],
            row["outlet"],
            row["published"] or "",
            row["title"] or "",
            "yes" if row["analysed"] else "no",
        )
    out.print(table)


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

    ingested = read_articles(paths, settings)
    _report(ingested)
    return ingested


def _story(paths: list[str], settings: Settings, db: str | None) -> Story:
    from crosswire.errors import NoArticlesError
    from crosswire.pipeline import analyze_story
    from crosswire.store import Store

    store = Store(db, settings.spacy_model) if db else None
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


def _report(ingested: Ingested) -> None:
    for problem in ingested.problems:
        err.print(f"[yellow]skipped[/yellow] {_escape(problem)}", highlight=False)
    for warning in ingested.warnings:
        err.print(f"[yellow]warning[/yellow] {_escape(warning)}", highlight=False)


def _escape(problem: InputError) -> str:
    from rich.markup import escape

    return escape(str(problem))


@contextmanager
def _progress() -> Iterator[Callable[[str, int, int], None]]:
    """A progress callback drawing one Rich bar per stage on stderr (only on a terminal)."""
    bars = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    tasks: dict[str, Any] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bars.add_task(stage, total=total or None)
        bars.update(tasks[stage], completed=done, total=total or None)

    with bars:
        yield update


def _print_sections(result: Brief, *names: str) -> None:
    from crosswire.render.markdown import render_section

    text = "\n".join(render_section(result, name) for name in names).strip()
    if not text:
        err.print("nothing found")
        return
    out.print(text, highlight=False, markup=False)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
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
