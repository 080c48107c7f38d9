"""No quiet damage: bad bytes reported by line, real text's format characters accepted,
config values checked by type and range, dates parsed, output written whole and only
over regular files; JSON and TOML read with limits."""

from __future__ import annotations

import json
import math
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.config import DeskConfig, load_config
from annotator.errors import InputError
from annotator.files import (
    MAX_JSON_DEPTH,
    REPLACEMENT,
    load_json,
    load_toml,
    write_file_atomically,
)
from annotator.text.articles import decode_bytes, load_text
from annotator.text.dates import parse_date
from annotator.text.terminal import json_terminal_safe, visible

ACCENTED = "Café crème, naïve résumé: the trial's 56% figure.\n" * 3

# -- undecodable bytes ----------------------------------------------------------------------


def test_one_bad_byte_in_utf8_is_marked_on_its_line_and_the_rest_kept() -> None:
    data = ACCENTED.encode() + b"Line four has a bad \xff byte.\n" + ACCENTED.encode()
    text, notice = decode_bytes(data, "a.md")
    assert text == ACCENTED + f"Line four has a bad {REPLACEMENT} byte.\n" + ACCENTED
    assert "1 byte that are not UTF-8" in notice or "1 byte" in notice
    assert "line 4" in notice and REPLACEMENT in notice


@given(
    lines=st.lists(st.text(st.characters(codec="utf-8"), max_size=30), min_size=3, max_size=12),
    bad=st.sets(st.integers(0, 11), min_size=1, max_size=3),
    byte=st.sampled_from([b"\xff", b"\xfe", b"\xc3", b"\x80", b"\xe2\x82"]),
)
@settings(max_examples=150, deadline=None)
def test_bad_bytes_never_turn_utf8_text_into_mojibake(
    lines: list[str], bad: set[int], byte: bytes
) -> None:
    lines = ["Ünïcödé ✓ " + line.replace("\n", " ").replace("\r", " ") for line in lines]
    raw = [line.encode() for line in lines]
    bad = {i for i in bad if i < len(raw)}
    if not bad:
        return
    for i in bad:
        raw[i] += byte
    data = b"\n".join(raw)
    if b"\x00" in data:
        return
    text, notice = decode_bytes(data, "x.txt")
    for i, line in enumerate(lines):
        assert text.split("\n")[i].startswith(line)  # every good character as it was
    broken = sorted(i + 1 for i in bad)
    assert notice and f"line{'s' if len(broken) > 1 else ''} {broken[0]}" in notice


def test_a_cp1252_file_is_still_read_with_a_notice() -> None:
    text, notice = decode_bytes(b"Caf\xe9 cr\xe8me \x93quoted\x94\n", "w.txt")
    assert text == "Café crème “quoted”\n"
    assert "cp1252" in notice and "line 1" in notice


def test_undefined_cp1252_bytes_are_refused_by_line() -> None:
    with pytest.raises(InputError, match=r"byte 0x81 on line 2"):
        decode_bytes(b"plain\nbad \x81 here\n", "b.txt")


@pytest.mark.parametrize("char", ["\f", "\v", "\x85", "\u200b", "\u00ad", "\u2028", "\ufeff"])
def test_format_characters_of_real_text_are_accepted(char: str) -> None:
    body = "A trial of 1,200 adults cut blood pressure by 12%.\n\n" * 5
    text = char.join([body] * 4) + char * 3
    loaded = load_text(text.encode(), "paste.txt")
    assert loaded.text.count(char) >= 3 or char == "\ufeff"


@pytest.mark.parametrize("data", [b"\x00\x01\x02" * 100, bytes(range(1, 32)) * 50])
def test_binary_data_is_still_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="binary"):
        load_text(data, "x.bin")


# -- config ---------------------------------------------------------------------------------

BAD_CONFIG = {
    'blind = "false"': "blind must be true or false",
    'blind = "no"': "blind must be true or false",
    "blind = 0": "blind must be true or false",
    "threshold = nan": "threshold must be a number from 0 to 1",
    "threshold = -5": "threshold must be a number from 0 to 1",
    "threshold = inf": "threshold must be a number from 0 to 1",
    "threshold = 1.5": "threshold must be a number from 0 to 1",
    "threshold = true": "threshold must be a number from 0 to 1",
    'threshold = "0.5"': "threshold must be a number from 0 to 1",
    "organization = 5": "organization must be a quoted string",
    "reviewer = []": "reviewer must be a quoted string",
    "scale = {a = 1}": "scale must be a quoted string",
    "nope = 1": "unknown key 'nope'",
    "a = " + "[" * 5000 + "]" * 5000: "unknown key|nests|too deeply",
    "blind = true\nblind = false": "not valid TOML",
}


