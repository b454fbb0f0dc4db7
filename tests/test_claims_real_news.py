"""Claims on wire-style copy: the error kinds real news showed, on a made-up event.

The Orsk terminal fire, the outlets and every sentence here are invented for these tests.
"""

from __future__ import annotations

import hashlib
from typing import Any

from crosswire.analyze import analyze_doc
from crosswire.model import Article, Claim, Story
from crosswire.reconcile.claims import reconcile_claims
from crosswire.reconcile.entities import reconcile_entities


def _story(nlp: Any, texts: list[tuple[str, str]]) -> Story:
    analyses = []
    for number, (published, text) in enumerate(texts, start=1):
        article = Article(
            id=hashlib.sha1(text.encode()).hexdigest()[:16],
            text=text,
            outlet=f"Outlet {number}",
            published=published,
        )
        analyses.append(analyze_doc(nlp(text), article))
    return Story(analyses)


def _claims(story: Story, duplicate_of: dict[int, int | None] | None = None) -> list[Claim]:
    duplicates = duplicate_of or {n: None for n in range(1, len(story.analyses) + 1)}
    return reconcile_claims(story, reconcile_entities(story), duplicates)


def _wordings(claim: Claim) -> set[str]:
    return {w.lower() for v in claim.values for w in v.wording}


def _with(claims: list[Claim], wording: str) -> list[Claim]:
    return [c for c in claims if wording.lower() in _wordings(c)]


def test_extraction_skips_conversions_heights_and_reads_half_a_million(nlp: Any) -> None:
    story = _story(
        nlp,
        [
            (
                "2031-03-04",
                "The smoke drifted 40 kilometers (25 miles) inland. A 5-foot-2 college "
                "student pulled two workers from the flames. Half a million people live "
                "within the evacuation zone.",
            )
        ],
    )
    assertions = story.analyses[0].assertions
    texts = {a.text for a in assertions}
    assert "40 kilometers" in texts
    assert not any("25 miles" in t for t in texts)  # the bracketed conversion restates it
    assert not any(t.startswith("5") for t in texts)  # a height, not five students
    half = next(a for a in assertions if a.text.lower().startswith("half a million"))
    assert half.value == "500000"
    for a in assertions:
        assert story.analyses[0].article.text[a.start : a.end] == a.text


def test_ages_and_amounts_are_values_of_their_own(nlp: Any) -> None:
    story = _story(
        nlp,
        [
            (
                "2031-03-04",
                "The terminal manager, Ilse Varga, 47, said repairs would cost $12 million.",
            )
        ],
    )
    found = {a.attribute: a for a in story.analyses[0].assertions}
    assert found["age"].value == "47" and "Varga" in found["age"].subject
    assert found["amount"].value == "12000000 USD"
    assert not any(a.attribute.startswith("number of") for a in found.values())


def test_rival_tolls_of_one_place_are_a_dated_discrepancy(nlp: Any) -> None:
    story = _story(
        nlp,
        [
            ("2031-03-04", "In Orsk, 12 people were killed by the fire, the mayor said."),
            ("2031-03-05", "The fire at the grain terminal killed 14 people in Orsk, police said."),
            ("2031-03-05", "In Tavel, 3 people were killed by a second fire, the mayor said."),
        ],
    )
    claims = _claims(story)
    toll = _with(claims, "12 people")
    assert toll and toll[0].status == "discrepancy"
    assert toll[0].evolving  # sources of different days: a figure that changed
    assert toll[0].aligned_because
    assert not _with(claims, "3 people") or "3 people" not in _wordings(toll[0])


def test_a_subgroup_is_not_a_rival_toll(nlp: Any) -> None:
    story = _story(
        nlp,
        [
            ("2031-03-04", "The fire in Orsk killed 12 people, officials said."),
            ("2031-03-04", "One other died later in hospital in Orsk, officials said."),
        ],
    )
    assert not [c for c in _claims(story) if c.status == "discrepancy"]


def test_another_years_toll_is_not_compared(nlp: Any) -> None:
    story = _story(
        nlp,
        [
            ("2031-03-04", "The fire at the Orsk terminal killed 12 people, officials said."),
            ("2031-03-04", "A 1998 fire at the Orsk terminal killed 20 people, officials said."),
        ],
    )
    assert not [c for c in _claims(story) if c.status == "discrepancy"]


