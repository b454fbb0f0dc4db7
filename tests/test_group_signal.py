"""What grouping weighs: the lead of an article, and a story that stands out."""

from __future__ import annotations

from dataclasses import replace

from crosswire.config import DEFAULT
from crosswire.group import StoryIndex, signature_of
from crosswire.group.signature import LEAD_CHARS, LEAD_WEIGHT
from crosswire.model import Article, ArticleAnalysis, ArticleSignature, Mention, Sentence


def _analysis(text: str, names: list[tuple[str, str]]) -> ArticleAnalysis:
    article = Article(id="x1", text=text, outlet="Harbour Gazette")
    sentences, start = [], 0
    for piece in text.split(". "):
        end = start + len(piece) + 1
        sentences.append(Sentence("x1", start, min(end, len(text)), text[start:end]))
        start = end + 1
    mentions = []
    for name, label in names:
        at = text.index(name)
        mentions.append(Mention("x1", at, at + len(name), name, label, name))
    return ArticleAnalysis(article, sentences, mentions)


def test_words_and_names_of_the_lead_count_more_than_background() -> None:
    lead = "The ferry Nordlys struck a pier at Varnhamn on Tuesday morning. "
    filler = "Crews worked through the day and the inquiry will take weeks to finish. " * 6
    background = "In 2019 a tanker called Skarv grounded near Oslund in a storm."
    text = lead + filler + background
    assert len(lead) < LEAD_CHARS < len(lead) + len(filler)
    analysis = _analysis(text, [("Varnhamn", "GPE"), ("Oslund", "GPE")])
    terms = signature_of(analysis).terms
    assert terms["@varnhamn"] == LEAD_WEIGHT and terms["@oslund"] == 1
    assert terms["pier"] == LEAD_WEIGHT and terms["tanker"] == 1


def _sig(n: int, terms: dict[str, int]) -> ArticleSignature:
    return ArticleSignature(f"a{n}", terms)


BIG = {f"ferry{k}": 1 for k in range(40)}


def _ferry_and_fire(ferry_articles: int) -> tuple[StoryIndex, int, int]:
    index = StoryIndex(settings=replace(DEFAULT, story_join=0.7))
    other = index.add(_sig(0, {"fire": 3, "@ostby": 2, "warehouse": 2, "ferry0": 1}))[0].story
    ferry = {
        index.add(_sig(n, BIG | {"@varnhamn": 2, f"x{n}": 1}))[0].story
        for n in range(1, 1 + ferry_articles)
    }
    assert len(ferry) == 1
    return index, ferry.pop(), other


# shares a few of the ferry story's words and one with the fire story
ARTICLE = {"ferry1": 1, "ferry2": 1, "ferry3": 1, "@varnhamn": 1, "ferry0": 1, "a": 1}


def test_an_article_under_the_join_cosine_joins_a_story_that_stands_out() -> None:
    index, ferry, other = _ferry_and_fire(4)
    decision = index.add(_sig(50, ARTICLE))[0]
    assert decision.kind == "joined" and decision.story == ferry != other
    assert 0.35 <= decision.score < 0.7
    assert "stands out" in decision.reason
    index, ferry, other = _ferry_and_fire(1)  # a story of one has not spread: no stand-out
    assert index.add(_sig(50, ARTICLE))[0].kind == "started"


def test_nothing_stands_out_alone_or_against_a_close_second() -> None:
    settings = replace(DEFAULT, story_join=0.7)
    index = StoryIndex(settings=settings)
    assert not index.stands_out(0.4, [])  # no other candidate to compare with
    assert not index.stands_out(0.4, [0.2])  # the next story is close
    assert not index.stands_out(0.2, [0.01])  # under half the join cosine
    assert index.stands_out(0.4, [0.1])
    index.add(_sig(1, BIG | {"@varnhamn": 2}))
    alone = index.add(_sig(3, {"ferry1": 1, "ferry2": 1, "ferry3": 1, "@varnhamn": 1, "x": 1}))
    assert alone[0].kind == "started"
