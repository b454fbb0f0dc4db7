"""Noise lines in their real-world forms go, with a reason; reporting that looks like them stays."""

from __future__ import annotations

import pytest

from crosswire.clean import clean_article, clean_text, noise_reason
from crosswire.model import Article, Removal

NOISE = [
    # share prompts
    ("Share this story", "share prompt"),
    ("Share and Enjoy !", "share prompt"),
    ("Share this article:", "share prompt"),
    ("Share on Facebook", "share prompt"),
    ("Tweet", "share prompt"),
    ("Click to share on WhatsApp (Opens in new window)", "share prompt"),
    ("Copy link", "share prompt"),
    # follow prompts
    ("Follow us on Twitter, Facebook and Google News", "follow prompt"),
    ("Follow us on X and Facebook", "follow prompt"),
    ("Follow The Daily Courier on Instagram, Facebook and YouTube.", "follow prompt"),
    ("Join us on Telegram for breaking news", "follow prompt"),
    # comment forms and their policy lines
    ("Leave a Reply", "comment form"),
    ("Leave a Reply Cancel reply", "comment form"),
    ("Your email address will not be published.", "comment form"),
    ("Your email address will not be published. Required fields are marked *", "comment form"),
    (
        "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
        "comment form",
    ),
    (
        "Save my name, email, and website in this browser for the next time I comment.",
        "comment form",
    ),
    ("Comment *", "comment form"),
    ("Post Comment", "comment form"),
    ("Comments (3)", "comment form"),
    # newsletter prompts
    ("Never miss any important news. Subscribe to our newsletter.", "newsletter prompt"),
    ("Subscribe to our newsletter.", "newsletter prompt"),
    ("Sign up for our free daily newsletter and never miss a story.", "newsletter prompt"),
    ("Get the Herald in your inbox", "newsletter prompt"),
    ("Get the day's top stories from the Nordics every morning at 7.", "newsletter prompt"),
    # see-also links: a short headline-like fragment pointing elsewhere
    ("See also\u00a0 Council approves new cycle lane on Harbour Road", "see-also link"),
    ("read more\u00a0 Container freight rates slip for a third straight week", "see-also link"),
    ("READ MORE: Mortgage rates edge lower for second month", "see-also link"),
    ("Related: Five places to eat fish soup this autumn", "see-also link"),
    ("Related stories", "see-also link"),
    ("You may also like:", "see-also link"),
    # photo labels and credits, including a machine-translated "credit"
    ("Picture", "photo label"),
    ("Enlarge this image", "photo label"),
    ("Photo: R. Kask / Baltic Wire", "photo credit"),
    ("debt\u2026Jane Roe / Reuters", "photo credit"),
    ("Image credit: Getty Images", "photo credit"),
    ("John Smith/Getty Images", "photo credit"),
    ("(AP Photo/Evan Vucci)", "photo credit"),
    ("Pavel Golovkin / AP", "photo credit"),
    # other page furniture
    ("Advertisement", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("© 2025 Harbour Herald. All rights reserved.", "copyright line"),
    ("Copyright 2025 Nordic Times Online. All rights reserved.", "copyright line"),
    ("We use cookies to improve your experience on our site.", "cookie notice"),
    ("Accept all", "cookie notice"),
    ("Tags: ferries, maritime safety, Estonia", "tag list"),
    ("https://cdn.example.com/img/2025/ferry.jpg", "image link"),
    ("Cheap loans today https://spam.example/offer", "spam link"),
]

REPORTING = [
    "Shares in Nordlink fell 4%.",
    "Shares in Nordlink Ferries fell 4 percent on Wednesday.",
    "Follow-up talks are set for March.",
    "Following the meeting, the minister flew to Brussels.",
    "Comments from passengers on social media praised the crew.",
    "Subscribers to Nordlink's frequent-traveller scheme will be offered a full refund.",
    "Photographs shared by passengers showed a deep gash in the ferry's bow.",
    "Pictures of the wreck were published on Monday.",
    "Related charges were filed against the captain.",
    "Watch officers on the bridge saw nothing on the radar.",
    "Like Facebook, Twitter has removed the videos.",
    "Copyright lawyers for the company declined to comment.",
    "He told Reuters the ship was not speeding.",
    "No one was killed.",
    "Both sides have lowered expectations for diplomatic progress.",
    "“Follow us on Twitter,” the ministry urged residents, “for updates on the evacuation.”",
    "“Share the road,” the mayor said.",
    "“Never miss a chance to talk,” Ryabkov said. “Subscribe to dialogue.”",
    "The newsletter said subscribers had doubled.",
    "See you in March, the minister told reporters.",
]


@pytest.mark.parametrize(("line", "reason"), NOISE)
def test_noise_line_is_removed_with_its_reason(line: str, reason: str) -> None:
    assert noise_reason(line) == reason
    text, removed = clean_text(f"The ferry sank.\n\n{line}\n\nNobody was hurt.")
    assert text == "The ferry sank.\n\nNobody was hurt."
    assert removed == [Removal(line, reason)]


@pytest.mark.parametrize("line", REPORTING)
def test_reporting_line_is_kept(line: str) -> None:
    assert noise_reason(line) is None
    text, removed = clean_text(f"The ferry sank.\n\n{line}\n\nNobody was hurt.")
    assert line in text.split("\n\n")
    assert removed == []


def test_long_line_is_never_noise_even_with_a_prompt_in_it() -> None:
    line = (
        "Follow us on Twitter was the last message the ferry company posted before the "
        "collision, which investigators now say happened at 6.20 p.m. when the Baltic Star "
        "struck the cargo ship in fog about nine nautical miles off Tallinn harbour."
    )
    assert noise_reason(line) is None


def test_links_listed_under_a_lone_related_header_go_too() -> None:
    text = (
        "The port reopened on Friday.\n\nRelated stories\n\n"
        "Harbour United sign veteran goalkeeper\n\nHeat pumps: what to know before winter\n\n"
        "The inquiry opens on November 3, the ministry said."
    )
    cleaned, removed = clean_text(text)
    assert (
        cleaned
        == "The port reopened on Friday.\n\nThe inquiry opens on November 3, the ministry said."
    )
    assert [r.reason for r in removed] == ["see-also link"] * 3


def test_headline_after_an_inline_see_also_is_not_swallowed() -> None:
    text = "Talks ended.\n\nSee also  Markets rally\n\nNATO meets next\n\nMore talks follow."
    cleaned, _ = clean_text(text)
    assert "NATO meets next" in cleaned


def test_lone_name_on_the_last_line_is_removed_as_byline() -> None:
    cleaned, removed = clean_text("The ferry sank.\n\nNobody was hurt.\n\nMart Lepik")
    assert cleaned == "The ferry sank.\n\nNobody was hurt."
    assert removed == [Removal("Mart Lepik", "byline")]


def test_short_title_case_line_mid_article_is_a_subheading_and_stays() -> None:
    text = "The ferry sank.\n\nDefensive Line\n\nNobody was hurt.\n\nThe inquiry opens soon."
    assert clean_text(text)[0] == text


def test_signed_byline_at_the_top_is_removed() -> None:
    article = Article(
        id="x", text="By Eleanor Marsh\n\nThe ferry sank.\n\nNobody was hurt.", outlet="o"
    )
    assert clean_article(article).removed == [Removal("By Eleanor Marsh", "byline")]


def test_author_named_in_metadata_is_recognised_at_either_end() -> None:
    article = Article(
        id="x", text="The ferry sank.\n\nNobody was hurt.\n\nSANNA VIRTANEN", outlet="o",
        author="Sanna Virtanen",
    )  # fmt: skip
    assert clean_article(article).removed == [Removal("SANNA VIRTANEN", "byline")]


@pytest.mark.parametrize(
    "line", ["By Eleanor Marsh · 16 October 2025", "BY JANE DOE", "By Jane Doe and John Roe"]
)
def test_signed_bylines_in_their_forms_are_removed(line: str) -> None:
    assert clean_text(f"{line}\n\nThe ferry sank.\n\nNobody was hurt.")[1] == [
        Removal(line, "byline")
    ]


@pytest.mark.parametrize(
    "line",
    [
        "By Tuesday, 14 people had been rescued.",
        "By Friday Evening, the ferry had docked at the port.",
        "The escort told them to follow us to the port.",
        "Twitter and ... ?",
        "John Smith is a reporter for the Journal who was detained in Minsk.",
    ],
)
def test_reporting_at_either_end_is_not_taken_for_a_byline(line: str) -> None:
    for text in (f"{line}\n\nThe ferry sank.", f"The ferry sank.\n\n{line}"):
        assert clean_text(text) == (text, [])


def test_author_note_at_the_end_is_removed() -> None:
    note = "Jane Roe is a contributing writer at the Harbour Herald."
    cleaned, removed = clean_text(f"The ferry sank.\n\nNobody was hurt.\n\n{note}")
    assert removed == [Removal(note, "author note")]
