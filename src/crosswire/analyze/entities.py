"""Named-entity mentions of one article, each linked to its fullest in-article name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crosswire.model import Article, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}


def extract_mentions(doc: Doc, article: Article) -> list[Mention]:
    """spaCy's entities of the kinds a who's who lists."""
    sentence_index = {sent.start: i for i, sent in enumerate(doc.sents)}
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        mentions.append(
            Mention(
                article.id,
                ent.start_char,
                ent.end_char,
                ent.text,
                ent.label_,
                name=ent.text,
                sentence=sentence_index.get(ent.sent.start, -1),
            )
        )
    return mentions
