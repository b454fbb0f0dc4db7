"""The sentences a summary may use: spans that read on their own, noise and fragments left out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosswire.model import ArticleAnalysis

__all__ = ["Candidate", "candidates", "stands_alone"]

MIN_WORDS = 8
MAX_WORDS = 60

# A sentence opening with these leans on the one before it ("He also said ...").
_DANGLING = re.compile(
    r"^(he|she|it|they|we|this|that|these|those|his|her|its|their|but|and|or|also|however|"
    r"meanwhile|still|yet|so|then|instead|moreover|furthermore|besides|such|there|here|"
    r"in addition|as a result|at the same time|the (former|latter|same))\b",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"https?://|www\.|@\w|\b(click|subscribe|sign up|newsletter|follow us|share this|"
    r"all rights reserved|copyright|reporting by|editing by|read more|see also|"
    r"leave a (reply|comment)|email address|cookies?|advertisement|photo:|image:)\b",
    re.IGNORECASE,
)
# Wire datelines ("WASHINGTON (AP) _ ", "TALLINN, Oct. 15 (Baltic Wire) – ") are trimmed off.
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]{2,30}(,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?,?\s*"  # place, date
    r"(\([^()]{1,40}\))?\s*(_|—|–|--|-)\s+"  # (agency), dash
)
# "..., his ministry said." credits a speaker named only in an earlier sentence.
_PRONOUN_SPEAKER = re.compile(
    r",\s*(he|she|they|(his|her|their)(\s+\w+){1,2})\s+"
    r"(said|says|added|noted|stressed|explained|wrote|told(\s+\w+){1,3})\W*$",
    re.IGNORECASE,
)
_QUOTES = '"“”'
_ENDINGS = (".", "!", '"', "”", "’", "'", ")")


@dataclass(frozen=True)
class Candidate:
    """One sentence span of one article (source numbers are 1-based, as a brief cites them)."""

    source: int
    index: int  # position of the sentence in its article
    share: float  # how far into the article it starts, 0 (lead) .. 1 (last sentence)
    start: int
    end: int
    text: str


def candidates(analyses: list[ArticleAnalysis]) -> list[Candidate]:
    """Every sentence line of every article, datelines trimmed; unusable ones included."""
    found = []
    for source, analysis in enumerate(analyses, start=1):
        text = analysis.article.text
        spans = [span for s in analysis.sentences for span in _lines(text, s.start, s.end)]
        for index, (start, end) in enumerate(spans):
            found.append(
                Candidate(source, index, index / max(1, len(spans)), start, end, text[start:end])
            )
    return found


def stands_alone(text: str) -> bool:
    """Whether ``text`` can be read out of context: a whole, declarative, non-noise sentence."""
    count = len(text.split())
    if not MIN_WORDS <= count <= MAX_WORDS:
        return False
    if not text[0].isupper() or not text.endswith(_ENDINGS) or text.rstrip(_QUOTES).endswith("?"):
        return False
    if text[0] in _QUOTES or _unbalanced_quotes(text):
        return False  # a quote fragment, or a quote whose speaker is elsewhere
    if _PRONOUN_SPEAKER.search(text):
        return False
    return not (_DANGLING.match(text) or _BOILERPLATE.search(text))


def _unbalanced_quotes(text: str) -> bool:
    straight = text.count('"')
    return straight % 2 == 1 or text.count("“") != text.count("”")


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-empty lines of ``text[start:end]``, whitespace and datelines trimmed off."""
    spans = []
    for match in re.finditer(r"[^\n]+", text[start:end]):
        a, b = start + match.start(), start + match.end()
        line = text[a:b]
        a += len(line) - len(line.lstrip())
        b -= len(line) - len(line.rstrip())
        dateline = _DATELINE.match(text[a:b])
        if dateline and dateline.end() < b - a:
            a += dateline.end()
        if a < b:
            spans.append((a, b))
    return spans
