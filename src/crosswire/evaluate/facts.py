"""Cross-source facts on real news: discrepancy and alignment P/R against the facts gold.

Data: ``facts/<cluster>.json`` (gold facts, their quoted reports, traps; see that
folder's README) beside the DUC-format ``clusters.jsonl`` holding the articles
(a gold ``doc`` k is ``docs[k-1]``).  Each article is read as a plain-text file
would be (``ingest.text``: hard-wrapped lines joined), cleaned and analysed; the
claims of the brief are then scored by evidence:

- a claim *covers* a gold fact when its values' evidence spans overlap the fact's
  quoted reports (each located in the source's cleaned text with whitespace runs
  collapsed) in at least two distinct sources;
- discrepancy precision: flagged discrepancies covering a gold ``discrepancy`` fact
  / flagged discrepancies; recall: gold discrepancies covered by a flag / gold
  discrepancies; alignment recall: gold facts covered by any claim / gold facts;
  alignment precision: claims with evidence in two or more sources that cover a
  gold fact / such claims; trap hits: flags whose evidence touches a trap quote.

Byte-identical copies of an article are one source: the story keeps both (the brief
lists the second as a copy), and scoring reads evidence in either as the same source.

Systems side by side over the same analyses: ``crosswire`` (``reconcile_claims``)
and ``naive`` (every value of one attribute aligned whatever its subject, a
discrepancy whenever the stated figures differ, hedges ignored).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosswire.errors import EvaluationDataError
from crosswire.evaluate.duc2004 import load_clusters
from crosswire.ingest.text import read_text
from crosswire.model import Claim, ClaimValue, Evidence, Story
from crosswire.reconcile.claims import (
    attribute_key,
    pair_features,
    reconcile_claims,
    similarity,
    stated,
    story_items,
)
from crosswire.reconcile.entities import reconcile_entities
from crosswire.reconcile.independence import find_duplicates

__all__ = ["evaluate", "load_gold", "score_cluster", "Located"]

_SPACE = re.compile(r"\s+")

# (source number, start, end) in the source's cleaned text
Span = tuple[int, int, int]


@dataclass
class Located:
    """A gold cluster with every quote placed in the story's sources."""

    cluster: str
    facts: list[dict[str, Any]]  # gold facts, each with "spans": list[Span]
    traps: list[dict[str, Any]]  # gold traps, each with "spans": list[Span]
    unlocated: list[str] = field(default_factory=list)  # quotes not found, for reading


