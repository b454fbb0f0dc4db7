"""ECB+ cross-document coreference of named entity mentions, with two baselines.

What counts (gold mentions, so only the clustering is scored):

- mentions tagged ``HUMAN_PART_PER`` (person), ``HUMAN_PART_ORG`` (organisation),
  ``HUMAN_PART_GPE``, ``LOC_GEO`` (places) and ``LOC_FAC`` (facilities), after the
  release's own rule that a mention linked to an instance takes the instance's tag;
- in the sentences ``ECBplus_coreference_sentences.csv`` lists (the ones annotated for
  coreference);
- that are *named*: the mention's syntactic head, in spaCy's parse of the sentence
  with the gold tokens, is a proper noun (NNP/NNPS).  "Lindsay Lohan" and "Promises"
  count; "the actress", "police" and "he" do not.

Gold clusters: one per ``CROSS_DOC_COREF`` instance, one per ``INTRA_DOC_COREF`` chain,
and a singleton for every other mention.  Each topic (both its ``ecb`` and ``ecbplus``
halves, which report two different events) is one clustering problem: a system sees all
of a topic's documents at once and never another topic's.

Systems, in the same run over the same mentions:

- ``crosswire``: each document becomes an article whose mentions are the gold spans;
  ``analyze.entities.link_names`` links them within the document and
  ``reconcile.entities.reconcile_entities`` merges across documents, exactly as for a
  story but with the gold spans kept as given (no story-wide mention repair); the
  clusters are read from ``reconcile.entities.mention_records``, the records
  ``crosswire entities --json`` prints;
- ``same_string``: one cluster per normalised string (case, dots, accents, "the");
- ``same_head_lemma``: one cluster per lemma of the mention's head;
- ``head_or_contained``: mentions linked when they share a head lemma or when one's
  normalised words are a run of the other's ("Hewlett-Packard" in "Hewlett-Packard
  Company"), closed transitively.

End to end (``end_to_end``): each document's text is parsed as any article is, and
``analyze.entities.extract_mentions`` finds the mentions, crosswire's own NER and linking;
``reconcile_entities`` repairs them story-wide (``analyze.story_mentions``) and merges
them and ``mention_records`` exports them.  Each gold mention
is matched to at most one system mention of its document: the one with the same span,
else the one that covers the gold mention's head word (largest overlap first).  A gold
mention with no match is a singleton in the response; system mentions the gold does not
annotate are not scored (ECB+ annotates only the entities of its events).  The
``head_or_contained`` baseline is run over the same matched system mentions.

Scores: MUC, B³, CEAF-e and CoNLL F1 (``evaluate.coref``), singletons included, per
topic and over all chosen topics pooled.
"""

from __future__ import annotations

import csv
import re
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crosswire.analyze.entities import extract_mentions, link_names
from crosswire.analyze.nlp import load_nlp
from crosswire.errors import EvaluationDataError
from crosswire.evaluate.coref import score_all
from crosswire.model import Article, ArticleAnalysis, Mention, Story
from crosswire.names import fold
from crosswire.reconcile.entities import mention_records, reconcile_entities

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["TAGS", "evaluate", "load_topic"]

# Gold tag -> the spaCy label a system mention of that kind would carry.
TAGS = {
    "HUMAN_PART_PER": "PERSON",
    "HUMAN_PART_ORG": "ORG",
    "HUMAN_PART_GPE": "GPE",
    "LOC_GEO": "GPE",
    "LOC_FAC": "FAC",
}
PUBLISHED = "cross-document entity coreference CoNLL F1 about 70-80 (gold mentions, all entities)"
_NO_SPACE_BEFORE = re.compile(r"^([.,;:!?%)\]}]|'s|'|n't|'re|'ve|'ll|'d|'m|''|’s|’)$", re.I)
_PLACE_AFTER = re.compile(r",| (in|at|near|off|outside|between) (?=[A-Z])")
# Articles and lower-case descriptions before a name: "the notorious Gulf of Aden".
_ARTICLE = re.compile(r"^(['\"`]+|(the|a|an)\s+|([a-z][\w-]*\s+)+)+")
_NO_SPACE_AFTER = {"(", "[", "{", "``", "$"}
# The rest of a contraction ECB+ splits off after a curly apostrophe: "Creighton", "’", "s".
_CLITIC = re.compile(r"^(s|t|d|m|re|ve|ll)$", re.I)
# What a sentence of running text ends with; a selected sentence ending otherwise is a
# headline or a dateline ("Red Sox to break bank for Teixeira").
_HEADLINE_END = re.compile(r"[.!?:;\"'”’)]$|''$")


