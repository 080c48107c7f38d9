"""Where one claim's verdict stands: final, agreed, disputed, stale or ungraded.

The one rule every count and export reads (``export.published`` for what may be
published, ``Store`` for the disputed claims ``stats`` counts apart): a claim whose
reviewers disagree and that no editor's final verdict settles is *disputed*.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from annotator.model import Grade


class Standing(StrEnum):
    """Where a claim's verdict stands."""

    FINAL = "final"  # an editor's final verdict
    AGREED = "agreed"  # every reviewer's grade says the same
    DISPUTED = "disputed"  # reviewers disagree and no editor has settled it
    STALE = "stale"  # graded before the claim's words changed
    UNGRADED = "ungraded"


@dataclass(frozen=True)
class Settlement:
    """A claim's verdict as it may be published; ``grade`` speaks for it."""

    standing: Standing
    grade: Grade | None = None

    @property
    def verdict(self) -> str:
        return self.grade.verdict if self.grade is not None else ""

    @property
    def settled(self) -> bool:
        return self.standing in (Standing.FINAL, Standing.AGREED)


def _latest(grades: Iterable[Grade]) -> Grade | None:
    return max(grades, key=lambda g: (g.graded_at, g.id), default=None)


def settle(grades: Iterable[Grade], *, accept_stale: bool = False) -> Settlement:
    """The standing of one claim's grades (its final one, if any, and each reviewer's).

    ``accept_stale`` takes stale grades as if they were current (``--include-stale``).
    """
    grades = list(grades)
    final = _latest(g for g in grades if g.final)
    if final is not None:
        stale = final.stale and not accept_stale
        return Settlement(Standing.STALE if stale else Standing.FINAL, final)
    own = [g for g in grades if not g.final]
    if not own:
        return Settlement(Standing.UNGRADED)
    latest = _latest(own)
    if not accept_stale and any(g.stale for g in own):
        return Settlement(Standing.STALE, latest)
    if len({g.verdict for g in own}) > 1:
        return Settlement(Standing.DISPUTED, latest)
    return Settlement(Standing.AGREED, latest)
