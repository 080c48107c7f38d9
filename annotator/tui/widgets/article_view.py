"""ArticleView: the article text with claim spans marked, drawn line by line.

Only the lines in sight are drawn (Textual's line API), so an article with thousands of
claims opens and moves as fast as a short one. Besides showing claims it is where a
reviewer makes a span from the keyboard (grow and shrink by word and sentence) or by
dragging the mouse, and picks the point to split a claim at. The widget only moves the
span or the point and posts a message; the screen does the store action.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size, Spacing
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from annotator.model import Anchor, Claim, ClaimStatus
from annotator.text import spans
from annotator.tui.text import visible
from annotator.tui.widgets.article_layout import Line, line_of, paragraph_spans, wrap

CURRENT_STYLE = "bold reverse"
CLAIM_STYLE = "underline"
DISMISSED_STYLE = "dim"
SPAN_STYLE = "reverse $accent"
CURSOR_STYLE = "reverse $warning"
HEADING_STYLE = "bold $text-primary"
ORPHANED = str(Anchor.ORPHANED)

__all__ = ["ArticleView", "paragraph_spans"]


@dataclass
class _Marks:
    claims: list[Claim]
    current: int | None
    span: tuple[int, int] | None
    cursor: int | None


class ArticleView(ScrollView, can_focus=True):
    mode: reactive[str] = reactive("", repaint=False)
    """"" reading, "span" or "split" while a span or split point is marked (the review
    screen gives the text more room meanwhile)."""

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

    ALLOW_SELECT = False  # the widget makes its own spans from mouse drags

    def __init__(self, text: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.text = text
        self._shown = visible(text.replace("\n", " "))  # same length: offsets hold
        self._paragraphs = paragraph_spans(text)
        self._marks = _Marks([], None, None, None)
        self._starts_of_claims: list[int] = []
        self._max_end: list[int] = []
        self._lines: list[Line] = []
        self._line_starts: list[int] = []
        self._width = 0
        self._strips: dict[tuple[object, ...], Strip] = {}
        self._drawn: dict[int, tuple[object, ...] | None] = {}  # screen row -> key drawn
        self._drag_anchor: int | None = None
        self._dragged: tuple[int, int] | None = None
        self._split_range: tuple[int, int] = (0, 0)

    def set_text(self, text: str) -> None:
        """Show another text (the article's new version): laid out and drawn afresh.
        A span or split point being marked was an offset into the old text: dropped."""
        if text == self.text:
            return
        self.text = text
        self._shown = visible(text.replace("\n", " "))
        self._paragraphs = paragraph_spans(text)
        self._marks = _Marks([], None, None, None)
        self._lines, self._line_starts, self._width = [], [], 0
        self._strips.clear()
        self._drawn.clear()
        self._dragged = self._drag_anchor = None
        if self.mode:
            self.mode = ""
            self.refresh_bindings()
        self.refresh()

    # -- layout -----------------------------------------------------------------

    def _relayout(self, width: int) -> None:
        if width == self._width and self._lines:
            return
        self._width = width
        self._lines = wrap(self._shown, self._paragraphs, width, gap=True)
        starts: list[int] = []
        last = 0
        for line in self._lines:
            last = line.start if not line.gap else last
            starts.append(last)
        self._line_starts = starts
        self.virtual_size = Size(width, len(self._lines))

    def on_resize(self, event: events.Resize) -> None:
        self._relayout(self.scrollable_content_region.width)
        self._drawn.clear()
        self.refresh()

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph holding ``offset`` (or the one before a gap)."""
        return max(0, bisect_right([s for s, _ in self._paragraphs], offset) - 1)

    def line_of(self, offset: int) -> int:
        """Index of the screen line showing ``offset``."""
        self._relayout(self.scrollable_content_region.width)
        return line_of(self._lines, self._line_starts, offset)

    # -- drawing ----------------------------------------------------------------

    def _claims_in(self, start: int, end: int) -> list[Claim]:
        claims = self._marks.claims
        found = []
        i = bisect_left(self._starts_of_claims, end) - 1
        while i >= 0 and self._max_end[i] > start:
            # An orphaned claim's offsets are stale (its words left the text): not marked.
            if claims[i].end > start and claims[i].anchor != ORPHANED:
                found.append(claims[i])
            i -= 1
        return found

    def line_content(self, index: int) -> Content:
        """One screen line of the article, styled for the marks in force."""
        line = self._lines[index]
        if line.gap:
            return Content("")
        start, end = line.start, line.end
        content = Content(self._shown[start:end])
        if line.heading:
            content = content.stylize(HEADING_STYLE)
        marks = self._marks
        for claim in self._claims_in(start, end):
            s, e = max(claim.start, start) - start, min(claim.end, end) - start
            if claim.id == marks.current:
                style = CURRENT_STYLE
            elif claim.status == ClaimStatus.DISMISSED:
                style = DISMISSED_STYLE
            else:
                style = CLAIM_STYLE
            content = content.stylize(style, s, e)
        for span in (marks.span, self._dragged):
            if span is not None and max(span[0], start) < min(span[1], end):
                content = content.stylize(
                    SPAN_STYLE, max(span[0], start) - start, min(span[1], end) - start
                )
        if marks.cursor is not None and start <= marks.cursor < end:
            at = marks.cursor - start
            content = content.stylize(CURSOR_STYLE, at, at + 1)
        return content

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        self._relayout(width)
        index = self.scroll_offset.y + y
        base = self.visual_style
        if index >= len(self._lines):
            self._drawn[y] = None
            return Strip.blank(width, base.rich_style)
        key = self._strip_key(index, width)
        self._drawn[y] = key
        strip = self._strips.get(key)
        if strip is None:
            segments = [
                Segment(text, (base + style).rich_style)
                for text, style in self.line_content(index).render(
                    base, end="", parse_style=self._get_style
                )
            ]
            strip = Strip(segments).crop_extend(0, width, base.rich_style)
            if len(self._strips) > 4096:
                self._strips.clear()
            self._strips[key] = strip
        return strip

    def _strip_key(self, index: int, width: int) -> tuple[object, ...]:
        return (index, width, self.app.theme, self._line_key(index))

    def _refresh_changed(self) -> None:
        """Repaint only the lines in sight whose look differs from what was drawn there."""
        width = self.scrollable_content_region.width
        if not self._lines or width != self._width:
            self.refresh()
            return
        top, drawn, unknown = self.scroll_offset.y, self._drawn, object()
        for y in range(self.scrollable_content_region.height):
            index = top + y
            key = self._strip_key(index, width) if index < len(self._lines) else None
            if drawn.get(y, unknown) != key:
                self.refresh(Region(0, y, width, 1))

    def _line_key(self, index: int) -> tuple[object, ...]:
        """What a line's look depends on, so unchanged lines are not drawn again."""
        line = self._lines[index]
        if line.gap:
            return ()
        start, end = line.start, line.end
        marks = self._marks

        def clip(span: tuple[int, int] | None) -> tuple[int, int] | None:
            if span is None or min(span[1], end) <= max(span[0], start):
                return None
            return max(span[0], start), min(span[1], end)

        claims = tuple(
            (c.id, c.start, c.end, c.status, c.id == marks.current)
            for c in self._claims_in(start, end)
        )
        cursor = marks.cursor if marks.cursor is not None and start <= marks.cursor < end else None
        return claims, clip(marks.span), clip(self._dragged), cursor, self.has_focus

    def mark(
        self,
        claims: list[Claim],
        current: Claim | None,
        *,
        span: tuple[int, int] | None = None,
        cursor: int | None = None,
        scroll: bool = True,
    ) -> None:
        """Show these claims and marks, and scroll to the current claim (or span, cursor)."""
        if claims is not self._marks.claims:
            ordered = sorted(claims, key=lambda c: c.start)
            claims = ordered if ordered != claims else claims
            self._starts_of_claims = [c.start for c in claims]
            running = 0
            self._max_end = []
            for c in claims:
                running = max(running, c.end)
                self._max_end.append(running)
        if current is not None and current.anchor == ORPHANED:
            current = None  # nothing to mark or scroll to
        self._marks = _Marks(claims, current.id if current else None, span, cursor)
        target = cursor if cursor is not None else span[0] if span else None
        if target is None and current is not None:
            target = current.start
        laid_out = bool(self._lines) and self._width == self.scrollable_content_region.width
        if scroll and target is not None and not laid_out:
            self.refresh()
            self.call_after_refresh(self._scroll_to_offset, target)
            return
        top = self.scroll_offset.y
        if scroll and target is not None:
            # Scroll now, so the key press costs one repaint rather than two.
            self._scroll_to_offset(target)
        if self.scroll_offset.y == top:  # a scroll repaints every line by itself
            self._refresh_changed()

    def _scroll_to_offset(self, offset: int) -> None:
        """Scroll so the line holding ``offset`` shows, away from the edges."""
        line = self.line_of(offset)
        margin = max(1, self.scrollable_content_region.height // 4)
        self.scroll_to_region(
            Region(0, line, 1, 1), spacing=Spacing(margin, 0, margin, 0), animate=False
        )

    def rendered_text(self) -> str:
        """Every line as shown (for tests): plain characters, one line each."""
        self._relayout(self.scrollable_content_region.width or 80)
        return "\n".join(self.line_content(i).plain for i in range(len(self._lines)))

    # -- mouse ------------------------------------------------------------------

    def offset_at(self, event: events.MouseEvent) -> int | None:
        """The article offset under the mouse, if it is on the text."""
        at = event.get_content_offset(self)
        if at is None:
            return None
        index = self.scroll_offset.y + at.y
        if not 0 <= index < len(self._lines) or self._lines[index].gap:
            return None
        line = self._lines[index]
        return min(line.start + at.x, line.end - 1)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._drag_anchor = self.offset_at(event)
        self._dragged = None
        if self._drag_anchor is not None:
            self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag_anchor is None:
            return
        at = self.offset_at(event)
        if at is not None and at != self._drag_anchor:
            low, high = sorted((self._drag_anchor, at))
            self._dragged = spans.to_words(self.text, low, high + 1)
            self.refresh()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        self.capture_mouse(False)
        self._drag_anchor = None

    def on_click(self, event: events.Click) -> None:
        if self._dragged is not None:
            return  # the end of a drag, not a click
        at = self.offset_at(event)
        if at is None:
            return
        if self.mode == "split" and self._split_range[0] < at < self._split_range[1]:
            points = spans.split_points(self.text, *self._split_range)
            if points:
                self._set_cursor(min(points, key=lambda p: abs(p - at)))
            return
        for claim in self._claims_in(at, at + 1):
            if claim.status != ClaimStatus.DISMISSED or len(self._claims_in(at, at + 1)) == 1:
                self.post_message(self.ClaimClicked(claim.id))
                return

    def select_text(self, start: int, end: int) -> None:
        """Select a span as a mouse drag would (for tests and scripted use)."""
        self._dragged = spans.to_words(self.text, start, end)
        self.refresh()

    def selected_span(self) -> tuple[int, int] | None:
        """The span last dragged with the mouse, widened to whole words."""
        return self._dragged

    def clear_selection(self) -> None:
        self._dragged = None
        self.refresh()

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
