"""PolNeAR: attribution content spans and speakers against the BRAT annotations of a split.

Layout: ``<split>/text/<name>.txt`` and ``<split>/attributions/<name>_<annotator>.ann``
(``Source``, ``Cue``, ``Content`` text-bound spans joined by ``E`` relations).  Each ``.ann``
file is scored as its own document, so a text annotated twice counts twice.

Spans are compared as sets of word tokens (runs of letters and digits), so punctuation,
quotation marks and a leading "that" never decide a match.  A gold attribution is a direct quote
when every word of its content lies between double quotation marks (curly, straight, angle or
wire ``…'') that open just before its first word and close just after its last, whether or not
the annotator took the marks into the span and however it split a multi-sentence quotation into
fragments; a partial quote ("called it “a disgrace”") is not, nor words inside a longer quoted
passage.
``exact``: the same tokens; ``overlap``: shared tokens are at least half of the longer span's.
Gold and predicted attributions are paired one to one, best overlap first.  Speaker accuracy is
measured on the pairs matched by overlap whose gold has a source: correct when the predicted
speaker phrase shares a token with the gold source phrase (``speaker_exact``: the same tokens).
``speaker_resolved_accuracy`` scores the speaker as the brief shows it (the resolved name, null
when unresolved) on the pairs whose gold source names someone (holds a capitalised word that is
not a pronoun): correct when the name shares a word with the gold source phrase.

crosswire is scored through ``crosswire quotes --json``'s own code path
(:func:`crosswire.reconcile.quotes.export_attributions` over the article's analysis) in two
units: ``all``/``direct`` group quote pieces that share one cue (one utterance), ``one_span``
scores every exported attribution as its own prediction, the unit a brief's quote shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crosswire.errors import CrosswireError

if TYPE_CHECKING:
    from spacy.tokens import Doc

_WORD = re.compile(r"\w+")
MIN_BASELINE_WORDS = 4


@dataclass
class Span:
    """One attribution as a set of content tokens and, if known, speaker tokens."""

    content: frozenset[int]
    speaker: frozenset[int] = frozenset()
    direct: bool = False
    names: frozenset[str] = frozenset()  # gold: words of a naming source; predicted: resolved name


@dataclass
class Document:
    name: str
    text: str
    gold: list[Span] = field(default_factory=list)


# ----------------------------------------------------------------------------- reading


def load_split(path: str | Path, split: str = "dev") -> list[Document]:
    """Every annotated document of ``split`` under a PolNeAR folder."""
    root = Path(path) / split
    ann_dir, text_dir = root / "attributions", root / "text"
    if not ann_dir.is_dir() or not text_dir.is_dir():
        raise CrosswireError(
            f"{root} is not a PolNeAR split: expected folders 'attributions' and 'text' in it"
        )
    documents = []
    for ann in sorted(ann_dir.glob("*.ann")):
        text_file = text_dir / (ann.stem.rsplit("_", 1)[0] + ".txt")
        if not text_file.exists():
            raise CrosswireError(f"{ann}: no text file {text_file.name} in {text_dir}")
        with text_file.open(encoding="utf-8", newline="") as handle:  # offsets count "\r"
            text = handle.read()
        documents.append(Document(ann.stem, text, list(_gold(ann, text))))
    return documents


def read_standoff(ann: Path) -> Iterator[tuple[tuple[int, int], list[tuple[int, int]]]]:
    """(cue span, content fragments) of every attribution in one ``.ann`` file that has both."""
    spans, relations = _standoff(ann)
    for roles in relations:
        cue, content = spans.get(roles.get("Cue", "")), spans.get(roles.get("Content", ""))
        if cue and content:
            yield (min(a for a, _ in cue), max(b for _, b in cue)), sorted(content)


def read_sources(ann: Path) -> Iterator[tuple[int, int]]:
    """Every source span of one ``.ann`` file."""
    spans, relations = _standoff(ann)
    for roles in relations:
        source = spans.get(roles.get("Source", ""))
        if source:
            yield min(a for a, _ in source), max(b for _, b in source)


def _standoff(ann: Path) -> tuple[dict[str, list[tuple[int, int]]], list[dict[str, str]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    relations = []
    for number, line in enumerate(ann.read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split("\t")
        if len(parts) < 2 and not re.fullmatch(r"[TE]\d+", parts[0]):
            continue  # the rest of a span text that holds a line break
        try:
            if parts[0].startswith("T"):
                offsets = parts[1].split(" ", 1)[1]
                spans[parts[0]] = [_pair(piece) for piece in offsets.split(";")]
            elif parts[0].startswith("E"):
                relations.append(dict(role.split(":", 1) for role in parts[1].split()))
        except (IndexError, ValueError) as exc:
            raise CrosswireError(f"{ann}:{number}: not a BRAT standoff line: {line!r}") from exc
    return spans, relations


def _gold(ann: Path, text: str) -> Iterator[Span]:
    """Gold attributions of one ``.ann`` file."""
    spans, relations = _standoff(ann)
    index = _TokenIndex(text)
    quoted = index.quoted()
    for roles in relations:
        if "Content" not in roles or roles["Content"] not in spans:
            continue
        content = index.tokens(spans[roles["Content"]])
        source = spans.get(roles.get("Source", ""), [])
        names = _naming_words(" ".join(text[a:b] for a, b in source))
        direct = bool(content) and content <= quoted and index.delimited(content)
        yield Span(content, index.tokens(source), direct, names)


_NOT_NAMES = frozenset(
    """he she i we they it you his her their its our my your the a an this that these those
    who mr mrs ms dr""".split()  # noqa: SIM905
)


def _naming_words(phrase: str) -> frozenset[str]:
    """Lower-cased words of a source phrase that names someone; empty for "he", "officials"."""
    words = _WORD.findall(phrase)
    if not any(w[:1].isupper() and w.lower() not in _NOT_NAMES for w in words):
        return frozenset()
    return frozenset(w.lower() for w in words if w.lower() not in _NOT_NAMES)


def _pair(piece: str) -> tuple[int, int]:
    start, end = piece.split()
    return int(start), int(end)


_MARK_REACH = 4  # characters between a word and its mark: "[W]e", "…'Look.'\"", "?”"
_OPENING_MARKS = ("``", "''", "“", "„", "«", '"', "‘")
_CLOSING_MARKS = ("''", "”", "»", '"', "’")
_MARK = re.compile(r"``|''|[“„«”»\"\n]|‘|’(?!\w)")


def _quoted_chars(text: str) -> list[bool]:
    """For each character, whether it lies inside a quotation: double marks, or curly single
    ones (a ’ followed by a letter is an apostrophe, and so is any ’ when no ‘ is open)."""
    inside = [False] * len(text)
    state, single, last = False, False, 0
    for mark in _MARK.finditer(text):
        if state or single:
            inside[last : mark.start()] = [True] * (mark.start() - last)
        last = mark.end()
        token = mark.group()
        if token in {"‘", "’"}:
            single = token == "‘" and not single
        elif token == "\n":
            state = single = False
        elif token in {"``", "“", "„", "«"}:
            state = True
        elif token in {"”", "»"}:
            state = False
        else:  # a straight mark opens or closes by turn
            state = not state
    return inside


class _TokenIndex:
    """Word tokens of a text, so character spans become comparable token sets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]

    def quoted(self) -> frozenset[int]:
        """Words between double quotation marks, each paragraph read on its own (a quotation
        running on into the next paragraph reopens it with a fresh mark)."""
        inside = _quoted_chars(self.text)
        return frozenset(i for i, (start, _, _) in enumerate(self.words) if inside[start])

    def delimited(self, tokens: frozenset[int]) -> bool:
        """Whether quotation marks open right before the first word and close right after the
        last (past a stop or comma), so the words are a quotation of their own, not words
        inside a longer quoted passage."""
        first, last = self.words[min(tokens)][0], self.words[max(tokens)][1]
        before = self.text[max(0, first - _MARK_REACH) : first].lstrip()
        after = self.text[last : last + _MARK_REACH].rstrip()
        return any(m in before for m in _OPENING_MARKS) and any(m in after for m in _CLOSING_MARKS)

    def tokens(self, fragments: Iterable[tuple[int, int]]) -> frozenset[int]:
        chosen = sorted(
            i
            for i, (start, end, _) in enumerate(self.words)
            for lo, hi in fragments
            if start >= lo and end <= hi
        )
        if chosen and self.words[chosen[0]][2] == "that":
            chosen = chosen[1:]
        return frozenset(chosen)


