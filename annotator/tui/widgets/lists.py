"""Lists that move with j/k, as every list in annotator does (the arrows work too).

Each list widget of the screens is one of these, so a new dialog gets the keys by
using them; screens whose own bindings move a list (the claim list, the queue, the
article list, reconcile) bind j/k themselves.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, DirectoryTree, OptionList, SelectionList

LIST_KEYS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
]


class KeyedOptionList(OptionList):
    """An OptionList that j/k move through."""

    BINDINGS = list(LIST_KEYS)


class KeyedSelectionList(SelectionList[str]):
    """A SelectionList that j/k move through (space ticks)."""

    BINDINGS = list(LIST_KEYS)


class KeyedDataTable(DataTable[Any]):
    """A DataTable whose rows j/k move through."""

    BINDINGS = list(LIST_KEYS)


class KeyedDirectoryTree(DirectoryTree):
    """A file tree that j/k move through."""

    BINDINGS = list(LIST_KEYS)


class KeyedScroll(VerticalScroll):
    """A scrolling region that j/k scroll, a line at a time."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
    ]
