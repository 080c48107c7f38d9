"""The HTML report: escaped, self-contained, and as a real browser reads it."""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.app.claim_ops import add_claim
from annotator.export.report import css_colour, to_html
from annotator.export.table import collect
from annotator.store import Store
from annotator.text.sentences import markdown_headings
from tests import export_fixture

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class Dom(HTMLParser):
    """Elements as (tag, attributes, text inside) in document order; enough to query."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str], list[str]]] = []
        self.open: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text: list[str] = []
        self.elements.append((tag, {k: v or "" for k, v in attrs}, text))
        if tag not in ("meta", "br", "rect", "img", "link", "input"):
            self.open.append(text)

    def handle_endtag(self, tag: str) -> None:
        if self.open and tag not in ("meta", "br", "rect"):
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for text in self.open:
            text.append(data)

    def find(self, tag: str, cls: str = "") -> list[tuple[str, dict[str, str], list[str]]]:
        return [
            el
            for el in self.elements
            if el[0] == tag and (not cls or cls in el[1].get("class", "").split())
        ]


def parse(html: str) -> Dom:
    dom = Dom()
    dom.feed(html)
    return dom


@pytest.fixture
def report(built: Store) -> str:
    return to_html(collect(built, desk=export_fixture.DESK, full=True))


def test_report_text_is_escaped_and_loads_nothing(report: str) -> None:
    assert "<script" not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report
    assert "&lt;b&gt;what&lt;/b&gt;" in report
    assert "https://news.example/mdma?a=1&amp;b=2" in report
    for needle in (" src=", "<link", "@import", "url("):
        assert needle not in report
    assert "Content-Security-Policy" in report


def test_report_colours_are_safe_css() -> None:
    assert css_colour("gold") == "gold"
    assert css_colour("#a0b1c2") == "#a0b1c2"
    assert css_colour("bright_green") == "green"
    assert css_colour("red;}body{display:none") == "#9e9e9e"


def test_report_numbers_claims_and_links_both_ways(report: str) -> None:
    dom = parse(report)
    marks = dom.find("mark", "claim")
    assert len(marks) == 6  # the dismissed photo credit is not highlighted
    ids = {el[1].get("id") for el in dom.elements if el[1].get("id")}
    for n, mark in enumerate(marks, start=1):
        assert mark[1]["id"] == f"a1-c{n}"
        assert f"a1-row-{n}" in ids
    for link in dom.find("a", "num"):
        assert link[1]["href"].lstrip("#") in ids


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.skip("chromium is not installed (.ci/run installs Debian's chromium)")
    return found


# axe-core comes from the npm registry: .ci/run installs it into this cache folder (or
# ANNOTATOR_TEST_AXE names axe.min.js elsewhere).
AXE_DEFAULT = Path.home() / ".cache" / "annotator-npm" / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUNNER = """<script>
axe.run(document, {resultTypes: ["violations"]}).then(function (result) {
  var out = document.createElement("pre");
  out.id = "axe-result";
  out.textContent = JSON.stringify(result.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(function (n) { return n.target.join(" "); })};
  }));
  document.documentElement.appendChild(out);
});
</script>"""


def axe_source() -> str:
    path = Path(os.environ.get("ANNOTATOR_TEST_AXE") or AXE_DEFAULT)
    if not path.exists():
        pytest.skip(f"axe-core is not installed at {path} (.ci/run installs it from npm)")
    return path.read_text(encoding="utf-8")


def axe_violations(report: str, tmp_path: Path) -> list[dict[str, Any]]:
    """axe-core's WCAG violations on ``report`` as headless Chromium renders it.

    axe and a runner script are added to a copy of the page, whose Content Security
    Policy then allows inline scripts (the report itself never has any); the runner
    writes the result into the DOM, which Chromium dumps once the page is idle.
    """
    browser = chromium()
    policy = "default-src 'none'; style-src 'unsafe-inline'"
    assert policy in report
    page = report.replace(policy, policy + "; script-src 'unsafe-inline'")
    axe = "<script>" + axe_source().replace("</script", "<\\/script") + "</script>"
    page = page.replace("</body>", axe + AXE_RUNNER + "</body>")
    violations: list[dict[str, Any]] = page_result(
        browser, page, tmp_path, "axe", ["--virtual-time-budget=30000"], timeout=180
    )
    return violations


def page_result(
    browser: str, page: str, tmp_path: Path, name: str, flags: list[str], timeout: int
) -> Any:
    """The JSON a script in ``page`` wrote into ``<pre id="{name}-result">``, read from
    the DOM headless Chromium dumps once the page is idle."""
    path = tmp_path / f"{name}.html"
    path.write_text(page, encoding="utf-8")
    result = subprocess.run(
        [
            browser,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / f'{name}-profile'}",
            *flags,
            "--dump-dom",
            path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    found = re.search(rf'<pre id="{name}-result">(.*?)</pre>', result.stdout, re.S)
    assert found, f"the {name} script did not finish: " + result.stderr[-2000:]
    return json.loads(html_lib.unescape(found.group(1)))


@pytest.mark.browser
def test_axe_core_finds_no_serious_violation_in_the_report(store: Store, tmp_path: Path) -> None:
    export_fixture.build(store)
    store.grade_claim(3, "contradicted", reviewer="ben")  # disputed: its badge too
    report = to_html(collect(store, desk=export_fixture.DESK, full=True))
    assert 'class="badge disputed"' in report
    violations = axe_violations(report, tmp_path)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []
    ids = {v["id"] for v in violations}
    assert "landmark-one-main" not in ids and "region" not in ids


@pytest.mark.browser
def test_axe_core_catches_what_the_old_report_had(tmp_path: Path) -> None:
    """The oracle works: #b26a00 text on white (4.23:1) and no <main> are reported."""
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\"><title>t</title></head>"
        "<body><h1>Report</h1><p style='color:#b26a00'>Mixed</p></body></html>"
    )
    ids = {v["id"]: v["impact"] for v in axe_violations(page, tmp_path)}
    assert ids.get("color-contrast") == "serious"
    assert "landmark-one-main" in ids


