"""Per-article quote extraction: quote marks, cues, speaker positions and resolution."""

from __future__ import annotations

from typing import Any

import pytest

from crosswire.analyze.entities import extract_mentions
from crosswire.analyze.quote_marks import find_quote_spans
from crosswire.analyze.quotes import extract_attributions
from crosswire.model import Article, Attribution


def attributions(nlp: Any, text: str) -> list[Attribution]:
    doc = nlp(text)
    article = Article(id="t", text=text, outlet="test")
    return extract_attributions(doc, article, extract_mentions(doc, article))


def find(found: list[Attribution], fragment: str) -> Attribution:
    matches = [a for a in found if fragment in a.text]
    assert matches, f"no attribution contains {fragment!r}: {[a.text for a in found]}"
    return matches[0]


def test_quote_marks_curly_straight_angle_and_unclosed() -> None:
    text = (
        '“Curly quote here,” she said. He said "straight one here" today.\n'
        "«Angle quotes are fine» too. “This one never closes\n"
        "Next paragraph stays outside. Russia’s allies’ plans aren't quotes."
    )
    inner = [text[q.inner_start : q.inner_end] for q in find_quote_spans(text)]
    assert inner == [
        "Curly quote here",
        "straight one here",
        "Angle quotes are fine",
        "This one never closes",
    ]


def test_speaker_after_before_and_pronoun(nlp: Any) -> None:
    text = (
        "Deputy Secretary of State Wendy Sherman met the delegation on Monday.\n"
        "“We will not make decisions about Ukraine without Ukraine,” Ms Sherman said.\n"
        "Foreign Minister Sergei Lavrov said, “There is no reason to fear an escalation now.”\n"
        "Lavrov left early. “The talks were long and very professional,” he added."
    )
    found = attributions(nlp, text)
    assert find(found, "decisions about Ukraine").speaker == "Wendy Sherman"
    assert find(found, "no reason to fear").speaker == "Sergei Lavrov"
    pronoun = find(found, "long and very professional")
    assert (pronoun.speaker_text, pronoun.speaker) == ("he", "Sergei Lavrov")
    assert all(a.kind == "direct" for a in found)


def test_description_resolves_by_title_and_vague_speakers_stay_unresolved(nlp: Any) -> None:
    text = (
        "U.S. Deputy Secretary of State Wendy Sherman led the American side.\n"
        "“Nothing about you without you, as we always say,” the deputy secretary tweeted.\n"
        "“We expect a long and difficult process ahead,” a spokeswoman said."
    )
    found = attributions(nlp, text)
    assert find(found, "Nothing about you").speaker == "Wendy Sherman"
    vague = find(found, "long and difficult process")
    assert vague.speaker_text == "a spokeswoman" and vague.speaker is None


def test_pronoun_of_the_wrong_gender_is_not_guessed(nlp: Any) -> None:
    text = (
        "Ms Sherman spoke to reporters after the meeting.\n"
        "“The tone of the meeting was very reassuring today,” he said."
    )
    found = attributions(nlp, text)
    assert find(found, "tone of the meeting").speaker is None


def test_reported_speech_partial_quote_and_according_to(nlp: Any) -> None:
    text = (
        "Sergey Ryabkov said that Russia “has no intention of attacking Ukraine,” "
        "but the risk of confrontation is high.\n"
        "According to Wendy Sherman, the Russian side did not respond directly to the proposals."
    )
    found = attributions(nlp, text)
    partial = find(found, "no intention of attacking")
    assert partial.kind == "indirect" and partial.speaker == "Sergey Ryabkov"
    assert partial.text.startswith("Russia")  # content, without the complementiser
    according = find(found, "did not respond directly")
    assert (according.cue, according.speaker) == ("According to", "Wendy Sherman")
    # the partial quote is part of the reported speech, not a quote of its own
    assert sum("no intention" in a.text for a in found) == 1


def test_split_quote_and_follow_on_quote_share_speaker_and_cue(nlp: Any) -> None:
    text = (
        "“The fog was the enemy all evening,” said Marko Tamm, the rescue chief, "
        "“but the crew kept people calm.”\n"
        "“We had helicopters in the air within the hour.”\n"
        "Liisa Tamm, a passenger, was shaken."
    )
    found = attributions(nlp, text)
    first, second = find(found, "fog was the enemy"), find(found, "kept people calm")
    follow = find(found, "helicopters in the air")
    assert {first.speaker, second.speaker, follow.speaker} == {"Marko Tamm"}
    assert first.cue_start == second.cue_start == follow.cue_start


def test_bare_surname_means_the_last_person_named_in_full(nlp: Any) -> None:
    text = (
        "Liisa Tamm, a passenger, described the noise.\n"
        "Marko Tamm, who led the rescue, spoke later. Tamm said every passenger had been found."
    )
    found = attributions(nlp, text)
    assert find(found, "every passenger had been found").speaker == "Marko Tamm"


