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
        assert meta["split"] in {"dev", "dev-2", "dev-3", "held-out-3"}, name
        assert meta["source"].startswith(("http://", "https://")), name
        assert "public domain" in meta["licence"] or "CC BY" in meta["licence"], name
    # The tuned splits (dev; dev-2 and dev-3, the first two held-out batches, read and
    # tuned on once their successor was frozen) cover the four topics.
    tuned = {m["topic"] for m in manifest.values() if m["split"] != "held-out-3"}
    assert tuned == {"health", "science", "economy", "politics"}
    # The held-out batch (frozen before the proposer's third pass, only measured) is big
    # enough to measure issue 15's recall targets, with at least three articles of each
    # topic so no one kind of writing decides the figure.
    held_out = [m["topic"] for m in manifest.values() if m["split"] == "held-out-3"]
    assert len(held_out) >= 12
    for topic in ("health", "science", "economy", "politics"):
        assert held_out.count(topic) >= 3, topic


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
