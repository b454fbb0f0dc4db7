"""Name comparison: transliteration variants merge, look-alikes do not."""

from __future__ import annotations

import pytest

from crosswire.names import (
    acronym_of,
    first_names_match,
    fold,
    parse_person,
    person_match,
    place_key,
    surnames_match,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sergey Ryabkov", "Sergei A. Ryapkov"),
        ("Sergei Ryabkov", "Sergei Riabkov"),
        ("Antony Blinken", "Anthony Blinken"),
        ("Vladimir Putin", "Vladimir V. Putin"),
        ("Joe Biden", "Joseph R. Biden Jr."),
        ("Dmitry Volkov", "Dmitrii Volkow"),
        ("Kristjan Mägi", "Kristjan Magi"),
        ("W. Mark Felt Sr.", "Mark Felt"),
        ("Luis Gerardo (Jerry) Ortiz", "Jerry Ortiz"),
        ("Fred LaRue", "Frederick C. LaRue"),
        ("Attorney Shawn Holley", "Shawn Holley"),
    ],
)
def test_variants_of_one_person_match(a: str, b: str) -> None:
    assert person_match(parse_person(a), parse_person(b)) is not None
    assert person_match(parse_person(b), parse_person(a)) is not None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Joe Biden", "Jill Biden"),
        ("Marko Tamm", "Liisa Tamm"),
        ("Rob Jones", "Nick Jones"),
        ("George W. Bush", "George H. Bush"),
        ("Peter Hansen", "Peter Hanson Smith"),
    ],
)
def test_people_sharing_a_surname_do_not_match(a: str, b: str) -> None:
    assert person_match(parse_person(a), parse_person(b)) is None


def test_a_surname_alone_is_not_a_full_name() -> None:
    assert not parse_person("Ryabkov").full
    assert person_match(parse_person("Ryabkov"), parse_person("Sergei Ryabkov")) is None


def test_strict_surnames_tolerate_transliteration_but_not_other_names() -> None:
    assert surnames_match("Ryabkov", "Riabkov")
    assert surnames_match("Ryabkov", "Ryapkov")
    assert surnames_match("Hansen", "Hanson") is None
    assert surnames_match("Sherman", "Shearer") is None


def test_given_names() -> None:
    assert first_names_match("Sergey", "Sergei")
    assert first_names_match("W.", "Wendy")
    assert first_names_match("Wendy", "Walter") is None


def test_particles_stay_with_the_surname() -> None:
    assert parse_person("Gaetano Lo Presti").last == "Lo Presti"
    assert not parse_person("Lo Presti").full


def test_fold_handles_dots_case_accents_and_cyrillic() -> None:
    assert fold("U.S.") == fold("US") == "us"
    assert fold("the United States") == "united states"
    assert fold("Gdańsk") == "gdansk"
    assert fold("НАТО") == "nato"


def test_aliases_and_acronyms() -> None:
    assert place_key("North Atlantic Alliance")[0] == place_key("NATO")[0]
    assert place_key("U.S.")[0] == place_key("United States")[0]
    assert place_key("Microsoft Corp.")[0] == place_key("Microsoft")[0]
    assert acronym_of("OSCE", "Organization for Security and Co-operation in Europe")
    assert acronym_of("EMA", "Estonian Maritime Administration")
    assert not acronym_of("Nato", "North Atlantic Treaty Organization")  # not written as one


def test_a_city_and_a_country_do_not_share_a_key() -> None:
    assert place_key("Mexico City")[0] != place_key("Mexico")[0]
    assert place_key("Gulf of Finland")[0] != place_key("Finland")[0]
