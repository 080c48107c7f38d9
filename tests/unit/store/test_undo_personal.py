"""Undo and redo are personal: only one's own fields, collisions refused in one line."""

from __future__ import annotations

from pathlib import Path

from annotator.app.claim_ops import add_claim, split_claim
from annotator.app.event_log import redo, undo
from annotator.app.library import add_citation, add_citations
from annotator.app.linking import link_evidence
from annotator.model import Citation
from annotator.store import Store
from tests.unit.store.test_event_log import TEXT
from tests.unit.store.test_undo_property import data_dump


def _desk(store: Store) -> list[int]:
    article = store.import_article(TEXT, title="t", reviewer="alice", proposals=[])
    add_claim(store, article.id, 0, 75, reviewer="alice")
    add_claim(store, article.id, 76, 130, reviewer="alice")
    return [c.id for c in store.claims(article.id)]


def test_undo_names_what_it_undid_and_the_claim(store: Store) -> None:
    ids = _desk(store)
    store.grade_claim(ids[1], "mixed", reviewer="alice")
    outcome = undo(store, "alice")
    assert outcome.message == f"Undone: alice's grade 'mixed' on claim {ids[1]}"
    assert outcome.claim_id == ids[1] and outcome.changed
    assert store.grades_for(ids[1]) == []
    again = redo(store, "alice")
    assert again.message == f"Redone: alice's grade 'mixed' on claim {ids[1]}"
    assert [g.verdict for g in store.grades_for(ids[1])] == ["mixed"]


def test_undo_reverts_only_the_reviewers_own_fields(store: Store) -> None:
    ids = _desk(store)
    store.edit_label(ids[0], "alice's label", reviewer="alice")
    store.set_claim_note(ids[0], "bob's note", reviewer="bob")
    assert undo(store, "alice").changed
    claim = store.get_claim(ids[0])
    assert claim.note == "bob's note" and claim.label != "alice's label"
    assert store.verify_log().intact


def test_a_collision_is_said_in_one_line_changes_nothing_and_the_next_undo_goes_on(
    store: Store,
) -> None:
    ids = _desk(store)
    store.grade_claim(ids[1], "supported", reviewer="alice")
    store.edit_label(ids[0], "alice's label", reviewer="alice")
    store.edit_label(ids[0], "bob's label", reviewer="bob")
    outcome = undo(store, "alice")
    assert not outcome.changed and "\n" not in outcome.message
    assert outcome.message.startswith(f"Not undone: alice's label edit on claim {ids[0]}: ")
    assert "bob (edit-label) changed the label of claim" in outcome.message
    assert store.get_claim(ids[0]).label == "bob's label"
    assert undo(store, "alice").message == f"Undone: alice's grade 'supported' on claim {ids[1]}"
    assert store.verify_log().intact


def test_undo_of_what_another_reviewer_deleted_says_so_and_later_undos_work(
    store: Store,
) -> None:
    ids = _desk(store)
    cited, _ = add_citation(store, Citation(id=0, title="A trial", doi="10.1/t"), reviewer="bob")
    store.grade_claim(ids[0], "mixed", reviewer="alice")
    link = link_evidence(store, ids[0], cited.id, "supports", reviewer="alice")
    store.remove_evidence(link.id, reviewer="bob")
    outcome = undo(store, "alice")
    assert (
        not outcome.changed and f"bob (unlink) deleted evidence {link.id} since" in outcome.message
    )
    assert undo(store, "alice").changed and store.grades_for(ids[0]) == []


def test_undo_never_takes_away_what_another_reviewer_hung_on_it(store: Store) -> None:
    ids = _desk(store)
    _left, right = split_claim(store, ids[0], 40, reviewer="alice")
    store.grade_claim(right.id, "mixed", reviewer="bob")
    outcome = undo(store, "alice")
    assert not outcome.changed and "bob (grade) added a grade to claim" in outcome.message
    assert [g.reviewer for g in store.grades_for(right.id)] == ["bob"]
    assert store.verify_log().intact


def test_redo_is_gone_once_the_reviewer_does_new_work(store: Store) -> None:
    ids = _desk(store)
    store.grade_claim(ids[0], "mixed", reviewer="alice")
    undo(store, "alice")
    store.set_claim_note(ids[1], "new work", reviewer="alice")
    assert redo(store, "alice").message == "Nothing to redo for alice."


def test_undo_names_a_new_citation_and_a_merge_for_what_they_are(
    store: Store, tmp_path: Path
) -> None:
    """Undoing 'cite add' said "new claim on citation 1", and undoing a merge "merge-in on
    article 1": the words of a claim's addition, and an action's code."""
    from annotator.app.merge_file import merge_file
    from annotator.grades.visibility import Viewer

    add_citation(store, Citation(title="A trial", year=2020, doi="10.1/a"), reviewer="alice")
    assert undo(store, "alice").message == "Undone: alice's new citation 1"
    assert redo(store, "alice").message == "Redone: alice's new citation 1"
    two = [Citation(title=f"Study {n}", year=2021, doi=f"10.1/s{n}") for n in (1, 2)]
    add_citations(store, two, reviewer="alice")  # a reference manager's file
    assert undo(store, "alice").message == "Undone: alice's 2 new citations"

    other = Store.open(tmp_path / "other.db")
    ids = _desk(other)
    other.grade_claim(ids[0], "mixed", reviewer="bob")
    other.close()
    merge_file(store, tmp_path / "other.db", viewer=Viewer("alice"))
    assert undo(store, "alice").message == (
        "Undone: alice's merge of another file (1 article, 2 claims, 1 grade)"
    )


def test_a_citation_merge_is_undone_and_redone_whole_when_it_rechecked_a_quote(
    store: Store,
) -> None:
    """Undoing 'cite merge' was refused ("evidence 1 cannot change back: it would clash")
    once the kept source's text had checked a moved link's quote: the link went back to
    the dropped citation before that citation came back. Redo must take it away again."""
    from annotator.app.library import merge_citations

    ids = _desk(store)
    text = "The trial found 67% no longer met criteria."
    keep, _ = add_citation(store, Citation(title="Trial one", doi="10.1/a", source_text=text),
                           reviewer="alice")  # fmt: skip
    drop, _ = add_citation(store, Citation(title="Trial two", url="https://ex.org/t"),
                           reviewer="alice")  # fmt: skip
    link = link_evidence(store, ids[0], drop.id, "supports", reviewer="alice",
                         quote="67% no longer met criteria")  # fmt: skip
    before = data_dump(store)
    merge_citations(store, keep.id, drop.id, reviewer="alice")
    merged = data_dump(store)
    assert store.get_evidence(link.id).quote_verified == "exact"
    outcome = undo(store, "alice")
    assert outcome.message == f"Undone: alice's merge of citation {drop.id} into citation {keep.id}"
    assert data_dump(store) == before
    assert store.get_evidence(link.id).citation_id == drop.id
    again = redo(store, "alice")
    assert again.message == f"Redone: alice's merge of citation {drop.id} into citation {keep.id}"
    assert data_dump(store) == merged
    assert store.verify_log().intact
    assert not [e for e in store.events() if e.action.endswith("-skipped")]
