"""The labelled evaluation articles (tests/data/claims_eval): complete, redistributable,
and every labelled unit found in its article in order."""

from __future__ import annotations

import json
import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data" / "claims_eval"


def test_manifest_names_topic_split_source_and_licence() -> None:
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest) >= 10
    for name, meta in manifest.items():
        assert meta["topic"] in {"health", "science", "economy", "politics"}, name
        assert meta["split"] in {"dev", "dev-2", "dev-3", "held-out-3", "held-out-4"}, name
        assert meta["source"].startswith(("http://", "https://")), name
        assert "public domain" in meta["licence"] or "CC BY" in meta["licence"], name
    # The tuned splits (dev; dev-2 and dev-3, the first two held-out batches, read and
    # tuned on once their successor was frozen) cover the four topics.
    tuned = {m["topic"] for m in manifest.values() if not m["split"].startswith("held-out")}
    assert tuned == {"health", "science", "economy", "politics"}
    # Each held-out batch (held-out-3, frozen before the proposer's third pass;
    # held-out-4, labelled and frozen without the proposer ever being run on it; both
    # only measured) is big enough to measure issue 15's recall targets on its own, with
    # at least three articles of each topic so no one kind of writing decides the figure.
    for split in ("held-out-3", "held-out-4"):
        held_out = [m["topic"] for m in manifest.values() if m["split"] == split]
        assert len(held_out) >= 12, split
        for topic in ("health", "science", "economy", "politics"):
            assert held_out.count(topic) >= 3, (split, topic)


def test_held_out_batches_are_new_articles() -> None:
    # A batch measures articles nobody tuned on only if none of them was in the set
    # before, under another name: no source address is shared between splits.
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    splits_of: dict[str, set[str]] = {}
    for meta in manifest.values():
        splits_of.setdefault(meta["source"], set()).add(meta["split"])
    held = {"held-out-3", "held-out-4"}
    for source, splits in splits_of.items():
        assert len(splits) == 1 or not splits & held, source


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
