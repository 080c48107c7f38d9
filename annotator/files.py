"""Files the user names: reading them (and parsing JSON and TOML with limits) and writing
them whole; one clear line when that cannot be done."""

from __future__ import annotations

import codecs
import errno
import json
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotator.errors import InputError


def read_user_file(path: str | Path, what: str = "file", *, held: Iterable[Path] = ()) -> bytes:
    """The bytes of ``path``; ``what`` names it in the message ("scale file", ...).

    ``held``: the files of the database this process has open, refused unread (picked
    by a slip in a file tree): closing a descriptor of one would drop this process's
    SQLite locks on it, and another process could then delete its log under it.
    """
    p = Path(path)
    if names_one_of(p, held):
        raise InputError(
            f"{what} {str(p)!r} is the database annotator is working in, not a {what}:"
            " give another file"
        )
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{what} {str(p)!r} not found (no such file): check the path") from None
    except IsADirectoryError:
        raise InputError(f"{what} {str(p)!r} is a folder: give the file itself") from None
    except OSError as exc:
        raise InputError(
            f"{what} {str(p)!r} cannot be read ({exc.strerror}): check the path and its permissions"
        ) from None


# -- parsing what a user's file holds, with limits ----------------------------------------

# CSL-JSON and ClaimReview nest a dozen levels; far deeper is an attack on the parser
# (Python's recursion) or on the code that walks the result, never a real export.
MAX_JSON_DEPTH = 100
# A desk's config or scale file is a few hundred bytes.
MAX_TOML_BYTES = 1_000_000
# Python refuses to read integers longer than this (CVE-2020-10735).
MAX_INT_DIGITS = 4300

# A JSON string, written so the regex engine runs through it without a choice per
# character; the token-by-token count reads strings or brackets.
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_JSON_TOKEN = re.compile(_JSON_STRING.pattern + r"|[\[\]{}]")
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_EMPTY_PAIR = re.compile(r"[\[{][\]}]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]", re.ASCII)


def json_depth(text: str, limit: int = MAX_JSON_DEPTH) -> int:
    """How deep ``text``'s arrays and objects nest (strings skipped); stops past ``limit``.

    Strings and everything but brackets are dropped, then every empty pair is removed
    until none is left: as many rounds as the deepest nesting, each one pass of the
    regex engine (a 70 MB library file took longer to check, token by token in Python,
    than to parse). Brackets that do not pair off (text that is not JSON) are counted
    one by one, as are files nested past ``limit``: the rare case pays the old price.
    """
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    depth = 0
    while brackets:
        fewer = _EMPTY_PAIR.sub("", brackets)
        if depth == limit or len(fewer) == len(brackets):
            return _json_depth_by_token(text, limit)
        brackets = fewer
        depth += 1
    return depth


def _json_depth_by_token(text: str, limit: int) -> int:
    depth = deepest = 0
    for m in _JSON_TOKEN.finditer(text):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
        elif token in "]}":
            depth -= 1
    return deepest


def check_json_text(text: str, name: str) -> None:
    """Refuse, before parsing, JSON nested deeper than any real export."""
    if json_depth(text) > MAX_JSON_DEPTH:
        raise InputError(
            f"{name} nests arrays or objects more than {MAX_JSON_DEPTH} levels deep:"
            " not an export annotator reads; check the file"
        )


def bounded_int(digits: str) -> int:
    """``parse_int`` for ``json.loads``: one line instead of Python's ValueError."""
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise InputError(
            f"a number of {len(digits)} digits (more than {MAX_INT_DIGITS:,}): not a value"
            " annotator reads; check the file"
        )
    return int(digits)


def load_json(text: str, name: str) -> Any:
    """``json.loads`` with limits: depth, number length, and no lone surrogates."""
    check_json_text(text, name)
    data = json.loads(text, parse_int=bounded_int)
    check_surrogates(data, text, name)
    return data