@pytest.mark.parametrize(
    "text",
    [
        "Officials called them “security guarantees” in the talks.",
        "The talks were “serious” and “businesslike,” diplomats noted.",
    ],
)
def test_scare_quotes_are_not_quotes(nlp: Any, text: str) -> None:
    assert not [a for a in attributions(nlp, text) if a.kind == "direct"]


def test_every_offset_slices_its_text(nlp: Any) -> None:
    text = (
        "“First quote is here, with some words,” Anna Berg said. She added that "
        "the plan “will not change at all” soon.\n“An unclosed quote runs to the end"
    )
    for a in attributions(nlp, text):
        assert text[a.start : a.end] == a.text
        if a.cue_start is not None and a.cue_end is not None:
            assert text[a.cue_start : a.cue_end] == a.cue
        if a.speaker_start is not None and a.speaker_end is not None:
            assert text[a.speaker_start : a.speaker_end] == a.speaker_text


def test_quotes_introduced_by_colon_bare_verb_and_no_break_space(nlp: Any) -> None:
    text = (
        "Harbour commissioner Ilse Varnholt opened the inquiry into the Marsby pier on Tuesday.\n"
        "The Marsby Pier Authority was blunt in its written findings:\u00a0“The decking was "
        "never inspected after the storm.”\n"
        "“We warned them about the pilings three times,” Varnholt countered.\u00a0“Nobody "
        "answered a single one of our letters.”\n"
        "“The old ferry ramp is closed until spring,” the notice on the gate read in part.\n"
        "Deputy mayor Oskar Lindqvist said the city would pay for the repairs. “We owe the "
        "islanders a working pier by summer.”"
    )
    found = attributions(nlp, text)
    colon = find(found, "never inspected")
    assert colon.kind == "direct" and colon.speaker_text is not None
    assert "Authority" in colon.speaker_text
    bare = find(found, "warned them about the pilings")
    assert bare.speaker == "Ilse Varnholt"
    assert text[bare.cue_start : bare.cue_end] == "countered"  # type: ignore[index]
    following = find(found, "single one of our letters")
    assert following.speaker == "Ilse Varnholt"
    assert all(text[a.start : a.end] == a.text for a in found)
    # "the notice … read in part": an object-less verb, but no name or pronoun to speak
    assert all(a.speaker is None for a in found if "ferry ramp" in a.text)
    # a quote right after someone's reported speech, in the same paragraph, is theirs
    assert find(found, "islanders a working pier").speaker == "Oskar Lindqvist"


def test_quote_signed_after_a_dash_takes_the_signing_name(nlp: Any) -> None:
    text = (
        "Readers wrote in after the council vote on the Harlow bridge.\n"
        "“The new bridge toll will push small shops out of the old town.” ― Marta Quell\n"
        "“Nobody asked the people who cross it every single day.” — Tomas Brindle, a ferry pilot\n"
        "“The vote was fair and the toll is modest” — and yet the shops closed.\n"
        "“We were never told the toll would double in a single year.” ―\u00a0Ana Ruiz Beltrán"
    )
    found = attributions(nlp, text)
    double = find(found, "toll would double")
    assert double.speaker_text == "Ana Ruiz Beltrán" and double.speaker == "Ana Ruiz Beltrán"
    toll = find(found, "push small shops")
    assert (toll.kind, toll.speaker_text, toll.cue) == ("direct", "Marta Quell", "―")
    assert find(found, "Nobody asked").speaker_text == "Tomas Brindle"
    assert all(a.speaker_text is None for a in found if "vote was fair" in a.text)


def test_partial_quotes_are_not_direct_quotes(nlp: Any) -> None:
    text = (
        "Mayor Ilse Varnholt called the Harlow bridge a “monument to wasted money” on Tuesday.\n"
        "Councillor Piet Oberlin said “the toll will stay low” for at least three years.\n"
        "Varnholt said, “We will vote again on the toll next spring.”"
    )
    found = attributions(nlp, text)
    direct = {a.text for a in found if a.kind == "direct"}
    assert any("vote again" in t for t in direct)
    assert not any(t.strip(".") == "monument to wasted money" for t in direct)
    assert not any(t.startswith("the toll will stay low") and t.endswith("low") for t in direct)


def test_speaker_named_between_quote_and_verb_over_a_title(nlp: Any) -> None:
    text = (
        "“The ferry schedule is broken and everyone knows it,” Nora Vell, a harbour pilot, "
        "said Monday on Radio Kestrel’s “Morning Tide.” “I mean, nobody can plan a day "
        "around these crossings anymore.”"
    )
    found = attributions(nlp, text)
    assert find(found, "ferry schedule is broken").kind == "direct"
    follow = find(found, "nobody can plan")
    assert follow.kind == "direct" and follow.speaker == "Nora Vell"