def test_a_figure_changed_between_versions_of_one_wire_story_is_shown(nlp: Any) -> None:
    first = "The Orsk terminal fire injured 157 people, the regional health office said."
    second = "The Orsk terminal fire injured 162 people, the regional health office said."
    story = _story(nlp, [("2031-03-04", first), ("2031-03-04", second)])
    claims = _claims(story, {1: None, 2: 1})  # the second is a later version of the first
    changed = _with(claims, "157 people")
    assert changed and changed[0].status == "discrepancy"
    assert changed[0].changed_in_reprint and changed[0].independent_sources == 1


def test_unsure_differences_are_figures_to_check_not_discrepancies(nlp: Any) -> None:
    story = _story(
        nlp,
        [
            ("2031-03-04", "Crews had worked for five hours at the terminal by noon."),
            ("2031-03-04", "Crews will need three weeks to clear the terminal."),
        ],
    )
    assert not [c for c in _claims(story) if c.status == "discrepancy"]


def test_a_supposed_case_is_not_a_reported_figure(nlp: Any) -> None:
    story = _story(
        nlp,
        [
            (
                "2031-03-04",
                "Under the plan, if a depot stored 900 tonnes of fuel, it would need a second "
                "pump. The Orsk depot stored 600 tonnes of fuel. If crews reach Lenko, 30 "
                "kilometers north of Orsk, they will refuel there.",
            )
        ],
    )
    texts = {a.text for a in story.analyses[0].assertions}
    assert not any(t.startswith("900") for t in texts)  # a condition, not a report
    assert any(t.startswith("600") for t in texts)
    assert any(t.startswith("30 kilometers") for t in texts)  # where a place is still stands


def test_casualty_nouns_and_totals_count_the_dead(nlp: Any) -> None:
    story = _story(
        nlp,
        [
            (
                "2031-03-04",
                "Officials reported one death at the Orsk terminal. The fire caused the deaths "
                "of at least five dockers. Over the decade, a total of 312 workers died in "
                "accidents at the port.",
            )
        ],
    )
    counts = {a.text: a.attribute for a in story.analyses[0].assertions if a.kind == "count"}
    assert counts.get("one death") == "number of people killed"
    assert counts.get("at least five dockers") == "number of people killed"
    assert counts.get("312 workers") == "number of people killed"


def test_a_count_takes_the_place_right_after_it() -> None:
    from crosswire.reconcile.claims import _nearest_place

    places = {"varnia": "Varnia", "arlania": "Arlania"}
    # "Six people died in southern Varnia and seven in Arlania": the seven are Arlania's.
    before = ["six", "people", "died", "in", "southern", "varnia", "and"]
    assert _nearest_place(before, ["in", "arlania"], places) == "Arlania"
    assert _nearest_place(["in", "varnia"], ["were", "killed"], places) == "Varnia"


def test_a_distance_without_its_origin_may_be_the_same_distance() -> None:
    from crosswire.reconcile.claims import head_key

    assert head_key("distance from orsk") == "distance"
    assert head_key("number of preseason game") == "number of game"


def test_only_the_part_after_a_total_is_a_subgroup(nlp: Any) -> None:
    story = _story(
        nlp,
        [
            (
                "2031-03-04",
                "The blast at the Orsk terminal killed 31 people, 4 of them firefighters.",
            ),
            ("2031-03-05", "The Orsk terminal blast killed 31 people, officials said."),
        ],
    )
    claims = _with(_claims(story), "31 people")
    assert claims and len({s for v in claims[0].values for s in v.sources}) == 2


def test_an_age_in_an_apposition_is_the_named_persons(nlp: Any) -> None:
    story = _story(
        nlp,
        [
            (
                "2031-03-04",
                "``We lost everything,'' said Pavel Orlin, the 61-year-old owner of Orlin Fuels.",
            )
        ],
    )
    ages = [a for a in story.analyses[0].assertions if a.attribute == "age"]
    assert ages and ages[0].value == "61" and ages[0].subject == "Pavel Orlin"


def test_hundreds_is_a_range_never_a_flag(nlp: Any) -> None:
    story = _story(
        nlp,
        [
            ("2031-03-04", "The Orsk terminal fire has killed hundreds, officials said."),
            ("2031-03-05", "The Orsk terminal fire has killed 1,400, officials said."),
            ("2031-03-05", "Tens of thousands of people fled the Orsk district."),
        ],
    )
    hundreds = next(a for a in story.analyses[0].assertions if a.value == "hundreds")
    assert (hundreds.low, hundreds.high) == (200.0, 1000.0)
    assert hundreds.attribute == "number of people killed"
    tens = next(a for a in story.analyses[2].assertions if a.value == "tens of thousands")
    assert tens.low == 20000.0 and tens.text.startswith("Tens of thousands")
    claims = _claims(story)
    assert not any(c.status == "discrepancy" for c in claims)
    assert any(c.status == "check" for c in _with(claims, "hundreds"))  # figures to check


