"""The HTML report: one self-contained file to read, send or print.

For each article: the text with every claim highlighted in its verdict's colour and
numbered, a summary chart of verdicts (inline SVG), the claim table linked to those
numbers, and each claim's verdict and evidence (stance, reference, quotes), then the
reviewers and their dates. No scripts, no fonts, no images from elsewhere: a Content
Security Policy in the file forbids loading anything. Every piece of article, citation
and reviewer text is HTML-escaped; only http(s) addresses become links. A claim whose
reviewers disagree is marked "Disputed", one graded before its words changed "Stale";
the chart counts such claims apart and the article text shows them in neither verdict's
colour, since their verdict does not stand until a person settles it. A claim whose
words left the article in a newer version ("Not in the text") is listed, never marked
in the article: its offsets point into text that is gone.

Accessible as WCAG 2.1 AA asks (axe-core checks it in the tests): the content sits in a
``<main>`` landmark, the footer is the page's ``contentinfo``, and every text colour
has a contrast of at least 4.5:1 on its background.
"""

from __future__ import annotations

import re
from typing import Any

from annotator.export.article_html import ArticleText
from annotator.export.document_text import html_text as e
from annotator.export.published import Selection, Settlement, Standing, settle
from annotator.export.table import ExportSet, current_grade, public_source
from annotator.model import Article, Citation, Evidence, Grade, QuoteMatch
from annotator.scales import Level, Scale
from annotator.sources.identifiers import format_reference

STANCE_LABELS = {
    "supports": "Supports",
    "contradicts": "Contradicts",
    "mixed": "Mixed",
    "mentions": "Mentions",
}
QUOTE_STATUS = {
    QuoteMatch.EXACT: "quote found in the source",
    QuoteMatch.APPROXIMATE: "quote found in the source, approximately",
    QuoteMatch.NOT_FOUND: "quote NOT found in the source's stored text",
    QuoteMatch.NO_TEXT: "",
}
NO_VERDICT = "Not graded"
UNGRADED_COLOUR = "#9e9e9e"

