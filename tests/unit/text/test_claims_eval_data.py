"""The labelled evaluation articles (tests/data/claims_eval): complete, redistributable,
and every labelled unit found in its article in order."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "data" / "claims_eval"
# The batches only ever measured (benchmarks/claims_eval.py's HELD_OUT): each labelled and
# frozen before anyone read the proposer's output on it. held-out-5 was read once, blind,
# and opened for tuning as dev-4, held-out-6 read twice (figures only) and opened as dev-5:
# their figures are no longer held-out.
HELD_OUT = frozenset({"held-out-3", "held-out-4", "held-out-7"})
TUNED = frozenset({"dev", "dev-2", "dev-3", "dev-4", "dev-5"})


def test_manifest_names_topic_split_source_and_licence() -> None:
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest) >= 10
    for name, meta in manifest.items():
        assert meta["topic"] in {"health", "science", "economy", "politics"}, name
        assert meta["split"] in TUNED | HELD_OUT, name
        assert meta["source"].startswith(("http://", "https://")), name
        assert "public domain" in meta["licence"] or "CC BY" in meta["licence"], name
    # The tuned splits (dev; dev-2 to dev-5, held-out batches read and tuned on
    # once their successor was begun) cover the four topics.
    tuned = {m["topic"] for m in manifest.values() if not m["split"].startswith("held-out")}
    assert tuned == {"health", "science", "economy", "politics"}
    # Each remaining held-out batch (held-out-3, frozen before the proposer's third pass;
    # held-out-4 and later ones, labelled and frozen without the proposer ever being run
    # on them; all only measured) is big enough to measure issue 15's recall targets on
    # its own, with at least three articles of each topic so no one kind of writing
    # decides the figure.
    for split in HELD_OUT:
        held_out = [m["topic"] for m in manifest.values() if m["split"] == split]
        assert len(held_out) >= 12, split
        for topic in ("health", "science", "economy", "politics"):
            assert held_out.count(topic) >= 3, (split, topic)


def test_held_out_batches_are_new_articles() -> None:
    # A batch measures articles nobody tuned on only if none of them was in the set
    # before, under another name: no source address is shared between splits, and no
    # held-out article shares its address with any other article (two tuned dev
    # articles were cut from one page, which is why only held-out ones are held to it).
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    splits_of: dict[str, set[str]] = {}
    names_of: dict[str, list[str]] = {}
    for name, meta in manifest.items():
        splits_of.setdefault(meta["source"], set()).add(meta["split"])
        names_of.setdefault(meta["source"], []).append(name)
    for source, splits in splits_of.items():
        assert len(splits) == 1 or not splits & HELD_OUT, source
        if splits & HELD_OUT:
            assert len(names_of[source]) == 1, (source, names_of[source])


def test_every_unit_is_labelled_and_found_in_order() -> None:
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    for name in manifest:
        text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
        cursor = 0
        lines = (DATA / f"{name}.labels").read_text(encoding="utf-8").splitlines()
        assert lines, name
        for line in lines:
            code, unit = line.split("\t", 1)
            assert code in {"yk", "y-", "n-"}, (name, line)
            pattern = r"\s+".join(re.escape(w) for w in unit.split())
            m = re.compile(pattern).search(text, cursor)
            assert m is not None, (name, unit)
            assert not text[cursor : m.start()].strip(" \n\t•"), (name, "unlabelled text", unit)
            cursor = m.end()
        assert not text[cursor:].strip(), (name, "unlabelled tail")


def test_the_benchmark_never_shows_a_held_out_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    # claims_eval.py --show prints misses only outside its HELD_OUT, and label_endings.py
    # reads no article inside it: every held-out batch in the manifest must be there, and
    # --split held-out must read them all. Importing the script runs nothing on the texts.
    spec = importlib.util.spec_from_file_location(
        "claims_eval", DATA.parents[2] / "benchmarks" / "claims_eval.py"
    )
    assert spec is not None and spec.loader is not None
    claims_eval = importlib.util.module_from_spec(spec)
    # Its dataclasses look their module up by name while the script loads; it puts the
    # repository on sys.path. Both are undone after the test.
    monkeypatch.setitem(sys.modules, "claims_eval", claims_eval)
    monkeypatch.setattr(sys, "path", list(sys.path))
    spec.loader.exec_module(claims_eval)
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    held = {m["split"] for m in manifest.values() if m["split"].startswith("held-out")}
    assert held == HELD_OUT
    assert claims_eval.HELD_OUT == HELD_OUT
    assert claims_eval.SPLITS["held-out"] == HELD_OUT
    assert claims_eval.SPLITS["tuned"] == TUNED
    for split in HELD_OUT:
        assert claims_eval.SPLITS[split] == {split}


def test_tests_that_run_the_proposer_read_no_held_out_article() -> None:
    # The tests that compare the proposer's output by two roads read tests/eval_texts.py's
    # articles; a failure there prints that output, so none may be a held-out one, and
    # every other article is read.
    from tests.eval_texts import tuned_eval_paths

    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    held = {name for name, meta in manifest.items() if meta["split"] in HELD_OUT}
    read = {path.stem for path in tuned_eval_paths()}
    assert held
    assert not read & held
    assert read == set(manifest) - held
