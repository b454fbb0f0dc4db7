"""The brief as plain text: the cited summary, then the numbered sources it cites."""

from __future__ import annotations

from crosswire.model import Brief
from crosswire.render.markdown import cite


def render_text(brief: Brief) -> str:
    lines = [brief.title, ""]
    lines += [f"{s.text} {cite(s.sources)}".rstrip() for s in brief.summary]
    if brief.summary:
        lines.append("")
    for source in brief.sources:
        title = f" - {source.title}" if source.title else ""
        date = f" ({source.published})" if source.published else ""
        lines.append(f"[{source.id}] {source.outlet}{title}{date}")
    return "\n".join(lines) + "\n"
