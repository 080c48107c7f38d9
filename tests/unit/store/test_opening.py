"""Opening a database file: annotator's own mark, foreign files left byte for byte, and
one message for each way a file can be wrong."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

import annotator.store as store_package
import annotator.store._opening as opening
from annotator.errors import (
    AnnotatorError,
    DamagedDatabaseError,
    DatabaseLockedError,
    DatabaseVersionError,
    ForeignFileError,
)
from annotator.store import APPLICATION_ID, Store
from annotator.store.migrations import MIGRATIONS, SCHEMA_VERSION
from tests.team_helpers import article_with_claims


def _sqlite_file(path: Path, *statements: str) -> bytes:
    conn = sqlite3.connect(path)
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()
    return path.read_bytes()


def _annotator_file(path: Path) -> bytes:
    store = Store.open(path)
    article_with_claims(store, 3)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path.read_bytes()


def readonly_folder(tmp_path: Path) -> Path:
    """A folder this process cannot write to (root writes anywhere but /sys)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    if os.access(folder, os.W_OK) or os.geteuid() == 0:
        folder = Path("/sys")
    try:
        (folder / ".annotator-probe").touch()
    except OSError:
        return folder
    pytest.skip("no read-only folder on this machine")


FOREIGN = {
    "an articles table": ("CREATE TABLE articles (id INTEGER PRIMARY KEY, body TEXT)",),
    "user_version 1": (
        "CREATE TABLE notes (id INTEGER PRIMARY KEY)",
        "PRAGMA user_version = 1",
    ),
    "articles and user_version 1": (
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, body TEXT)",
        "INSERT INTO articles (body) VALUES ('kept')",
        "PRAGMA user_version = 1",
    ),
    "every annotator table name, another application_id": (
        *(f"CREATE TABLE {t} (id INTEGER PRIMARY KEY)" for t in sorted(opening.CORE_TABLES)),
        "PRAGMA application_id = 1234",
        "PRAGMA user_version = 1",
    ),
    "empty with a user_version": ("PRAGMA user_version = 7",),
    "another application_id only": ("PRAGMA application_id = 99",),
    "WAL mode": ("PRAGMA journal_mode = WAL", "CREATE TABLE articles (id INTEGER PRIMARY KEY)"),
}


@pytest.mark.parametrize("name", sorted(FOREIGN))
@pytest.mark.parametrize("how", ["open", "open_readonly"])
def test_another_programs_sqlite_file_keeps_every_byte(tmp_path: Path, name: str, how: str) -> None:
    path = tmp_path / "theirs.sqlite"
    before = _sqlite_file(path, *FOREIGN[name])
    with pytest.raises(ForeignFileError, match="not an annotator database.*left it as it is"):
        getattr(Store, how)(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["theirs.sqlite"]  # no -wal, -shm


def test_every_annotator_file_carries_the_mark(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "desk.db")
    assert store.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    store.close()
    memory = Store.memory()
    assert memory.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_a_file_from_before_the_mark_is_upgraded_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    MIGRATIONS[0](sqlite_utils.Database(conn))
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO articles (title, text, sha256, imported_at) VALUES ('T', 'x', 'h', 'now')"
    )
    conn.commit()
    conn.close()
    store = Store.open(path)
    assert store.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert [a.title for a in store.list_articles()] == ["T"]
    store.close()


