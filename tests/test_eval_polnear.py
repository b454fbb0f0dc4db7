"""PolNeAR evaluation: reading BRAT standoff, matching rules, and a run on the dev split."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import eval_path
from crosswire.errors import CrosswireError
from crosswire.evaluate import polnear

TEXT = 'Ms. Lee said that the plan "will not change at all." Voters were unsure, polls show.'
ANN = (
    "T1\tSource 0 7\tMs. Lee\n"
    "T2\tCue 8 12\tsaid\n"
    'T3\tContent 13 52\tthat the plan "will not change at all."\n'
    "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
    "T4\tContent 53 71\tVoters were unsure\n"
    "T5\tCue 79 83\tshow\n"
    "E2\tAttribution-no-source:T5 Content:T4 Cue:T5\n"
)


def make_split(root: Path) -> Path:
    (root / "dev" / "text").mkdir(parents=True)
    (root / "dev" / "attributions").mkdir()
    (root / "dev" / "text" / "doc-one.txt").write_text(TEXT)
    (root / "dev" / "attributions" / "doc-one_abcd.ann").write_text(ANN)
    return root


def test_reads_gold_attributions(tmp_path: Path) -> None:
    (document,) = polnear.load_split(make_split(tmp_path), "dev")
    first, second = document.gold
    assert len(first.content) == 7 and len(first.speaker) == 2  # "that" is not content
    assert not first.direct and not second.speaker


def test_matching_exact_and_half_overlap() -> None:
    gold = [polnear.Span(frozenset(range(10)))]
    assert polnear._pairs(gold, [polnear.Span(frozenset(range(10)))], exact=True)
    assert polnear._pairs(gold, [polnear.Span(frozenset(range(5)))], exact=False)
    assert not polnear._pairs(gold, [polnear.Span(frozenset(range(4)))], exact=False)
    assert not polnear._pairs(gold, [polnear.Span(frozenset(range(9)))], exact=True)


def test_runs_on_any_split_folder(tmp_path: Path) -> None:
    result = polnear.evaluate(make_split(tmp_path), "dev")
    assert result["documents"] == 1
    assert result["crosswire"]["all"]["gold"] == 2
    assert result["crosswire"]["all"]["overlap"]["recall"] > 0


def test_export_is_scored_grouped_by_cue_and_one_span_each() -> None:
    text = "“We will win here,” Ann Lee said. “And we will win again.” Voters cheered."
    first, second = text.index("We will win here"), text.index("And we will")
    record = {
        "kind": "direct", "cue": "said", "cue_start": text.index("said"), "cue_end": 0,
        "speaker_text": "Ann Lee", "speaker_start": text.index("Ann"),
        "speaker_end": text.index("Ann") + 7, "speaker": "Ann Lee",
    }  # fmt: skip
    exported = {
        "attributions": [
            {**record, "start": first, "end": first + 16},
            {**record, "start": second, "end": second + 20},
        ]
    }
    (grouped,) = polnear.export_predictions(exported, text, one_span=False)
    assert len(grouped.content) == 8 and grouped.names == {"ann", "lee"}
    assert len(polnear.export_predictions(exported, text, one_span=True)) == 2


def test_resolved_speaker_is_scored_only_against_naming_sources() -> None:
    assert polnear._naming_words("Sen. Ann Lee") == {"sen", "ann", "lee"}
    assert polnear._naming_words("he") == frozenset()
    assert polnear._naming_words("officials") == frozenset()


def test_missing_split_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CrosswireError, match="not a PolNeAR split"):
        polnear.evaluate(tmp_path, "test")


@pytest.mark.slow
def test_dev_split_beats_the_baselines() -> None:
    result = polnear.evaluate(eval_path("polnear"), "dev")
    ours, textacy = result["crosswire"], result.get("baseline_textacy_direct_quotations")
    marks = result["baseline_quote_marks"]
    # floors pinned a little under the measured figures (direct exact / overlap F1 0.847 /
    # 0.901, speaker 0.957; all overlap F1 0.688, speaker 0.937; one span all 0.654)
    assert ours["direct"]["exact"]["f1"] >= 0.82
    assert ours["direct"]["overlap"]["f1"] >= 0.88
    assert ours["all"]["overlap"]["f1"] >= 0.66
    assert ours["all"]["speaker_accuracy"] >= 0.91
    assert ours["direct"]["speaker_accuracy"] >= 0.93
    assert ours["one_span_all"]["overlap"]["f1"] >= 0.62
    for baseline in filter(None, (textacy, marks)):
        assert ours["direct"]["exact"]["f1"] > baseline["direct"]["exact"]["f1"]
        assert ours["all"]["overlap"]["f1"] > baseline["all"]["overlap"]["f1"]


def test_gold_direct_means_every_content_word_is_quoted(tmp_path: Path) -> None:
    text = (
        "Lee said that “the plan works. It always has.” Kim called it “a plan” at noon.\n"
        "Ann said ''no way at all'' twice."
    )
    parts = {
        "that": (text.index("that"), text.index("has.") + 5),  # "that" and the marks taken in
        "first": (text.index("the plan works"), text.index(" It always")),  # one sentence each
        "second": (text.index("It always"), text.index("has.") + 4),
        "partial": (text.index("it “a"), text.index(" at noon")),
        "wire": (text.index("no way"), text.index("''", text.index("no way"))),
    }
    lines = [f"T{i}\tContent {a} {b}\t{text[a:b]}" for i, (a, b) in enumerate(parts.values())]
    lines[1] = f"T1\tContent {parts['first'][0]} {parts['first'][1]};{parts['second'][0]} " + (
        f"{parts['second'][1]}\tx"
    )
    del lines[2]
    lines += [f"E{i}\tAttribution:T{i} Content:T{i}" for i in (0, 1, 3, 4)]
    root = tmp_path / "dev"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "d.txt").write_text(text)
    (root / "attributions" / "d_x.ann").write_text("\n".join(lines) + "\n")
    (document,) = polnear.load_split(tmp_path, "dev")
    assert [span.direct for span in document.gold] == [True, True, False, True]
