"""export, stats and config through the command line."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import click.testing
import openpyxl
import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.store import Store
from tests import export_fixture
from tests.cli.test_cli import run
from tests.conftest import name_editors


@pytest.fixture(autouse=True)
def editor() -> None:
    """These commands run as the desk's editor, who sees every grade (what a blind
    reviewer sees is tested in tests/cli/test_cli_blind.py)."""
    name_editors("tester")


@pytest.fixture(scope="session")
def filled_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The export fixture in a database file (closed: no log beside it), built once."""
    path = tmp_path_factory.mktemp("filled") / "desk.db"
    store = Store.open(path)
    export_fixture.build(store)
    store.close()
    return path


@pytest.fixture
def filled(filled_template: Path) -> Path:
    """A copy of ``filled_template`` as the database in use."""
    path = Path(os.environ["ANNOTATOR_DB"])
    shutil.copyfile(filled_template, path)
    return path


def write_desk_config() -> None:
    Path(os.environ["ANNOTATOR_CONFIG"]).write_text(
        'editors = ["tester"]\norganization = "Desk & Co"\norganization_url = "https://desk.example/"\n'
        'claim_url = "https://desk.example/checks/{article}#claim-{claim}"\n',
        encoding="utf-8",
    )


@pytest.mark.parametrize("fmt", ["html", "claimreview", "fever", "webannotation", "xlsx"])
def test_every_new_format_writes_a_file(filled: Path, tmp_path: Path, fmt: str) -> None:
    write_desk_config()
    target = tmp_path / f"out.{fmt}"
    code, _out, err = run("export", "1", "--format", fmt, "-o", str(target))
    assert code == 0, err
    data = target.read_bytes()
    assert data
    if fmt == "xlsx":
        assert openpyxl.load_workbook(io.BytesIO(data))["claims"].max_row == 8
    elif fmt in ("claimreview", "webannotation"):
        json.loads(data)
    assert not list(tmp_path.glob(".*.tmp"))


def test_claimreview_without_a_desk_is_one_clear_error(filled: Path) -> None:
    code, out, err = run("export", "--format", "claimreview")
    assert code == 1 and not out
    assert err.startswith("Error: ClaimReview needs") and "Traceback" not in err


