"""Merging a colleague's file: matching, idempotence, conflicts, read-only source."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.app.claim_ops import add_claim
from annotator.app.event_log import undo
from annotator.app.event_sentences import event_sentence
from annotator.app.library import add_citation
from annotator.app.linking import link_evidence
from annotator.app.merge_file import merge_file
from annotator.errors import AnnotatorError
from annotator.grades.visibility import Viewer
from annotator.model import Citation
from annotator.sources.identifiers import citation_from_doi
from annotator.store import Store
from tests.cli.test_cli import run
from tests.conftest import db_dump, fake_clock, name_editors
from tests.team_helpers import article_with_claims

DOI = "10.1000/trial.1"
LEAD = Viewer("lead", editor=True)  # an editor: every kind of record comes in


@pytest.fixture
def files(tmp_path: Path) -> Iterator[tuple[Store, Path]]:
    """Our store (4 of 5 sentences are claims) and their file (all 5, more grades)."""
    ours = Store.open(tmp_path / "ours.db", clock=fake_clock())
    a = article_with_claims(ours, 5, only={0, 1, 2, 3})
    c = [x.id for x in ours.claims(a)]
    x, _ = add_citation(ours, citation_from_doi(DOI), reviewer="ann")
    link_evidence(ours, c[0], x.id, "supports", reviewer="ann", quote="q")
    ours.grade_claim(c[0], "supported", reviewer="ann")
    ours.grade_claim(c[1], "mixed", reviewer="ann", certainty="low")

    theirs_path = tmp_path / "theirs.db"
    theirs = Store.open(theirs_path, clock=fake_clock())
    b = article_with_claims(theirs, 5)
    article_with_claims(theirs, 2, title="Only theirs", seed="t")
    d = [x.id for x in theirs.claims(b)]
    tx, _ = add_citation(
        theirs,
        replace(citation_from_doi(DOI), title="A randomised trial", year=2021),
        reviewer="bob",
    )
    ty, _ = add_citation(
        theirs,
        Citation(title="Desk notes on trials", year=2020, authors=("Doe, J",)),
        reviewer="bob",
    )
    link_evidence(theirs, d[0], tx.id, "contradicts", reviewer="ann", quote="q")
    link_evidence(theirs, d[4], ty.id, "supports", reviewer="bob")
    theirs.grade_claim(d[0], "supported", reviewer="bob")
    theirs.grade_claim(d[4], "unsupported", reviewer="bob")
    theirs.grade_claim(d[1], "contradicted", reviewer="ann")
    theirs.grade_claim(d[0], "supported", reviewer="ann")
    theirs.grade_claim(d[0], "mostly-supported", reviewer="ed", final=True, note="small trial")
    only = theirs.list_articles()[1].id
    theirs.grade_claim(theirs.claims(only)[0].id, "mixed", reviewer="bob")
    theirs.close()
    yield ours, theirs_path
    ours.close()


def test_merge_brings_in_what_is_new_and_reports_conflicts(files: tuple[Store, Path]) -> None:
    ours, theirs_path = files
    before_theirs = db_dump(theirs_path)
    result = merge_file(ours, theirs_path, viewer=LEAD)
    assert result.added == {
        "articles": 1,
        "claims": 3,
        "citations": 1,
        "links": 1,
        "grades": 4,
        "assignments": 0,
    }
    assert result.matched["articles"] == 1 and result.matched["claims"] == 4
    assert result.matched["grades"] == 1  # ann's grade on the first claim is the same
    kinds = sorted((c.kind, c.reviewer, c.ours, c.theirs) for c in result.conflicts)
    assert kinds == [
        ("evidence", "ann", "supports", "contradicts"),
        ("grade", "ann", "mixed (low)", "contradicted"),
    ]
    article = ours.list_articles()[0].id
    claims = ours.claims(article)
    assert len(claims) == 5  # the fifth sentence's claim came in by span
    by_reviewer = {(g.reviewer, g.final): g.verdict for g in ours.grades_for(claims[0].id)}
    assert by_reviewer == {
        ("ann", False): "supported",
        ("bob", False): "supported",
        ("ed", True): "mostly-supported",
    }
    # The conflicting grade stays as it is here.
    assert [g.verdict for g in ours.grades_for(claims[1].id)] == ["mixed"]
    # Gaps of the same citation were filled; the identifier-less one was added once.
    assert ours.find_citation(citation_from_doi(DOI)).title == "A randomised trial"  # type: ignore[union-attr]
    assert len(ours.list_citations()) == 2
    assert [e.reviewer for e in ours.evidence_for(claims[4].id)] == ["bob"]
    # Who graded and when survives; the merge itself is in history and the chain holds.
    bob = next(g for g in ours.grades_for(claims[4].id))
    assert (bob.reviewer, bob.verdict) == ("bob", "unsupported")
    assert any(e.action == "merge-in" for e in ours.history(claims[4].id))
    assert ours.verify_chain() is None
    assert db_dump(theirs_path) == before_theirs  # their file was only read


def test_a_second_merge_changes_nothing(files: tuple[Store, Path]) -> None:
    ours, theirs_path = files
    first = merge_file(ours, theirs_path, viewer=LEAD)
    assert first.changed
    ours_path = Path(ours.name)
    snapshot = db_dump(ours_path)
    events = len(ours.events())
    second = merge_file(ours, theirs_path, viewer=LEAD)
    assert not second.changed
    assert len(ours.events()) == events and db_dump(ours_path) == snapshot
    assert len(second.conflicts) == len(first.conflicts)  # still reported, still not applied


def test_an_overlapping_claim_is_a_conflict_with_its_grades_left_out(tmp_path: Path) -> None:
    ours = Store.open(tmp_path / "ours.db")
    article_with_claims(ours, 2)
    theirs = Store.open(tmp_path / "theirs.db")
    b = article_with_claims(theirs, 2)
    first = theirs.claims(b)[0]
    theirs.dismiss_claim(first.id, reviewer="bob")
    part = add_claim(theirs, b, first.start, first.start + 12, reviewer="bob")
    theirs.grade_claim(part.id, "mixed", reviewer="bob")
    theirs.close()
    result = merge_file(ours, tmp_path / "theirs.db", viewer=LEAD)
    # The dismissal of the whole there is reported too: a decision this file has not made.
    assert sorted(c.kind for c in result.conflicts) == ["claim-span", "claim-status"]
    assert "overlaps claim" in result.conflicts[-1].message
    assert result.added["claims"] == 0 and result.added["grades"] == 0
    ours.close()


def test_assignments_come_in_and_one_taken_back_here_stays_so(tmp_path: Path) -> None:
    ours = Store.open(tmp_path / "ours.db", clock=fake_clock())
    a = article_with_claims(ours, 2)
    ours.assign_article(a, ["ann", "cy"], by="ed")
    ours.unassign_article(a, ["cy"], by="ed")  # the desk took cy off here
    theirs = Store.open(tmp_path / "theirs.db", clock=fake_clock())
    b = article_with_claims(theirs, 2)
    only = article_with_claims(theirs, 1, title="Only theirs", seed="t")
    theirs.assign_article(b, ["ann", "bob", "cy"], by="lee")
    theirs.assign_article(only, ["bob"], by="lee")
    theirs.close()
    before = {(x.article_id, x.reviewer) for x in ours.assignments()}

    result = merge_file(ours, tmp_path / "theirs.db", viewer=LEAD)
    assert result.added["assignments"] == 2 and result.matched["assignments"] == 1
    [conflict] = [c for c in result.conflicts if c.kind == "assignment"]
    assert (conflict.reviewer, conflict.article_id) == ("cy", a)
    assert (conflict.ours, conflict.theirs) == ("taken off", "assigned")
    assert f"article {a}: cy was taken off it here (ed, " in conflict.message
    assert "assign cy again if theirs is right" in conflict.message
    only_here = next(x.id for x in ours.list_articles() if x.title == "Only theirs")
    # Who assigned it survives; cy stays off; bob now has both articles to check.
    assert {(x.article_id, x.reviewer): x.assigned_by for x in ours.assignments()} == {
        (a, "ann"): "ed",
        (a, "bob"): "lee",
        (only_here, "bob"): "lee",
    }
    assert [x.article_id for x in ours.assignments(reviewer="bob")] == [a, only_here]
    brought = [e for e in ours.events() if e.entity == "assignment" and e.action == "merge-in"]
    assert {e.reviewer for e in brought} == {"lead"} and len(brought) == 2
    assert event_sentence(brought[0]).startswith(
        f"lead brought in the assignment of article {a} to bob (by lee)"
    )
    assert ours.verify_chain() is None

    again = merge_file(ours, tmp_path / "theirs.db", viewer=LEAD)
    assert again.added["assignments"] == 0 and again.matched["assignments"] == 3
    assert [c.kind for c in again.conflicts] == ["assignment"]  # still reported, not applied
    # The merge is one action: undo takes its assignments back with the rest.
    undo(ours, "lead")
    assert {(x.article_id, x.reviewer) for x in ours.assignments()} == before
    ours.close()


def test_merge_refuses_itself_and_what_is_not_a_database(tmp_path: Path) -> None:
    db = tmp_path / "ours.db"
    ours = Store.open(db)
    with pytest.raises(AnnotatorError, match="is the database in use"):
        merge_file(ours, db, viewer=Viewer("x"))
    with pytest.raises(AnnotatorError, match="not found"):
        merge_file(ours, tmp_path / "absent.db", viewer=Viewer("x"))
    junk = tmp_path / "junk.db"
    junk.write_text("not sqlite at all " * 100)
    with pytest.raises(AnnotatorError, match="not an annotator database"):
        merge_file(ours, junk, viewer=Viewer("x"))
    ours.close()


def test_merge_command(files: tuple[Store, Path]) -> None:
    ours, theirs_path = files
    env_db = os.environ["ANNOTATOR_DB"]
    ours.close()
    Path(ours.name).replace(env_db)
    name_editors("tester")
    code, out, err = run("merge", str(theirs_path))
    assert code == 0, err
    assert "added:   1 article, 3 claims, 1 citation, 1 link, 4 grades" in out
    assert "2 conflicts, kept as they are here:" in err
    assert "ann's grade is mixed (low) here and contradicted there" in err
    assert "4 grades, 0 assignments" in out
    assert "not brought in" not in err
    code, out, _ = run("merge", str(theirs_path))
    assert "nothing new to bring in" in out
    code, _out, err = run("merge", str(theirs_path.with_name("nope.db")))
    assert code == 1 and err.startswith("Error: database") and "Traceback" not in err


def test_a_merge_by_someone_no_editor_leaves_out_what_is_an_editors(tmp_path: Path) -> None:
    """Assigning and final verdicts are an editor's: a reviewer's merge brings in the
    grades and links, leaves the assignments and final verdicts out, and says so; an
    editor's merge of the same file brings them in afterwards."""
    ours = Store.open(tmp_path / "ours.db", clock=fake_clock())
    a = article_with_claims(ours, 2)
    theirs = Store.open(tmp_path / "theirs.db", clock=fake_clock())
    b = article_with_claims(theirs, 2)
    first = theirs.claims(b)[0].id
    theirs.assign_article(b, ["mal", "bob"], by="mal")
    theirs.grade_claim(first, "mixed", reviewer="bob")
    theirs.grade_claim(first, "contradicted", reviewer="mal", final=True, note="mine")
    theirs.close()

    result = merge_file(ours, tmp_path / "theirs.db", viewer=Viewer("ann"))
    assert result.added["grades"] == 1 and result.added["assignments"] == 0
    assert result.skipped == {"assignments": 2, "final verdicts": 1}
    assert result.skip_note == (
        "not brought in: 2 assignments and 1 final verdict, since assigning articles and"
        " setting final verdicts are an editor's and 'ann' is not one: an editor merges"
        " them (editors are named in the desk config)"
    )
    assert result.to_dict()["skipped"] == {"assignments": 2, "final verdicts": 1}
    claim = ours.claims(a)[0].id
    assert [(g.reviewer, g.final) for g in ours.grades_for(claim)] == [("bob", False)]
    assert ours.assignments() == []
    assert ours.verify_chain() is None

    later = merge_file(ours, tmp_path / "theirs.db", viewer=LEAD)
    assert later.skip_note == "" and later.added["assignments"] == 2
    assert later.added["grades"] == 1
    assert {(g.reviewer, g.final) for g in ours.grades_for(claim)} == {
        ("bob", False),
        ("mal", True),
    }
    ours.close()


