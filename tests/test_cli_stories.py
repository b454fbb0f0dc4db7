"""From a clean store: two events ingested, two stories listed and briefed; a later folder joins."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosswire.cli import app

ROOT = Path(__file__).resolve().parent.parent
FERRY = ROOT / "examples" / "ferry-collision"
FIRE = ROOT / "examples" / "plant-fire"
FOLLOWUP = Path(__file__).parent / "data" / "stories" / "ferry-followup"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def listed(db: Path) -> list[dict[str, object]]:
    code, out, _ = run("stories", "--db", str(db), "--json")
    assert code == 0
    rows: list[dict[str, object]] = json.loads(out)
    return rows


@pytest.fixture(scope="module")
def store(nlp: object, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("stories") / "crosswire.db"
    for folder in (FERRY, FIRE):
        code, _, err = run("ingest", str(folder), "--db", str(db))
        assert code == 0, err
    return db


def _story_with(rows: list[dict[str, object]], outlet: str) -> dict[str, object]:
    return next(r for r in rows if outlet in r["outlets"])  # type: ignore[operator]


def test_two_folders_of_two_events_make_two_stories(store: Path) -> None:
    rows = listed(store)
    assert len(rows) == 2
    ferry, fire = _story_with(rows, "Baltic Wire"), _story_with(rows, "Averly Courier")
    assert ferry["articles"] == 6 and fire["articles"] == 3
    assert "Averly Courier" not in ferry["outlets"]  # type: ignore[operator]
    assert ferry["independent_sources"] == 5  # the Coastal Gazette reprint counts once


def test_brief_story_briefs_each_stored_story(store: Path) -> None:
    for row in listed(store):
        code, out, err = run("brief", "--db", str(store), "--story", str(row["id"]), "-f", "json")
        assert code == 0, err
        brief = json.loads(out)
        assert brief["title"] == row["title"]
        assert len(brief["sources"]) == row["articles"]


def test_a_folder_ingested_later_joins_the_right_story(store: Path) -> None:
    before = {r["id"]: r["articles"] for r in listed(store)}
    ferry_id = _story_with(listed(store), "Baltic Wire")["id"]
    code, _, err = run("ingest", str(FOLLOWUP), "--db", str(store))
    assert code == 0, err
    assert "0 new" in err and "2 article(s) joined" in err
    after = {r["id"]: r["articles"] for r in listed(store)}
    assert set(after) == set(before)  # ids stable, no new story
    assert after[ferry_id] == before[ferry_id] + 2
    assert sum(after.values()) == sum(before.values()) + 2


def test_brief_of_a_mixed_folder_says_how_many_stories(nlp: object) -> None:
    code, out, err = run("brief", str(FERRY), str(FIRE), "-f", "json")
    assert code == 0
    assert "found 2 stories among 9 articles" in err
    briefs = json.loads(out)
    assert [len(b["sources"]) for b in briefs] == [6, 3]
    code, out, _ = run("brief", str(FERRY), str(FIRE), "--story", "2", "-f", "json")
    assert code == 0 and len(json.loads(out)["sources"]) == 3


def test_site_writes_a_front_page_and_a_page_per_story(store: Path, tmp_path: Path) -> None:
    code, _, err = run("site", "--db", str(store), "-o", str(tmp_path / "site"))
    assert code == 0, err
    pages = sorted(p.name for p in (tmp_path / "site").iterdir())
    assert "index.html" in pages and len(pages) == 3
    front = (tmp_path / "site" / "index.html").read_text()
    for page in pages:
        if page != "index.html":
            assert f'href="{page}"' in front


def test_stories_without_a_database_is_a_clean_error(tmp_path: Path) -> None:
    from crosswire.errors import CrosswireError

    with pytest.raises(CrosswireError, match="no such database"):
        run("stories", "--db", str(tmp_path / "missing.db"))
