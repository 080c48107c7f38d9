"""Two reviewers on one file, a held lock, and a grading process killed mid-run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import annotator.store._base as store_module
from annotator.errors import AnnotatorError
from annotator.store import BUSY_BACKOFF_S, Store
from tests.team_helpers import article_with_claims

ROOT = Path(__file__).resolve().parents[3]
GRADER = Path(__file__).resolve().parents[2] / "grader.py"
# Generous: these bound a hang, they are not speed targets.
DEADLINE_S = 120


def _make_db(path: Path, claims: int) -> list[int]:
    store = Store.open(path)
    try:
        article = article_with_claims(store, claims)
        return [c.id for c in store.claims(article)]
    finally:
        store.close()


def _grader(
    db: Path, reviewer: str, count: int, go: Path, log: Path, *flags: str
) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, str(GRADER), str(db), reviewer, str(count), str(go), str(log), *flags],
        env=env,
        stderr=subprocess.PIPE,
    )


def _logged(log: Path) -> list[tuple[int, str, str]]:
    if not log.exists():
        return []
    # Only whole lines: the last piece is "" or a line cut short by the kill.
    lines = log.read_text(encoding="utf-8").split("\n")[:-1]
    return [(int(c), r, v) for c, r, v in (line.split() for line in lines)]


def test_a_held_lock_is_retried_then_reported_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "desk.db"
    ids = _make_db(db, 2)
    store = Store.open(db)
    store.db.execute("PRAGMA busy_timeout = 0")  # fail each try at once
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    pauses: list[float] = []
    monkeypatch.setattr(store_module, "_sleep", pauses.append)
    with pytest.raises(
        AnnotatorError, match=r"busy with another reviewer's change \(4 tries\): try again"
    ):
        store.grade_claim(ids[0], "supported", reviewer="ann")
    assert pauses == list(BUSY_BACKOFF_S)
    other.execute("ROLLBACK")
    assert store.grades_for(ids[0]) == []
    assert not store.db.conn.in_transaction
    other.close()
    store.close()


def test_a_lock_released_during_the_backoff_lets_the_action_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "desk.db"
    ids = _make_db(db, 2)
    store = Store.open(db)
    store.db.execute("PRAGMA busy_timeout = 0")
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO state (key, value) VALUES ('other', 'was here')")
    pauses: list[float] = []

    def release(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 2:
            other.execute("COMMIT")

    monkeypatch.setattr(store_module, "_sleep", release)
    grade = store.grade_claim(ids[0], "mixed", reviewer="ann")
    assert grade.verdict == "mixed" and pauses == list(BUSY_BACKOFF_S[:2])
    assert store.get_state("other") == "was here"
    assert store.verify_chain() is None
    other.close()
    store.close()


@pytest.mark.parametrize("mode", ["store", "cli"])
def test_two_writers_in_parallel_lose_no_grade(tmp_path: Path, mode: str) -> None:
    claims = 12
    rounds = 2 if mode == "store" else 1  # every claim graded twice (an update) by each
    db = tmp_path / "desk.db"
    ids = _make_db(db, claims)
    go = tmp_path / "go"
    flags = ("--pause", "--cli") if mode == "cli" else ("--pause",)
    procs = {
        name: _grader(db, name, claims * rounds, go, tmp_path / f"{name}.log", *flags)
        for name in ("ann", "bob")
    }
    go.touch()
    for name, proc in procs.items():
        _out, err = proc.communicate(timeout=DEADLINE_S)
        assert proc.returncode == 0, f"{name}: {err.decode()}"
    store = Store.open(db)
    try:
        for name in procs:
            assert len(_logged(tmp_path / f"{name}.log")) == claims * rounds
            grades = {
                cid: g.verdict for cid in ids for g in store.grades_for(cid) if g.reviewer == name
            }
            assert sorted(grades) == ids
            events = [e for e in store.events() if e.reviewer == name and e.action == "grade"]
            assert len(events) == claims * rounds
            # Each claim's grade is the last one its grader logged for it.
            last = {c: v for c, _r, v in _logged(tmp_path / f"{name}.log")}
            assert grades == last
        assert store.verify_chain() is None
        ok = store.db.execute("PRAGMA integrity_check").fetchone()[0]
        assert ok == "ok"
    finally:
        store.close()


@pytest.mark.parametrize("mode", ["store", "cli"])
def test_a_grader_killed_mid_run_leaves_a_sound_database(tmp_path: Path, mode: str) -> None:
    db = tmp_path / "desk.db"
    _make_db(db, 8)
    go = tmp_path / "go"
    log = tmp_path / "grader.log"
    go.touch()
    flags = ("--forever", "--cli") if mode == "cli" else ("--forever",)
    proc = _grader(db, "ann", 0, go, log, *flags)
    deadline = time.monotonic() + DEADLINE_S
    # Wait (not a timing assertion) until it is well into its run, then kill it hard.
    while len(_logged(log)) < 40:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        assert time.monotonic() < deadline, "the grader made no progress"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=DEADLINE_S)
    assert proc.returncode == -signal.SIGKILL
    logged = _logged(log)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = set(conn.execute("SELECT claim_id, reviewer, verdict FROM grades").fetchall())
    finally:
        conn.close()
    # Every grade whose call returned is there; at most one more (committed, not yet logged).
    assert set(logged) <= stored
    assert len(stored) - len(logged) in (0, 1)
    store = Store.open(db)
    try:
        assert store.verify_chain() is None
    finally:
        store.close()


def test_remembering_a_place_waits_for_another_writer(tmp_path: Path) -> None:
    """A screen remembers its cursor while another connection (the TUI's index worker,
    another process) is writing: it waits for the lock instead of failing at once."""
    import threading

    path = tmp_path / "desk.db"
    store = Store.open(path)
    store.get_state("claim:1")  # a read first, as a screen does
    other = sqlite3.connect(path, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO state (key, value) VALUES ('other', 'x')")
    release = threading.Timer(0.3, other.commit)
    release.start()
    store.set_state("claim:1", "7")
    release.join()
    other.close()
    assert store.get_state("claim:1") == "7"
    assert store.get_state("other") == "x"
    store.close()


def test_a_place_not_remembered_while_another_writer_holds_on_is_no_error(
    tmp_path: Path,
) -> None:
    """Remembering a screen's place is a convenience, not a user action: when another
    process holds the write lock past the busy timeout (a long merge, a colleague's
    import, a ``sqlite3`` shell left in a transaction) the place is simply not kept this
    time. It raised "database is locked", and the TUI died on the next ``j``."""
    path = tmp_path / "desk.db"
    store = Store.open(path)
    store.db.execute("PRAGMA busy_timeout = 0")  # give up at once, not after 5 s
    other = sqlite3.connect(path)
    try:
        other.execute("BEGIN IMMEDIATE")
        assert store.set_state("claim:1", "7") is False
        assert store.get_state("claim:1") == ""
        other.rollback()
        assert store.set_state("claim:1", "8") is True
        assert store.get_state("claim:1") == "8"
    finally:
        other.close()
        store.close()
