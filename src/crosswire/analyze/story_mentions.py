"""Story-wide repair of the mentions spaCy found article by article.

One article's parse sees one headline and a few lines; the story sees every article.  Two
repairs use only what the story's own texts say, and each keeps its reason:

- **Headline re-segmentation.**  In a title-case line spaCy runs a name into the words
  around it ("Microsoft Launches", "Teixeira Boston", "Obama Reverses Bush").  A span that
  the story never writes as a name outside such lines, and that splits exactly into names
  the story does write elsewhere and capitalised common words (words the story also writes
  in lower case, "launches", "the"), is cut to its first name; the other names become
  mentions of their own.  Words that name a kind of site or body ("Center", "Department")
  never count as common words here: "Betty Ford Center" stays whole.
- **Recovery.**  A name the story writes elsewhere (or a person's surname) that spaCy
  missed in one article ("the Colts", "Hansbrough broke ...") is a mention there too, at
  its exact offsets, when the story never writes it in lower case ("rehab" is a word) and
  the words beside it are not an unknown name's other half ("Nick Jones" is not "Jones").

Both are idempotent: running them again finds nothing more to do.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from crosswire.analyze.entities import link_names
from crosswire.model import ArticleAnalysis, Mention
from crosswire.names import ORG_WORDS, SITE_WORDS, parse_person

__all__ = ["KIND_WORDS", "common_words", "refine_story_mentions"]

_KINDS = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
_LOWER = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*(?![\w-])")
_TOKEN = re.compile(r"\S+")
_WORDS = re.compile(r"\w+")
_ALPHA = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_STOP = re.compile(r"[.!?:;\"“”()\[\]]|\n| - | – | — ")
# Words that say what kind of body or site a name is: part of the name, never a run-on.
_KIND_WORDS = (
    SITE_WORDS
    | ORG_WORDS
    | {
        *("administration", "government", "court", "office", "commission", "board", "police"),
        *("house", "force", "army", "navy", "team", "club", "county", "city", "state"),
        *("university", "times", "post", "news"),
    }
)
KIND_WORDS = _KIND_WORDS
_CASED = re.compile(r"(?<![\w'’-])[A-Za-z][a-z]*(?=['’]s\b|(?![\w'’-]))")
_ENDINGS = ("ing", "es", "ed", "s", "d")


@dataclass
class _Story:
    """What the whole story says about words and names."""

    lower: set[str]  # words the story writes in lower case
    known: dict[str, str]  # name spaCy found somewhere in the story -> its commonest label
    written: Counter[str]  # how many times each name is a mention
    openings: dict[str, set[str]]  # first word of a name of two words or more -> its labels
    common: frozenset[str]  # stems written lower case as often as capitalised mid-sentence
    titled: frozenset[str]  # stems written only in title-case lines
    labels: dict[str, set[str]]  # every label a known name has (a surname's PERSON too)
    by_first: dict[str, list[str]] = field(default_factory=dict)  # first word -> known names


def refine_story_mentions(analyses: list[ArticleAnalysis]) -> None:
    """Re-segment headline run-ons and recover missed mentions of the story's names, in place."""
    story = _read_story(analyses)
    for analysis in analyses:
        text = analysis.article.text
        added = _resegment(analysis, story) + _recover(analysis, story)
        if added or any(m.text != text[m.start : m.end] for m in analysis.mentions):
            analysis.mentions.sort(key=lambda m: (m.start, m.end))
            link_names(analysis.mentions, text)


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A crude stem, so "Launches" and "launched" count as one word."""
    word = word.lower()
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _stems(word: str) -> set[str]:
    """The stems a lower-case word can be an inflection of: "hired" is "hire" too (so a
    headline's "Hire" counts as a common word), while "time" stays "time", not "Tim", and a
    plural ("brigades", "statutes") makes no name's last word ("Khamis Brigade") common."""
    stem = _stem(word)
    bare = word.lower()
    if stem != bare and bare.endswith(("ed", "ing")):  # verbs only: "brigades" is no "Brigade"
        return {stem, stem + "e"}
    return {stem}


def _casing(texts: list[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Stems the story writes in lower case at least as often as capitalised inside running
    text (common words); and stems it writes only where every word is capitalised (title-case
    headlines), which cannot be told from names by their casing alone ("Launches").

    Read once per story: the story-wide repair and three entity merges ask of the same texts.
    """
    return _casing_of(tuple(texts))


@functools.lru_cache(maxsize=2)
def _casing_of(texts: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    # Words are counted as written, then each distinct word is stemmed once.
    lower_words: Counter[str] = Counter()
    upper_words: Counter[str] = Counter()
    titled_words: Counter[str] = Counter()
    for text in texts:
        for match in _CASED.finditer(text):
            word, at = match.group(), match.start()
            if word.islower():
                lower_words[word] += 1
            elif _title_case_at(text, at, match.end()):
                titled_words[word] += 1
            elif not _sentence_start(text, at):
                upper_words[word] += 1
    lower: Counter[str] = Counter()
    for word, n in lower_words.items():
        for stem in _stems(word):
            lower[stem] += n
    upper, titled = _stem_counts(upper_words), _stem_counts(titled_words)
    common = frozenset(stem for stem, n in lower.items() if n >= upper[stem])
    return common, frozenset(stem for stem in titled if not upper[stem] and not lower[stem])


def _stem_counts(words: Counter[str]) -> Counter[str]:
    stems: Counter[str] = Counter()
    for word, n in words.items():
        stems[_stem(word)] += n
    return stems


def common_words(texts: list[str]) -> Callable[[str], bool]:
    """Whether a word is a common word by the story's own casing: one it writes in lower
    case at least as often as capitalised inside running text ("state", "house")."""
    common, _ = _casing(texts)
    return lambda word: _stem(word) in common


def _read_story(analyses: list[ArticleAnalysis]) -> _Story:
    lower: set[str] = set()
    labels: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for analysis in analyses:
        text = analysis.article.text
        lower.update(w.lower() for w in _LOWER.findall(text))
        for m in analysis.mentions:
            if m.label not in _KINDS:
                continue
            labels[m.text][m.label] += 1
            if m.label == "PERSON" and len(m.text.split()) == 2:
                last = parse_person(m.text).last
                if len(last) >= 3 and last[:1].isupper():
                    labels[last]["PERSON"] += 0
    known = {
        name: counts.most_common(1)[0][0]
        for name, counts in labels.items()
        if len(name) >= 3 and name[:1].isupper() and name.lower() not in lower
    }
    written = Counter(m.text for a in analyses for m in a.mentions)
    openings: defaultdict[str, set[str]] = defaultdict(set)
    for name, label in known.items():
        if " " in name:
            openings[name.split()[0]].add(label)
    common, titled = _casing([a.article.text for a in analyses])
    story = _Story(
        lower=lower,
        known=known,
        written=written,
        openings=openings,
        common=common,
        titled=titled,
        labels={name: set(labels[name]) for name in known},
    )
    # A name that is itself a run-on of a shorter known name ("Lindsay Lohan Checks", written
    # in several headlines) is no name to cut others to: shortest first, it is dropped.
    for name in sorted(known, key=lambda n: len(n.split())):
        words = [(w.start(), w.end()) for w in _TOKEN.finditer(name)]
        if len(words) > 1 and _split(name, words, story, story.written[name] > 1):
            del story.known[name]
    for name in story.known:
        first = _WORDS.search(name)
        if first is not None:
            story.by_first.setdefault(first.group(), []).append(name)
    return story


def _title_case_at(text: str, start: int, end: int) -> bool:
    """True when the words beside ``text[start:end]`` (same line, up to five each side, four
    letters or more) are nearly all capitalised: a headline, not running text."""
    left = _STOP.split(text[max(0, start - 80) : start])[-1]
    right = _STOP.split(text[end : end + 80])[0]
    words = [w for w in _ALPHA.findall(left)[-5:] + _ALPHA.findall(right)[:5] if len(w) >= 4]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


# ------------------------------------------------------------------------ re-segmentation


def _resegment(analysis: ArticleAnalysis, story: _Story) -> int:
    """Cut run-on spans to their first known name; returns how many mentions were added."""
    text = analysis.article.text
    added: list[Mention] = []
    for m in analysis.mentions:
        if " " not in m.text:
            continue
        words = [(w.start() + m.start, w.end() + m.start) for w in _TOKEN.finditer(m.text)]
        names = _split(text, words, story, story.written[m.text] > 1) or _and_joined(m, story)
        if not names:
            continue
        (first_start, first_end), *others = names
        m.start, m.end = first_start, first_end
        m.text = m.name = text[first_start:first_end]
        m.label = story.known[m.text]
        for start, end in others:
            name = text[start:end]
            added.append(
                Mention(m.article_id, start, end, name, story.known[name], name, None, m.sentence)
            )
    analysis.mentions += added
    return len(added)


def _split(
    text: str, words: list[tuple[int, int]], story: _Story, known: bool
) -> list[tuple[int, int]]:
    """The known names ``words`` splits into, the rest being capitalised common words; empty
    unless every word is accounted for and a common word is cut off, or a span the story
    never writes elsewhere ends in the first word of a name of another kind ("Teixeira
    Boston" where the story names "Boston Red Sox"), or it is names joined by a lower-case
    "and", each known on its own ("Lopez and Carrasquillo").  Two names alone are no evidence:
    "Liisa Tamm" is one person even where the story writes "Liisa" and "Tamm"."""
    names: list[tuple[int, int]] = []
    common = joined = 0
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            start, end = words[i][0], words[j - 1][1]
            if (i, j) != (0, len(words)) and text[start:end] in story.known:
                names.append((start, end))
                i = j
                break
        else:
            last = text[words[i][0] : words[i][1]]
            kinds = story.openings.get(last, set())
            if i == len(words) - 1 and names and not known and kinds:
                before = story.labels[text[names[-1][0] : names[-1][1]]]
                return names if before - kinds else []
            word = re.split(r"['’]", text[words[i][0] : words[i][1]].rstrip(".,"))[0]
            bare = word.lower()
            stem = _stem(bare)
            if word in {"and", "&"} and names and i < len(words) - 1:
                joined += 1  # "Lopez and Carrasquillo": two names, if a name follows
                i += 1
                continue
            if not word[:1].isupper() or bare in _KIND_WORDS:
                return []
            if stem not in story.common and (stem not in story.titled or not names):
                return []
            common += 1
            i += 1
    if joined and len(names) != joined + 1:
        return []  # an "and" inside a name ("Devon and Somerset Fire and Rescue")
    return names if names and (common or joined) else []


def _and_joined(mention: Mention, story: _Story) -> list[tuple[int, int]]:
    """ "Philly and Cheeks" labelled a person: no one's name holds a lower-case "and", so a
    span of a known name and one other capitalised word joined by it is cut to the name."""
    match = re.fullmatch(r"(\S+) and (\S+)", mention.text)
    if mention.label != "PERSON" or match is None:
        return []
    sides = [n for n in (1, 2) if match.group(n) in story.known]
    if len(sides) != 1 or not match.group(3 - sides[0])[:1].isupper():
        return []
    return [(mention.start + match.start(sides[0]), mention.start + match.end(sides[0]))]


# ------------------------------------------------------------------------------- recovery


def _recover(analysis: ArticleAnalysis, story: _Story) -> int:
    """Mentions of the story's known names that this article's NER missed."""
    text = analysis.article.text
    taken = bytearray(len(text))  # 1 where a mention already stands
    points = []  # empty mentions, if any: a name around one overlaps it
    for m in analysis.mentions:
        taken[m.start : m.end] = b"\x01" * len(taken[m.start : m.end])
        if m.start >= m.end:
            points.append(m.start)
    found: list[Mention] = []
    for name, start in _occurrences(text, story):
        end = start + len(name)
        if 1 in taken[start:end] or any(start < p < end for p in points):
            continue
        if not _stands_alone(text, start, end, story):
            continue
        taken[start:end] = b"\x01" * (end - start)
        sentence = _sentence_of(analysis, start)
        label = story.known[name]
        found.append(Mention(analysis.article.id, start, end, name, label, name, None, sentence))
    analysis.mentions += found
    return len(found)


def _occurrences(text: str, story: _Story) -> list[tuple[str, int]]:
    """Where each known name stands in ``text`` as whole words, longest names first; only
    where the name's first word stands is it tried, so this is linear in the story."""
    at: defaultdict[str, list[int]] = defaultdict(list)
    for word in _WORDS.finditer(text):
        if word.group() in story.by_first:
            at[word.group()].append(word.start())
    found = [
        (name, start)
        for key, starts in at.items()
        for name in story.by_first[key]
        for start in starts
        if text.startswith(name, start) and _bounded(text, start, start + len(name))
    ]
    return sorted(found, key=lambda item: (-len(item[0]), item[1]))


def _bounded(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is whole words: nothing glued before it (a word
    character, apostrophe, dot or hyphen), and after it nothing but a possessive."""
    before = text[start - 1] if start else " "
    if before.isalnum() or before in "_'’.-":
        return False
    after = text[end : end + 3]
    if after[:1].isalnum() or after[:1] in ("_", "-"):
        return False
    return not (after[:1] in ("'", "’") and len(after) == 3 and after[1:].isalnum())


def _stands_alone(text: str, start: int, end: int, story: _Story) -> bool:
    """True unless a capitalised word right beside the name could be part of it: a word the
    story does not use as a common word (another name's half: "Nick" of "Nick Jones") or
    one that says what kind of place or body a name is ("Colts Stadium")."""
    before = re.search(r"(\S+) $", text[max(0, start - 40) : start])
    after = re.match(r" (\S+)", text[end : end + 40])
    for near in (before, after):
        if near is None:
            continue
        word = near.group(1)
        if not word[:1].isupper() or not word[-1:].isalnum():
            continue
        bare = re.split(r"['’]", word)[0].lower()
        if _stem(bare) not in story.common or bare in _KIND_WORDS:
            return False
    return True


def _sentence_start(text: str, offset: int) -> bool:
    head = text[:offset].rstrip()
    return not head or head[-1] in '.!?\n"”'


def _sentence_of(analysis: ArticleAnalysis, offset: int) -> int:
    for i, sentence in enumerate(analysis.sentences):
        if sentence.start <= offset < sentence.end:
            return i
    return -1
