"""HTML articles: the body's text is kept with its blocks, the page chrome is dropped."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
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


# -- what the page says about itself ----------------------------------------------------

META_PAGE = """<!DOCTYPE html><html><head>
<title>Trial news</title>
<meta property="og:url" content="https://news.example/og">
<link rel="canonical" href="https://news.example/2023/08/mdma-trial">
<meta name="author" content="Jo Writer">
<meta property="article:author" content="https://news.example/staff/jo">
<meta property="article:published_time" content="2023-08-24T09:30:00+00:00">
</head><body><article><p>The drug cut symptoms by 50% in a trial.</p></article></body></html>"""


def test_html_metadata_reads_author_date_and_canonical_address() -> None:
    from annotator.text.html import HtmlMetadata, html_metadata

    assert html_metadata(META_PAGE) == HtmlMetadata(
        author="Jo Writer",
        published="2023-08-24",
        url="https://news.example/2023/08/mdma-trial",
    )


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        # og:url when there is no canonical link; a profile address is not an author.
        (
            '<meta property="og:url" content="https://n.example/a">'
            '<meta property="article:author" content="https://n.example/staff/jo">',
            ("", "", "https://n.example/a"),
        ),
        # A relative or non-web canonical link is no address to publish.
        ('<link rel="canonical" href="/local/page">', ("", "", "")),
        (
            '<meta name="dc.creator" content="  Ana  Lopez ">'
            '<meta name="date" content="Spring 2020">',
            ("Ana Lopez", "Spring 2020", ""),
        ),
        ("", ("", "", "")),
    ],
)
def test_html_metadata_synonyms_and_absences(head: str, expected: tuple[str, str, str]) -> None:
    from annotator.text.html import html_metadata

    meta = html_metadata(f"<html><head>{head}</head><body><p>Text.</p></body></html>")
    assert (meta.author, meta.published, meta.url) == expected


def test_importing_an_html_page_fills_author_date_and_url(tmp_path: Path) -> None:
    from annotator.app.importing import import_file, import_text
    from annotator.store import Store
    from annotator.text.articles import load_text

    page = tmp_path / "saved.html"
    page.write_text(META_PAGE, encoding="utf-8")
    store = Store.memory()
    try:
        result = import_file(store, page, reviewer="ana")
        article = store.get_article(result.article_id)
        assert article.author == "Jo Writer" and article.published == "2023-08-24"
        assert article.source == "https://news.example/2023/08/mdma-trial"
        # What the user gives wins over the page's own tags.
        other = META_PAGE.replace("50%", "60%")
        given = import_text(
            store,
            load_text(other.encode(), "other.html"),
            source="https://given.example/x",
            reviewer="ana",
            author="Someone Else",
            published="2023-09-01",
        )
        article = store.get_article(given.article_id)
        assert (article.author, article.published, article.source) == (
            "Someone Else",
            "2023-09-01",
            "https://given.example/x",
        )
    finally:
        store.close()