def test_merge_command_tells_a_reviewer_what_an_editor_must_merge(tmp_path: Path) -> None:
    theirs = Store.open(tmp_path / "theirs.db")
    b = article_with_claims(theirs, 2)
    theirs.assign_article(b, ["mal"], by="mal")
    theirs.close()
    code, out, err = run("merge", str(tmp_path / "theirs.db"))
    assert code == 0, err
    assert "0 assignments" in out
    assert err.strip().splitlines() == [
        "not brought in: 1 assignment, since assigning articles and setting final verdicts"
        " are an editor's and 'tester' is not one: an editor merges them (editors are named"
        " in the desk config)"
    ]
    store = Store.open(Path(os.environ["ANNOTATOR_DB"]))
    assert store.assignments() == []
    store.close()


def test_a_claim_decided_differently_there_is_a_conflict_not_a_silent_loss(
    tmp_path: Path,
) -> None:
    """A reviewer's dismissal, acceptance, label or note on a claim both files hold is
    reported when this file says otherwise (this file's version stays), never dropped
    without a word; the proposer's own label and status there are no decision."""
    ours = Store.open(tmp_path / "ours.db", clock=fake_clock())
    a = article_with_claims(ours, 4)
    mine = [c.id for c in ours.claims(a)]
    ours.accept_claim(mine[3], reviewer="ed")
    theirs = Store.open(tmp_path / "theirs.db", clock=fake_clock())
    b = article_with_claims(theirs, 4)
    d = [c.id for c in theirs.claims(b)]
    theirs.dismiss_claim(d[0], reviewer="bob")
    theirs.edit_label(d[1], "trials agree", reviewer="bob")
    theirs.set_claim_note(d[2], "check the 2019 erratum", reviewer="bob")
    theirs.close()

    result = merge_file(ours, tmp_path / "theirs.db", viewer=LEAD)
    found = sorted((c.kind, c.claim_id, c.ours, c.theirs) for c in result.conflicts)
    assert found == [
        ("claim-label", mine[1], "claim 1", "trials agree"),
        ("claim-note", mine[2], "", "check the 2019 erratum"),
        ("claim-status", mine[0], "proposed", "dismissed"),
    ]  # claim 3, accepted here and proposed there, is no conflict
    messages = {c.kind: c.message for c in result.conflicts}
    assert messages["claim-status"] == (
        f"claim {mine[0]}: dismissed there and proposed here: kept as it is here;"
        f" annotator claim dismiss {mine[0]} if theirs is right"
    )
    assert f"annotator label {mine[1]} LABEL" in messages["claim-label"]
    assert [c.status.value for c in ours.claims(a)] == [
        "proposed",
        "proposed",
        "proposed",
        "accepted",
    ]
    assert not result.changed
    ours.close()


