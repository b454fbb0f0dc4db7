"""The brief as one self-contained HTML page: inline CSS and script, no network requests.

Every piece of article text reaches the page through Jinja2 autoescaping; the page also
carries a Content-Security-Policy that allows only its own script (by hash), so injected
markup could not run even if escaping were bypassed.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import PurePath, PureWindowsPath
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from crosswire.model import (
    Brief,
    Claim,
    ClaimValue,
    Entity,
    Evidence,
    Quote,
    Source,
    TimelineEvent,
)
from crosswire.render.values import display_value, format_date, undated_label

__all__ = ["render_html"]

# Excerpts widen a short evidence span (a value like "seven hours") to its sentence,
# but never beyond this many characters on either side.
_CONTEXT_CHARS = 240
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n")
_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*\s*$")
_WORD_BEFORE = re.compile(r"\w+$")
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "st", "gen", "gov", "sen", "rep", "lt", "col", "sgt"}
    | {"capt", "no", "vs", "inc", "corp", "ltd", "co", "jr", "sr", "sept"}
    | {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
)
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ENTITY_GROUPS = (
    ("People", ("PERSON",)),
    ("Organisations", ("ORG",)),
    ("Places", ("GPE", "LOC", "FAC")),
    ("Groups and nationalities", ("NORP",)),
    ("Events", ("EVENT",)),
)


def render_html(brief: Brief) -> str:
    """The brief as a self-contained HTML document."""
    script = _asset("brief.js")
    template = _environment().get_template("brief.html.j2")
    return template.render(
        brief=brief,
        view=build_view(brief),
        css=Markup(_asset("brief.css")),
        script=Markup(script),
        script_hash=_csp_hash(script),
        chips_shown=CHIPS_SHOWN,
        matrix_columns=MATRIX_COLUMNS,
        source_filter_from=SOURCE_FILTER_FROM,
    )


# ----------------------------------------------------------------------- view records


@dataclass
class Excerpt:
    """A cited span shown inside its sentence: ``before`` + ``match`` + ``after``."""

    source: int
    outlet: str
    before: str
    match: str
    after: str
    also: list[int] = field(default_factory=list)  # reprints that carry the same words


@dataclass
class Citation:
    source: int
    outlet: str
    excerpts: list[Excerpt]


@dataclass
class SummaryRow:
    text: str
    citations: list[Citation]


@dataclass
class Variant:
    letter: str
    label: str
    sources: list[int]
    excerpts: list[Excerpt]
    wording: list[str]


@dataclass
class ClaimRow:
    subject: str
    attribute: str
    status: str
    independent_sources: int
    variants: list[Variant]
    cells: list[Variant | None]  # one per source column, None where the source is silent
    note: str = ""  # a changing figure with each source's date, or a reprint's change


@dataclass
class EntityGroup:
    heading: str
    main: list[Entity]
    more: list[Entity]  # mentioned once by one source, with nothing else stated: collapsed


@dataclass
class Wording:
    """One way a quote was written, and every source that wrote it that way."""

    sources: list[int]
    text: str
    speaker_text: str | None
    cue: str | None


@dataclass
class QuoteRow:
    quote: Quote
    sources: list[int]
    wordings: list[Wording]


@dataclass
class SpeakerGroup:
    speaker: str
    quotes: list[QuoteRow]


@dataclass
class TimelineRow:
    label: str
    event: str
    sources: list[int]
    inferred_year: bool
    excerpts: list[Excerpt]


@dataclass
class SourceRow:
    source: Source
    date: str
    group: list[int]  # every source in this one's reprint group, itself included
    words: int
    path: str = ""  # the file as the page may show it (never an absolute local path)


@dataclass
class MatrixPage:
    """Some of the source columns of a claims matrix, with the rows that have a cell in them."""

    label: str
    sources: list[Source]
    rows: list[tuple[ClaimRow, list[Variant | None]]]


# Past these, a long story's page stays usable: chips collapse behind "+N more", the claims
# matrix shows its source columns a page at a time, the sources section gets a filter box.
CHIPS_SHOWN = 12
MATRIX_COLUMNS = 20
SOURCE_FILTER_FROM = 12


@dataclass
class View:
    """What the template needs, derived from the brief once."""

    outlets: dict[int, str]
    reported: str
    events_span: str
    independent: int
    summary: list[SummaryRow]
    discrepancies: list[ClaimRow]
    matrix: list[ClaimRow]
    to_check: list[ClaimRow]  # figures that differ where the tool is not sure they are one
    single_claims: list[ClaimRow]
    entity_groups: list[EntityGroup]
    speakers: list[SpeakerGroup]
    timeline: list[tuple[str, list[TimelineRow]]]
    sources: list[SourceRow]
    reprint_groups: list[tuple[int, ...]] = field(default_factory=list)
    matrix_pages: list[MatrixPage] = field(default_factory=list)
    single_pages: list[MatrixPage] = field(default_factory=list)


def build_view(brief: Brief) -> View:
    """Derive the page's view records (excerpts, matrix cells, groups) from ``brief``."""
    texts = {s.id: s.text for s in brief.sources}
    outlets = {s.id: s.outlet for s in brief.sources}
    claims = [_claim_row(c, brief.sources, texts, outlets) for c in _ordered_claims(brief.claims)]
    sources = _source_rows(brief.sources)
    return View(
        outlets=outlets,
        reported=_date_range(s.published for s in brief.sources),
        events_span=_date_range(e.date for e in _corroborated(brief.timeline) if e.date),
        independent=len({tuple(row.group) for row in sources}),
        summary=[
            SummaryRow(s.text, _citations(s.sources, s.evidence, texts, outlets))
            for s in brief.summary
        ],
        discrepancies=[row for row in claims if row.status == "discrepancy"],
        to_check=[row for row in claims if row.status == "check"],
        matrix=[row for row in claims if row.status != "single"],
        single_claims=[row for row in claims if row.status == "single"],
        entity_groups=_entity_groups(brief.entities),
        speakers=_speaker_groups(brief.quotes),
        timeline=_timeline(brief, texts, outlets),
        sources=sources,
        reprint_groups=sorted({tuple(r.group) for r in sources if len(r.group) > 1}),
        matrix_pages=matrix_pages([r for r in claims if r.status != "single"], brief.sources),
        single_pages=matrix_pages([r for r in claims if r.status == "single"], brief.sources),
    )