@pytest.mark.parametrize("content", sorted(BAD_CONFIG))
def test_a_bad_config_value_is_refused_naming_the_key(tmp_path: Path, content: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=BAD_CONFIG[content]) as info:
        load_config(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_good_config_values_are_read_as_their_types(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('blind = false\nthreshold = 1\norganization = "Desk"\n', encoding="utf-8")
    assert load_config(path) == DeskConfig(blind=False, threshold=1.0, organization="Desk")


@given(value=st.one_of(st.floats(), st.integers(-(2**70), 2**70), st.booleans()))
@settings(max_examples=100, deadline=None)
def test_threshold_is_taken_only_from_0_to_1(
    tmp_path_factory: pytest.TempPathFactory, value: float
) -> None:
    path = tmp_path_factory.mktemp("cfg") / "config.toml"
    written = (
        json.dumps(value)
        if not isinstance(value, float) or math.isfinite(value)
        else ("nan" if math.isnan(value) else ("inf" if value > 0 else "-inf"))
    )
    path.write_text(f"threshold = {written.lower()}\n", encoding="utf-8")
    ok = not isinstance(value, bool) and math.isfinite(value) and 0 <= value <= 1
    if ok:
        assert load_config(path).threshold == float(value)
    else:
        with pytest.raises(InputError, match="threshold"):
            load_config(path)


# -- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_", "stored"),
    [
        ("2023", "2023"),
        ("2023-08", "2023-08"),
        ("2023-08-24", "2023-08-24"),
        (" 2023-08-24 ", "2023-08-24"),
        ("2023-08-24T10:00:00Z", "2023-08-24T10:00:00Z"),
        ("2023-08-24T10:00:00+02:00", "2023-08-24T10:00:00+02:00"),
        ("", ""),
    ],
)
def test_iso_dates_are_taken(given_: str, stored: str) -> None:
    assert parse_date(given_, "--date") == stored


@pytest.mark.parametrize(
    "bad", ["last tuesday", "2023-13", "2023-02-30", "0000", "99999", "24/08/2023", "2023-8-1x"]
)
def test_other_dates_are_refused_in_one_line(bad: str) -> None:
    with pytest.raises(InputError, match=r"--date .* is not a date: give it as ISO 8601"):
        parse_date(bad, "--date")


# -- writing output ---------------------------------------------------------------------------


def test_output_replaces_a_regular_file_keeping_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_file_atomically(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]  # no temporary left


def test_output_is_never_written_over_a_symlink_fifo_or_folder(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("keep", encoding="utf-8")
    (tmp_path / "link.csv").symlink_to(real)
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "folder").mkdir()
    for name, kind in (("link.csv", "symbolic link"), ("fifo", "FIFO"), ("folder", "folder")):
        with pytest.raises(InputError, match=f"is a {kind}.*not a regular file"):
            write_file_atomically(tmp_path / name, "x")
    assert (tmp_path / "link.csv").is_symlink() and real.read_text(encoding="utf-8") == "keep"
    assert stat.S_ISFIFO(os.lstat(tmp_path / "fifo").st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo", "folder", "link.csv", "real.csv"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(InputError) as info:
        write_file_atomically(target, "new")
    # The one line says what happened and what to do, and that the old file stands.
    message = str(info.value)
    assert "No space left" in message and "free some space" in message, message
    assert "as it was" in message, message
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_a_folder_that_does_not_exist_is_named_as_missing(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        write_file_atomically(tmp_path / "no-such-folder" / "out.csv", "x")
    message = str(info.value)
    assert "does not exist" in message and "refuses" not in message, message
    assert not (tmp_path / "no-such-folder").exists()


# -- JSON and TOML with limits ----------------------------------------------------------------


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 990, 100_000])
def test_json_nested_too_deep_is_refused_before_parsing(depth: int) -> None:
    for text in ("[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth):
        with pytest.raises(InputError, match="nests arrays or objects more than"):
            load_json(text, "f.json")


def test_brackets_inside_strings_do_not_count_as_depth() -> None:
    text = json.dumps({"title": "[" * 1000 + '"\\' + "{" * 1000})
    assert load_json(text, "f.json")["title"].startswith("[[[")


@pytest.mark.parametrize("digits", [4301, 10_000, 100_000])
def test_huge_numbers_are_refused_in_one_line(digits: int) -> None:
    with pytest.raises(InputError, match=f"a number of {digits} digits"):
        load_json("[" + "9" * digits + "]", "f.json")


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "x\\ud83dy", "\\udc00\\ud800"])
def test_lone_surrogate_escapes_are_refused(escape: str) -> None:
    with pytest.raises(InputError, match="lone surrogate"):
        load_json(f'{{"k": ["a", {{"{escape}": 1}}]}}', "f.json")
    with pytest.raises(InputError, match="lone surrogate"):
        load_json(f'["{escape}"]', "f.json")


