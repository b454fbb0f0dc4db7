"""Session fixtures: models load once, stories are analysed once, for the whole suite."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crosswire.model import Article, ArticleAnalysis, Mention, Story

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ferry-collision"
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
GENEVA = SHARED / "samples" / "geneva-talks"
_CHROMIUM = Path("/usr/bin/chromium")
_CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
EVAL = SHARED / "eval"


@pytest.fixture(scope="session")
def nlp() -> Any:
    from crosswire.analyze.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def example_story(nlp: Any) -> Story:
    """The bundled made-up ferry-collision story, read, cleaned and analysed."""
    from crosswire.pipeline import load_story

    story, _ = load_story([EXAMPLE])
    return story


@pytest.fixture(scope="session")
def example_expectations() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "ferry_expectations.json").read_text())
    return data


@pytest.fixture(scope="session")
def geneva_story(nlp: Any) -> Story:
    """The five real geneva-talks reports; skips when ../shared is not beside the checkout."""
    if not GENEVA.is_dir():
        pytest.skip(f"reference sample not found at {GENEVA}")
    from crosswire.pipeline import load_story

    story, _ = load_story([GENEVA])
    return story


@pytest.fixture(scope="session")
def example_brief(example_story: Story) -> Any:
    from crosswire.pipeline import build_brief

    return build_brief(example_story)


@pytest.fixture(scope="session")
def geneva_brief(geneva_story: Story) -> Any:
    from crosswire.pipeline import build_brief

    return build_brief(geneva_story)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not _CHROMIUM.exists():
        pytest.skip(
            f"headless Chromium not found at {_CHROMIUM}: install it with "
            "`apt-get update && apt-get install -y chromium` (or `make browser`)"
        )
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright not installed: pip install -e '.[browser]'"
    )
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(_CHROMIUM), args=_CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def eval_path(name: str) -> Path:
    """A benchmark folder under ../shared/eval, or a skip when it is not there."""
    path = EVAL / name
    if not path.exists():
        pytest.skip(f"evaluation data not found at {path}")
    return path


def analysed_article(number: int, *names: tuple[str, str], text: str = "") -> ArticleAnalysis:
    """An analysed article with mentions ``(text, label)``, found in ``text`` in order if
    given, and linked within the article as the per-article stage links them."""
    from crosswire.analyze.entities import link_names

    body, mentions, at = text, [], 0
    for surface, label in names:
        if text:
            start = text.index(surface, at)
            at = start + len(surface)
        else:
            start = len(body)
            body += surface + ". "
        end = start + len(surface)
        mentions.append(Mention(f"a{number}", start, end, surface, label, surface))
    link_names(mentions, body)
    return ArticleAnalysis(Article(id=f"a{number}", text=body, outlet=f"o{number}"), [], mentions)
