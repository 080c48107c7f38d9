"""Golden files: every export format of the awkward fixture, compared byte for byte.

After a deliberate change to a format, regenerate them with
``ANNOTATOR_UPDATE_GOLDEN=1 pytest tests/unit/export/test_export_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotator.export import EXPORT_FORMATS, render
from annotator.export.table import collect
from annotator.store import Store
from tests import export_fixture

GOLDEN = Path(__file__).resolve().parents[2] / "golden"
UPDATE = os.environ.get("ANNOTATOR_UPDATE_GOLDEN") == "1"


def golden_name(fmt: str) -> str:
    """claims.EXT for the table formats, claims.table.md, report.html, FORMAT.EXT for the
    others."""
    extension = EXPORT_FORMATS[fmt].extension
    if fmt in ("csv", "xlsx", "json", "jsonl", "md"):
        return f"claims.{extension}"
    if fmt == "md-table":
        return "claims.table.md"
    return "report.html" if fmt == "html" else f"{fmt}.{extension}"


def rendered(store: Store, fmt: str) -> bytes:
    export = collect(store, desk=export_fixture.DESK, full=EXPORT_FORMATS[fmt].full)
    result = render(fmt, export)
    return result if isinstance(result, bytes) else result.encode("utf-8")


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_export_matches_its_golden_file(built: Store, fmt: str) -> None:
    path = GOLDEN / golden_name(fmt)
    actual = rendered(built, fmt)
    if UPDATE:
        path.write_bytes(actual)
    assert path.exists(), f"no golden file {path.name}: run with ANNOTATOR_UPDATE_GOLDEN=1"
    assert actual == path.read_bytes(), f"{path.name} differs: review, then update"


def test_every_format_has_exactly_one_golden_file() -> None:
    if UPDATE:
        pytest.skip("golden files are being rewritten")
    names = sorted(p.name for p in GOLDEN.iterdir())
    assert names == sorted(golden_name(f) for f in EXPORT_FORMATS)
