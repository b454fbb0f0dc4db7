"""A place name standing for a team whose own name after the place is two words."""

from __future__ import annotations

from crosswire.model import Mention
from crosswire.reconcile.entities.places import place_for_team

TEXTS = [
    "The Orsk Red Hawks won again. Orsk beat Varna 3-1. The Red Hawks lead the league.",
    "The Orsk Red Hawks signed a pitcher, the Red Hawks said.",
    "The Orsk Red Hawks play Varna next.",
]


def _mention(source: int, text: str, label: str, occurrence: int = 0) -> tuple[int, Mention]:
    body, at = TEXTS[source - 1], -1
    for _ in range(occurrence + 1):
        at = body.index(text, at + 1)
    return source, Mention(f"a{source}", at, at + len(text), text, label)


def test_a_place_stands_for_a_team_whose_name_is_two_words() -> None:
    """ "Orsk beat Varna" for the Orsk Red Hawks, as "Orsk" would for the Orsk Hawks."""
    mentions = [
        _mention(1, "Orsk Red Hawks", "ORG"),
        _mention(1, "Orsk", "GPE", 1),
        _mention(1, "Red Hawks", "ORG"),
        _mention(2, "Orsk Red Hawks", "ORG"),
        _mention(2, "Red Hawks", "ORG"),
        _mention(3, "Orsk Red Hawks", "ORG"),
    ]
    for source, m in mentions:
        assert TEXTS[source - 1][m.start : m.end] == m.text
    out, changed = place_for_team(mentions, TEXTS)
    standing = out[1][1]
    assert (standing.text, standing.label, standing.name) == ("Orsk", "ORG", "Orsk Red Hawks")
    assert id(standing) in changed
    assert all(m.label != "ORG" or m.text != "Varna" for _, m in out)
