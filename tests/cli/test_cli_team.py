"""Team commands through click: agreement, verify, final verdicts with a reason."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from annotator.store import Store
from tests.cli.test_cli import run
from tests.conftest import name_editors
from tests.team_helpers import article_with_claims, grade_table


@pytest.fixture(autouse=True)
def editor() -> None:
    """These commands run as the desk's editor, who sees every grade (what a blind
    reviewer sees is tested in tests/cli/test_cli_blind.py)."""
    name_editors("tester", "ed")


@pytest.fixture
def graded() -> tuple[int, list[int]]:
    store = Store.open(os.environ["ANNOTATOR_DB"])
    try:
        article = article_with_claims(store, 4, title="[bold]Bracketed[/] title")
        ids = grade_table(
            store,
            article,
            {
                "ann": ["supported", "mixed", "contradicted", "not-checkable"],
                "bob": ["supported", "unsupported", "contradicted", "mixed"],
            },
        )
    finally:
        store.close()
    return article, ids


def test_agreement_json(graded: tuple[int, list[int]]) -> None:
    article, ids = graded
    code, out, err = run("agreement", str(article), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["reviewers"] == ["ann", "bob"] and data["units"] == 4
    assert data["pairs"][0]["n"] == 4 and data["pairs"][0]["agreed"] == 2
    assert [d["claim_id"] for d in data["disagreements"]] == [ids[3], ids[1]]
    assert data["alpha_ordinal_ci"] is None or len(data["alpha_ordinal_ci"]) == 2
    assert "pairwise deletion" in data["missing_policy"]


def test_agreement_plain_text_when_piped(graded: tuple[int, list[int]]) -> None:
    article, _ids = graded
    code, out, _ = run("agreement", str(article))
    assert code == 0
    assert "Percent agreement: 50.0%" in out
    assert "Krippendorff's alpha (ordinal)" in out
    assert "ann\tbob\t4\t50.0%" in out
    assert "[bold]Bracketed[/] title" in out  # text is data, printed as it is
    assert "Missing grades:" in out and "Not checkable:" in out


def test_agreement_on_a_missing_article_is_one_line() -> None:
    code, _out, err = run("agreement", "99")
    assert code == 1 and err.strip() == "Error: no article with id 99: list them to find the id"


def test_final_verdict_needs_a_note_and_exports_say_final(graded: tuple[int, list[int]]) -> None:
    _article, ids = graded
    # A final verdict is an editor's: working as a reviewer, ed is refused in one line.
    code, _out, err = run(
        "--reviewer", "ed", "--role", "reviewer", "grade", str(ids[1]), "--verdict", "mixed",
        "--final", "--note", "n",
    )  # fmt: skip
    assert code == 1 and err.startswith("Error: a final verdict is an editor's to set")
    assert len(err.splitlines()) == 1 and "editors are named in the desk config" in err
    code, _out, err = run("--reviewer", "ed", "grade", str(ids[1]), "--verdict", "mixed", "--final")
    assert code == 1 and "needs a reason" in err and "Traceback" not in err
    code, _out, err = run(
        "--reviewer", "ed", "grade", str(ids[1]), "--verdict", "mixed", "--final",
        "--note", "the second trial settles it",
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = run("export", "--format", "json")
    rows = {r["claim_id"]: r for r in json.loads(out)}
    assert rows[ids[1]]["verdict"] == "mixed" and rows[ids[1]]["verdict_source"] == "final"
    code, out, _ = run("history", str(ids[1]), "--json")
    assert [e["action"] for e in json.loads(out)][-1] == "final-grade"


def test_verify_passes_then_reports_the_first_tampered_event(
    graded: tuple[int, list[int]],
) -> None:
    code, out, _ = run("verify")
    assert code == 0 and "intact" in out and "integrity check: ok" in out
    db = Path(os.environ["ANNOTATOR_DB"])
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("DROP TRIGGER events_no_update")
        conn.execute("UPDATE events SET reviewer = 'mallory' WHERE id IN (5, 7)")
    conn.close()
    code, out, err = run("verify", "--json")
    assert code == 1
    data = json.loads(out)
    assert (data["intact"], data["broken_at"], data["integrity"]) == (False, 5, "ok")
    assert err.strip().startswith("Error: the event log does not prove this database")
    assert "first: event 5: its hash does not follow" in err


def test_verify_prints_the_head_and_checks_one_noted_earlier(
    graded: tuple[int, list[int]],
) -> None:
    _article, ids = graded
    code, out, _ = run("verify")
    head = next(line for line in out.splitlines() if line.startswith("log head: "))[10:]
    code, out, err = run("verify", "--expect", head)
    assert code == 0 and "the log begins with the head given" in out, err
    run("--reviewer", "ann", "grade", str(ids[0]), "--verdict", "mixed")
    assert run("verify", "--expect", head)[0] == 0  # the log grew; it still begins there
    count, digest = head.split(":")
    other = f"{count}:{'0' * 64}"
    code, out, err = run("verify", "--expect", other)
    assert code == 1 and f"event {count}: differs from the head given" in out
    code, _out, err = run("verify", "--expect", "12:abc")
    assert code == 1 and err.startswith("Error: '12:abc' is not a log head") and "Trace" not in err
    code, _out, err = run("verify", "--expect", f"{int(count) + 50}:{digest}")
    assert code == 1 and "fewer than the" in _out


def test_undo_and_redo_name_what_they_did(graded: tuple[int, list[int]]) -> None:
    _article, ids = graded
    run("--reviewer", "ann", "grade", str(ids[0]), "--verdict", "mixed")
    code, out, err = run("--reviewer", "ann", "undo")
    assert code == 0 and out.strip() == f"Undone: ann's grade 'mixed' on claim {ids[0]}", err
    code, out, err = run("--reviewer", "ann", "redo")
    assert code == 0 and out.strip() == f"Redone: ann's grade 'mixed' on claim {ids[0]}", err
    code, _out, err = run("--reviewer", "ann", "redo")
    assert code == 1 and err.strip() == "Error: Nothing to redo for ann."
    code, _out, err = run("--reviewer", "nobody", "undo")
    assert code == 1 and err.strip() == "Error: Nothing to undo for nobody."
