"""HTML articles: the body's text is kept with its blocks, the page chrome is dropped."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner

from annotator.cli import cli
from annotator.store import Store
from annotator.text.articles import load_text
from annotator.text.html import extract_html_text

PAGE = Path(__file__).resolve().parents[2] / "data" / "article.html"

EXPECTED = """\
# Can MDMA Help Heal Trauma?

Mar 3, 2024

Researchers say MDMA floods the brain with serotonin and prompts the release of oxytocin. \
Functional MRI scans show that MDMA lowers activity in the amygdala.

Photo credit: Lena Park / Stocksy

## The numbers

In one trial, symptom scores fell by 56% at 12 months.
About two in three participants recovered.

- Dr. Smith led the trial.
- It enrolled 90 veterans.

| Group | Change
| MDMA | -56%"""


def test_article_body_is_kept_and_chrome_dropped() -> None:
    assert extract_html_text(PAGE.read_text(encoding="utf-8")) == EXPECTED


def test_load_text_keeps_the_original_beside_the_text() -> None:
    loaded = load_text(PAGE.read_bytes(), "page.html")
    assert loaded.format == "html"
    assert loaded.text == EXPECTED
    assert loaded.original.startswith("<!DOCTYPE html>")


def test_without_article_element_main_or_body_is_used() -> None:
    html = (
        "<html><body><nav>Home | About</nav><div class='content'><h2>Title</h2>"
        "<p>First paragraph.</p><p>Second &amp; last.</p></div>"
        "<div class='comments'>Great post!</div></body></html>"
    )
    assert extract_html_text(html) == "## Title\n\nFirst paragraph.\n\nSecond & last."


def test_deeply_nested_markup_does_not_crash() -> None:
    html = "<div>" * 5000 + "<p>Deep text.</p>" + "</div>" * 5000
    assert extract_html_text(html) == "Deep text."


def test_markup_in_text_stays_text() -> None:
    html = "<p>Use [bold]this[/bold] and &lt;b&gt; literally.</p>"
    assert extract_html_text(html) == "Use [bold]this[/bold] and <b> literally."


def test_import_stores_extracted_text_and_original(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(PAGE.read_bytes())
    result = CliRunner().invoke(cli, ["import", str(page)])
    assert result.exit_code == 0, result.output
    store = Store.open(Path(os.environ["ANNOTATOR_DB"]))
    try:
        (article,) = store.list_articles()
        assert article.text == EXPECTED
        assert article.format == "html"
        assert article.original == PAGE.read_text(encoding="utf-8")
        assert article.title == "Can MDMA Help Heal Trauma?"
        claims = store.claims(article.id)
        assert claims and all(article.text[c.start : c.end] == c.text for c in claims)
        assert not any("Photo credit" in c.text or c.text.startswith("#") for c in claims)
    finally:
        store.close()


def test_segment_reads_html() -> None:
    result = CliRunner().invoke(cli, ["segment", str(PAGE)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    labels = [r["label"] for r in rows]
    assert "MDMA floods the brain with serotonin" in labels
    for row in rows:
        assert EXPECTED[row["start"] : row["end"]] == row["text"]
        assert row["sentence_start"] <= row["start"] < row["end"] <= row["sentence_end"]