@dataclass
class _Tally:
    flagged: int = 0
    flagged_true: int = 0
    discrepancies: int = 0
    discrepancies_found: int = 0
    facts: int = 0
    facts_aligned: int = 0
    multi_claims: int = 0
    multi_claims_true: int = 0
    trap_hits: int = 0

    def add(self, other: _Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def scores(self) -> dict[str, float | int]:
        return {
            "discrepancy_precision": _ratio(self.flagged_true, self.flagged),
            "discrepancy_recall": _ratio(self.discrepancies_found, self.discrepancies),
            "alignment_precision": _ratio(self.multi_claims_true, self.multi_claims),
            "alignment_recall": _ratio(self.facts_aligned, self.facts),
            "trap_hits": self.trap_hits,
            "flagged": self.flagged,
            "flagged_true": self.flagged_true,
            "gold_discrepancies": self.discrepancies,
            "gold_facts": self.facts,
            "claims_in_two_sources": self.multi_claims,
        }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


System = Callable[[Story], list[Claim]]


def evaluate(
    facts_path: str | Path,
    clusters_path: str | Path,
    stories: dict[str, Story] | None = None,
) -> dict[str, Any]:
    """Discrepancy and alignment P/R and trap hits of crosswire and the naive baseline.

    ``stories`` (cluster id -> analysed story) may be given to reuse analyses.
    """
    gold = load_gold(facts_path)
    clusters = {c.get("cluster"): c for c in load_clusters(clusters_path)}
    missing = sorted(set(gold) - set(clusters))
    if missing:
        raise EvaluationDataError(f"{clusters_path}: no articles for clusters {missing}")
    systems: dict[str, System] = {"crosswire": crosswire_claims, "naive": naive_claims}
    totals = {name: _Tally() for name in systems}
    per_cluster: dict[str, dict[str, Any]] = {}
    unlocated: list[str] = []
    analysed: dict[str, tuple[Story, Located]] = {}
    for name in sorted(gold):
        story = (stories or {}).get(name) or story_of(clusters[name]["docs"])
        located = locate(gold[name], clusters[name]["docs"], story)
        analysed[name] = (story, located)
        unlocated.extend(located.unlocated)
        per_cluster[name] = {}
        for system, produce in systems.items():
            tally, errors = score_cluster(located, produce(story), story)
            totals[system].add(tally)
            per_cluster[name][system] = {**tally.scores(), "errors": errors}
    return {
        "clusters": len(gold),
        "systems": {
            **{name: totals[name].scores() for name in systems},
            "crosswire_pair_model_left_out": leave_one_cluster_out(analysed),
        },
        "per_cluster": {
            name: {
                "crosswire": rows["crosswire"],
                "naive": {k: v for k, v in rows["naive"].items() if k != "errors"},
            }
            for name, rows in per_cluster.items()
        },
        "unlocated_quotes": unlocated,
    }


# ---------------------------------------------------------------------------- data


def load_gold(path: str | Path) -> dict[str, dict[str, Any]]:
    """Gold files of a facts folder, by cluster id."""
    path = Path(path)
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files or not all(f.is_file() for f in files):
        raise EvaluationDataError(f"{path}: expected a folder of facts gold *.json files")
    gold = {}
    for file in files:
        try:
            record = json.loads(file.read_text(encoding="utf-8"))
            gold[record["cluster"]] = {"facts": record["facts"], "traps": record["traps"]}
        except (ValueError, KeyError, TypeError) as exc:
            raise EvaluationDataError(f"{file}: not a facts gold file ({exc})") from exc
    return gold


def articles_of(docs: list[str]) -> list[Any]:
    """The cluster's articles as plain-text files would be read (doc k -> "article k")."""
    return [read_text(f"article-{k}.txt", doc) for k, doc in enumerate(docs, start=1)]


def story_of(docs: list[str]) -> Story:
    """Analysed story of a cluster's articles (byte-identical copies become one)."""
    from crosswire.pipeline import analyze_story

    return analyze_story(articles_of(docs))


def locate(gold: dict[str, Any], docs: list[str], story: Story) -> Located:
    """Every gold quote as spans in the story's sources."""
    articles = articles_of(docs)
    number_of = {a.article.id: n for n, a in enumerate(story.analyses, start=1)}
    texts = {n: a.article.text for n, a in enumerate(story.analyses, start=1)}
    located = Located(cluster="", facts=[], traps=[])

    def place(doc: int, quote: str) -> list[Span]:
        if not 1 <= doc <= len(articles):
            located.unlocated.append(f"doc {doc} out of range: {quote!r}")
            return []
        source = number_of.get(articles[doc - 1].id)
        span = _find(texts[source], quote) if source is not None else None
        if source is None or span is None:
            located.unlocated.append(f"doc {doc}: {quote!r}")
            return []
        return [(source, *span)]

    for fact in gold["facts"]:
        spans = [s for r in fact["reports"] for s in place(int(r["doc"]), r["quote"])]
        located.facts.append({**fact, "spans": spans})
    for trap in gold["traps"]:
        located.traps.append({**trap, "spans": place(int(trap["doc"]), trap["quote"])})
    return located


def _find(text: str, quote: str) -> tuple[int, int] | None:
    """Character span of ``quote`` in ``text``, whitespace runs collapsed on both sides."""
    collapsed, offsets = _collapse(text)
    needle = _SPACE.sub(" ", quote.strip())
    at = collapsed.find(needle)
    if at < 0 or not needle:
        return None
    return offsets[at], offsets[at + len(needle) - 1] + 1


def _collapse(text: str) -> tuple[str, list[int]]:
    """``text`` with whitespace runs as one space, and each kept character's offset."""
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        offsets.append(index)
    return "".join(chars), offsets


# ------------------------------------------------------------------------- scoring


def score_cluster(
    located: Located, claims: list[Claim], story: Story
) -> tuple[_Tally, list[dict[str, Any]]]:
    """One cluster's counts for ``claims`` and its errors, with the text, for reading."""
    tally = _Tally()
    errors: list[dict[str, Any]] = []
    texts = {n: a.article.text for n, a in enumerate(story.analyses, start=1)}
    one_source = _copies_as_one(story)
    covered_by: dict[int, list[int]] = {}  # claim index -> indices of facts it covers
    for index, claim in enumerate(claims):
        evidence = _evidence(claim, one_source)
        covered_by[index] = [
            f for f, fact in enumerate(located.facts) if _covers(evidence, fact["spans"])
        ]
    discrepant = {f for f, fact in enumerate(located.facts) if fact["status"] == "discrepancy"}
    flagged = [i for i, c in enumerate(claims) if c.status == "discrepancy"]
    tally.facts = len(located.facts)
    tally.discrepancies = len(discrepant)
    tally.flagged = len(flagged)
    covered_all = {f for facts in covered_by.values() for f in facts}
    covered_flagged = {f for i in flagged for f in covered_by[i]}
    tally.facts_aligned = len(covered_all)
    tally.discrepancies_found = len(discrepant & covered_flagged)
    for index in flagged:
        claim = claims[index]
        if discrepant & set(covered_by[index]):
            tally.flagged_true += 1
        else:
            kind = "flag on an agreed fact" if covered_by[index] else "flag on no gold fact"
            errors.append({"kind": kind, **_claim_row(claim, texts, located, covered_by[index])})
        traps = [t for t in located.traps if _touches(_evidence(claim, one_source), t["spans"])]
        tally.trap_hits += bool(traps)
        for trap in traps:
            errors.append(
                {"kind": "trap hit", "trap": trap["quote"], "why": trap["why"]}
                | _claim_row(claim, texts, located, covered_by[index])
            )
    for index, claim in enumerate(claims):
        if len({e.source for e in _evidence(claim, one_source)}) < 2:
            continue
        tally.multi_claims += 1
        if covered_by[index]:
            tally.multi_claims_true += 1
        else:
            errors.append(
                {"kind": "aligned, no gold fact", **_claim_row(claim, texts, located, [])}
            )
    for f in sorted(discrepant - covered_flagged):
        shown_as: list[str] = sorted(
            {claims[i].status for i, facts in covered_by.items() if f in facts}
        )
        errors.append(
            {"kind": "missed discrepancy", "shown_as": shown_as or ["not aligned"]}
            | _fact_row(located.facts[f], covered_all)
        )
    for f in sorted(set(range(len(located.facts))) - covered_all - discrepant):
        errors.append({"kind": "fact not aligned", **_fact_row(located.facts[f], covered_all)})
    return tally, errors


def _evidence(claim: Claim, one_source: dict[int, int] | None = None) -> list[Evidence]:
    """The claim's evidence, each byte-identical copy of an article as the one source
    ``locate`` places quotes in (the gold counts copies as one source)."""
    found = [e for v in claim.values for e in v.evidence]
    if not one_source:
        return found
    return [Evidence(one_source.get(e.source, e.source), e.start, e.end) for e in found]


def _copies_as_one(story: Story) -> dict[int, int]:
    """Source number -> the number of the last source with the same text (as ``locate``)."""
    last = {a.article.id: n for n, a in enumerate(story.analyses, start=1)}
    return {n: last[a.article.id] for n, a in enumerate(story.analyses, start=1)}


def _covers(evidence: list[Evidence], spans: list[Span]) -> bool:
    sources = {
        e.source
        for e in evidence
        for s, start, end in spans
        if s == e.source and e.start < end and start < e.end
    }
    return len(sources) >= 2


def _touches(evidence: list[Evidence], spans: list[Span]) -> bool:
    return any(
        s == e.source and e.start < end and start < e.end
        for e in evidence
        for s, start, end in spans
    )


def _claim_row(
    claim: Claim, texts: dict[int, str], located: Located, facts: list[int]
) -> dict[str, Any]:
    return {
        "claim": f"{claim.subject}: {claim.attribute} ({claim.status})",
        "values": [
            f"{v.hedge + ' ' if v.hedge else ''}{v.value} "
            + "; ".join(f"[{e.source}] {_context(texts[e.source], e)}" for e in v.evidence)
            for v in claim.values
        ],
        "gold": [f"{located.facts[f]['id']} {located.facts[f]['attribute']}" for f in facts],
    }


def _context(text: str, evidence: Evidence, width: int = 60) -> str:
    start, end = max(0, evidence.start - width), min(len(text), evidence.end + width)
    before, value, after = (
        text[start : evidence.start],
        text[evidence.start : evidence.end],
        text[evidence.end : end],
    )
    return _SPACE.sub(" ", f"...{before}[[{value}]]{after}...")


def _fact_row(fact: dict[str, Any], covered: set[int]) -> dict[str, Any]:
    return {
        "fact": f"{fact['id']} {fact['subject']}: {fact['attribute']}"
        + (" (evolving)" if fact.get("evolving") else ""),
        "reports": [f"[doc {r['doc']}] {r['value']}: {r['quote']}" for r in fact["reports"]],
    }


# ------------------------------------------------------------------- the pair model


def leave_one_cluster_out(analysed: dict[str, tuple[Story, Located]]) -> dict[str, Any]:
    """crosswire with its pair model refitted for each cluster without that cluster.

    The shipped weights (``reconcile.claims.LINK_WEIGHTS``) were fitted on all the dev
    clusters; these are the figures of models that never saw the cluster they score.
    """
    pairs = {name: labelled_pairs(story, located) for name, (story, located) in analysed.items()}
    total = _Tally()
    for name, (story, located) in analysed.items():
        model = fit_pair_model([p for other, rows in pairs.items() if other != name for p in rows])
        claims = reconcile_claims(
            story, reconcile_entities(story), find_duplicates(story), link_model=model
        )
        total.add(score_cluster(located, claims, story)[0])
    return total.scores()


def labelled_pairs(story: Story, located: Located) -> list[tuple[list[float], int]]:
    """(features, 1 if both values report one gold fact) for every compatible value pair."""
    items = story_items(story, reconcile_entities(story), find_duplicates(story))
    one_source = _copies_as_one(story)
    facts = [
        {
            f["id"]
            for f in located.facts
            for source, start, end in f["spans"]
            if source == one_source.get(item.source, item.source)
            and item.assertion.start < end
            and start < item.assertion.end
        }
        for item in items
    ]
    rows = []
    for i, a in enumerate(items):
        for j in range(i + 1, len(items)):
            b = items[j]
            score = similarity(a, b) if a.head == b.head else 0.0
            if score > 0:
                rows.append((pair_features(a, b, score), int(bool(facts[i] & facts[j]))))
    return rows


def fit_pair_model(rows: list[tuple[list[float], int]]) -> tuple[list[float], float]:
    """Logistic regression weights and bias over labelled pairs."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit([f for f, _ in rows], [label for _, label in rows])
    return [float(w) for w in model.coef_[0]], float(model.intercept_[0])


# ------------------------------------------------------------------------- systems


def crosswire_claims(story: Story) -> list[Claim]:
    return reconcile_claims(story, reconcile_entities(story), find_duplicates(story))


def naive_claims(story: Story) -> list[Claim]:
    """Values grouped by attribute alone; a discrepancy whenever stated figures differ."""
    groups: dict[str, list[tuple[int, Any]]] = {}
    for source, analysis in enumerate(story.analyses, start=1):
        for a in analysis.assertions:
            groups.setdefault(attribute_key(a.attribute), []).append((source, a))
    claims = []
    for key, members in groups.items():
        values: dict[str, ClaimValue] = {}
        for source, a in members:
            figure = a.value if a.kind in ("date", "place") else str(stated(a))
            value = values.setdefault(figure, ClaimValue(value=figure))
            value.sources.append(source)
            value.evidence.append(Evidence(source, a.start, a.end))
        sources = {s for s, _ in members}
        status = "single" if len(sources) < 2 else "discrepancy" if len(values) > 1 else "agreed"
        claims.append(
            Claim(subject="", attribute=key, status=status, values=list(values.values()))  # type: ignore[arg-type]
        )
    return claims
