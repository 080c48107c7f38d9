"""What happens to the grades of two claims merged into one: nothing is dropped.

Each grade of the later claim moves over to the kept claim. Where the kept claim already
holds a grade in the same slot (the same reviewer's own grade, or the final one), both
stay, marked ``conflict``: the reviewer keeps one by grading the merged claim again. No
grade row ever disappears in a merge, so the log shows every one and undo is exact; two
grades that agree are still two until their reviewer says which words and note stand.
Pure: the store carries the plan out, one logged change per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.model import Grade


@dataclass(frozen=True)
class GradeMergePlan:
    move: tuple[Grade, ...]
    """Grades of the later claim that move over unchanged (but for the claim)."""
    conflicts: tuple[tuple[Grade, ...], ...]
    """Each slot holding grades of both claims: all of them stay, marked as a conflict."""

    @property
    def conflicted_reviewers(self) -> tuple[str, ...]:
        """Who must settle a conflict ("final" for the editors' final verdicts)."""
        return tuple("final" if group[0].final else group[0].reviewer for group in self.conflicts)

    @property
    def disagreeing_reviewers(self) -> tuple[str, ...]:
        """Those of ``conflicted_reviewers`` whose grades give different verdicts."""
        return tuple(
            "final" if group[0].final else group[0].reviewer
            for group in self.conflicts
            if len({(g.verdict, g.certainty) for g in group}) > 1
        )


def _slot(grade: Grade) -> tuple[bool, str]:
    """The slot a grade fills on its claim: one per reviewer, and one final grade."""
    return (True, "") if grade.final else (False, grade.reviewer)


def plan_grade_merge(kept: Sequence[Grade], later: Sequence[Grade]) -> GradeMergePlan:
    """The plan for the grades of ``kept`` (the claim that stays) and ``later`` (merged in)."""
    by_slot: dict[tuple[bool, str], list[Grade]] = {}
    for g in kept:
        by_slot.setdefault(_slot(g), []).append(g)
    later_by_slot: dict[tuple[bool, str], list[Grade]] = {}
    for g in later:
        later_by_slot.setdefault(_slot(g), []).append(g)
    move: list[Grade] = []
    conflicts: list[tuple[Grade, ...]] = []
    for slot, incoming in later_by_slot.items():
        here = by_slot.get(slot, [])
        if not here and len(incoming) == 1 and not incoming[0].conflict:
            move.append(incoming[0])
        else:  # a slot filled on both sides, or a conflict from an earlier merge
            conflicts.append((*here, *incoming))
    for slot, here in by_slot.items():
        # A conflict the kept claim already holds (an earlier merge, not yet settled) stays
        # one even when nothing joins it: unmarking it would leave two grades in one slot.
        if slot not in later_by_slot and (len(here) > 1 or any(g.conflict for g in here)):
            conflicts.append(tuple(here))
    return GradeMergePlan(tuple(move), tuple(conflicts))