def test_arrests_count_people_whoever_they_were(nlp: Any) -> None:
    story = _story(
        nlp,
        [
            ("2031-03-04", "Police said hundreds of dockers have been arrested in Orsk."),
            ("2031-03-05", "Hundreds were detained in Orsk, police said."),
            ("2031-03-05", "Officials said one man was arrested."),
        ],
    )
    attributes = {a.text.lower(): a.attribute for an in story.analyses for a in an.assertions}
    assert attributes["hundreds of dockers"] == "number of people arrested"
    assert attributes["hundreds"] == "number of people arrested"
    one = _with(_claims(story), "one man")
    assert one and "hundreds" not in _wordings(one[0])  # a single arrest is not "hundreds"


def test_a_bracketed_conversion_says_how_a_figure_was_rounded(nlp: Any) -> None:
    from crosswire.reconcile.claims import conflict

    story = _story(
        nlp,
        [
            ("2031-03-04", "The depot lies 4 kilometers (2 miles) outside Orsk."),
            ("2031-03-05", "The depot lies two miles (three kilometers) outside Orsk."),
            ("2031-03-05", "The depot lies 4 kilometers outside Orsk."),
        ],
    )
    four, two, plain = (next(a for a in an.assertions) for an in story.analyses)
    assert two.low is not None and two.high is not None
    assert (round(two.low), round(two.high)) == (2500, 3500)  # 2 miles, said to be 3 km
    assert conflict(four, two)  # 4 km and 3 km, however the miles were rounded
    assert not conflict(four, plain)


def test_a_measure_after_of_is_a_figure(nlp: Any) -> None:
    story = _story(
        nlp,
        [("2031-03-04", "The storm had winds of 80 mph. One of three pumps failed.")],
    )
    texts = {a.text for a in story.analyses[0].assertions}
    assert "80 mph" in texts
    assert not any(t.lower().startswith("three") for t in texts)


def test_a_symbol_is_not_a_counted_noun(nlp: Any) -> None:
    story = _story(nlp, [("2031-03-04", "The charity has released # 50,000 from its funds.")])
    assert not any(a.kind == "count" for a in story.analyses[0].assertions)


def test_only_a_toll_of_one_place_may_grow_by_orders(nlp: Any) -> None:
    from crosswire.reconcile.claims import _series_pair, story_items

    story = _story(
        nlp,
        [
            ("2031-03-04", "The remaining 14 people waiting for results live in Varnia."),
            ("2031-03-05", "The flu may have infected more than 2,500 people in Varnia."),
            ("2031-03-05", "Two people were killed in Varnia."),
            ("2031-03-06", "The flu has killed 40 people in Varnia."),
        ],
    )
    items = story_items(story, reconcile_entities(story), {n: None for n in range(1, 5)})
    waiting, infected, two, forty = (next(m for m in items if m.source == n) for n in range(1, 5))
    assert waiting.place == infected.place == "Varnia"
    assert not _series_pair(waiting, infected, 0.5)  # two counts of people, not one toll
    assert _series_pair(two, forty, 0.5)  # one place's toll may grow by orders


def test_members_alone_are_what_is_counted() -> None:
    from crosswire.reconcile.claims import attribute_key

    assert attribute_key("number of crew members") == "number of crew"
    assert attribute_key("number of members") == "number of member"


def test_money_in_millions_and_time_into_an_event_are_no_measures(nlp: Any) -> None:
    """ "420m euros" is money, not 420 metres; "two weeks into the inquiry" is how far
    along the inquiry is, not how long it lasts."""
    story = _story(
        nlp,
        [
            (
                "2031-03-05",
                "Donors pledged 420m euros for Orsk. It is two weeks into the inquiry, and "
                "the inquiry is expected to last five weeks.",
            )
        ],
    )
    assertions = story.analyses[0].assertions
    assert not any(a.attribute.startswith("distance") for a in assertions), assertions
    durations = [a.text for a in assertions if a.attribute == "duration"]
    assert durations == ["five weeks"], durations


