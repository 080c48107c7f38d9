"""Which verdict of a claim may be published, and which claims an export leaves out.

The published verdict of a claim is its editor's final verdict, or the reviewers'
independent grades when they all agree (DESIGN.md, "Review rules"). A claim whose
reviewers disagree is *disputed*; one whose grade in force was given to words that have
since changed is *stale*. Neither is published until a person settles it, unless the
export asks for them (``--include-disputed``, ``--include-stale``): then a disputed
claim goes out with its latest grade, marked as such where the format can say so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from annotator.grades.standing import Settlement as Settlement
from annotator.grades.standing import Standing as Standing
from annotator.grades.standing import settle as settle
from annotator.model import ClaimStatus, Grade

# Why a claim is not in an export, in the order a message names them ("orphaned": its
# words left the article in a newer version, so it is no claim of the article now).
REASONS = ("dismissed", "orphaned", "ungraded", "disputed", "stale", "off the scale")


@dataclass
class Selection:
    """The rows an export writes, out of how many, and why the others were left out."""

    rows: list[dict[str, Any]]
    total: int
    left_out: Counter[str] = field(default_factory=Counter)

    def message(self, destination: str = "") -> str:
        """ "23 of 24 claims written to out.csv (1 dismissed left out)"."""
        written = len(self.rows)
        noun = "claim" if self.total == 1 else "claims"
        head = f"{written} of {self.total} {noun} written"
        if written == self.total:
            head = f"{written} {noun} written"
        if destination:
            head += f" to {destination}"
        reasons = [f"{self.left_out[r]} {r}" for r in REASONS if self.left_out.get(r)]
        others = sorted(set(self.left_out) - set(REASONS))
        reasons += [f"{self.left_out[r]} {r}" for r in others if self.left_out[r]]
        if not reasons:
            return head
        return f"{head} ({', '.join(reasons)} left out)"


def without_dismissed(rows: list[dict[str, Any]], keep_dismissed: bool) -> Selection:
    """The rows a reader sees: dismissed claims only when they were asked for."""
    selection = Selection([], len(rows))
    for row in rows:
        if row["status"] == str(ClaimStatus.DISMISSED) and not keep_dismissed:
            selection.left_out["dismissed"] += 1
        else:
            selection.rows.append(row)
    return selection


def publishable(
    rows: list[dict[str, Any]],
    grades: dict[int, list[Grade]],
    *,
    keep_dismissed: bool = False,
    include_stale: bool = False,
    include_disputed: bool = False,
    keep_ungraded: bool = False,
    orphaned: Collection[int] = (),
) -> tuple[Selection, dict[int, Settlement]]:
    """The rows whose verdict may be published, each claim's settlement by claim id.

    ``keep_ungraded`` keeps claims without a verdict (an annotation that only marks
    the span); a stale or disputed claim is never written without its flag. A claim in
    ``orphaned`` (its words left the article) is never published: the article no
    longer makes it, and its span points into text that is gone.
    """
    selection = without_dismissed(rows, keep_dismissed)
    settlements: dict[int, Settlement] = {}
    kept: list[dict[str, Any]] = []
    for row in selection.rows:
        claim_id = int(row["claim_id"])
        settlement = settle(grades.get(claim_id, []), accept_stale=include_stale)
        settlements[claim_id] = settlement
        standing = settlement.standing
        if claim_id in orphaned:
            selection.left_out["orphaned"] += 1
        elif standing == Standing.UNGRADED and not keep_ungraded:
            selection.left_out["ungraded"] += 1
        elif standing == Standing.STALE:
            selection.left_out["stale"] += 1
        elif standing == Standing.DISPUTED and not include_disputed:
            selection.left_out["disputed"] += 1
        else:
            kept.append(row)
    selection.rows = kept
    return selection, settlements
