"""An import's claims written in bulk (migration 12): the summaries counted once after
them equal counting claim by claim; the log's encoders write what json writes; a claim's
quantities and reasons, stored compact, read back as written."""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.app.claim_ops import add_claim
from annotator.errors import AnnotatorError
from annotator.model import Quantity
from annotator.store import Store, utc_now
from annotator.store._event_log import _CANONICAL, _COMPACT
from annotator.store._rows import json_list, quantities_json, reasons_json
from annotator.store.migrations import MIGRATIONS
from tests.conftest import fake_clock
from tests.unit.store.test_article_summaries import (
    PROPOSALS,
    TEXT,
    apply,
    assert_summaries_hold,
)
from tests.unit.store.test_claims_index import assert_index_holds

# Texts the proposals fit (they were proposed for "Report0 ...").
TEXT0, TEXT1 = TEXT.replace("Report", "Report0"), TEXT.replace("Report", "Report1")


def counted_rows(store: Store) -> tuple[set[tuple[int, int, int]], set[tuple[Any, ...]]]:
    """article_counts and claim_verdicts as counting each claim and grade would make them."""
    conn = store.db.conn
    counts: dict[int, list[int]] = {}
    for article_id, status in conn.execute("SELECT article_id, status FROM claims"):
        n = counts.setdefault(article_id, [0, 0])
        n[status == "dismissed"] += 1
    verdicts = set()
    for claim_id, article_id, status in conn.execute("SELECT id, article_id, status FROM claims"):
        grades = conn.execute(
            "SELECT verdict, final, graded_at, id FROM grades WHERE claim_id = ?", [claim_id]
        ).fetchall()
        if grades:
            in_force = max(grades, key=lambda g: (g[1], g[2], g[3]))
            verdicts.add((claim_id, article_id, int(status != "dismissed"), in_force[0]))
    return {(a, n[0], n[1]) for a, n in counts.items()}, verdicts


def assert_kept_rows_exact(store: Store) -> None:
    conn = store.db.conn
    kept = {
        tuple(r)
        for r in conn.execute("SELECT article_id, live, dismissed FROM article_counts")
        if r[1] or r[2]  # an article whose claims all went keeps a row of zeros
    }
    verdicts = set(conn.execute("SELECT claim_id, article_id, live, verdict FROM claim_verdicts"))
    assert (kept, verdicts) == counted_rows(store)
    assert conn.execute("SELECT count(*) FROM claims_fts_bulk").fetchone()[0] == 0


step = st.tuples(
    st.sampled_from(("ann", "ben", "ed")),
    st.sampled_from(("import", "add", "grade", "final", "dismiss", "split", "merge", "delete",
                     "undo", "redo")),
    st.integers(0, 20),
    st.integers(0, 5),
)  # fmt: skip


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(step, min_size=1, max_size=20))
def test_summaries_of_bulk_imports_equal_counting_claim_by_claim(steps: list[Any]) -> None:
    """Imports between grades, deletions (claim ids then used again), undos and redos."""
    store = Store.memory(clock=fake_clock())
    imported = 0
    for reviewer, op, which, choice in steps:
        with contextlib.suppress(AnnotatorError):
            if op == "import":
                text = TEXT.replace("Report", f"Report{imported % 10}")
                imported += 1
                store.import_article(text, title="A", reviewer=reviewer, proposals=PROPOSALS)
            elif op == "add":
                articles = store.list_articles()
                if articles:
                    add_claim(store, articles[which % len(articles)].id, 8, 40, reviewer=reviewer)
            else:
                apply(store, reviewer, op, which, choice)
        assert_kept_rows_exact(store)
    assert_summaries_hold(store)
    assert_index_holds(store)
    assert store.verify_log().intact


