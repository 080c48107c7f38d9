"""FittedTable: a DataTable whose columns use the width the table has.

A plain DataTable sizes each column to its widest cell and leaves the rest of the row
empty (or, given ``Content`` cells, which it cannot measure, to its header alone). Here
every column but one keeps its natural width and the stretching column (a label, a
title) takes whatever is left, cut with an ellipsis when the table is narrow; the widths
are worked out again when the table is resized.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import DataTable
from textual.widgets.data_table import CursorType

from annotator.tui.text import visible
from annotator.tui.widgets.lists import LIST_KEYS

MIN_STRETCH = 12
"""The stretching column is never narrower than this: past it, the table scrolls."""


def cell(text: str) -> Text:
    """A table cell that shows ``text`` literally (no markup, escapes shown as ␛); a
    line end in ``text`` starts a new line of the cell."""
    lines = [visible(line) for line in text.split("\n")]
    return Text("\n".join(lines), no_wrap=True, overflow="ellipsis")


def _width(text: str) -> int:
    return max(cell_len(visible(line)) for line in text.split("\n"))


def fitted_widths(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    stretch: int | None,
    room: int,
    padding: int,
) -> list[int]:
    """Column widths that fill ``room``: each column's natural width, and the spare width
    to the ``stretch`` column, or shared by all when ``stretch`` is None.

    Short of room, the stretching column gives way down to ``MIN_STRETCH`` (or its
    header); every other column keeps its natural width.
    """
    natural = [max([cell_len(h), *(_width(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    spare = room - sum(w + 2 * padding for w in natural)
    if stretch is None:
        share, extra = divmod(max(spare, 0), len(natural)) if natural else (0, 0)
        return [w + share + (i < extra) for i, w in enumerate(natural)]
    floor = max(min(natural[stretch], MIN_STRETCH), cell_len(headers[stretch]))
    natural[stretch] = max(natural[stretch] + spare, floor)
    return natural


class FittedTable(DataTable[Text]):
    """Rows of plain text (a line end starts a new line in the cell: the row grows);
    ``fill`` them, and the ``stretch`` column (the last by default;
    None: every column) takes the spare width."""

    # j/k move the rows, as in every list of annotator.
    BINDINGS = list(LIST_KEYS)

    def __init__(
        self,
        *,
        stretch: int | None = -1,
        id: str | None = None,
        cursor_type: CursorType = "row",
        zebra_stripes: bool = True,
    ) -> None:
        super().__init__(id=id, cursor_type=cursor_type, zebra_stripes=zebra_stripes)
        self.stretch = stretch
        self._headers: list[str] = []
        self._rows: list[list[str]] = []
        self._keys: list[str | None] = []
        self._room = 0

    def fill(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        keys: Sequence[str | None] | None = None,
    ) -> None:
        """Show ``rows`` (strings, shown as data) under ``headers``; ``keys`` name the rows."""
        self._headers = list(headers)
        self._rows = [list(r) for r in rows]
        self._keys = list(keys) if keys is not None else [None] * len(self._rows)
        self._lay_out()

    def _lay_out(self) -> None:
        cursor = self.cursor_coordinate
        # Room for a vertical scrollbar is kept whether or not one shows: the rows decide
        # that only after the columns are laid out.
        width = self.content_region.width or self.app.size.width
        self._room = width - self.styles.scrollbar_size_vertical
        stretch = self.stretch
        if stretch is not None and self._headers:
            stretch %= len(self._headers)
        widths = fitted_widths(self._headers, self._rows, stretch, self._room, self.cell_padding)
        self.clear(columns=True)
        for header, width in zip(self._headers, widths, strict=True):
            self.add_column(Text(header), width=width)
        for row, key in zip(self._rows, self._keys, strict=True):
            height = max(text.count("\n") + 1 for text in row) if row else 1
            self.add_row(*map(cell, row), key=key, height=height)
        if self._rows:
            self.cursor_coordinate = self.validate_cursor_coordinate(cursor)

    def on_resize(self, event: events.Resize) -> None:
        room = self.content_region.width - self.styles.scrollbar_size_vertical
        if self._headers and room != self._room:
            self._lay_out()
