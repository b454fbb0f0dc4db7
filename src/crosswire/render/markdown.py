"""The brief as Markdown: one function per section, empty sections left out."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from crosswire.model import Brief, Claim, ClaimValue, Source
from crosswire.render.values import display_value, undated_label

Section = Callable[[Brief], list[str]]


def render_markdown(brief: Brief) -> str:
    lines = [f"# {_inline(brief.title)}", "", _byline(brief), ""]
    for section in SECTIONS.values():
        body = section(brief)
        if body:
            lines += body + [""]
    return "\n".join(lines).rstrip() + "\n"


def render_section(brief: Brief, name: str) -> str:
    """One section on its own (``crosswire entities`` and friends)."""
    return "\n".join(SECTIONS[name](brief)).rstrip() + "\n"


def cite(sources: list[int]) -> str:
    return "[" + ",".join(str(s) for s in sorted(set(sources))) + "]" if sources else ""


def summary(brief: Brief) -> list[str]:
    if not brief.summary:
        return []
    return ["## Summary", ""] + [f"{_inline(s.text)} {cite(s.sources)}" for s in brief.summary]


def discrepancies(brief: Brief) -> list[str]:
    claims = [c for c in brief.claims if c.status == "discrepancy"]
    if not claims:
        return []
    lines = ["## Where the sources disagree", ""]
    for claim in claims:
        lines.append(f"**{_inline(_claim_label(claim))}**")
        if claim.evolving:
            lines.append("_A figure that changed over time: each value with its source's date._")
        if claim.changed_in_reprint:
            lines.append("_Versions of one wire story give different figures._")
        lines += [f"- {_value(v)}: {_wordings(v, brief, claim.evolving)}" for v in claim.values]
        lines.append("")
    return lines[:-1]


def to_check(brief: Brief) -> list[str]:
    """Figures that differ where the tool is not sure they measure the same thing."""
    claims = [c for c in brief.claims if c.status == "check"]
    if not claims:
        return []
    lines = [
        "## Figures to check",
        "",
        "_Different figures that may not be about the same thing._",
        "",
    ]
    for claim in claims:
        lines.append(f"- {_inline(_claim_label(claim))}")
        lines += [f"  - {_value(v)}: {_wordings(v)}" for v in claim.values]
        if claim.aligned_because:
            lines.append(f"  - _aligned because: {_inline('; '.join(claim.aligned_because))}_")
    return lines


def facts(brief: Brief) -> list[str]:
    claims = [c for c in brief.claims if c.status not in ("discrepancy", "check")]
    if not claims:
        return []
    lines = [
        "## Facts",
        "",
        "| Claim | Value | Independent sources | Sources |",
        "|---|---|---|---|",
    ]
    for claim in claims:
        value = "; ".join(_value(v) for v in claim.values)
        sources = sorted({s for v in claim.values for s in v.sources})
        lines.append(
            f"| {_cell(_claim_label(claim))} | {_cell(value)} "
            f"| {claim.independent_sources} | {cite(sources)} |"
        )
    return lines + [""] + matrix(brief)


def matrix(brief: Brief) -> list[str]:
    """Outlet x claim: which source states which value, blank where a source is silent."""
    if not brief.claims:
        return []
    header = "| Claim | " + " | ".join(f"[{s.id}] {_cell(s.outlet)}" for s in brief.sources) + " |"
    lines = ["### Claims by source", "", header, "|---" * (len(brief.sources) + 1) + "|"]
    for claim in brief.claims:
        cells = [_cell(_value_in(claim, s.id)) for s in brief.sources]
        lines.append(f"| {_cell(_claim_label(claim))} | " + " | ".join(cells) + " |")
    return lines


def entities(brief: Brief) -> list[str]:
    if not brief.entities:
        return []
    lines = [
        "## Who's who",
        "",
        "| Name | Type | Role | Also written | Sources | Mentions |",
        "|---|---|---|---|---|---|",
    ]
    for e in brief.entities:
        variants = ", ".join(v for v in e.variants if v != e.name)
        lines.append(
            f"| {_cell(e.name)} | {e.type} | {_cell('; '.join(e.roles))} | {_cell(variants)} "
            f"| {cite(e.sources)} | {e.mentions} |"
        )
    return lines


def quotes(brief: Brief) -> list[str]:
    if not brief.quotes:
        return []
    lines = ["## Who said what", ""]
    ordered = sorted(brief.quotes, key=lambda q: q.speaker or "\uffff")
    for speaker, group in groupby(ordered, key=lambda q: q.speaker):
        lines += [f"### {_inline(speaker or 'Unattributed')}", ""]
        for quote in group:
            sources = [v.source for v in quote.variants]
            mark = (
                "“" + _inline(quote.text) + "”" if quote.kind == "direct" else _inline(quote.text)
            )
            drift = " _(wording differs between sources)_" if quote.drift else ""
            lines.append(f"- {mark} {cite(sources)}{drift}")
            if len(quote.variants) > 1:
                lines += [f"  - [{v.source}] {_inline(v.text)}" for v in quote.variants]
        lines.append("")
    return lines[:-1]


def timeline(brief: Brief) -> list[str]:
    if not brief.timeline:
        return []
    lines = ["## Timeline", ""]
    for event in brief.timeline:
        date = f"{event.qualifier} {event.date}" if event.qualifier else event.date
        inferred = " (year inferred)" if event.inferred_year else ""
        if not event.date:  # no source fixes it: the date as written, said to be so
            date, inferred = undated_label(event.written or ""), ""
        lines.append(f"- **{date}**{inferred}: {_inline(event.event)} {cite(event.sources)}")
    return lines


def sources(brief: Brief) -> list[str]:
    if not brief.sources:
        return []
    lines = [
        "## Sources",
        "",
        "| # | Outlet | Title | Date | Independence | Noise removed |",
        "|---|---|---|---|---|---|",
    ]
    lines += [_source_row(s) for s in brief.sources]
    return lines


SECTIONS: dict[str, Section] = {
    "summary": summary,
    "discrepancies": discrepancies,
    "facts": facts,
    "to_check": to_check,
    "entities": entities,
    "quotes": quotes,
    "timeline": timeline,
    "sources": sources,
}


def _source_row(source: Source) -> str:
    date = source.published or "undated"
    if source.published and source.published_inferred:
        date += " (inferred)"
    independence = "independent"
    if source.duplicate_of:
        kind = "identical copy" if source.identical else "reprint"
        independence = f"{kind} of [{source.duplicate_of}]"
    elif source.reuses:
        independence = f"reuses {source.reused_share:.0%} of [{source.reuses}]'s sentences"
    reasons = sorted({r.reason for r in source.removed})
    removed = f"{len(source.removed)}: {', '.join(reasons)}" if source.removed else "none"
    return (
        f"| {source.id} | {_cell(source.outlet)} | {_cell(source.title or '')} | {date} "
        f"| {independence} | {_cell(removed)} |"
    )


def _byline(brief: Brief) -> str:
    dates = sorted(s.published for s in brief.sources if s.published)
    span = (
        f", {dates[0]} to {dates[-1]}"
        if dates and dates[0] != dates[-1]
        else (f", {dates[0]}" if dates else "")
    )
    reprints = sum(1 for s in brief.sources if s.duplicate_of)
    independent = len(brief.sources) - reprints
    return f"_{len(brief.sources)} sources ({independent} independent){span}_"


def _value(value: ClaimValue) -> str:
    shown = display_value(value.value)
    return f"{value.hedge} {shown}" if value.hedge else shown


def _wordings(value: ClaimValue, brief: Brief | None = None, dated: bool = False) -> str:
    parts = []
    for i, source in enumerate(value.sources):
        wording = value.wording[i] if i < len(value.wording) else ""
        part = f"[{source}] “{_inline(wording)}”" if wording else f"[{source}]"
        if dated and brief is not None and 0 < source <= len(brief.sources):
            part += f" ({brief.sources[source - 1].published or 'undated'})"
        parts.append(part)
    return "; ".join(parts)


def _claim_label(claim: Claim) -> str:
    """ "talks: duration"; with no subject, the attribute and the words its sources share."""
    if claim.subject:
        return f"{claim.subject}: {claim.attribute}"
    context = next((r for r in claim.aligned_because if r.startswith("same context: ")), "")
    words = context.removeprefix("same context: ").split(", ")[:3]
    return f"{claim.attribute} ({', '.join(words)})" if context else claim.attribute


def _value_in(claim: Claim, source: int) -> str:
    return "; ".join(_value(v) for v in claim.values if source in v.sources)


def _inline(text: str) -> str:
    """One line of article text; ``<`` escaped so no Markdown viewer reads it as an HTML tag."""
    return " ".join(text.split()).replace("<", "\\<")


def _cell(text: str) -> str:
    return _inline(text).replace("|", "\\|")
