"""Knowing a database file before writing to it, and saying plainly what is wrong with one.

An annotator database carries its own mark, ``PRAGMA application_id`` = ``APPLICATION_ID``
(set on every new file; a migration sets it on older ones). Before any statement that
could write (the WAL switch included) the file is looked at read-only: its header, then a
``mode=ro`` connection. Another program's SQLite file, a truncated copy, a locked file, a
damaged one and one from a newer annotator each get their own message, and their bytes
are never changed.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from enum import Enum
from pathlib import Path

from annotator.errors import (
    AnnotatorError,
    DamagedDatabaseError,
    DatabaseLockedError,
    DatabaseVersionError,
    ForeignFileError,
)
from annotator.files import SQLITE_HEADER

BUSY_TIMEOUT_MS = 5000

# "ANNO": the 32-bit number at offset 68 of the file's header that says it is ours.
APPLICATION_ID = 0x414E4E4F
HEADER_SIZE = 100
# Tables every annotator file has had since the first schema: with them, a file without
# the mark is an annotator file from before the mark (and is given it on upgrade).
CORE_TABLES = frozenset({"articles", "claims", "citations", "evidence", "grades", "events"})


class FileKind(Enum):
    NEW = "new"  # absent, empty, or a SQLite file with nothing in it yet
    OURS = "ours"  # carries the mark, or is an annotator file from before it


def locked(exc: BaseException) -> bool:
    text = str(exc)
    return "locked" in text or "busy" in text


def database_failure(exc: sqlite3.DatabaseError, name: str = "the database") -> str:
    """The one line both faces show for an error of SQLite itself that reached them: a
    file kept busy, a disk that refused a write, a change the schema refuses, a damaged
    file. ``name``: the database file, where the face knows it."""
    disk = disk_failure(name, exc)
    if disk is not None:
        return str(disk)
    if isinstance(exc, sqlite3.OperationalError):
        if "locked" in str(exc) or "busy" in str(exc):
            return "the database is busy with another reviewer's change: try again"
        return f"database error: {exc}"
    if isinstance(exc, sqlite3.IntegrityError):
        return f"that change conflicts with what the database holds ({exc}); nothing was written"
    return f"the database file is damaged ({exc}): restore it from a backup"


# SQLite's codes for a write (or read) the disk refused: full, over a size limit, gone.
# The file itself is sound, so "damaged: restore it from a backup" would send a desk to
# throw away a good file for an older one (a full disk said exactly that).
_DISK_FULL = "SQLITE_FULL"
_DISK_IO = "SQLITE_IOERR"
# Pages that cannot be read back are the file's trouble, not the free space's.
_READ_FAILURES = frozenset({"SQLITE_IOERR_READ", "SQLITE_IOERR_SHORT_READ"})


def disk_failure(name: str, exc: BaseException) -> AnnotatorError | None:
    """The error to show when ``exc`` is the disk refusing SQLite's write, else None."""
    code = str(getattr(exc, "sqlite_errorname", "") or "")
    if code != _DISK_FULL and not code.startswith(_DISK_IO) or code in _READ_FAILURES:
        return None
    return AnnotatorError(
        f"{name} could not be written: the disk is full or refused the write ({exc});"
        " free some space on it (or check the disk) and try again; nothing was changed"
    )


def locked_error(name: str) -> DatabaseLockedError:
    return DatabaseLockedError(
        f"{name} is locked by another program that is writing to it: close that program"
        " (or wait for it to finish) and try again"
    )


def damaged_error(name: str, exc: BaseException | str) -> AnnotatorError:
    """A file SQLite cannot read as a database; a disk that refused a write is that."""
    disk = disk_failure(name, exc) if isinstance(exc, BaseException) else None
    if disk is not None:
        return disk
    return DamagedDatabaseError(
        f"{name} is damaged ({exc}): restore it from a backup; annotator did not change it"
    )


# What a message about a file given as --db tells to do; a file given to merge is no
# --db path, and ``open_database_readonly`` says so instead (MERGE_ADVICE).
DB_ADVICE = "give another --db path"
MERGE_ADVICE = "give the path of a colleague's annotator database to merge"


def not_sqlite_error(name: str) -> ForeignFileError:
    return ForeignFileError(
        f"{name} is not an annotator database (not a SQLite file); annotator left it as it"
        f" is: {DB_ADVICE}"
    )


def read_only_error(name: str, exc: BaseException | str) -> AnnotatorError:
    folder = Path(name).parent
    return AnnotatorError(
        f"{name} cannot be written ({exc}): its folder {str(folder)!r} or the file is"
        " read-only; make them writable, or give a --db path in a folder you can write to"
    )