def test_a_claim_id_used_again_is_counted_with_its_grades(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "desk.db", clock=fake_clock())
    first = store.import_article(TEXT0, title="A", reviewer="ann", proposals=PROPOSALS)
    claims = store.claims(first.id)
    store.grade_claim(claims[-1].id, "mixed", reviewer="ann")
    store.delete_article(first.id, reviewer="ann")
    second = store.import_article(TEXT1, title="B", reviewer="ann", proposals=PROPOSALS)
    assert store.claims(second.id)[-1].id == claims[-1].id  # one past the largest, again
    assert_kept_rows_exact(store)
    store.undo(reviewer="ann")  # the second import goes
    store.undo(reviewer="ann")  # the first article comes back, graded
    assert_kept_rows_exact(store)
    assert_summaries_hold(store)
    assert store.verify_log().intact
    store.close()


STEP = [m.__name__ for m in MIGRATIONS].index("_v12_claims_summaries_bulk")


def test_a_file_of_the_version_before_is_counted_afresh(tmp_path: Path) -> None:
    path = tmp_path / "previous.db"
    db = sqlite_utils.Database(path)
    for migration in MIGRATIONS[:STEP]:
        migration(db)
    db.execute(f"PRAGMA user_version = {STEP}")
    db.conn.commit()
    db.close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO articles (id, title, text, sha256, imported_at) VALUES (1, 't', ?, 'x', 'n')",
        [TEXT0],
    )
    for i, p in enumerate(PROPOSALS, start=1):  # written through that version's triggers
        conn.execute(
            'INSERT INTO claims (id, article_id, start, "end", text, label, score, status,'
            " origin, created_at, updated_at) VALUES (?, 1, ?, ?, ?, '', 0, ?, 'auto', 'n', 'n')",
            [i, p.start, p.end, p.text, "dismissed" if i == 1 else "proposed"],
        )
    conn.execute("UPDATE article_counts SET live = 99")  # drifted: counted afresh at opening
    conn.commit()
    conn.close()
    store = Store.open(path, clock=fake_clock())
    (sql,) = store.db.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'claims_counts_insert'"
    ).fetchone()
    assert "claims_fts_bulk" in sql
    assert_kept_rows_exact(store)
    store.import_article(TEXT1, title="B", reviewer="ann", proposals=PROPOSALS)
    assert_kept_rows_exact(store)
    store.close()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(json_values)
def test_the_log_encoders_write_what_json_writes(value: Any) -> None:
    """Hashes and digests of every earlier event depend on it, byte for byte."""
    assert _CANONICAL(value) == json.JSONEncoder(
        ensure_ascii=False, separators=(",", ":"), sort_keys=True
    ).encode(value)
    assert _COMPACT((1, "x", value)) == json.JSONEncoder(
        ensure_ascii=False, separators=(",", ":")
    ).encode((1, "x", value))


def test_utc_now_is_the_current_second() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    text = utc_now()
    after = datetime.now(UTC).replace(microsecond=0)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", text)
    assert before <= datetime.fromisoformat(text.replace("Z", "+00:00")) <= after


quantities = st.lists(
    st.builds(
        Quantity,
        value=st.floats(allow_nan=False),
        unit=st.sampled_from(("", "%", "mg", "€")),
        qualifier=st.sampled_from(("", "over")),
        timeframe=st.sampled_from(("", "6 months")),
        comparator=st.sampled_from(("", "compared to baseline")),
        text=st.text(max_size=8),
    ),
    max_size=3,
)


@given(quantities, st.lists(st.sampled_from(("number", "study", "héadline")), max_size=3))
def test_a_claims_quantities_and_reasons_read_back_as_written(
    written: list[Quantity], reasons: list[str]
) -> None:
    """Stored compact (empty fields left out), read back whole; and a row written the
    old way (json.dumps of every field) reads the same."""
    row = {"quantities": quantities_json(written), "reasons": reasons_json(tuple(reasons))}
    old = {"quantities": json.dumps([q.to_dict() for q in written]), "reasons": json.dumps(reasons)}
    for stored in (row, old):
        assert [Quantity.from_dict(q) for q in json_list(stored["quantities"])] == written
        assert json_list(stored["reasons"]) == reasons
    assert len(row["quantities"]) <= len(old["quantities"])
