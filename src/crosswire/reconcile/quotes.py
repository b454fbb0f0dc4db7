"""The same utterance reported by several outlets, merged into one quote.

Two reports are the same utterance when they share a verbatim run of words (whoever the
outlets name as speaker, as long as they do not name different people), or when the same
speaker is reported in other words that still share the story's rare words (a quote in one
outlet, reported speech in another) or whose sentence embeddings are very close (a paraphrase
or a different translation).  A merged quote is marked ``drift`` when, where the wordings overlap,
they differ in substance: other content words, numbers or negation, not just spelling.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from difflib import Match, SequenceMatcher
from typing import Any

from rapidfuzz import fuzz

from crosswire.config import DEFAULT, Settings
from crosswire.model import Attribution, Entity, Quote, QuoteVariant, Story
from crosswire.reconcile.entities import resolve_entity

VERBATIM_RUN = 5  # shared consecutive words that make two reports one utterance …
VERBATIM_CONTENT = 3  # … if enough of them carry meaning ("with our allies and partners" does not)
# Cosine of content words (and negations) weighted by idf over the story's sentences, for the
# same speaker: "The radar gave us no warning …" against its reported form "the radar had given
# the bridge no warning …" scores 0.35; the closest different utterances of one speaker score
# 0.29 in the ferry story ("cooperating fully with investigators" / "given investigators full
# access") and 0.13 in the geneva-talks sample.  Words every outlet repeats weigh next to nothing.
LEXICAL_SIMILARITY = 0.33
PARAPHRASE_SIMILARITY = 0.8  # embedding cosine (wordllama) for the same speaker in other words
BLOCKING_WORDS = 8  # a report's rarest words under which same-speaker candidates are found
SUBSTANTIVE_EDITS = 2  # differing content words, within the overlap, that make drift
# a reported piece of at most this many words, its cue going on to report more, is a fragment
# the cue split off ("The museum, he said, would …"): exported, not a brief quote of its own
MAX_FRAGMENT_WORDS = 3
_WORD = re.compile(r"\w[\w’'.-]*")
_NEGATIONS = {"not", "no", "never", "n't", "nothing", "none", "nor", "without"}
_STOPWORDS = frozenset(
    """a an the and or but of to in on at for with by from as is are was were be been being it
    its this that these those we they he she i you our their his her them us there here will
    would can could should may might must do does did have has had so than then also very just
    about into over such which who whom what when where while if""".split()  # noqa: SIM905
)


@dataclass
class _Report:
    """One source's attribution with the speaker resolved across the story."""

    source: int
    attribution: Attribution
    speaker: str | None
    words: list[str]


def reconcile_quotes(
    story: Story, entities: list[Entity], settings: Settings = DEFAULT
) -> list[Quote]:
    """Quotes across sources with canonical speakers, most widely reported first."""
    reports = _reports(story, entities)
    groups = _group(reports, _story_idf(story), settings)
    quotes = [_quote(group) for group in groups]
    return sorted(quotes, key=lambda q: (-len({v.source for v in q.variants}), _first(q)))


EXPORT_SCHEMA = "crosswire.quotes/1"


def export_attributions(story: Story, entities: list[Entity]) -> dict[str, Any]:
    """Every attribution of every source, unmerged, with offsets into that source's ``text``.

    This is what ``crosswire quotes --json`` prints and what the PolNeAR evaluator scores, so an
    outside scorer sees exactly the units and speakers the brief is built from.  ``speaker`` is
    the story-wide name the brief shows (null when unresolved); ``speaker_text`` is as written.
    """
    sources = []
    records = []
    canonical = _Canonical(entities)
    for number, analysis in enumerate(story.analyses, start=1):
        article = analysis.article
        sources.append(
            {"id": number, "article_id": article.id, "outlet": article.outlet,
             "title": article.title, "path": article.path, "text": article.text}
        )  # fmt: skip
        for attribution in analysis.attributions:
            records.append(
                {
                    "source": number,
                    "kind": attribution.kind,
                    "text": attribution.text,
                    "start": attribution.start,
                    "end": attribution.end,
                    "cue": attribution.cue,
                    "cue_start": attribution.cue_start,
                    "cue_end": attribution.cue_end,
                    "speaker_text": attribution.speaker_text,
                    "speaker_start": attribution.speaker_start,
                    "speaker_end": attribution.speaker_end,
                    "speaker": canonical(number, attribution.speaker),
                    "stance": attribution.stance,
                }
            )
    return {"schema": EXPORT_SCHEMA, "sources": sources, "attributions": records}


