"""Importing 1,000 articles of about 5 KB into one database: the write step beside insert_all.

Decoding and proposing claims happen first, outside the clock; what is timed is
annotator's write step (``Store.import_article``: the article, its claims and their
events, hashed and chained, one transaction per article). The baseline, in the same
run, is sqlite-utils ``insert_all`` of exactly the rows that step wrote (articles,
claims, events), into a fresh database of the same schema: one article at a time (as
an import writes them), and, as a floor no per-article transaction can reach, all at once.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path
from typing import Any

from annotator.store import Store
from annotator.text.articles import guess_title, load_text
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


def rows_of(store: Store, table: str, where: str, value: int) -> list[dict[str, Any]]:
    return [dict(r) for r in store.db.query(f"SELECT * FROM {table} WHERE {where}", [value])]


def main() -> None:
    rng = random.Random(7)
    raw = [make_article(rng, i).encode("utf-8") for i in range(ARTICLES)]
    prepared = []
    for i, data in enumerate(raw):
        loaded = load_text(data, f"a{i}.txt")
        prepared.append((loaded.text, guess_title(loaded.text), propose_claims(loaded.text)))
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.db")
        start = time.perf_counter()
        for text, title, proposals in prepared:
            store.import_article(text, title=title, reviewer="bench", proposals=proposals)
        ours = time.perf_counter() - start
        # The very rows the import wrote, article by article.
        written = []
        for (article_id,) in store.db.execute("SELECT id FROM articles ORDER BY id").fetchall():
            written.append(
                (
                    rows_of(store, "articles", "id = ?", article_id),
                    rows_of(store, "claims", "article_id = ?", article_id),
                    rows_of(store, "events", "article_id = ?", article_id),
                )
            )
        claims = store.db.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
        store.close()

        base = Store.open(Path(tmp) / "base.db")  # the same schema, indexes and triggers
        db = base.db
        start = time.perf_counter()
        for article_rows, claim_rows, event_rows in written:
            db.table("articles").insert_all(article_rows)
            db.table("claims").insert_all(claim_rows)
            db.table("events").insert_all(event_rows)
        baseline = time.perf_counter() - start
        base.close()
        bulk_store = Store.open(Path(tmp) / "bulk.db")
        bulk = bulk_store.db
        everything = [[r for w in written for r in w[k]] for k in range(3)]
        start = time.perf_counter()
        for table, rows in zip(("articles", "claims", "events"), everything, strict=True):
            bulk.table(table).insert_all(rows)
        bulk_time = time.perf_counter() - start
        bulk_store.close()
    print(f"annotator import (write step) {ARTICLES / ours:8.0f} articles/s ({claims} claims)")
    print(f"sqlite-utils insert_all        {ARTICLES / baseline:8.0f} articles/s (same rows)")
    print(f"ratio (time)                   {ours / baseline:8.2f}x insert_all, per article")
    print(
        f"sqlite-utils insert_all, bulk  {ARTICLES / bulk_time:8.0f} articles/s (all rows,"
        " one call per table: no transaction per article)"
    )
    print(f"ratio (time)                   {ours / bulk_time:8.2f}x the bulk insert_all")


if __name__ == "__main__":
    main()
