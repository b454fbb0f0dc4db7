"""Per-article mentions: names trimmed, linked to the fullest in-article form, roles apart."""

from __future__ import annotations

from typing import Any

from crosswire.analyze.entities import extract_mentions
from crosswire.model import Article, Mention

TEXT = (
    "Russia's Deputy Foreign Minister Sergey Ryabkov met United States Deputy Secretary of "
    "State Wendy R. Sherman in Geneva on Monday. Ms Sherman said the talks were frank. "
    "Ryabkov said Moscow wanted guarantees. Ned Price, the State Department spokesman, said "
    "Sherman would brief NATO allies. The Organization for Security and Co-operation in "
    "Europe (OSCE) meets on Thursday; the OSCE will hear both sides."
)


def _mentions(nlp: Any, text: str = TEXT) -> list[Mention]:
    article = Article(id="a1", text=text, outlet="test")
    return extract_mentions(nlp(text), article)


def _by_text(mentions: list[Mention], text: str) -> list[Mention]:
    return [m for m in mentions if m.text == text]


def test_offsets_slice_exactly_the_text_they_claim(nlp: Any) -> None:
    for mention in _mentions(nlp):
        assert TEXT[mention.start : mention.end] == mention.text


def test_surnames_and_courtesy_titles_link_to_the_fullest_name(nlp: Any) -> None:
    mentions = _mentions(nlp)
    shermans = [m for m in mentions if "Sherman" in m.text]
    assert {m.text for m in shermans} >= {"Wendy R. Sherman", "Sherman"}
    assert all(m.name == "Wendy R. Sherman" for m in shermans)
    assert all(m.name == "Sergey Ryabkov" for m in mentions if "Ryabkov" in m.text)
    assert not any(m.text.startswith("Ms") for m in mentions)


def test_titles_become_roles_without_the_country(nlp: Any) -> None:
    mentions = _mentions(nlp)
    (ryabkov,) = _by_text(mentions, "Sergey Ryabkov")
    assert ryabkov.role == "Deputy Foreign Minister"
    (sherman,) = _by_text(mentions, "Wendy R. Sherman")
    assert sherman.role == "Deputy Secretary of State"
    (price,) = _by_text(mentions, "Ned Price")
    assert price.role is not None and price.role.endswith("spokesman")
    assert not any(m.text == "State" for m in mentions)  # part of a title, not an organisation


def test_an_acronym_defined_in_brackets_links_to_its_long_form(nlp: Any) -> None:
    mentions = _mentions(nlp)
    osce = [m for m in mentions if m.text == "OSCE"]
    assert osce and len({m.name for m in osce}) == 1
    assert osce[0].name.startswith("Organization for Security")


def test_two_people_sharing_a_surname_stay_apart(nlp: Any) -> None:
    text = (
        "Joe Biden spoke first. His wife Jill Biden spoke later. "
        "Jill Biden thanked the crowd. Joe Biden left early."
    )
    names = {m.name for m in _mentions(nlp, text) if m.label == "PERSON"}
    assert {"Joe Biden", "Jill Biden"} <= names


def test_a_ship_named_after_its_type_word_is_not_an_entity_kind(nlp: Any) -> None:
    text = "The ferry Baltic Star collided with the cargo ship Mira Trader near Tallinn."
    kinds = {m.text: m.label for m in _mentions(nlp, text)}
    assert kinds.get("Baltic Star", "PRODUCT") == "PRODUCT"
    assert kinds.get("Mira Trader", "PRODUCT") == "PRODUCT"


def test_a_plurals_possessive_apostrophe_ends_the_name(nlp: Any) -> None:
    text = "McKee scored his 11th point of the Bluejays’ Valley tournament opener on Friday."
    names = [m for m in _mentions(nlp, text) if "Bluejays" in m.text]
    assert names, "spaCy is expected to find the team here"
    assert all(m.text == "Bluejays" and text[m.start : m.end] == m.text for m in names)
