"""The graded claim table and its text formats: CSV, JSON lines, JSON, Markdown.

One row per claim, the same columns in every format. ``collect`` builds the rows as
tuples in the order of ``COLUMNS`` (``ExportSet.cells``), which the spreadsheet
formats write as they are; the other formats read them as dicts (``ExportSet.rows``).
It gathers them together with what the richer formats (report, ClaimReview, research
formats) also need.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, starmap
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from annotator.config import DeskConfig
from annotator.export.document_text import shown
from annotator.export.published import Selection, Settlement, publishable, without_dismissed
from annotator.grades.visibility import Viewer
from annotator.model import Anchor, Article, ClaimStatus, Grade
from annotator.scales import Scale, Scales
from annotator.sources.identifiers import format_reference
from annotator.store import ClaimTable, ExportData, Store

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
    "stale",
    # exact, moved, fuzzy, ambiguous or orphaned: an orphan's words left the article in a
    # newer version, so its start and end are those of the older text (as `claims --json`).
    "anchor",
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
    cells: list[tuple[Any, ...]]
    """One tuple per claim, values in the order of ``COLUMNS`` (see ``table_cells``)."""
    scales: Scales
    desk: DeskConfig = field(default_factory=DeskConfig)
    status: str | None = None
    """The status filter asked for, if any."""
    data: ExportData | None = None
    """Full model objects (grades, evidence), fetched for the formats that need them."""
    include_stale: bool = False
    """Publish verdicts given to words that have changed since (``--include-stale``)."""
    include_disputed: bool = False
    """Publish claims whose reviewers disagree, with the latest grade (``--include-disputed``)."""
    log_head: str = ""
    """The event log's head (``COUNT:HASH``) when the rows were read: what the report
    prints so a reader can check the desk's log with ``annotator verify --expect``."""

    @cached_property
    def rows(self) -> list[dict[str, Any]]:
        """One dict per claim, keys as ``COLUMNS``; built on first use."""
        return [dict(zip(COLUMNS, values, strict=True)) for values in self.cells]

    @property
    def scale(self) -> Scale:
        """The verdict scale in force."""
        return self.scales.verdict

    def reader_selection(self) -> Selection:
        """Rows a reader should see: dismissed claims only when they were asked for."""
        return without_dismissed(self.rows, self.status == str(ClaimStatus.DISMISSED))

    def reader_rows(self) -> list[dict[str, Any]]:
        """Rows a reader should see: dismissed claims only when they were asked for."""
        return self.reader_selection().rows

    def published(self, *, keep_ungraded: bool = False) -> tuple[Selection, dict[int, Settlement]]:
        """Rows whose verdict may be published (see ``published.publishable``)."""
        return publishable(
            self.rows,
            self.full().grades,
            keep_dismissed=self.status == str(ClaimStatus.DISMISSED),
            include_stale=self.include_stale,
            include_disputed=self.include_disputed,
            keep_ungraded=keep_ungraded,
            orphaned=self.orphaned,
        )

    @cached_property
    def orphaned(self) -> frozenset[int]:
        """Claims whose words left the article in a newer version: their offsets point
        into text that is gone, so no export marks or publishes them."""
        return frozenset(c.id for c in self.full().claims if c.anchor == Anchor.ORPHANED)

    def full(self) -> ExportData:
        if self.data is None:
            raise RuntimeError("this export was collected without full data (full=True)")
        return self.data


def public_source(article: Article) -> str:
    """Where the article can be found, fit to publish: its web address, else its file's
    name; never the importing machine's path."""
    source = article.source.strip()
    if source.startswith(("http://", "https://")):
        return source
    if not source or source == "stdin":
        return ""
    return PureWindowsPath(source).name if "\\" in source else PurePosixPath(source).name


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


