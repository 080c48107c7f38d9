"""The graded claim table as an Excel workbook (XLSX), written directly as OOXML.

An XLSX file is a zip of XML parts (ECMA-376 / ISO/IEC 29500 SpreadsheetML). This
module writes the few parts a one-sheet workbook needs and streams the sheet's rows
into the zip; a general-purpose writer spends most of an export on per-cell objects.

Every value keeps its own type: text is an inline string (``t="inlineStr"``, never
parsed as a formula, number or link), numbers are numbers. Text that a spreadsheet
would take for a formula once edited or re-saved as CSV (``=``, ``+``, ``-``, ``@``,
tab, carriage return at the start) also carries Excel's quote prefix (cell style 2),
the flag Excel itself sets when a user types an apostrophe: the cell shows the text as
it is and stays text when edited. Text is escaped the way Excel and XlsxWriter do it:
``& < >`` as entities, control characters as ``_xHHHH_`` (and a literal ``_xHHHH_``
as ``_x005F_xHHHH_``), ``xml:space="preserve"`` when it starts or ends with a space.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from datetime import datetime
from itertools import count, islice, starmap
from typing import Any

from annotator.export.table import (
    COLUMNS,
    FORMULA_PREFIXES,
    ExportSet,
    starts_like_a_formula,
)

# Column widths in characters, for the columns people read; the rest get DEFAULT_WIDTH.
WIDTHS = {
    "article_title": 30,
    "label": 30,
    "text": 60,
    "reviewers": 30,
    "sources_for": 40,
    "sources_against": 40,
    "sources_mixed": 40,
    "quotes": 50,
    "note": 40,
    "updated_at": 21,
}
DEFAULT_WIDTH = 12
# Fixed document dates keep the file reproducible for the same data.
EPOCH = datetime(2000, 1, 1)
# Zip entries carry a fixed time too (the earliest a zip can hold).
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# zlib level for the parts: 1 is about three times faster than the default 6 on a
# large sheet, for a file about a third larger.
COMPRESSLEVEL = 1
# Excel keeps at most this many UTF-16 code units in a cell; longer text is cut.
MAX_CELL_UNITS = 32767
ROWS_PER_CHUNK = 2000

_HEADER_STYLE, _QUOTED_STYLE = 1, 2
_SEP = "\n"  # joins a column's values for whole-column tests (kept as is in XML text)
_LOOKALIKE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")


def _letters(index: int) -> str:
    """A column's letters: 0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


LETTERS = [_letters(j) for j in range(len(COLUMNS))]
LAST = LETTERS[-1]


def _truncated(text: str) -> str:
    """``text`` cut to what a cell holds, never inside a surrogate pair."""
    if len(text) <= MAX_CELL_UNITS // 2:
        return text
    units = text.encode("utf-16-le")
    if len(units) <= 2 * MAX_CELL_UNITS:
        return text
    units = units[: 2 * MAX_CELL_UNITS]
    if 0xD8 <= units[-1] <= 0xDB:  # the first half of a pair: drop it
        units = units[:-2]
    return units.decode("utf-16-le")


def _text_cell(ref: str, value: str) -> str:
    """An inline-string cell, or "" for empty text (no cell at all)."""
    if not value:
        return ""
    text = _truncated(value)
    style = f' s="{_QUOTED_STYLE}"' if text.startswith(FORMULA_PREFIXES) else ""
    if "_x" in text:
        text = _LOOKALIKE.sub(r"_x005F\1", text)
    text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _any_cell(ref: str, value: Any) -> str:
    """A cell for a value of any type: text as text, a boolean as its word, None as an
    empty text cell (empty text gets no cell)."""
    if isinstance(value, str):
        return _text_cell(ref, str.__str__(value))
    if value is None:
        return f'<c r="{ref}" t="inlineStr"><is><t></t></is></c>'
    if isinstance(value, bool):
        return _text_cell(ref, str(value).lower())
    return f'<c r="{ref}"><v>{value:.16G}</v></c>'


def _escaped(values: list[str]) -> list[str]:
    """``& < >`` as entities in every value; the whole column at once when it can."""
    blob = _SEP.join(values)
    if "&" not in blob and "<" not in blob and ">" not in blob:
        return values
    if blob.count(_SEP) == len(values) - 1:  # no value holds the separator
        blob = blob.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return blob.split(_SEP)
    return [v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for v in values]


