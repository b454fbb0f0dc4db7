"""PolNeAR: attribution content spans and speakers against the BRAT annotations of a split.

Layout: ``<split>/text/<name>.txt`` and ``<split>/attributions/<name>_<annotator>.ann``
(``Source``, ``Cue``, ``Content`` text-bound spans joined by ``E`` relations).  Each ``.ann``
file is scored as its own document, so a text annotated twice counts twice.

Spans are compared as sets of word tokens (runs of letters and digits), so punctuation,
quotation marks and a leading "that" never decide a match.  ``exact``: the same tokens;
``overlap``: shared tokens are at least half of the longer span's.  Gold and predicted
attributions are paired one to one, best overlap first.  Speaker accuracy is measured on the
pairs matched by overlap whose gold has a source: correct when the predicted speaker phrase
shares a token with the gold source phrase (``speaker_exact``: the same tokens).
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
QUOTE_MARKS = "\"“”'‘’«»„"
MIN_BASELINE_WORDS = 4


@dataclass
class Span:
    """One attribution as a set of content tokens and, if known, speaker tokens."""

    content: frozenset[int]
    speaker: frozenset[int] = frozenset()
    direct: bool = False


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


def _gold(ann: Path, text: str) -> Iterator[Span]:
    """Gold attributions of one ``.ann`` file."""
    spans: dict[str, list[tuple[int, int]]] = {}
    relations = []
    for number, line in enumerate(ann.read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split("\t")
        try:
            if parts[0].startswith("T"):
                offsets = parts[1].split(" ", 1)[1]
                spans[parts[0]] = [_pair(piece) for piece in offsets.split(";")]
            elif parts[0].startswith("E"):
                relations.append(dict(role.split(":", 1) for role in parts[1].split()))
        except (IndexError, ValueError) as exc:
            raise CrosswireError(f"{ann}:{number}: not a BRAT standoff line: {line!r}") from exc
    index = _TokenIndex(text)
    for roles in relations:
        if "Content" not in roles or roles["Content"] not in spans:
            continue
        content = spans[roles["Content"]]
        source = spans.get(roles.get("Source", ""), [])
        yield Span(index.tokens(content), index.tokens(source), _is_direct(text, content))


def _pair(piece: str) -> tuple[int, int]:
    start, end = piece.split()
    return int(start), int(end)


def _is_direct(text: str, fragments: list[tuple[int, int]]) -> bool:
    """Whether every fragment of a content span is enclosed in quotation marks."""
    for start, end in fragments:
        piece = text[start:end].strip().rstrip(".,;:!?")
        if len(piece) < 2 or piece[0] not in QUOTE_MARKS or piece[-1] not in QUOTE_MARKS:
            return False
    return True


class _TokenIndex:
    """Word tokens of a text, so character spans become comparable token sets."""

    def __init__(self, text: str) -> None:
        self.words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]

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


def crosswire_predictions(doc: Doc, text: str) -> list[Span]:
    """crosswire's attributions; quote pieces sharing one cue are one attribution."""
    from crosswire.analyze.entities import extract_mentions
    from crosswire.analyze.quotes import extract_attributions
    from crosswire.model import Article

    article = Article(id="polnear", text=text, outlet="polnear")
    found = extract_attributions(doc, article, extract_mentions(doc, article))
    index = _TokenIndex(text)
    grouped: dict[object, list[Any]] = {}
    for number, attribution in enumerate(found):
        key = attribution.cue_start if attribution.cue_start is not None else f"#{number}"
        grouped.setdefault(key, []).append(attribution)
    predictions = []
    for group in grouped.values():
        content = index.tokens([(a.start, a.end) for a in group])
        speakers = [(a.speaker_start, a.speaker_end) for a in group if a.speaker_start is not None]
        direct = all(a.kind == "direct" for a in group)
        predictions.append(Span(content, index.tokens(speakers[:1]), direct))
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
        predictions.append(Span(index.tokens(content), index.tokens(speaker), True))
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

    def metrics(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "exact": _prf(self.exact, self.gold, self.predicted),
            "overlap": _prf(self.overlap, self.gold, self.predicted),
            "speaker_accuracy": _ratio(self.speaker_overlap, self.speaker_pairs),
            "speaker_exact_accuracy": _ratio(self.speaker_exact, self.speaker_pairs),
            "speaker_pairs": self.speaker_pairs,
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


def evaluate(path: str | Path, split: str = "dev", limit: int | None = None) -> dict[str, Any]:
    """Content P/R/F1 (exact and overlap) and speaker accuracy, crosswire beside baselines."""
    from crosswire.analyze.nlp import load_nlp

    documents = load_split(path, split)[:limit]
    nlp = load_nlp()
    runners = {
        "crosswire": crosswire_predictions,
        "baseline_textacy_direct_quotations": textacy_predictions,
        "baseline_quote_marks": quote_mark_predictions,
    }
    systems: dict[str, dict[str, _Tally]] = {}
    refused: dict[str, int] = dict.fromkeys(runners, 0)
    docs = nlp.pipe((d.text for d in documents), batch_size=16)
    for document, doc in zip(documents, docs, strict=True):
        for name, runner in runners.items():
            try:
                predicted = runner(doc, document.text)
            except ValueError:  # textacy gives up on a text with an unclosed quotation
                refused[name] += 1
                predicted = []
            if predicted is None:
                continue
            tallies = systems.setdefault(name, {"all": _Tally(), "direct": _Tally()})
            tallies["all"].add(document.gold, predicted)
            tallies["direct"].add(
                [g for g in document.gold if g.direct], [p for p in predicted if p.direct]
            )
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