def _reports(story: Story, entities: list[Entity]) -> list[_Report]:
    reports = []
    canonical = _Canonical(entities)
    for number, analysis in enumerate(story.analyses, start=1):
        last_piece = {a.cue_start: i for i, a in enumerate(analysis.attributions)}
        for i, attribution in enumerate(analysis.attributions):
            if attribution.stance:
                continue  # "criticized <the plan>": a stance or deed, not words to show
            speaker = canonical(number, attribution.speaker)
            if attribution.kind == "indirect" and speaker is None:
                continue  # "it is noted that …", "they say …": no one to attribute it to
            words = _words(attribution.text)
            split_off = attribution.cue_start is not None and last_piece[attribution.cue_start] > i
            if attribution.kind == "indirect" and split_off and len(words) <= MAX_FRAGMENT_WORDS:
                continue
            reports.append(_Report(number, attribution, speaker, words))
    return reports


class _Canonical:
    """The story-wide name of a speaker, or the article's own name when no entity matches.

    Each source is looked up among the entities it mentions (what ``resolve_entity`` would
    narrow to anyway), once per name, so the cost grows with the story rather than its square.
    """

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities
        self.by_source: dict[int, list[Entity]] = {}
        for entity in entities:
            for source in entity.sources:
                self.by_source.setdefault(source, []).append(entity)
        self.seen: dict[tuple[int, str], str] = {}

    def __call__(self, source: int, name: str | None) -> str | None:
        if not name:
            return None
        if (source, name) not in self.seen:
            pool = self.by_source.get(source) or self.entities
            entity = resolve_entity(pool, source, name)
            self.seen[source, name] = _keep_written(name, entity)
        return self.seen[source, name]


def _keep_written(name: str, entity: Entity | None) -> str:
    """The entity's name, unless the article wrote a full name the entity does not carry
    ("Judy Shepard" is not her son's entity, whatever merged them)."""
    if entity is None:
        return name
    words = name.split()
    if len(words) < 2 or _fold(name) in {_fold(v) for v in (entity.name, *entity.variants)}:
        return entity.name
    given = {w.lower() for w in words[:-1]}
    known = {w.lower() for v in (entity.name, *entity.variants) for w in v.split()[:-1]}
    return entity.name if given & known or not known else name


def _fold(name: str) -> str:
    return " ".join(name.lower().replace(".", "").split())


def _story_idf(story: Story) -> dict[str, float]:
    """How rare each word is across the story's sentences (a reprinted sentence counts once)."""
    sentences = {tuple(_words(s.text)) for a in story.analyses for s in a.sentences}
    counts = Counter(word for sentence in sentences for word in set(sentence))
    total = len(sentences)
    return {word: math.log((total + 1) / (count + 1)) for word, count in counts.items()}


