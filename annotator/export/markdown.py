"""The claims as a Markdown document to read: one section per claim.

Each article gets a heading, where it appeared, and then each claim in text order: its
label, its words as a quotation, the verdict in force (final, agreed, disputed or stale),
the certainty of the evidence, the rationale, and the sources with their stance and
quotes. Dismissed claims are left out unless asked for. Article and citation text is
escaped, so nothing in it becomes a link, an image, emphasis or HTML.
(``--format md-table`` writes the full claim table instead.)
"""

from __future__ import annotations

import re
from typing import Any

from annotator.export.document_text import shown
from annotator.export.published import Selection, Standing, settle
from annotator.export.table import ExportSet, public_source
from annotator.model import Evidence
from annotator.sources.identifiers import format_reference

# What Markdown reads as markup anywhere on a line ("(" and "!" only matter next to a
# "[" or "]", which are escaped) ...
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
# ... and at the start of one: lists, headings, quotes, setext underlines.
_LINE_START = re.compile(r"^(\s*)([-+=>#])", re.MULTILINE)
# An ordered list marker: the stop after the digits is what escapes (a digit cannot).
_NUMBERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)
STANCES = {
    "supports": "Supports",
    "contradicts": "Contradicts",
    "mixed": "Mixed",
    "mentions": "Mentions",
}
STANDINGS = {
    Standing.FINAL: "final verdict",
    Standing.AGREED: "reviewers agree",
    Standing.DISPUTED: "DISPUTED: reviewers disagree",
    Standing.STALE: "STALE: graded before the claim's words changed",
}


def md_text(value: Any) -> str:
    """Plain text that Markdown shows as it is, on one line."""
    text = " ".join(shown(value or "").split())
    text = _SPECIAL.sub(r"\\\1", text)
    text = _NUMBERED.sub(r"\1\\\2", text)
    return _LINE_START.sub(r"\1\\\2", text)


def markdown_selection(export: ExportSet) -> Selection:
    """The claims the document holds: all but the dismissed ones, unless asked for."""
    return export.reader_selection()


def _source_line(export: ExportSet, link: Evidence) -> str:
    citation = export.full().citations[link.citation_id]
    line = f"- **{STANCES.get(str(link.stance), str(link.stance))}:** "
    line += md_text(format_reference(citation))
    if citation.retracted:
        line += " **(retracted)**"
    if link.quote:
        line += f" — “{md_text(link.quote)}”"
    if link.locator:
        line += f" ({md_text(link.locator)})"
    return line


def _claim(export: ExportSet, n: int, row: dict[str, Any]) -> list[str]:
    data = export.full()
    settlement = settle(data.grades.get(row["claim_id"], []))
    out = [f"### {n}. {md_text(row['label'] or row['text'])}", "", f"> {md_text(row['text'])}", ""]
    if row["claim_id"] in export.orphaned:
        out += ["_Not in the text: its words left the article in a newer version._", ""]
    grade = settlement.grade
    own = [g for g in data.grades.get(row["claim_id"], []) if not g.final]
    # Reviewers who disagree, with no final verdict over them (a stale one included).
    apart = grade is not None and not grade.final and len({g.verdict for g in own}) > 1
    if grade is None:
        out.append("**Verdict:** not graded yet")
    elif apart and settlement.standing in (Standing.DISPUTED, Standing.STALE):
        # The latest grade is one reviewer's: each is named, none stands for the claim.
        each = "; ".join(
            f"{g.reviewer}: {level.label if (level := export.scale.get(g.verdict)) else g.verdict}"
            + (", stale" if g.stale else "")
            for g in sorted(own, key=lambda g: g.reviewer)
        )
        standing = STANDINGS[Standing.DISPUTED].lower()
        if settlement.standing == Standing.STALE:
            standing = (
                "stale and disputed: reviewers disagree, and a grade predates the claim's words"
            )
        out.append(f"**Verdict:** {standing} ({md_text(each)})")
    else:
        level = export.scale.get(grade.verdict)
        verdict = level.label if level else grade.verdict
        standing = STANDINGS[settlement.standing]
        if settlement.standing == Standing.AGREED and len(own) == 1:
            standing = "one reviewer"  # nobody else graded it: no agreement to speak of
        out.append(f"**Verdict:** {md_text(verdict)} ({standing})  ")
        certainty = export.scales.certainty.get(grade.certainty) if grade.certainty else None
        if grade.certainty:
            label = certainty.label if certainty else grade.certainty
            out.append(f"**Certainty of the evidence:** {md_text(label)}  ")
        if grade.reasons:
            out.append(f"**Reasons:** {md_text(', '.join(grade.reasons))}  ")
        if grade.note:
            out.append(f"**Rationale:** {md_text(grade.note)}")
    if out[-1].endswith("  "):
        out[-1] = out[-1].rstrip()
    links = data.evidence.get(row["claim_id"], [])
    out.append("")
    if links:
        out.append("**Sources:**")
        out.append("")
        out.extend(_source_line(export, link) for link in links)
    else:
        out.append("_No sources linked._")
    out.append("")
    return out


def to_markdown_document(export: ExportSet) -> str:
    rows = markdown_selection(export).rows
    data = export.full()
    by_article: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        by_article.setdefault(int(row["article_id"]), []).append(row)
    out: list[str] = []
    for article_id in sorted(by_article):
        article = data.articles[article_id]
        article_rows = sorted(by_article[article_id], key=lambda r: (r["start"], r["claim_id"]))
        out += [f"# {md_text(article.title)}", ""]
        meta = []
        if article.author:
            meta.append(f"By {md_text(article.author)}")
        if article.published:
            meta.append(f"published {md_text(article.published)}")
        source = public_source(article)
        if source.startswith(("http://", "https://")):
            meta.append(f"<{shown(source).replace('>', '%3E').replace(' ', '%20')}>")
        elif source:
            meta.append(md_text(source))
        if meta:
            out += [" · ".join(meta), ""]
        graded = sum(1 for r in article_rows if r["verdict"])
        out += [f"{len(article_rows)} claims, {graded} graded.", ""]
        for n, row in enumerate(article_rows, 1):
            out += _claim(export, n, row)
    if not out:
        out = ["_No claims._", ""]
    return "\n".join(out)
