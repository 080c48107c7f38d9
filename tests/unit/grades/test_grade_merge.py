"""The grade-merge plan: nothing dropped, and a conflict stays one until it is settled."""

from __future__ import annotations

from annotator.grades.merge import plan_grade_merge
from annotator.model import Grade


def test_an_unsettled_conflict_stays_one_when_nothing_joins_it() -> None:
    """Merging into a claim that still holds an earlier merge's conflict keeps both grades
    marked: unmarking one would leave a reviewer two ordinary grades on one claim (the store's
    unique index refused that, found by hypothesis: grade, split, merge, grade, undo, merge)."""
    pair = (
        Grade(1, 10, "ann", "supported", conflict=True),
        Grade(2, 10, "ann", "mixed", conflict=True),
    )
    plan = plan_grade_merge(pair, [])
    assert plan.conflicts == (pair,)
    assert plan.conflicted_reviewers == ("ann",)


def test_single_grades_with_nothing_joining_are_left_alone() -> None:
    plan = plan_grade_merge([Grade(1, 10, "ann", "supported")], [Grade(2, 11, "bob", "mixed")])
    assert plan.conflicts == ()
    assert [g.id for g in plan.move] == [2]
