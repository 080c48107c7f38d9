"""The export use case both faces call: a file written whole, an honest count."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from annotator.app.exporting import default_file_name, render_export, write_export
from annotator.errors import AnnotatorError
from annotator.store import Store
from tests.tui_fixture import sample_claims, sample_text


def _store() -> tuple[Store, int]:
    store = Store.memory()
    article = store.import_article(
        sample_text(), title="MDMA", reviewer="ann", proposals=sample_claims()
    )
    claims = store.claims(article.id)
    store.grade_claim(claims[0].id, "mixed", reviewer="ann")
    store.dismiss_claim(claims[-1].id, reviewer="ann")
    return store, article.id


def test_a_file_with_the_count_of_what_it_holds(tmp_path: Path) -> None:
    store, article_id = _store()
    total = len(store.claims(article_id))
    message = write_export(render_export(store, "json", article_id), tmp_path / "out.json")
    rows = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert len(rows) == total and message == f"{total} claims written to {tmp_path / 'out.json'}"
    # A document leaves the dismissed claim out and says so.
    message = write_export(render_export(store, "md", article_id), tmp_path / "out.md")
    assert message.startswith(f"{total - 1} of {total} claims written") and "1 dismissed" in message
    # A streamed format counts as it writes.
    message = write_export(render_export(store, "csv", article_id), tmp_path / "out.csv")
    assert message.startswith(f"{total} claims written")
    with (tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as f:
        assert len(list(csv.DictReader(f))) == total


def test_nothing_half_written_and_one_clear_error(tmp_path: Path) -> None:
    store, article_id = _store()
    with pytest.raises(AnnotatorError, match="cannot write"):
        write_export(render_export(store, "csv", article_id), tmp_path / "missing" / "out.csv")
    assert not (tmp_path / "missing").exists()
    with pytest.raises(AnnotatorError):
        render_export(store, "csv", article_id + 99)
    assert list(tmp_path.iterdir()) == []


def test_default_file_names() -> None:
    title = "Can MDMA Help Heal Trauma? What the New Therapy Promises"
    name = default_file_name(title, "csv", 1)
    assert name == "can-mdma-help-heal-trauma-what-the-new.csv"
    assert default_file_name(title, "md-table", 1).endswith("-table.md")
    assert default_file_name(title, "claimreview", 1).endswith(".jsonld")
    assert default_file_name("¿Qué?", "xlsx", 3) == "que.xlsx"
    assert default_file_name("../../etc/passwd", "csv", 3) == "etc-passwd.csv"
    assert default_file_name("!!!", "json", 7) == "article-7.json"
