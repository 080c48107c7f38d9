"""Control characters in stored text: the documents for people (the HTML report, the
Markdown document and table) show them as the terminal faces do, one visible symbol
each (``text.terminal.visible``), never raw. The data formats keep the exact text."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.app.claim_ops import add_claim
from annotator.app.library import add_citation
from annotator.app.linking import link_evidence
from annotator.export import render
from annotator.export.table import collect
from annotator.model import Citation, CitationKind
from annotator.store import Store
from annotator.text.terminal import visible
from tests.unit.export.test_export_report import CHROMIUM_FLAGS, chromium, parse

ESC_TITLE = "\x1b]0;owned\x07Report"
ESC_TEXT = (
    "Intro line.\nThe drug \x1b[2Jcut pain by 45%\x1b[0m in trials.\nBell\x07 and \x9b31m end.\n"
)
DOCUMENTS = ("html", "md", "md-table")
# C0 but newline and tab, DEL and C1: what a document must not carry raw.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _desk(text: str = ESC_TEXT, title: str = ESC_TITLE) -> Store:
    store = Store.memory()
    article = store.import_article(
        text, title=title, reviewer="ana", proposals=[], author="Jo\x1b[5m", source="a\x1bb"
    )
    start = text.index("The drug")
    claim = add_claim(
        store, article.id, start, text.index(" in trials"), reviewer="ana", label="cut\x1b pain"
    )
    source, _ = add_citation(
        store,
        Citation(kind=CitationKind.OTHER, title="Trial\x1b[31m red", container="J\x08"),
        reviewer="ana",
    )
    link_evidence(
        store,
        claim.id,
        source.id,
        "supports",
        reviewer="ana",
        quote="pain \x1b fell",
        locator="p\x1b1",
        note="n\x1bote",
    )
    store.set_claim_note(claim.id, "ask\x1b[H", reviewer="ana")
    store.grade_claim(claim.id, "mixed", reviewer="ana", note="why\x1b[K", certainty="low")
    return store


@pytest.mark.parametrize("fmt", DOCUMENTS)
def test_a_document_shows_each_control_character_as_its_symbol(fmt: str) -> None:
    store = _desk()
    try:
        document = str(render(fmt, collect(store, full=True)))
    finally:
        store.close()
    assert not RAW_CONTROL.search(document), RAW_CONTROL.findall(document)
    assert "␛[2Jcut pain by 45%␛[0m" in document.replace("\\", "")
    assert "Trial␛[31m red" in document.replace("\\", "")
    if fmt != "md-table":  # the table holds no sources
        assert "pain ␛ fell" in document
    if fmt == "html":
        assert "␛]0;owned␇Report" in document and "Bell␇ and ␦31m end." in document


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json"])
def test_the_data_formats_keep_the_exact_text(fmt: str) -> None:
    store = _desk()
    try:
        data = render(fmt, collect(store, full=True))
    finally:
        store.close()
    assert isinstance(data, str)
    if fmt == "csv":
        assert "\x1b[2Jcut pain by 45%\x1b[0m" in data
    else:
        rows = [json.loads(line) for line in data.splitlines()] if fmt == "jsonl" else None
        rows = rows or json.loads(data)
        assert rows[0]["text"] == "The drug \x1b[2Jcut pain by 45%\x1b[0m"


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0xA0), min_size=1))
def test_no_control_character_reaches_a_document_raw(noise: str) -> None:
    text = f"The drug {noise} cut pain in trials.\n"
    store = _desk(text=text, title=noise or "t")
    try:
        for fmt in DOCUMENTS:
            document = str(render(fmt, collect(store, full=True)))
            assert not RAW_CONTROL.search(document), (fmt, RAW_CONTROL.findall(document))
    finally:
        store.close()


@pytest.mark.browser
def test_chromium_shows_the_symbols_where_the_controls_were(tmp_path: Path) -> None:
    browser = chromium()
    store = _desk()
    try:
        page = tmp_path / "report.html"
        page.write_text(str(render("html", collect(store, full=True))), encoding="utf-8")
    finally:
        store.close()
    result = subprocess.run(
        [browser, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'p'}", "--dump-dom",
         page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    dom = parse(result.stdout)
    shown = "".join(dom.find("div", "article-text")[0][2])
    assert visible(ESC_TEXT.strip()) in shown.replace("1The drug", "The drug")
    assert "".join(dom.find("title")[0][2]) == visible(ESC_TITLE)
