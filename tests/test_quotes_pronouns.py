"""Pronoun speakers: the nearest fitting person, never past a nearer one of the other gender."""

from __future__ import annotations

from typing import Any

from crosswire.analyze.entities import extract_mentions
from crosswire.analyze.quotes import extract_attributions
from crosswire.model import Article, Attribution


def pronoun_speaker(nlp: Any, text: str, fragment: str) -> str | None:
    doc = nlp(text)
    article = Article(id="t", text=text, outlet="test")
    found: list[Attribution] = [
        a
        for a in extract_attributions(doc, article, extract_mentions(doc, article))
        if fragment in a.text
    ]
    assert len(found) == 1, [a.text for a in found]
    assert found[0].speaker_text is not None and found[0].speaker_text.lower() in {"he", "she"}
    return found[0].speaker


def test_pronoun_does_not_jump_over_a_nearer_speaker_of_the_other_gender(nlp: Any) -> None:
    text = (
        "Deputy Foreign Minister Sergei Ryabkov said the talks had been difficult.\n"
        "Ms Sherman said the two sides had discussed a treaty on missiles in Europe.\n"
        "He said the American side had raised ideas about limits on military exercises."
    )
    assert pronoun_speaker(nlp, text, "raised ideas") is None


def test_nearer_person_of_the_other_gender_blocks_even_when_not_a_subject(nlp: Any) -> None:
    text = (
        "Sergei Ryabkov spoke first. Ms Sherman answered him at length. "
        "“We see no reason to change our position at all,” he said."
    )
    assert pronoun_speaker(nlp, text, "no reason to change") is None


def test_the_subject_of_the_previous_sentence_is_the_topic(nlp: Any) -> None:
    text = (
        "Sergei Ryabkov rebuffed Ms Sherman on Monday. "
        "“We see no reason to change our position at all,” he said."
    )
    assert pronoun_speaker(nlp, text, "no reason to change") == "Sergei Ryabkov"


def test_a_person_of_unknown_gender_does_not_block(nlp: Any) -> None:
    text = (
        "Ms Sherman met Sergei Ryabkov on Monday. "
        "“We see no reason to change our position at all,” she said."
    )
    assert pronoun_speaker(nlp, text, "no reason to change") == "Sherman"
