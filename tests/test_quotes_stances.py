"""Stances and deeds (learned constructions, agentless passives): recorded, marked, kept out of
the brief's quotes."""

from __future__ import annotations

from typing import Any

from crosswire.analyze import analyze_article
from crosswire.analyze.cues import cue_relations, reports_by_construction_only
from crosswire.analyze.entities import extract_mentions
from crosswire.analyze.quotes import extract_attributions
from crosswire.model import Article, Attribution, Story
from crosswire.reconcile.entities import reconcile_entities
from crosswire.reconcile.quotes import export_attributions, reconcile_quotes


def attributions(nlp: Any, text: str) -> list[Attribution]:
    doc = nlp(text)
    article = Article(id="t", text=text, outlet="test")
    return extract_attributions(doc, article, extract_mentions(doc, article))


def story(*texts: str) -> Story:
    return Story(
        [analyze_article(Article(id=f"s{i}", text=t, outlet=f"o{i}")) for i, t in enumerate(texts)]
    )


def test_the_learned_lexicon_reads_stance_verbs_only_through_their_constructions() -> None:
    relations = cue_relations()
    # learned from PolNeAR train: "attacked <X>" and "seeks to <X>" report; the verbs alone are
    # too often deeds ("the storm attacked the coast") to count as cues in any construction
    assert "dobj" in relations["attack"] and reports_by_construction_only("attack")
    assert "xcomp" in relations["seek"] and reports_by_construction_only("seek")
    assert not reports_by_construction_only("say")


def test_a_stance_construction_is_recorded_with_its_speaker_and_marked(nlp: Any) -> None:
    text = (
        "Mayor Ilse Varnholt attacked the harbour board's new toll on Tuesday.\n"
        "Piet Oberlin said the ferries would keep running through the winter."
    )
    found = attributions(nlp, text)
    (stance,) = [a for a in found if a.cue == "attacked"]
    assert stance.stance and stance.kind == "indirect"
    assert stance.speaker_text is not None and "Varnholt" in stance.speaker_text
    assert text[stance.start : stance.end] == stance.text
    assert stance.text.startswith("the harbour board's new toll")
    (speech,) = [a for a in found if a.cue == "said"]
    assert not speech.stance


def test_an_agentless_passive_reports_its_subject_and_complement_and_no_speaker(nlp: Any) -> None:
    text = "The Harlow ferry operator was accused of ignoring the radar warnings last winter."
    found = [a for a in attributions(nlp, text) if a.cue == "accused"]
    assert {a.text for a in found} == {
        "The Harlow ferry operator",
        "of ignoring the radar warnings last winter",
    }
    assert all(a.stance and a.speaker is None and a.speaker_text is None for a in found)
    assert all(text[a.start : a.end] == a.text for a in found)


def test_a_passive_with_its_agent_reports_its_subject_with_the_agent_as_speaker(
    nlp: Any,
) -> None:
    text = "The new timetable was criticized by the Harlow ferry union for its early sailings."
    found = [a for a in attributions(nlp, text) if a.cue == "criticized"]
    assert "The new timetable" in {a.text for a in found}
    assert all(a.stance and "union" in (a.speaker_text or "") for a in found)
    assert not [a for a in found if "union" in a.text]


def test_a_stance_on_a_phrase_in_quotation_marks_is_not_a_direct_quote(nlp: Any) -> None:
    text = (
        "Councillor Ada Brenn attacked “the reckless schedule of the harbour board” in a "
        "letter to residents."
    )
    (stance,) = [a for a in attributions(nlp, text) if a.cue == "attacked"]
    assert stance.kind == "indirect" and stance.stance
    assert "reckless schedule" in stance.text


def test_the_brief_keeps_stances_out_of_its_quotes_but_the_export_lists_them() -> None:
    text = (
        "Mayor Ilse Varnholt attacked the harbour board's new toll on Tuesday.\n"
        "“The toll will be gone by spring,” Varnholt said."
    )
    one = story(text)
    entities = reconcile_entities(one)
    shown = [q.text for q in reconcile_quotes(one, entities)]
    assert shown == ["The toll will be gone by spring"]
    exported = export_attributions(one, entities)["attributions"]
    stances = [r for r in exported if r["stance"]]
    assert [r["cue"] for r in stances] == ["attacked"]
    assert all(not r["stance"] for r in exported if r["cue"] == "said")


def test_a_view_is_a_stance_and_a_statement_is_not(nlp: Any) -> None:
    text = (
        "Councillor Ada Brenn thinks the bridge toll is far too high for commuters.\n"
        "Councillor Ada Brenn said the bridge toll is far too high for commuters."
    )
    found = {a.cue: a for a in attributions(nlp, text)}
    assert (
        found["thinks"].text
        == found["said"].text
        == "the bridge toll is far too high for commuters"
    )
    assert found["thinks"].stance and not found["said"].stance
