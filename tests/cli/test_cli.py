"""The command line through click's runner: output, exit codes and database state."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.store import APPLICATION_ID
from annotator.store.migrations import SCHEMA_VERSION
from tests.conftest import SAMPLE_ARTICLE, db_dump


def run(*args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db() -> Path:
    return Path(os.environ["ANNOTATOR_DB"])


@pytest.fixture
def imported(db: Path) -> int:
    code, out, _ = run("import", str(SAMPLE_ARTICLE))
    assert code == 0, out
    return int(out.split()[1].rstrip(":"))


def test_whole_workflow_end_to_end(imported: int, db: Path) -> None:
    code, out, _ = run("claims", str(imported), "--json")
    claims = json.loads(out)
    assert code == 0 and claims
    for c in claims:
        assert {
            "id",
            "article_id",
            "start",
            "end",
            "text",
            "label",
            "score",
            "reasons",
            "status",
        } <= set(c)
    claim = next(c for c in claims if "56%" in c["text"])
    code, out, _ = run("cite", "add", "--doi", "https://doi.org/10.1038/S41591-021-01336-3")
    assert (code, out.strip()) == (0, "citation 1: added")
    code, out, _ = run("cite", "add", "--doi", "10.1038/s41591-021-01336-3")
    assert out.strip() == "citation 1: already in the library"
    code, out, _ = run(
        "link",
        str(claim["id"]),
        "1",
        "--stance",
        "supports",
        "--quote",
        "symptom scores",
        "--locator",
        "Table 2",
    )
    assert code == 0 and "supports" in out
    code, out, _ = run(
        "grade",
        str(claim["id"]),
        "--verdict",
        "mostly-supported",
        "--certainty",
        "moderate",
        "--reason",
        "overstated",
    )
    assert code == 0 and "mostly-supported (moderate)" in out
    code, out, _ = run("export", str(imported), "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    graded = next(r for r in rows if r["claim_id"] == claim["id"])
    assert (
        graded["verdict"] == "mostly-supported"
        and graded["reviewers"] == "tester: mostly-supported"
    )
    assert "10.1038/s41591-021-01336-3" in graded["sources_for"]
    code, out, _ = run("stats", "--json")
    assert json.loads(out)["graded"] == 1
    code, out, _ = run("history", str(claim["id"]), "--json")
    assert [e["action"] for e in json.loads(out)] == ["propose", "link", "grade"]
    assert all(e["reviewer"] == "tester" for e in json.loads(out))


def test_history_text_reads_as_sentences(imported: int) -> None:
    claim_id = json.loads(run("claims", str(imported), "--json")[1])[0]["id"]
    run("--reviewer", "alice", "grade", str(claim_id), "--verdict", "mixed")
    run("--reviewer", "alice", "grade", str(claim_id), "--verdict", "unsupported",
        "--certainty", "low", "--reason", "overstated")  # fmt: skip
    code, out, _ = run("--reviewer", "alice", "history", str(claim_id))
    lines = out.splitlines()
    assert code == 0 and len(lines) == 3
    assert lines[1].endswith("  alice graded mixed")
    assert lines[2].endswith("  alice graded mixed → unsupported (certainty low; overstated)")


def test_reviewer_option_wins_over_the_environment(imported: int) -> None:
    claim_id = json.loads(run("claims", str(imported), "--json")[1])[0]["id"]
    run("--reviewer", "ana", "grade", str(claim_id), "--verdict", "mixed")
    events = json.loads(run("--reviewer", "ana", "history", str(claim_id), "--json")[1])
    assert events[-1]["reviewer"] == "ana"


def test_import_from_stdin_takes_title_from_first_line() -> None:
    code, out, _ = run("import", "-", input="A Headline\n\nThe drug cut deaths by 40% in 2020.\n")
    assert code == 0
    articles = json.loads(run("articles", "--json")[1])
    assert articles[0]["title"] == "A Headline" and articles[0]["claims"] == 1


def test_importing_the_same_text_twice_keeps_one_article(imported: int) -> None:
    code, out, _ = run("import", str(SAMPLE_ARTICLE))
    assert code == 0 and "already imported" in out
    assert len(json.loads(run("articles", "--json")[1])) == 1


def test_segment_prints_json_lines_without_a_database(db: Path) -> None:
    code, out, _ = run("segment", str(SAMPLE_ARTICLE))
    lines = [json.loads(line) for line in out.splitlines()]
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    assert code == 0 and lines
    for line in lines:
        assert text[line["start"] : line["end"]] == line["text"]
        assert {"label", "score", "reasons"} <= set(line)
    assert not db.exists()


def test_export_formats_and_output_file(imported: int, tmp_path: Path) -> None:
    for fmt in ("csv", "json", "md", "jsonl"):
        target = tmp_path / f"out.{fmt}"
        code, _out, err = run("export", "--format", fmt, "-o", str(target))
        assert code == 0, err
        assert target.read_text(encoding="utf-8").strip()
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert all("claim_id" in row for row in data)


def test_version_and_help() -> None:
    code, out, _ = run("--version")
    assert code == 0 and "annotator" in out
    code, out, _ = run("--help")
    for command in (
        "import",
        "segment",
        "articles",
        "claims",
        "cite",
        "link",
        "grade",
        "export",
        "stats",
        "history",
    ):
        assert command in out


# -- bad input: one line, non-zero exit, no traceback, database unchanged -------------


def assert_clean_failure(
    args: list[str], expect: str, db: Path, input: bytes | None = None
) -> None:
    before = db_dump(db)
    code, out, err = run(*args, input=input)
    assert code != 0
    assert "Traceback" not in out + err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("Error: ") and expect in lines[0], lines[0]
    assert db_dump(db) == before


def test_missing_file(db: Path, tmp_path: Path) -> None:
    assert_clean_failure(["import", str(tmp_path / "nope.txt")], "not found", db)


def test_empty_file(db: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    assert_clean_failure(["import", str(tmp_path / "empty.txt")], "is empty", db)


def test_binary_file(db: Path, tmp_path: Path) -> None:
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert_clean_failure(["import", str(tmp_path / "photo.txt")], "binary", db)


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(
        "Überschrift\n\nDas Mittel senkte die Sterblichkeit um 40%.\n".encode("utf-16")
    )
    code, out, err = run("import", str(path))
    assert code == 0 and "UTF-16" in err
    assert json.loads(run("articles", "--json")[1])[0]["title"] == "Überschrift"


def test_cp1252_is_decoded_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes("Caf\u00e9 owners say prices rose by 12% \u2013 a record.\n".encode("cp1252"))
    code, out, err = run("import", str(path))
    assert code == 0 and "cp1252" in err
    claims = json.loads(run("claims", "1", "--json")[1])
    assert "Café" in claims[0]["text"] and "–" in claims[0]["text"]


def test_unknown_claim_and_citation_ids(imported: int, db: Path) -> None:
    assert_clean_failure(["grade", "999", "--verdict", "supported"], "no claim with id 999", db)
    assert_clean_failure(["link", "1", "77", "--stance", "supports"], "no citation with id 77", db)
    assert_clean_failure(["claims", "42"], "no article with id 42", db)


def test_invalid_verdict(imported: int, db: Path) -> None:
    assert_clean_failure(["grade", "1", "--verdict", "true"], "use one of supported", db)


def test_database_path_that_is_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n" * 20)
    before = path.read_bytes()
    code, _out, err = run("--db", str(path), "articles")
    assert code == 1 and err.count("\n") == 1 and "not an annotator database" in err
    assert path.read_bytes() == before


def test_database_of_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY)")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # a newer annotator's mark
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    code, _out, err = run("--db", str(path), "import", str(SAMPLE_ARTICLE))
    assert code == 1 and "newer annotator" in err and "Traceback" not in err
    assert path.read_bytes() == before


def test_bad_doi_is_one_line(db: Path) -> None:
    assert_clean_failure(["cite", "add", "--doi", "not-a-doi"], "is not a DOI", db)


def test_bare_annotator_imports_the_sample_then_opens_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[int | None] = []
    monkeypatch.setenv("ANNOTATOR_FORCE_TUI", "1")
    monkeypatch.setattr(
        "annotator.cli.articles.run_tui", lambda obj, article_id: opened.append(article_id)
    )
    code, _out, err = run()
    assert code == 0, err
    articles = json.loads(run("articles", "--json")[1])
    assert [a["title"] for a in articles] == [
        "Can MDMA Help Heal Trauma? What the New Therapy Promises"
    ]
    assert opened == [None]
    run()  # a second start imports nothing more
    assert len(json.loads(run("articles", "--json")[1])) == 1


def test_the_tui_refuses_a_pipe_before_touching_the_database(db: Path) -> None:
    code, _out, err = run()
    assert code == 1 and "needs a terminal" in err
    assert not db.exists()


def test_one_of_a_thing_is_said_in_the_singular(tmp_path: Path) -> None:
    """'article 1: 1 claims', '1 reviews imported', 'present: 1 articles' read as typos
    in a desk's log; each count agrees with its noun."""
    article = tmp_path / "one.txt"
    article.write_text("The CDC said 45% of adults drink coffee daily in 2020.\n", "utf-8")
    code, out, err = run("import", str(article))
    assert code == 0, err
    assert out.startswith("article 1: 1 claim (imported"), out
    review = tmp_path / "review.json"
    review.write_text(
        json.dumps(
            {
                "@type": "ClaimReview",
                "claimReviewed": "45% of adults drink coffee daily",
                "reviewRating": {"ratingValue": 1, "alternateName": "False"},
                "author": {"name": "Other Desk"},
            }
        ),
        "utf-8",
    )
    code, out, err = run("import-reviews", str(review))
    assert code == 0, err
    assert "\n1 review imported, 0 already known" in out, out
    other = tmp_path / "other.db"
    code, out, err = run("--db", str(other), "import", str(article))
    assert code == 0, err
    code, out, err = run("merge", str(other))
    assert code == 0, err
    assert "present: 1 article, 1 claim, 0 citations" in out, out


@pytest.mark.parametrize("url", ["http://[bad", "http://example.org:99999/a"])
def test_import_with_a_broken_url_is_one_error_line(url: str) -> None:
    code, out, err = run("import", "-", "--url", url, input="The CDC said 45% drink coffee.\n")
    assert code == 1 and err.startswith("Error: ") and err.count("\n") == 1, err
    assert "is not a web address" in err and "Traceback" not in err
