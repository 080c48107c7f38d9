"""Many processes, one truth: real processes started together on one file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.store import APPLICATION_ID, Store
from annotator.store.migrations import SCHEMA_VERSION
from tests.conftest import db_dump
from tests.team_helpers import article_with_claims

ROOT = Path(__file__).resolve().parents[3]
AT_ONCE = ROOT / "tests" / "at_once.py"
DEADLINE_S = 120  # bounds a hang; not a speed target
ARTICLE = (
    "A 2019 trial of 1,200 adults found that walking 30 minutes a day cut blood pressure"
    " by 12%.\n\nCoffee drinkers were 15% less likely to develop the disease.\n"
)


def _start(
    tmp_path: Path, go: Path, *args: str, hang: tuple[str, Path] | None = None
) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ANNOTATOR_REVIEWER": "ann"}
    extra = ["--hang-before", hang[0], str(hang[1])] if hang else []
    return subprocess.Popen(
        [sys.executable, str(AT_ONCE), str(go), *extra, "--", *args],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _run_together(tmp_path: Path, count: int, *args: str) -> list[tuple[int, str]]:
    go = tmp_path / "go"
    go.unlink(missing_ok=True)
    procs = [_start(tmp_path, go, *args) for _ in range(count)]
    go.touch()
    results = []
    for proc in procs:
        _out, err = proc.communicate(timeout=DEADLINE_S)
        results.append((proc.returncode, err.decode("utf-8", "replace")))
    return results


def test_processes_importing_one_file_at_once_store_it_once(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    Store.open(db).close()
    for round_ in range(2):
        article = tmp_path / f"a{round_}.md"
        article.write_text(ARTICLE + f"\nRound {round_} added 3% more.\n", encoding="utf-8")
        results = _run_together(tmp_path, 4, "--db", str(db), "import", str(article))
        assert all(code == 0 for code, _err in results), results
    conn = sqlite3.connect(db)
    try:
        shas = [r[0] for r in conn.execute("SELECT sha256 FROM articles")]
    finally:
        conn.close()
    assert len(shas) == len(set(shas)) == 2


def test_processes_opening_a_new_file_at_once_all_work(tmp_path: Path) -> None:
    for round_ in range(2):
        db = tmp_path / f"new{round_}.db"
        results = _run_together(tmp_path, 6, "--db", str(db), "articles")
        assert all(code == 0 for code, _err in results), results
        conn = sqlite3.connect(db)
        try:
            assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()


def _colleague_file(path: Path) -> None:
    store = Store.open(path)
    try:
        for n in range(5):
            article = article_with_claims(store, 4, title=f"T{n}", seed=f"s{n}-")
            for claim in store.claims(article):
                store.grade_claim(claim.id, "mixed", reviewer="bob")
    finally:
        store.close()


def test_a_merge_killed_part_way_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours.db", tmp_path / "theirs.db"
    store = Store.open(ours)
    article_with_claims(store, 3, title="Ours")
    store.close()
    _colleague_file(theirs)
    before = db_dump(ours)
    go, mark = tmp_path / "go", tmp_path / "mark"
    go.touch()
    # Articles, claims, citations and links are in; it is killed before the grades.
    proc = _start(
        tmp_path, go, "--db", str(ours), "merge", str(theirs), hang=("bring_in_grades", mark)
    )
    deadline = time.monotonic() + DEADLINE_S
    while not mark.exists():
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        assert time.monotonic() < deadline, "the merge never reached the grades"
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=DEADLINE_S)
    assert db_dump(ours) == before
    # And a merge run to its end brings everything in.
    done = _run_together(tmp_path, 1, "--db", str(ours), "merge", str(theirs))
    assert done[0][0] == 0, done
    merged = Store.open(ours)
    try:
        assert len(merged.list_articles()) == 6
        graded = merged.db.execute("SELECT count(*) FROM grades").fetchone()[0]
        assert graded == 20
    finally:
        merged.close()


def _another_process(db: Path, code: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    script = f"from annotator.store import Store\ns = Store.open({str(db)!r})\n{code}\ns.close()\n"
    subprocess.run([sys.executable, "-c", script], env=env, check=True, timeout=DEADLINE_S)


def test_a_worker_connection_keeps_the_file_locked_for_other_processes(tmp_path: Path) -> None:
    """The TUI reopens its file for workers; that must not drop the process's locks.

    POSIX locks belong to a process, and closing any descriptor of a file drops them all:
    reading the header of a file this process already holds open let another process
    take it for unused, checkpoint and delete its log, and the next writes of both
    corrupted the file ("database disk image is malformed").
    """
    db = tmp_path / "desk.db"
    store = Store.open(db)
    try:
        article_with_claims(store, 2, title="Ours")
        worker = store.reopen()
        assert worker is not None
        worker.close()
        _another_process(db, "s.db.execute('SELECT count(*) FROM claims').fetchall()")
        # The log of a file in use stays: the other process saw it was not the last one.
        assert (tmp_path / "desk.db-wal").exists()
        store.set_state("place", "1")
        _another_process(db, "s.set_state('theirs', '2')")
        store.set_state("place", "3")
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert dict(
            conn.execute("SELECT key, value FROM state WHERE key IN ('place', 'theirs')")
        ) == {
            "place": "3",
            "theirs": "2",
        }
    finally:
        conn.close()


def test_picking_the_database_as_an_article_or_source_text_leaves_its_locks(
    tmp_path: Path,
) -> None:
    """The TUI's file tree lists desk.db beside the articles. Reading it to find it was
    no article closed a descriptor of it, which dropped the process's locks: the next
    process to close took the file for unused and deleted its log under the TUI."""
    from annotator.app.importing import import_file
    from annotator.app.source_text import read_source_file
    from annotator.errors import InputError

    db = tmp_path / "desk.db"
    store = Store.open(db)
    try:
        article_with_claims(store, 1, title="Ours")
        with pytest.raises(InputError) as as_article:
            import_file(store, db, reviewer="ann")
        with pytest.raises(InputError) as as_source:
            read_source_file(tmp_path / "." / "desk.db", held=store.files)
        _another_process(db, "s.db.execute('SELECT count(*) FROM claims').fetchall()")
        assert (tmp_path / "desk.db-wal").exists()
        for refused in (as_article, as_source):
            assert "is the database annotator is working in" in str(refused.value)
    finally:
        store.close()
