"""A cold brief loads only what it needs, when it needs it, and the same analyses either way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLE, ROOT
from crosswire.config import DEFAULT
from crosswire.ingest import read_articles

SRC = ROOT / "src"
# Libraries that each cost a tenth of a second or more to import, and what needs them.
HEAVY = (
    "spacy",
    "thinc",
    "numpy",
    "scipy",
    "sklearn",
    "dateparser",
    "wordfreq",
    "wordllama",
    "trafilatura",
    "torch",
    "jinja2",
)


def _loaded_after(code: str) -> set[str]:
    """The HEAVY top-level packages a new Python process holds after running ``code``."""
    probe = f"{code}\nimport sys\nprint(sorted({{m.split('.')[0] for m in sys.modules}}))\n"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    modules = set(json.loads(done.stdout.strip().splitlines()[-1].replace("'", '"')))
    return modules & set(HEAVY)


@pytest.mark.parametrize(
    ("module", "allowed"),
    [
        ("crosswire", set()),
        ("crosswire.cli", set()),
        ("crosswire.pipeline", set()),
        ("crosswire.warmup", set()),
        ("crosswire.group", set()),
        ("crosswire.group.background", set()),
        ("crosswire.analyze", set()),  # the parser loads when the first text is parsed
        ("crosswire.reconcile.timeline", set()),
    ],
)
def test_importing_a_module_pulls_in_no_heavy_library(module: str, allowed: set[str]) -> None:
    assert _loaded_after(f"import {module}") <= allowed


def test_grouping_weighs_terms_without_wordfreq_or_the_parser() -> None:
    code = (
        "from crosswire.group.vectors import background_share\n"
        "assert 0 < background_share('ferry') < background_share('said')\n"
        "assert background_share('@tallinn_daily_post') >= 0\n"
    )
    assert _loaded_after(code) == set()


def test_a_brief_from_the_store_loads_no_parser(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    cmd = [sys.executable, "-m", "crosswire", "ingest", str(EXAMPLE), "--db", str(db)]
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    code = (
        "from crosswire.cli import app\n"
        f"app(['brief', '--db', {str(db)!r}, '--story', '1', '-f', 'json'],"
        " standalone_mode=False)\n"
    )
    loaded = _loaded_after(code)
    assert not loaded & {"spacy", "thinc", "torch", "wordfreq"}, loaded


def test_warmup_loads_the_later_stages_libraries_but_not_the_parser() -> None:
    code = (
        "from crosswire.warmup import start_warmup\n"
        "start_warmup().join()\n"
        "from crosswire.embeddings import get_embedder\n"
        "from crosswire.group.background import _english_ranks\n"
        "assert get_embedder.cache_info().currsize == 1\n"
        "assert _english_ranks.cache_info().currsize == 1\n"
    )
    loaded = _loaded_after(code)
    assert {"scipy", "dateparser", "wordllama"} <= loaded
    assert not loaded & {"spacy", "thinc", "wordfreq", "torch"}, loaded


def test_a_small_story_parsed_in_a_worker_gives_the_same_analyses(nlp: Any) -> None:
    from crosswire.analyze import analyze_articles
    from crosswire.clean import clean_article

    articles = [clean_article(a) for a in read_articles([EXAMPLE]).articles]
    here = list(analyze_articles(articles, DEFAULT))
    there = list(analyze_articles(articles, replace(DEFAULT, parse_in_worker=True)))
    assert there == here and [a.article.id for a in there] == [a.id for a in articles]


def test_a_story_over_one_parse_batch_is_parsed_in_this_process(
    nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import crosswire.analyze as analyze
    from crosswire.clean import clean_article

    articles = [clean_article(a) for a in read_articles([EXAMPLE]).articles]
    small = replace(DEFAULT, parse_in_worker=True, parse_batch_chars=1_000)
    assert not analyze._one_batch(articles, small)

    def no_workers(*_: object) -> None:
        raise AssertionError("a large story must not go to a single worker")

    monkeypatch.setattr(analyze, "_analyze_in_workers", no_workers)
    assert len(list(analyze.analyze_articles(articles, small))) == len(articles)


def test_a_started_parser_a_large_story_does_not_need_is_stopped_before_its_parse(
    nlp: Any,
) -> None:
    import crosswire.analyze as analyze
    from crosswire import warmup
    from crosswire.clean import clean_article

    articles = [clean_article(a) for a in read_articles([EXAMPLE]).articles]
    large = replace(DEFAULT, parse_in_worker=True, parse_batch_chars=1_000)
    warmup.start_parser(large)
    pool = warmup._parsers[large.spacy_model]
    analyses = analyze.analyze_articles(articles, large)
    next(analyses)  # the first article is analysed here
    assert not warmup._parsers and pool._state != "RUN"  # type: ignore[attr-defined]
    assert len(list(analyses)) == len(articles) - 1


@pytest.mark.parametrize(
    ("load", "cores", "loaded", "expected"),
    [
        (0.2, 2, False, True),  # a new command on an idle two-core machine
        (1.8, 2, False, True),
        (3.5, 2, False, False),  # oversubscribed: a worker would only add its start-up
        (0.2, 1, False, False),  # one core: nothing to overlap
        (0.2, 2, True, False),  # the model is already loaded here: parse here
        (4.0, 4, False, True),
        (4.5, 4, False, False),
    ],
)
def test_a_new_brief_parses_in_a_worker_only_when_a_core_is_free(
    monkeypatch: pytest.MonkeyPatch, load: float, cores: int, loaded: bool, expected: bool
) -> None:
    import crosswire.analyze.nlp as nlp_module
    from crosswire import cli

    class Cache:
        def cache_info(self) -> Any:
            return type("Info", (), {"currsize": int(loaded)})()

    monkeypatch.setattr(nlp_module, "load_nlp", Cache())
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: set(range(cores)), raising=False)
    assert cli._cold() is expected


def test_a_new_brief_is_the_same_with_the_parse_in_a_worker_or_here() -> None:
    def brief_json(worker: bool) -> str:
        code = (
            "import sys\n"
            "import crosswire.cli as cli\n"
            f"cli._cold = lambda: {worker}\n"
            f"sys.argv = ['crosswire', 'brief', {str(EXAMPLE)!r}, '-f', 'json']\n"
            "cli.main()\n"
        )
        # Entity reasons are listed in set order: one hash seed for both runs.
        env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONHASHSEED": "0"}
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        return done.stdout

    here, there = brief_json(False), brief_json(True)
    assert json.loads(here)["sources"] and there == here


def test_loading_the_model_leaves_torch_out_and_importable() -> None:
    # thinc imports PyTorch whenever it is installed; the CNN model never uses it.
    code = (
        "from crosswire.analyze.nlp import load_nlp\n"
        "doc = load_nlp()('Ferry crews in Harwick said 12 people were hurt.')\n"
        "assert len(doc.ents) > 0\n"
    )
    assert "torch" not in _loaded_after(code)
    pytest.importorskip("torch")
    assert "torch" in _loaded_after(code + "import torch\n")


@pytest.mark.parametrize(
    ("config", "needs"),
    [
        ('[components.transformer]\nfactory = "curated_transformer"\n', True),
        ('[model]\n@architectures = "spacy.PyTorchWrapper.v1"\n', True),
        ('[components.ner]\nfactory = "ner"\n', False),
        (None, True),  # no config to read: import spaCy as it always is
    ],
)
def test_only_a_model_that_names_neither_torch_nor_transformers_leaves_torch_out(
    tmp_path: Path, config: str | None, needs: bool
) -> None:
    from crosswire.analyze.nlp import _may_need_torch

    model = tmp_path / "my_model"
    (model / "my_model-1.0").mkdir(parents=True)
    if config is not None:
        (model / "my_model-1.0" / "config.cfg").write_text(config)
    assert _may_need_torch(str(model)) is needs
    assert _may_need_torch("no_such_model_package") is True


def test_a_started_parser_is_taken_by_the_parse_and_gives_the_same_analyses(nlp: Any) -> None:
    from crosswire import warmup
    from crosswire.analyze import analyze_articles
    from crosswire.clean import clean_article

    articles = [clean_article(a) for a in read_articles([EXAMPLE]).articles]
    settings = replace(DEFAULT, parse_in_worker=True)
    warmup.start_parser(settings)
    pool = warmup._parsers[settings.spacy_model]
    there = list(analyze_articles(articles, settings))
    assert not warmup._parsers  # taken, and closed by the parse that took it
    assert pool._state != "RUN"  # type: ignore[attr-defined]
    assert there == list(analyze_articles(articles, DEFAULT))


def test_a_started_parser_nothing_takes_is_stopped() -> None:
    from crosswire import warmup

    warmup.start_parser(DEFAULT)
    workers = list(warmup._parsers[DEFAULT.spacy_model]._pool)  # type: ignore[attr-defined]
    assert workers and all(w.is_alive() for w in workers)
    warmup.stop_parser()
    assert not warmup._parsers
    for worker in workers:
        worker.join(timeout=10)
    assert not any(w.is_alive() for w in workers)
    assert warmup.take_parser(DEFAULT) is None


def test_the_worker_is_started_before_this_process_imports_the_analysis_code() -> None:
    code = (
        "import sys, threading\n"
        "from crosswire import cli, warmup\n"
        "started = []\n"
        "def start_parser(settings):\n"
        "    started.append(sorted({'crosswire.analyze', 'spacy'} & set(sys.modules)))\n"
        "def start_warmup(settings):\n"
        "    thread = threading.Thread(target=int)\n"
        "    thread.start()\n"
        "    return thread\n"
        "warmup.start_parser, warmup.start_warmup = start_parser, start_warmup\n"
        "cli._cold = lambda: True\n"
        f"cli.app(['brief', {str(EXAMPLE)!r}, '-f', 'json'], standalone_mode=False)\n"
        "print(started)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[[]]"


def test_the_worker_is_forked_only_from_a_light_single_threaded_process() -> None:
    code = (
        "import sys, threading\n"
        "from crosswire.warmup import _start_method\n"
        "light = _start_method()\n"
        "import numpy\n"
        "with_numpy = _start_method()\n"
        "del sys.modules['numpy']\n"
        "stop = threading.Event()\n"
        "thread = threading.Thread(target=stop.wait)\n"
        "thread.start()\n"
        "with_thread = _start_method()\n"
        "stop.set()\n"
        "print(light, with_numpy, with_thread)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    expected = "fork" if sys.platform == "linux" else "spawn"
    assert done.stdout.split() == [expected, "spawn", "spawn"]
