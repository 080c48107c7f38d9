"""ClaimList: the claims of an article in text order, one line each."""

from __future__ import annotations

from typing import cast

from textual.content import Content, Span
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from annotator.model import Claim, ClaimStatus
from annotator.scales import Scale
from annotator.tui.text import visible

ORPHANED = "orphaned "
# Tags before a flagged claim's label (annotator.app.claim_flags), in this order.
FLAG_TAGS = (("stale", "stale "), ("conflict", "conflict "), ("label", "label≠text "))
STATUS_MARKS = {ClaimStatus.PROPOSED: "·", ClaimStatus.ACCEPTED: "✓", ClaimStatus.DISMISSED: "✗"}


def claim_prompt(
    claim: Claim,
    verdict: str,
    scale: Scale,
    sources: int,
    flags: frozenset[str] = frozenset(),
) -> Content:
    """Status mark, verdict in its colour, score, sources, flags and the label.

    Built as one text with its spans (not assembled from styled parts): an article's
    thousands of prompts are made each time it opens.
    """
    level = scale.get(verdict) if verdict else None
    mark = STATUS_MARKS[claim.status] + " "
    badge = f"{level.key[:10]:<10} " if level else f"{'ungraded':<10} "
    numbers = f"{claim.score:.2f} {sources}§ "
    label = visible(claim.label)
    b, n, lab = len(mark), len(mark) + len(badge), len(mark) + len(badge) + len(numbers)
    spans = [Span(b, n, f"bold {level.colour}" if level else "dim")]
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


class ClaimList(OptionList):
    """The article's claims, one line each; highlighting one selects it everywhere."""

    DEFAULT_CSS = """
    ClaimList { text-wrap: nowrap; text-overflow: ellipsis; }
    """

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
        flags = flags or {}
        none: frozenset[str] = frozenset()
        self.add_options(
            Option(
                claim_prompt(
                    c, verdicts.get(c.id, ""), scale, sources.get(c.id, 0), flags.get(c.id, none)
                ),
                id=str(c.id),
            )
            for c in claims
        )
        if highlighted is not None and claims:
            self.highlighted = max(0, min(highlighted, len(claims) - 1))

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
