"""Undo and redo are exact and personal, over random two-reviewer sequences (hypothesis).

Every operation a reviewer has (grade, link, unlink, edit, label, note, split, merge,
dismiss, citation merge, undo, redo) in any order by alice and bob: the log always proves
the database, no grade or link disappears except by a delete the log records as one, an
undo right after one's own action is never refused and puts every row back as it was,
and redo after undo returns every row to what it was before the undo.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.app.claim_ops import merge_claims, split_claim
from annotator.app.library import add_citation, merge_citations
from annotator.app.linking import link_evidence
from annotator.errors import AnnotatorError
from annotator.model import Citation, ClaimStatus, Event
from annotator.store import Store
from annotator.text.proposer import propose_claims
from tests.conftest import store_copies

TEXT = (
    "The trial found that symptoms fell by 50% at 3 months compared to baseline. "
    "Critics note that the sample of 90 patients in 2019 was small and mostly male.\n"
    "The FDA is expected to decide on approval within 6 months, officials said in May.\n"
    "Researchers at the university say the drug raises oxytocin levels by 30% in rats.\n"
)
DATA_TABLES = ("articles", "claims", "grades", "evidence", "citations", "article_versions")
REVIEWERS = ("alice", "bob")
OPERATIONS = (
    "grade", "link", "unlink", "edit", "label", "note", "split", "merge", "dismiss",
    "cite-merge", "undo", "redo",
)  # fmt: skip
# Actions that may take a grade or link away, each recorded as a delete event.
DELETING = {"unlink", "delete", "undo", "redo"}


def settles_a_conflict(event: Event) -> bool:
    """Grading a claim again settles the conflict a merge left among one's own grades of
    it: the grader's other conflicting grades go, each a delete event of its own."""
    gone = event.before or {}
    return (
        event.action in ("grade", "final-grade")
        and event.entity == "grade"
        and gone.get("conflict") == 1
        and gone.get("reviewer") == event.reviewer
    )


def data_dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the data tables (the log itself aside, which only grows)."""
    return {
        t: [tuple(r) for r in store.db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()]
        for t in DATA_TABLES
    }


def ids(store: Store, table: str) -> set[int]:
    return {int(r[0]) for r in store.db.execute(f"SELECT id FROM {table}")}


step = st.tuples(
    st.sampled_from(REVIEWERS),
    st.sampled_from(OPERATIONS),
    st.integers(0, 7),  # which claim (of the live ones)
    st.integers(0, 5),  # a choice: verdict, stance, citation, where to split
)


def apply(store: Store, reviewer: str, op: str, which: int, choice: int) -> Any:
    """One operation; returns what undo/redo returned (None for the others)."""
    live = [c for c in store.claims(1) if c.status != ClaimStatus.DISMISSED] or store.claims(1)
    claim = live[which % len(live)]
    verdicts = [level.key for level in store.scales.verdict.levels]
    stances = ("supports", "contradicts", "mixed", "mentions")
    links = store.evidence_for(claim.id)
    if op == "grade":
        store.grade_claim(claim.id, verdicts[choice % len(verdicts)], reviewer=reviewer)
    elif op == "link":
        # A quote now and then: a citation merge checks it against the kept source's text.
        quote = "raised oxytocin" if choice % 3 == 0 else ""
        link_evidence(store, claim.id, 1 + choice % 2, stances[choice % 4], reviewer=reviewer,
                      quote=quote)  # fmt: skip
    elif op == "unlink" and links:
        store.remove_evidence(links[choice % len(links)].id, reviewer=reviewer)
    elif op == "edit" and links:
        link = links[choice % len(links)]
        store.update_evidence(link.id, reviewer=reviewer, stance=stances[choice % 4])
    elif op == "label":
        store.edit_label(claim.id, f"label {choice} by {reviewer}", reviewer=reviewer)
    elif op == "note":
        store.set_claim_note(claim.id, f"note {choice}", reviewer=reviewer)
    elif op == "split":
        words = [i for i, ch in enumerate(claim.text) if ch == " "]
        if words:
            split_claim(store, claim.id, claim.start + words[choice % len(words)],
                              reviewer=reviewer)  # fmt: skip
    elif op == "merge":
        merge_claims(store, claim.id, reviewer=reviewer)
    elif op == "cite-merge":
        keep = 1 + choice % 2
        merge_citations(store, keep, 3 - keep, reviewer=reviewer)
    elif op == "dismiss":
        if claim.status == ClaimStatus.DISMISSED:
            store.restore_claim(claim.id, reviewer=reviewer)
        else:
            store.dismiss_claim(claim.id, reviewer=reviewer)
    elif op == "undo":
        return store.undo(reviewer=reviewer)
    elif op == "redo":
        return store.redo(reviewer=reviewer)
    return None


def _fill(store: Store) -> None:
    store.import_article(TEXT, title="t", reviewer="alice", proposals=propose_claims(TEXT))
    for n in (1, 2):
        # Only the first has its text: a merge into it checks the moved links' quotes.
        text = "The drug raised oxytocin by 30% in rats." if n == 1 else ""
        add_citation(store, Citation(id=0, title=f"Source {n}", doi=f"10.1/{n}",
                                     source_text=text), reviewer="bob")  # fmt: skip


# Each example starts from a copy of the desk (built once), fake clock and all.
new_desk = store_copies(_fill)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(step, min_size=1, max_size=30))
def test_random_two_reviewer_sequences_keep_undo_and_redo_exact(steps: list[Any]) -> None:
    store = new_desk()
    # (reviewer, dump before their action) for an action just taken, to check its undo.
    just_done: tuple[str, dict[str, Any]] | None = None
    # The dump before the last undo that changed something, and who did it.
    just_undone: tuple[str, dict[str, Any]] | None = None
    for reviewer, op, which, choice in steps:
        before = data_dump(store)
        kept = {t: ids(store, t) for t in ("grades", "evidence")}
        last_event = len(store.events())
        try:
            result = apply(store, reviewer, op, which, choice)
        except AnnotatorError:
            assert data_dump(store) == before  # a refused operation changes nothing
            continue
        after = data_dump(store)
        report = store.verify_log()
        assert report.intact, report.problems
        new_events = store.events()[last_event:]
        # No grade or link goes missing except by a delete the log records as one.
        deleted = {
            (e.entity, e.entity_id)
            for e in new_events
            if e.after is None
            and e.before is not None
            and (e.action in DELETING or settles_a_conflict(e))
        }
        for table, entity in (("grades", "grade"), ("evidence", "evidence")):
            for gone in kept[table] - ids(store, table):
                assert (entity, gone) in deleted, (op, table, gone)
        if op == "undo" and just_done is not None and just_done[0] == reviewer:
            # Nobody acted since: nothing can collide (a citation merge's undo was refused).
            assert result is not None and result.done, result
        if op == "undo" and result is not None and result.done:
            if just_done is not None and just_done[0] == reviewer:
                assert after == just_done[1]  # undo right after one's action: exact
            just_undone = (reviewer, before)
            just_done = None
        elif op == "redo" and result is not None and result.done:
            if just_undone is not None and just_undone[0] == reviewer:
                assert after == just_undone[1]  # redo right after one's undo: exact
            just_undone = None
            just_done = None
        elif op in ("undo", "redo"):
            assert after == before  # refused or nothing to do: nothing changed
        elif after != before:
            just_done, just_undone = (reviewer, before), None
    store.close()
