"""An article's text as the report shows it: claim marks, and "#" headings as headings."""

from __future__ import annotations

import itertools

from annotator.export.document_text import html_text as e
from annotator.text.sentences import MarkdownHeading, markdown_headings


class ArticleText:
    """An article's text as HTML: claim marks, and its "#" heading lines as headings.

    A heading line shows its words as a heading (``<h3>`` for "#", a level below the
    report's own sections, down to ``<h6>``), its marks ("## ", a closing "#") left out.
    A claim mark never holds a heading: one that runs into or out of a heading line is
    cut there and goes on in a second mark (class "more", no number), so the elements
    nest as HTML requires. Everything else is the text itself, escaped.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.headings = markdown_headings(text)
        self.marks: list[tuple[int, int, str, str]] = []

    def mark(self, start: int, end: int, first: str, more: str) -> None:
        """Mark ``[start, end)`` (after every earlier mark): ``first`` opens its first
        part, ``more`` any part after a heading's edge."""
        self.marks.append((start, end, first, more))

    def html(self) -> str:
        text = self.text
        hidden = [(h.line_start, h.start) for h in self.headings]
        hidden += [(h.end, h.line_end) for h in self.headings]
        cuts = {0, len(text)}
        for h in self.headings:
            cuts.update((h.line_start, h.start, h.end, h.line_end))
        for start, end, _first, _more in self.marks:
            cuts.update((start, end))
        points = sorted(cuts)
        out: list[str] = []
        heading: MarkdownHeading | None = None
        mark: tuple[int, int, str, str] | None = None
        opened: set[int] = set()  # marks whose first part (its number) is out
        h_index = m_index = 0

        def close(*, heading_too: bool) -> None:
            """End the open mark (and the open heading): elements nest, marks inside."""
            nonlocal mark, heading
            if mark is not None:
                out.append("</mark>")
                mark = None
            if heading_too and heading is not None:
                out.append(f"</h{_level(heading)}>")
                heading = None

        for a, b in itertools.pairwise(points):
            while h_index < len(self.headings) and self.headings[h_index].end <= a:
                h_index += 1
            while m_index < len(self.marks) and self.marks[m_index][1] <= a:
                m_index += 1
            in_heading = (
                self.headings[h_index]
                if h_index < len(self.headings) and self.headings[h_index].start <= a
                else None
            )
            in_mark = (
                self.marks[m_index]
                if m_index < len(self.marks) and self.marks[m_index][0] <= a
                else None
            )
            if any(s <= a < t for s, t in hidden):  # a heading's marks: left out
                close(heading_too=True)
                if in_mark is not None and in_mark[0] not in opened:
                    # A claim that starts in a heading's marks: its number (its anchor) here.
                    out.append(in_mark[2] + "</mark>")
                    opened.add(in_mark[0])
                continue
            if in_heading is not heading:
                close(heading_too=True)
                heading = in_heading
                if heading is not None:
                    out.append(f'<h{_level(heading)} class="in-text">')
            if in_mark is not mark:
                close(heading_too=False)
                mark = in_mark
                if mark is not None:
                    out.append(mark[3] if mark[0] in opened else mark[2])
                    opened.add(mark[0])
            out.append(e(text[a:b]))
        close(heading_too=True)
        return "".join(out)


def _level(heading: MarkdownHeading) -> int:
    """The HTML level of an article's heading: below the report's h1 and h2."""
    return min(6, heading.level + 2)
