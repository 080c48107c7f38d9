"""The desk's command line: global options anywhere, and the re-review queue."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import pytest

from annotator.store import Store
from tests.cli.test_cli import run
from tests.conftest import SAMPLE_ARTICLE


def test_global_options_work_after_the_command_too(tmp_path: Path) -> None:
    desk = tmp_path / "desk.db"
    code, out, err = run("import", str(SAMPLE_ARTICLE), "--db", str(desk))
    assert code == 0, err
    code, out, _ = run("articles", "--db", str(desk), "--json")
    assert code == 0 and len(json.loads(out)) == 1
    assert run("grade", "1", "--verdict", "mixed", "--reviewer", "bob", "--db", str(desk))[0] == 0
    assert run("grade", "2", "--db", str(desk), "--verdict", "mixed")[0] == 0
    store = Store.open(desk)
    try:
        assert {(g.claim_id, g.reviewer) for g in store.grades_for_article(1)} == {
            (1, "bob"),
            (2, "tester"),  # ANNOTATOR_REVIEWER from the test environment
        }
    finally:
        store.close()
    # the default database (ANNOTATOR_DB) was never touched
    assert json.loads(run("articles", "--json")[1]) == []


def test_an_option_after_the_command_wins_over_the_one_before(tmp_path: Path) -> None:
    desk = tmp_path / "desk.db"
    run("--db", str(tmp_path / "other.db"), "import", str(SAMPLE_ARTICLE), "--db", str(desk))
    assert desk.exists() and not (tmp_path / "other.db").exists()
    code, _out, _ = run("cite", "list", "--db", str(desk), "--json")
    assert code == 0


def test_queue_lists_what_needs_a_person_again() -> None:
    assert run("import", str(SAMPLE_ARTICLE))[0] == 0
    code, out, _ = run("queue")
    assert code == 0 and out.strip() == "Nothing needs a person again."
    run("grade", "1", "--verdict", "supported", "--reviewer", "ana")
    run("grade", "1", "--verdict", "contradicted", "--reviewer", "ben")
    code, out, _ = run("queue", "1", "--json", "--reviewer", "ana")
    assert code == 0
    assert json.loads(out) == [
        {
            "id": 1,
            "claim_id": 1,
            "article_id": 1,
            "label": json.loads(run("claims", "1", "--json")[1])[0]["label"],
            "reasons": ["disputed", "no-evidence"],
        }
    ]
    # a blind reviewer who has not graded claim 1 is not told that others disagree
    code, out, _ = run("queue", "--reviewer", "cat")
    assert out.strip() == "Nothing needs a person again."


def test_queue_of_an_unknown_article_is_one_error_line() -> None:
    code, out, err = run("queue", "42")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "42" in err


def test_config_set_writes_one_typed_key_and_keeps_the_others() -> None:
    path = Path(os.environ["ANNOTATOR_CONFIG"])
    assert run("config", "set", "organization", 'Desk "&" Co')[0] == 0
    assert run("config", "set", "blind", "false")[0] == 0
    assert run("config", "set", "threshold", "0.4")[0] == 0
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data == {"organization": 'Desk "&" Co', "blind": False, "threshold": 0.4}
    shown = json.loads(run("config", "--json")[1])
    assert shown["blind"] is False and shown["threshold"] == 0.4
    assert run("config", "set", "threshold", "")[0] == 0
    assert "threshold" not in tomllib.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("blind", "maybe", "true or false"),
        ("threshold", "nan", "finite number"),
        ("threshold", "lots", "a number"),
        ("colour", "red", "unknown config key 'colour'"),
    ],
)
def test_config_set_refuses_a_bad_value_and_leaves_the_file(
    key: str, value: str, says: str
) -> None:
    path = Path(os.environ["ANNOTATOR_CONFIG"])
    run("config", "set", "organization", "Desk")
    before = path.read_bytes()
    code, out, err = run("config", "set", key, value)
    assert code == 1 and out == ""
    assert err.startswith("Error: ") and says in err and err.count("\n") == 1
    assert path.read_bytes() == before


def test_require_source_refuses_a_verdict_until_a_source_is_linked() -> None:
    assert run("import", str(SAMPLE_ARTICLE))[0] == 0
    assert run("config", "set", "require_source", "true")[0] == 0
    code, out, err = run("grade", "1", "--verdict", "supported")
    assert code == 1 and out == "" and "require_source" in err and err.count("\n") == 1
    assert run("grade", "1", "--verdict", "not-checkable")[0] == 0
    assert run("cite", "add", "--doi", "10.1038/s41591-021-01336-3")[0] == 0
    assert run("link", "1", "1", "--stance", "supports")[0] == 0
    assert run("grade", "1", "--verdict", "supported")[0] == 0


@pytest.mark.parametrize(
    ("option", "env", "config_reviewer", "recorded"),
    [
        (None, None, "", "lee"),  # nothing given: the login name (DESIGN.md)
        (None, "", "", "lee"),  # an empty variable is not a name
        (None, "env-ann", "", "env-ann"),
        ("opt-ann", "env-ann", "", "opt-ann"),
        # The name the review screen remembers (the desk config's reviewer) comes before
        # the login name: the first run asks once instead of recording the login name.
        (None, None, "cfg-ann", "cfg-ann"),
        (None, "env-ann", "cfg-ann", "env-ann"),
    ],
)
def test_who_a_command_records(
    monkeypatch: pytest.MonkeyPatch,
    option: str | None,
    env: str | None,
    config_reviewer: str,
    recorded: str,
) -> None:
    """--reviewer, else ANNOTATOR_REVIEWER, else (the remembered name, else) the login name."""
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "lee")
    if env is None:
        monkeypatch.delenv("ANNOTATOR_REVIEWER")
    else:
        monkeypatch.setenv("ANNOTATOR_REVIEWER", env)
    if config_reviewer:
        assert run("config", "set", "reviewer", config_reviewer)[0] == 0
    given = ["--reviewer", option] if option else []
    code, _out, err = run(*given, "import", "-", input="Rents rose 40% in 2020.\n")
    assert code == 0, err
    store = Store.open(Path(os.environ["ANNOTATOR_DB"]))
    assert {e.reviewer for e in store.events()} == {recorded}
    store.close()


@pytest.mark.parametrize(
    ("option", "env", "says"),
    [
        ("", None, "--reviewer name is empty"),
        ("evil\x1b[31mred", None, "--reviewer name 'evil\\x1b[31mred' holds control characters"),
        (None, "ann,bob", "ANNOTATOR_REVIEWER name 'ann,bob' holds a comma"),
        (None, "-x", "ANNOTATOR_REVIEWER name '-x' starts with '-'"),
    ],
)
def test_a_name_no_one_could_type_back_is_refused_before_anything_is_written(
    monkeypatch: pytest.MonkeyPatch, option: str | None, env: str | None, says: str
) -> None:
    """Every change is recorded under the working name: one that is empty, holds control
    characters or a comma is one Error: line naming where it came from, and nothing is
    written under it."""
    if env is not None:
        monkeypatch.setenv("ANNOTATOR_REVIEWER", env)
    given = ["--reviewer", option] if option is not None else []
    code, out, err = run(*given, "import", "-", input="Rents rose 40% in 2020.\n")
    assert code == 1 and out == ""
    assert err.startswith(f"Error: {says}") and len(err.strip().splitlines()) == 1
    db = Path(os.environ["ANNOTATOR_DB"])
    if db.exists():
        store = Store.open(db)
        assert store.list_articles() == [] and list(store.events()) == []
        store.close()


def test_an_empty_environment_name_counts_as_not_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANNOTATOR_REVIEWER", "")
    code, _out, err = run("--reviewer", " sam ", "import", "-", input="Rents rose 40% in 2020.\n")
    assert code == 0, err
    store = Store.open(Path(os.environ["ANNOTATOR_DB"]))
    assert {e.reviewer for e in store.events()} == {"sam"}  # trimmed, as typed back
    store.close()


def test_claims_gives_a_disputed_claim_no_reviewers_verdict() -> None:
    # As the review screen's list does (app.claim_flags.verdicts_shown): the latest
    # reviewer's verdict, listed as the claim's, would read as the desk's.
    assert run("config", "set", "editors", "ed")[0] == 0
    assert run("import", str(SAMPLE_ARTICLE))[0] == 0
    run("grade", "1", "--verdict", "supported", "--reviewer", "ana")
    run("grade", "1", "--verdict", "contradicted", "--reviewer", "ben")
    editor = {c["id"]: c for c in json.loads(run("claims", "1", "--json", "--reviewer", "ed")[1])}
    assert editor[1]["verdict"] == "" and "disputed" in editor[1]["flags"]
    code, out, _ = run("claims", "1", "--reviewer", "ed")
    first = next(line for line in out.splitlines() if line.split()[:1] == ["1"])
    assert "contradicted" not in first and "supported" not in first and "disputed" in first
    # a reviewer who graded it still sees their own verdict beside the flag
    ana = {c["id"]: c for c in json.loads(run("claims", "1", "--json", "--reviewer", "ana")[1])}
    assert ana[1]["verdict"] == "supported"
    # a final verdict settles it for everyone
    settle = ("grade", "1", "--verdict", "mixed", "--final", "--note", "both half right")
    assert run(*settle, "--reviewer", "ed")[0] == 0
    editor = {c["id"]: c for c in json.loads(run("claims", "1", "--json", "--reviewer", "ed")[1])}
    assert editor[1]["verdict"] == "mixed"