def _group(
    reports: list[_Report], idf: dict[str, float], settings: Settings
) -> list[list[_Report]]:
    """Reports linked into utterances (connected components of same-utterance links)."""
    parent = list(range(len(reports)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _links(reports, idf, settings):
        parent[find(i)] = find(j)
    groups: dict[int, list[_Report]] = {}
    for i, report in enumerate(reports):
        groups.setdefault(find(i), []).append(report)
    return list(groups.values())


def _links(
    reports: list[_Report], idf: dict[str, float], settings: Settings
) -> list[tuple[int, int]]:
    links = []
    unlinked = []
    unseen = max(idf.values(), default=1.0)  # once, not for every pair
    for i, j in sorted(_candidates(reports, idf)):
        a, b = reports[i], reports[j]
        if a.source == b.source or _conflict(a.speaker, b.speaker):
            continue
        if _verbatim(a.words, b.words):
            links.append((i, j))
        elif a.speaker is not None and a.speaker == b.speaker:
            if _lexical_similarity(a.words, b.words, idf, unseen) >= LEXICAL_SIMILARITY:
                links.append((i, j))
            else:
                unlinked.append((i, j))
    return links + _paraphrases(reports, unlinked, settings)


def _candidates(reports: list[_Report], idf: dict[str, float]) -> set[tuple[int, int]]:
    """Pairs worth comparing, found by blocking instead of trying all pairs.

    A verbatim link needs a shared run of ``VERBATIM_RUN`` words (so a shared word 5-gram), or a
    short wording inside another (so a shared rarest word); a same-speaker link needs shared
    rare words (so one of each report's ``BLOCKING_WORDS`` rarest words, per speaker).  Blocks
    hold the reports of one utterance, so the work grows with the reports, not their square.
    """
    blocks: dict[tuple[object, ...], list[int]] = {}
    unseen = max(idf.values(), default=1.0)
    for i, report in enumerate(reports):
        words = report.words
        runs = (words[k : k + VERBATIM_RUN] for k in range(len(words) - VERBATIM_RUN + 1))
        keys: set[tuple[object, ...]] = {
            ("run", *run) for run in runs if len(_content(run)) >= VERBATIM_CONTENT
        }
        rare = sorted(_meaningful(words), key=lambda w: (-idf.get(w, unseen), w))
        if report.speaker is not None:
            keys.update(("speaker", report.speaker, w) for w in rare[:BLOCKING_WORDS])
        for key in keys:
            blocks.setdefault(key, []).append(i)
    short = {i for i, r in enumerate(reports) if len(r.words) < VERBATIM_RUN}
    index: dict[str, list[int]] = {}
    for i, report in enumerate(reports):
        for word in set(report.words):
            index.setdefault(word, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        pairs.update((a, b) for n, a in enumerate(members) for b in members[n + 1 :] if a != b)
    for i in short:  # a short wording is compared with every report holding its rarest word
        rare = sorted(_meaningful(reports[i].words), key=lambda w: (-idf.get(w, unseen), w))
        for j in index.get(rare[0], []) if rare else []:
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    return pairs


def _lexical_similarity(
    a: list[str], b: list[str], idf: dict[str, float], unseen: float | None = None
) -> float:
    """Cosine of two wordings' content words and negations, each word weighted by its idf.

    A word no sentence holds is as rare as any: ``unseen`` is ``idf``'s largest weight
    (given by a caller comparing many pairs, so it is found once)."""
    words_a, words_b = _meaningful(a), _meaningful(b)
    if unseen is None:
        unseen = max(idf.values(), default=1.0)

    def mass(words: set[str]) -> float:
        return sum(idf.get(w, unseen) ** 2 for w in words)

    norm = math.sqrt(mass(words_a) * mass(words_b))
    return mass(words_a & words_b) / norm if norm else 0.0


def _paraphrases(
    reports: list[_Report], pairs: list[tuple[int, int]], settings: Settings
) -> list[tuple[int, int]]:
    """Same-speaker pairs whose wordings mean the same, by sentence-embedding similarity."""
    if not pairs:
        return []
    from crosswire.embeddings import get_embedder

    needed = sorted({i for pair in pairs for i in pair})
    vectors = get_embedder(settings.embedding_backend).embed(
        [reports[i].attribution.text for i in needed]
    )
    row = {index: vectors[k] for k, index in enumerate(needed)}
    return [(i, j) for i, j in pairs if float(row[i] @ row[j]) >= PARAPHRASE_SIMILARITY]


def _conflict(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a != b


def _verbatim(a: list[str], b: list[str]) -> bool:
    """Whether two wordings share a meaningful run of words, or one is all in the other."""
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    run = a[match.a : match.a + match.size]
    if match.size and match.size == min(len(a), len(b)):
        return True
    return match.size >= VERBATIM_RUN and len(_content(run)) >= VERBATIM_CONTENT


def _quote(group: list[_Report]) -> Quote:
    group = sorted(group, key=lambda r: (r.source, r.attribution.start))
    direct = [r for r in group if r.attribution.kind == "direct"]
    fullest = max(direct or group, key=lambda r: len(r.words))
    speakers = Counter(r.speaker for r in group if r.speaker is not None)
    variants = [
        QuoteVariant(
            r.source,
            r.attribution.text,
            r.attribution.start,
            r.attribution.end,
            speaker_text=r.attribution.speaker_text,
            cue=r.attribution.cue,
        )
        for r in group
    ]
    return Quote(
        speaker=speakers.most_common(1)[0][0] if speakers else None,
        text=fullest.attribution.text,
        kind=fullest.attribution.kind,
        variants=variants,
        drift=_drifts(group),
    )


def _drifts(group: list[_Report]) -> bool:
    return any(
        _differ_in_substance(a.words, b.words)
        for i, a in enumerate(group)
        for b in group[i + 1 :]
        if a.source != b.source
    )


def _differ_in_substance(a: list[str], b: list[str]) -> bool:
    """Whether two wordings, where they overlap, differ in more than spelling and function words."""
    blocks = [
        m for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if m.size >= 2
    ]
    if not blocks:  # linked as paraphrases: nothing verbatim, so compare the content words
        edits = _edits(_content(a) - _content(b), _content(b) - _content(a))
        return edits >= SUBSTANTIVE_EDITS or _polarity(a) != _polarity(b)
    a_gaps, b_gaps = _gaps(blocks, "a"), _gaps(blocks, "b")
    changed_a = [w for lo, hi in a_gaps for w in a[lo:hi]]
    changed_b = [w for lo, hi in b_gaps for w in b[lo:hi]]
    if _polarity(changed_a) != _polarity(changed_b) or _numbers(changed_a) != _numbers(changed_b):
        return True
    return _edits(_content(changed_a), _content(changed_b)) >= SUBSTANTIVE_EDITS


def _gaps(blocks: list[Match], side: str) -> list[tuple[int, int]]:
    """Stretches between consecutive matching blocks on one side: the internal edits."""
    spans = [(m.a, m.a + m.size) if side == "a" else (m.b, m.b + m.size) for m in blocks]
    return [(end, start) for (_, end), (start, _) in zip(spans, spans[1:], strict=False)]


def _edits(a: set[str], b: set[str]) -> int:
    """Content words changed, ignoring near-identical spellings (Ryabkov ~ Riabkov)."""
    lonely_a = [w for w in a if not any(fuzz.ratio(w, v) >= 85 for v in b)]
    lonely_b = [w for w in b if not any(fuzz.ratio(w, v) >= 85 for v in a)]
    return max(len(lonely_a), len(lonely_b))  # one word swapped for another is one edit


def _meaningful(words: list[str]) -> set[str]:
    """Content words and negations: "no warning" and "a warning" are not the same report."""
    return _content(words) | {w for w in words if w in _NEGATIONS}


def _content(words: list[str]) -> set[str]:
    return {w for w in words if w not in _STOPWORDS and w not in _NEGATIONS}


def _polarity(words: list[str]) -> int:
    return sum(w in _NEGATIONS or w.endswith("n't") for w in words) % 2


def _numbers(words: list[str]) -> set[str]:
    return {w for w in words if any(c.isdigit() for c in w)}


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'").replace(".", "").strip("'-") for w in _WORD.findall(text)]


def _first(quote: Quote) -> tuple[int, int]:
    return min((v.source, v.start) for v in quote.variants)
