"""Article text reaches the HTML page as inert text, whatever markup it contains."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.model import Brief, Evidence, Removal, Source, SummarySentence, from_dict
from crosswire.render.html import render_html, safe_url

FIXTURE = Path(__file__).parent / "data" / "brief_fixture.json"


class _Tags(HTMLParser):
    """Collects every start tag and every event-handler attribute the page really contains."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        self.hrefs += [value or "" for name, value in attrs if name in ("href", "src")]


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def _fixture() -> Brief:
    return from_dict(Brief, json.loads(FIXTURE.read_text("utf-8")))


def test_fixture_injection_renders_as_text() -> None:
    page = render_html(_fixture())
    tags = _parse(page)
    assert tags.tags.count("script") == 1  # the page's own
    assert "img" not in tags.tags and "iframe" not in tags.tags
    assert tags.handlers == []
    assert not [h for h in tags.hrefs if h.strip().lower().startswith("javascript:")]
    # ... and the reader still sees what the article said, as text.
    assert "&lt;script&gt;alert(&#39;xss-text&#39;)&lt;/script&gt;" in page
    assert "javascript:alert(&#39;xss-url&#39;)" in page


def test_only_the_pages_own_script_is_allowed_to_run() -> None:
    page = render_html(_fixture())
    script = re.search(r"<script>(.*?)</script>", page, re.S)
    assert script is not None
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    assert f"script-src 'sha256-{digest}'" in policy.group(1)
    assert "default-src 'none'" in policy.group(1)


def test_safe_url_keeps_only_web_addresses() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url("http://example.org") == "http://example.org"
    for bad in (
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:x",
        "data:text/html,x",
    ):
        assert safe_url(bad) is None


_hostile = st.text(
    alphabet=st.sampled_from(list("<>&\"'=/ ascriptonerrorimgjavascript:()")), max_size=60
)


_BENIGN = str.maketrans({"<": "x", ">": "x", "&": "x", "=": "x", "/": "x", '"': "”", "'": "’"})


def _page_tags(text: str, outlet: str, title: str, noise: str) -> _Tags:
    body = f"Lead sentence. {text} Last sentence."
    source = Source(
        1, outlet, title, f"javascript:{text}", "2024-01-02", None, body, [Removal(noise, "x")]
    )
    sentence = SummarySentence(text or "empty", [1], [Evidence(1, 15, 15 + len(text))])
    return _parse(render_html(Brief(title, [source], [sentence])))


@settings(max_examples=60, deadline=None)
@given(text=_hostile, outlet=_hostile, title=_hostile, noise=_hostile)
def test_no_article_field_can_add_markup(text: str, outlet: str, title: str, noise: str) -> None:
    hostile = _page_tags(text, outlet, title, noise)
    benign = _page_tags(*(field.translate(_BENIGN) for field in (text, outlet, title, noise)))
    assert hostile.tags == benign.tags
    assert hostile.handlers == []
