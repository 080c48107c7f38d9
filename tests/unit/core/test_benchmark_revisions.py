"""benchmarks/import_writes.py --before REV: an earlier revision is measured, or one line
names it and says why it cannot be."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "benchmarks" / "import_writes.py"
# The revision that added the benchmark, and the one before the event log's head table.
FIRST = "e12e533"
NO_LOG_HEAD = "8d2975e~1"


def _has(rev: str) -> bool:
    found = subprocess.run(
        ["git", "-C", str(ROOT), "cat-file", "-e", f"{rev}^{{commit}}"], capture_output=True
    )
    return found.returncode == 0


def _before(rev: str) -> subprocess.CompletedProcess[str]:
    if not _has(rev):
        pytest.skip(f"{rev} is not in this checkout's history")
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--before", rev, "--runs", "1", "--articles", "2",
         "--only", "desk"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )  # fmt: skip


def test_the_benchmarks_own_first_revision_is_measured() -> None:
    # Its child imported this checkout's scale.py, which imports today's annotator: an
    # earlier one failed there with a traceback.
    run = _before(FIRST)
    assert run.returncode == 0, run.stderr
    assert f"before ({FIRST})" in run.stdout and "this checkout" in run.stdout


def test_a_revision_without_the_tables_is_named_in_one_line() -> None:
    run = _before(NO_LOG_HEAD)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        f"import_writes: --before {NO_LOG_HEAD} cannot be measured: its database has no"
        " log_head, article_counts, claim_verdicts, claims_counts_insert, which the import"
        " of today writes and the baselines compare"
    ]


def test_an_unknown_revision_is_named_in_one_line() -> None:
    if not _has("HEAD"):
        pytest.skip("not a git checkout")
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--before", "no-such-rev", "--runs", "1",
         "--articles", "1", "--only", "desk"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )  # fmt: skip
    assert run.returncode == 1
    [line] = run.stderr.splitlines()
    assert line.startswith("import_writes: --before no-such-rev: git has no annotator package")


def test_log_bytes_builds_its_default_revision() -> None:
    # Its desk script imported annotator.app.library, which its own default revision
    # (the last before the lean log) did not have yet: the default run ended in a traceback.
    script = ROOT / "benchmarks" / "log_bytes.py"
    if not _has("6fcad9a"):
        pytest.skip("6fcad9a is not in this checkout's history")
    run = subprocess.run(
        [sys.executable, str(script), "--articles", "1"], capture_output=True, text=True, cwd=ROOT
    )
    assert run.returncode == 0, run.stderr
    assert "event log bytes/claim" in run.stdout and "before (6fcad9a)" in run.stdout
