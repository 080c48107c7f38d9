"""The graded claim table as an Excel workbook (XLSX), through XlsxWriter.

Every value is written with its own type: text with ``write_string`` (never parsed as
a formula, number or link), numbers with ``write_number``. Text that a spreadsheet
would take for a formula once edited or re-saved as CSV (``=``, ``+``, ``-``, ``@``,
tab, carriage return at the start) also carries Excel's quote prefix, the flag Excel
itself sets when a user types an apostrophe: the cell shows the text as it is and stays
text when edited.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

import xlsxwriter

from annotator.export import COLUMNS, FORMULA_PREFIXES

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


def _created(rows: list[dict[str, Any]]) -> datetime:
    """The workbook's date: the last change in the data, so equal data gives equal bytes."""
    stamps = [str(r["updated_at"]) for r in rows if r.get("updated_at")]
    if not stamps:
        return EPOCH
    try:
        return datetime.fromisoformat(max(stamps).replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return EPOCH


def to_xlsx(rows: list[dict[str, Any]]) -> bytes:
    """The claim table as XLSX bytes: one sheet, a frozen header row, a filter."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            # Rows are streamed to a temporary file instead of kept as objects.
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    created = _created(rows)
    workbook.set_properties({"title": "Graded claims", "created": created})
    sheet = workbook.add_worksheet("claims")
    header = workbook.add_format({"bold": True, "bottom": 1})
    as_text = workbook.add_format({"quote_prefix": True})
    for col, name in enumerate(COLUMNS):
        sheet.set_column(col, col, WIDTHS.get(name, DEFAULT_WIDTH))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(COLUMNS) - 1)
    for col, name in enumerate(COLUMNS):
        sheet.write_string(0, col, name, header)
    write_string = sheet.write_string
    write_number = sheet.write_number
    prefixes = FORMULA_PREFIXES
    for r, row in enumerate(rows, start=1):
        for col, name in enumerate(COLUMNS):
            value = row[name]
            if isinstance(value, str):
                if not value:
                    continue
                if value.startswith(prefixes):
                    write_string(r, col, value, as_text)
                else:
                    write_string(r, col, value)
            elif isinstance(value, bool) or value is None:
                write_string(r, col, "" if value is None else str(value).lower())
            else:
                write_number(r, col, value)
    workbook.close()
    return buffer.getvalue()
