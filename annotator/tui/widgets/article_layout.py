"""Where the article's characters go on screen: paragraphs wrapped into lines.

Pure functions (no Textual) so the article view can draw only the lines in sight and
map a click back to a character offset, however long the article is.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

from rich.cells import cell_len


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs as (start, end): blank-line separated, or one per line in scraped text."""
    sep = "\n\n" if "\n\n" in text else "\n"
    found: list[tuple[int, int]] = []
    pos = 0
    for block in text.split(sep):
        if block.strip():
            found.append((pos, pos + len(block)))
        pos += len(block) + len(sep)
    return found


class Line(NamedTuple):
    """One screen line: article offsets ``[start, end)``; a gap line has start == end == -1.

    A named tuple rather than a dataclass: a long article has tens of thousands of lines,
    made each time the width changes, and tuples are quicker to make and to keep.
    """

    start: int
    end: int
    heading: bool = False

    @property
    def gap(self) -> bool:
        return self.start < 0


def wrap(text: str, paragraphs: list[tuple[int, int]], width: int, gap: bool) -> list[Line]:
    """Greedy word wrap of each paragraph to ``width`` cells, a blank line between them.

    ``text`` is the article with line breaks already flowed into spaces (same length).
    """
    width = max(4, width)
    lines: list[Line] = []
    for n, (start, end) in enumerate(paragraphs):
        if gap and n:
            lines.append(Line(-1, -1))
        heading = text.startswith("#", start)
        pos = start
        while pos < end:
            stop = _fit(text, pos, end, width)
            lines.append(Line(pos, stop, heading))
            pos = stop
            while pos < end and text[pos] == " ":
                pos += 1
    return lines


def _fit(text: str, pos: int, end: int, width: int) -> int:
    """The end of the longest run from ``pos`` that fits ``width``, broken at a space."""
    limit = min(end, pos + width)
    while limit > pos + 1 and cell_len(text[pos:limit]) > width:
        limit -= 1  # wide characters take two cells
    if limit >= end:
        return end
    space = text.rfind(" ", pos, limit + 1)
    return space if space > pos else limit


def line_of(lines: list[Line], starts: list[int], offset: int) -> int:
    """Index of the line showing ``offset`` (``starts``: each line's start, gaps as -1)."""
    return max(0, bisect_right(starts, offset) - 1)
