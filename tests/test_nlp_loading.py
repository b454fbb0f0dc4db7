"""The spaCy pipeline crosswire loads is the model as spaCy would load it, built with less work."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLE
from crosswire.analyze.nlp import (
    MODEL_TOKENIZER,
    _tokenizer_complete,
    _tokenizer_from_files,
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
    assert nlp.tokenizer.to_bytes() == plain_nlp.tokenizer.to_bytes()
    assert nlp.tokenizer.rules == plain_nlp.tokenizer.rules
    assert nlp.pipe_names == plain_nlp.pipe_names


def test_every_annotation_is_the_one_spacy_gives(nlp: Any, plain_nlp: Any) -> None:
    texts = [a.text for a in read_articles([EXAMPLE]).articles]
    texts.append("Dr. O'Neill can't say whether the U.S.-led talks (Jan. 10) won't resume :-)")
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
    assert _tokenizer_from_files(str(_model_copy(tmp_path, line, with_file))) is expected
    assert _tokenizer_from_files("no_such_model_package") is False


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