def check_surrogates(data: Any, text: str, name: str) -> None:
    """Refuse strings holding a lone UTF-16 surrogate (from an escape like ``\\ud800``):
    they are not Unicode and could not be stored or printed."""
    if not _SURROGATE_ESCAPE.search(text):
        return
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            strings: list[Any] = [item]
        elif isinstance(item, dict):
            strings = list(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
            continue
        else:
            continue
        for s in strings:
            if isinstance(s, str) and any("\ud800" <= ch <= "\udfff" for ch in s):
                raise InputError(
                    f"{name} has a string with a lone surrogate escape (like \\ud800), which"
                    f" is not a character: {s[:40]!r}; fix it in the file"
                )


def load_toml(data: bytes, name: str) -> dict[str, Any]:
    """A TOML file's table, with a size limit; one line for anything wrong."""
    if len(data) > MAX_TOML_BYTES:
        raise InputError(
            f"{name} is {len(data):,} bytes, more than a settings file holds"
            f" ({MAX_TOML_BYTES:,} at most): check the path"
        )
    import tomllib  # here: reading an article never needs it (3 ms of every start)

    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{name} is not UTF-8 text (byte {exc.start}): save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{name} is not valid TOML: {exc}") from None
    except RecursionError:
        raise InputError(f"{name} nests arrays or tables too deeply: check the file") from None


# -- decoding a text file the user named ---------------------------------------------------


def decode_text(data: bytes, name: str, *, binary_advice: str) -> tuple[str, str]:
    """Decode a text file a user gave (an article, a reference manager's export); returns
    the text and a notice ("" when plain UTF-8). ``binary_advice`` ends the message
    that refuses binary data ("give a .txt, .md or .html").

    UTF-8 (with or without BOM) is expected. UTF-16 with a BOM is accepted, with a notice.
    Bytes that are not UTF-8 are never decoded away silently: in a UTF-8 file (one with
    more valid multi-byte characters than bad bytes) each bad byte becomes a visible
    U+FFFD marker and the notice names their lines; a file with no UTF-8 characters at
    all is read as cp1252 (what Windows editors save), also with a notice. Binary data
    is refused.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "decoded from UTF-16"
        except UnicodeDecodeError:
            raise InputError(f"{name} has a UTF-16 mark but is not valid UTF-16") from None
    if b"\x00" in data:
        raise InputError(f"{name} looks like a binary file, not text: {binary_advice}")
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        pass
    # Bad bytes come back as lone surrogates U+DC80-U+DCFF, one per byte.
    mixed = data.decode("utf-8-sig", errors="surrogateescape")
    bad = [i for i, ch in enumerate(mixed) if "\udc80" <= ch <= "\udcff"]
    good = sum(1 for ch in mixed if ord(ch) > 0x7F) - len(bad)
    lines = _lines_of(mixed, bad)
    if good >= len(bad):
        text = _BAD_BYTE.sub(REPLACEMENT, mixed)
        return text, (
            f"{len(bad)} byte{'s' if len(bad) > 1 else ''} that are not UTF-8 replaced with"
            f" {REPLACEMENT} on {lines}: check those against the original"
        )
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{name} is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line} fits no"
            " encoding annotator knows): save it as UTF-8 and import it again"
        ) from None
    if control_ratio(text) > 0.01:
        raise InputError(f"{name} looks like a binary file, not text: {binary_advice}")
    return text, f"not UTF-8 (bytes on {lines}); decoded as Windows-1252 (cp1252)"


# What a byte that is not UTF-8 becomes in a UTF-8 file: visible, and searchable.
REPLACEMENT = "\ufffd"
_BAD_BYTE = re.compile("[\udc80-\udcff]")


def _lines_of(text: str, positions: list[int]) -> str:
    """'line 3' or 'lines 3, 7, 12 and 4 more' for character positions in ``text``."""
    numbers: list[int] = []
    line, counted = 1, 0
    for pos in positions:  # in order: count each stretch of text once
        line += text.count("\n", counted, pos)
        counted = pos
        if not numbers or numbers[-1] != line:
            numbers.append(line)
    shown = ", ".join(str(n) for n in numbers[:5])
    more = f" and {len(numbers) - 5} more" if len(numbers) > 5 else ""
    return f"line{'s' if len(numbers) > 1 else ''} {shown}{more}"


# Control characters (Unicode category Cc) but those real text holds: tab, line ends, form
# feed, vertical tab and NEL (PDF and Word pastes); the rest, in bulk, means binary data.
# One character class: a regular-expression scan instead of a loop over each character.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def control_ratio(text: str) -> float:
    controls = sum(1 for _ in _CONTROL.finditer(text))
    return controls / max(len(text), 1)


# -- writing a file the user named ------------------------------------------------------------


# The first bytes of every SQLite database file.
SQLITE_HEADER = b"SQLite format 3\x00"


def write_file_atomically(
    path: str | Path, content: str | bytes | Iterable[str], *, held: Iterable[Path] = ()
) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same folder, then
    rename it into place: a failure never leaves half a file, and a reader never sees one.

    Only a regular file (or nothing) is replaced: a symlink, FIFO, device or folder at
    ``path`` is refused, since a rename would silently put a file in its place. Nor is a
    database: ``held`` (the files of the database this process has open, its logs
    included) is recognised by name and identity before ``path`` is opened at all, since
    closing any descriptor of such a file drops this process's SQLite locks on it; any
    other file is refused when it begins as a SQLite database does.
    """
    p = Path(path)
    if names_one_of(p, held):
        raise InputError(
            f"{str(p)!r} is the database annotator is working in: writing there would"
            " replace it; give another file to write"
        )
    try:
        st = p.lstat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InputError(f"cannot write {str(p)!r} ({exc.strerror}): check the path") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        kind = _file_kind(st.st_mode)
        raise InputError(
            f"{str(p)!r} is {kind}, not a regular file: annotator replaces only files;"
            " give another file to write"
        )
    if st is not None and _begins_with(p, SQLITE_HEADER):
        raise InputError(
            f"{str(p)!r} is a SQLite database, not an export: annotator does not replace"
            " it; give another file to write"
        )
    pieces: Iterable[str | bytes] = [content] if isinstance(content, str | bytes) else content
    folder = p.parent if str(p.parent) else Path(".")
    import tempfile  # here: it loads shutil, random and the compressors (4 ms of a start)

    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise InputError(
            f"cannot write {str(p)!r}: its folder {str(folder)!r} does not exist;"
            " create it, or give a file in a folder that exists"
        ) from None
    except OSError as exc:
        raise InputError(
            f"cannot write {str(p)!r}: its folder {str(folder)!r} refuses new files"
            f" ({exc.strerror}); give a file in a folder you can write to"
        ) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            for piece in pieces:
                # surrogateescape: a name from a non-UTF-8 argument goes back as its bytes.
                f.write(
                    piece if isinstance(piece, bytes) else piece.encode("utf-8", "surrogateescape")
                )
            f.flush()
            os.fsync(f.fileno())
        # mkstemp makes the file private (0600); give it the mode a new file gets, or
        # the mode of the file it replaces.
        os.chmod(tmp, stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask())
        os.replace(tmp, p)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        kept = "the file there is as it was" if st is not None else "nothing was written"
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            advice = "free some space on that disk, or give a file on another one"
        else:
            advice = "check the disk and the path, and try again"
        raise InputError(f"cannot write {str(p)!r} ({exc.strerror}): {advice}; {kept}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def names_one_of(path: Path, files: Iterable[Path]) -> bool:
    """Whether ``path`` names one of ``files``: the same place, or the same file (found
    by name and identity, without opening either)."""
    where = os.path.realpath(path)
    for f in files:
        if where == os.path.realpath(f):
            return True
        try:
            if os.path.samefile(path, f):  # another name for it (a hard link)
                return True
        except OSError:
            continue
    return False


def _begins_with(path: Path, head: bytes) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(len(head)) == head
    except OSError:
        return False  # unreadable: the write itself will say what is wrong


def _file_kind(mode: int) -> str:
    kinds = (
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
