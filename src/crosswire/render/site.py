"""A self-contained static site: a front page listing the stories, one brief page per story."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup

from crosswire.model import Brief, StorySummary

__all__ = ["render_front_page", "write_site", "story_page"]


def story_page(story_id: int) -> str:
    """The file name of a story's brief page, relative to the front page."""
    return f"story-{story_id}.html"


def render_front_page(stories: list[StorySummary], title: str = "Stories") -> str:
    """The front page: every story with its counts, dates, outlets and a link to its brief."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("crosswire.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    css = resources.files("crosswire.render").joinpath("templates", "front.css").read_text()
    return env.get_template("front.html.j2").render(
        title=title,
        stories=stories,
        total=sum(s.articles for s in stories),
        links={s.id: story_page(s.id) for s in stories},
        css=Markup(css),
    )


def write_site(
    stories: Iterable[StorySummary],
    brief_of: Callable[[int], Brief],
    folder: str | Path,
    title: str = "Stories",
) -> list[Path]:
    """Write ``index.html`` and ``story-<id>.html`` for each story into ``folder``."""
    from crosswire.render.html import render_html

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    listed = list(stories)
    written = [out / "index.html"]
    written[0].write_text(render_front_page(listed, title), "utf-8")
    for summary in listed:
        page = out / story_page(summary.id)
        page.write_text(render_html(brief_of(summary.id)), "utf-8")
        written.append(page)
    return written
