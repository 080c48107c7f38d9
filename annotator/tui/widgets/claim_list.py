"""ClaimList: the claims of an article in text order, one line each, under a header.

Columns: status mark, verdict, check-worthiness score, sources (evidence links), then
flags and the label. The verdict is in full words when the list is wide enough to keep
``LABEL_ROOM`` columns for the label, else in the scale's short forms (the key sheet's
legend spells them out).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from textual import events
from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Vertical
from textual.content import Content, Span
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from annotator.model import Claim, ClaimStatus
from annotator.scales import Scale
from annotator.tui.colours import verdict_colours
from annotator.tui.text import visible

ORPHANED = "orphaned "
# Tags before a flagged claim's label (annotator.app.claim_flags), in this order.
FLAG_TAGS = (
    ("stale", "stale "),
    ("conflict", "conflict "),
    ("disputed", "disputed "),
    ("label", "label≠text "),
)
STATUS_MARKS = {ClaimStatus.PROPOSED: "·", ClaimStatus.ACCEPTED: "✓", ClaimStatus.DISMISSED: "✗"}
UNGRADED = "ungraded"
DISPUTED = "disputed"  # as wide as UNGRADED: the verdict column fits either
HEADERS = ("verdict", "score", "src", "label")
"""The column headers, as the list shows them and the key sheet explains them."""
LABEL_ROOM = 24
"""Columns the label keeps before verdicts are shortened."""


@dataclass(frozen=True)
class Columns:
    """How a claim line is laid out: the verdict column's words and width."""

    words: dict[str, str]
    """verdict key -> what the column shows (the key, or its short form)."""
    width: int
    colours: dict[str, str] = field(default_factory=dict)
    """verdict key -> its colour, readable on the list's background (``tui.colours``);
    the scale's own colour for a key not here."""

    @classmethod
    def for_scale(
        cls, scale: Scale, *, short: bool = False, background: Color | None = None
    ) -> Columns:
        words = scale.short_forms() if short else {k: k for k in scale.keys}
        colours = verdict_colours(scale, background)
        return cls(words, max([len(UNGRADED), *map(len, words.values())]), colours)

    @property
    def short(self) -> bool:
        return any(k != v for k, v in self.words.items())

    @property
    def line_width(self) -> int:
        """Columns taken before the label: mark, verdict, score and sources."""
        return 2 + self.width + 1 + 5 + 1 + 3 + 1

    def header(self) -> str:
        verdict, score, sources, label = HEADERS
        return f"  {verdict:<{self.width}} {score:>5} {sources:>3} {label}"


def fitting_columns(scale: Scale, width: int, background: Color | None = None) -> Columns:
    """Full verdict words if the label keeps ``LABEL_ROOM`` columns in ``width``; verdict
    colours readable on ``background``."""
    full = Columns.for_scale(scale, background=background)
    if width - full.line_width >= LABEL_ROOM:
        return full
    return Columns.for_scale(scale, short=True, background=background)