def test_a_blind_reviewer_merging_is_not_shown_grades_of_claims_they_have_not_graded(
    tmp_path: Path,
) -> None:
    """Blind review: a merge by a reviewer who has not graded a claim does not spell out
    another's grade of it (here or there) in a conflict; it counts those conflicts. Once
    they have graded the claim, or for an editor, the conflict reads in full."""
    ours = Store.open(tmp_path / "ours.db", clock=fake_clock())
    a = article_with_claims(ours, 2)
    first, second = (c.id for c in ours.claims(a))
    ours.grade_claim(first, "mixed", reviewer="ann")
    ours.grade_claim(second, "mixed", reviewer="ann")
    ours.grade_claim(second, "supported", reviewer="carl")
    theirs = Store.open(tmp_path / "theirs.db", clock=fake_clock())
    b = article_with_claims(theirs, 2)
    for claim in theirs.claims(b):
        theirs.grade_claim(claim.id, "contradicted", reviewer="ann")
    theirs.close()

    result = merge_file(ours, tmp_path / "theirs.db", viewer=Viewer("carl"))
    assert [c.claim_id for c in result.conflicts] == [second]  # carl graded it
    assert result.hidden_conflicts == 1
    assert all(c.claim_id != first for c in result.conflicts)
    assert result.to_dict()["hidden_conflicts"] == 1
    assert result.hidden_note == (
        "1 conflict on claims you have not graded is not shown (blind review):"
        " grade them first, or an editor merges to see it"
    )
    for viewer in (LEAD, Viewer("carl", blind=False)):
        seen = merge_file(ours, tmp_path / "theirs.db", viewer=viewer)
        assert sorted(c.claim_id for c in seen.conflicts) == [first, second]
        assert seen.hidden_conflicts == 0 and seen.hidden_note == ""
    ours.close()