@pytest.mark.browser
def test_report_renders_in_headless_chromium(report: str, tmp_path: Path) -> None:
    browser = chromium()
    page = tmp_path / "report.html"
    page.write_text(report, encoding="utf-8")
    result = subprocess.run(
        [
            browser,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    dom = parse(result.stdout)
    # The browser built what we wrote: no script element from the article's text.
    assert not dom.find("script")
    marks = dom.find("mark", "claim")
    assert [m[1]["data-verdict"] for m in marks] == [
        "mostly-supported",
        "contradicted",
        "mixed",
        "none",
        "unsupported",
        "not-checkable",
    ]
    trial = marks[3]
    assert "<script>alert(1)</script>" in "".join(trial[2])
    assert "".join(marks[2][2]).endswith("the drug raised oxytocin 🍵 levels by 30% in rats")
    bars = dom.find("g", "bar")
    assert {b[1]["data-verdict"]: b[1]["data-count"] for b in bars} == {
        "supported": "0",
        "mostly-supported": "1",
        "mixed": "1",
        "unsupported": "0",  # claim 5's grade is stale: counted apart, not as a verdict
        "contradicted": "1",
        "not-checkable": "1",
        "stale": "1",
        "none": "1",
    }
    rows = dom.find("tr")
    assert sum(1 for r in rows if r[1].get("id", "").startswith("a1-row-")) == 6
    sections = dom.find("section", "claim")
    assert len(sections) == 6
    stances = [li[1]["data-stance"] for li in dom.elements if "data-stance" in li[1]]
    assert stances.count("supports") == 2 and "contradicts" in stances and "mixed" in stances
    title = dom.find("title")[0]
    assert "".join(title[2]) == "MDMA & “therapy”: <b>what</b> the claims say"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=3, max_size=80),
    st.data(),
)
def test_any_article_text_comes_back_from_the_report_unchanged(text: str, data: Any) -> None:
    if not text.strip() or markdown_headings(text):
        return  # a heading's marks are left out: test_export_report_headings.py
    store = Store.memory()
    try:
        words = [i for i, ch in enumerate(text) if not ch.isspace()]
        start = data.draw(st.sampled_from(words))
        end = data.draw(st.sampled_from([i + 1 for i in words if i >= start]))
        article = store.import_article(
            text, title=text, reviewer="r", proposals=[], source=text, author=text
        )
        claim = add_claim(store, article.id, start, end, reviewer="r", label=text)
        store.grade_claim(claim.id, "mixed", reviewer=text or "r", note=text)
        html = to_html(collect(store, full=True))
    finally:
        store.close()
    dom = parse(html)
    shown = "".join(dom.find("div", "article-text")[0][2])
    # The article's text exactly, with only the claim's number badge before the claim.
    assert shown == text[: claim.start] + "1" + text[claim.start :]
    assert not dom.find("script") and not dom.find("img")