@dataclass
class GoldMention:
    """One counted gold mention: where it is in its document and which chain it is in."""

    doc: str
    m_id: str
    tag: str
    tokens: list[int]  # token positions in the document's selected text
    chain: str
    start: int = 0
    end: int = 0
    head_lemma: str = ""
    name_start: int = 0  # the name within the mention: up to its head, no determiner
    name_end: int = 0
    head_start: int = 0  # the head word's characters
    head_end: int = 0


@dataclass
class GoldDoc:
    name: str
    words: list[str]
    sentence_starts: list[int]
    mentions: list[GoldMention] = field(default_factory=list)
    text: str = ""
    sentence_chars: list[int] = field(default_factory=list)


def evaluate(path: str | Path, topics: list[int] | None = None) -> dict[str, Any]:
    """Scores of crosswire and both baselines on the chosen (default: all) topics."""
    root = Path(path)
    selected = _selected_sentences(root)
    available = sorted(int(p.name) for p in root.iterdir() if p.is_dir() and p.name.isdigit())
    chosen = [t for t in (topics or available) if t in available]
    if not chosen:
        raise EvaluationDataError(f"no ECB+ topic folders {topics or ''} under {root}")
    began = time.perf_counter()
    keys: list[set[Hashable]] = []
    responses: dict[str, list[set[Hashable]]] = defaultdict(list)
    ends: dict[str, list[set[Hashable]]] = defaultdict(list)
    per_topic: dict[str, Any] = {}
    matched = 0
    for topic in chosen:
        docs = load_topic(root / str(topic), selected)
        key, systems = _cluster_topic(docs)
        end_to_end, found = _end_to_end(docs)
        matched += found
        per_topic[str(topic)] = _scores(key, systems) | {
            "mentions": sum(map(len, key)),
            "end_to_end": _scores(key, end_to_end),
        }
        keys += key
        for name, clusters in systems.items():
            responses[name] += clusters
        for name, clusters in end_to_end.items():
            ends[name] += clusters
    mentions = sum(map(len, keys))
    return {
        "mentions": mentions,
        "gold_entities": len(keys),
        "topics": chosen,
        "missing_topics": [t for t in topics or [] if t not in available],
        "overall": _scores(keys, responses),
        "end_to_end": _scores(keys, ends)
        | {"gold_mentions_found": round(matched / mentions, 4) if mentions else 0.0},
        "per_topic": per_topic,
        "published": PUBLISHED,
        "seconds": round(time.perf_counter() - began, 1),
    }


def _scores(key: list[set[Hashable]], systems: dict[str, list[set[Hashable]]]) -> dict[str, Any]:
    return {name: score_all(key, clusters) for name, clusters in systems.items()}


def _cluster_topic(docs: list[GoldDoc]) -> tuple[list[set[Hashable]], dict[str, Any]]:
    mentions = [m for doc in docs for m in doc.mentions]
    key = _group(mentions, lambda m: m.chain)
    systems = {
        "crosswire": _crosswire(docs),
        "same_string": _group(mentions, lambda m: _surface(docs, m)),
        "same_head_lemma": _group(mentions, lambda m: m.head_lemma),
        "head_or_contained": _head_or_contained(
            [((m.doc, m.m_id), m.head_lemma, _surface(docs, m)) for m in mentions]
        ),
    }
    return key, systems