def test_a_change_amount_is_no_reading_and_a_crowd_is_no_toll(nlp: Any) -> None:
    """ "rose more than 300 places" is how far a ranking moved, not a level to set beside
    "four places"; people in one place are not a toll of that place."""
    story = _story(
        nlp,
        [
            (
                "2031-03-04",
                "The Orsk Courier's website rose more than 300 places in the rankings. In "
                "Orsk, about 5,000 people queued outside the terminal gates.",
            ),
            (
                "2031-03-05",
                "The board would give the port four places on the council. Volunteers in "
                "Orsk handed 2,000 people bottles of water.",
            ),
        ],
    )
    flagged = [c for c in _claims(story) if c.status == "discrepancy"]
    assert not flagged, [(c.attribute, [v.value for v in c.values]) for c in flagged]


def test_readings_of_one_measured_thing_are_one_series(nlp: Any) -> None:
    """Two outlets' wind speeds of one storm, far apart: one measurement over time."""
    story = _story(
        nlp,
        [
            ("2031-03-04", "The cyclone struck Orsk with winds of 150 mph on Monday."),
            ("2031-03-05", "By Tuesday the cyclone's winds had weakened to 45 mph."),
        ],
    )
    speeds = [c for c in _claims(story) if c.attribute.startswith("speed")]
    assert speeds and speeds[0].status == "discrepancy", speeds
    assert speeds[0].attribute == "speed of wind" and speeds[0].evolving
    assert {s for v in speeds[0].values for s in v.sources} == {1, 2}


def test_a_toll_without_a_place_does_not_take_a_placed_toll_from_its_rival(nlp: Any) -> None:
    """Two tolls of one region are rival reports; a third without a place may be the
    region's or another's, so it must not pull one of them into an unsure claim."""
    story = _story(
        nlp,
        [
            (
                "2031-03-06",
                "Officials in the Varnia Basin estimated Tuesday that about 700 people have "
                "died in the region. Earlier, a mudslide had killed 40 people in Orsk.",
            ),
            (
                "2031-03-06",
                "The cyclone killed an estimated 900 people throughout the Varnia Basin.",
            ),
            ("2031-03-06", "Relief officials said the cyclone killed more than 1,000 people."),
        ],
    )
    claims = _claims(story)
    flagged = [c for c in claims if c.status == "discrepancy"]
    assert any({s for v in c.values for s in v.sources} >= {1, 2} for c in flagged), [
        (c.status, [(v.value, v.sources) for v in c.values]) for c in claims
    ]


def test_each_sources_one_count_of_people_needs_some_like_words(nlp: Any) -> None:
    """One count of dead a source is not one fact when nothing else is said alike."""
    story = _story(
        nlp,
        [
            (
                "2031-05-10",
                "The patient was treated with Tamiflu and was in a stable condition. Some "
                "26 Varnians have died after contracting the virus.",
            ),
            (
                "2031-05-14",
                "Officials fear the new strain of flu virus that has killed over 50 people "
                "and infected more than 5,000 worldwide.",
            ),
        ],
    )
    flagged = [c for c in _claims(story) if c.status == "discrepancy"]
    assert not flagged, [(c.attribute, [v.value for v in c.values]) for c in flagged]


def test_shares_of_one_whole_are_not_readings_of_one_thing(nlp: Any) -> None:
    """ "90 percent of the population" and "10 percent of the population": two groups."""
    story = _story(
        nlp,
        [
            ("2031-03-04", "Ethnic Varnians make up 90 percent of the population of Orsk."),
            ("2031-03-05", "Arlanders are only 10 percent of the population of Orsk."),
        ],
    )
    flagged = [c for c in _claims(story) if c.status == "discrepancy"]
    assert not flagged, [(c.attribute, [v.value for v in c.values]) for c in flagged]


def test_labels_and_clock_times_are_no_counts(nlp: Any) -> None:
    """ "phase six" names a phase; "7.00 pm" is a time."""
    story = _story(
        nlp,
        [("2031-03-04", "The highest alert is phase six. The Orsk briefing starts at 7.00 pm.")],
    )
    counts = [a.text for a in story.analyses[0].assertions if a.kind == "count"]
    assert counts == [], counts


