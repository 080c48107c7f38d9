"""Hostile input through the command line: one ``Error:`` line, exit 1, the database as it
was; stored text with terminal escapes shown as visible symbols, JSON exact."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from annotator.cli import cli
from annotator.cli.common import MAX_ID, IdType
from annotator.grades import visibility
from tests.conftest import db_dump, name_editors

ARTICLE = (
    "# Walking and health\n\n"
    "A 2019 trial of 1,200 adults found that walking 30 minutes a day cut blood pressure "
    "by 12%. Researchers at Example University reported the result in The Lancet.\n\n"
    "Coffee drinkers were 15% less likely to develop the disease, a cohort study showed.\n"
)
FILLER = "\n\nThe rest of the article is ordinary prose about daily habits and health." * 20
# Retitle the window, ring the bell, clear the screen, turn text red; a C1 CSI too.
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[31m\x9b31m"
EVE = f"eve{ESCAPES}"  # a reviewer name an older annotator recorded as given
RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\x9d")


def run(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


def assert_one_line_error(result: Result, match: str = "") -> None:
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    assert match in result.stderr


@pytest.fixture
def db() -> Path:
    return Path(os.environ["ANNOTATOR_DB"])


@pytest.fixture(scope="session")
def desk_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with an article, a citation, a link and a grade (ids 1), built once."""
    folder = tmp_path_factory.mktemp("desk")
    (folder / "a.md").write_text(ARTICLE, encoding="utf-8")
    return _build_desk(
        folder,
        ("import", str(folder / "a.md")),
        ("cite", "add", "--doi", "10.1000/xyz123", "--title", "A trial"),
        ("link", "1", "1", "--stance", "supports"),
        ("grade", "1", "--verdict", "mixed"),
    )


def _build_desk(folder: Path, *commands: tuple[str, ...]) -> Path:
    """Run ``commands`` on ``folder``/desk.db, all in the file itself (no WAL left)."""
    env = {
        "ANNOTATOR_DB": str(folder / "desk.db"),
        "ANNOTATOR_CONFIG": str(folder / "config.toml"),
        "ANNOTATOR_REVIEWER": "tester",
    }
    for args in commands:
        result = CliRunner().invoke(cli, list(args), env=env)
        assert result.exit_code == 0, result.output
    conn = sqlite3.connect(folder / "desk.db")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return folder / "desk.db"


@pytest.fixture
def desk(db: Path, desk_template: Path) -> Path:
    """A copy of ``desk_template`` as the database in use."""
    shutil.copyfile(desk_template, db)
    return db


@pytest.fixture(scope="session")
def desk_dump(desk_template: Path) -> str:
    """``db_dump`` of ``desk_template``, so of each fresh ``desk`` too (read once)."""
    return db_dump(desk_template)


# -- ids out of range, for every command that takes one ---------------------------------------


def _commands(
    group: click.Group, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))
        else:
            yield (*path, name), command


def _invocation(
    path: tuple[str, ...], command: click.Command, target: str, value: str
) -> list[str]:
    """Arguments that are fine but for ``target``, which gets ``value``."""
    args = list(path)
    for param in command.params:
        is_target = param.name == target
        if not (param.required or is_target):
            continue
        if isinstance(param.type, IdType):
            text = value if is_target else "1"
        elif isinstance(param.type, click.Choice):
            text = str(param.type.choices[0])
        elif param.name == "files":
            text = "a.md"
        else:
            text = "mixed" if param.name == "verdict" else "x"
        if isinstance(param, click.Option):
            args += [param.opts[0], text]
        else:
            args.append(text)
    return args


ID_PARAMS = [
    (path, command, param.name or "")
    for path, command in _commands(cli)
    for param in command.params
    if isinstance(param.type, IdType)
]
BAD_IDS = [
    str(2**63),
    str(2**64),
    str(10**30),
    "9" * 5000,
    "0",
    "abc",
    "1e3",
    "٣",
    "0x10",
    "",
]


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize(
    ("path", "command", "target"), ID_PARAMS, ids=[" ".join(p) + ":" + t for p, _c, t in ID_PARAMS]
)
def test_an_id_out_of_range_is_one_line(
    desk: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    path: tuple[str, ...],
    command: click.Command,
    target: str,
    bad: str,
    desk_dump: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*_invocation(path, command, target, bad))
    assert_one_line_error(result, "is not an id: give a whole number from 1 to")
    assert db_dump(desk) == desk_dump