def _simple_text(values: list[Any]) -> list[str] | None:
    """A text column's values escaped, when no value needs more than ``& < >`` escapes.

    That is: all text, none risky, long, spaced at either end or holding a control
    character or an escape lookalike; tested over the whole column at once. Else None.
    """
    if set(map(type, values)) != {str}:
        return None
    blob = _SEP + _SEP.join(values)
    if (
        starts_like_a_formula(blob, _SEP)
        or "_x" in blob
        or _CONTROL.search(blob)
        or max(map(len, values)) > MAX_CELL_UNITS // 2
        or list(map(str.strip, values)) != values
    ):
        return None
    return _escaped(values)


_NUMBER = '<c r="{letter}{{row}}"><v>{{{j}:.16G}}</v></c>'
_TEXT = '<c r="{letter}{{row}}" t="inlineStr"><is><t>{{{j}}}</t></is></c>'


def _sheet_rows(cells: Sequence[tuple[Any, ...]]) -> Iterator[str]:
    """The ``<row>`` elements of the claims, a chunk of rows at a time.

    Each row is one ``str.format`` call over the row's values and its number, plus
    extra arguments for the columns that are prepared a column at a time: escaped
    text, or whole cells where some are empty (no cell) or need more care.
    """
    width = len(COLUMNS)
    parts: list[str] = []
    extra: list[list[str]] = []
    for j, values in enumerate(zip(*cells, strict=True)):
        column, letter = list(values), LETTERS[j]
        arg = width + 1 + len(extra)  # the index of a prepared column's argument
        if set(map(type, column)) <= {int, float}:
            parts.append(_NUMBER.format(letter=letter, j=j))
        elif (texts := _simple_text(column)) is None:
            extra.append([_any_cell(f"{letter}{n}", v) for n, v in enumerate(column, 2)])
            parts.append(f"{{{arg}}}")
        elif not all(texts):
            extra.append(
                [
                    f'<c r="{letter}{n}" t="inlineStr"><is><t>{v}</t></is></c>' if v else ""
                    for n, v in enumerate(texts, 2)
                ]
            )
            parts.append(f"{{{arg}}}")
        elif texts is column:
            parts.append(_TEXT.format(letter=letter, j=j))
        else:
            extra.append(texts)
            parts.append(_TEXT.format(letter=letter, j=arg))
    # Arguments of a row: its values, then its number, then its prepared columns.
    row_template = ('<row r="{row}">' + "".join(parts) + "</row>").replace("{row}", f"{{{width}}}")
    args = map(tuple.__add__, cells, zip(count(2), *extra))
    rows = starmap(row_template.format, args)
    while chunk := "".join(islice(rows, ROWS_PER_CHUNK)):
        yield chunk


def _header_row() -> str:
    cells = "".join(
        f'<c r="{letter}1" s="{_HEADER_STYLE}" t="inlineStr"><is><t>{name}</t></is></c>'
        for letter, name in zip(LETTERS, COLUMNS, strict=True)
    )
    return f'<row r="1">{cells}</row>'


def _column_widths() -> str:
    """``<cols>``: runs of equal widths, in Excel's units (character width + 5 pixels)."""
    runs: list[tuple[int, int, int]] = []
    for j, name in enumerate(COLUMNS, 1):
        chars = WIDTHS.get(name, DEFAULT_WIDTH)
        if runs and runs[-1][2] == chars and runs[-1][1] == j - 1:
            runs[-1] = (runs[-1][0], j, chars)
        else:
            runs.append((j, j, chars))
    cols = "".join(
        f'<col min="{a}" max="{b}" width="{chars + 182 / 256}" customWidth="1"/>'
        for a, b, chars in runs
    )
    return f"<cols>{cols}</cols>"


_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument"


def _sheet_head(last_row: int) -> str:
    return (
        f'{_XML}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
        f'<dimension ref="A1:{LAST}{last_row}"/>'
        '<sheetViews><sheetView tabSelected="1" workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft"/></sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="15"/>{_column_widths()}<sheetData>{_header_row()}'
    )


def _sheet_tail(filter_rows: int) -> str:
    return (
        f'</sheetData><autoFilter ref="A1:{LAST}{filter_rows}"/>'
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3"'
        ' footer="0.3"/></worksheet>'
    )


