"""export, stats and config through the command line."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import openpyxl
import pytest

from annotator.store import Store
from tests import export_fixture
from tests.cli.test_cli import run


@pytest.fixture
def filled() -> Path:
    path = Path(os.environ["ANNOTATOR_DB"])
    store = Store.open(path)
    export_fixture.build(store)
    store.close()
    return path


def write_desk_config() -> None:
    Path(os.environ["ANNOTATOR_CONFIG"]).write_text(
        'organization = "Desk & Co"\norganization_url = "https://desk.example/"\n',
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
    code, out, _ = run("config")
    assert code == 0
    assert os.environ["ANNOTATOR_CONFIG"] in out and "not created yet" in out
    assert os.environ["ANNOTATOR_DB"] in out
    write_desk_config()
    code, out, _ = run("config", "--json")
    data = json.loads(out)
    assert data["organization"] == "Desk & Co" and data["config_exists"] is True
    assert data["db_path"] == os.environ["ANNOTATOR_DB"]