def _head_or_contained(items: list[tuple[Hashable, str, str]]) -> list[set[Hashable]]:
    """Baseline: one cluster per chain of mentions that share a head lemma or where one's
    normalised words are a run of the other's.  ``items``: (id, head lemma, text)."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    words = [f" {fold(text)} " for _, _, text in items]
    for i, (_, head_i, _) in enumerate(items):
        for j in range(i):
            head_j = items[j][1]
            same_head = head_i and head_i == head_j
            inside = words[i].strip() and (words[i] in words[j] or words[j] in words[i])
            if (same_head or inside) and words[j].strip():
                parent[find(i)] = find(j)
    groups: dict[int, set[Hashable]] = defaultdict(set)
    for i, (ident, _, _) in enumerate(items):
        groups[find(i)].add(ident)
    return list(groups.values())


def _group(mentions: Iterable[GoldMention], key: Any) -> list[set[Hashable]]:
    groups: dict[str, set[Hashable]] = defaultdict(set)
    for m in mentions:
        groups[key(m)].add((m.doc, m.m_id))
    return list(groups.values())


def _surface(docs: list[GoldDoc], mention: GoldMention) -> str:
    text = next(d.text for d in docs if d.name == mention.doc)[mention.start : mention.end]
    return fold(text)


def _crosswire(docs: list[GoldDoc]) -> list[set[Hashable]]:
    """Cluster the gold mentions the way a story's entities are reconciled."""
    analyses = []
    where: dict[tuple[int, int, int], list[Hashable]] = defaultdict(list)
    for number, doc in enumerate(docs, start=1):
        article = Article(id=doc.name, text=doc.text, outlet=doc.name)
        mentions = []
        for gold in doc.mentions:
            start, end = gold.name_start, gold.name_end
            if (number, start, end) not in where:
                text = doc.text[start:end]
                mentions.append(Mention(doc.name, start, end, text, TAGS[gold.tag], text))
            where[(number, start, end)].append((doc.name, gold.m_id))
        link_names(mentions, doc.text)
        analyses.append(ArticleAnalysis(article=article, mentions=mentions))
    story = Story(analyses)
    records = mention_records(story, reconcile_entities(story, refine=False))
    clusters: dict[Hashable, set[Hashable]] = defaultdict(set)
    for record in records:
        span = (record["source"], record["start"], record["end"])
        owner = record["entity"] if record["entity"] is not None else ("alone", span)
        clusters[owner].update(where.pop(span, []))
    groups = [c for c in clusters.values() if c]
    return groups + [{m} for ids in where.values() for m in ids]


def _end_to_end(docs: list[GoldDoc]) -> tuple[dict[str, list[set[Hashable]]], int]:
    """Gold mentions clustered through crosswire's own mentions (and, over the same
    matched mentions, the head-or-contained baseline); how many gold mentions matched."""
    nlp = load_nlp()
    analyses, parsed = [], []
    for doc, spacy_doc in zip(docs, nlp.pipe([d.text for d in docs], batch_size=32), strict=True):
        article = Article(id=doc.name, text=doc.text, outlet=doc.name)
        analyses.append(ArticleAnalysis(article, mentions=extract_mentions(spacy_doc, article)))
        parsed.append(spacy_doc)
    story = Story(analyses)
    records = mention_records(story, reconcile_entities(story))
    by_source: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for each in records:
        by_source[each["source"]].append(each)
    crosswire: dict[Hashable, set[Hashable]] = defaultdict(set)
    items: list[tuple[Hashable, str, str]] = []
    found = 0
    for number, (doc, spacy_doc) in enumerate(zip(docs, parsed, strict=True), start=1):
        for gold, record in _match(doc.mentions, by_source[number]):
            ident = (doc.name, gold.m_id)
            if record is None:
                crosswire[("missed", ident)].add(ident)
                items.append((ident, "", ""))
                continue
            found += 1
            span = spacy_doc.char_span(record["start"], record["end"], alignment_mode="expand")
            lemma = span.root.lemma_.lower() if span is not None else ""
            owner = record["entity"] or ("alone", number, record["start"])
            crosswire[owner].add(ident)
            items.append((ident, lemma, str(record["text"])))
    return {
        "crosswire": list(crosswire.values()),
        "head_or_contained": _head_or_contained(items),
    }, found