def test_another_version_of_an_article_here_is_not_brought_in_as_a_second_article(
    tmp_path: Path,
) -> None:
    """One file took a correction of the article (a new version), the other did not:
    merging either way brought the other text in as a second article with the same
    title. Now it is a conflict naming both, and the article's claims, links and grades
    stay out until both hold the same text; the rest of the file comes in."""
    from annotator.app.importing import import_new_version

    base = Store.open(tmp_path / "base.db", clock=fake_clock())
    a = article_with_claims(base, 3)
    base.close()
    new_path = tmp_path / "new.db"
    shutil.copy(tmp_path / "base.db", tmp_path / "old.db")
    shutil.copy(tmp_path / "base.db", new_path)
    new = Store.open(new_path, clock=fake_clock())
    text = new.get_article(a).text
    import_new_version(new, a, text.replace("14 percent", "15 percent"), reviewer="ed")
    new.grade_claim(new.claims(a)[0].id, "mixed", reviewer="bob")
    new.close()
    old = Store.open(tmp_path / "old.db", clock=fake_clock())
    other = article_with_claims(old, 1, title="Only in the old file", seed="o")
    old.close()

    here = Store.open(new_path, clock=fake_clock())
    result = merge_file(here, tmp_path / "old.db", viewer=LEAD)
    assert [x.title for x in here.list_articles()] == ["Team", "Only in the old file"]
    assert result.added["articles"] == 1 and result.added["claims"] == 1
    [conflict] = result.conflicts
    assert (conflict.kind, conflict.article_id) == ("article-version", a)
    assert conflict.message == (
        f"their article {a} 'Team' is version 1 of article {a} here, which has a newer text"
        " since: not brought in, nor its claims, links and grades; merge this file into"
        " theirs (or import the newer text there), then merge again"
    )
    here.close()

    older = Store.open(tmp_path / "old.db", clock=fake_clock())
    result = merge_file(older, new_path, viewer=LEAD)
    assert [x.title for x in older.list_articles()] == ["Team", "Only in the old file"]
    [conflict] = result.conflicts
    assert conflict.kind == "article-version" and result.added["grades"] == 0
    assert conflict.message == (
        f"their article {a} 'Team' is a newer version of article {a} here: not brought in,"
        " nor its claims, links and grades; import the newer text here"
        f" (annotator import FILE --replaces {a}), then merge again"
    )
    assert other in {x.id for x in older.list_articles()}
    older.close()