# ----------------------------------------------------------------------------- systems


def crosswire_export(doc: Doc, text: str) -> dict[str, Any]:
    """What ``crosswire quotes --json`` prints for one article, from an existing parse."""
    from crosswire.analyze import analyze_doc
    from crosswire.model import Article, Story
    from crosswire.reconcile.entities import reconcile_entities
    from crosswire.reconcile.quotes import export_attributions

    story = Story([analyze_doc(doc, Article(id="polnear", text=text, outlet="polnear"))])
    return export_attributions(story, reconcile_entities(story))


def crosswire_predictions(doc: Doc, text: str, *, one_span: bool = False) -> list[Span]:
    """crosswire's exported attributions; unless ``one_span``, pieces sharing a cue are one."""
    return export_predictions(crosswire_export(doc, text), text, one_span=one_span)


def export_predictions(exported: dict[str, Any], text: str, *, one_span: bool) -> list[Span]:
    """Spans of an export (``crosswire quotes --json``) of one article."""
    index = _TokenIndex(text)
    grouped: dict[object, list[dict[str, Any]]] = {}
    for number, record in enumerate(exported["attributions"]):
        cue = record["cue_start"]
        key = cue if cue is not None and not one_span else f"#{number}"
        grouped.setdefault(key, []).append(record)
    predictions = []
    for group in grouped.values():
        content = index.tokens([(r["start"], r["end"]) for r in group])
        speakers = [
            (r["speaker_start"], r["speaker_end"]) for r in group if r["speaker_start"] is not None
        ]
        names = [r["speaker"] for r in group if r["speaker"]]
        direct = all(r["kind"] == "direct" for r in group)
        resolved = frozenset(w.lower() for w in _WORD.findall(names[0])) if names else frozenset()
        predictions.append(Span(content, index.tokens(speakers[:1]), direct, resolved))
    return predictions