def test_rates_new_cases_and_other_peoples_families_are_not_the_toll(nlp: Any) -> None:
    """ "10,000 die every year" is a rate; "two new cases" an increment; one man's three
    daughters are not another's two; "Chris Vale, 27" is not "Chris Muir, 32"."""
    story = _story(
        nlp,
        [
            (
                "2031-03-04",
                "Eight people are killed on the roads in Orsk each day. The agency has "
                "confirmed 236 cases. Divorced with three daughters, Chris Vale, 27, served "
                "in Orsk.",
            ),
            (
                "2031-03-05",
                "Some 10,000 people die of influenza every year in Orsk. Tonight officials "
                "announced two new cases. Chris Muir, 32, is survived by two daughters.",
            ),
        ],
    )
    flagged = [c for c in _claims(story) if c.status == "discrepancy"]
    assert not flagged, [(c.attribute, [v.value for v in c.values]) for c in flagged]


def test_a_few_of_a_common_kind_need_like_words_a_few_of_a_rare_kind_do_not(
    nlp: Any,
) -> None:
    """ "two competing arguments" and "three arguments support it" are not one count;
    "two tug boats" and "three tugs" bringing one ship in are."""
    arguments = _story(
        nlp,
        [
            ("2031-03-04", "There are two competing arguments about the Orsk contract."),
            ("2031-03-04", "Three particular arguments support that approach, the memo says."),
        ],
    )
    assert not [c for c in _claims(arguments) if c.status == "discrepancy"]
    tugs = _story(
        nlp,
        [
            ("2031-03-04", "Two tug boats brought the damaged ferry into the harbour at noon."),
            ("2031-03-05", "The ferry came home to Orsk on Thursday, pulled by three tugs."),
        ],
    )
    assert any(c.status == "discrepancy" for c in _claims(tugs))


def test_the_kind_word_of_the_storys_main_named_thing_is_that_thing(nlp: Any) -> None:
    """ "the cyclone was moving at 9 mph" and "Zenko was drifting at 2 mph": one speed,
    when Cyclone Zenko is the story's cyclone."""
    story = _story(
        nlp,
        [
            (
                "2031-03-04",
                "Cyclone Zenko hit Orsk. The 300-mile wide cyclone was moving west at 9 mph.",
            ),
            ("2031-03-05", "Cyclone Zenko stalled. Zenko was drifting west at only 2 mph."),
            ("2031-03-06", "Cyclone Zenko moved on. Zenko was moving west at 9 mph."),
        ],
    )
    speeds = [c for c in _claims(story) if c.attribute.startswith("speed")]
    flagged = [c for c in speeds if c.status == "discrepancy"]
    assert flagged and flagged[0].attribute == "speed of zenko", [
        (c.status, c.attribute, [(v.value, v.sources) for v in c.values]) for c in speeds
    ]


def test_others_in_a_named_place_are_that_places_toll(nlp: Any) -> None:
    """ "Eight others died in Varnia" is Varnia's toll, not a part of another count; one
    other who "died later" is a part."""
    story = _story(
        nlp,
        [
            (
                "2031-03-04",
                "The floods killed 30 people in Orsk. Eight others died in Varnia in flooding.",
            ),
            ("2031-03-08", "In Varnia, around 2,000 people were killed by the floods."),
        ],
    )
    varnia = [
        c
        for c in _claims(story)
        if c.status == "discrepancy" and {s for v in c.values for s in v.sources} == {1, 2}
    ]
    assert varnia and varnia[0].evolving, _claims(story)
    assert _subgroup_of(nlp, "Two died at once. One other died later in hospital.")


def _subgroup_of(nlp: Any, text: str) -> bool:
    from crosswire.reconcile.claims import story_items

    story = _story(nlp, [("2031-03-04", text)])
    items = story_items(story, reconcile_entities(story), {1: None})
    return any(i.subgroup for i in items if i.assertion.text.lower().startswith("one"))


def test_a_place_holding_most_of_a_figure_is_not_its_scope(nlp: Any) -> None:
    """ "60 deaths have been confirmed, most in Varnia" is not Varnia's toll."""
    story = _story(
        nlp,
        [
            (
                "2031-05-10",
                "Globally, the agency has confirmed 4,694 infections. The fever has killed, "
                "with 48 confirmed deaths in Varnia, three in Arland and one in Orsk.",
            ),
            (
                "2031-05-11",
                "Globally, the agency has confirmed 4,694 infections in 30 countries. Sixty "
                "deaths have been confirmed, most in Varnia with three in Arland.",
            ),
        ],
    )
    flagged = [c for c in _claims(story) if c.status == "discrepancy"]
    assert not flagged, [(c.attribute, [v.value for v in c.values]) for c in flagged]
