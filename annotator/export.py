"""The graded claim table and its text formats: CSV, JSON lines, JSON, Markdown.

One row per claim, the same columns in every format. Rows are plain dicts so every
format (and the report) reads one shape.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from annotator.citations import format_reference
from annotator.model import Citation, Stance
from annotator.store import Store

COLUMNS: tuple[str, ...] = (
    "article_id",
    "article_title",
    "claim_id",
    "start",
    "end",
    "label",
    "text",
    "status",
    "score",
    "verdict",
    "verdict_label",
    "verdict_meaning",
    "verdict_source",
    "certainty",
    "grade_reasons",
    "reviewers",
    "sources_for",
    "sources_against",
    "quotes",
    "note",
    "updated_at",
)

# Cells that a spreadsheet would run as a formula when they start with one of these.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def claim_rows(
    store: Store,
    article_id: int | None = None,
    *,
    status: str | None = None,
    verdict: str | None = None,
) -> list[dict[str, Any]]:
    """The graded claim table: one dict per claim, keys as in ``COLUMNS``."""
    articles = [store.get_article(article_id)] if article_id else store.list_articles()
    scale = store.scales.verdict
    if verdict:
        verdict = scale.validate(verdict).key
    citations: dict[int, Citation] = {}
    rows: list[dict[str, Any]] = []
    for article in articles:
        for claim in store.claims(article.id):
            if status and claim.status != status:
                continue
            grades = store.grades_for(claim.id)
            final = next((g for g in grades if g.final), None)
            reviews = [g for g in grades if not g.final]
            current = final or max(reviews, key=lambda g: (g.graded_at, g.id), default=None)
            if verdict and (current is None or current.verdict != verdict):
                continue
            level = scale.get(current.verdict) if current else None
            links = store.evidence_for(claim.id)
            for link in links:
                if link.citation_id not in citations:
                    citations[link.citation_id] = store.get_citation(link.citation_id)

            def refs(stances: tuple[Stance, ...], links: Any = links) -> str:
                return "; ".join(
                    format_reference(citations[e.citation_id]) for e in links if e.stance in stances
                )

            quotes = "; ".join(
                f"\u201c{e.quote}\u201d" + (f" ({e.locator})" if e.locator else "")
                for e in links
                if e.quote
            )
            rows.append(
                {
                    "article_id": article.id,
                    "article_title": article.title,
                    "claim_id": claim.id,
                    "start": claim.start,
                    "end": claim.end,
                    "label": claim.label,
                    "text": claim.text,
                    "status": str(claim.status),
                    "score": claim.score,
                    "verdict": current.verdict if current else "",
                    "verdict_label": level.label if level else "",
                    "verdict_meaning": level.meaning if level else "",
                    "verdict_source": ("final" if final else "reviewer") if current else "",
                    "certainty": current.certainty if current else "",
                    "grade_reasons": ", ".join(current.reasons) if current else "",
                    "reviewers": "; ".join(f"{g.reviewer}: {g.verdict}" for g in reviews),
                    "sources_for": refs((Stance.SUPPORTS,)),
                    "sources_against": refs((Stance.CONTRADICTS, Stance.MIXED)),
                    "quotes": quotes,
                    "note": "\n".join(
                        x for x in (claim.note, current.note if current else "") if x
                    ),
                    "updated_at": max(
                        [claim.updated_at]
                        + [g.graded_at for g in grades]
                        + [e.updated_at for e in links]
                    ),
                }
            )
    return rows


def safe_cell(value: Any) -> Any:
    """Text that a spreadsheet would take for a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def to_csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe_cell(row[k]) for k in COLUMNS})
    return buffer.getvalue()


def to_jsonl(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def _md_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    for ch in "`*_[]<>":
        text = text.replace(ch, "\\" + ch)
    return " ".join(text.split())


MD_COLUMNS = (
    "claim_id",
    "label",
    "text",
    "verdict_label",
    "certainty",
    "sources_for",
    "sources_against",
    "note",
)


def to_markdown(rows: list[dict[str, Any]]) -> str:
    out: list[str] = []
    by_article: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        by_article.setdefault(int(row["article_id"]), []).append(row)
    for article_rows in by_article.values():
        out.append(f"## {_md_cell(article_rows[0]['article_title'])}\n")
        out.append("| " + " | ".join(MD_COLUMNS) + " |")
        out.append("|" + "---|" * len(MD_COLUMNS))
        for row in article_rows:
            out.append("| " + " | ".join(_md_cell(row[c]) for c in MD_COLUMNS) + " |")
        out.append("")
    if not out:
        out.append("_No claims._\n")
    return "\n".join(out)


FORMATS: dict[str, Callable[[list[dict[str, Any]]], str]] = {
    "csv": to_csv,
    "jsonl": to_jsonl,
    "json": to_json,
    "md": to_markdown,
}
