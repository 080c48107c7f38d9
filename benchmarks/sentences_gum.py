"""Sentence boundaries on UD English-GUM dev (written genres), beside four peers.

Run: ``PYTHONPATH=. python benchmarks/sentences_gum.py [--show N]``. Scores
``annotator.text.sentences.units`` and, in the same run on the same paragraphs, pysbd,
nupunkt, blingfire and syntok (benchmark-only dependencies: ``pip install pysbd nupunkt
blingfire syntok``; a peer that is not installed is reported as missing). The data
(``../shared/eval/sentences-gum-dev.jsonl``, CC BY-NC-SA: for measuring, not shipped)
gives each paragraph's gold sentences. As its README says, a boundary is the count of
non-space characters before a sentence start; the figures are boundary precision,
recall and F1 pooled over paragraphs, and "exact", the share of paragraphs split exactly.
A paragraph is one ``# newpar`` block of the CoNLL-U, its sentences joined by a space
(checked against the source for the letters: the blocks match, and line breaks inside a
block, as in a letterhead or an address, are not in the CoNLL-U, whose inline XML holds no
``<lb/>``; so every segmenter sees such a block as one line).
``--show N`` prints our first N wrong paragraphs. The last lines score every segmenter on
two halves of the documents (alternating in name order), a check that a figure does not
rest on one document's conventions. Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shared_data import shared_dir  # noqa: E402

from annotator.text.sentences import units  # noqa: E402

DATA = shared_dir() / "eval" / "sentences-gum-dev.jsonl"

Splitter = Callable[[str], list[int]]  # paragraph -> character offsets of sentence starts


def nonspace_before(text: str, offsets: list[int]) -> set[int]:
    """Each offset as the count of non-space characters before it (0 left out)."""
    counts, n, k = set(), 0, 0
    targets = sorted(set(offsets))
    for i, ch in enumerate(text):
        while k < len(targets) and targets[k] == i:
            if n:
                counts.add(n)
            k += 1
        if not ch.isspace():
            n += 1
    return counts


def starts_of(pieces: list[str]) -> set[int]:
    """Boundaries of a segmenter that returns sentence strings (white space may differ)."""
    counts, n = set(), 0
    for piece in pieces:
        if n:
            counts.add(n)
        n += sum(1 for ch in piece if not ch.isspace())
    return counts


def ours(text: str) -> set[int]:
    return nonspace_before(text, [u.start for u in units(text)])


def peers() -> dict[str, Callable[[str], set[int]] | str]:
    found: dict[str, Callable[[str], set[int]] | str] = {}
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
        found["pysbd"] = lambda t: nonspace_before(t, [s.start for s in seg.segment(t)])
    except ImportError:
        found["pysbd"] = "not installed"
    try:
        import nupunkt

        found["nupunkt"] = lambda t: starts_of(nupunkt.sent_tokenize(t))
    except ImportError:
        found["nupunkt"] = "not installed"
    try:
        import blingfire

        found["blingfire"] = lambda t: starts_of(blingfire.text_to_sentences(t).split("\n"))
    except ImportError:
        found["blingfire"] = "not installed"
    try:
        from syntok import segmenter

        def syntok_starts(t: str) -> set[int]:
            offsets = [s[0].offset for p in segmenter.analyze(t) for s in p if s]
            return nonspace_before(t, offsets)

        found["syntok"] = syntok_starts
    except ImportError:
        found["syntok"] = "not installed"
    return found


def score(rows: list[dict[str, object]], split: Callable[[str], set[int]], show: int = 0) -> str:
    tp = fp = fn = exact = 0
    shown = 0
    for row in rows:
        text = str(row["text"])
        gold = starts_of([str(s) for s in row["sentences"]])  # type: ignore[attr-defined]
        pred = split(text)
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        exact += gold == pred
        if gold != pred and shown < show:
            shown += 1
            print(f"--- {row['id']}: missing {sorted(gold - pred)} extra {sorted(pred - gold)}")
            for u in units(text):
                print("   |", text[u.start : u.end][:160].replace("\n", " "))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"exact {exact / len(rows):.3f}  P {p:.3f}  R {r:.3f}  F1 {f:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    n = sum(len(r["sentences"]) for r in rows)
    print(f"UD English-GUM dev: {len(rows)} paragraphs, {n} sentences (targets: exact >= 0.94,"
          " F1 >= 0.965)")  # fmt: skip
    print(f"  {'annotator':10} {score(rows, ours, args.show)}")
    found = peers()
    for name, split in found.items():
        print(f"  {name:10} {split if isinstance(split, str) else score(rows, split)}")
    docs = sorted({str(r["id"]).rsplit("-p", 1)[0] for r in rows})
    for half in (0, 1):
        names = set(docs[half::2])
        part = [r for r in rows if str(r["id"]).rsplit("-p", 1)[0] in names]
        print(
            f"half {'AB'[half]} of the documents ({len(names)} documents, {len(part)} paragraphs)"
        )
        print(f"  {'annotator':10} {score(part, ours)}")
        for name, split in found.items():
            if not isinstance(split, str):
                print(f"  {name:10} {score(part, split)}")


if __name__ == "__main__":
    main()
