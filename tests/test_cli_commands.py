"""The CLI: thin commands, documented exit codes, errors that name the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLE
from crosswire.cli import app, parse_ranges

runner = CliRunner()


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    from crosswire.errors import CrosswireError

    try:
        result = runner.invoke(app, list(args), input=stdin, catch_exceptions=False)
    except CrosswireError as exc:  # main() turns these into exit codes; mirror it
        return exc.exit_code, "", str(exc)
    return result.exit_code, result.stdout, result.stderr


def test_brief_json_follows_the_contract(tmp_path: Path) -> None:
    code, _, _ = run("brief", str(EXAMPLE), "--format", "json", "-o", str(tmp_path / "b.json"))
    assert code == 0
    data = json.loads((tmp_path / "b.json").read_text())
    assert data["schema"] == "crosswire.brief/1"
    assert list(data) == [
        "schema",
        "title",
        "sources",
        "summary",
        "entities",
        "quotes",
        "claims",
        "timeline",
    ]
    assert [s["id"] for s in data["sources"]] == list(range(1, 7))
    for source in data["sources"]:
        assert {
            "outlet",
            "title",
            "url",
            "published",
            "path",
            "text",
            "removed",
            "duplicate_of",
        } <= set(source)


def test_brief_markdown_leaves_out_empty_sections(tmp_path: Path) -> None:
    code, out, _ = run("brief", str(EXAMPLE))
    assert code == 0
    assert out.startswith("# ")
    assert "## Sources" in out
    assert "_None_" not in out and "(empty)" not in out


def test_a_broken_file_is_reported_and_the_rest_briefed(tmp_path: Path) -> None:
    for name in ("baltic-wire.txt", "harbour-herald.html"):
        (tmp_path / name).write_bytes((EXAMPLE / name).read_bytes())
    (tmp_path / "broken.jsonl").write_text('{"text": "ok"\n')
    code, out, err = run("brief", str(tmp_path), "--format", "json")
    assert code == 0
    assert "broken.jsonl:1" in err and "not valid JSON" in err
    assert len(json.loads(out)["sources"]) == 2


def test_strict_turns_a_bad_file_into_exit_code_2(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "ok.txt").write_bytes((EXAMPLE / "baltic-wire.txt").read_bytes())
    code, _, err = run("brief", str(tmp_path), "--strict")
    assert code == 2
    assert "empty.txt" in err


def test_nothing_readable_is_exit_code_2(tmp_path: Path) -> None:
    code, _, err = run("brief", str(tmp_path / "nope"))
    assert code == 2
    assert "nope" in err


def test_unknown_format_is_a_usage_error() -> None:
    code, _, err = run("brief", str(EXAMPLE), "--format", "pdf")
    assert code == 2
    assert "--format" in err


def test_stdin_reads_jsonl() -> None:
    lines = (EXAMPLE / "coverage.jsonl").read_text()
    code, out, _ = run("brief", "-", "--format", "json", stdin=lines)
    assert code == 0
    assert len(json.loads(out)["sources"]) == 2


def test_ingest_then_list_then_brief_from_the_store(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    assert run("ingest", str(EXAMPLE), "--db", db)[0] == 0
    code, _, err = run("ingest", str(EXAMPLE), "--db", db)
    assert code == 0 and "0 new article(s)" in err
    code, out, _ = run("list", "--db", db)
    assert code == 0 and "Harbour Herald" in out
    code, out, _ = run("brief", "--db", db, "--format", "json")
    assert code == 0 and len(json.loads(out)["sources"]) == 6


def test_list_without_a_database_says_how_to_make_one(tmp_path: Path) -> None:
    code, _, err = run("list", "--db", str(tmp_path / "none.db"))
    assert code == 4 and "crosswire ingest" in err
    assert not (tmp_path / "none.db").exists()  # a mistyped name makes no empty store


@pytest.mark.parametrize(("spec", "expected"), [("1-3,7", [1, 2, 3, 7]), ("5", [5]), ("2-2", [2])])
def test_topic_ranges(spec: str, expected: list[int]) -> None:
    assert parse_ranges(spec) == expected


def test_geneva_brief_json_lists_five_clean_sources() -> None:
    from conftest import GENEVA

    if not GENEVA.is_dir():
        pytest.skip(f"reference sample not found at {GENEVA}")
    code, out, _ = run("brief", str(GENEVA), "--format", "json")
    assert code == 0
    sources = json.loads(out)["sources"]
    assert len(sources) == 5
    for source in sources:
        assert "Leave a Reply" not in source["text"]
        assert "Follow us on" not in source["text"]
        assert "See also" not in source["text"] and "read more" not in source["text"]
        assert all(r["reason"] and r["text"] for r in source["removed"])
    assert sum(len(s["removed"]) for s in sources) >= 10
    assert "Nothing about you without you" in sources[0]["text"]
