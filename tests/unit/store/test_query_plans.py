"""Queries that filter a big table find their rows through an index, not a full scan."""

from __future__ import annotations

import pytest

from annotator.store import Store

PLANS = {
    "articles by source": ("SELECT id FROM articles WHERE source = ?", ["x"], "articles_source"),
    "claims counted by status": (
        "SELECT status, count(*) FROM claims WHERE article_id = ? GROUP BY status",
        [1],
        "claims_status",
    ),
    "verdicts of one article": (
        "SELECT verdict, count(*) FROM claim_verdicts WHERE live = 1 AND article_id = ?"
        " GROUP BY verdict",
        [1],
        "claim_verdicts_article",
    ),
    "a reviewer's own grades": (
        "SELECT claim_id FROM grades WHERE reviewer = ? AND final = 0",
        ["x"],
        "grades_reviewer",
    ),
    "events of a batch": ("SELECT * FROM events WHERE batch = ?", [1], "events_batch"),
    "undone batches": ("SELECT 1 FROM events WHERE undoes = ?", [1], "events_undoes"),
    "citation words": (
        "SELECT citation_id FROM citation_words WHERE word = ?",
        ["x"],
        "PRIMARY KEY",
    ),
    "memory postings": ("SELECT ref_id FROM memory_postings WHERE word = ?", ["x"], "PRIMARY KEY"),
}


@pytest.mark.parametrize("name", list(PLANS))
def test_a_filtering_query_uses_its_index(store: Store, name: str) -> None:
    sql, params, index = PLANS[name]
    plan = " ".join(str(row[-1]) for row in store.db.execute(f"EXPLAIN QUERY PLAN {sql}", params))
    assert index in plan and "SCAN" not in plan, plan
