"""The graded claim table and its text formats: CSV, JSON lines, JSON, Markdown.

One row per claim, the same columns in every format. Rows are plain dicts so every
format (and the report) reads one shape. ``collect`` gathers the rows together with
what the richer formats (report, ClaimReview, research formats) also need.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from annotator.citations import format_reference
from annotator.config import DeskConfig
from annotator.model import ClaimStatus, Grade
from annotator.scales import Level, Scale, Scales
from annotator.store import ClaimTable, EvidenceLine, ExportData, Store

COLUMNS: tuple[str, ...] = (
    "article_id",
    "article_title",
    "article_source",
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
    "final_verdict",
    "certainty",
    "grade_reasons",
    "reviewers",
    "sources_for",
    "sources_against",
    "sources_mixed",
    "quotes",
    "note",
    "updated_at",
)

# Cells that a spreadsheet would run as a formula when they start with one of these.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# Excel reads a CSV file without a byte order mark in the machine's legacy code page
# (é becomes Ã©); with one it reads UTF-8. Every CSV export therefore starts with it.
UTF8_BOM = "\ufeff"


@dataclass(frozen=True)
class ExportSet:
    """The rows of one export, the data behind them, and who publishes them."""

    table: ClaimTable
    rows: list[dict[str, Any]]
    scales: Scales
    desk: DeskConfig = field(default_factory=DeskConfig)
    status: str | None = None
    """The status filter asked for, if any."""
    data: ExportData | None = None
    """Full model objects (grades, evidence), fetched for the formats that need them."""

    @property
    def scale(self) -> Scale:
        """The verdict scale in force."""
        return self.scales.verdict

    def reader_rows(self) -> list[dict[str, Any]]:
        """Rows a reader should see: dismissed claims only when they were asked for."""
        if self.status == str(ClaimStatus.DISMISSED):
            return self.rows
        return [r for r in self.rows if r["status"] != str(ClaimStatus.DISMISSED)]

    def full(self) -> ExportData:
        if self.data is None:
            raise RuntimeError("this export was collected without full data (full=True)")
        return self.data


def current_grade(grades: list[Grade]) -> Grade | None:
    """The grade in force: the editor's final one, else the latest reviewer's."""
    final = next((g for g in grades if g.final), None)
    if final is not None:
        return final
    return max(grades, key=lambda g: (g.graded_at, g.id), default=None)


def format_quote(quote: str, locator: str, stance: str) -> str:
    """A quoted passage with its locator and stance: “...” (p. 4) [supports]."""
    where = f" ({locator})" if locator else ""
    return f"\u201c{quote}\u201d{where} [{stance}]"


def build_rows(
    table: ClaimTable,
    scale: Scale,
    *,
    status: str | None = None,
    verdict: str | None = None,
) -> list[dict[str, Any]]:
    """The graded claim table: one dict per claim, keys as ``COLUMNS``."""
    if verdict:
        verdict = scale.validate(verdict).key
    levels: dict[str, Level] = {level.key: level for level in scale.levels}
    refs = {cid: format_reference(c) for cid, c in table.citations.items()}
    articles = table.articles
    no_links: list[EvidenceLine] = []
    rows: list[dict[str, Any]] = []
    append = rows.append
    for line in table.lines:
        if status and line.status != status:
            continue
        if verdict and line.verdict != verdict:
            continue
        article = articles[line.article_id]
        level = levels.get(line.verdict) if line.verdict else None
        links = table.evidence.get(line.claim_id, no_links)
        updated = max(line.claim_updated_at, line.last_graded_at or "")
        sources_for, against, mixed, quotes = [], [], [], []
        for e in links:
            if e.updated_at > updated:
                updated = e.updated_at
            if e.stance == "supports":
                sources_for.append(refs[e.citation_id])
            elif e.stance == "contradicts":
                against.append(refs[e.citation_id])
            elif e.stance == "mixed":
                mixed.append(refs[e.citation_id])
            if e.quote:
                quotes.append(format_quote(e.quote, e.locator, e.stance))
        graded = line.verdict is not None
        append(
            {
                "article_id": article.id,
                "article_title": article.title,
                "article_source": article.source,
                "claim_id": line.claim_id,
                "start": line.start,
                "end": line.end,
                "label": line.label,
                "text": line.text,
                "status": line.status,
                "score": line.score,
                "verdict": line.verdict or "",
                "verdict_label": level.label if level else "",
                "verdict_meaning": level.meaning if level else "",
                "verdict_source": ("final" if line.final else "reviewer") if graded else "",
                "final_verdict": line.verdict if line.final else "",
                "certainty": line.certainty or "",
                "grade_reasons": line.grade_reasons or "",
                "reviewers": line.reviewers or "",
                "sources_for": "; ".join(sources_for),
                "sources_against": "; ".join(against),
                "sources_mixed": "; ".join(mixed),
                "quotes": "; ".join(quotes),
                "note": "\n".join(x for x in (line.claim_note, line.grade_note) if x),
                "updated_at": updated,
            }
        )
    return rows


def collect(
    store: Store,
    article_id: int | None = None,
    *,
    status: str | None = None,
    verdict: str | None = None,
    desk: DeskConfig | None = None,
    full: bool = False,
) -> ExportSet:
    """Fetch once and build the rows; ``full`` also fetches grades and evidence as objects."""
    table = store.claim_table(article_id)
    rows = build_rows(table, store.scales.verdict, status=status, verdict=verdict)
    data = store.export_data(article_id) if full else None
    return ExportSet(table, rows, store.scales, desk or DeskConfig(), status, data)


def claim_rows(
    store: Store,
    article_id: int | None = None,
    *,
    status: str | None = None,
    verdict: str | None = None,
) -> list[dict[str, Any]]:
    """The graded claim table: one dict per claim, keys as in ``COLUMNS``."""
    return collect(store, article_id, status=status, verdict=verdict).rows


def safe_cell(value: Any) -> Any:
    """Text that a spreadsheet would take for a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def to_csv(rows: list[dict[str, Any]]) -> str:
    """RFC 4180 CSV for spreadsheets: a UTF-8 byte order mark, CRLF, no formula cells."""
    buffer = io.StringIO()
    buffer.write(UTF8_BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    prefixes = FORMULA_PREFIXES
    writer.writerows(
        [
            ("'" + v if isinstance(v, str) and v.startswith(prefixes) else v)
            for v in (row[k] for k in COLUMNS)
        ]
        for row in rows
    )
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


MD_COLUMNS = COLUMNS


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