def test_a_stale_or_disputed_verdict_is_not_shown_as_if_settled(built: Store) -> None:
    """A corrected article's report must not count or colour an unsettled verdict as one.

    Claim 5 was graded "unsupported" before a correction changed its words (stale); claim
    3 is made disputed (ana mixed, ben contradicted). The chart counted both under the
    verdict of their latest grade and the article text wore that verdict's colour.
    """
    built.grade_claim(3, "contradicted", reviewer="ben")
    dom = parse(to_html(collect(built, desk=export_fixture.DESK, full=True)))
    bars = {b[1]["data-verdict"]: b[1]["data-count"] for b in dom.find("g", "bar")}
    assert bars["unsupported"] == "0" and bars["mixed"] == "0" and bars["contradicted"] == "1"
    assert bars["stale"] == "1" and bars["disputed"] == "1"
    assert sum(int(n) for n in bars.values()) == len(dom.find("mark", "claim"))
    marks = {m[1]["data-claim"]: m for m in dom.find("mark", "claim")}
    for claim_id, standing in (("5", "stale"), ("3", "disputed")):
        mark = marks[claim_id][1]
        assert "unsettled" in mark["class"].split()
        assert mark["data-standing"] == standing
        assert standing in mark["title"].lower()
    assert "unsettled" not in marks["1"][1]["class"].split()


def test_a_claim_a_correction_deleted_is_listed_but_not_marked(built: Store) -> None:
    """Its old offsets point into text that is gone: the report marked (and coloured as
    "Not checkable") whatever words now sit there."""
    from tests.unit.export.test_export_publish import delete_two_sentences

    delete_two_sentences(built)
    dom = parse(to_html(collect(built, desk=export_fixture.DESK, full=True)))
    marked = {m[1]["data-claim"] for m in dom.find("mark", "claim")}
    assert marked.isdisjoint({"4", "6"}) and {"1", "2", "3", "5"} <= marked
    sections = {s[1]["data-claim"]: "".join(s[2]) for s in dom.find("section", "claim")}
    assert "Not in the text" in sections["4"] and "Not in the text" in sections["6"]
    assert "Not in the text" not in sections["1"]
    ids = {el[1].get("id") for el in dom.elements if el[1].get("id")}
    for link in dom.find("a", "num"):
        assert link[1]["href"].lstrip("#") in ids


LAYOUT_PROBE = """<script>
window.addEventListener("load", function () {
  var doc = document.getElementById("report").contentDocument;
  var body = doc.body.getBoundingClientRect();
  var pad = parseFloat(doc.defaultView.getComputedStyle(doc.body).paddingRight);
  var wide = [];
  doc.querySelectorAll("body *").forEach(function (el) {
    var box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > body.right - pad + 4 && !el.closest(".table-scroll")) {
      wide.push(el.tagName.toLowerCase() + " " + el.textContent.slice(0, 40));
    }
  });
  var scrolls = 0;
  doc.querySelectorAll(".table-scroll").forEach(function (el) {
    if (el.scrollWidth > el.clientWidth + 1) { scrolls += 1; }
  });
  var label = Infinity;
  doc.querySelectorAll("td.label").forEach(function (el) {
    label = Math.min(label, el.getBoundingClientRect().width);
  });
  var chart = Infinity;
  doc.querySelectorAll("svg.chart text").forEach(function (el) {
    var size = parseFloat(doc.defaultView.getComputedStyle(el).fontSize);
    chart = Math.min(chart, size * el.getScreenCTM().a);
  });
  var out = document.createElement("pre");
  out.id = "layout-result";
  out.textContent = JSON.stringify({page: doc.documentElement.scrollWidth,
                                    width: doc.documentElement.clientWidth,
                                    wide: wide.slice(0, 10), scrolls: scrolls,
                                    label: label, chart: chart});
  document.body.appendChild(out);
});
</script>"""


