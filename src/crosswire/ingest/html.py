"""HTML pages: trafilatura's main text and metadata."""

from __future__ import annotations

import warnings

from crosswire.errors import EmptyInputError
from crosswire.ingest.common import article_id, iso_date, normalise_newlines, outlet_from
from crosswire.model import Article


def read_html(path: str, html: str) -> Article:
    """The article in an HTML page: text, title, date, site name, author, URL."""
    import trafilatura
    from trafilatura.settings import Document

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=_DATE_PARAMS,
        )
    if not isinstance(document, Document) or not (document.text or "").strip():
        raise EmptyInputError(path, "no article text found in the HTML page")
    text = _paragraphs(document.text or "")
    title = document.title
    if title and text.startswith(title):
        text = text[len(title) :].lstrip("\n")
    return Article(
        id=article_id(text),
        text=text,
        outlet=outlet_from(document.sitename, document.url, path),
        title=title,
        url=document.url,
        published=iso_date(document.date),
        author=document.author,
        path=path,
    )


# Dates from the page's markup only (meta tags, <time>, JSON-LD, URL). The extensive search
# also guesses from any year in the text, so a page with only "(c) 2024" in its footer was
# published "2024-01-01"; an unknown date is left unknown (the timeline may infer one, marked).
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _paragraphs(text: str) -> str:
    lines = [line.strip() for line in normalise_newlines(text).split("\n")]
    return "\n\n".join(line for line in lines if line)
