"""The spaCy pipeline crosswire loads is the model as spaCy would load it, built with less work."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import EVAL, EXAMPLE, GENEVA
from crosswire.analyze.nlp import (
    MODEL_TOKENIZER,
    IndexedWords,
    _load_options,
    _tokenizer_complete,
    resolve_model_name,
)
from crosswire.ingest import read_articles

ATTRS = ("ORTH", "NORM", "SPACY", "TAG", "POS", "MORPH", "DEP", "HEAD", "LEMMA", "ENT_IOB")
ATTRS += ("ENT_TYPE", "SENT_START", "IS_STOP", "LIKE_NUM")


@pytest.fixture(scope="module")
def plain_nlp() -> Any:
    """The model exactly as ``spacy.load`` builds it, tokenizer defaults and all."""
    import spacy

    return spacy.load(resolve_model_name())


def test_the_model_tokenizer_is_built_once_from_the_model_files(nlp: Any) -> None:
    assert nlp.config["nlp"]["tokenizer"] == {"@tokenizers": MODEL_TOKENIZER}
    assert _tokenizer_complete(nlp)


def test_the_tokenizer_is_the_one_spacy_builds(nlp: Any, plain_nlp: Any) -> None:
    assert plain_nlp.config["nlp"]["tokenizer"] != nlp.config["nlp"]["tokenizer"]
    # Without the vocab, which grows with every text the shared pipeline has parsed.
    ours = nlp.tokenizer.to_bytes(exclude=["vocab"])
    assert ours == plain_nlp.tokenizer.to_bytes(exclude=["vocab"])
    assert nlp.tokenizer.rules == plain_nlp.tokenizer.rules
    assert nlp.pipe_names == plain_nlp.pipe_names


def _texts() -> list[str]:
    """The example story, a few tokenizer traps, and when ../shared is there real news."""
    texts = [a.text for a in read_articles([EXAMPLE]).articles]
    texts.append("Dr. O'Neill can't say whether the U.S.-led talks (Jan. 10) won't resume :-)")
    if GENEVA.is_dir():
        texts += [a.text for a in read_articles([GENEVA]).articles]
    for folder in sorted(EVAL.glob("timeline17/*"))[:3]:
        texts += [a["text"] for a in json.loads((folder / "articles.json").read_text())[:4]]
    return texts


def test_every_annotation_is_the_one_spacy_gives(nlp: Any, plain_nlp: Any) -> None:
    texts = _texts()
    for ours, theirs in zip(nlp.pipe(texts), plain_nlp.pipe(texts), strict=True):
        assert [t.text_with_ws for t in ours] == [t.text_with_ws for t in theirs]
        assert (ours.to_array(list(ATTRS)) == theirs.to_array(list(ATTRS))).all()


def _model_copy(tmp_path: Path, tokenizer_line: str, with_file: bool = True) -> Path:
    model = tmp_path / "my_model"
    data = model / "my_model-1.0"
    data.mkdir(parents=True)
    (data / "config.cfg").write_text(f'[nlp]\nlang = "en"\n{tokenizer_line}\n')
    if with_file:
        (data / "tokenizer").write_bytes(b"")
    return model


@pytest.mark.parametrize(
    ("line", "with_file", "expected"),
    [
        ('tokenizer = {"@tokenizers":"spacy.Tokenizer.v1"}', True, True),
        ('tokenizer = {"@tokenizers":"spacy.Tokenizer.v1"}', False, False),  # nothing to fill it
        ('tokenizer = {"@tokenizers":"spacy.zh.ChineseTokenizer","segmenter":"char"}', True, False),
        ('tokenizer = {"@tokenizers":"my_own_tokenizer.v1"}', True, False),
    ],
)
def test_only_the_standard_tokenizer_with_its_file_is_built_from_the_file(
    tmp_path: Path, line: str, with_file: bool, expected: bool
) -> None:
    pytest.importorskip("spacy")
    options = _load_options(str(_model_copy(tmp_path, line, with_file)))
    assert ("config" in options) is expected
    assert "exclude" not in options  # the copy disables nothing
    assert _load_options("no_such_model_package") == {}


def test_only_the_components_the_model_disables_are_left_out(
    nlp: Any, plain_nlp: Any, tmp_path: Path
) -> None:
    assert plain_nlp.disabled  # en_core_web_sm ships its senter disabled
    assert set(nlp.component_names) == set(plain_nlp.component_names) - set(plain_nlp.disabled)
    assert nlp.pipe_names == plain_nlp.pipe_names  # every component a text goes through
    line = 'tokenizer = {"@tokenizers":"spacy.Tokenizer.v1"}\ndisabled = ["senter"]'
    assert _load_options(str(_model_copy(tmp_path, line)))["exclude"] == ["senter"]


def test_the_lemmatizer_looks_words_up_in_sets_and_is_otherwise_unchanged(
    nlp: Any, plain_nlp: Any
) -> None:
    ours = nlp.get_pipe("lemmatizer")
    index = ours.lookups.get_table("lemma_index")
    assert index and all(isinstance(words, IndexedWords) for words in index.values())
    plain = plain_nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(list(index[key]) == plain[key] for key in plain)
    assert ours.to_bytes(exclude=["vocab"]) == plain_nlp.get_pipe("lemmatizer").to_bytes(
        exclude=["vocab"]
    )
    words = IndexedWords(["talk", "ferry"])
    assert "ferry" in words and "ferries" not in words and words == ["talk", "ferry"]


def test_a_tokenizer_the_files_left_empty_counts_as_incomplete(nlp: Any) -> None:
    from spacy.lang.en import English
    from spacy.tokenizer import Tokenizer

    blank = English()
    assert _tokenizer_complete(blank)  # the language defaults: complete
    blank.tokenizer = Tokenizer(blank.vocab)
    assert not _tokenizer_complete(blank)


def test_an_incomplete_tokenizer_is_rebuilt_the_usual_way(monkeypatch: pytest.MonkeyPatch) -> None:
    import crosswire.analyze.nlp as nlp_module

    monkeypatch.setattr(nlp_module, "_tokenizer_complete", lambda _: False)
    rebuilt = nlp_module.load_nlp.__wrapped__()  # past the per-process cache
    assert rebuilt.config["nlp"]["tokenizer"] == {"@tokenizers": "spacy.Tokenizer.v1"}
    assert len(rebuilt.tokenizer.rules) > 1000