def layout(report: str, tmp_path: Path, width: int) -> dict[str, Any]:
    """How ``report`` lays out ``width`` CSS pixels wide in headless Chromium: the page's
    scroll width beside its width, elements reaching past the body's content box (outside
    a table's own scroll box; 4 px allowed for a mark's padding at a line end) and tables
    that need their scroll box. The report is framed at that width, since the browser's
    window is never narrower than 500 px."""
    frame = (
        '<!DOCTYPE html><html><body style="margin:0">'
        f'<iframe id="report" style="border:0" width="{width}" height="900" '
        f'srcdoc="{html_lib.escape(report)}"></iframe>{LAYOUT_PROBE}</body></html>'
    )
    measured: dict[str, Any] = page_result(
        chromium(),
        frame,
        tmp_path,
        "layout",
        ["--window-size=1400,1000", "--virtual-time-budget=10000"],
        timeout=120,
    )
    return measured


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_the_report_fits_a_phone_and_a_desk_even_with_very_long_words(
    store: Store, tmp_path: Path, width: int
) -> None:
    """Walked in Chromium: a label with a 100-letter word pushed the claim table past the
    page (the Reviewers and Sources columns cut off, also in print) and its heading past
    the text column; at 390 px the verdict chart and the table made the whole page scroll
    sideways. The page must never be wider than the window; a table too wide for a phone
    scrolls in its own box."""
    export_fixture.build(store)
    long_word = "supercalifragilisticexpialidocious_" * 3
    store.edit_label(1, f"[bold]56%[/] drop {long_word}", reviewer="ann")
    report = to_html(collect(store, desk=export_fixture.DESK, full=True))
    measured = layout(report, tmp_path, width)
    assert measured["page"] <= measured["width"], measured
    assert measured["wide"] == [], measured
    if width >= 1000:  # a desk-wide window shows every column without scrolling
        assert measured["scrolls"] == 0, measured


@pytest.mark.browser
def test_a_phone_reads_the_claims_column_and_the_chart(store: Store, tmp_path: Path) -> None:
    """Walked at 390 px: the claim table's Claim column was squeezed to about 70 px, so
    labels broke mid-word ("Recomm/ended", "outweigh/s", "haemorrh/age") while the
    Verdict column stood half empty, and the verdict chart, scaled down to fit, set its
    labels in 7 px type. The Claim column keeps room for whole words (the table scrolls
    in its box for the rest) and the chart's words stay readable."""
    export_fixture.build(store)
    store.edit_label(1, "Daily Aspirin No Longer Recommended for Most Adults", reviewer="ann")
    report = to_html(collect(store, desk=export_fixture.DESK, full=True))
    measured = layout(report, tmp_path, 390)
    assert measured["label"] >= 140, measured
    assert measured["chart"] >= 12, measured
    assert measured["page"] <= measured["width"], measured


def test_a_disputed_claim_shows_no_one_reviewers_verdict_as_its_own(built: Store) -> None:
    """Walked in Chromium: a disputed claim's row and heading showed the latest grade's
    chip ("Contradicted") beside the Disputed badge, so a reader took one reviewer's
    verdict for the claim's. Until an editor settles it, the claim's verdict reads
    Disputed; each reviewer's own verdict stays listed under Reviewers."""
    built.grade_claim(3, "contradicted", reviewer="ben")
    report = to_html(collect(built, desk=export_fixture.DESK, full=True))
    row = re.search(r'<tr id="a1-row-\d+" data-claim="3">(.*?)</tr>', report).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    verdict, reviewers = cells[2], cells[4]
    assert "Disputed" in verdict and "chip" not in verdict
    assert "ana: Mixed" in reviewers and "ben: Contradicted" in reviewers
    heading = re.search(r'<section class="claim" id="article-1-claim-3".*?</h3>', report, re.S)
    assert heading and "Disputed" in heading.group(0) and "chip" not in heading.group(0)
    mark = re.search(r'<mark [^>]*data-claim="3"[^>]*>', report)
    assert mark and 'title="Disputed (' in mark.group(0) and "Contradicted" not in mark.group(0)
