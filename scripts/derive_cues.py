"""Derive crosswire's cue lexicon from the PolNeAR *train* split (never dev or test).

Every attribution in PolNeAR has its cue annotated.  For each verb lemma this counts how often a
token of that lemma heads a gold cue against how often the lemma occurs as a verb at all, and
which dependency ties the cue to its content (``ccomp`` for "said that …", ``dobj`` for
"criticized the plan", ``xcomp`` for "wants to …", ``prep:for`` for "called for …").  A lemma
enters the lexicon when it heads at least ``--min-count`` cues and is a cue in at least
``--min-rate`` of its occurrences, so verbs that only sometimes report ("show", "see") stay out
unless the data says they mostly do.  Below that cut a verb enters by the constructions in which
it reports often enough as crosswire reads it (outside quotation marks, with a subject that can
speak): "attacked <X>", "seeks to <X>"; a reporting verb takes such constructions too.  What
these constructions find is marked as a stance, which the brief leaves out of its quotes.

    PYTHONPATH=src python scripts/derive_cues.py ../shared/eval/polnear \\
        -o src/crosswire/analyze/data/cues.tsv --sources src/crosswire/analyze/data/sources.tsv \\
        --arguments src/crosswire/analyze/data/arguments.tsv

It also writes, for every common noun seen as a grammatical subject at least
``MIN_SUBJECT_COUNT`` times, how often it heads a gold source against how often it is a subject,
so a cue's subject like "tensions" or "comments" is not taken for a speaker while "official" or
"poll" is.  With ``--arguments`` it writes, for every preposition heading a phrase of a cue verb
after its content has begun (at least ``MIN_COUNT`` times), how often the phrase lies inside the
gold content ("blasted him *for* not paying", "likened RT *to* the BBC") against how often it
follows a cue, so the content of a stance or deed takes in the phrases that complete it and not
the ones that only say when or where.  The files are shipped as package data and read by
``crosswire.analyze.cues``.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from crosswire.analyze.nlp import load_nlp
from crosswire.evaluate.polnear import _quoted_chars, read_sources, read_standoff

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MIN_COUNT = 5
MIN_RATE = 0.4
# A verb that reports only in one construction ("pledged to …", "opposes <the bill>") enters by
# that construction alone when it is a cue in this share of the verb's uses that have it, counted
# as crosswire reads them: outside quotation marks, with a subject that can speak ("Lee attacked
# <the plan>", not "the storm attacked <the coast>").  Chosen on train (scored in sample with
# crosswire's own evaluator, overlap F1): 0.40 0.667, 0.35 0.672, 0.30 0.677, 0.25 0.679; the
# constructions between 0.30 and 0.35 are right in 51% of the attributions they add, those
# between 0.25 and 0.30 in 41%, so the cut stops where one added attribution in two is right.
# Such stances are marked (``Attribution.stance``) and the brief leaves them out of its quotes.
MIN_RELATION_RATE = 0.3
MIN_SUBJECT_COUNT = 5
MAX_RELATIONS = 4  # content relations kept per cue, most frequent first …
RELATION_SHARE = 0.05  # … each holding at least this share of the cue's attributions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("polnear", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True, help="cue lexicon (tsv)")
    parser.add_argument("--sources", type=Path, required=True, help="source nouns (tsv)")
    parser.add_argument("--arguments", type=Path, help="prepositions inside content (tsv)")
    parser.add_argument("--min-count", type=int, default=MIN_COUNT)
    parser.add_argument("--min-rate", type=float, default=MIN_RATE)
    parser.add_argument("--min-relation-rate", type=float, default=MIN_RELATION_RATE)
    parser.add_argument("--cache", type=Path, help="DocBin of the train texts, made if missing")
    args = parser.parse_args()
    root = args.polnear / "train"  # the lexicon is learned from train only
    anns = sorted((root / "attributions").glob("*.ann"))
    texts = {}
    for ann in anns:
        name = ann.stem.rsplit("_", 1)[0]
        with (root / "text" / f"{name}.txt").open(encoding="utf-8", newline="") as handle:
            texts[name] = handle.read()
    names = sorted(texts)
    docs = dict(zip(names, _parse([texts[n] for n in names], args.cache), strict=True))
    cues: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    relations: dict[str, Counter[str]] = defaultdict(Counter)
    seen_with: Counter[tuple[str, str]] = Counter()  # (lemma, relation) of verb uses …
    cue_with: Counter[tuple[str, str]] = Counter()  # … and of those that are cues, as read
    nouns: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    after_cue: Counter[str] = Counter()  # preposition -> phrases after a gold cue verb …
    in_content: Counter[str] = Counter()  # … and those inside its gold content
    for ann in anns:
        doc = docs[ann.stem.rsplit("_", 1)[0]]
        quoted = _quoted_chars(doc.text)
        cue_uses = _cue_uses(doc, ann)
        for token in doc:
            if token.pos_ == "VERB":
                seen[token.lemma_.lower()] += 1
                if not _read_as_report(token, quoted):
                    continue
                for relation in {_child_relation(c) for c in token.children}:
                    seen_with[(token.lemma_.lower(), relation)] += 1
                    cue_with[(token.lemma_.lower(), relation)] += relation in cue_uses.get(
                        token.i, ()
                    )
            elif token.pos_ == "NOUN" and token.dep_ in {"nsubj", "nsubjpass"}:
                nouns[token.lemma_.lower()] += 1
        for source in read_sources(ann):
            span = doc.char_span(source[0], source[1], alignment_mode="expand")
            if span is not None and span.root.pos_ == "NOUN":
                sources[span.root.lemma_.lower()] += 1
        for cue, content in read_standoff(ann):
            span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
            verbs = [t for t in span or [] if t.pos_ == "VERB"]
            if not verbs:
                continue
            head = verbs[-1] if verbs[0].lower_ != "according" else verbs[0]
            lemma = head.lemma_.lower()
            cues[lemma] += 1
            relation = _relation(doc, head, content)
            if relation:
                relations[lemma][relation] += 1
            for child in head.rights:  # phrases after the content has begun
                if child.dep_ == "prep" and child.idx > content[0][0] > head.idx:
                    after_cue[child.lower_] += 1
                    in_content[child.lower_] += _inside(child, content)
    read = _read_relations(seen_with, cue_with, args.min_count, args.min_relation_rate)
    rows = []
    for lemma, count in cues.items():
        if count < args.min_count or count / max(seen[lemma], count) < args.min_rate:
            continue
        common = relations[lemma].most_common(MAX_RELATIONS)
        best = [r for r, n in common if n >= RELATION_SHARE * count]
        best += [r for r in read.get(lemma, []) if r not in best]  # e.g. "argued <X>"
        rate = count / max(seen[lemma], count)
        rows.append((lemma, count, seen[lemma], rate, ",".join(best), "lemma"))
    in_lexicon = {row[0] for row in rows}
    for lemma, found in read.items():  # below the lemma's cut: its constructions only
        if lemma not in in_lexicon:
            rate = cues[lemma] / max(seen[lemma], cues[lemma], 1)
            rows.append((lemma, cues[lemma], seen[lemma], rate, ",".join(found), "relation"))
    rows.sort(key=lambda row: (-row[1], row[0]))
    with args.output.open("w", encoding="utf-8") as out:
        out.write("# derived by scripts/derive_cues.py from PolNeAR train; do not edit by hand\n")
        out.write("lemma\tcues\tverb_occurrences\tcue_rate\tcontent_relations\tscope\n")
        for lemma, count, total, rate, best, scope in rows:
            out.write(f"{lemma}\t{count}\t{total}\t{rate:.3f}\t{best}\t{scope}\n")
    print(f"{len(rows)} cue lemmas written to {args.output}")
    kept = [
        (noun, sources[noun], total, sources[noun] / total)
        for noun, total in nouns.items()
        if total >= MIN_SUBJECT_COUNT
    ]
    kept.sort(key=lambda row: (-row[3], -row[2], row[0]))
    with args.sources.open("w", encoding="utf-8") as out:
        out.write("# derived by scripts/derive_cues.py from PolNeAR train; do not edit by hand\n")
        out.write("lemma\tsources\tsubject_occurrences\tsource_rate\n")
        for noun, count, total, rate in kept:
            out.write(f"{noun}\t{count}\t{total}\t{min(rate, 1.0):.3f}\n")
    print(f"{len(kept)} source nouns written to {args.sources}")
    if args.arguments is not None:
        _write_arguments(args.arguments, after_cue, in_content, args.min_count)


def _read_relations(
    seen_with: Counter[tuple[str, str]],
    cue_with: Counter[tuple[str, str]],
    minimum: int,
    min_rate: float,
) -> dict[str, list[str]]:
    """Lemma -> the constructions in which it reports as crosswire reads it ("attacked <X>",
    "seeks to <X>"): a relation that is a cue at least ``minimum`` times and in ``min_rate``
    of the verb's uses with it, most frequent first."""
    kept: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for (lemma, relation), n in cue_with.items():
        if not lemma.isalpha() or relation.startswith("head:") or n < minimum:
            continue
        if n / max(seen_with[(lemma, relation)], n) >= min_rate:
            kept[lemma].append((n, relation))
    return {
        lemma: [r for _, r in sorted(found, key=lambda pair: (-pair[0], pair[1]))]
        for lemma, found in kept.items()
    }


