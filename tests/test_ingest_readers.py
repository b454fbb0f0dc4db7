"""Each reader turns its kind of input into Articles, and bad inputs into named errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLE
from crosswire.config import Settings
from crosswire.errors import (
    BinaryInputError,
    EmptyInputError,
    MalformedRecordError,
    MissingPathError,
    TooLargeError,
    UnsupportedFormatError,
)
from crosswire.ingest import read_articles
from crosswire.ingest.text import read_text

BODY = (
    "The ferry Northern Light ran aground near the harbour entrance on Friday, officials said. "
    "All 120 passengers were taken ashore by lifeboats within two hours. "
    "The coast guard said an investigation had been opened into the cause of the grounding, "
    "and that the vessel was being inspected by divers before it could be towed."
)


def test_text_headline_is_split_from_body() -> None:
    article = read_text("x.txt", "Ferry runs aground near harbour\n" + BODY)
    assert article.title == "Ferry runs aground near harbour"
    assert article.text.startswith("The ferry Northern Light")


def test_text_opening_with_a_body_sentence_has_no_headline() -> None:
    article = read_text("x.txt", BODY + "\nSecond paragraph of reporting here.")
    assert article.title is None
    assert article.text.startswith("The ferry Northern Light")


def test_text_tag_line_before_headline_is_removed_and_recorded() -> None:
    article = read_text("x.txt", "SHIPPING | LATEST\n\nFerry runs aground near harbour\n\n" + BODY)
    assert article.title == "Ferry runs aground near harbour"
    assert [r.text for r in article.removed] == ["SHIPPING | LATEST"]
    assert "SHIPPING" not in article.text


def test_text_hard_wrapped_lines_are_joined_into_paragraphs() -> None:
    wrapped = (
        "Ferry runs aground near harbour\n\n"
        "The ferry Northern Light ran aground near the harbour entrance on\n"
        "Friday, officials said, and all 120 passengers were taken ashore\n"
        "by lifeboats within two hours.\n\n"
        "The coast guard opened an investigation.\n"
    )
    article = read_text("x.txt", wrapped)
    assert article.text.split("\n\n") == [
        "The ferry Northern Light ran aground near the harbour entrance on Friday, officials "
        "said, and all 120 passengers were taken ashore by lifeboats within two hours.",
        "The coast guard opened an investigation.",
    ]


def test_text_one_paragraph_per_line_is_kept_apart() -> None:
    lines = [
        "A first full sentence of reporting that ends here.",
        "Photo: Jane Doe / Reuters",
        "Another full sentence of reporting that ends here.",
    ]
    article = read_text("x.txt", "\n".join(lines))
    assert article.text.split("\n\n") == lines


def test_outlet_from_slug_file_name(tmp_path: Path) -> None:
    (tmp_path / "harbour-herald.txt").write_text("Headline of the day here\n" + BODY)
    (tmp_path / "000_c0c02a15.txt").write_text("Headline of the day here\n" + BODY + " More.")
    outlets = sorted(a.outlet for a in read_articles([tmp_path]).articles)
    assert outlets == ["000_c0c02a15", "Harbour Herald"]


def test_jsonl_reads_metadata_and_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = {
        "text": BODY,
        "title": "T",
        "url": "https://www.example.org/a",
        "published": "2025-10-14T08:00:00Z",
    }
    path.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"title": "no text"}) + "\n")
    result = read_articles([path])
    assert len(result.articles) == 1
    article = result.articles[0]
    assert (article.outlet, article.published, article.path) == (
        "example.org",
        "2025-10-14",
        f"{path}#1",
    )
    assert [(type(p), p.line) for p in result.problems] == [
        (MalformedRecordError, 2),
        (MalformedRecordError, 3),
    ]
    assert f"{path}:2" in str(result.problems[0])


def test_html_page_gives_text_and_metadata() -> None:
    result = read_articles([EXAMPLE / "harbour-herald.html"])
    article = result.articles[0]
    assert article.outlet == "Harbour Herald"
    assert article.published == "2025-10-16"
    assert article.url and article.url.startswith("https://harbourherald.example/")
    assert "Baltic Star" in article.text
    assert "<p>" not in article.text


def test_bad_inputs_are_reported_and_the_rest_kept(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Headline of the day here\n" + BODY)
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 binary \x00" * 50)
    (tmp_path / "latin1.txt").write_bytes(("Caf\xe9 owners said " + BODY).encode("latin-1"))
    (tmp_path / "big.txt").write_text("Headline of the day here\n" + BODY * 40)
    result = read_articles([tmp_path, tmp_path / "missing.txt"], Settings(max_file_bytes=4000))
    kinds = {type(p) for p in result.problems}
    assert kinds == {EmptyInputError, BinaryInputError, TooLargeError, MissingPathError}
    assert sorted(Path(a.path or "").name for a in result.articles) == ["good.txt", "latin1.txt"]
    latin = next(a for a in result.articles if a.path and a.path.endswith("latin1.txt"))
    assert latin.text.startswith("Café owners")


def test_strict_makes_the_first_bad_input_fatal(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(EmptyInputError, match="empty.txt"):
        read_articles([tmp_path], Settings(strict=True))


def test_unknown_extension_named_explicitly_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_text("x")
    assert isinstance(read_articles([path]).problems[0], UnsupportedFormatError)


def test_non_english_text_is_kept_with_a_warning(tmp_path: Path) -> None:
    german = (
        "Die Fähre lief am Freitag in der Nähe der Hafeneinfahrt auf Grund, teilten die "
        "Behörden mit. Alle Passagiere wurden mit Rettungsbooten an Land gebracht. " * 4
    )
    (tmp_path / "de.txt").write_text("Fähre läuft auf Grund\n" + german)
    result = read_articles([tmp_path])
    assert len(result.articles) == 1 and len(result.warnings) == 1
    assert "English" in str(result.warnings[0])


def test_article_id_is_stable_for_the_same_content(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline of the day here\n" + BODY)
    (tmp_path / "b.txt").write_text("Headline of the day here\r\n" + BODY + "\r\n")
    ids = [a.id for a in read_articles([tmp_path]).articles]
    assert ids[0] == ids[1]


def test_example_story_reads_every_format() -> None:
    result = read_articles([EXAMPLE])
    assert not result.problems
    assert len(result.articles) == 6
    suffixes = {Path((a.path or "").split("#")[0]).suffix for a in result.articles}
    assert suffixes == {".txt", ".html", ".jsonl"}


def test_first_line_of_a_hard_wrapped_paragraph_is_not_a_headline() -> None:
    wrapped = (
        "Cambodian leader Hun Sen on Friday rejected opposition parties'\n"
        "Friday demands for talks outside the country, accusing them of\n"
        "trying to internationalize the political crisis in the kingdom.\n\n"
        "Government and opposition parties have asked the king to host a summit.\n"
    )
    article = read_text("x.txt", wrapped)
    assert article.title is None
    assert article.text.startswith(
        "Cambodian leader Hun Sen on Friday rejected opposition parties' Friday"
    )