def inspect_file(path: Path, name: str, *, schema_version: int) -> FileKind:
    """What ``path`` is, found without writing a byte; raises when it is not ours to open."""
    header, size = _read_header(path, name)
    if not header:
        return FileKind.NEW
    if not header.startswith(SQLITE_HEADER):
        if len(header) < len(SQLITE_HEADER) and SQLITE_HEADER.startswith(header):
            raise _truncated(name, size, None)
        raise not_sqlite_error(name)
    if _length_problem(header, size, name) is not None:
        # Another annotator's checkpoint may have been copying its log into the file
        # between the two reads (the header already promising pages not yet written). A
        # file changes only so while a log is beside it: a problem seen with a live log,
        # or gone when read again, is no problem; seen twice with none, it is the file's.
        header, size = _read_header(path, name)
        problem = _length_problem(header, size, name)
        if problem is not None and not _log_is_live(path):
            raise problem
    marked = int.from_bytes(header[68:72], "big", signed=True)
    if marked not in (0, APPLICATION_ID):
        raise _foreign(name, marked, int.from_bytes(header[60:64], "big", signed=True))
    application_id, version, tables = _read_marks(path, name, wal=header[18:20] == b"\x02\x02")
    if application_id == APPLICATION_ID:
        if version > schema_version:
            raise newer_error(name, version, schema_version)
        return FileKind.OURS
    if application_id == 0 and not tables and version == 0:
        return FileKind.NEW
    if application_id == 0 and tables >= CORE_TABLES and 1 <= version <= schema_version:
        return FileKind.OURS
    raise _foreign(name, application_id, version)


def _foreign(name: str, application_id: int, version: int) -> ForeignFileError:
    return ForeignFileError(
        f"{name} is another program's SQLite file, not an annotator database"
        f" (application_id {application_id}, user_version {version}); annotator left it"
        f" as it is: {DB_ADVICE}"
    )


def newer_error(name: str, version: int, schema_version: int) -> DatabaseVersionError:
    return DatabaseVersionError(
        f"{name} was written by a newer annotator (schema {version}, this one knows "
        f"{schema_version}): upgrade annotator to open it; the file was not changed"
    )


def _truncated(name: str, size: int, expected: int | None) -> DamagedDatabaseError:
    promised = f" where its header promises {expected}" if expected else ""
    return DamagedDatabaseError(
        f"{name} is cut short ({size} bytes{promised}): it was truncated while being copied"
        " or saved; copy it again or restore it from a backup"
    )


def _read_header(path: Path, name: str) -> tuple[bytes, int]:
    """The file's first bytes and its size (b"" for no file)."""
    try:
        with path.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            return f.read(HEADER_SIZE), size
    except FileNotFoundError:
        return b"", 0
    except OSError as exc:
        raise AnnotatorError(
            f"{name} cannot be read ({exc.strerror}): check the path and its permissions"
        ) from None


def _log_is_live(path: Path) -> bool:
    """Whether a write-ahead log with frames, or a rollback journal, is beside the file:
    then another connection may be writing pages into the file itself right now."""
    for suffix in ("-wal", "-journal"):
        try:
            if path.with_name(path.name + suffix).stat().st_size > 0:
                return True
        except OSError:
            continue
    return False


def _length_problem(header: bytes, size: int, name: str) -> DamagedDatabaseError | None:
    """A file shorter than its header says (or not whole pages) was cut short."""
    if len(header) < HEADER_SIZE:
        return _truncated(name, size, None)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise not_sqlite_error(name)  # no SQLite writes such a header
    pages = int.from_bytes(header[28:32], "big")
    # The page count in the header is valid only when written by the same change as
    # the "version-valid-for" number (SQLite >= 3.7.0 keeps them equal).
    count_valid = header[24:28] == header[92:96] and pages > 0
    if size % page_size or (count_valid and size < pages * page_size):
        return _truncated(name, size, pages * page_size if count_valid else None)
    return None


def _read_marks(path: Path, name: str, *, wal: bool) -> tuple[int, int, frozenset[str]]:
    """application_id, user_version and table names, read through a read-only connection.

    A WAL-mode file whose log is empty is read as immutable: a plain read-only
    connection would leave -wal and -shm files beside another program's file.
    """
    if not wal or _log_is_live(path):
        return _read_marks_as(path, name, "mode=ro")
    before = _stamp(path)

    def written_meanwhile() -> bool:
        return _log_is_live(path) or _stamp(path) != before

    # An immutable read takes no lock: had another connection written the file in the
    # meantime (a checkpoint half way), read again with locks; the file is in use then,
    # so the -shm file such a read may leave is that connection's anyway.
    try:
        marks = _read_marks_as(path, name, "immutable=1")
    except AnnotatorError:
        if not written_meanwhile():
            raise
        return _read_marks_as(path, name, "mode=ro")
    return _read_marks_as(path, name, "mode=ro") if written_meanwhile() else marks


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def _read_marks_as(path: Path, name: str, mode: str) -> tuple[int, int, frozenset[str]]:
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?{mode}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
    except sqlite3.Error as exc:
        raise AnnotatorError(f"{name} cannot be opened ({exc}): check its permissions") from None
    try:
        application_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    except sqlite3.OperationalError as exc:
        if locked(exc):
            raise locked_error(name) from None
        if "unable to open" in str(exc) or "readonly" in str(exc):
            raise read_only_error(name, exc) from None
        raise damaged_error(name, exc) from None
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            raise not_sqlite_error(name) from None
        raise damaged_error(name, exc) from None
    finally:
        conn.close()
    return application_id, version, frozenset(str(r[0]) for r in rows)


def create_file(path: Path, name: str) -> None:
    """Make the (empty) database file and its folders, or say why the folder refuses."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o666)
        os.close(fd)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise AnnotatorError(
                f"cannot create {name}: its folder {str(path.parent)!r} is read-only;"
                " give a --db path in a folder you can write to"
            ) from None
        raise AnnotatorError(f"cannot create {name} ({exc.strerror}): check the path") from None