def test_participle_after_an_embedded_clause_speaks_for_the_main_subject(nlp: Any) -> None:
    text = (
        "Groups of ferry workers marched along the quay past the Harlow terminal - where the "
        'Kestrel Line docked its night boats - while chanting, "Fair pay, safe crossings."'
    )
    (chant,) = [a for a in attributions(nlp, text) if "Fair pay" in a.text]
    assert chant.speaker_text is not None and "workers" in chant.speaker_text


def test_stance_content_takes_the_phrase_that_completes_it(nlp: Any) -> None:
    text = "Mayor Ilse Varnholt blasted the harbour board for raising the ferry toll again."
    found = attributions(nlp, text)
    (blast,) = [a for a in found if a.cue == "blasted"]
    assert blast.text.startswith("the harbour board for raising the ferry toll")


def test_report_interrupted_by_its_cue_keeps_both_halves(nlp: Any) -> None:
    text = (
        "The new bridge, Mayor Ilse Varnholt said, would cut the crossing to four minutes.\n"
        "The old ferry was reliable, Piet Oberlin said, until the harbour silted up in 2019."
    )
    found = attributions(nlp, text)
    bridge = [a for a in found if "Varnholt" in (a.speaker or "")]
    assert {a.text for a in bridge} == {"The new bridge", "would cut the crossing to four minutes"}
    ferry = [a for a in found if "Oberlin" in (a.speaker or "")]
    assert {a.text for a in ferry} == {
        "The old ferry was reliable",
        "until the harbour silted up in 2019",
    }
    assert len({(a.cue_start, a.cue_end) for a in bridge}) == 1


def test_headline_opened_by_a_short_name_and_colon(nlp: Any) -> None:
    text = "Mayor Varnholt: Harlow toll will stay low for three years\nThe council met on Monday."
    found = attributions(nlp, text)
    headline = find(found, "toll will stay low")
    assert headline.speaker_text == "Mayor Varnholt" and headline.cue == ":"
    assert not [a for a in found if "council met" in a.text]


def test_a_long_line_before_a_colon_names_no_speaker(nlp: Any) -> None:
    text = (
        "The harbour board published its new timetable for the coming winter season: "
        "ferries will leave every hour from the north quay.\nPoll: most riders want more boats."
    )
    found = attributions(nlp, text)
    assert not [a for a in found if a.cue == ":" and "ferries will leave" in a.text]


def test_quote_the_writer_finishes_keeps_the_speaker_and_its_sentence(nlp: Any) -> None:
    text = (
        "“The toll is fair and it will stay,” said Ilse Varnholt, the mayor. “It is "
        "basically a maintenance fee and nothing more” for the old bridge."
    )
    found = attributions(nlp, text)
    first = find(found, "toll is fair")
    rest = find(found, "maintenance fee")
    assert rest.text.endswith("for the old bridge") and rest.kind == "indirect"
    assert (rest.cue_start, rest.speaker) == (first.cue_start, first.speaker)


def test_passive_cue_speaks_only_through_its_agent(nlp: Any) -> None:
    text = (
        "Investigators are expected to examine the radar logs of the Harlow ferry next week.\n"
        "The closure was announced by the harbour board on Monday."
    )
    found = attributions(nlp, text)
    assert not [a for a in found if a.speaker_text and "Investigators" in a.speaker_text]
    announced = [a for a in found if a.cue == "announced"]
    assert all("board" in (a.speaker_text or "board") for a in announced)


def test_stance_object_ends_at_the_writers_aside_not_inside_a_list(nlp: Any) -> None:
    text = (
        "Mayor Ilse Varnholt likened the bridge toll to a parking fee, which the council "
        "disputes.\nPiet Oberlin criticized the delays, the fares and the noise of the ferries."
    )
    found = attributions(nlp, text)
    (liken,) = [a for a in found if a.cue == "likened"]
    assert liken.text == "the bridge toll to a parking fee"
    (criticism,) = [a for a in found if a.cue == "criticized"]
    assert criticism.text.endswith("the noise of the ferries")


def test_a_semicolon_ends_reported_speech_and_its_cue(nlp: Any) -> None:
    text = (
        "Ilse Varnholt said the toll rise was not planned by her office; the ministry ordered "
        "it last week.\nPiet Oberlin said that the ferries would keep running through the "
        "winter; the board has not confirmed this."
    )
    found = attributions(nlp, text)
    said = {a.speaker_text: a.text for a in found if a.cue == "said"}
    assert said == {
        "Ilse Varnholt": "the toll rise was not planned by her office",
        "Piet Oberlin": "the ferries would keep running through the winter",
    }
    assert not [a for a in found if a.cue != "said" and "said" in a.text]
