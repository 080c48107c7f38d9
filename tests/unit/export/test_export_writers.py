"""The fast CSV and XLSX writers hold to the slow, obvious ones on any values."""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.export.table import COLUMNS, FORMULA_PREFIXES, UTF8_BOM, csv_text, safe_cell
from annotator.export.xlsx import MAX_CELL_UNITS, xlsx_bytes

# Text a spreadsheet cell can hold as it is: no control characters (XLSX escapes
# those as _xHHHH_, which openpyxl does not decode) and no "_x" that could look like one.
plain_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    max_size=12,
).filter(lambda t: "_x" not in t)
risky_text = st.sampled_from(FORMULA_PREFIXES).flatmap(lambda p: plain_text.map(p.__add__))
any_text = st.text(max_size=12) | st.sampled_from(["", "a,b", 'say "no"', "x\r\ny", "_x0041_"])
values = (
    any_text
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.none()
    | st.booleans()
)


def reference_csv(cells: list[tuple[Any, ...]]) -> str:
    buffer = io.StringIO()
    buffer.write(UTF8_BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([safe_cell(v) for v in row] for row in cells)
    return buffer.getvalue()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(*[values] * len(COLUMNS)), max_size=6))
def test_csv_is_what_csv_writer_writes_for_any_values(cells: list[tuple[Any, ...]]) -> None:
    assert csv_text(cells) == reference_csv(cells)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(*[any_text] * len(COLUMNS)),
        min_size=1,
        max_size=5,
    )
)
def test_csv_text_columns_match_csv_writer(cells: list[tuple[Any, ...]]) -> None:
    # All-text columns take the whole-column fast path; the result must not change.
    assert csv_text(cells) == reference_csv(cells)


def sheet_values(data: bytes, rows: int | None = None) -> list[list[Any]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data))["claims"]
    lines = sheet.iter_rows(max_row=rows, max_col=len(COLUMNS))
    return [[(c.value, c.data_type, bool(c.quotePrefix)) for c in row] for row in lines]


cell_values = plain_text | risky_text | st.integers(-(10**9), 10**9) | st.floats(-1e9, 1e9)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(*[cell_values] * len(COLUMNS)), min_size=1, max_size=4))
def test_xlsx_reads_back_as_written(cells: list[tuple[Any, ...]]) -> None:
    read = sheet_values(xlsx_bytes(cells), len(cells) + 1)
    assert [v for v, _, _ in read[0]] == list(COLUMNS)
    assert len(read) == len(cells) + 1
    for row, line in zip(cells, read[1:], strict=True):
        for value, (back, kind, quoted) in zip(row, line, strict=True):
            if isinstance(value, str):
                # Excel's own escape for a carriage return; openpyxl leaves it as it is.
                assert back == (value.replace("\r", "_x000D_") or None)
                assert kind == ("s" if value else "n")
                assert quoted == value.startswith(FORMULA_PREFIXES), repr(value)
            else:
                assert back == float(f"{value:.16G}") and kind == "n" and not quoted


def test_xlsx_escapes_control_characters_and_markup_like_excel() -> None:
    row = ("\r=1", "a\x01b", "_x0041_", "<r>x</r>", " padded ", "&<>", *[""] * (len(COLUMNS) - 6))
    data = xlsx_bytes([row])
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert '<c r="A2" s="2" t="inlineStr"><is><t>_x000D_=1</t></is></c>' in sheet
    assert "<t>a_x0001_b</t>" in sheet
    assert "<t>_x005F_x0041_</t>" in sheet  # a literal escape-lookalike stays literal
    assert "<t>&lt;r&gt;x&lt;/r&gt;</t>" in sheet  # never raw markup
    assert '<t xml:space="preserve"> padded </t>' in sheet
    back = sheet_values(data)[1]
    assert back[3][0] == "<r>x</r>" and back[4][0] == " padded " and back[5][0] == "&<>"
    assert '<c r="G2"' not in sheet  # empty text: no cell


def test_xlsx_cuts_text_to_what_a_cell_holds() -> None:
    long = "🍵" * (MAX_CELL_UNITS // 2 + 1)  # an emoji takes two units: one unit over
    back = sheet_values(xlsx_bytes([(long, *[1] * (len(COLUMNS) - 1))]))[1][0][0]
    assert back == "🍵" * (MAX_CELL_UNITS // 2)


def test_xlsx_sheet_layout() -> None:
    data = xlsx_bytes([(i, *["v"] * (len(COLUMNS) - 1)) for i in range(3)])
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["claims"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:Z4"
    assert sheet["A1"].font.b and sheet["A1"].border.bottom.style == "thin"
    assert round(sheet.column_dimensions["H"].width) == 61  # text: 60 characters
    assert book.properties.title == "Graded claims"
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "xl/worksheets/sheet1.xml" in names and "[Content_Types].xml" in names


def test_xlsx_of_no_claims_has_the_header_and_a_filter() -> None:
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([])))
    sheet = book["claims"]
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    assert sheet.max_row == 1 and sheet.auto_filter.ref == "A1:Z2"