def table_cells(
    table: ClaimTable,
    scale: Scale,
    *,
    status: str | None = None,
    verdict: str | None = None,
) -> list[tuple[Any, ...]]:
    """The graded claim table: one tuple per claim, values in the order of ``COLUMNS``.

    The spreadsheet formats write these tuples as they are; ``build_rows`` names them.
    """
    if verdict:
        verdict = scale.validate(verdict).key
    levels = {level.key: (level.label, level.meaning) for level in scale.levels}
    no_level = ("", "")
    refs = {cid: format_reference(c) for cid, c in table.citations.items()}
    articles = {a.id: (a.id, a.title, public_source(a)) for a in table.articles.values()}
    evidence = table.evidence
    no_links: tuple[tuple[Any, ...], ...] = ()
    cells: list[tuple[Any, ...]] = []
    append = cells.append
    for (
        claim_id,
        article_id,
        start,
        end,
        claim_label,
        text,
        claim_status,
        score,
        claim_note,
        updated,
        line_verdict,
        certainty,
        grade_reasons,
        grade_note,
        final,
        _graded_at,
        reviewers,
        last_graded_at,
        stale,
        anchor,
    ) in table.lines:
        if status and claim_status != status:
            continue
        if verdict and line_verdict != verdict:
            continue
        if last_graded_at and last_graded_at > updated:
            updated = last_graded_at
        sources_for, against, mixed, quotes = [], [], [], []
        for _, citation_id, stance, quote, locator, link_updated in evidence.get(
            claim_id, no_links
        ):
            if link_updated > updated:
                updated = link_updated
            if stance == "supports":
                sources_for.append(refs[citation_id])
            elif stance == "contradicts":
                against.append(refs[citation_id])
            elif stance == "mixed":
                mixed.append(refs[citation_id])
            if quote:
                quotes.append(format_quote(quote, locator, stance))
        if line_verdict is None:
            label, meaning = no_level
            source = final_verdict = ""
        else:
            label, meaning = levels.get(line_verdict, no_level)
            source = "final" if final else "reviewer"
            final_verdict = line_verdict if final else ""
        append(
            (
                *articles[article_id],
                claim_id,
                start,
                end,
                claim_label,
                text,
                claim_status,
                score,
                line_verdict or "",
                label,
                meaning,
                source,
                final_verdict,
                bool(stale),
                anchor,
                certainty or "",
                grade_reasons or "",
                reviewers or "",
                "; ".join(sources_for),
                "; ".join(against),
                "; ".join(mixed),
                "; ".join(quotes),
                f"{claim_note}\n{grade_note}"
                if claim_note and grade_note
                else claim_note or grade_note or "",
                updated,
            )
        )
    return cells


def build_rows(
    table: ClaimTable,
    scale: Scale,
    *,
    status: str | None = None,
    verdict: str | None = None,
) -> list[dict[str, Any]]:
    """The graded claim table: one dict per claim, keys as ``COLUMNS``."""
    cells = table_cells(table, scale, status=status, verdict=verdict)
    return [dict(zip(COLUMNS, values, strict=True)) for values in cells]


def collect(
    store: Store,
    article_id: int | None = None,
    *,
    status: str | None = None,
    verdict: str | None = None,
    desk: DeskConfig | None = None,
    full: bool = False,
    include_stale: bool = False,
    include_disputed: bool = False,
    viewer: Viewer | None = None,
) -> ExportSet:
    """Fetch once and build the rows; ``full`` also fetches grades and evidence as objects.

    ``viewer``: who exports; blind review keeps from them what it keeps on screen.
    """
    table = store.claim_table(article_id, viewer=viewer)
    cells = table_cells(table, store.scales.verdict, status=status, verdict=verdict)
    data = store.export_data(article_id, viewer=viewer) if full else None
    head = store.log_head() if full else None
    return ExportSet(
        table,
        cells,
        store.scales,
        desk or DeskConfig(),
        status,
        data,
        include_stale=include_stale,
        include_disputed=include_disputed,
        log_head=str(head or ""),
    )


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


# Joins a column's values so that a few substring searches (in C) test them all.
_SEP = "\x1f"