def _read_as_report(verb: Token, quoted: list[bool]) -> bool:
    """Whether crosswire reads a verb use as a possible report: outside quotation marks, with a
    subject outside them that can speak."""
    from crosswire.analyze.quotes import _can_speak, _subject

    if quoted[verb.idx]:
        return False
    subject = _subject(verb)
    return subject is not None and not quoted[subject.idx] and _can_speak(subject)


def _cue_uses(doc: Doc, ann: Path) -> dict[int, set[str | None]]:
    """Cue verb token -> how its gold contents hang from it."""
    uses: dict[int, set[str | None]] = defaultdict(set)
    for cue, content in read_standoff(ann):
        span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
        verbs = [t for t in span or [] if t.pos_ == "VERB"]
        if verbs:
            head = verbs[-1] if verbs[0].lower_ != "according" else verbs[0]
            uses[head.i].add(_relation(doc, head, content))
    return uses


def _inside(phrase: Token, content: list[tuple[int, int]]) -> bool:
    """Whether a phrase lies within the gold content."""
    start, end = phrase.left_edge.idx, phrase.right_edge.idx + len(phrase.right_edge.text)
    return content[0][0] <= start and end <= max(b for _, b in content)


def _write_arguments(path: Path, seen: Counter[str], inside: Counter[str], minimum: int) -> None:
    rows = [(p, inside[p], n, inside[p] / n) for p, n in seen.items() if n >= minimum]
    rows.sort(key=lambda row: (-row[3], -row[2], row[0]))
    with path.open("w", encoding="utf-8") as out:
        out.write("# derived by scripts/derive_cues.py from PolNeAR train; do not edit by hand\n")
        out.write("preposition\tin_content\tafter_cue\tcontent_rate\n")
        for prep, count, total, rate in rows:
            out.write(f"{prep}\t{count}\t{total}\t{rate:.3f}\n")
    print(f"{len(rows)} prepositions written to {path}")


def _parse(texts: list[str], cache: Path | None) -> list[Doc]:
    from spacy.tokens import DocBin

    nlp = load_nlp()
    if cache is not None and cache.exists():
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=16))
    if cache is not None:
        DocBin(docs=docs).to_disk(cache)
    return docs


def _child_relation(child: Token) -> str:
    return f"prep:{child.lower_}" if child.dep_ == "prep" else str(child.dep_)


def _relation(doc: Doc, head: Token, content: list[tuple[int, int]]) -> str | None:
    """How the content hangs from the cue verb: the dependency of the child that holds it,
    or ``head:<dep>`` when the cue hangs from the content ("…, she said")."""
    start, end = content[0][0], max(b for _, b in content)
    span = doc.char_span(start, end, alignment_mode="expand") if start < end else None
    if span is None or span.root.i == head.i:
        return None
    node = span.root
    for _ in range(len(doc)):
        if node.head.i == head.i:
            return _child_relation(node)
        if node.head.i == node.i:
            break
        node = node.head
    if head.head.i != head.i and span.start <= head.head.i < span.end:
        return f"head:{head.dep_}"
    return None


if __name__ == "__main__":
    main()