def test_a_surrogate_pair_is_one_character_and_fine() -> None:
    assert load_json('["\\ud83d\\ude00"]', "f.json") == ["😀"]


@pytest.mark.parametrize(
    "data",
    [
        b"a = " + b"[" * 100_000 + b"]" * 100_000,
        b"a = " + b"{b = " * 50_000 + b"1" + b"}" * 50_000,
        b"x = 1\n" * 200_000,
        b"a = \xff",
    ],
)
def test_toml_with_limits(data: bytes) -> None:
    with pytest.raises(InputError):
        load_toml(data, "scale file 'x.toml'")


# -- the shared mapping of control characters ------------------------------------------------


@given(st.text())
@settings(max_examples=200, deadline=None)
def test_visible_keeps_length_and_leaves_no_control(text: str) -> None:
    shown = visible(text)
    assert len(shown) == len(text)
    assert not any(ord(c) < 0x20 and c not in "\n\t" or 0x7F <= ord(c) <= 0x9F for c in shown)


@given(st.recursive(st.text() | st.integers() | st.none(), lambda c: st.lists(c, max_size=4)))
@settings(max_examples=200, deadline=None)
def test_json_for_terminals_is_the_same_value(value: object) -> None:
    text = json_terminal_safe(json.dumps(value, ensure_ascii=False))
    assert json.loads(text) == value
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in text)


def test_output_is_never_written_over_a_database(tmp_path: Path) -> None:
    """An export named like the database (a slip of tab completion, ``-o desk.db``)
    replaced the whole desk with a CSV. The database in use is refused by name and by
    identity, its logs too, and so is any other SQLite file."""
    in_use = tmp_path / "desk.db"
    conn = sqlite3.connect(in_use)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    held = (in_use, tmp_path / "desk.db-wal", tmp_path / "desk.db-shm")
    os.link(in_use, tmp_path / "hard-link.db")
    for target in (in_use, tmp_path / "desk.db-wal", tmp_path / "sub" / ".." / "desk.db"):
        with pytest.raises(InputError, match="is the database annotator is working in"):
            write_file_atomically(target, "claim_id\n1\n", held=held)
    with pytest.raises(InputError, match="is the database annotator is working in"):
        write_file_atomically(tmp_path / "hard-link.db", "x", held=held)
    colleague = tmp_path / "theirs.db"
    other = sqlite3.connect(colleague)
    other.execute("CREATE TABLE t (x)")
    other.commit()
    other.close()
    with pytest.raises(InputError, match="is a SQLite database, not an export"):
        write_file_atomically(colleague, "x", held=held)
    assert conn.execute("SELECT count(*) FROM t").fetchone() == (0,)
    conn.close()
    assert colleague.read_bytes().startswith(b"SQLite format 3\x00")
    write_file_atomically(tmp_path / "claims.csv", "claim_id\n", held=held)  # others are fine


def test_a_config_that_cannot_be_written_is_one_line_and_the_old_file_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """config set on a full disk, or with the config in a folder that refuses files,
    ended in a traceback (OSError out of write_text)."""
    from annotator.config import set_config_values

    path = tmp_path / "config.toml"
    set_config_values(path, {"organization": "Desk"})
    before = path.read_bytes()

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full_disk)
    with pytest.raises(InputError) as info:
        set_config_values(path, {"organization": "A much longer desk name"})
    assert "No space left" in str(info.value) and str(path) in str(info.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml"]
    monkeypatch.undo()
    with pytest.raises(InputError, match="config.toml"):
        set_config_values(Path("/proc/annotator-test/config.toml"), {"organization": "x"})
