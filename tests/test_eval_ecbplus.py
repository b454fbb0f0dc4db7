"""ECB+ reader and evaluation on a tiny hand-written topic, and (slow) on the real data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from crosswire.evaluate import ecbplus

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "ecbplus"


def _doc(name: str, sentences: list[str], mentions: list[tuple[str, str, list[int]]]) -> str:
    """CROMER XML: ``mentions`` are (m_id, tag, token ids); chains are given separately."""
    tokens, t_id = [], 0
    for s, sentence in enumerate(sentences):
        for n, word in enumerate(sentence.split()):
            t_id += 1
            tokens.append(f'<token t_id="{t_id}" sentence="{s}" number="{n}">{word}</token>')
    marks = "".join(
        f'<{tag} m_id="{m}">' + "".join(f'<token_anchor t_id="{t}"/>' for t in ids) + f"</{tag}>"
        for m, tag, ids in mentions
    )
    return f'<Document doc_name="{name}">{"".join(tokens)}<Markables>{marks}</Markables>'


def _chains(links: list[tuple[str, list[str]]]) -> str:
    rels = "".join(
        f'<CROSS_DOC_COREF r_id="{i}" note="{inst}">'
        + "".join(f'<source m_id="{m}"/>' for m in ms)
        + '<target m_id="99"/></CROSS_DOC_COREF>'
        for i, (inst, ms) in enumerate(links)
    )
    return f"<Relations>{rels}</Relations></Document>"


@pytest.fixture
def topic(tmp_path: Path) -> Path:
    folder = tmp_path / "1"
    folder.mkdir()
    one = _doc(
        "1_1ecb",
        ["Sergey Ryabkov met Wendy Sherman in Geneva .", "Ryabkov left ."],
        [
            ("1", "HUMAN_PART_PER", [1, 2]),
            ("2", "HUMAN_PART_PER", [4, 5]),
            ("3", "LOC_GEO", [7]),
            ("4", "HUMAN_PART_PER", [9]),
            ("5", "HUMAN_PART_PER", [10]),
        ],
    )
    (folder / "1_1ecb.xml").write_text(
        one + _chains([("HUM1", ["1", "4"]), ("HUM2", ["2"]), ("LOC1", ["3"])])
    )
    two = _doc(
        "1_2ecb",
        ["Sergei Riabkov said Sherman was in Geneva ."],
        [("1", "HUMAN_PART_PER", [1, 2]), ("2", "HUMAN_PART_PER", [4]), ("3", "LOC_GEO", [7])],
    )
    (folder / "1_2ecb.xml").write_text(
        two + _chains([("HUM1", ["1"]), ("HUM2", ["2"]), ("LOC1", ["3"])])
    )
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n1,1ecb,0\n1,1ecb,1\n1,2ecb,0\n"
    )
    return tmp_path


def test_reader_keeps_named_mentions_of_selected_sentences(topic: Path) -> None:
    docs = ecbplus.load_topic(topic / "1", ecbplus._selected_sentences(topic))
    texts = sorted(d.text[m.start : m.end] for d in docs for m in d.mentions)
    # "left" (m_id 5) is a verb, so it is no named mention; "Ryabkov" stays.
    assert texts == [
        "Geneva",
        "Geneva",
        "Ryabkov",
        "Sergei Riabkov",
        "Sergey Ryabkov",
        "Sherman",
        "Wendy Sherman",
    ]


def test_crosswire_beats_both_baselines_on_transliterations(topic: Path) -> None:
    result: dict[str, Any] = ecbplus.evaluate(topic, [1, 7])
    assert result["topics"] == [1] and result["missing_topics"] == [7]
    overall = result["overall"]
    assert overall["crosswire"]["conll_f1"] == 1.0
    assert overall["crosswire"]["conll_f1"] > overall["same_string"]["conll_f1"]
    assert overall["crosswire"]["conll_f1"] > overall["same_head_lemma"]["conll_f1"]
    assert set(result["per_topic"]["1"]) >= {"crosswire", "same_string", "same_head_lemma"}


def test_head_or_contained_links_shared_heads_and_names_inside_names() -> None:
    items = [
        ("a", "packard", "Hewlett-Packard"),
        ("b", "company", "Hewlett-Packard Company"),
        ("c", "hp", "HP"),
        ("d", "packard", "Packard Bell"),
        ("e", "", ""),  # a gold mention no system mention stands for
    ]
    clusters = sorted(sorted(map(str, c)) for c in ecbplus._head_or_contained(items))
    assert clusters == [["a", "b", "d"], ["c"], ["e"]]


def test_end_to_end_matches_own_mentions_to_gold(topic: Path) -> None:
    result: dict[str, Any] = ecbplus.evaluate(topic, [1])
    end = result["end_to_end"]
    assert set(end) >= {"crosswire", "head_or_contained", "gold_mentions_found"}
    assert 0.0 < end["gold_mentions_found"] <= 1.0
    assert 0.0 <= end["crosswire"]["conll_f1"] <= 1.0
    assert "end_to_end" in result["per_topic"]["1"]


@pytest.mark.slow
def test_development_topics_above_both_baselines() -> None:
    if not EVAL.is_dir():
        pytest.skip(f"ECB+ not found at {EVAL}")
    result = ecbplus.evaluate(EVAL)
    overall, end = result["overall"], result["end_to_end"]
    ours = overall["crosswire"]["conll_f1"]
    assert ours > overall["same_string"]["conll_f1"]
    assert ours > overall["same_head_lemma"]["conll_f1"]
    assert ours > overall["head_or_contained"]["conll_f1"]
    # Measured 0.904 with gold mentions (head-or-contained 0.888) and 0.873 end to end
    # (91.7% of gold mentions found; head-or-contained 0.864 over the same mentions) on
    # topics 1-35: floors.
    assert ours >= 0.89
    assert end["crosswire"]["conll_f1"] >= 0.86
    assert end["crosswire"]["conll_f1"] >= end["head_or_contained"]["conll_f1"] + 0.005
    assert end["gold_mentions_found"] >= 0.90


def test_a_headline_ends_its_line_and_running_text_does_not(tmp_path: Path) -> None:
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n2,1ecb,0\n2,1ecb,1\n2,1ecb,2\n"
    )
    folder = tmp_path / "2"
    folder.mkdir()
    doc = _doc(
        "2_1ecb",
        ["Rovers sign Tobias Quell", "Tobias Quell joined Rovers .", "Quell said so ."],
        [("1", "HUMAN_PART_PER", [3, 4]), ("2", "HUMAN_PART_PER", [5, 6])],
    )
    (folder / "2_1ecb.xml").write_text(doc + _chains([("HUM1", ["1", "2"])]))
    (loaded,) = ecbplus.load_topic(folder, ecbplus._selected_sentences(tmp_path))
    assert loaded.text == "Rovers sign Tobias Quell\nTobias Quell joined Rovers. Quell said so."
    assert all(loaded.text[m.start : m.end] == "Tobias Quell" for m in loaded.mentions)


def test_contractions_and_initials_split_by_ecbplus_are_written_whole(tmp_path: Path) -> None:
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n3,1ecb,0\n"
    )
    folder = tmp_path / "3"
    folder.mkdir()
    doc = _doc(
        "3_1ecb",
        ["Tobias Quell ’ s team doesn ’ t lose to the U . S . side , A . ."],
        [("1", "HUMAN_PART_PER", [1, 2])],
    )
    (folder / "3_1ecb.xml").write_text(doc + _chains([("HUM1", ["1"])]))
    (loaded,) = ecbplus.load_topic(folder, ecbplus._selected_sentences(tmp_path))
    assert loaded.text == "Tobias Quell’s team doesn’t lose to the U.S. side, A.."
    (mention,) = loaded.mentions
    assert loaded.text[mention.start : mention.end] == "Tobias Quell"
