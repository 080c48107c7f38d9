"""Assignments: one row per article and reviewer, logged, undone, verified, migrated."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from annotator.app.claim_ops import add_claim
from annotator.errors import NotFoundError
from annotator.store import Store
from annotator.store.migrations import MIGRATIONS, SCHEMA_VERSION
from tests.conftest import fake_clock

TEXT = (
    "The trial found that symptoms fell by 50% at 3 months compared to baseline.\n"
    "Critics note that the sample of 90 patients was small.\n"
)


def _article(store: Store) -> int:
    from annotator.text.proposer import propose_claims

    return store.import_article(TEXT, title="t", reviewer="ed", proposals=propose_claims(TEXT)).id


def test_assigning_twice_keeps_one_row_and_unassigning_an_absent_name_does_nothing(
    store: Store,
) -> None:
    aid = _article(store)
    made = store.assign_article(aid, ["ann", "bob", "ann"], by="ed")
    assert [a.reviewer for a in made] == ["ann", "bob"]
    assert [a.reviewer for a in store.assign_article(aid, ["ann", "cy"], by="ed")] == ["cy"]
    assert [a.reviewer for a in store.unassign_article(aid, ["bob", "zed"], by="ed")] == ["bob"]
    assert [a.reviewer for a in store.assignments(article_id=aid)] == ["ann", "cy"]
    assert [a.article_id for a in store.assignments(reviewer="ann")] == [aid]
    assert store.assignments(reviewer="bob") == []
    assert store.verify_log().intact


def test_an_unknown_article_cannot_be_assigned(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no article with id 9"):
        store.assign_article(9, ["ann"], by="ed")
    assert store.events() == []


def test_assignments_undo_redo_and_history_are_exact(store: Store) -> None:
    aid = _article(store)
    store.assign_article(aid, ["ann", "bob"], by="ed")
    store.unassign_article(aid, ["bob"], by="ed")
    undone = store.undo(reviewer="ed")
    assert undone is not None and undone.done
    assert [a.reviewer for a in store.assignments(article_id=aid)] == ["ann", "bob"]
    undone = store.undo(reviewer="ed")
    assert undone is not None and undone.done and store.assignments() == []
    redone = store.redo(reviewer="ed")
    assert redone is not None and redone.done
    assert [a.reviewer for a in store.assignments()] == ["ann", "bob"]
    actions = [(e.action, e.entity) for e in store.events() if e.entity == "assignment"]
    assert actions[:3] == [("assign", "assignment")] * 2 + [("unassign", "assignment")]
    assert store.verify_log().intact


def test_a_changed_assignment_row_is_caught_by_verify(store: Store) -> None:
    aid = _article(store)
    store.assign_article(aid, ["ann"], by="ed")
    store.db.execute("UPDATE assignments SET reviewer = 'mallory'")
    report = store.verify_log()
    assert not report.intact
    assert any(p.where == "assignments 1" for p in report.problems)


def test_deleting_an_article_logs_its_assignments_and_undo_brings_them_back(
    store: Store,
) -> None:
    aid = _article(store)
    store.assign_article(aid, ["ann"], by="ed")
    store.delete_article(aid, reviewer="ed")
    assert store.assignments() == [] and store.verify_log().intact
    undone = store.undo(reviewer="ed")
    assert undone is not None and undone.done
    assert [a.reviewer for a in store.assignments()] == ["ann"]
    assert store.verify_log().intact


def test_progress_counts_own_grades_on_live_claims(store: Store) -> None:
    aid = _article(store)
    if len(store.claims(aid)) < 2:
        add_claim(store, aid, 76, 130, reviewer="ed")
    claims = store.claims(aid)
    store.grade_claim(claims[0].id, "mixed", reviewer="ann")
    store.grade_claim(claims[1].id, "mixed", reviewer="bob")
    store.grade_claim(claims[1].id, "supported", reviewer="ann", final=True, note="settled")
    assert store.progress("ann", [aid]) == {aid: (1, len(claims))}
    store.dismiss_claim(claims[0].id, reviewer="ed")
    assert store.progress("ann", [aid]) == {aid: (0, len(claims) - 1)}
    assert store.known_reviewers() == ["ann", "bob"]


STEP = [m.__name__ for m in MIGRATIONS].index("_v11_assignments")


def _previous_file(path: Path) -> None:
    """A desk as the annotator before assignments (the schema before) wrote it."""
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    for step in MIGRATIONS[:STEP]:
        step(db)
    db.execute(f"PRAGMA user_version = {STEP}")
    db.conn.commit()
    old = Store(db, clock=fake_clock())
    aid = _article(old)
    old.grade_claim(old.claims(aid)[0].id, "mixed", reviewer="ann")
    old.close()


def test_a_database_of_the_previous_version_migrates(tmp_path: Path) -> None:
    path = tmp_path / "previous.db"
    _previous_file(path)
    store = Store.open(path, clock=fake_clock())
    try:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.verify_log().intact
        aid = store.list_articles()[0].id
        store.assign_article(aid, ["ann"], by="ed")
        assert store.progress("ann", [aid])[aid][0] == 1
        assert store.verify_log().intact
        undone = store.undo(reviewer="ed")
        assert undone is not None and undone.done and store.assignments() == []
    finally:
        store.close()
