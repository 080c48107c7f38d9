"""The event log proves the database: each tamper of issue 13 is reported, by table and id."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from annotator.app.claim_ops import add_claim
from annotator.app.library import add_citation
from annotator.app.linking import link_evidence
from annotator.model import Citation, LogHead
from annotator.store import Store
from annotator.store._event_log import EVENT_COLUMNS, GENESIS_HASH, event_hash
from annotator.store.migrations import _v1_initial
from annotator.text.proposer import propose_claims
from tests.conftest import fake_clock

TEXT = (
    "The trial found that symptoms fell by 50% at 3 months compared to baseline.\n"
    "Critics note that the sample of 90 patients was small.\n"
    "The FDA is expected to decide on approval within 6 months.\n"
)
# A desk written by the annotator before the lean log (schema 1), as its SQL dump.
V1_DESK = Path(__file__).resolve().parents[2] / "data" / "v1-desk.sql"


def old_desk(path: Path) -> Path:
    db = sqlite_utils.Database(path)
    _v1_initial(db)
    db.conn.executescript(V1_DESK.read_text(encoding="utf-8"))
    db.execute("PRAGMA user_version = 1")
    db.conn.commit()
    db.close()
    return path


def desk(store: Store) -> list[int]:
    """An article, grades by two reviewers, a link, a label edit, an undo."""
    article = store.import_article(
        TEXT, title="t", reviewer="alice", proposals=propose_claims(TEXT)
    )
    add_claim(store, article.id, 76, 130, reviewer="bob")
    ids = [c.id for c in store.claims(article.id)]
    store.grade_claim(ids[0], "mixed", reviewer="alice")
    store.grade_claim(ids[0], "supported", reviewer="bob")
    store.grade_claim(ids[1], "contradicted", reviewer="alice")
    cit, _ = add_citation(store, Citation(id=0, title="A trial", doi="10.1/x"), reviewer="bob")
    link_evidence(store, ids[0], cit.id, "supports", reviewer="bob", quote="fell")
    store.edit_label(ids[2], "approval soon", reviewer="bob")
    store.dismiss_claim(ids[1], reviewer="alice")
    store.undo(reviewer="alice")
    return ids


def tamper(store: Store, *statements: str) -> None:
    """What someone with the file and the sqlite3 shell can do."""
    conn = store.db.conn
    conn.execute("DROP TRIGGER IF EXISTS events_no_update")
    conn.execute("DROP TRIGGER IF EXISTS events_no_delete")
    for sql in statements:
        conn.execute(sql)
    conn.commit()


def places(store: Store, expect: LogHead | None = None) -> list[str]:
    report = store.verify_log(expect)
    assert report.intact == (not report.problems)
    return [p.where for p in report.problems]


def test_a_desk_is_intact_and_its_head_is_stored_apart(store: Store) -> None:
    desk(store)
    report = store.verify_log()
    assert report.intact and report.events == len(store.events())
    assert report.stored_head == report.head == LogHead(report.events, store.events()[-1].hash)
    assert report.rows_checked == sum(
        store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("articles", "claims", "grades", "evidence", "citations")
    )
    assert store.verify_log(report.head).intact


def test_every_column_is_hashed(store: Store) -> None:
    desk(store)
    for column in EVENT_COLUMNS[1:]:
        fresh = Store.memory(clock=fake_clock())
        desk(fresh)
        value = "'x'" if column not in ("before", "after") else "'{\"x\": 1}'"
        if column in ("entity_id", "article_id", "claim_id", "batch", "undoes"):
            value = "999"
        tamper(fresh, f"UPDATE events SET {column} = {value} WHERE id = 3")
        assert "event 3" in places(fresh), column
        fresh.close()


def test_changing_the_batch_is_reported(store: Store) -> None:
    desk(store)
    tamper(store, "UPDATE events SET batch = 2 WHERE id = 6")
    assert places(store)[0] == "event 6"


@pytest.mark.parametrize(
    ("sql", "where"),
    [
        ("UPDATE grades SET verdict = 'supported' WHERE id = 1", "grades 1"),
        ("DELETE FROM grades WHERE id = 2", "grades 2"),
        ("INSERT INTO grades (claim_id, reviewer, verdict, graded_at)"
         " VALUES (3, 'mallory', 'supported', 'x')", "grades 4"),
        ("UPDATE claims SET label = 'forged' WHERE id = 1", "claims 1"),
        ("DELETE FROM claims WHERE id = 3", "claims 3"),
        ("UPDATE articles SET text = replace(text, '50%', '90%')", "articles 1"),
        ("UPDATE evidence SET stance = 'contradicts'", "evidence 1"),
        ("DELETE FROM evidence", "evidence 1"),
        ("UPDATE citations SET doi = '10.1/y'", "citations 1"),
    ],
)  # fmt: skip
def test_a_direct_edit_or_delete_of_a_row_is_named(store: Store, sql: str, where: str) -> None:
    desk(store)
    store.db.conn.execute("PRAGMA foreign_keys = OFF")
    tamper(store, sql)
    found = places(store)
    assert where in found and all(not p.startswith("event") for p in found)


@pytest.mark.parametrize(
    ("sql", "where"),
    [
        ("UPDATE article_counts SET live = 99", "article_counts 1"),
        ("DELETE FROM article_counts", "article_counts 1"),
        ("UPDATE claim_verdicts SET verdict = 'mixed' WHERE claim_id = 3", "claim_verdicts 3"),
        ("DELETE FROM claim_verdicts WHERE claim_id = 1", "claim_verdicts 1"),
        ("INSERT INTO claim_verdicts VALUES (2, 1, 1, 'supported')", "claim_verdicts 2"),
        ("INSERT INTO claims_fts (rowid, text, label, note) VALUES (1, 'forged', 'x', '')",
         "claims_fts"),
    ],
)  # fmt: skip
def test_a_summary_or_index_edited_outside_is_named(store: Store, sql: str, where: str) -> None:
    """Walked from the command line: with article_counts edited, `articles` listed 99
    claims for an article of 10 and `verify` said the log proved the database. The
    summaries and the search index the listings read are recounted from the rows."""
    desk(store)
    assert store.verify_log().intact
    tamper(store, sql)
    assert where in places(store)


def test_deleting_the_last_events_is_reported_by_the_head(store: Store) -> None:
    desk(store)
    last = len(store.events())
    tamper(store, f"DELETE FROM events WHERE id > {last - 2}")
    assert "log head" in places(store)


def test_dropping_the_events_table_is_reported_without_a_crash(store: Store) -> None:
    desk(store)
    tamper(store, "DROP TABLE events")
    found = places(store)
    assert found[0] == "events" and "log head" in found


def test_dropping_events_and_head_still_leaves_every_row_unproven(store: Store) -> None:
    desk(store)
    tamper(store, "DELETE FROM events", "DELETE FROM log_head")
    found = places(store)
    assert {"articles 1", "claims 1", "grades 1", "evidence 1"} <= set(found)


def _rehash(store: Store, *, digest_of: tuple[str, int, str] | None = None) -> None:
    """Recompute every hash (and the head) as someone who knows the format would."""
    conn = store.db.conn
    rows = conn.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events ORDER BY id").fetchall()
    prev = GENESIS_HASH
    conn.execute("DROP TRIGGER IF EXISTS events_no_update")
    for row in rows:
        values = list(row)
        if digest_of and (values[4], values[5]) == digest_of[:2]:
            values[12] = digest_of[2]
        prev = event_hash(prev, tuple(values))
        conn.execute("UPDATE events SET row = ?, hash = ? WHERE id = ?", [values[12], prev, row[0]])
    conn.execute("UPDATE log_head SET events = ?, hash = ?", [len(rows), prev])
    conn.commit()


def test_a_rehashed_chain_is_caught_by_a_head_noted_earlier(store: Store) -> None:
    desk(store)
    noted = store.verify_log().head
    store.grade_claim(2, "supported", reviewer="bob")
    grade = store.grades_for(1)[0]
    tamper(store, "UPDATE events SET reviewer = 'mallory' WHERE id = 3")
    # A careful forger: the row and its digest edited too, every hash recomputed.
    tamper(store, f"UPDATE grades SET verdict = 'contradicted' WHERE id = {grade.id}")
    shape = store._shape("grades")
    cursor = store.db.conn.execute(f"SELECT * FROM grades WHERE id = {grade.id}")
    row = dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))
    _rehash(store, digest_of=("grade", grade.id, shape.digest("grade", grade.id, row)))
    assert store.verify_log().intact  # what no chain can see alone
    found = places(store, noted)
    assert found == [f"event {noted.events}"]


def test_a_forged_appended_event_is_reported(store: Store) -> None:
    desk(store)
    head = store.verify_log().head
    n = head.events + 1
    change = ('{"verdict":"mixed"}', '{"verdict":"supported"}')
    values = (n, "2026-01-02T00:00:00Z", "mallory", "grade", "grade", 1, 1, 1, n, None, *change,
              None)  # fmt: skip
    forged = event_hash(head.hash, values)
    columns = ", ".join(f'"{c}"' for c in (*EVENT_COLUMNS, "hash"))
    store.db.conn.execute(
        f"INSERT INTO events ({columns}) VALUES ({', '.join('?' * 14)})", [*values, forged]
    )
    store.db.conn.commit()
    found = places(store)
    assert "log head" in found and "grades 1" in found  # the row now says deleted


@pytest.mark.parametrize(
    ("change", "fault"),
    [
        ("entity_id = 'abc'", "entity_id is not a whole number"),
        ("after = '{broken'", "after is not a JSON object"),
        ("before = '[1, 2]'", "before is not a JSON object"),
        ("hash = x'00'", "hash is not a SHA-256 digest"),
        ("at = x'00'", "at is not text"),
        ("claim_id = 'seven'", "claim_id is not a whole number"),
        ("article_id = 2.5", "article_id is not a whole number"),
        ("reviewer = x'61'", "reviewer is not text"),
        ("batch = 1.5", "batch is not a whole number"),
        ("row = x'07'", "row is not a digest"),
    ],
)
def test_a_malformed_event_row_is_named_and_nothing_crashes(
    store: Store, change: str, fault: str
) -> None:
    desk(store)
    tamper(store, f"UPDATE events SET {change} WHERE id = 4")
    report = store.verify_log()
    assert not report.intact
    assert any(fault in p.what for p in report.problems), report.problems
    store.history(1)  # reading the log does not crash either
    store.undo(reviewer="bob")


def test_an_old_database_migrates_and_its_log_still_proves_it(tmp_path: Path) -> None:
    path = old_desk(tmp_path / "old.db")
    old = sqlite3.connect(path)
    old_events = old.execute("SELECT count(*) FROM events").fetchone()[0]
    old.close()
    store = Store.open(path, clock=fake_clock())
    assert store.db.execute("PRAGMA user_version").fetchone()[0] >= 2
    report = store.verify_log()
    assert report.intact, report.problems
    events = store.events()
    last = events[-1]
    assert last.action == "migrate" and last.after is not None
    assert last.after["old_chain"] == "intact" and last.after["old_events"] == old_events
    # The converted events keep what changed, and undo still works on them.
    relabel = next(e for e in events if e.action == "edit-label")
    assert relabel.after is not None and relabel.after["label"] == "a new label"
    assert "text" not in relabel.after and "text" not in (relabel.before or {})
    # alice's last grade went with bob's merge: undo says so, and the next one works.
    blocked = store.undo(reviewer="alice")
    assert blocked is not None and not blocked.done and "bob" in blocked.blocked
    outcome = store.undo(reviewer="alice")
    assert outcome is not None and outcome.done and outcome.original[0].action == "link"
    assert store.verify_log().intact
    store.close()


def test_a_tampered_old_database_says_so_in_its_migration(tmp_path: Path) -> None:
    path = old_desk(tmp_path / "old.db")
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("UPDATE events SET reviewer = 'mallory' WHERE id = 4")
    conn.commit()
    conn.close()
    store = Store.open(path)
    last = store.events()[-1]
    assert last.after == {**(last.after or {}), "old_chain": "broken at event 4"}
    store.close()


def test_events_store_field_changes_not_whole_rows(store: Store) -> None:
    ids = desk(store)
    store.set_claim_note(ids[0], "checked twice", reviewer="bob")
    event = store.history(ids[0])[-1]
    assert set(event.after or {}) <= {"note", "updated_at"} and "note" in (event.after or {})
    assert set(event.before or {}) == set(event.after or {})
    imported = store.events()[0]
    assert imported.after is not None and "text" not in imported.after
    raw = store.db.execute("SELECT after FROM events WHERE id = 2").fetchone()[0]
    assert '"note"' not in raw and '"status"' not in raw  # defaults are not repeated
    assert json.loads(raw)["start"] == 0
