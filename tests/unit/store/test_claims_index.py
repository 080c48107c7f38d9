"""The claims' full-text index (migration 10): written in one statement at import, only
when the text, label or note changes, and never stale after any action, undo or redo."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.errors import AnnotatorError
from annotator.store import Store
from tests.unit.store.test_article_summaries import PROPOSALS, TEXT, apply, two_articles
from tests.unit.store.test_event_log import old_desk

WORDS = ("drug", "coffee", "doubled", "unemployment", "settled", "zebra", "prices")


def assert_index_holds(store: Store) -> None:
    """The index equals its content table (FTS5's own check for external content), and a
    search finds exactly the claims whose text, label or note hold the word."""
    store.db.execute("INSERT INTO claims_fts (claims_fts) VALUES ('integrity-check')")
    claims = [c for a in store.list_articles() for c in store.claims(a.id)]
    for word in WORDS:
        expected = {
            c.id for c in claims if any(word in f.lower() for f in (c.text, c.label, c.note))
        }
        assert {c.id for c in store.search_claims(word)} == expected, word
    assert store.db.execute("SELECT count(*) FROM claims_fts_bulk").fetchone()[0] == 0


step = st.tuples(
    st.sampled_from(("ann", "ben")),
    st.sampled_from(
        ("grade", "dismiss", "split", "merge", "delete", "undo", "redo", "label", "note", "accept")
    ),  # fmt: skip
    st.integers(0, 20),
    st.integers(0, 5),
)


def act(store: Store, reviewer: str, op: str, which: int, choice: int) -> None:
    claims = [c for a in store.list_articles() for c in store.claims(a.id)]
    claim = claims[which % len(claims)] if claims else None
    if op == "label" and claim:
        store.edit_label(claim.id, f"{WORDS[choice]} label", reviewer=reviewer)
    elif op == "note" and claim:
        store.set_claim_note(claim.id, f"a {WORDS[choice]} note", reviewer=reviewer)
    elif op == "accept" and claim:
        store.accept_claim(claim.id, reviewer=reviewer)
    else:
        apply(store, reviewer, op, which, choice)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(step, min_size=1, max_size=20))
def test_search_follows_every_action_undo_and_redo(steps: list[Any]) -> None:
    store = two_articles()
    assert_index_holds(store)
    for reviewer, op, which, choice in steps:
        with contextlib.suppress(AnnotatorError):
            act(store, reviewer, op, which, choice)
        assert_index_holds(store)


def test_a_status_change_leaves_the_index_entry_alone(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d.db")
    text = TEXT.replace("Report", "Report0")
    article = store.import_article(text, title="A", reviewer="ann", proposals=PROPOSALS)
    claim = store.claims(article.id)[0]
    # Each write to the index adds a segment when its transaction commits.
    index_rows = "SELECT count(*) FROM claims_fts_data"
    before = store.db.execute(index_rows).fetchone()[0]
    store.dismiss_claim(claim.id, reviewer="ann")
    store.restore_claim(claim.id, reviewer="ann")
    assert store.db.execute(index_rows).fetchone()[0] == before
    assert [c.id for c in store.search_claims("drug")] == [claim.id]
    store.edit_label(claim.id, "zebra crossing", reviewer="ann")
    assert [c.id for c in store.search_claims("zebra")] == [claim.id]
    store.close()


def test_an_old_database_gets_the_narrow_triggers(tmp_path: Path) -> None:
    store = Store.open(old_desk(tmp_path / "old.db"))
    assert_index_holds(store)
    claim = store.claims(store.list_articles()[0].id)[0]
    store.edit_label(claim.id, "zebra", reviewer="ann")
    assert [c.id for c in store.search_claims("zebra")] == [claim.id]
    store.close()
    conn = sqlite3.connect(tmp_path / "old.db")
    (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'claims_au'").fetchone()
    assert 'UPDATE OF id, "text", "label", "note"' in sql
    conn.close()
