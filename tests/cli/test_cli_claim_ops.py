"""annotator claim add|split|merge: the review screen's claim operations, from the shell."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from tests.conftest import db_dump, name_editors

TEXT = (
    "The drug reduced pain in 45% of patients within two weeks.\n"
    "A survey of 1,200 nurses found that 30% had skipped breaks.\n"
    "The clinic said 9 in 10 patients were happy.\n"
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def article(tmp_path: Path) -> int:
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    code, out, err = run("import", str(path))
    assert code == 0, err
    return int(out.split()[1].rstrip(":"))


def _claims(article: int) -> list[dict[str, object]]:
    return list(json.loads(run("claims", str(article), "--json")[1]))


def test_accept_dismiss_restore_still_work(article: int) -> None:
    claim_id = str(_claims(article)[0]["id"])
    assert run("claim", "accept", claim_id)[1] == f"claim {claim_id}: accepted\n"
    assert run("claim", "dismiss", claim_id)[1] == f"claim {claim_id}: dismissed\n"
    assert run("claim", "restore", claim_id)[1] == f"claim {claim_id}: proposed\n"


def test_split_and_merge_of_a_graded_claim_ask_first(article: int) -> None:
    # An editor, who may be told of ana's grades (blind review keeps them from reviewers).
    name_editors("tester")
    db = Path(os.environ["ANNOTATOR_DB"])
    first, second = (str(c["id"]) for c in _claims(article)[:2])
    run("--reviewer", "ana", "grade", first, "--verdict", "supported")
    run("--reviewer", "ana", "grade", second, "--verdict", "contradicted")
    before = db_dump(db)
    code, _out, err = run("claim", "merge", first)
    assert code == 1 and db_dump(db) == before
    assert err.startswith(f"Error: Merge claim {first} with claim {second}?")
    assert "ana's two grades disagree" in err and "--yes" in err and len(err.splitlines()) == 1
    code, out, _ = run("--reviewer", "ana", "claim", "merge", first, "--yes")
    assert code == 0 and "grades in conflict, to settle by grading again: ana" in out
    merged = next(c for c in _claims(article) if str(c["id"]) == first)
    assert merged["flags"] == ["conflict", "stale"]
    code, _out, err = run("claim", "split", first, "--before", "A survey")
    assert code == 1 and "Split claim" in err
    code, out, _ = run("claim", "split", first, "--before", "A survey", "--yes")
    assert code == 0 and out.splitlines()[1].endswith("(new)")
    assert len(_claims(article)) == 3


def test_add_by_words_and_bad_words(article: int) -> None:
    claim_id = str(_claims(article)[0]["id"])
    run("claim", "dismiss", claim_id)
    code, out, _ = run("claim", "add", str(article), "--text", "reduced pain in 45% of patients")
    assert code == 0 and out.startswith("claim ") and "added" in out
    code, _, err = run("claim", "add", str(article), "--text", "not in the text")
    assert (
        code == 1
        and err == "Error: 'not in the text' is not in article 1: copy the words exactly\n"
    )
    code, _, err = run("claim", "add", str(article), "--text", "patients")
    assert code == 1 and "appears 2 times" in err
    code, _, err = run("claim", "merge", "999")
    assert code == 1 and err.startswith("Error: no claim with id 999")


@pytest.mark.parametrize(
    ("start", "end", "expect"),
    [
        ("100", "99999", "past the end of article 1, whose text is 164 characters long"),
        ("100", "165", "past the end of article 1, whose text is 164 characters long"),
        ("50", "40", "starts after it ends"),
        ("40", "40", "is empty"),
        ("-1", "40", "--start -1 is negative"),
        ("0", "-5", "--end -5 is negative"),
        ("x", "40", "--start 'x' is not an offset"),
    ],
)
def test_a_span_off_the_text_is_refused_not_cut(
    article: int, start: str, end: str, expect: str
) -> None:
    for claim in _claims(article):  # no live claim in the way: only the span is wrong
        run("claim", "dismiss", str(claim["id"]))
    before = db_dump(Path(os.environ["ANNOTATOR_DB"]))
    code, out, err = run("claim", "add", str(article), "--start", start, "--end", end)
    assert code == 1 and not out
    assert err.startswith("Error: ") and expect in err and err.count("\n") == 1, err
    assert db_dump(Path(os.environ["ANNOTATOR_DB"])) == before


def test_a_span_to_the_very_end_is_added(article: int) -> None:
    for claim in _claims(article):
        run("claim", "dismiss", str(claim["id"]))
    code, out, err = run("claim", "add", str(article), "--start", "119", "--end", str(len(TEXT)))
    assert code == 0, err
    assert "(119-163)" in out  # the final line end trimmed, as for any span
