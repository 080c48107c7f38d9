"""The review screen's claim-memory keys: copy evidence links from an earlier check.

A mixin of ``ReviewScreen`` (kept apart so review.py stays small): ``u`` copies the
links of the best match, ``U`` lets the reviewer choose among matches and near misses.
Only links are copied, never a verdict; the store records where they came from and one
``ctrl+z`` takes them all back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from annotator.model import Claim, Evidence
from annotator.sources.identifiers import format_reference
from annotator.tui.screens.similar_picker import SimilarPickerModal
from annotator.tui.widgets.similar_panel import Recall, SimilarPanel, best_reusable

if TYPE_CHECKING:
    from annotator.tui.screens.review import ReviewScreen


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class ReuseActions:
    """``action_reuse_evidence`` and ``action_choose_reuse`` for ReviewScreen."""

    def _recalls(self) -> tuple[Claim, list[Recall]] | None:
        screen = cast("ReviewScreen", self)
        if (claim := screen.current) is None:
            return None
        return claim, screen.query_one(SimilarPanel).recalls(claim.id)

    def action_reuse_evidence(self) -> None:
        screen = cast("ReviewScreen", self)
        if (found := self._recalls()) is None:
            return
        claim, recalls = found
        best = best_reusable(recalls)
        if best is None:
            screen.notify(
                "No earlier match of this claim has evidence links to copy"
                + (": U shows the near misses." if recalls else ".")
            )
            return
        self.reuse_from(claim, best)

    def action_choose_reuse(self) -> None:
        screen = cast("ReviewScreen", self)
        if (found := self._recalls()) is None:
            return
        claim, recalls = found
        if not recalls:
            screen.notify("No earlier check matches this claim.")
            return

        def done(recall: Recall | None) -> None:
            if recall is not None:
                self.reuse_from(claim, recall)

        title = f"Copy evidence links to “{_short(claim.label)}” from"
        screen.app.push_screen(
            SimilarPickerModal(title, recalls, screen.store.scales.verdict), done
        )

    def reuse_from(self, claim: Claim, recall: Recall) -> None:
        """Copy ``recall``'s links to ``claim`` and say what was copied from where."""
        screen = cast("ReviewScreen", self)
        if recall.claim_id is None:
            return
        earlier = recall.claim_id
        copied: list[Evidence] | None = screen._act(
            lambda: screen.store.reuse_evidence(claim.id, earlier, reviewer=screen.reviewer),
            only=claim,
        )
        if copied is None:
            return  # the store's error is already shown
        if not copied:
            screen.notify(f"Nothing new: the links of claim {earlier} are already here.")
            return
        what = "; ".join(
            f"{e.stance} {_short(format_reference(screen.store.get_citation(e.citation_id)), 50)}"
            for e in copied
        )
        many = "s" if len(copied) != 1 else ""
        message = (
            f"Copied {len(copied)} evidence link{many} from {recall.origin()}: {what}."
            " The verdict is yours to give; ctrl+z undoes."
        )
        screen.notify(message)
