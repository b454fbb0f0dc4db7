"""Story-wide mention repair: headline run-ons cut, missed names recovered, offsets kept."""

from __future__ import annotations

from crosswire.analyze.story_mentions import refine_story_mentions
from crosswire.model import Article, ArticleAnalysis, Mention, Story
from crosswire.reconcile.entities import mention_records, reconcile_entities


def _analysis(number: int, text: str, *spans: tuple[str, str, int]) -> ArticleAnalysis:
    """An article whose mentions are ``(text, label, occurrence)`` found in ``text``."""
    mentions = []
    for surface, label, nth in spans:
        start = -1
        for _ in range(nth + 1):
            start = text.index(surface, start + 1)
        mentions.append(Mention(f"a{number}", start, start + len(surface), surface, label, surface))
    return ArticleAnalysis(Article(id=f"a{number}", text=text, outlet=f"o{number}"), [], mentions)


def _story() -> Story:
    return Story(
        [
            _analysis(
                1,
                "Velmora Launches Recall Of Kettles After Fires In Dunmere. "
                "Velmora said it launches a recall of 4,000 kettles sold in Dunmere. "
                "The recall follows two fires, Velmora said.",
                ("Velmora Launches", "ORG", 0),
                ("Dunmere", "GPE", 0),
                ("Velmora", "ORG", 1),
                ("Dunmere", "GPE", 1),
                ("Velmora", "ORG", 2),
            ),
            _analysis(
                2,
                "Kettle recall widens. Regulators in Dunmere said Velmora acted after a "
                "second fire. Nick Velmora, a local councillor, is no relation.",
                ("Dunmere", "GPE", 0),
            ),
            _analysis(
                3,
                "Harbor Tech says its own kettles are safe. Its harbor depot in Dunmere was "
                "checked by inspectors and Velmora was not named.",
                ("Harbor", "ORG", 0),
            ),
        ]
    )


def test_a_headline_run_on_is_cut_to_the_name_the_story_writes_alone() -> None:
    story = _story()
    refine_story_mentions(story.analyses)
    first = story.analyses[0]
    texts = [m.text for m in first.mentions]
    assert "Velmora Launches" not in texts
    head = min(first.mentions, key=lambda m: m.start)
    assert (head.start, head.text) == (0, "Velmora")
    for m in first.mentions:
        assert first.article.text[m.start : m.end] == m.text


def test_a_name_the_story_knows_is_recovered_where_ner_missed_it_and_nowhere_else() -> None:
    story = _story()
    refine_story_mentions(story.analyses)
    second, third = story.analyses[1], story.analyses[2]
    found = {(m.start, m.text) for m in second.mentions}
    at = second.article.text.index("Velmora acted")
    assert (at, "Velmora") in found
    # "Nick Velmora" is another name's half: no mention of the company there.
    nick = second.article.text.index("Nick Velmora") + len("Nick ")
    assert all(m.start != nick for m in second.mentions)
    # "Harbor" is a word the story writes in lower case, so it is not looked for again.
    assert [m.text for m in third.mentions].count("Harbor") == 1
    for analysis in story.analyses:
        for m in analysis.mentions:
            assert analysis.article.text[m.start : m.end] == m.text


def test_repaired_mentions_are_one_entity_in_the_export_and_repair_is_idempotent() -> None:
    story = _story()
    records = mention_records(story, reconcile_entities(story))
    owners = {r["entity"] for r in records if r["text"] == "Velmora"}
    assert len(owners) == 1 and None not in owners
    assert {r["source"] for r in records if r["text"] == "Velmora"} == {1, 2, 3}
    again = mention_records(story, reconcile_entities(story))
    assert [(r["source"], r["start"], r["end"]) for r in again] == [
        (r["source"], r["start"], r["end"]) for r in records
    ]


def test_gold_mentions_are_kept_as_given_without_refinement() -> None:
    story = _story()
    reconcile_entities(story, refine=False)
    assert "Velmora Launches" in [m.text for m in story.analyses[0].mentions]
    assert len(story.analyses[1].mentions) == 1


def test_names_joined_by_and_become_two_mentions_only_when_each_is_known() -> None:
    text = (
        "Kestrel Labs and Norvik Mills signed the deal. Kestrel Labs said the deal with "
        "Norvik Mills closes in May. Devon and Tarnby Rescue was not involved."
    )
    story = Story(
        [
            _analysis(
                1,
                text,
                ("Kestrel Labs and Norvik Mills", "ORG", 0),
                ("Kestrel Labs", "ORG", 1),
                ("Norvik Mills", "ORG", 1),
                ("Devon and Tarnby Rescue", "ORG", 0),
            )
        ]
    )
    refine_story_mentions(story.analyses)
    spans = {(m.start, m.text) for m in story.analyses[0].mentions}
    assert (0, "Kestrel Labs") in spans and (text.index("Norvik"), "Norvik Mills") in spans
    assert (text.index("Devon"), "Devon and Tarnby Rescue") in spans


def test_a_person_span_joined_by_and_is_cut_to_the_known_name() -> None:
    text = "Harlow fired Tobias Quell. It was a matter of time before Brisk and Quell met again."
    story = Story(
        [
            _analysis(
                1,
                text,
                ("Tobias Quell", "PERSON", 0),
                ("Brisk and Quell", "PERSON", 0),
            )
        ]
    )
    refine_story_mentions(story.analyses)
    spans = {(m.start, m.text) for m in story.analyses[0].mentions}
    assert (text.index("Quell met"), "Quell") in spans
    assert not any(" and " in m.text for m in story.analyses[0].mentions)
    assert all(text[m.start : m.end] == m.text for m in story.analyses[0].mentions)


def test_a_headline_verb_is_cut_off_a_name_whatever_its_inflection() -> None:
    text = "Rovers Hire Tobias Quell\nThe Rovers hired Tobias Quell as coach on Monday."
    story = Story(
        [
            _analysis(
                1,
                text,
                ("Hire Tobias Quell", "PERSON", 0),
                ("Tobias Quell", "PERSON", 0),
            )
        ]
    )
    story.analyses[0].mentions[1].start = text.index("Tobias Quell as")
    story.analyses[0].mentions[1].end = story.analyses[0].mentions[1].start + len("Tobias Quell")
    refine_story_mentions(story.analyses)
    first = min(story.analyses[0].mentions, key=lambda m: m.start)
    assert first.text == "Tobias Quell" and text[first.start : first.end] == "Tobias Quell"


def test_a_given_name_like_an_inflected_common_word_is_not_cut_off() -> None:
    text = (
        "Statement Given By Tim Marle\n"
        "In a statement given by Tim Marle, his adviser, it was time to go. Marle said so."
    )
    story = Story(
        [
            _analysis(
                1,
                text,
                ("Tim Marle", "PERSON", 1),
                ("Marle", "PERSON", 2),
            )
        ]
    )
    refine_story_mentions(story.analyses)
    assert "Tim Marle" in [m.text for m in story.analyses[0].mentions]