def _static_parts(filter_rows: int, created: datetime) -> dict[str, str]:
    stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "[Content_Types].xml": (
            f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml"'
            ' ContentType="application/xml"/><Override PartName="/xl/workbook.xml"'
            f' ContentType="{_CT}.spreadsheetml.sheet.main+xml"/><Override'
            ' PartName="/xl/worksheets/sheet1.xml"'
            f' ContentType="{_CT}.spreadsheetml.worksheet+xml"/><Override'
            f' PartName="/xl/styles.xml" ContentType="{_CT}.spreadsheetml.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/'
            'vnd.openxmlformats-package.core-properties+xml"/><Override'
            f' PartName="/docProps/app.xml" ContentType="{_CT}.extended-properties+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            f'{_XML}<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1"'
            f' Type="{_REL}/officeDocument" Target="xl/workbook.xml"/><Relationship'
            f' Id="rId2" Type="{_PKG_REL}/metadata/core-properties"'
            ' Target="docProps/core.xml"/><Relationship Id="rId3"'
            f' Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
            "</Relationships>"
        ),
        "docProps/app.xml": (
            f'{_XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
            '2006/extended-properties"><Application>annotator</Application></Properties>'
        ),
        "docProps/core.xml": (
            f'{_XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/'
            '2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"'
            ' xmlns:dcterms="http://purl.org/dc/terms/"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            "<dc:title>Graded claims</dc:title>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            "</cp:coreProperties>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{_XML}<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1"'
            f' Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship'
            f' Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView/>'
            '</bookViews><sheets><sheet name="claims" sheetId="1" r:id="rId1"/></sheets>'
            '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0"'
            f' hidden="1">claims!$A$1:${LAST}${filter_rows}</definedName></definedNames>'
            "</workbook>"
        ),
        # Cell styles: 0 default, 1 the header (bold, thin bottom border), 2 quote prefix.
        "xl/styles.xml": (
            f'{_XML}<styleSheet xmlns="{_MAIN}"><fonts count="2"><font><sz val="11"/>'
            '<name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/>'
            '<name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill>'
            '<patternFill patternType="none"/></fill><fill><patternFill'
            ' patternType="gray125"/></fill></fills><borders count="2"><border><left/>'
            "<right/><top/><bottom/><diagonal/></border><border><left/><right/><top/>"
            '<bottom style="thin"><color auto="1"/></bottom><diagonal/></border>'
            '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0"'
            ' borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"'
            ' fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1"'
            ' fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1"/><xf'
            ' numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
            '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0"'
            ' builtinId="0"/></cellStyles></styleSheet>'
        ),
    }


def _created(cells: Sequence[tuple[Any, ...]]) -> datetime:
    """The workbook's date: the last change in the data, so equal data gives equal bytes."""
    updated = COLUMNS.index("updated_at")
    stamps = [str(c[updated]) for c in cells if c[updated]]
    if not stamps:
        return EPOCH
    try:
        return datetime.fromisoformat(max(stamps).replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return EPOCH


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    # The entry's zlib level: public as compress_level from Python 3.13, private before.
    level = "compress_level" if hasattr(info, "compress_level") else "_compresslevel"
    setattr(info, level, COMPRESSLEVEL)
    return info


def xlsx_bytes(cells: Sequence[tuple[Any, ...]]) -> bytes:
    """The claim table as XLSX bytes: one sheet, a frozen header row, a filter.

    ``cells`` holds one tuple per claim in the order of ``COLUMNS``.
    """
    filter_rows = max(len(cells), 1) + 1
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        parts = _static_parts(filter_rows, _created(cells))
        for name in ("[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels"):
            book.writestr(_entry(name), parts.pop(name))
        with book.open(_entry("xl/worksheets/sheet1.xml"), "w") as sheet:
            sheet.write(_sheet_head(len(cells) + 1).encode())
            for chunk in _sheet_rows(cells):
                sheet.write(chunk.encode())
            sheet.write(_sheet_tail(filter_rows).encode())
        for name, text in parts.items():
            book.writestr(_entry(name), text)
    return buffer.getvalue()


def to_xlsx(rows: list[dict[str, Any]]) -> bytes:
    """The rows (dicts keyed by ``COLUMNS``) as XLSX; see ``xlsx_bytes``."""
    return xlsx_bytes([tuple(row[k] for k in COLUMNS) for row in rows])


def export_xlsx(export: ExportSet) -> bytes:
    """An export's claim table as XLSX, straight from its cells."""
    return xlsx_bytes(export.cells)