def test_a_newer_annotator_file_is_refused_before_any_write(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    _annotator_file(path)
    _sqlite_file(path, f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(DatabaseVersionError, match="newer annotator.*upgrade annotator"):
        Store.open(path)
    assert path.read_bytes() == before


def test_a_truncated_file_is_named_as_cut_short(tmp_path: Path) -> None:
    data = _annotator_file(tmp_path / "desk.db")
    for size in (10, 99, len(data) // 2, len(data) - 4096, len(data) - 1):
        cut = tmp_path / f"cut{size}.db"
        cut.write_bytes(data[:size])
        with pytest.raises(DamagedDatabaseError, match="cut short.*copy it again or restore"):
            Store.open(cut)
        assert cut.read_bytes() == data[:size]


def test_a_checkpoint_between_reading_the_size_and_the_header_is_no_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another annotator copying its log into the file as it is looked at: the header
    already promises a page the size read a moment earlier lacked. Read again, the file
    is whole (a copy cut short stays cut short: the test above)."""
    path = tmp_path / "desk.db"
    _annotator_file(path)
    real = opening._read_header
    reads: list[int] = []

    def mid_checkpoint(p: Path, name: str) -> tuple[bytes, int]:
        header, size = real(p, name)
        reads.append(size)
        return (header, size - 4096) if len(reads) == 1 else (header, size)

    monkeypatch.setattr(opening, "_read_header", mid_checkpoint)
    Store.open(path).close()
    assert len(reads) == 2


def test_a_file_written_during_its_lockless_read_is_read_again_with_locks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The marks of a file with an empty log are read as immutable (no lock, no -shm
    left beside another program's file); when a checkpoint wrote the file meanwhile,
    what that read saw (here: a torn page) is not taken for damage: it reads again."""
    path = tmp_path / "desk.db"
    _annotator_file(path)
    real = opening._read_marks_as
    modes: list[str] = []

    def torn(p: Path, name: str, mode: str) -> tuple[int, int, frozenset[str]]:
        modes.append(mode)
        if mode == "immutable=1":
            os.utime(p, ns=(0, p.stat().st_mtime_ns + 1))  # the other writer's checkpoint
            raise opening.damaged_error(name, "database disk image is malformed")
        return real(p, name, mode)

    monkeypatch.setattr(opening, "_read_marks_as", torn)
    Store.open(path).close()
    assert modes == ["immutable=1", "mode=ro"]

    def damaged(p: Path, name: str, mode: str) -> tuple[int, int, frozenset[str]]:
        raise opening.damaged_error(name, "database disk image is malformed")

    monkeypatch.setattr(opening, "_read_marks_as", damaged)
    with pytest.raises(DamagedDatabaseError):  # seen on a file at rest, damage is damage
        Store.open(path)


def test_a_corrupt_schema_page_is_named_as_damaged(tmp_path: Path) -> None:
    data = bytearray(_annotator_file(tmp_path / "desk.db"))
    data[100:4096] = b"\xa5" * (4096 - 100)  # the rest of page 1: the schema's root
    path = tmp_path / "corrupt.db"
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedDatabaseError, match="is damaged.*restore it from a backup"):
        Store.open(path)
    assert path.read_bytes() == bytes(data)


def test_a_locked_file_says_to_close_the_other_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "desk.db"
    _annotator_file(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(opening, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(store_package, "BUSY_TIMEOUT_MS", 50)
    try:
        with pytest.raises(DatabaseLockedError, match="locked by another program.*try again"):
            Store.open(path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_new_file_in_a_read_only_folder(tmp_path: Path) -> None:
    folder = readonly_folder(tmp_path)
    with pytest.raises(AnnotatorError, match="read-only; give a --db path in a folder"):
        Store.open(folder / "desk.db")


def test_the_six_faults_have_six_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _annotator_file(tmp_path / "desk.db")
    messages: dict[str, str] = {}

    def message(path: Path) -> str:
        with pytest.raises(AnnotatorError) as info:
            Store.open(path)
        return str(info.value).replace(str(path), "PATH")

    (tmp_path / "cut.db").write_bytes(data[: len(data) // 2])
    messages["truncated"] = message(tmp_path / "cut.db")
    corrupt = bytearray(data)
    corrupt[100:4096] = b"\xa5" * (4096 - 100)
    (tmp_path / "corrupt.db").write_bytes(bytes(corrupt))
    messages["corrupt"] = message(tmp_path / "corrupt.db")
    (tmp_path / "notes.db").write_bytes(b"shopping list\n" * 100)
    messages["not sqlite"] = message(tmp_path / "notes.db")
    _sqlite_file(tmp_path / "theirs.db", "CREATE TABLE articles (id INTEGER PRIMARY KEY)")
    messages["foreign"] = message(tmp_path / "theirs.db")
    (tmp_path / "newer.db").write_bytes(data)
    _sqlite_file(tmp_path / "newer.db", f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    messages["newer"] = message(tmp_path / "newer.db")
    messages["read-only folder"] = message(readonly_folder(tmp_path) / "desk.db")
    monkeypatch.setattr(opening, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(tmp_path / "desk.db", isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        messages["locked"] = message(tmp_path / "desk.db")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(set(messages.values())) == len(messages), messages
    assert all(": " in m and "\n" not in m for m in messages.values())