def matrix_pages(
    rows: list[ClaimRow], sources: list[Source], columns: int = MATRIX_COLUMNS
) -> list[MatrixPage]:
    """The matrix split into pages of ``columns`` sources; a page keeps only rows it fills."""
    if not rows:
        return []
    pages = []
    for low in range(0, len(sources), columns):
        shown = sources[low : low + columns]
        cut = [(row, row.cells[low : low + columns]) for row in rows]
        filled = [(row, cells) for row, cells in cut if any(cells)]
        if filled or len(sources) <= columns:
            label = f"Sources {shown[0].id}–{shown[-1].id}" if shown else ""
            pages.append(MatrixPage(label, shown, filled))
    return pages


# ------------------------------------------------------------------------- excerpts


def excerpt(text: str, start: int, end: int) -> tuple[str, str, str] | None:
    """``text[start:end]`` with the rest of its sentence either side, or None if out of range."""
    if not 0 <= start <= end <= len(text):
        return None
    head_start = max(0, start - _CONTEXT_CHARS)
    ends = [m.end() for m in _sentence_ends(text, head_start, start)]
    before = text[ends[-1] if ends else head_start : start]
    if _ENDS_SENTENCE.search(text, start, end):
        return before.lstrip(), text[start:end], ""
    stop = next(_sentence_ends(text, end, min(len(text), end + _CONTEXT_CHARS)), None)
    after = text[end : stop.start() + 1 if stop else end + _CONTEXT_CHARS].rstrip()
    return before.lstrip(), text[start:end], after


