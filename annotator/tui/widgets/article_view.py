"""ArticleView: the article text, one block per paragraph, claim spans marked.

Besides showing claims it is where a reviewer makes a span from the keyboard (grow and
shrink by word and sentence) or picks the point to split a claim at. The widget only
moves the span or the point and posts a message; the screen does the store action.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from textual import events, on
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region, Spacing
from textual.message import Message
from textual.widgets import Static

from annotator import spans
from annotator.model import Claim, ClaimStatus
from annotator.tui.text import safe

CURRENT_STYLE = "bold reverse"
CLAIM_STYLE = "underline"
DISMISSED_STYLE = "dim"
SPAN_STYLE = "reverse $accent"
CURSOR_STYLE = "reverse $warning"
HEADING_STYLE = "bold $text-primary"


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


def _flow(text: str) -> str:
    """Hard-wrapped lines flow together on screen; same length, so offsets hold."""
    return text.replace("\n", " ")


class Paragraph(Static):
    """One paragraph; knows where it starts in the article."""

    def __init__(self, start: int, end: int, content: Content, **kwargs: object) -> None:
        super().__init__(content, **kwargs)  # type: ignore[arg-type]
        self.start = start
        self.end = end


@dataclass
class _Marks:
    claims: list[Claim]
    current: int | None
    span: tuple[int, int] | None
    cursor: int | None


class ArticleView(VerticalScroll, can_focus=True):
    """Shows the text with every claim underlined and the current one emphasised."""

    BINDINGS = [
        Binding("right", "grow_end", "Word +", id="span.grow-end", tooltip="End one word later"),
        Binding(
            "left", "shrink_end", "Word −", id="span.shrink-end", tooltip="End one word earlier"
        ),
        Binding(
            "down",
            "grow_end_sentence",
            "Sentence +",
            id="span.grow-end-sentence",
            tooltip="End at the next sentence's end",
        ),
        Binding(
            "up",
            "shrink_end_sentence",
            "Sentence −",
            id="span.shrink-end-sentence",
            tooltip="End at the previous sentence's end",
        ),
        Binding(
            "shift+left",
            "grow_start",
            "Start ←",
            show=False,
            id="span.grow-start",
            tooltip="Start one word earlier",
        ),
        Binding(
            "shift+right",
            "shrink_start",
            "Start →",
            show=False,
            id="span.shrink-start",
            tooltip="Start one word later",
        ),
        Binding(
            "shift+up",
            "grow_start_sentence",
            "Start ↑",
            show=False,
            id="span.grow-start-sentence",
            tooltip="Start at the sentence's start",
        ),
        Binding(
            "shift+down",
            "shrink_start_sentence",
            "Start ↓",
            show=False,
            id="span.shrink-start-sentence",
            tooltip="Start at the next sentence",
        ),
        Binding(
            "right", "cursor_next", "Later", id="split.next", tooltip="Split point one word later"
        ),
        Binding(
            "left",
            "cursor_previous",
            "Earlier",
            id="split.previous",
            tooltip="Split point one word earlier",
        ),
        Binding(
            "enter", "confirm", "Done", id="article.confirm", tooltip="Make the claim / split here"
        ),
        Binding(
            "escape", "cancel", "Cancel", id="article.cancel", tooltip="Leave without a change"
        ),
    ]

    class ClaimClicked(Message):
        """A marked span was clicked."""

        def __init__(self, claim_id: int) -> None:
            super().__init__()
            self.claim_id = claim_id

    class SpanChosen(Message):
        """The reviewer confirmed a span for a new claim."""

        def __init__(self, start: int, end: int) -> None:
            super().__init__()
            self.start = start
            self.end = end

    class SplitChosen(Message):
        """The reviewer confirmed where to split the current claim."""

        def __init__(self, at: int) -> None:
            super().__init__()
            self.at = at

    class Cancelled(Message):
        """Span or split mode was left without a change."""

    def __init__(self, text: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.text = text
        self._paragraphs = paragraph_spans(text)
        self._starts = [s for s, _ in self._paragraphs]
        self._marks = _Marks([], None, None, None)
        self._by_paragraph: dict[int, list[Claim]] = {}
        self.mode = ""  # "", "span" or "split"
        self._split_range: tuple[int, int] = (0, 0)

    def compose(self):  # type: ignore[no-untyped-def]
        for i, (start, end) in enumerate(self._paragraphs):
            yield Paragraph(
                start, end, self._plain(start, end), id=f"para-{i}", classes="paragraph"
            )

    # -- drawing ----------------------------------------------------------------

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph holding ``offset`` (or the one before a gap)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def _touched(self, start: int, end: int) -> set[int]:
        first, last = self.paragraph_of(start), self.paragraph_of(max(start, end - 1))
        return set(range(first, last + 1))

    def _plain(self, start: int, end: int) -> Content:
        content = safe(_flow(self.text[start:end]))
        return content.stylize(HEADING_STYLE) if self.text.startswith("#", start) else content

    def _render_paragraph(self, i: int) -> None:
        start, end = self._paragraphs[i]
        content = self._plain(start, end)
        marks = self._marks
        for claim in self._by_paragraph.get(i, []):
            s, e = max(claim.start, start) - start, min(claim.end, end) - start
            if claim.id == marks.current:
                style = CURRENT_STYLE
            elif claim.status == ClaimStatus.DISMISSED:
                style = DISMISSED_STYLE
            else:
                style = CLAIM_STYLE
            content = content.stylize(style, s, e)
        if marks.span is not None:
            s, e = max(marks.span[0], start), min(marks.span[1], end)
            if s < e:
                content = content.stylize(SPAN_STYLE, s - start, e - start)
        if marks.cursor is not None and start <= marks.cursor < end:
            at = marks.cursor - start
            content = content.stylize(CURSOR_STYLE, at, at + 1)
        self.query_one(f"#para-{i}", Static).update(content)

    def _marked_paragraphs(self, marks: _Marks) -> set[int]:
        touched: set[int] = set()
        for claim in marks.claims:
            if claim.id == marks.current:
                touched |= self._touched(claim.start, claim.end)
        if marks.span is not None:
            touched |= self._touched(*marks.span)
        if marks.cursor is not None:
            touched.add(self.paragraph_of(marks.cursor))
        return touched

    def mark(
        self,
        claims: list[Claim],
        current: Claim | None,
        *,
        span: tuple[int, int] | None = None,
        cursor: int | None = None,
        scroll: bool = True,
    ) -> None:
        """Restyle the paragraphs that change and scroll to the current claim."""
        old = self._marks
        new = _Marks(claims, current.id if current else None, span, cursor)
        if claims is not old.claims:
            by_paragraph: dict[int, list[Claim]] = {}
            for claim in claims:
                for i in self._touched(claim.start, claim.end):
                    by_paragraph.setdefault(i, []).append(claim)
            dirty = set(self._by_paragraph) | set(by_paragraph)
            self._by_paragraph = by_paragraph
        else:
            dirty = self._marked_paragraphs(old) | self._marked_paragraphs(new)
        self._marks = new
        for i in sorted(dirty):
            if i < len(self._paragraphs):
                self._render_paragraph(i)
        target = cursor if cursor is not None else span[0] if span else None
        if target is None and current is not None:
            target = current.start
        if scroll and target is not None and self._paragraphs:
            self.call_after_refresh(self._scroll_to_offset, target)

    def _scroll_to_offset(self, offset: int) -> None:
        """Scroll so the line holding ``offset`` shows, with some text around it."""
        i = self.paragraph_of(offset)
        start, end = self._paragraphs[i]
        widget = self.query_one(f"#para-{i}")
        region = widget.virtual_region
        line = int((offset - start) / max(1, end - start) * region.height)
        target = Region(region.x, region.y + min(line, max(0, region.height - 1)), region.width, 1)
        margin = max(1, self.scrollable_content_region.height // 4)
        self.scroll_to_region(target, spacing=Spacing(margin, 0, margin, 0), animate=False)

    # -- mouse ------------------------------------------------------------------

    def offset_at(self, event: events.Click) -> int | None:
        """The article offset under a click, if it is on the text."""
        widget, offset = self.screen.get_widget_and_offset_at(event.screen_x, event.screen_y)
        if not isinstance(widget, Paragraph) or offset is None:
            return None
        return min(widget.start + offset.x, widget.end - 1)

    @on(events.Click)
    def clicked(self, event: events.Click) -> None:
        at = self.offset_at(event)
        if at is None:
            return
        if self.mode == "split" and self._split_range[0] < at < self._split_range[1]:
            points = spans.split_points(self.text, *self._split_range)
            if points:
                self._set_cursor(min(points, key=lambda p: abs(p - at)))
            return
        for claim in self._marks.claims:
            if claim.start <= at < claim.end:
                self.post_message(self.ClaimClicked(claim.id))
                return

    def selected_span(self) -> tuple[int, int] | None:
        """The article span selected with the mouse, widened to whole words."""
        found: list[int] = []
        for widget, selection in self.screen.selections.items():
            if not isinstance(widget, Paragraph):
                continue
            length = widget.end - widget.start
            s = selection.start.x if selection.start is not None else 0
            e = selection.end.x if selection.end is not None else length
            found += [widget.start + s, widget.start + min(e, length)]
        if not found or min(found) >= max(found):
            return None
        start, end = spans.to_words(self.text, min(found), max(found))
        return start, end

    # -- span and split modes ---------------------------------------------------

    def start_span(self, span: tuple[int, int]) -> None:
        """Enter span mode with ``span`` shown; keys now grow and shrink it."""
        self.mode = "span"
        self._set_span(span)
        self.refresh_bindings()
        self.focus()

    def show_span(self, span: tuple[int, int] | None) -> None:
        """Show a candidate span (while the reviewer types words to find)."""
        self.mark(self._marks.claims, self._current_claim(), span=span)

    def start_split(self, claim: Claim) -> bool:
        """Enter split mode inside ``claim``; False when it has one word only."""
        at = spans.default_split(self.text, claim.start, claim.end)
        if at is None:
            return False
        self.mode = "split"
        self._split_range = (claim.start, claim.end)
        self._set_cursor(at)
        self.refresh_bindings()
        self.focus()
        return True

    @property
    def span(self) -> tuple[int, int] | None:
        return self._marks.span

    @property
    def cursor(self) -> int | None:
        return self._marks.cursor

    def _current_claim(self) -> Claim | None:
        return next((c for c in self._marks.claims if c.id == self._marks.current), None)

    def _set_span(self, span: tuple[int, int]) -> None:
        self.mark(self._marks.claims, self._current_claim(), span=span)

    def _set_cursor(self, at: int) -> None:
        self.mark(self._marks.claims, self._current_claim(), cursor=at)

    def leave_mode(self) -> None:
        self.mode = ""
        self.mark(self._marks.claims, self._current_claim(), scroll=False)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("cursor_next", "cursor_previous"):
            return self.mode == "split"
        if action in ("confirm", "cancel"):
            return self.mode != ""
        if action.startswith(("grow_", "shrink_")):
            return self.mode == "span"
        return True

    def _resize(self, fn_name: str, unit: str) -> None:
        if self._marks.span is not None:
            self._set_span(getattr(spans, fn_name)(self.text, self._marks.span, unit))

    def action_grow_end(self) -> None:
        self._resize("grow_end", "word")

    def action_shrink_end(self) -> None:
        self._resize("shrink_end", "word")

    def action_grow_end_sentence(self) -> None:
        self._resize("grow_end", "sentence")

    def action_shrink_end_sentence(self) -> None:
        self._resize("shrink_end", "sentence")

    def action_grow_start(self) -> None:
        self._resize("grow_start", "word")

    def action_shrink_start(self) -> None:
        self._resize("shrink_start", "word")

    def action_grow_start_sentence(self) -> None:
        self._resize("grow_start", "sentence")

    def action_shrink_start_sentence(self) -> None:
        self._resize("shrink_start", "sentence")

    def _step_cursor(self, step: int) -> None:
        points = spans.split_points(self.text, *self._split_range)
        if not points or self._marks.cursor is None:
            return
        here = min(range(len(points)), key=lambda i: abs(points[i] - self._marks.cursor))  # type: ignore[operator]
        self._set_cursor(points[max(0, min(here + step, len(points) - 1))])

    def action_cursor_next(self) -> None:
        self._step_cursor(1)

    def action_cursor_previous(self) -> None:
        self._step_cursor(-1)

    def action_confirm(self) -> None:
        mode, span, cursor = self.mode, self._marks.span, self._marks.cursor
        self.leave_mode()
        if mode == "span" and span is not None:
            self.post_message(self.SpanChosen(*span))
        elif mode == "split" and cursor is not None:
            self.post_message(self.SplitChosen(cursor))

    def action_cancel(self) -> None:
        self.leave_mode()
        self.post_message(self.Cancelled())
