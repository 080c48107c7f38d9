"""ClaimList: the claims of an article in text order, one line each."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from annotator.model import Claim, ClaimStatus
from annotator.scales import Scale
from annotator.tui.text import safe

STATUS_MARKS = {ClaimStatus.PROPOSED: "·", ClaimStatus.ACCEPTED: "✓", ClaimStatus.DISMISSED: "✗"}


def claim_prompt(claim: Claim, verdict: str, scale: Scale, sources: int) -> Content:
    """Status mark, verdict in its colour, label, score and the number of sources."""
    level = scale.get(verdict) if verdict else None
    badge = (
        Content(f"{level.key[:10]:<10} ").stylize(f"bold {level.colour}")
        if level
        else Content(f"{'ungraded':<10} ").stylize("dim")
    )
    mark = Content(STATUS_MARKS[claim.status] + " ")
    numbers = Content(f"{claim.score:.2f} {sources}§ ").stylize("dim")
    label = safe(claim.label)
    if claim.status == ClaimStatus.DISMISSED:
        label = label.stylize("dim strike")
        badge = badge.stylize("dim")
    if claim.anchor == "orphaned":  # its words left the text in a new version
        label = Content("orphaned ").stylize("bold reverse") + label.stylize("italic")
    return Content.assemble(mark, badge, numbers, label)


class ClaimList(OptionList):
    """The article's claims, one line each; highlighting one selects it everywhere."""

    DEFAULT_CSS = """
    ClaimList { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def show(
        self,
        claims: list[Claim],
        verdicts: dict[int, str],
        scale: Scale,
        sources: dict[int, int],
        highlighted: int | None,
    ) -> None:
        self.clear_options()
        self.add_options(
            Option(
                claim_prompt(c, verdicts.get(c.id, ""), scale, sources.get(c.id, 0)), id=str(c.id)
            )
            for c in claims
        )
        if highlighted is not None and claims:
            self.highlighted = max(0, min(highlighted, len(claims) - 1))