def _csv_field(value: Any) -> str:
    """One value as CSV field text, neutralized and quoted as needed (the slow path)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return str(value)
    text = str.__str__(value)
    if text.startswith(FORMULA_PREFIXES):
        text = "'" + text
    return _csv_quoted(text)


def _csv_quoted(text: str) -> str:
    """Quoted when it holds a comma, a double quote (doubled inside), CR or LF: what
    csv.QUOTE_MINIMAL does with a "," delimiter and a "\\r\\n" line terminator."""
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def starts_like_a_formula(blob: str, sep: str) -> bool:
    """Whether a value in ``blob`` (values each preceded by ``sep``) starts like a formula.

    A few substring searches test a whole column; a match inside a value is only a
    false alarm (the caller then checks the values one by one).
    """
    return any(p in blob and sep + p in blob for p in FORMULA_PREFIXES)


def _csv_column(values: Sequence[Any]) -> list[str] | None:
    """One column's fields, or None when ``format`` writes every value as it is.

    Whole-column tests keep the per-value work to the columns that need it.
    """
    kinds = set(map(type, values))
    if kinds <= {int, float}:
        return None  # a number never starts like a formula nor needs quotes
    if kinds != {str}:
        return list(map(_csv_field, values))
    blob = _SEP + _SEP.join(values)
    if starts_like_a_formula(blob, _SEP):
        return list(map(_csv_field, values))
    if "," in blob or '"' in blob or "\n" in blob or "\r" in blob:
        return list(map(_csv_quoted, values))
    return None


def csv_text(cells: Sequence[tuple[Any, ...]]) -> str:
    """RFC 4180 CSV for spreadsheets: a UTF-8 byte order mark, CRLF, no formula cells.

    ``cells`` holds one tuple per claim in the order of ``COLUMNS``. The text is what
    ``csv.writer`` writes for the same values once ``safe_cell`` has neutralized them
    (a test holds it to that).
    """
    return CSV_HEADER + csv_lines(cells)


CSV_HEADER = UTF8_BOM + ",".join(COLUMNS) + "\r\n"


def csv_lines(cells: Sequence[tuple[Any, ...]]) -> str:
    """The CSV lines of ``cells`` (no header), each ending in CRLF.

    Each line comes from one ``str.format`` call over the claim's values plus the
    fields of the few columns that need rewriting.
    """
    width = len(COLUMNS)
    fields = [f"{{{j}}}" for j in range(width)]
    rewritten: list[list[str]] = []
    for j, values in enumerate(zip(*cells, strict=True)):
        column = _csv_column(values)
        if column is not None:
            fields[j] = f"{{{width + len(rewritten)}}}"
            rewritten.append(column)
    line = ",".join(fields).format
    # Each claim's values, then its rewritten fields (zip of no columns: none).
    args = map(tuple.__add__, cells, zip(*rewritten, strict=True)) if rewritten else cells
    return "\r\n".join([*starmap(line, args), ""])


def to_csv(rows: list[dict[str, Any]]) -> str:
    """The rows (dicts keyed by ``COLUMNS``) as CSV; see ``csv_text``."""
    return csv_text([tuple(row[k] for k in COLUMNS) for row in rows])


def export_csv(export: ExportSet) -> str:
    """An export's claim table as CSV, straight from its cells."""
    return csv_text(export.cells)


def to_jsonl(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def _md_cell(value: Any) -> str:
    text = shown(value)
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


# -- streamed: a part of the table at a time, so memory stays flat in the claim count --


def _cells_in_parts(
    store: Store,
    article_id: int | None,
    status: str | None,
    verdict: str | None,
    viewer: Viewer | None,
) -> Iterator[list[tuple[Any, ...]]]:
    """The cells part by part; a bad article or verdict fails now, before any output."""
    scale = store.scales.verdict
    if verdict:
        verdict = scale.validate(verdict).key
    parts = store.claim_table_parts(article_id, viewer=viewer)
    return (table_cells(part, scale, status=status, verdict=verdict) for part in parts)


def stream_csv(
    store: Store,
    article_id: int | None = None,
    *,
    status: str | None,
    verdict: str | None,
    viewer: Viewer | None = None,
) -> Iterator[tuple[str, int]]:
    """``export_csv`` of the same claims as text pieces, each with its claim count."""
    parts = _cells_in_parts(store, article_id, status, verdict, viewer)
    return chain([(CSV_HEADER, 0)], ((csv_lines(cells), len(cells)) for cells in parts))


def stream_jsonl(
    store: Store,
    article_id: int | None = None,
    *,
    status: str | None,
    verdict: str | None,
    viewer: Viewer | None = None,
) -> Iterator[tuple[str, int]]:
    """``to_jsonl`` of the same claims as text pieces, each with its claim count."""
    parts = _cells_in_parts(store, article_id, status, verdict, viewer)
    return ((to_jsonl([dict(zip(COLUMNS, v, strict=True)) for v in cells]), len(cells))
            for cells in parts)  # fmt: skip