def textacy_predictions(doc: Doc, text: str) -> list[Span] | None:
    """textacy's ``direct_quotations``, or None when textacy is not installed."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None
    index = _TokenIndex(text)
    predictions = []
    for triple in direct_quotations(doc):
        content = [(triple.content.start_char, triple.content.end_char)]
        speaker = [(t.idx, t.idx + len(t.text)) for t in triple.speaker]
        names = frozenset(t.lower_ for t in triple.speaker)  # textacy shows the phrase as written
        predictions.append(Span(index.tokens(content), index.tokens(speaker), True, names))
    return predictions


def quote_mark_predictions(doc: Doc, text: str) -> list[Span]:
    """Every quotation of a few words or more, with no speaker: what quote marks alone give."""
    from crosswire.analyze.quote_marks import find_quote_spans

    index = _TokenIndex(text)
    return [
        Span(index.tokens([(q.inner_start, q.inner_end)]), frozenset(), True)
        for q in find_quote_spans(text)
        if len(text[q.inner_start : q.inner_end].split()) >= MIN_BASELINE_WORDS
    ]


# ----------------------------------------------------------------------------- scoring


@dataclass
class _Tally:
    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0
    speaker_pairs: int = 0
    speaker_overlap: int = 0
    speaker_exact: int = 0
    named_pairs: int = 0
    speaker_resolved: int = 0

    def add(self, gold: list[Span], predicted: list[Span]) -> None:
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.exact += len(_pairs(gold, predicted, exact=True))
        for g, p in _pairs(gold, predicted, exact=False):
            self.overlap += 1
            if g.speaker:
                self.speaker_pairs += 1
                self.speaker_overlap += bool(g.speaker & p.speaker)
                self.speaker_exact += g.speaker == p.speaker
            if g.names:
                self.named_pairs += 1
                self.speaker_resolved += bool(g.names & p.names)

    def metrics(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "exact": _prf(self.exact, self.gold, self.predicted),
            "overlap": _prf(self.overlap, self.gold, self.predicted),
            "speaker_accuracy": _ratio(self.speaker_overlap, self.speaker_pairs),
            "speaker_exact_accuracy": _ratio(self.speaker_exact, self.speaker_pairs),
            "speaker_pairs": self.speaker_pairs,
            "speaker_resolved_accuracy": _ratio(self.speaker_resolved, self.named_pairs),
            "named_speaker_pairs": self.named_pairs,
        }


def _pairs(gold: list[Span], predicted: list[Span], *, exact: bool) -> list[tuple[Span, Span]]:
    """One-to-one pairs of gold and predicted spans that match, best overlap first."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            shared = len(g.content & p.content)
            if not shared:
                continue
            longer = max(len(g.content), len(p.content))
            if (exact and g.content == p.content) or (not exact and 2 * shared >= longer):
                candidates.append((shared / len(g.content | p.content), i, j))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, i, j in sorted(candidates, reverse=True):
        if i not in used_gold and j not in used_predicted:
            used_gold.add(i)
            used_predicted.add(j)
            pairs.append((gold[i], predicted[j]))
    return pairs