def test_the_largest_id_is_looked_up_and_not_found(desk: Path) -> None:
    assert_one_line_error(run("claims", str(MAX_ID)), f"no article with id {MAX_ID}")
    assert len(ID_PARAMS) >= 25  # every command that takes an id is covered above


# -- terminal escapes in stored text ------------------------------------------------------------


def _escaped_article() -> str:
    return (
        ARTICLE.replace("Walking and", f"Walking {ESCAPES} and")
        .replace("blood pressure", f"blood {ESCAPES}pressure")
        .replace("15%", f"15%{ESCAPES}")
        + FILLER
    )


def _html_article() -> str:
    entities = "&#x1b;]0;pwned&#x7;&#x1b;[2J&#27;[31m&#x9b;"
    body = ARTICLE.replace("blood pressure", f"blood {entities}pressure").replace("\n\n", "</p><p>")
    return f"<html><head><title>T{entities}</title></head><body><p>{body}{FILLER}</p></body></html>"


@pytest.fixture(scope="session", params=["text", "html"])
def hostile_template(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A desk whose article, citation library and reviewer name carry escape sequences,
    built once per kind of article (seven commands) and copied for each test."""
    folder = tmp_path_factory.mktemp(f"hostile-{request.param}")
    if request.param == "html":
        article = folder / "a.html"
        article.write_text(_html_article(), encoding="utf-8")
    else:
        article = folder / "a.md"
        article.write_text(_escaped_article(), encoding="utf-8")
    library = [
        {
            "id": "x",
            "type": "article-journal",
            "title": f"Walking {ESCAPES} study",
            "author": [{"family": f"Smith{ESCAPES}", "given": "A"}],
            "container-title": f"J {ESCAPES}",
            "issued": {"date-parts": [[2019]]},
            "note": f"n{ESCAPES}",
        }
    ]
    (folder / "lib.json").write_text(json.dumps(library), encoding="utf-8")
    eve = ("--reviewer", EVE)
    # The command line refuses such a name now, but a desk file written before it did,
    # or merged from one, still holds it: build that file with the check stood aside.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(visibility, "check_reviewer_name", lambda name, what="": name)
        return _build_desk(
            folder,
            ("import", str(article)),
            ("cite", "add", "--csl-json", str(folder / "lib.json")),
            (*eve, "grade", "1", "--verdict", "mixed", "--note", f"note {ESCAPES}"),
            (*eve, "link", "1", "1", "--stance", "supports", "--quote", f"q{ESCAPES}"),
            (*eve, "label", "1", f"label {ESCAPES}"),
        )


@pytest.fixture
def hostile(db: Path, hostile_template: Path) -> Path:
    """A copy of ``hostile_template`` as the database in use."""
    shutil.copyfile(hostile_template, db)
    return db


LISTINGS = [
    ("articles",),
    ("claims", "1"),
    ("history", "1"),
    ("cite", "list"),
    ("cite", "search", "walking"),
    ("cite", "show", "1"),
    ("cite", "dupes"),
    ("cite", "quotes", "1", "1"),
    ("evidence", "list", "1"),
    ("similar", "1"),
    ("versions", "1"),
    ("stats",),
    ("stats", "1"),
    ("agreement",),
    ("undo",),
    ("label", "1", f"again {ESCAPES}"),
    ("claims", "999"),
    ("cite", "search", f"no such {ESCAPES}"),
    ("grade", "1", "--verdict", f"bogus{ESCAPES}"),
]


@pytest.mark.parametrize("args", LISTINGS, ids=[" ".join(a)[:30] for a in LISTINGS])
def test_stored_escapes_reach_the_terminal_only_as_symbols(
    hostile: Path, args: tuple[str, ...]
) -> None:
    # An editor sees eve's grade and note despite blind review.
    name_editors("tester")
    result = run(*args)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    shown = result.stdout + result.stderr
    assert not any(c in shown for c in RAW_CONTROLS), repr(shown[:300])


# (command, whether its JSON carries stored text with escapes)
JSON_LISTINGS = [
    (("articles", "--json"), False),
    (("stats", "--json"), False),
    (("claims", "1", "--json"), True),
    (("history", "1", "--json"), True),
    (("cite", "list", "--json"), True),
    (("cite", "show", "1", "--json"), True),
    (("evidence", "list", "1", "--json"), True),
]


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.mark.parametrize(
    ("args", "carries"), JSON_LISTINGS, ids=[" ".join(a) for a, _c in JSON_LISTINGS]
)
def test_json_output_keeps_the_escapes_exactly(
    hostile: Path, args: tuple[str, ...], carries: bool
) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert not any(c in result.stdout for c in RAW_CONTROLS)
    strings = _strings(json.loads(result.stdout))
    if carries:  # the very characters stored, not their pictures
        assert any("\x1b]0;pwned\x07" in s for s in strings), strings[:20]
    assert not any("\u241b" in s for s in strings)


def test_a_piped_export_is_exact_data(hostile: Path) -> None:
    result = run("export", "1", "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert any("\x1b" in row.get("text", "") + row.get("label", "") for row in rows)


# -- files that are not what they say --------------------------------------------------------------

DEEP = 100_000
FILES = {
    "csl-json 100k deep": (b"[" * DEEP + b"]" * DEEP, ("cite", "add", "--csl-json"), "nests"),
    "csl-json 990 deep": (b"[" * 990 + b"]" * 990, ("cite", "add", "--csl-json"), "nests"),
    "claimreview 100k deep": (b"[" * DEEP + b"]" * DEEP, ("import-reviews",), "nests"),
    "claimreview 990 deep": (b'{"a":' * 990 + b"1" + b"}" * 990, ("import-reviews",), "nests"),
    "csl-json 4301 digits": (
        b'[{"id":"a","title":"T","issued":{"date-parts":[[' + b"9" * 4301 + b"]]}}]",
        ("cite", "add", "--csl-json"),
        "4301 digits",
    ),
    "claimreview 5000 digits": (b'{"x": ' + b"1" * 5000 + b"}", ("import-reviews",), "digits"),
    "csl-json lone surrogate": (
        b'[{"id":"a","title":"T\\ud800x"}]',
        ("cite", "add", "--csl-json"),
        "lone surrogate",
    ),
    "claimreview lone surrogate": (
        b'{"@type":"ClaimReview","claimReviewed":"a\\udc00","reviewRating":{"alternateName":"F"}}',
        ("import-reviews",),
        "lone surrogate",
    ),
    "scale 100k deep": (b"a = " + b"[" * DEEP + b"]" * DEEP, ("--scale",), "too deeply"),
    "scale not UTF-8": (b"name = '\xff'", ("--scale",), "not UTF-8"),
    "scale 2 MB": (b"# padding\n" * 200_000, ("--scale",), "more than a settings file"),
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_hostile_file_is_one_line_and_changes_nothing(
    desk: Path, desk_dump: str, tmp_path: Path, name: str
) -> None:
    content, command, match = FILES[name]
    path = tmp_path / "in.file"
    path.write_bytes(content)
    args = [*command, str(path)] + (["articles"] if command == ("--scale",) else [])
    assert_one_line_error(run(*args), match)
    assert db_dump(desk) == desk_dump


@pytest.mark.parametrize(
    "config",
    ["a = " + "[" * DEEP + "]" * DEEP, 'blind = "false"', "threshold = nan", "threshold = -5"],
)
def test_a_hostile_config_is_one_line(desk: Path, desk_dump: str, config: str) -> None:
    Path(os.environ["ANNOTATOR_CONFIG"]).write_text(config, encoding="utf-8")
    result = run("articles")
    assert_one_line_error(result, "config file")
    assert db_dump(desk) == desk_dump


def test_a_year_sqlite_cannot_hold_is_left_out(desk: Path, tmp_path: Path) -> None:
    path = tmp_path / "lib.json"
    path.write_text(
        '[{"id":"a","title":"Huge year","issued":{"date-parts":[[1000000000000000000000]]}}]'
    )
    assert run("cite", "add", "--csl-json", str(path)).exit_code == 0
    shown = json.loads(run("cite", "list", "--json").stdout)
    assert [c["year"] for c in shown if c["title"] == "Huge year"] == [None]


def test_a_non_utf8_file_name_and_argument(desk: Path, tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/caf\xe9.md"
    with open(name, "wb") as f:
        f.write(ARTICLE.encode() + b"\nOne more line, 5% longer.\n")
    result = run("import", os.fsdecode(name))
    assert result.exit_code == 0, result.output
    before = db_dump(desk)
    assert_one_line_error(run("label", "1", os.fsdecode(b"caf\xe9")), "not UTF-8")
    assert db_dump(desk) == before


MERGE_DAMAGE = {
    "claim status": "UPDATE claims SET status = 'bogus'",
    "claim reasons JSON": "UPDATE claims SET reasons = '{not json'",
    "citation kind": "UPDATE citations SET kind = 'bogus'",
    "evidence stance": "UPDATE evidence SET stance = 'bogus'",
    "grade reasons JSON": "UPDATE grades SET reasons = '[1, 2'",
    "a view for grades": "DROP TABLE grades; CREATE VIEW grades AS SELECT 1 AS id",
}


@pytest.mark.parametrize("damage", sorted(MERGE_DAMAGE))
def test_merging_a_damaged_file_is_one_line_and_merges_nothing(
    desk: Path, tmp_path: Path, damage: str
) -> None:
    other = tmp_path / "other.db"
    (tmp_path / "b.md").write_text(ARTICLE + "\nAnd 20% more from a 2020 trial.\n")
    for args in (
        ("import", str(tmp_path / "b.md")),
        ("cite", "add", "--doi", "10.1000/other", "--title", "Other"),
        ("link", "1", "1", "--stance", "mixed"),
        ("grade", "1", "--verdict", "supported"),
    ):
        assert run("--db", str(other), *args).exit_code == 0
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.executescript(MERGE_DAMAGE[damage])
    conn.commit()
    conn.close()
    before = db_dump(desk)
    assert_one_line_error(run("merge", str(other)))
    assert db_dump(desk) == before


# -- output files and dates ------------------------------------------------------------------------


def test_export_refuses_to_replace_a_symlink_or_fifo(desk: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("keep", encoding="utf-8")
    (tmp_path / "link.csv").symlink_to(real)
    os.mkfifo(tmp_path / "fifo")
    for target, kind in (("link.csv", "symbolic link"), ("fifo", "FIFO")):
        for command in (("export", "--format", "csv"), ("cite", "export", "--format", "bibtex")):
            result = run(*command, "-o", str(tmp_path / target))
            assert_one_line_error(result, kind)
    assert (tmp_path / "link.csv").is_symlink() and real.read_text(encoding="utf-8") == "keep"
    assert stat.S_ISFIFO(os.lstat(tmp_path / "fifo").st_mode)


@pytest.mark.parametrize("date", ["last tuesday", "2023-02-30", "24/08/2023", "0"])
def test_a_date_that_is_not_iso_8601_is_refused(db: Path, tmp_path: Path, date: str) -> None:
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    before = db_dump(db)
    assert_one_line_error(run("import", str(tmp_path / "a.md"), "--date", date), "ISO 8601")
    assert db_dump(db) == before


def test_a_good_date_is_stored_and_published(db: Path, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    assert run("import", str(tmp_path / "a.md"), "--date", "2023-08-24").exit_code == 0
    assert json.loads(run("articles", "--json").stdout)[0]["published"] == "2023-08-24"


@pytest.mark.parametrize(
    "content",
    [b"shopping list\n" * 100, b"SQLite format 3\x00" + b"\x10\x00" + b"\x00" * 4078],
)
def test_merging_a_file_that_is_no_database_names_merge_not_db(
    desk: Path, tmp_path: Path, content: bytes
) -> None:
    """The file given to merge is no --db path: 'give another --db path' sent the
    reviewer to the wrong option."""
    other = tmp_path / "notes.db"
    other.write_bytes(content)
    result = run("merge", str(other))
    assert_one_line_error(result)
    assert "--db" not in result.stderr and "merge" in result.stderr, result.stderr


def test_ctrl_c_part_way_is_one_line_and_writes_nothing(
    desk: Path, desk_dump: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while an import writes its claims: click printed "Aborted!" (no Error line,
    exit 1) and said nothing of what was kept. One Error line, exit 130 (killed by
    SIGINT, as shells count it), and the import's transaction rolled back whole."""
    from annotator.store._base import StoreBase

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(StoreBase, "_insert_claims", interrupted)
    path = tmp_path / "new.md"
    path.write_text(ARTICLE.replace("1,200", "2,400"), encoding="utf-8")
    result = run("import", str(path))
    assert result.exit_code == 130, (result.exit_code, result.output)
    assert result.stderr.startswith("Error: interrupted") and result.stderr.count("\n") == 1
    assert "Aborted" not in result.output
    assert db_dump(desk) == desk_dump
