"""An article's signature for grouping: its word stems, its named entities, its date."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from crosswire.group.vectors import background_share
from crosswire.model import ArticleAnalysis, ArticleSignature
from crosswire.names import fold

__all__ = ["signature_of", "ENTITY_LABELS"]

# Kinds of name that say which event an article is about (NORP, "Russian", does not).
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"})
_WORD = re.compile(r"[a-z][a-z'-]{2,}|\d+(?:\.\d+)?")
_YEAR_OR_FIGURE = re.compile(r"\d{2,}|\d+\.\d+")
SIGNATURE_TERMS = 200  # terms kept per article: what is stored and weighed for grouping
# News is written lead first: the title and opening sentences say which event the article is
# about, the later paragraphs add background (an earlier, similar event often among it). Words,
# names and dates of the lead are counted LEAD_WEIGHT times.
LEAD_CHARS = 400
LEAD_WEIGHT = 2


def signature_of(analysis: ArticleAnalysis) -> ArticleSignature:
    """The terms (word stems and ``@entity`` names) and reference date of one analysed article."""
    article = analysis.article
    lead = _lead_end(analysis)
    terms: Counter[str] = Counter(_stems(article.title or "") * LEAD_WEIGHT)
    terms.update(_stems(article.text[:lead]) * (LEAD_WEIGHT - 1))
    terms.update(_stems(article.text))
    for mention in analysis.mentions:
        if mention.label in ENTITY_LABELS:
            name = fold(mention.name or mention.text).replace(" ", "_")
            if len(name) > 1:
                terms["@" + name] += LEAD_WEIGHT if mention.start < lead else 1
    terms.update(_date_terms(analysis, lead))
    return ArticleSignature(
        article_id=article.id,
        terms=_strongest(terms, SIGNATURE_TERMS),
        day=article.published or _dateline(analysis),
        title=article.title,
        outlet=article.outlet,
    )


def _lead_end(analysis: ArticleAnalysis) -> int:
    """Where the lead ends: the end of the sentence running past ``LEAD_CHARS``."""
    for sentence in analysis.sentences:
        if sentence.end >= LEAD_CHARS:
            return sentence.end
    return len(analysis.article.text)


def _date_terms(analysis: ArticleAnalysis, lead: int = 0) -> list[str]:
    """The specific days and months the text names ('#2013-05-03', '#2013-05'): two similar
    events (two earthquakes in one region) differ in them even when names and places agree."""
    found: list[str] = []
    for mention in analysis.dates:
        if mention.dateline:
            continue
        times = LEAD_WEIGHT if mention.start < lead else 1
        if not mention.date:
            if mention.partial and len(mention.partial) == 5:  # "Nov. 25": month and day
                found += ["#--" + mention.partial] * times
            continue
        if mention.granularity == "day":
            found += ["#" + mention.date[:10], "#--" + mention.date[5:10]] * times
        elif mention.granularity == "month":
            found += ["#" + mention.date[:7]] * times
    return found


def _strongest(terms: Counter[str], keep: int) -> dict[str, int]:
    """The ``keep`` most frequent terms, rarer words first among equals; a long article's
    tail of words said once weighs little in its vector and would only make it bigger."""
    if len(terms) <= keep:
        return dict(terms)
    ranked = sorted(terms.items(), key=lambda kv: (-kv[1], background_share(kv[0]), kv[0]))
    return dict(ranked[:keep])


def _dateline(analysis: ArticleAnalysis) -> str | None:
    """The date an article was filed, from a dateline with a full date ('PARIS, May 3, 2013 -')."""
    for found in analysis.dates:
        if found.dateline and found.granularity == "day" and found.date:
            return found.date
    return None


def _stems(text: str) -> list[str]:
    return [stem for word in _WORD.findall(text.lower()) if (stem := _stem(word))]


@cache
def _stem(word: str) -> str:
    """A crude, fast stem: stop words dropped, possessives and plural -s removed."""
    word = word.strip("'-").removesuffix("'s")
    if word[:1].isdigit():
        return word if _YEAR_OR_FIGURE.fullmatch(word) else ""
    if len(word) < 3 or word in _stop_words():
        return ""
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 4:
        return word[:-1]
    return word


@cache
def _stop_words() -> frozenset[str]:
    from crosswire.stopwords import sklearn_stop_words

    reporting = {"said", "says", "told", "according", "reported", "report", "news", "new", "year"}
    return sklearn_stop_words() | reporting
