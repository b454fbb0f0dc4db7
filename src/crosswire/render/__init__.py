"""Renderings of one Brief: the JSON contract, Markdown, plain text, HTML."""

from __future__ import annotations

import sys
import types
from collections.abc import Callable

from crosswire.model import Brief

FORMATS = ("md", "json", "text", "html")


class _RenderModule(types.ModuleType):
    """This module, callable as its ``render`` function.

    ``crosswire.render`` is both the public function (README: ``crosswire.render(brief,
    "md")``) and this subpackage. Importing a subpackage sets it as an attribute of its
    parent, so after the first import the name means the module; making the module call
    ``render`` keeps ``crosswire.render(...)`` working every time, and every existing
    ``from crosswire.render import ...`` / ``crosswire.render.html`` keeps working too.
    """

    def __call__(self, brief: Brief, fmt: str = "md") -> str:
        return render(brief, fmt)


sys.modules[__name__].__class__ = _RenderModule


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
