"""A disk that refuses writes (full, or a file-size limit) is named as such: the database
is not called damaged, and nobody is sent to restore a good file from an older backup.

The refusal is made real, without root, with a file-size limit (RLIMIT_FSIZE) on the
annotator process: SQLite then fails to grow its files exactly as on a full disk
(Python ignores SIGXFSZ, so a write returns EFBIG). On a full tmpfs SQLite says
``disk I/O error`` (SQLITE_IOERR_SHMSIZE) when opening and ``database or disk is full``
(SQLITE_FULL) mid-action; both reach the same messages.
"""

from __future__ import annotations

import resource
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.store import Store, database_failure
from annotator.store._opening import disk_failure
from tests.team_helpers import article_with_claims

LONG_ARTICLE = "The CDC said 45% of adults drink coffee daily in 2020. " * 4000


def _limited(size: int) -> Callable[[], None]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def _annotator(db: Path, *args: str, limit: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "annotator", "--db", str(db), *args],
        capture_output=True,
        text=True,
        preexec_fn=_limited(limit),
        timeout=120,
        check=False,
    )


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    path = tmp_path / "desk.db"
    store = Store.open(path)
    article_with_claims(store, 3)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    return path


def _assert_disk_message(result: subprocess.CompletedProcess[str], db: Path) -> None:
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "damaged" not in result.stderr and "backup" not in result.stderr, result.stderr
    assert "disk" in result.stderr and "free" in result.stderr, result.stderr
    assert str(db) in result.stderr or db.name in result.stderr, result.stderr


def test_a_disk_that_refuses_the_first_write_is_not_a_damaged_file(desk: Path) -> None:
    before = desk.read_bytes()
    # Smaller than the shared-memory index SQLite makes beside a WAL file (32 KB).
    result = _annotator(desk, "articles", limit=16 * 1024)
    _assert_disk_message(result, desk)
    assert desk.read_bytes() == before


def test_a_disk_that_fills_during_an_action_says_so_and_keeps_the_file(
    desk: Path, tmp_path: Path
) -> None:
    article = tmp_path / "long.txt"
    article.write_text(LONG_ARTICLE, encoding="utf-8")
    # Room for the index and the file, not for the long article's log frames.
    limit = max(desk.stat().st_size, 64 * 1024) + 64 * 1024
    result = _annotator(desk, "import", str(article), limit=limit)
    _assert_disk_message(result, desk)
    store = Store.open(desk)
    try:
        assert len(store.list_articles()) == 1  # the import left nothing behind
    finally:
        store.close()


@pytest.mark.parametrize(
    ("errorname", "message"),
    [
        ("SQLITE_FULL", "database or disk is full"),
        ("SQLITE_IOERR_WRITE", "disk I/O error"),
        ("SQLITE_IOERR_SHMSIZE", "disk I/O error"),
    ],
)
def test_each_refused_write_reads_as_the_disk(errorname: str, message: str) -> None:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorname = errorname
    assert "damaged" not in database_failure(error)
    assert "free" in database_failure(error)
    assert disk_failure("desk.db", error) is not None


@pytest.mark.parametrize("errorname", ["SQLITE_CORRUPT", "SQLITE_IOERR_SHORT_READ"])
def test_a_file_that_cannot_be_read_is_still_damaged(errorname: str) -> None:
    error = sqlite3.DatabaseError("database disk image is malformed")
    error.sqlite_errorname = errorname
    assert disk_failure("desk.db", error) is None
    assert "damaged" in database_failure(error)
