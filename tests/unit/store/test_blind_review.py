"""Blind review: the rule (annotator.grades.visibility) and every store read that applies it."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.config import load_config
from annotator.errors import InputError, NotAllowedError
from annotator.grades.visibility import (
    Viewer,
    awaits_own_grade,
    make_viewer,
    may_see,
    visible_events,
    visible_grades,
)
from annotator.model import Event, Grade
from annotator.store import Store
from tests.team_helpers import article_with_claims

BOB = Viewer("bob")


def _grade(claim_id: int, reviewer: str, verdict: str = "mixed", final: bool = False) -> Grade:
    return Grade(id=0, claim_id=claim_id, reviewer=reviewer, verdict=verdict, final=final)


def test_a_reviewer_sees_others_only_on_claims_they_graded() -> None:
    grades = [
        _grade(1, "alice"),
        _grade(1, "bob"),
        _grade(2, "alice"),
        _grade(2, "ed", final=True),
        _grade(3, "bob", final=True),  # bob's own final, not an own grade
        _grade(3, "carol"),
    ]
    seen = visible_grades(grades, BOB)
    assert [(g.claim_id, g.reviewer) for g in seen] == [(1, "alice"), (1, "bob"), (3, "bob")]


def test_who_sees_everything() -> None:
    grades = [_grade(1, "alice"), _grade(1, "ed", final=True)]
    assert visible_grades(grades, None) == grades  # the store's own work
    assert visible_grades(grades, Viewer("bob", blind=False)) == grades
    assert visible_grades(grades, Viewer("bob", editor=True)) == grades
    # An editor who set a final verdict is never blinded by it.
    assert visible_grades(grades, Viewer("ed", editor=True)) == grades
    assert not may_see(BOB, "alice", graded_it=False)
    assert may_see(BOB, "alice", graded_it=True) and may_see(BOB, "bob", graded_it=False)


def test_a_reviewer_who_graded_nothing_sees_nothing_of_others() -> None:
    assert visible_grades([_grade(1, "alice"), _grade(2, "carol")], Viewer("dan")) == []


def test_the_waiting_hint_does_not_depend_on_others() -> None:
    assert awaits_own_grade([], BOB) and awaits_own_grade([_grade(1, "bob", final=True)], BOB)
    assert not awaits_own_grade([_grade(1, "bob")], BOB)
    assert not awaits_own_grade([], Viewer("bob", editor=True))


def test_editors_come_from_the_config_and_the_role_makes_no_one_else_one() -> None:
    """Anyone could claim --role editor and see every grade despite blind review."""
    assert make_viewer("carol", blind=True, editors=("carol",)).editor
    assert make_viewer("carol", blind=True, editors=("carol",), role="editor").editor
    with pytest.raises(
        NotAllowedError,
        match=r"^'bob' is not an editor of this desk \(the"
        r" desk's editors are carol, dee\): editors are named in the desk",
    ):
        make_viewer("bob", blind=True, editors=("carol", "dee"), role="editor")
    with pytest.raises(NotAllowedError, match="the desk config names no editors"):
        make_viewer("bob", blind=True, role="editor")
    assert not make_viewer("bob", blind=True, editors=("carol",), role="reviewer").editor
    # A role narrows: a named editor may work as a reviewer, blind.
    assert not make_viewer("carol", blind=True, editors=("carol",), role="reviewer").editor


def test_editors_in_the_desk_config(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('editors = ["carol", "ed"]\nblind = true\n', encoding="utf-8")
    assert load_config(path).editors == ("carol", "ed")
    path.write_text("editors = 3\n", encoding="utf-8")
    with pytest.raises(InputError, match="editors must be a list of quoted strings"):
        load_config(path)


def test_history_leaves_out_others_grading_until_you_grade() -> None:
    def event(who: str, entity: str, row_reviewer: str) -> Event:
        return Event(
            id=0, at="", reviewer=who, action="grade", entity=entity, entity_id=1,
            after={"reviewer": row_reviewer, "verdict": "mixed"},
        )  # fmt: skip

    events = [event("alice", "grade", "alice"), event("bob", "grade", "bob"),
              event("ann", "evidence", "ann")]  # fmt: skip
    assert [e.reviewer for e in visible_events(events, BOB, graded_it=False)] == ["bob", "ann"]
    assert visible_events(events, BOB, graded_it=True) == events


@pytest.fixture
def graded(store: Store) -> tuple[int, list[int]]:
    """Three claims: alice graded all, bob the first, an editor settled the second."""
    article = article_with_claims(store, 3)
    ids = [c.id for c in store.claims(article)]
    for i, claim_id in enumerate(ids):
        store.grade_claim(claim_id, "contradicted", reviewer="alice", note=f"alice-note-{i}")
    store.grade_claim(ids[0], "supported", reviewer="bob", note="bob-note")
    store.grade_claim(ids[1], "mixed", reviewer="ed", note="ed settled it", final=True)
    return article, ids


def test_store_reads_as_a_blind_reviewer(store: Store, graded: tuple[int, list[int]]) -> None:
    article, ids = graded
    assert store.current_verdicts(article, viewer=BOB) == {ids[0]: "supported"}
    assert store.current_verdicts(article) == {
        ids[0]: "supported", ids[1]: "mixed", ids[2]: "contradicted",
    }  # fmt: skip
    assert store.current_verdicts(article, viewer=Viewer("ed", editor=True)) == (
        store.current_verdicts(article)
    )
    assert [g.reviewer for g in store.grades_for(ids[1], viewer=BOB)] == []
    assert {g.reviewer for g in store.grades_for(ids[0], viewer=BOB)} == {"alice", "bob"}
    assert {g.claim_id for g in store.grades_for_article(article, viewer=BOB)} == {ids[0]}
    [summary] = store.article_summaries(viewer=BOB)
    assert (summary.graded, summary.verdicts) == (1, {"supported": 1})
    assert [e.reviewer for e in store.history(ids[2], viewer=BOB)] == ["setup"]


def test_export_reads_as_a_blind_reviewer(store: Store, graded: tuple[int, list[int]]) -> None:
    article, ids = graded
    lines = {line.claim_id: line for line in store.claim_table(article, viewer=BOB).named_lines()}
    assert lines[ids[0]] == store.claim_table(article).named_lines()[0]  # graded: all of it
    for hidden in ids[1:]:
        line = lines[hidden]
        assert (line.verdict, line.certainty, line.grade_note, line.reviewers) == (
            None, None, None, None,
        )  # fmt: skip
        assert line.final is None and line.last_graded_at is None
    data = store.export_data(article, viewer=BOB)
    assert set(data.grades) == {ids[0]}


def test_a_reviewers_own_final_shows_in_their_table(store: Store) -> None:
    article = article_with_claims(store, 1)
    [claim] = store.claims(article)
    store.grade_claim(claim.id, "mixed", reviewer="alice")
    store.grade_claim(claim.id, "supported", reviewer="bob", note="why", final=True)
    [line] = store.claim_table(article, viewer=BOB).named_lines()
    assert (line.verdict, line.final, line.grade_note, line.reviewers) == (
        "supported", 1, "why", None,
    )  # fmt: skip


def test_claim_operations_ask_without_telling_of_hidden_grades(
    store: Store, graded: tuple[int, list[int]]
) -> None:
    from annotator.app.claim_ops import merge_question, split_question

    _article, ids = graded
    claim = store.get_claim(ids[1])
    assert merge_question(store, ids[1], Viewer("dan")) is None  # alice's and ed's, unseen
    assert split_question(store, claim, Viewer("dan")) is None
    question = merge_question(store, ids[1], Viewer("ed", editor=True))
    assert question is not None and "3 grades stay" in question
