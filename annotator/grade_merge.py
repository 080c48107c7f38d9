"""What happens to the grades of two claims merged into one: nothing is dropped.

Each grade of the later claim either moves over as it is (the kept claim holds no grade
in its slot: the same reviewer's own grade, or the final one), folds into the kept
claim's grade when the two agree (same verdict and certainty: the kept grade takes the
other's reasons and note, so nothing is lost), or, when they disagree, both stay as a
conflict that their reviewer settles by grading the merged claim again. Pure: the store
carries the plan out, one logged change per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from annotator.model import Grade


@dataclass(frozen=True)
class GradeMergePlan:
    move: tuple[Grade, ...]
    """Grades of the later claim that move over unchanged (but for the claim)."""
    fold: tuple[tuple[Grade, Grade], ...]
    """(kept grade, the later claim's agreeing grade folded into it and removed)."""
    conflicts: tuple[tuple[Grade, ...], ...]
    """Each slot whose grades disagree: all of them stay, marked as a conflict."""

    @property
    def conflicted_reviewers(self) -> tuple[str, ...]:
        """Who must settle a conflict ("final" for the editors' final verdicts)."""
        return tuple("final" if group[0].final else group[0].reviewer for group in self.conflicts)


def _slot(grade: Grade) -> tuple[bool, str]:
    """The slot a grade fills on its claim: one per reviewer, and one final grade."""
    return (True, "") if grade.final else (False, grade.reviewer)


def _agree(a: Grade, b: Grade) -> bool:
    return a.verdict == b.verdict and a.certainty == b.certainty and not (a.conflict or b.conflict)


def plan_grade_merge(kept: Sequence[Grade], later: Sequence[Grade]) -> GradeMergePlan:
    """The plan for the grades of ``kept`` (the claim that stays) and ``later`` (merged in)."""
    by_slot: dict[tuple[bool, str], list[Grade]] = {}
    for g in kept:
        by_slot.setdefault(_slot(g), []).append(g)
    later_by_slot: dict[tuple[bool, str], list[Grade]] = {}
    for g in later:
        later_by_slot.setdefault(_slot(g), []).append(g)
    move: list[Grade] = []
    fold: list[tuple[Grade, Grade]] = []
    conflicts: list[tuple[Grade, ...]] = []
    for slot, incoming in later_by_slot.items():
        here = by_slot.get(slot, [])
        if not here and len(incoming) == 1 and not incoming[0].conflict:
            move.append(incoming[0])
        elif not here:
            conflicts.append(tuple(incoming))  # a conflict from an earlier merge goes along
        elif len(here) == 1 and len(incoming) == 1 and _agree(here[0], incoming[0]):
            fold.append((here[0], incoming[0]))
        else:
            conflicts.append((*here, *incoming))
    return GradeMergePlan(tuple(move), tuple(fold), tuple(conflicts))


def folded_fields(kept: Grade, other: Grade) -> dict[str, Any]:
    """The kept grade's fields once an agreeing grade is folded into it: the reasons of
    both, both notes, the later time, and stale if either was."""
    reasons = list(dict.fromkeys((*kept.reasons, *other.reasons)))
    notes = [n for n in (kept.note, other.note) if n]
    note = "\n".join(dict.fromkeys(notes))
    return {
        "reasons": reasons,
        "note": note,
        "graded_at": max(kept.graded_at, other.graded_at),
        "stale": kept.stale or other.stale,
    }