def test_export_filters_by_verdict(filled: Path) -> None:
    code, out, _ = run("export", "--format", "jsonl", "--verdict", "contradicted")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["claim_id"] for r in rows] == [2]
    code, _out, err = run("export", "--format", "csv", "--verdict", "bogus")
    assert code == 1 and "unknown verdict 'bogus'" in err


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_streamed_export_writes_the_whole_table_or_nothing(
    filled: Path, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / "out" / f"claims.{fmt}"
    target.parent.mkdir()
    code, _out, err = run("export", "--format", fmt, "-o", str(target))
    assert code == 0 and err.strip() == f"7 claims written to {target}"
    code, out, _err = run("export", "--format", fmt)
    assert target.read_text(encoding="utf-8") == out
    target.unlink()
    code, out, err = run("export", "--format", fmt, "--verdict", "bogus", "-o", str(target))
    assert code == 1 and "unknown verdict" in err and "Traceback" not in err
    assert list(target.parent.iterdir()) == []


def test_stats_json_and_piped_chart(filled: Path) -> None:
    code, out, _ = run("stats", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["claims"] == 6 and data["graded"] == 5 and data["dismissed"] == 1
    assert data["per_article"][0]["id"] == 1
    code, out, _ = run("stats")
    assert code == 0
    assert "Mostly supported" in out and "Not graded" in out and "█" in out


def test_config_shows_the_desk_and_its_paths() -> None:
    Path(os.environ["ANNOTATOR_CONFIG"]).unlink()  # as on a new desk: no file yet
    code, out, _ = run("config")
    assert code == 0
    assert os.environ["ANNOTATOR_CONFIG"] in out and "not created yet" in out
    assert os.environ["ANNOTATOR_DB"] in out
    write_desk_config()
    code, out, _ = run("config", "--json")
    data = json.loads(out)
    assert data["organization"] == "Desk & Co" and data["config_exists"] is True
    assert data["db_path"] == os.environ["ANNOTATOR_DB"]


def test_export_counts_honestly_and_says_what_it_left_out(filled: Path, tmp_path: Path) -> None:
    write_desk_config()
    target = tmp_path / "claims.csv"
    code, _out, err = run("export", "--format", "csv", "-o", str(target))
    assert code == 0
    assert err.strip() == f"7 claims written to {target}"
    code, _out, err = run("export", "--format", "html", "-o", str(tmp_path / "r.html"))
    assert "6 of 7 claims written" in err and "(1 dismissed left out)" in err
    code, out, err = run("export", "--format", "claimreview")
    assert code == 0 and len(json.loads(out)) == 4
    assert err.strip() == "4 of 7 claims written (1 dismissed, 1 ungraded, 1 stale left out)"


def test_disputed_and_stale_are_left_out_unless_asked_for(filled: Path) -> None:
    write_desk_config()
    store = Store.open(filled)
    store.grade_claim(3, "contradicted", reviewer="ben")  # claim 5 is stale in the fixture
    store.close()
    code, out, err = run("export", "--format", "fever")
    assert code == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == [1, 2, 6]
    assert err.strip() == (
        "3 of 7 claims written (1 dismissed, 1 ungraded, 1 disputed, 1 stale left out)"
    )
    code, out, err = run("export", "--format", "fever", "--include-stale", "--include-disputed")
    assert [json.loads(line)["id"] for line in out.splitlines()] == [1, 2, 3, 5, 6]
    assert err.strip() == "5 of 7 claims written (1 dismissed, 1 ungraded left out)"
    code, out, _ = run("export", "--format", "html")
    assert 'class="badge disputed"' in out and 'class="badge stale"' in out


def test_claimreview_html_writes_the_ready_script_block(filled: Path) -> None:
    write_desk_config()
    code, out, _ = run("export", "--format", "claimreview-html")
    assert code == 0
    assert out.startswith('<script type="application/ld+json">\n[')
    assert out.endswith("]\n</script>\n") and out.count("</script>") == 1


def test_markdown_is_a_document_and_md_table_the_full_table(filled: Path) -> None:
    code, doc, _ = run("export", "--format", "md")
    assert code == 0
    assert doc.startswith("# MDMA") and "**Verdict:** Mostly supported (final verdict)" in doc
    assert "**Rationale:**" in doc and "**Sources:**" in doc and "| claim_id |" not in doc
    code, table, _ = run("export", "--format", "md-table")
    assert code == 0
    assert "| article_id | article_title | article_source | claim_id |" in table
    assert table.count("\n| 1 |") == 7  # every claim, the dismissed one too


def test_no_export_carries_the_importing_machines_path(tmp_path: Path) -> None:
    article = tmp_path / "private" / "drafts" / "story.txt"
    article.parent.mkdir(parents=True)
    article.write_text("The drug cut deaths by 40% in 2020, a trial found.\n", encoding="utf-8")
    code, out, _ = run("import", str(article))
    assert code == 0
    claim = json.loads(run("claims", "1", "--json")[1])[0]["id"]
    run("grade", str(claim), "--verdict", "supported", "--note", "Trial data.")
    for fmt in ("csv", "json", "jsonl", "md", "md-table", "html", "fever", "webannotation"):
        code, out, err = run("export", "--format", fmt)
        assert code == 0, err
        assert str(tmp_path) not in out and "private" not in out, fmt
    rows = json.loads(run("export", "--format", "json")[1])
    assert rows[0]["article_source"] == "story.txt"


@pytest.mark.parametrize(
    "command", [("export", "1", "--format", "csv"), ("cite", "export", "--format", "bibtex")]
)
def test_an_export_is_never_written_over_the_database_in_use(
    filled: Path, command: tuple[str, ...]
) -> None:
    """``-o desk.db`` replaced the desk with a CSV and every command after said the file
    was not an annotator database."""
    before = filled.stat().st_size
    code, out, err = run(*command, "-o", str(filled))
    assert code == 1 and out == ""
    assert err.startswith("Error: ") and err.count("\n") == 1
    assert "is the database annotator is working in" in err and "Traceback" not in err
    assert filled.stat().st_size == before
    code, out, _err = run("articles", "--json")
    assert code == 0 and json.loads(out)


@pytest.mark.parametrize("fmt", ["csv", "md", "html", "jsonl"])
def test_dash_as_the_output_file_means_standard_output(
    filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("export", "1", "--format", fmt, "-o", "-")
    assert code == 0, err
    assert out == run("export", "1", "--format", fmt)[1] and out
    assert not (tmp_path / "-").exists()


def test_dash_for_a_binary_format_is_refused_on_a_terminal(
    filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    # CliRunner's standard output, seen as a terminal
    monkeypatch.setattr(click.testing._NamedTextIOWrapper, "isatty", lambda self: True)
    code, out, err = run("export", "1", "--format", "xlsx", "-o", "-")
    assert code != 0 and not out
    assert err.startswith("Error: xlsx is a binary format") and len(err.splitlines()) == 1
    assert not (tmp_path / "-").exists()


def test_dash_for_a_binary_format_into_a_pipe_is_the_workbook(
    filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["export", "1", "--format", "xlsx", "-o", "-"])
    assert result.exit_code == 0, result.stderr
    assert openpyxl.load_workbook(io.BytesIO(result.stdout_bytes))["claims"].max_row == 8
    assert not (tmp_path / "-").exists()


def test_cite_export_dash_means_standard_output(
    filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("cite", "export", "--format", "csl-json", "-o", "-")
    assert code == 0, err
    assert json.loads(out) == json.loads(run("cite", "export", "--format", "csl-json")[1])
    assert not (tmp_path / "-").exists()
