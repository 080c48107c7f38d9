"""Blind review through the command line: listings and exports run as a reviewer."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from annotator.cli import cli
from annotator.store import Store
from tests.blind_helpers import BLIND, EDITOR, OTHERS, Action, Graded, actions, build
from tests.cli.test_cli import run
from tests.team_helpers import article_with_claims


@pytest.fixture
def graded() -> tuple[int, list[int]]:
    """alice graded claims 1 and 2, bob claim 1 only."""
    store = Store.open(os.environ["ANNOTATOR_DB"])
    try:
        article = article_with_claims(store, 3)
        ids = [c.id for c in store.claims(article)]
        store.grade_claim(ids[0], "supported", reviewer="alice", note="alice on one")
        store.grade_claim(ids[1], "contradicted", reviewer="alice", note="alice on two")
        store.grade_claim(ids[0], "mixed", reviewer="bob")
    finally:
        store.close()
    return article, ids


def _verdicts(*args: str) -> dict[int, str]:
    code, out, err = run(*args)
    assert code == 0, err
    return {c["id"]: c["verdict"] for c in json.loads(out)}


def test_bob_does_not_see_alices_verdict_on_a_claim_he_has_not_graded(
    graded: tuple[int, list[int]],
) -> None:
    """The issue's case: ``annotator --reviewer bob claims 1`` printed alice's verdict."""
    article, ids = graded
    code, out, _ = run("--reviewer", "bob", "claims", str(article))
    rows = {line.split("\t")[0]: line.split("\t") for line in out.splitlines()[1:]}
    assert code == 0 and rows[str(ids[1])][3] == ""
    assert "contradicted" not in out
    assert _verdicts("--reviewer", "bob", "claims", str(article), "--json") == {
        ids[0]: "mixed", ids[1]: "", ids[2]: "",
    }  # fmt: skip


def test_a_reviewer_who_graded_nothing_sees_nothing(graded: tuple[int, list[int]]) -> None:
    article, _ids = graded
    assert set(_verdicts("--reviewer", "dan", "claims", str(article), "--json").values()) == {""}
    code, out, _ = run("--reviewer", "dan", "export", str(article), "--format", "csv")
    assert code == 0 and "alice" not in out and "supported" not in out


def test_editors_are_named_in_the_desk_config_and_a_role_makes_none(
    graded: tuple[int, list[int]],
) -> None:
    article, ids = graded
    # Claim 1 is disputed (alice supported, bob mixed): no one's verdict is the claim's
    # until a final one, so the editor sees every verdict but that one.
    everything = {ids[0]: "", ids[1]: "contradicted", ids[2]: ""}
    code, out, err = run("--reviewer", "ed", "--role", "editor", "claims", str(article))
    assert (code, out) == (1, "")
    assert err == (
        "Error: 'ed' is not an editor of this desk (the desk config names no editors): editors"
        " are named in the desk config (annotator config set editors NAMES); work without"
        " --role editor\n"
    )
    Path(os.environ["ANNOTATOR_CONFIG"]).write_text('editors = ["ed"]\n', encoding="utf-8")
    assert _verdicts("--reviewer", "ed", "claims", str(article), "--json") == everything
    assert _verdicts("--reviewer", "ed", "--role", "editor", "claims", str(article), "--json") == (
        everything
    )
    code, _out, err = run("--reviewer", "dan", "--role", "editor", "claims", str(article))
    assert code == 1 and "the desk's editors are ed" in err
    code, out, _ = run("config")
    assert 'editors = ["ed"]' in out


def test_an_editors_final_verdict_never_blinds_them(graded: tuple[int, list[int]]) -> None:
    article, ids = graded
    Path(os.environ["ANNOTATOR_CONFIG"]).write_text('editors = ["ed"]\n', encoding="utf-8")
    code, _out, err = run(
        "--reviewer", "ed", "grade", str(ids[1]), "--verdict", "mixed", "--final", "--note", "n"
    )
    assert code == 0, err
    seen = _verdicts("--reviewer", "ed", "claims", str(article), "--json")
    assert seen[ids[0]] == "" and seen[ids[1]] == "mixed"  # claim 1 still disputed
    code, out, _ = run("--reviewer", "ed", "export", str(article), "--format", "json")
    assert "alice: supported" in out
    # ... and it stays hidden from bob, who has not graded that claim.
    assert _verdicts("--reviewer", "bob", "claims", str(article), "--json")[ids[1]] == ""


def test_blind_off_in_the_desk_config_shows_all(graded: tuple[int, list[int]]) -> None:
    article, ids = graded
    Path(os.environ["ANNOTATOR_CONFIG"]).write_text("blind = false\n", encoding="utf-8")
    assert _verdicts("--reviewer", "bob", "claims", str(article), "--json")[ids[1]] == (
        "contradicted"
    )


def test_a_role_that_is_not_one_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANNOTATOR_ROLE", "boss")
    code, _out, err = run("articles")
    message = "Error: role 'boss' is not one: use reviewer or editor (--role, ANNOTATOR_ROLE)"
    assert code == 1 and err.strip() == message
    monkeypatch.delenv("ANNOTATOR_ROLE")
    code, _out, err = run("--role", "boss", "articles")
    assert code == 1 and err.strip() == message


# -- every listing of a blind reviewer, after random grading ----------------------------


OTHER_NAMES = re.compile(rf"\b(?:{'|'.join((*OTHERS, EDITOR))})\b")


def _as_blind(db: str, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", db, "--reviewer", BLIND, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _check_listings(db: str, g: Graded) -> None:
    leaks = g.all_leaks()
    texts: list[str] = []
    for article in g.articles:
        rows = json.loads(_as_blind(db, "claims", str(article), "--json"))
        assert all(r["verdict"] == "" for r in rows if r["id"] in g.hidden)
        table = _as_blind(db, "claims", str(article))
        for line in table.splitlines()[1:]:
            cells = line.split("\t")
            assert int(cells[0]) not in g.hidden or cells[3] == "", line
        exported = json.loads(_as_blind(db, "export", str(article), "--format", "json"))
        for row in exported:
            if row["claim_id"] in g.hidden:
                assert row["verdict"] == row["final_verdict"] == row["certainty"] == ""
                assert not any(name in row["reviewers"] for name in OTHERS)
        agreement = json.loads(_as_blind(db, "agreement", str(article), "--json"))
        assert not {d["claim_id"] for d in agreement["disagreements"]} & g.hidden
        texts += [table, json.dumps(exported), json.dumps(agreement)]
        for fmt in ("csv", "md", "html", "jsonl"):
            texts.append(_as_blind(db, "export", str(article), "--format", fmt))
        texts.append(_as_blind(db, "agreement", str(article)))
    for claim_id in g.hidden:
        shown = _as_blind(db, "history", str(claim_id), "--json")
        assert not OTHER_NAMES.search(shown), shown
        similar = json.loads(_as_blind(db, "similar", str(claim_id), "--json"))
        for hit in similar:
            if hit["claim_id"] in g.hidden:
                assert hit["verdict"] == "" and hit["verdict_hidden"]
        texts.append(json.dumps(similar))
    stats = json.loads(_as_blind(db, "stats", "--json"))
    graded = len({c for ids in g.claims for c in ids} - g.hidden)
    assert stats["graded"] == graded
    texts += [_as_blind(db, "articles", "--json"), _as_blind(db, "stats")]
    for text in texts:
        assert not any(m in text for m in leaks)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=actions)
def test_no_listing_of_a_blind_reviewer_holds_anothers_verdict(steps: list[Action]) -> None:
    """Property: after random grading by several reviewers and an editor, no CLI listing
    or export run as a blind reviewer shows another's grade of a claim they have not
    graded (verdict, note, reviewer name, history, count)."""
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "desk.db")
        store = Store.open(db)
        try:
            g = build(store, steps)
        finally:
            store.close()
        _check_listings(db, g)


def test_editors_set_from_the_command_line(graded: tuple[int, list[int]]) -> None:
    article, ids = graded
    code, out, _ = run("config", "set", "editors", "carol, ed")
    assert code == 0 and out.startswith('editors = ["carol", "ed"]')
    assert _verdicts("--reviewer", "carol", "claims", str(article), "--json")[ids[1]] == (
        "contradicted"
    )
