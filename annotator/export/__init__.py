"""Every export format by name: what it needs and how it is rendered.

The renderers live in their own modules and are imported only when used, so a CSV
export never loads the XLSX writer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import import_module
from typing import Any


@dataclass(frozen=True)
class ExportFormat:
    name: str
    module: str
    function: str
    extension: str
    binary: bool = False
    full: bool = False  # needs grades and evidence as objects, not only the table
    rows_only: bool = False  # the function takes the rows, not the ExportSet
    # A generator of (text, claims) pieces from the store, for writing as it reads;
    # its output equals the function's.
    stream: str = ""
    description: str = ""
    selection: str = ""  # the module's function naming the claims written and left out


EXPORT_FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "csv",
            "annotator.export.table",
            "export_csv",
            "csv",
            stream="stream_csv",
            description="the claim table, for spreadsheets (UTF-8 with BOM)",
        ),
        ExportFormat(
            "xlsx",
            "annotator.export.xlsx",
            "export_xlsx",
            "xlsx",
            binary=True,
            description="the claim table as an Excel workbook",
        ),
        ExportFormat(
            "jsonl",
            "annotator.export.table",
            "to_jsonl",
            "jsonl",
            rows_only=True,
            stream="stream_jsonl",
            description="the claim table, one JSON object a line",
        ),
        ExportFormat(
            "json",
            "annotator.export.table",
            "to_json",
            "json",
            rows_only=True,
            description="the claim table as a JSON array",
        ),
        ExportFormat(
            "md",
            "annotator.export.markdown",
            "to_markdown_document",
            "md",
            full=True,
            description="a readable Markdown document: each claim, verdict, certainty, "
            "rationale and sources",
            selection="markdown_selection",
        ),
        ExportFormat(
            "md-table",
            "annotator.export.table",
            "to_markdown",
            "md",
            rows_only=True,
            description="the full claim table in Markdown",
        ),
        ExportFormat(
            "html",
            "annotator.export.report",
            "to_html",
            "html",
            full=True,
            description="a self-contained report to read or print",
            selection="report_selection",
        ),
        ExportFormat(
            "claimreview",
            "annotator.export.claimreview",
            "to_claimreview",
            "jsonld",
            full=True,
            description="schema.org ClaimReview JSON-LD, one per settled verdict",
            selection="claimreview_selection",
        ),
        ExportFormat(
            "claimreview-html",
            "annotator.export.claimreview",
            "to_claimreview_html",
            "html",
            full=True,
            description="the ClaimReview JSON-LD as a ready <script> block for a web page",
            selection="claimreview_selection",
        ),
        ExportFormat(
            "fever",
            "annotator.export.research",
            "to_fever",
            "jsonl",
            full=True,
            description="FEVER JSON lines (SUPPORTS / REFUTES / NOT ENOUGH INFO with evidence "
            "sets), settled verdicts only",
            selection="fever_selection",
        ),
        ExportFormat(
            "webannotation",
            "annotator.export.research",
            "to_webannotation",
            "jsonld",
            full=True,
            description="W3C Web Annotations with text quote and position selectors",
            selection="webannotation_selection",
        ),
    )
}


def stream(
    name: str,
    store: Any,
    article_id: int | None,
    *,
    status: str | None = None,
    verdict: str | None = None,
    viewer: Any = None,
) -> Iterator[tuple[str, int]]:
    """Format ``name`` (one with ``stream``) as (text, claims) pieces, read part by part;
    ``viewer`` (an ``annotator.grades.visibility.Viewer``): who exports, under blind review."""
    fmt = EXPORT_FORMATS[name]
    function = getattr(import_module(fmt.module), fmt.stream)
    pieces: Iterator[tuple[str, int]] = function(
        store, article_id, status=status, verdict=verdict, viewer=viewer
    )
    return pieces


def select(name: str, export: Any) -> Any:
    """The ``Selection`` format ``name`` writes of ``export``: its rows, out of how many,
    and why the others were left out (for an honest count)."""
    from annotator.export.published import Selection

    fmt = EXPORT_FORMATS[name]
    if not fmt.selection:
        return Selection(export.rows, len(export.rows))
    return getattr(import_module(fmt.module), fmt.selection)(export)


def render(name: str, export: Any) -> str | bytes:
    """The export ``export`` (an ``ExportSet``) in format ``name``."""
    fmt = EXPORT_FORMATS[name]
    function = getattr(import_module(fmt.module), fmt.function)
    result: str | bytes = function(export.rows if fmt.rows_only else export)
    return result