CSS = """
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #d9d9de; --paper: #fff; }
* { box-sizing: border-box; }
body { font: 16px/1.55 Georgia, "Times New Roman", serif; color: var(--ink);
  background: var(--paper); margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem; }
h1, h2, h3, th, .meta, .chip, .num, table, .chart, nav, footer {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .4rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .8rem; border-bottom: 2px solid var(--ink);
  padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
h1, h2, h3, blockquote, li, code, .meta, td.label, td.who { overflow-wrap: anywhere; }
table.claims { min-width: 36rem; }
/* A phone's table scrolls in its box: the Claim column keeps room for whole words. */
table.claims td.label { min-width: 9rem; }
svg.chart { max-width: 100%; height: auto; }
.table-scroll { overflow-x: auto; }
.meta { color: var(--muted); font-size: .9rem; margin: 0 0 .2rem; }
a { color: #1a4f9c; }
.article-text { white-space: pre-wrap; overflow-wrap: anywhere; border-left: 3px solid
  var(--rule); padding: .2rem 0 .2rem 1rem; }
.article-text .in-text { display: inline; margin: 0;
  font: 700 1.1em/1.3 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
mark.claim { background: color-mix(in srgb, var(--c) 28%, white); color: inherit;
  border-bottom: 3px solid var(--c); padding: 0 .1rem; border-radius: 2px; }
mark.claim.ungraded { background: #f1f1f4; border-bottom: 2px dashed var(--c); }
mark.claim.unsettled { background: #fff7df; border-bottom: 3px dotted var(--c); }
a.num { display: inline-block; min-width: 1.4em; margin-right: .4em; padding: 0 .3em;
  font-size: .72rem; line-height: 1.35; vertical-align: .15em; text-align: center;
  text-decoration: none; color: #fff; background: var(--ink); border-radius: 1em;
  white-space: nowrap; }
.chip { display: inline-block; padding: .05rem .5rem; border-radius: 1rem; font-size: .8rem;
  white-space: nowrap; background: color-mix(in srgb, var(--c) 30%, white);
  border: 1px solid var(--c); }
table { border-collapse: collapse; width: 100%; font-size: .88rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem;
  border-bottom: 1px solid var(--rule); }
th { border-bottom: 2px solid var(--ink); }
td.n { width: 2.5rem; }
.chart { margin: .5rem 0 1rem; }
.chart text { font-size: 13px; fill: var(--ink); }
section.claim { border-top: 1px solid var(--rule); padding: 1rem 0; }
blockquote { margin: .4rem 0 .6rem; padding: .1rem 0 .1rem .9rem; border-left: 3px solid
  var(--rule); color: #333; }
blockquote.claim-text { border-left-color: var(--c); }
ul.evidence { list-style: none; padding: 0; margin: .4rem 0 0; }
ul.evidence > li { margin: 0 0 .8rem; padding-left: .9rem; border-left: 3px solid
  var(--stance); }
.stance { font: 600 .75rem system-ui, sans-serif; text-transform: uppercase;
  letter-spacing: .04em; color: var(--stance); }
.note { white-space: pre-wrap; }
.small { font-size: .85rem; color: var(--muted); }
.warn { color: #a00000; font-weight: 600; }
.badge { display: inline-block; padding: .05rem .45rem; border-radius: .3rem; font-size: .75rem;
  font-weight: 700; text-transform: uppercase; letter-spacing: .03em; }
.badge.stale { background: #fff0c2; color: #6b4500; border: 1px solid #b37a00; }
.badge.disputed { background: #a00000; color: #fff; border: 1px solid #a00000; }
footer { margin-top: 3rem; font-size: .8rem; color: var(--muted); }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .table-scroll { overflow: visible; }
  a { color: inherit; text-decoration: none; }
  a.num { color: #fff; }
  mark.claim, .chip, a.num, ul.evidence > li, blockquote.claim-text {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  tr, section.claim, ul.evidence > li { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  section.article + section.article { break-before: page; }
  @page { margin: 18mm 16mm; }
}
"""
STANCE_COLOURS = {
    "supports": "#2e7d32",
    "contradicts": "#c62828",
    "mixed": "#8f5600",  # darker than the scale's orange: 6.0:1 on white, as text
    "mentions": "#5f6368",
}

_HEX = re.compile(r"#[0-9a-fA-F]{3,8}")
_NAME = re.compile(r"[a-zA-Z]+")


# A verdict given before the claim's words or numbers changed in a corrected article.
STALE_BADGE = '<span class="badge stale" title="the claim changed since it was graded">Stale</span>'
STALE_WHY = "the claim's words changed in a newer version of the article: to be checked again"
DISPUTED_WHY = "reviewers disagree and no editor has settled it"
ORPHANED_BADGE = (
    '<span class="badge stale" title="its words left the article in a newer version">'
    "Not in the text</span>"
)
# A claim whose latest grade does not stand (DESIGN.md, "Review rules"): counted under its
# own bar and shown in the colours of its badge, never in its latest grade's verdict.
UNSETTLED = {
    Standing.DISPUTED: ("Disputed", "#a00000", DISPUTED_WHY),
    Standing.STALE: ("Stale: check again", "#b37a00", "graded before the claim's words changed"),
}


def css_colour(name: str) -> str:
    """A scale's colour name as safe CSS: a hex value or a plain colour word."""
    name = name.strip().lower().replace("bright_", "").replace("dark_", "dark")
    name = name.replace("_", "")
    if _HEX.fullmatch(name) or _NAME.fullmatch(name):
        return name
    return UNGRADED_COLOUR


def _link(url: str, text: str) -> str:
    if url.startswith(("http://", "https://")):
        return f'<a href="{e(url)}">{e(text)}</a>'
    return e(text)


def _citation_url(c: Citation) -> str:
    if c.doi:
        return f"https://doi.org/{c.doi}"
    if c.pmid:
        return f"https://pubmed.ncbi.nlm.nih.gov/{c.pmid}/"
    return c.url


def _date(stamp: str) -> str:
    """2026-01-01T10:20:30Z -> 2026-01-01 10:20 UTC."""
    if len(stamp) >= 16 and stamp[10] == "T":
        return f"{stamp[:10]} {stamp[11:16]} UTC"
    return stamp