def claim_prompt(
    claim: Claim,
    verdict: str,
    scale: Scale,
    sources: int,
    flags: frozenset[str] = frozenset(),
    columns: Columns | None = None,
    lit: bool = False,
) -> Content:
    """Status mark, verdict in its colour, score, sources, flags and the label; ``lit``:
    the highlighted line, whose verdict takes the highlight's own text colour (a colour
    readable on the list's background need not be on the highlight's).

    Built as one text with its spans (not assembled from styled parts): an article's
    thousands of prompts are made each time it opens.
    """
    columns = columns or Columns.for_scale(scale)
    level = scale.get(verdict) if verdict else None
    mark = STATUS_MARKS[claim.status] + " "
    # Graded, but reviewers disagree and the viewer has no verdict of their own
    # (app.claim_flags.verdicts_shown): the column says so, once, and names no one's.
    unsettled = level is None and DISPUTED in flags
    word = columns.words.get(level.key, level.key) if level else UNGRADED
    if unsettled:
        word, flags = DISPUTED, flags - {DISPUTED}
    badge = f"{word:<{columns.width}} "
    numbers = f"{claim.score:>5.2f} {sources:>2}§ "
    label = visible(claim.label)
    b, n, lab = len(mark), len(mark) + len(badge), len(mark) + len(badge) + len(numbers)
    colour = "" if lit or not level else columns.colours.get(level.key, level.colour)
    spans = [Span(b, n, f"bold {colour}".rstrip() if level else "dim")]
    if unsettled:
        spans = [Span(b, n, "bold $warning")]
    dismissed = claim.status == ClaimStatus.DISMISSED
    if dismissed:
        spans.append(Span(b, n, "dim"))
    spans.append(Span(n, lab, "dim"))
    if claim.anchor == "orphaned":  # its words left the text in a new version
        spans.append(Span(lab, lab + len(ORPHANED), "bold reverse"))
        lab += len(ORPHANED)
    tags = ""
    for flag, tag in FLAG_TAGS:  # what a person must look at again
        if flag in flags:
            spans.append(Span(lab, lab + len(tag) - 1, "bold reverse $warning"))
            lab += len(tag)
            tags += tag
    if dismissed and label:
        spans.append(Span(lab, lab + len(label), "dim strike"))
    if claim.anchor == "orphaned" and label:
        spans.append(Span(lab, lab + len(label), "italic"))
    orphaned = ORPHANED if claim.anchor == "orphaned" else ""
    return Content(mark + badge + numbers + orphaned + tags + label, spans)


def _one_line(option: Option) -> bool:
    prompt = option.prompt
    return isinstance(prompt, Content) and "\n" not in prompt.plain and not option._divider


Row = tuple[Claim, str, int, frozenset[str]]
"""What one line shows: the claim, its verdict, its number of sources and its flags."""


