"""The Markdown document as a CommonMark reader (markdown-it, which Textual uses) sees it."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from annotator.export.markdown import md_text, to_markdown_document
from annotator.export.table import collect
from annotator.store import Store
from tests import export_fixture


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def rendered(markdown: str) -> Tags:
    tags = Tags()
    tags.feed(MarkdownIt("commonmark").render(markdown))
    return tags


def test_the_document_reads_as_intended(built: Store) -> None:
    document = to_markdown_document(collect(built, desk=export_fixture.DESK, full=True))
    html = rendered(document)
    # One title, a section per claim shown (the dismissed one left out), quotes, lists.
    assert html.tags.count("h1") == 1 and html.tags.count("h3") == 6
    assert html.tags.count("blockquote") == 6
    # Article text never becomes markup: no script, image or link but the article's own.
    assert "script" not in html.tags and "img" not in html.tags
    assert html.tags.count("a") == 1
    text = "".join(html.text)
    assert "& <script>alert(1)</script> nobody noticed" in text
    assert "-6% fewer visits were recorded" in text  # the corrected words
    assert "Mostly supported (final verdict)" in text
    assert "STALE: graded before the claim's words changed" in text


def test_md_text_keeps_any_line_start_plain() -> None:
    for value in ("- not a list", "1. not a list", "# not a heading", "> not a quote", "+1"):
        html = rendered(md_text(value))
        assert html.tags == ["p"], value
        assert "".join(html.text).strip() == value


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="ascii", categories=("L", "N", "P", "S", "Zs"))))
def test_any_text_comes_back_as_plain_text(value: str) -> None:
    line = " ".join(value.split())
    if not line:
        return
    html = rendered(md_text(value))
    assert html.tags == ["p"], (value, html.tags)
    assert "".join(html.text).strip() == line


def test_a_claim_a_correction_deleted_says_it_is_not_in_the_text(built: Store) -> None:
    from tests.unit.export.test_export_publish import delete_two_sentences

    delete_two_sentences(built)
    document = to_markdown_document(collect(built, desk=export_fixture.DESK, full=True))
    sections = document.split("\n### ")
    gone = [s for s in sections if "Not in the text" in s]
    assert len(gone) == 2
    assert any("psychiatry" in s for s in gone) and any("no effect" in s for s in gone)


def test_a_disputed_claim_is_not_given_one_reviewers_verdict(built: Store) -> None:
    """It read "**Verdict:** Contradicted (DISPUTED: reviewers disagree)" with that one
    reviewer's certainty and rationale under it, as if they were the claim's."""
    built.grade_claim(3, "contradicted", reviewer="ben", note="ben's own reasoning")
    document = to_markdown_document(collect(built, desk=export_fixture.DESK, full=True))
    section = document.split("### ")[3]
    assert "**Verdict:** disputed: reviewers disagree (ana: Mixed; ben: Contradicted)" in section
    assert "ben's own reasoning" not in section and "**Rationale:**" not in section


def test_a_stale_claim_the_reviewers_disagree_on_names_each_verdict(built: Store) -> None:
    """Walked on a corrected story: a claim two reviewers graded apart, then reworded by
    the correction, read "**Verdict:** Mixed (STALE: ...)", the latest reviewer's verdict
    as the claim's; and a verdict one reviewer gave read "(reviewers agree)"."""
    built.grade_claim(5, "contradicted", reviewer="ben")  # after the correction: current
    document = to_markdown_document(collect(built, desk=export_fixture.DESK, full=True))
    visits = next(s for s in document.split("\n### ") if "fewer visits" in s)
    assert (
        "**Verdict:** stale and disputed: reviewers disagree, and a grade predates the"
        " claim's words (ana: Unsupported, stale; ben: Contradicted)"
    ) in visits
    assert "+ no data found" not in visits  # ana's rationale is not the claim's
    oxytocin = next(s for s in document.split("\n### ") if "> the drug raised oxytocin" in s)
    assert "**Verdict:** Mixed (one reviewer)" in oxytocin
