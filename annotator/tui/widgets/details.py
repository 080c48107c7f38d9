"""DetailsPanel: the current claim's grade, evidence and reasons for being proposed."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from annotator.app.claim_flags import label_out_of_date
from annotator.grades.visibility import Viewer, awaits_own_grade
from annotator.model import Citation, Claim, Evidence, Grade, QuoteMatch
from annotator.scales import Scale
from annotator.sources.identifiers import format_reference
from annotator.tui.text import safe

STANCE_BADGES = {"supports": "green", "contradicts": "red", "mixed": "gold", "mentions": "grey"}
# What to do about a quote that did not check: the keys (which the key sheet adds to its
# legend of every tag), and the hint beside the link, which says why as well.
QUOTE_KEYS = {
    QuoteMatch.NO_TEXT: "l, then t gives it",
    QuoteMatch.NOT_FOUND: "l, then p picks a sentence",
}
QUOTE_HINTS = {
    QuoteMatch.NO_TEXT: "the source has no stored text to check it: "
    + QUOTE_KEYS[QuoteMatch.NO_TEXT],
    QuoteMatch.NOT_FOUND: "not in the source's text: " + QUOTE_KEYS[QuoteMatch.NOT_FOUND],
}


def stance_badge(stance: str) -> Content:
    """A link's stance as a coloured badge: `` supports ``."""
    return Content(f" {stance} ").stylize(f"bold reverse {STANCE_BADGES.get(stance, 'grey')}")


def evidence_lines(links: list[tuple[Evidence, Citation]], *, hints: bool = True) -> list[Content]:
    """Each link: its stance, the full reference, the quote with its locator and whether
    the quote was found in the source's text; ``hints``: what to do about a quote that
    did not check (keys of the review screen)."""
    if not links:
        return [Content("no sources linked yet\n").stylize("dim")]
    parts: list[Content] = []
    for ev, citation in links:
        parts.append(stance_badge(str(ev.stance)))
        parts.append(Content(" ") + safe(format_reference(citation)) + Content("\n"))
        if ev.quote:
            parts.append(safe(f"  “{ev.quote}”"))
            if ev.locator:
                parts.append(safe(f" ({ev.locator})"))
            parts.append(Content(f" [quote {ev.quote_verified}]").stylize("dim"))
            if hints and ev.quote_verified in QUOTE_HINTS:
                parts.append(Content(f" {QUOTE_HINTS[ev.quote_verified]}").stylize("dim italic"))
            parts.append(Content("\n"))
    return parts


def details_content(
    claim: Claim,
    grades: list[Grade],
    links: list[tuple[Evidence, Citation]],
    scale: Scale,
    viewer: Viewer,
) -> Content:
    """The details of a claim; ``grades`` are those ``viewer`` may see (blind review)."""
    # Grade and evidence first: the claim's words are already marked in the article.
    parts: list[Content] = [Content("Grade\n").stylize("bold")]
    if not grades:
        parts.append(Content("not graded yet (1-5, 0)\n").stylize("dim"))
    for g in grades:
        level = scale.get(g.verdict)
        who = "final" if g.final else g.reviewer
        parts.append(safe(f"{who}: "))
        parts.append(
            Content(level.label if level else g.verdict).stylize(
                f"bold {level.colour if level else ''}"
            )
        )
        if g.certainty:
            parts.append(Content(f" · certainty {g.certainty}"))
        if g.reasons:
            parts.append(safe(" · " + ", ".join(g.reasons)))
        if g.conflict:
            parts.append(
                Content(" conflict ").stylize("bold reverse $error")
                + Content(
                    " a merge left two grades of one reviewer: grade again to keep one"
                ).stylize("bold")
            )
        elif g.stale:
            parts.append(
                Content(" stale ").stylize("bold reverse $warning")
                + Content(" the claim's words changed since: grade again").stylize("bold")
            )
        if g.note:
            parts.append(Content("\n  ") + safe(g.note))
        parts.append(Content("\n"))
    if awaits_own_grade(grades, viewer):
        # Said whether or not anyone else graded it: even a count would tell.
        parts.append(Content("blind review: others' grades show once you grade\n").stylize("dim"))
    if claim.note:
        parts.append(Content("\nNote\n").stylize("bold"))
        parts.append(safe(claim.note + "\n"))
    parts.append(Content(f"\nEvidence ({len(links)})").stylize("bold"))
    if links:
        parts.append(Content("  l: edit, remove, the source, its text").stylize("dim"))
    parts.append(Content("\n"))
    parts += evidence_lines(links)
    lost = label_out_of_date(claim)
    parts += [
        Content("\nClaim\n").stylize("bold"),
        Content(
            f"your label states {', '.join(lost)}, which the words no longer do: edit it (e)\n"
            if lost
            else ""
        ).stylize("bold $warning"),
        # The label whole: the list has room for its first words only.
        Content("label ").stylize("dim"),
        safe(claim.label).stylize("bold"),
        Content("\n"),
        safe(claim.text.replace("\n", " ")),
        Content(f"\nstatus {claim.status} · {claim.origin} · score {claim.score:.2f}\n").stylize(
            "dim"
        ),
        Content(
            "orphaned: not found in the current text, so not marked there\n"
            if claim.anchor == "orphaned"
            else ""
        ).stylize("bold"),
        Content("why proposed: ").stylize("dim"),
        safe(", ".join(claim.reasons) or ("added by hand" if claim.origin == "manual" else "—")),
    ]
    return Content.assemble(*parts)


class DetailsPanel(Static):
    """Everything known about the current claim.

    Alone in its scroll region, the panel is at least as tall as the region (see
    ``get_content_height``), so new content that still fits leaves every widget's place
    as it is: ``show`` then repaints the panel alone instead of asking for a layout of
    the screen, which costs more than the rest of a key press. Content equal to what
    is shown is not drawn again.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: Content | None = None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        height = super().get_content_height(container, viewport, width)
        parent = self.parent
        if isinstance(parent, Widget) and all(c is self or not c.display for c in parent.children):
            spare = container.height - self.styles.gutter.height - self.styles.margin.height
            height = max(height, spare)
        return height

    def show(self, content: Content) -> None:
        """Show ``content``: a repaint when the panel keeps its height, else a layout."""
        shown = self._shown
        if shown is not None and shown.plain == content.plain and shown.spans == content.spans:
            return
        self._shown = content
        before = self.content_region.height
        self.update(content, layout=False)
        parent, width = self.parent, self.content_region.width
        if not isinstance(parent, Widget) or not width:
            self.refresh(layout=True)
            return
        container = parent.scrollable_content_region.size
        if self.get_content_height(container, self.app.size, width) != before:
            self.refresh(layout=True)
