"""The report shows an article's "#" heading lines as headings: their words in an
``<h3>``-``<h6>``, their marks left out, escaped like all text; claim marks never hold a
heading (a claim running across a heading's edge goes on in a second mark)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.app.claim_ops import add_claim
from annotator.export.report import to_html
from annotator.export.table import collect
from annotator.store import Store
from tests.unit.export.test_export_report import axe_violations, parse

TEXT = (
    "# The MDMA <script>alert(1)</script> trial\n"
    "\n"
    "The drug cut pain by 45% in trials.\n"
    "\n"
    "## Results ##\n"
    "Sales rose 5% in 2021.\n"
    "```\n"
    "# not a heading: code\n"
    "```\n"
    "### \n"
    "#hashtag is not one either.\n"
)


def _report(spans: list[tuple[str, str]]) -> str:
    store = Store.memory()
    try:
        article = store.import_article(TEXT, title="t", reviewer="ann", proposals=[])
        for first, last in spans:
            start = TEXT.index(first)
            add_claim(store, article.id, start, TEXT.index(last) + len(last), reviewer="ann")
        return to_html(collect(store, full=True))
    finally:
        store.close()


def _text(element: tuple[str, dict[str, str], list[str]]) -> str:
    return "".join(element[2])


def test_heading_lines_are_headings_without_their_marks() -> None:
    dom = parse(_report([("Sales", "2021.")]))  # a report shows articles with claims
    headings = [(el[0], _text(el)) for el in dom.elements if "in-text" in el[1].get("class", "")]
    assert headings == [
        ("h3", "The MDMA <script>alert(1)</script> trial"),
        ("h4", "Results"),
    ]
    assert not dom.find("script")
    shown = _text(dom.find("div", "article-text")[0])
    expected = TEXT.replace("# The MDMA", "The MDMA").replace("## Results ##", "Results")
    assert shown == expected.replace("Sales", "1Sales")


def test_a_claim_across_a_heading_edge_is_cut_there_and_goes_on() -> None:
    html = _report([("MDMA", "MDMA"), ("Results", "Sales rose 5%"), ("drug", "45%")])
    dom = parse(html)
    marks = dom.find("mark", "claim")
    numbered = [m for m in marks if "more" not in m[1]["class"].split()]
    assert [m[1]["id"] for m in numbered] == ["a1-c1", "a1-c2", "a1-c3"]
    more = [m for m in marks if "more" in m[1]["class"].split()]
    assert len(more) == 1 and _text(more[0]) == "\nSales rose 5%"
    assert more[0][1]["data-claim"] == numbered[2][1]["data-claim"]
    assert "id" not in more[0][1]
    # The heading holds the first part of the claim, never the other way round.
    assert '<h4 class="in-text"><mark class="claim ungraded" id="a1-c3"' in html
    assert "</mark></h4><mark" in html
    shown = _text(dom.find("div", "article-text")[0])
    expected = TEXT.replace("# The MDMA", "The 1MDMA").replace("The drug", "The 2drug")
    assert shown == expected.replace("## Results ##", "3Results")


def test_a_claim_in_a_headings_marks_keeps_its_number() -> None:
    dom = parse(_report([("# The", "#")]))
    [mark] = dom.find("mark", "claim")
    assert mark[1]["id"] == "a1-c1" and _text(mark) == "1"


@pytest.mark.browser
def test_axe_core_finds_no_serious_violation_with_headings(tmp_path: Path) -> None:
    report = _report([("MDMA", "MDMA"), ("Results", "Sales rose 5%")])
    violations = axe_violations(report, tmp_path)
    assert [v for v in violations if v["impact"] in ("serious", "critical")] == []


_WORDS = st.text(alphabet="abcxyz ", min_size=1, max_size=12).filter(lambda w: w.strip() != "")
_LINES = st.lists(st.tuples(st.integers(0, 7), _WORDS), min_size=1, max_size=6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_LINES, st.data())
def test_any_headings_and_claim_read_back_as_the_text_without_marks(
    lines: list[tuple[int, str]], data: Any
) -> None:
    text = "\n".join(("#" * n + " " if n else "") + words.strip() for n, words in lines) + "\n"
    words = [i for i, ch in enumerate(text) if not ch.isspace()]
    start = data.draw(st.sampled_from(words))
    end = data.draw(st.sampled_from([i + 1 for i in words if i >= start]))
    store = Store.memory()
    try:
        article = store.import_article(text, title="t", reviewer="r", proposals=[])
        add_claim(store, article.id, start, end, reviewer="r")
        html = to_html(collect(store, full=True))
    finally:
        store.close()
    dom = parse(html)
    shown = "".join(dom.find("div", "article-text")[0][2])
    # Only the claim's number is a digit: without it, the text less each heading's marks.
    assert shown.replace("1", "", 1) == re.sub(r"(?m)^#{1,6} ", "", text)
    assert html.count('id="a1-c1"') == 1
    assert not re.search(
        r"<mark[^>]*>(?:(?!</mark>).)*<h\d", html, re.S
    )  # never a heading in a mark
    levels = [int(el[0][1]) for el in dom.elements if "in-text" in el[1].get("class", "")]
    assert levels == [min(6, n + 2) for n, _w in lines if 1 <= n <= 6]