class _Report:
    def __init__(self, export: ExportSet) -> None:
        self.export = export
        self.data = export.full()
        self.scale: Scale = export.scale
        self.claim_notes = {c.id: c.note for c in self.data.claims if c.note}

    def level(self, key: str) -> Level | None:
        return self.scale.get(key) if key else None

    def colour(self, key: str) -> str:
        level = self.level(key)
        return css_colour(level.colour) if level else UNGRADED_COLOUR

    def chip(self, key: str) -> str:
        level = self.level(key)
        label = level.label if level else NO_VERDICT
        return f'<span class="chip" style="--c:{self.colour(key)}">{e(label)}</span>'

    def verdict_chip(self, claim_id: int, key: str) -> str:
        """The claim's verdict as a chip; none for a disputed claim, whose badge says so:
        its latest grade is one reviewer's, not the claim's."""
        if self.standing(claim_id).standing == Standing.DISPUTED:
            return ""
        return self.chip(key)

    def claim_colour(self, claim_id: int, key: str) -> str:
        """The colour of the claim's verdict, or of its badge while disputed."""
        standing = self.standing(claim_id).standing
        if standing == Standing.DISPUTED:
            return UNSETTLED[standing][1]
        return self.colour(key)

    def standing(self, claim_id: int) -> Settlement:
        return settle(self.data.grades.get(claim_id, []))

    def badge(self, claim_id: int) -> str:
        """ "Disputed" or "Stale" when the claim's verdict is not settled, else "";
        "Not in the text" first for a claim whose words left the article."""
        if claim_id in self.export.orphaned:
            return " " + ORPHANED_BADGE + self._standing_badge(claim_id)
        return self._standing_badge(claim_id)

    def _standing_badge(self, claim_id: int) -> str:
        standing = self.standing(claim_id).standing
        if standing == Standing.DISPUTED:
            return f' <span class="badge disputed" title="{DISPUTED_WHY}">Disputed</span>'
        if standing == Standing.STALE:
            return " " + STALE_BADGE
        return ""

    # -- pieces ------------------------------------------------------------------

    def chart(self, rows: list[dict[str, Any]]) -> str:
        counts: dict[str, int] = {level.key: 0 for level in self.scale.levels}
        unsettled = dict.fromkeys(UNSETTLED, 0)
        ungraded = 0
        for row in rows:
            standing = self.standing(row["claim_id"]).standing
            if standing in unsettled:
                unsettled[standing] += 1
            elif row["verdict"] in counts:
                counts[row["verdict"]] += 1
            else:
                ungraded += 1
        bars = [(lv.label, lv.key, counts[lv.key]) for lv in self.scale.levels]
        # Bars of their own only when some claim is so: most reports have none.
        bars += [(UNSETTLED[s][0], str(s), n) for s, n in unsettled.items() if n]
        bars.append((NO_VERDICT, "", ungraded))
        most = max([n for _, _, n in bars] + [1])
        # Narrow enough for a phone's column (about 340 px) at full size: an SVG shrunk
        # to fit shrinks its words too. The labels' room follows the longest (13 px type).
        bar_h, gap, span = 22, 8, 170
        left = round(7.2 * max(len(label) for label, _, _ in bars)) + 12
        height = len(bars) * (bar_h + gap)
        parts = [
            f'<svg class="chart" role="img" width="{left + span + 36}" height="{height}" '
            f'viewBox="0 0 {left + span + 36} {height}" xmlns="http://www.w3.org/2000/svg">',
            f"<title>Verdicts: {e(', '.join(f'{label} {n}' for label, _, n in bars))}</title>",
        ]
        for i, (label, key, n) in enumerate(bars):
            y = i * (bar_h + gap)
            width = round(span * n / most) if n else 0
            rect = (
                f'<rect x="{left}" y="{y}" width="{width}" height="{bar_h}" rx="3" '
                f'fill="{self.bar_colour(key)}"/>'
                if width
                else ""
            )
            parts.append(
                f'<g class="bar" data-verdict="{e(key or "none")}" data-count="{n}">'
                f'<text x="0" y="{y + 16}">{e(label)}</text>{rect}'
                f'<text x="{left + width + 8}" y="{y + 16}">{n}</text></g>'
            )
        parts.append("</svg>")
        return "".join(parts)

    def bar_colour(self, key: str) -> str:
        for standing, (_label, colour, _why) in UNSETTLED.items():
            if key == standing:
                return colour
        return self.colour(key)

    def article_text(self, article: Article, numbered: list[tuple[int, dict[str, Any]]]) -> str:
        """The article's text, each claim marked and numbered, its "#" heading lines shown
        as headings (``ArticleText``)."""
        out = ArticleText(article.text)
        pos = 0
        for n, row in sorted(numbered, key=lambda item: item[1]["start"]):
            if row["claim_id"] in self.export.orphaned:
                continue  # its offsets are of a text that is gone
            start, end = int(row["start"]), int(row["end"])
            if start < pos:  # overlapping spans: the later claim is shown from where it can be
                start = pos
            if start >= end:
                continue
            aid = article.id
            cls = "claim" if row["verdict"] else "claim ungraded"
            title = row["verdict_label"] or NO_VERDICT
            colour = self.colour(row["verdict"])
            standing = self.standing(row["claim_id"]).standing
            if standing in UNSETTLED:
                label, colour, why = UNSETTLED[standing]
                cls = "claim unsettled"
                # A disputed claim's latest grade is one reviewer's: not named as its own.
                title = (
                    f"{label} ({why})"
                    if standing == Standing.DISPUTED
                    else (f"{title}: {standing} ({why})")
                )
            attributes = (
                f'data-claim="{row["claim_id"]}" data-verdict="{e(row["verdict"] or "none")}" '
                f'data-standing="{standing}" title="{e(title)}" style="--c:{colour}"'
            )
            out.mark(
                start,
                end,
                f'<mark class="{cls}" id="a{aid}-c{n}" {attributes}>'
                f'<a class="num" href="#a{aid}-row-{n}">{n}</a>',
                f'<mark class="{cls} more" {attributes}>',
            )
            pos = end
        return f'<div class="article-text">{out.html()}</div>'

    def table(self, article: Article, numbered: list[tuple[int, dict[str, Any]]]) -> str:
        aid = article.id
        head = (
            "<tr><th>#</th><th>Claim</th><th>Verdict</th><th>Certainty</th>"
            "<th>Reviewers</th><th>Sources</th></tr>"
        )
        body = []
        for n, row in numbered:
            links = self.data.evidence.get(row["claim_id"], [])
            counts = {s: sum(1 for x in links if x.stance == s) for s in STANCE_LABELS}
            sources = ", ".join(f"{counts[s]} {s}" for s in STANCE_LABELS if counts[s]) or "none"
            verdict = self.verdict_chip(row["claim_id"], row["verdict"])
            if row["verdict_source"] == "final":
                verdict += ' <span class="small">final</span>'
            verdict += self.badge(row["claim_id"])
            body.append(
                f'<tr id="a{aid}-row-{n}" data-claim="{row["claim_id"]}">'
                f'<td class="n"><a class="num" style="background:var(--ink)" '
                f'href="{self.mark_href(article, n, row)}">{n}</a></td>'
                f'<td class="label"><a href="#article-{aid}-claim-{row["claim_id"]}">'
                f"{e(row['label'])}</a></td>"
                f"<td>{verdict}</td><td>{e(self.certainty(row['certainty']))}</td>"
                f'<td class="who">{e(self.reviewer_verdicts(row["claim_id"]))}</td>'
                f"<td>{e(sources)}</td></tr>"
            )
        return (
            f'<div class="table-scroll"><table class="claims"><thead>{head}</thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>"
        )

    def mark_href(self, article: Article, n: int, row: dict[str, Any]) -> str:
        """Where claim ``n``'s number leads: its mark in the article text, or for a claim
        not in the text (which has no mark) its section."""
        if row["claim_id"] in self.export.orphaned:
            return f"#article-{article.id}-claim-{row['claim_id']}"
        return f"#a{article.id}-c{n}"

    def reviewer_verdicts(self, claim_id: int) -> str:
        """Each reviewer's own verdict by its label: "ana: Mixed; ben: Supported"."""
        parts = []
        for grade in self.data.grades.get(claim_id, []):
            if not grade.final:
                level = self.level(grade.verdict)
                parts.append(f"{grade.reviewer}: {level.label if level else grade.verdict}")
        return "; ".join(parts)

    def certainty(self, key: str) -> str:
        level = self.export.scales.certainty.get(key) if key else None
        return level.label if level else key

    def grade_line(self, grade: Grade) -> str:
        level = self.level(grade.verdict)
        who = f"Final verdict by {grade.reviewer}" if grade.final else grade.reviewer
        parts = [f"{e(who)}: {self.chip(grade.verdict) if level else e(grade.verdict)}"]
        if grade.certainty:
            parts.append(f"certainty {e(self.certainty(grade.certainty))}")
        if grade.reasons:
            parts.append(e(", ".join(grade.reasons)))
        parts.append(f'<span class="small">{e(_date(grade.graded_at))}</span>')
        if grade.stale:
            parts.append(f"{STALE_BADGE} <span class='small'>{STALE_WHY}</span>")
        note = f'<div class="note">{e(grade.note)}</div>' if grade.note else ""
        return f"<li>{' · '.join(parts)}{note}</li>"

    def evidence_item(self, link: Evidence) -> str:
        citation = self.data.citations[link.citation_id]
        stance = str(link.stance)
        colour = STANCE_COLOURS.get(stance, "#5f6368")
        parts = [
            f'<li data-stance="{e(stance)}" style="--stance:{colour}">',
            f'<span class="stance">{e(STANCE_LABELS.get(stance, stance))}</span> ',
            _link(_citation_url(citation), format_reference(citation)),
        ]
        kind = self.type_label(citation.evidence_type)
        if kind:
            parts.append(f' <span class="small">({e(kind)})</span>')
        if citation.retracted:
            parts.append(' <span class="warn">Retracted</span>')
        if link.quote:
            where = f" <span class='small'>({e(link.locator)})</span>" if link.locator else ""
            parts.append(f"<blockquote>\u201c{e(link.quote)}\u201d{where}</blockquote>")
            status = QUOTE_STATUS.get(link.quote_verified, "")
            if status:
                cls = "warn" if link.quote_verified == QuoteMatch.NOT_FOUND else "small"
                parts.append(f'<div class="{cls}">{e(status)}</div>')
        elif link.locator:
            parts.append(f' <span class="small">{e(link.locator)}</span>')
        if link.note:
            parts.append(f'<div class="note small">{e(link.note)}</div>')
        parts.append("</li>")
        return "".join(parts)

    def type_label(self, key: str) -> str:
        if key == "other":
            return ""
        for level in self.export.scales.evidence_types:
            if level.key == key:
                return level.label
        return key

    def claim_section(self, article: Article, n: int, row: dict[str, Any]) -> str:
        cid = row["claim_id"]
        grades = self.data.grades.get(cid, [])
        links = self.data.evidence.get(cid, [])
        grade = current_grade(grades)
        ordered = sorted(grades, key=lambda g: (not g.final, g.reviewer))
        lines = "".join(self.grade_line(g) for g in ordered)
        evidence = "".join(self.evidence_item(x) for x in links)
        claim_note = self.claim_notes.get(cid, "")
        return (
            f'<section class="claim" id="article-{article.id}-claim-{cid}" '
            f'data-claim="{cid}" data-verdict="{e(row["verdict"] or "none")}">'
            f'<h3><a class="num" href="{self.mark_href(article, n, row)}">{n}</a>'
            f"{e(row['label'])} "
            f"{self.verdict_chip(cid, row['verdict'])}{self.badge(cid)}</h3>"
            f'<blockquote class="claim-text" style="--c:{self.claim_colour(cid, row["verdict"])}">'
            f"{e(row['text'])}</blockquote>"
            + (f'<p class="note">{e(claim_note)}</p>' if claim_note else "")
            + (f'<ul class="grades">{lines}</ul>' if lines else "")
            + (
                f'<ul class="evidence">{evidence}</ul>'
                if evidence
                else ('<p class="small">No evidence linked.</p>' if grade else "")
            )
            + "</section>"
        )

    def reviewers(self, rows: list[dict[str, Any]]) -> str:
        seen: dict[str, list[str]] = {}
        finals: dict[str, int] = {}
        for row in rows:
            for grade in self.data.grades.get(row["claim_id"], []):
                seen.setdefault(grade.reviewer, []).append(grade.graded_at)
                if grade.final:
                    finals[grade.reviewer] = finals.get(grade.reviewer, 0) + 1
        if not seen:
            return '<p class="small">No grades yet.</p>'
        body = "".join(
            f"<tr><td>{e(name)}</td><td>{len(dates)}</td><td>{finals.get(name, 0)}</td>"
            f"<td>{e(_date(min(dates)))}</td><td>{e(_date(max(dates)))}</td></tr>"
            for name, dates in sorted(seen.items())
        )
        return (
            '<div class="table-scroll"><table class="reviewers"><thead><tr><th>Reviewer</th>'
            "<th>Grades</th><th>Final verdicts</th><th>First</th><th>Last</th></tr></thead>"
            f"<tbody>{body}</tbody></table></div>"
        )

    def article_section(self, article: Article, rows: list[dict[str, Any]]) -> str:
        numbered = list(enumerate(sorted(rows, key=lambda r: (r["start"], r["claim_id"])), 1))
        meta = []
        if article.author:
            meta.append(f"By {e(article.author)}")
        if article.published:
            meta.append(f"published {e(article.published)}")
        source = public_source(article)
        if source:
            meta.append(_link(source, source))
        graded = sum(1 for r in rows if r["verdict"])
        last = max((str(r["updated_at"]) for r in rows), default="")
        return (
            f'<section class="article" id="article-{article.id}" data-article="{article.id}">'
            f"<h1>{e(article.title)}</h1>"
            + (f'<p class="meta">{" · ".join(meta)}</p>' if meta else "")
            + f'<p class="meta">{len(rows)} claims, {graded} graded'
            + (f" · last change {e(_date(last))}" if last else "")
            + "</p>"
            + f"<h2>Verdicts</h2>{self.chart(rows)}"
            + f"<h2>Claims</h2>{self.table(article, numbered)}"
            + f"<h2>The article</h2>{self.article_text(article, numbered)}"
            + "<h2>Verdicts and evidence</h2>"
            + "".join(self.claim_section(article, n, row) for n, row in numbered)
            + f"<h2>Reviewers</h2>{self.reviewers(rows)}"
            + "</section>"
        )

    def render(self) -> str:
        rows = report_selection(self.export).rows
        by_article: dict[int, list[dict[str, Any]]] = {}
        for row in rows:
            by_article.setdefault(int(row["article_id"]), []).append(row)
        articles = [self.data.articles[aid] for aid in sorted(by_article)]
        title = articles[0].title if len(articles) == 1 else "Fact-check report"
        desk = self.export.desk
        byline = _link(desk.organization_url, desk.organization) if desk.organization else ""
        body = "".join(self.article_section(a, by_article[a.id]) for a in articles)
        if not body:
            body = "<h1>Fact-check report</h1><p>No claims match.</p>"
        footer = (
            f"<footer>Fact-check report{' by ' + byline if byline else ''}, "
            f"made with annotator. Verdict scale: {e(self.scale.title)}."
            + (f" Log head: <code>{e(self.export.log_head)}</code>" if self.export.log_head else "")
            + "</footer>"
        )
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en"><head><meta charset="utf-8">'
            '<meta http-equiv="Content-Security-Policy" '
            "content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{e(title)}</title><style>{CSS}</style></head>"
            f"<body><main>{body}</main>{footer}</body></html>\n"
        )


def report_selection(export: ExportSet) -> Selection:
    """The claims the report shows: all but the dismissed ones, unless asked for."""
    return export.reader_selection()


def to_html(export: ExportSet) -> str:
    """The report as one HTML document."""
    return _Report(export).render()