class ClaimList(OptionList):
    """The article's claims, one line each; highlighting one selects it everywhere.

    It keeps what each line shows, so a resize that changes the verdict column's width
    (full words or short forms) draws the lines again without asking the store.
    """

    DEFAULT_CSS = """
    ClaimList { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, scale: Scale, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scale = scale
        self.columns = Columns.for_scale(scale)
        self._rows: list[Row] = []
        self._lit: int | None = None  # the line drawn as highlighted

    def _fitting(self) -> Columns:
        width = self.scrollable_content_region.width
        padding = self.get_component_styles("option-list--option").padding
        if not width:  # not laid out yet: a resize follows
            return Columns.for_scale(self.scale)
        background = self.background_colors[1]
        return fitting_columns(self.scale, width - padding.width, background)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme: object) -> None:
        # The new theme's background is in force once its styles are applied.
        self.call_after_refresh(self._refit)

    def on_resize(self, event: events.Resize) -> None:
        self._refit()

    def _refit(self) -> None:
        columns = self._fitting()
        if columns != self.columns:
            self.columns = columns
            highlighted = self.highlighted
            with self.prevent(OptionList.OptionHighlighted):
                self.clear_options()
                self._lit = None
                self.add_options(self._option(row) for row in self._rows)
                self.highlighted = highlighted
            self._light(self.highlighted)
            self._show_header()

    def _show_header(self) -> None:
        if isinstance(self.parent, ClaimsPane):
            self.parent.query_one(".claim-header", Static).update(
                Content(self.columns.header()).stylize("bold dim")
            )

    def _prompt(self, row: Row, lit: bool = False) -> Content:
        claim, verdict, sources, flags = row
        return claim_prompt(claim, verdict, self.scale, sources, flags, self.columns, lit)

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self._light(highlighted)

    def _light(self, index: int | None) -> None:
        """Draw the highlighted line as lit and the one lit before as plain again."""
        rows = self._rows
        lit = self._lit
        if lit is not None and lit != index and lit < min(len(rows), self.option_count):
            self.set_prompt(lit, self._prompt(rows[lit]))
        self._lit = None
        if index is not None and index < len(rows) and index < self.option_count:
            self.set_prompt(index, self._prompt(rows[index], lit=True))
            self._lit = index

    def _option(self, row: Row) -> Option:
        return Option(self._prompt(row), id=str(row[0].id))

    def _update_lines(self) -> None:
        """Measure new options; a one-line prompt in a ``nowrap`` list is one line.

        OptionList measures every option by wrapping its prompt, which on a long article
        is most of the cost of opening it, and is done again after each resize. A claim's
        prompt is one line of text, so its height is known without measuring.
        """
        cache = self._line_cache
        lines = cache.lines
        start = lines[-1][0] + 1 if lines else 0
        new = self.options[start:]
        if (
            not self.scrollable_content_region
            or self.styles.text_wrap != "nowrap"
            or not all(_one_line(option) for option in new)
        ):
            super()._update_lines()
            return
        for index in range(start, start + len(new)):
            cache.index_to_line[index] = len(lines)
            cache.heights[index] = 1
            lines.append((index, 0))
        virtual_size = Size(self.scrollable_content_region.width, len(lines))
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)

    def show(
        self,
        claims: list[Claim],
        verdicts: dict[int, str],
        scale: Scale,
        sources: dict[int, int],
        highlighted: int | None,
        flags: dict[int, frozenset[str]] | None = None,
    ) -> None:
        self.clear_options()
        self._lit = None
        flags = flags or {}
        none: frozenset[str] = frozenset()
        self.scale = scale
        self.columns = self._fitting()
        self._rows = [
            (c, verdicts.get(c.id, ""), sources.get(c.id, 0), flags.get(c.id, none)) for c in claims
        ]
        self.add_options(self._option(row) for row in self._rows)
        self._show_header()
        if highlighted is not None and claims:
            self.highlighted = max(0, min(highlighted, len(claims) - 1))
        self._light(self.highlighted)

    def update_claim(
        self, index: int, claim: Claim, verdict: str, sources: int, flags: frozenset[str]
    ) -> None:
        """Show one changed claim on its line (see ``set_prompt``)."""
        self._rows[index] = (claim, verdict, sources, flags)
        self.set_prompt(index, self._prompt(self._rows[index], lit=index == self._lit))

    def set_prompt(self, index: int, prompt: Content) -> None:
        """Show a new prompt for one claim, repainting its line alone.

        ``replace_option_prompt_at_index`` forgets the layout of every option, so the next
        paint measures all of them again (thousands on a long article). A claim's line
        keeps its height (one line, ``nowrap``), so only its own drawing is dropped; if the
        height did change, the list is measured again as before.
        """
        option = self.get_option_at_index(index)
        heights = self._line_cache.heights
        old_height = heights.get(index)
        option._set_prompt(prompt)
        cache = self._option_render_cache  # an LRUCache: no iteration but by keys()
        for key in [k for k in cache.keys() if k[0] is option]:  # noqa: SIM118
            cache.discard(key)
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        new_height = self._get_visual(option).get_height(
            cast(RulesMap, self.styles), width - padding.width
        )
        if old_height is None or new_height + option._divider != old_height:
            self._clear_caches()
            return
        self.refresh_lines(self._line_cache.index_to_line[index], old_height)


class ClaimsPane(Vertical):
    """The claim list under its column headers, in one border."""

    DEFAULT_CSS = """
    ClaimsPane > .claim-header { height: 1; padding: 0 1; background: $surface; }
    ClaimsPane > ClaimList, ClaimsPane > ClaimList:focus { height: 1fr; border: none; }
    """

    def __init__(self, scale: Scale, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scale = scale

    def compose(self) -> ComposeResult:
        yield Static(classes="claim-header")
        yield ClaimList(self.scale, id="claim-list")