def _sentence_ends(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Sentence boundaries in ``text[start:end]``, skipping initials and abbreviations."""
    for match in _SENTENCE_END.finditer(text, start, end):
        word = _WORD_BEFORE.search(text, max(0, match.start() - 12), match.start())
        token = word.group(0) if word else ""
        if text[match.start()] == "." and (len(token) == 1 or token.lower() in _ABBREVIATIONS):
            continue
        yield match


def _excerpts(
    evidence: Iterable[Evidence], texts: dict[int, str], outlets: dict[int, str]
) -> list[Excerpt]:
    found = []
    for ev in evidence:
        parts = excerpt(texts.get(ev.source, ""), ev.start, ev.end)
        if parts is not None and parts[1].strip():
            found.append(Excerpt(ev.source, outlets.get(ev.source, ""), *parts))
    return found


def _citations(
    sources: list[int], evidence: list[Evidence], texts: dict[int, str], outlets: dict[int, str]
) -> list[Citation]:
    numbers = sorted(set(sources) | {ev.source for ev in evidence})
    return [
        Citation(
            n, outlets.get(n, ""), _excerpts([e for e in evidence if e.source == n], texts, outlets)
        )
        for n in numbers
    ]


# --------------------------------------------------------------------------- claims


def _ordered_claims(claims: list[Claim]) -> list[Claim]:
    """Discrepancies first, then by how many sources speak to the claim."""
    rank = {"discrepancy": 0, "check": 1, "agreed": 2, "single": 3}
    return sorted(
        claims,
        key=lambda c: (rank.get(c.status, 3), -len({n for v in c.values for n in v.sources})),
    )


def _claim_row(
    claim: Claim, sources: list[Source], texts: dict[int, str], outlets: dict[int, str]
) -> ClaimRow:
    variants = [
        _variant(_LETTERS[i % len(_LETTERS)], value, texts, outlets)
        for i, value in enumerate(claim.values)
    ]
    by_source = {n: v for v in variants for n in v.sources}
    return ClaimRow(
        subject=claim.subject,
        attribute=claim.attribute,
        status=claim.status,
        independent_sources=claim.independent_sources,
        variants=variants,
        cells=[by_source.get(s.id) for s in sources],
        note=_claim_note(claim, variants, sources),
    )


def _claim_note(claim: Claim, variants: list[Variant], sources: list[Source]) -> str:
    """ "Changed over time: 14 (15 Oct 2025) → 15 (16 Oct 2025)", or a reprint's change."""
    if claim.evolving:
        dates = {s.id: s.published for s in sources}
        steps = sorted(
            (dates.get(n) or "", v.label, n) for v in variants for n in v.sources if dates.get(n)
        )
        shown = [f"{label} ({format_date(day)}, [{n}])" for day, label, n in steps]
        return "A figure that changed over time: " + " → ".join(shown)
    if claim.changed_in_reprint:
        return "Versions of one wire story give different figures."
    return ""


def _variant(
    letter: str, value: ClaimValue, texts: dict[int, str], outlets: dict[int, str]
) -> Variant:
    shown = display_value(value.value)
    label = f"{value.hedge} {shown}" if value.hedge else shown
    sources = sorted(set(value.sources) | {ev.source for ev in value.evidence})
    excerpts = _merge_identical(_excerpts(value.evidence, texts, outlets))
    return Variant(letter, label, sources, excerpts, value.wording)


def _merge_identical(excerpts: list[Excerpt]) -> list[Excerpt]:
    """One excerpt per distinct wording, listing every source (reprints) that carries it."""
    merged: dict[tuple[str, str, str], Excerpt] = {}
    for item in excerpts:
        key = (item.before, item.match, item.after)
        if key not in merged:
            merged[key] = item
        elif item.source != merged[key].source and item.source not in merged[key].also:
            merged[key].also.append(item.source)
    return list(merged.values())


# ------------------------------------------------------------------ people and quotes


def _entity_groups(entities: list[Entity]) -> list[EntityGroup]:
    """Entities under a heading per kind, most widely reported first."""
    groups = []
    placed: set[int] = set()
    for heading, labels in _ENTITY_GROUPS:
        members = [e for e in entities if e.type in labels]
        placed.update(id(e) for e in members)
        if members:
            groups.append(_entity_group(heading, members))
    rest = [e for e in entities if id(e) not in placed]
    if rest:
        groups.append(_entity_group("Other", rest))
    return groups


def _entity_group(heading: str, members: list[Entity]) -> EntityGroup:
    ordered = _by_reach(members)
    main = [e for e in ordered if _notable(e)]
    return EntityGroup(heading, main, [e for e in ordered if not _notable(e)])


def _notable(entity: Entity) -> bool:
    """Worth a card: more than a single passing mention."""
    return bool(len(set(entity.sources)) > 1 or entity.mentions > 1 or entity.roles) or bool(
        set(entity.variants) - {entity.name}
    )


def _by_reach(entities: list[Entity]) -> list[Entity]:
    return sorted(entities, key=lambda e: (-len(e.sources), -e.mentions, e.name))


def _speaker_groups(quotes: list[Quote]) -> list[SpeakerGroup]:
    """Quotes under their speaker, the most quoted speaker first, unattributed last."""
    groups: dict[str, list[Quote]] = {}
    for quote in quotes:
        groups.setdefault(quote.speaker or "", []).append(quote)
    ordered = sorted(groups.items(), key=lambda item: (item[0] == "", -len(item[1]), item[0]))
    return [
        SpeakerGroup(name or "Unattributed", [_quote_row(q) for q in _by_variants(qs)])
        for name, qs in ordered
    ]


def _by_variants(quotes: list[Quote]) -> list[Quote]:
    return sorted(quotes, key=lambda q: -len(q.variants))


def _quote_row(quote: Quote) -> QuoteRow:
    """A quote with identical wordings (reprints) folded into one, listing their sources."""
    wordings: dict[tuple[str, str | None, str | None], Wording] = {}
    for v in quote.variants:
        key = (v.text, v.speaker_text, v.cue)
        if key in wordings:
            wordings[key].sources.append(v.source)
        else:
            wordings[key] = Wording([v.source], v.text, v.speaker_text, v.cue)
    sources = sorted({v.source for v in quote.variants})
    return QuoteRow(quote, sources, list(wordings.values()))


# ---------------------------------------------------------------- timeline and sources


def _timeline(
    brief: Brief, texts: dict[int, str], outlets: dict[int, str]
) -> list[tuple[str, list[TimelineRow]]]:
    """Events in date order, under a heading per year."""
    years: dict[str, list[TimelineRow]] = {}
    for event in sorted(brief.timeline, key=lambda e: e.date or "9999"):
        label = format_date(event.date) if event.date else undated_label(event.written or "")
        if event.qualifier and event.date:
            label = f"{event.qualifier} {label}"
        row = TimelineRow(
            label=label,
            event=event.event,
            sources=sorted(set(event.sources)),
            inferred_year=event.inferred_year,
            excerpts=_excerpts(event.evidence, texts, outlets),
        )
        years.setdefault(event.date[:4] or "Year not stated", []).append(row)
    return list(years.items())


def _corroborated(events: list[TimelineEvent]) -> list[TimelineEvent]:
    """Events two or more sources date, if any: background dates then do not stretch the span."""
    shared = [e for e in events if len(set(e.sources)) > 1]
    return shared or events


def _source_rows(sources: list[Source]) -> list[SourceRow]:
    parent = {s.id: s.duplicate_of for s in sources}
    roots = {s.id: _root(s.id, parent) for s in sources}
    groups: dict[int, list[int]] = {}
    for number, root in sorted(roots.items()):
        groups.setdefault(root, []).append(number)
    return [
        SourceRow(
            source=s,
            date=format_date(s.published) if s.published else "",
            group=groups[roots[s.id]],
            words=len(s.text.split()),
            path=shown_path(s.path),
        )
        for s in sources
    ]


def shown_path(path: str | None) -> str:
    """``path`` as a page may show it: as given when relative and inside the folder it was
    read from, else the file name only (no user's home or folder layout in a shared page)."""
    if not path:
        return ""
    name, sep, line = path.partition("#")
    pure = PurePath(name)
    if pure.is_absolute() or ".." in pure.parts or PureWindowsPath(name).is_absolute():
        name = PureWindowsPath(name).name if "\\" in name else pure.name
    return name + sep + line


def _root(number: int, parent: dict[int, int | None]) -> int:
    """The original a reprint chain leads back to; a cycle stops where it closes."""
    seen = {number}
    while (up := parent.get(number)) is not None and up in parent and up not in seen:
        seen.add(up)
        number = up
    return number


# ---------------------------------------------------------------------------- dates


def _date_range(values: Iterable[str | None]) -> str:
    dates = sorted({v for v in values if v})
    if not dates:
        return ""
    first, last = format_date(dates[0]), format_date(dates[-1])
    if first == last:
        return first
    head, tail = first.split(" "), last.split(" ")
    # "10–12 Jan 2022" reads better than repeating the month and year.
    if len(head) == len(tail) == 3 and head[1:] == tail[1:]:
        return f"{head[0]}–{last}"
    return f"{first} – {last}"


# -------------------------------------------------------------------------- assets


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_asset),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["date"] = format_date
    env.filters["capfirst"] = lambda text: text[:1].upper() + text[1:]
    env.filters["safe_url"] = safe_url
    env.filters["host"] = lambda url: urlsplit(url).netloc or url
    return env


def safe_url(url: str) -> str | None:
    """``url`` if it is a web address; None for ``javascript:``, ``data:`` and the like."""
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


@cache
def _asset(name: str) -> str:
    return (resources.files("crosswire.render") / "templates" / name).read_text("utf-8")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")
