"""Renderings of one Brief: the JSON contract, Markdown, plain text, HTML."""

from __future__ import annotations

from collections.abc import Callable

from crosswire.model import Brief

FORMATS = ("md", "json", "text", "html")


def render(brief: Brief, fmt: str) -> str:
    """``brief`` in format ``fmt`` (one of FORMATS)."""
    return _renderer(fmt)(brief)


def _renderer(fmt: str) -> Callable[[Brief], str]:
    if fmt == "json":
        from crosswire.render.json import render_json

        return render_json
    if fmt == "md":
        from crosswire.render.markdown import render_markdown

        return render_markdown
    if fmt == "text":
        from crosswire.render.text import render_text

        return render_text
    if fmt == "html":
        from crosswire.render.html import render_html

        return render_html
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
