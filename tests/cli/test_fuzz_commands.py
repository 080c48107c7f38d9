"""Every command driven with random ids, strings, files and configs: an exit code, never a
traceback, and after a failure the database exactly as it was."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.cli import cli
from tests.cli.test_hostile_input import desk_template  # noqa: F401  (a fixture)
from tests.conftest import db_dump

# The search indexes the store keeps in the file (citation words, claim memory): derived
# from the data and refreshed by reads, so a failed command may bring them up to date.
INDEX_ROWS = re.compile(
    r'^INSERT INTO "(citation_words|citation_vocab|citation_haystacks|citation_words_stale'
    r'|memory_\w+)"',
)


def data_dump(db: Path) -> str:
    """``db_dump`` without the rows of the search indexes."""
    return "\n".join(line for line in db_dump(db).split("\n") if not INDEX_ROWS.match(line))


@pytest.fixture(scope="session")
def desk_data(desk_template: Path) -> str:  # noqa: F811
    """``data_dump`` of ``desk_template``, so of each fresh copy of it (read once)."""
    return data_dump(desk_template)


ids = st.one_of(
    st.sampled_from(["1", "2", "3"]),
    st.integers(-(2**70), 2**70).map(str),
    st.text(max_size=8),
)
# Text with controls, escapes, markup, formulas, and bytes that are not UTF-8
# (surrogate escapes, as Python hands over such an argument).
strings = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "\x1b]0;pwned\x07\x1b[2J",
            "[bold]x[/bold]",
            "=HYPERLINK(1)",
            "caf\udce9",
            "\x00",
            "2023-02-30",
            "9" * 5000,
            "",
        ]
    ),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
csl_items = st.lists(
    st.fixed_dictionaries(
        {"id": st.text(max_size=5), "title": strings},
        optional={
            "type": st.sampled_from(["article-journal", "book", "x"]),
            "DOI": strings,
            "issued": st.one_of(json_values, st.just({"date-parts": [[10**30]]})),
            "author": json_values,
        },
    ),
    max_size=3,
)
files = st.one_of(
    st.binary(max_size=200),
    json_values.map(lambda v: json.dumps(v).encode()),
    csl_items.map(lambda v: json.dumps(v).encode()),
    st.sampled_from(
        [
            b"[" * 3000 + b"]" * 3000,
            b'["\\ud800"]',
            b"[" + b"9" * 4400 + b"]",
            b"@article{x, title={T}, year={99999999999999999999}}",
            b"TY  - JOUR\nTI  - T\nPY  - 1e400\nER  - \n",
            b"a = " + b"[" * 3000 + b"]" * 3000,
            "Caf\u00e9 \x1b[2J 56% of adults\f\v\x85 a 2019 trial.\n".encode() * 3,
            b"A 2019 trial of 1,200 adults cut blood pressure by 12%.\xff\n" * 3,
        ]
    ),
)
toml_values = st.one_of(
    st.sampled_from(['"false"', "nan", "-5", "inf", "true", "[]", "{a = 1}", "0.5", '"x"']),
    st.integers(-(2**70), 2**70).map(str),
)
configs = st.one_of(
    st.none(),
    st.tuples(
        st.sampled_from(["blind", "threshold", "organization", "reviewer", "scale", "nope"]),
        toml_values,
    ).map(lambda kv: f"{kv[0]} = {kv[1]}\n"),
    st.binary(max_size=80).map(lambda b: b.decode("latin-1")),
)

# Each command with the holes hypothesis fills: ID, STR, FILE, or a fixed choice.
TEMPLATES: list[list[Any]] = [
    ["claims", "ID"],
    ["claim", st.sampled_from(["accept", "dismiss", "restore"]), "ID"],
    ["label", "ID", "STR"],
    ["link", "ID", "ID", "--stance", "supports", "--quote", "STR", "--locator", "STR"],
    ["grade", "ID", "--verdict", st.sampled_from(["mixed", "bogus", "supported"]), "--note", "STR"],
    ["grade", "ID", "--verdict", "STR", "--certainty", "STR", "--reason", "STR"],
    ["history", "ID"],
    ["undo"],
    ["cite", "search", "STR"],
    ["cite", "show", "ID"],
    ["cite", "add", "--text", "STR"],
    ["cite", "add", "--doi", "STR", "--title", "STR"],
    ["cite", "add", "--url", "STR"],
    ["cite", "add", "--csl-json", "FILE"],
    ["cite", "add", "--bibtex", "FILE"],
    ["cite", "add", "--ris", "FILE"],
    ["cite", "set", "ID", "--accessed", "STR"],
    ["cite", "set", "ID", "--text-file", "FILE"],
    ["cite", "merge", "ID", "ID"],
    ["cite", "quotes", "ID", "ID"],
    ["evidence", "list", "ID"],
    ["evidence", "edit", "ID", "--quote", "STR", "--note", "STR"],
    ["evidence", "remove", "ID"],
    ["import", "FILE", "--title", "STR", "--date", "STR"],
    ["import", "FILE", "--replaces", "ID"],
    ["segment", "FILE"],
    ["import-reviews", "FILE"],
    ["similar", "ID"],
    ["reuse", "ID", "ID"],
    ["versions", "ID"],
    ["export", "ID", "--format", st.sampled_from(["csv", "json", "md", "html", "claimreview"])],
    ["stats", "ID"],
    ["agreement", "ID"],
    ["articles"],
    ["config"],
    ["merge", "FILE"],
    ["--scale", "FILE", "articles"],
]
HOLES = {"ID": ids, "STR": strings, "FILE": st.just("FILE")}


@st.composite
def invocations(draw: st.DrawFn) -> list[str]:
    template = draw(st.sampled_from(TEMPLATES))
    args = []
    for part in template:
        if isinstance(part, str) and part in HOLES:
            args.append(draw(HOLES[part]))
        elif isinstance(part, str):
            args.append(part)
        else:
            args.append(draw(part))
    return args


# Bounded and the same on every run, so the suite stays quick and never flaky; set
# ANNOTATOR_FUZZ_EXAMPLES (e.g. 5000) for a longer, random exploration.
EXPLORE = int(os.environ.get("ANNOTATOR_FUZZ_EXAMPLES", "0"))


@settings(
    max_examples=EXPLORE or 300,
    derandomize=not EXPLORE,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(args=invocations(), content=files, config=configs, reviewer=strings)
def test_any_command_on_any_input_exits_cleanly(
    desk_template: Path,  # noqa: F811
    desk_data: str,
    tmp_path: Path,
    args: list[str],
    content: bytes,
    config: str | None,
    reviewer: str,
) -> None:
    db = Path(os.environ["ANNOTATOR_DB"])
    shutil.copyfile(desk_template, db)
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    config_path = Path(os.environ["ANNOTATOR_CONFIG"])
    config_path.unlink(missing_ok=True)
    if config is not None:
        config_path.write_text(config, encoding="utf-8", errors="surrogateescape")
    path = tmp_path / "input.file"
    path.write_bytes(content)
    args = [str(path) if a == "FILE" else a for a in args]
    before = desk_data  # the copy's, read once
    result = CliRunner().invoke(cli, ["--reviewer", reviewer or "x", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        result.exception,
    )
    assert result.exit_code in (0, 1, 2), (args, result.output)
    if result.exit_code == 1:
        assert result.stderr.startswith("Error: "), (args, result.stderr)
        assert result.stderr.count("\n") == 1, (args, result.stderr)
    if result.exit_code != 0:
        assert "Error" in result.stderr
        assert data_dump(db) == before, args
    if args[0] not in ("export", "segment"):
        shown = result.stdout + result.stderr
        assert not any(c in shown for c in ("\x1b", "\x07", "\x9b")), (args, shown[:200])


@pytest.mark.parametrize("limit", ["0", "-5", str(2**63), "nan"])
def test_limits_and_thresholds_out_of_range(desk_template: Path, limit: str) -> None:  # noqa: F811
    shutil.copyfile(desk_template, Path(os.environ["ANNOTATOR_DB"]))
    for args in (
        ["cite", "search", "walking", "--limit", limit],
        ["similar", "1", "--limit", limit],
        ["segment", "--threshold", limit, "-"],
    ):
        result = CliRunner().invoke(cli, args, input="A 2019 trial cut it by 12%.\n")
        assert result.exception is None or isinstance(result.exception, SystemExit), args
        assert result.exit_code in (0, 1, 2)
