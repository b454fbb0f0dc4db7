"""The text of a parse, built once per Doc and shared by the extractors, is the Doc's own text."""

from __future__ import annotations

from typing import Any

from crosswire.analyze import analyze_doc, parse
from crosswire.analyze.nlp import doc_text
from crosswire.config import DEFAULT, replace
from crosswire.model import Article

TEXT = (
    "HARLOW - The Harlow ferry board met on Monday.\n\n"
    "“We will keep the crossing open,” said Ilse Varnholt, the board's chair. "
    "She said 40 crew members were on duty on 3 March.\n\n"
    "Piet Oberlin, a harbour pilot, told reporters the fog had lifted by noon."
)


def test_the_shared_text_is_the_docs_text_and_built_once(nlp: Any) -> None:
    doc = nlp(TEXT)
    text = doc_text(doc)
    assert text == doc.text == TEXT
    assert doc_text(doc) is text  # the second reader gets the same string, not a rebuilt one
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)


def test_a_text_parsed_in_pieces_shares_the_joined_text(nlp: Any) -> None:
    settings = replace(DEFAULT, parse_piece_chars=80)
    (doc,) = parse(nlp, [TEXT], settings)
    assert doc_text(doc) == doc.text == TEXT
    assert all(doc_text(doc)[t.idx : t.idx + len(t.text)] == t.text for t in doc)


def test_the_analysis_is_the_same_whether_the_text_was_read_before_or_not(nlp: Any) -> None:
    article = Article(id="t", text=TEXT, outlet="test")
    fresh = analyze_doc(nlp(TEXT), article)
    read_first = nlp(TEXT)
    doc_text(read_first)
    again = analyze_doc(read_first, article)
    assert again == fresh
    assert fresh.attributions and fresh.mentions and fresh.assertions
    for record in [*fresh.mentions, *fresh.attributions]:
        assert TEXT[record.start : record.end] == record.text
