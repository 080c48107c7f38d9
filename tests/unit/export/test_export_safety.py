"""Spreadsheet safety and encoding: no cell runs as a formula; Excel reads UTF-8 right."""

from __future__ import annotations

import csv
import io

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.export.table import COLUMNS, FORMULA_PREFIXES, UTF8_BOM, claim_rows, to_csv
from annotator.export.xlsx import to_xlsx
from annotator.store import Store


def test_csv_starts_with_a_bom_and_round_trips_unicode(built: Store) -> None:
    rows = claim_rows(built)
    data = to_csv(rows).encode("utf-8")
    # Excel picks UTF-8 for a CSV file only when it starts with the byte order mark.
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(table[0]) == list(COLUMNS)
    texts = {r["text"] for r in table}
    assert "the drug raised oxytocin 🍵 levels by 30% in rats" in texts
    assert any("“MDMA therapy”" in t for t in texts)
    assert table[0]["article_title"] == "MDMA & “therapy”: <b>what</b> the claims say"


def test_no_csv_cell_starts_like_a_formula(built: Store) -> None:
    text = to_csv(claim_rows(built)).removeprefix(UTF8_BOM)
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'=SUM(A1) “it doubled” in 2023" in cells  # neutralized, content kept
    assert "'-5% fewer visits @ the clinic" in cells
    for cell in cells:
        assert not cell.startswith(FORMULA_PREFIXES), cell


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_any_text_value_is_neutralized_in_csv(value: str) -> None:
    row = {c: value for c in COLUMNS}
    text = to_csv([row]).removeprefix(UTF8_BOM)
    body = list(csv.reader(io.StringIO(text, newline="")))[1:]
    for cell in (c for r in body for c in r):
        assert not cell.startswith(FORMULA_PREFIXES)


def test_xlsx_cells_are_typed_and_never_formulas(built: Store) -> None:
    rows = claim_rows(built)
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(rows)))
    sheet = book["claims"]
    values = list(sheet.iter_rows())
    assert [c.value for c in values[0]] == list(COLUMNS)
    assert len(values) == len(rows) + 1
    risky = 0
    for line in values[1:]:
        for cell in line:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_PREFIXES):
                # Kept as typed, flagged as text the way Excel flags a typed apostrophe.
                assert cell.quotePrefix, cell.coordinate
                risky += 1
    assert risky >= 4
    by_id = {line[COLUMNS.index("claim_id")].value: line for line in values[1:]}
    formula_claim = by_id[2]
    assert formula_claim[COLUMNS.index("label")].value == "=SUM(A1) “it doubled” in 2023"
    assert isinstance(formula_claim[COLUMNS.index("start")].value, int)
    oxytocin = by_id[3]
    assert oxytocin[COLUMNS.index("text")].value == (
        "the drug raised oxytocin 🍵 levels by 30% in rats"
    )


def test_xlsx_of_the_same_data_is_the_same_bytes(built: Store) -> None:
    rows = claim_rows(built)
    assert to_xlsx(rows) == to_xlsx(rows)