def _prf(hits: int, gold: int, predicted: int) -> dict[str, float]:
    precision = _ratio(hits, predicted)
    recall = _ratio(hits, gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": round(f1, 4)}


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


# ----------------------------------------------------------------------------- entry


def _tallies(*, one_span: bool = False) -> dict[str, _Tally]:
    units = ["all", "direct", *(["one_span_all", "one_span_direct"] if one_span else [])]
    return {unit: _Tally() for unit in units}


def _score(
    tallies: dict[str, _Tally], gold: list[Span], predicted: list[Span], prefix: str = ""
) -> None:
    tallies[prefix + "all"].add(gold, predicted)
    direct = [p for p in predicted if p.direct]
    tallies[prefix + "direct"].add([g for g in gold if g.direct], direct)


def evaluate(path: str | Path, split: str = "dev", limit: int | None = None) -> dict[str, Any]:
    """Content P/R/F1 (exact and overlap) and speaker accuracy, crosswire beside baselines."""
    from crosswire.analyze.nlp import load_nlp

    documents = load_split(path, split)[:limit]
    nlp = load_nlp()
    runners = {
        "baseline_textacy_direct_quotations": textacy_predictions,
        "baseline_quote_marks": quote_mark_predictions,
    }
    systems: dict[str, dict[str, _Tally]] = {}
    refused: dict[str, int] = dict.fromkeys(["crosswire", *runners], 0)
    docs = nlp.pipe((d.text for d in documents), batch_size=16)
    for document, doc in zip(documents, docs, strict=True):
        exported = crosswire_export(doc, document.text)
        ours = systems.setdefault("crosswire", _tallies(one_span=True))
        _score(ours, document.gold, export_predictions(exported, document.text, one_span=False))
        _score(
            ours,
            document.gold,
            export_predictions(exported, document.text, one_span=True),
            prefix="one_span_",
        )
        for name, runner in runners.items():
            try:
                predicted = runner(doc, document.text)
            except ValueError:  # textacy gives up on a text with an unclosed quotation
                refused[name] += 1
                predicted = []
            if predicted is None:
                continue
            _score(systems.setdefault(name, _tallies()), document.gold, predicted)
    return {
        "benchmark": "PolNeAR",
        "split": split,
        "documents": len(documents),
        "matching": "word tokens, ignoring punctuation, quote marks and a leading 'that'; "
        "overlap = shared tokens >= half of the longer span",
        **{
            name: {
                **{k: t.metrics() for k, t in tallies.items()},
                "documents_refused": refused[name],
            }
            for name, tallies in systems.items()
        },
    }
