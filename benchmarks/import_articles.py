"""Importing 1,000 articles of about 5 KB into one database.

Reports articles per second for annotator's import (decode, propose claims, store the
article, its claims and their events) and, as the baseline in the same run, a bare
sqlite-utils ``insert_all`` of the same article rows.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

import sqlite_utils

from annotator.store import Store
from annotator.text.articles import guess_title, load_text, sha256_text
from annotator.text.proposer import propose_claims

ARTICLES = 1000
SENTENCES = [
    "The trial found that symptoms fell by {n}% at {m} months compared to baseline.",
    "Researchers at the university say the drug triggers the release of oxytocin.",
    "Brain imaging shows increased activity in the prefrontal cortex.",
    "Critics note that the sample of {n} patients was small.",
    "Photo credit: Agency",
    "Many readers wrote in about the story.",
    "The FDA is expected to decide on approval within {m} months.",
]


def make_article(rng: random.Random, i: int) -> str:
    parts = [f"Article number {i}"]
    while sum(len(p) for p in parts) < 5000:
        parts.append(rng.choice(SENTENCES).format(n=rng.randint(5, 95), m=rng.randint(1, 24)))
    return "\n".join(parts)


def main() -> None:
    rng = random.Random(7)
    raw = [make_article(rng, i).encode("utf-8") for i in range(ARTICLES)]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.db")
        start = time.perf_counter()
        for i, data in enumerate(raw):
            loaded = load_text(data, f"a{i}.txt")
            store.import_article(
                loaded.text,
                title=guess_title(loaded.text),
                reviewer="bench",
                proposals=propose_claims(loaded.text),
            )
        ours = time.perf_counter() - start
        claims = store.db.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
        store.close()

        db = sqlite_utils.Database(Path(tmp) / "base.db")
        db.enable_wal()
        rows = [
            {"title": f"a{i}", "text": d.decode("utf-8"), "sha256": sha256_text(d.decode())}
            for i, d in enumerate(raw)
        ]
        start = time.perf_counter()
        db.table("articles").insert_all(rows)
        base = time.perf_counter() - start
    print(f"annotator import       {ARTICLES / ours:10.0f} articles/s ({claims} claims stored)")
    print(f"sqlite-utils insert_all {ARTICLES / base:9.0f} articles/s (baseline, rows only)")
    print(f"ratio (time)           {ours / base:10.1f}x the bare insert")


if __name__ == "__main__":
    main()
