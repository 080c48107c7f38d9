"""Who checks what: `annotator assign`, `assign --list`, `unassign`, editors only."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_cli import run
from tests.conftest import SAMPLE_ARTICLE


@pytest.fixture
def desk() -> None:
    """The sample article, and 'ed' named an editor in the desk config (tmp)."""
    assert run("import", str(SAMPLE_ARTICLE))[0] == 0
    assert run("config", "set", "editors", "ed")[0] == 0


def test_an_editor_assigns_and_everyone_lists(desk: None) -> None:
    code, out, err = run("assign", "1", "ann", "bob", "--reviewer", "ed")
    assert code == 0, err
    assert out.endswith(": assigned to ann, bob\n") and out.startswith("article 1 ")
    code, out, _ = run("assign", "1", "ann", "cy", "--reviewer", "ed")
    assert code == 0 and out.endswith(": assigned to cy; already assigned to ann\n")
    code, out, _ = run("assign", "--list", "--json", "--reviewer", "ed")
    rows = json.loads(out)
    assert code == 0 and [r["reviewer"] for r in rows] == ["ann", "bob", "cy"]
    assert {r["assigned_by"] for r in rows} == {"ed"} and all(r["id"] for r in rows)
    assert all(r["graded"] == 0 and r["claims"] > 0 for r in rows)


def test_progress_of_others_is_blind_to_a_reviewer(desk: None) -> None:
    run("assign", "1", "ann", "bob", "--reviewer", "ed")
    run("grade", "1", "--verdict", "mixed", "--reviewer", "ann")
    run("grade", "2", "--verdict", "mixed", "--reviewer", "bob")
    code, out, _ = run("assign", "--list", "1", "--json", "--reviewer", "ann")
    graded = {r["reviewer"]: r["graded"] for r in json.loads(out)}
    assert code == 0 and graded == {"ann": 1, "bob": None}
    code, out, _ = run("assign", "--list", "--reviewer", "ann")
    assert "hidden (blind review)" in out and "1/" in out
    code, out, _ = run("assign", "--list", "--mine", "--json", "--reviewer", "bob")
    assert [(r["reviewer"], r["graded"]) for r in json.loads(out)] == [("bob", 1)]
    code, out, _ = run("assign", "--list", "--json", "--reviewer", "ed")
    assert {r["reviewer"]: r["graded"] for r in json.loads(out)} == {"ann": 1, "bob": 1}


def test_unassign_and_undo(desk: None) -> None:
    run("assign", "1", "ann", "bob", "--reviewer", "ed")
    code, out, _ = run("unassign", "1", "bob", "--reviewer", "ed")
    assert code == 0 and out.endswith(": taken from bob\n")
    code, out, _ = run("undo", "--reviewer", "ed")
    assert code == 0 and out.strip() == "Undone: ed's unassignment on article 1 (bob)"
    code, out, _ = run("assign", "--list", "--json")
    assert [r["reviewer"] for r in json.loads(out)] == ["ann", "bob"]
    code, out, _ = run("verify")
    assert code == 0 and "event log intact" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["assign", "1", "ann"], "only editors assign articles, and 'tester' is not one"),
        (["unassign", "1", "ann"], "only editors unassign articles, and 'tester' is not one"),
        (["assign", "9", "ann", "--reviewer", "ed"], "no article with id 9"),
        (["assign", "x", "ann", "--reviewer", "ed"], "ARTICLE 'x' is not an id"),
        (["assign", "1", "a,b", "--reviewer", "ed"], "reviewer name 'a,b' holds a comma"),
        (["assign", "1", "  ", "--reviewer", "ed"], "reviewer name is empty"),
        (["--reviewer", "ed", "assign", "1", "--", "-x"], "starts with '-'"),
        (["assign", "1", "a\x1b[31m", "--reviewer", "ed"], "holds control characters"),
        (["assign", "1", "--reviewer", "ed"], "name an ARTICLE and at least one REVIEWER"),
        (["assign", "--list", "1", "ann"], "--list takes at most an ARTICLE"),
        (["assign", "--list", "7"], "no article with id 7"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    desk: None, args: list[str], message: str
) -> None:
    code, out, err = run(*args)
    assert code == 1 and out == ""
    assert err.startswith("Error: ") and message in err and err.count("\n") == 1
    assert "\x1b" not in err
    assert json.loads(run("assign", "--list", "--json")[1]) == []


def test_the_editor_role_makes_no_one_an_editor(desk: None) -> None:
    code, out, err = run("assign", "1", "ann", "--role", "editor")
    assert code == 1 and out == ""
    assert err.startswith("Error: 'tester' is not an editor of this desk (the desk's editors"
                          " are ed)") and err.count("\n") == 1  # fmt: skip
    assert json.loads(run("assign", "--list", "--json")[1]) == []
    code, out, err = run("assign", "1", "ann", "--role", "editor", "--reviewer", "ed")
    assert code == 0, err


@pytest.mark.parametrize("names", [["zed"], ["bob", "zed"], ["zed", "bob", "yan"]])
def test_unassigning_someone_not_assigned_is_an_error_and_changes_nothing(
    desk: None, names: list[str]
) -> None:
    run("assign", "1", "ann", "bob", "--reviewer", "ed")
    before = run("assign", "--list", "--json")[1]
    code, out, err = run("unassign", "1", *names, "--reviewer", "ed")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("Error: article 1 is not assigned to zed")
    assert "assigned: ann, bob" in err
    assert run("assign", "--list", "--json")[1] == before
    code, out, _ = run("undo", "--reviewer", "ed")  # the last action is still the assign
    assert code == 0 and "assignment" in out and "unassignment" not in out


def test_unassigning_from_an_article_nobody_has_says_so(desk: None) -> None:
    code, out, err = run("unassign", "1", "ann", "--reviewer", "ed")
    assert code == 1 and out == ""
    assert err == (
        "Error: article 1 is not assigned to ann (assigned to nobody): nothing was changed\n"
    )