def _match(
    golds: list[GoldMention], records: list[dict[str, Any]]
) -> list[tuple[GoldMention, dict[str, Any] | None]]:
    """Each gold mention with the system mention standing for it: same span first, else the
    one covering the gold head word with the largest overlap; each system mention once."""
    taken: set[int] = set()
    pairs: dict[str, dict[str, Any] | None] = {}
    candidates = []
    for gold in golds:
        for n, record in enumerate(records):
            start, end = int(record["start"]), int(record["end"])
            if start == gold.name_start and end == gold.name_end:
                candidates.append((0, 0, gold.m_id, n))
            elif start <= gold.head_start and gold.head_end <= end:
                overlap = min(end, gold.name_end) - max(start, gold.name_start)
                candidates.append((1, -overlap, gold.m_id, n))
    for _, _, m_id, n in sorted(candidates):
        if m_id not in pairs and n not in taken:
            pairs[m_id] = records[n]
            taken.add(n)
    return [(gold, pairs.get(gold.m_id)) for gold in golds]


# ------------------------------------------------------------------------------ reading


def _selected_sentences(root: Path) -> dict[str, set[int]]:
    """Document name ("1_10ecbplus") -> sentence numbers annotated for coreference."""
    index = root / "ECBplus_coreference_sentences.csv"
    if not index.is_file():
        raise EvaluationDataError(f"{index} not found: is {root} the ECB+ folder?")
    chosen: dict[str, set[int]] = defaultdict(set)
    with index.open(newline="") as handle:
        for row in csv.DictReader(handle):
            chosen[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return chosen


def load_topic(folder: Path, selected: dict[str, set[int]]) -> list[GoldDoc]:
    """The topic's documents, cut to their selected sentences, with counted gold mentions."""
    docs = [
        _read_doc(path, selected.get(path.stem, set())) for path in sorted(folder.glob("*.xml"))
    ]
    docs = [d for d in docs if d.mentions]
    _mark_heads(docs)
    for doc in docs:
        doc.mentions = [m for m in doc.mentions if m.head_lemma]
    return [d for d in docs if d.mentions]


def _read_doc(path: Path, sentences: set[int]) -> GoldDoc:
    try:
        tree = ET.parse(path)
    except ET.ParseError as exc:
        raise EvaluationDataError(f"{path}: not readable ECB+ XML ({exc})") from exc
    words: list[str] = []
    position: dict[str, int] = {}
    starts: list[int] = []
    last_sentence = None
    for token in tree.getroot().iter("token"):
        sentence = int(token.get("sentence", "-1"))
        if sentence not in sentences:
            continue
        if sentence != last_sentence:
            starts.append(len(words))
            last_sentence = sentence
        position[token.get("t_id", "")] = len(words)
        words.append(token.text or "")
    doc = GoldDoc(path.stem, words, starts)
    doc.mentions = _mentions(tree.getroot(), path.stem, position)
    doc.text = _detokenise(doc)
    return doc


def _mentions(root: ET.Element, name: str, position: dict[str, int]) -> list[GoldMention]:
    markables = root.find("Markables")
    if markables is None:
        return []
    tags = {el.get("m_id", ""): el.tag for el in markables}
    chains = _chains(root, name, tags)
    found = []
    for el in markables:
        anchors = [a.get("t_id", "") for a in el.iter("token_anchor")]
        m_id = el.get("m_id", "")
        chain, tag = chains.get(m_id, (f"{name}/{m_id}", el.tag))
        if not anchors or tag not in TAGS or any(a not in position for a in anchors):
            continue
        found.append(GoldMention(name, m_id, tag, sorted(position[a] for a in anchors), chain))
    return found


def _chains(root: ET.Element, name: str, tags: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Mention id -> (chain id, tag); a cross-document instance's tag overrides the mention's."""
    chains: dict[str, tuple[str, str]] = {}
    relations = root.find("Relations")
    for rel in relations if relations is not None else []:
        target = rel.find("target")
        target_tag = tags.get(target.get("m_id", "")) if target is not None else None
        if rel.tag == "CROSS_DOC_COREF":
            chain = rel.get("note", "")
        elif rel.tag == "INTRA_DOC_COREF":
            chain, target_tag = f"{name}/r{rel.get('r_id', '')}", None
        else:
            continue
        for source in rel.iter("source"):
            m_id = source.get("m_id", "")
            chains[m_id] = (chain, target_tag or tags.get(m_id, ""))
    return chains


def _detokenise(doc: GoldDoc) -> str:
    """Text of the selected sentences with character offsets set on each mention; a
    sentence that does not end as running text does (a headline) ends its line."""
    pieces: list[str] = []
    offsets: list[tuple[int, int]] = []
    length = 0
    starts = set(doc.sentence_starts)
    for i, word in enumerate(doc.words):
        glue = i > 0 and (
            _NO_SPACE_BEFORE.match(word) is not None
            or doc.words[i - 1] in _NO_SPACE_AFTER
            or (_CLITIC.match(word) is not None and doc.words[i - 1] in {"’", "'"})
            or _initials_go_on(doc.words, i)
        )
        sep = "" if i == 0 or (glue and i not in starts) else " "
        if i in starts and i > 0 and _HEADLINE_END.search(doc.words[i - 1]) is None:
            sep = "\n"  # a headline is a line of its own, as in any article crosswire reads
        if i in starts:
            doc.sentence_chars.append(length + len(sep))
        pieces.append(sep + word)
        length += len(sep)
        offsets.append((length, length + len(word)))
        length += len(word)
    for m in doc.mentions:
        m.start, m.end = offsets[m.tokens[0]][0], offsets[m.tokens[-1]][1]
    return "".join(pieces)


def _initials_go_on(words: list[str], i: int) -> bool:
    """True for a capital letter that continues dotted initials ECB+ splits letter by letter:
    "U", ".", "S", "." is "U.S.", not "U. S."."""
    return (
        i >= 2
        and len(words[i]) == 1
        and words[i].isupper()
        and words[i - 1] == "."
        and len(words[i - 2]) == 1
        and words[i - 2].isupper()
    )


def _mark_heads(docs: list[GoldDoc]) -> None:
    """Set ``head_lemma`` on mentions whose head is a proper noun; others stay empty."""
    nlp = load_nlp()
    for doc, parsed in zip(docs, nlp.pipe(_spacy_docs(nlp, docs), batch_size=64), strict=True):
        for m in doc.mentions:
            span = parsed.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or span.root.tag_ not in {"NNP", "NNPS"}:
                continue
            m.head_lemma = span.root.lemma_.lower()
            m.head_start = span.root.idx
            m.head_end = span.root.idx + len(span.root.text)
            m.name_start, m.name_end = _name_part(doc.text, m.start, m.end)


def _name_part(text: str, start: int, end: int) -> tuple[int, int]:
    """The name in a gold span: no leading article, no trailing "in Malibu" or ", Calif."."""
    span = text[start:end]
    cut = _PLACE_AFTER.search(span)
    if cut is not None and cut.start() > 0:
        span = span[: cut.start()]
    lead = _ARTICLE.match(span)
    skip = lead.end() if lead and lead.end() < len(span) else 0
    return start + skip, start + len(span.rstrip(" .,'\"`"))


def _spacy_docs(nlp: Any, docs: list[GoldDoc]) -> Iterable[Doc]:
    """Each document pre-split into its gold sentences, so the parse keeps them."""
    for doc in docs:
        parsed = nlp.make_doc(doc.text)
        starts = set(doc.sentence_chars)
        for token in parsed:
            token.is_sent_start = token.i == 0 or token.idx in starts
        yield parsed
