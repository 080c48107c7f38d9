"""The store: one action = one transaction with its events; schema versions; search."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.app.citation_search import search_citations
from annotator.app.claim_ops import merge_claims, split_claim
from annotator.app.library import add_citation
from annotator.app.linking import link_evidence
from annotator.errors import AnnotatorError, DatabaseVersionError, InputError, NotFoundError
from annotator.model import ClaimStatus, QuoteMatch
from annotator.sources.identifiers import citation_from_doi, citation_from_url
from annotator.store import APPLICATION_ID, Store
from annotator.store.migrations import SCHEMA_VERSION
from annotator.text.proposer import propose_claims

TEXT = (
    "MDMA therapy cuts PTSD symptoms by over 50% at 6 months compared to baseline. "
    "MDMA triggers the release of oxytocin. Brain imaging shows changes in the amygdala."
)


def _article(store: Store, text: str = TEXT) -> int:
    return store.import_article(
        text, title="T", reviewer="ann", proposals=propose_claims(text, include_all=True)
    ).id


def test_import_stores_claims_whose_text_matches_the_article(store: Store) -> None:
    article_id = _article(store)
    claims = store.claims(article_id)
    assert len(claims) == 3
    article = store.get_article(article_id)
    for claim in claims:
        assert article.text[claim.start : claim.end] == claim.text


def test_every_action_writes_events_in_its_transaction(store: Store) -> None:
    article_id = _article(store)
    before = len(store.events())
    claim = store.claims(article_id)[0]
    store.accept_claim(claim.id, reviewer="ann")
    events = store.events()
    assert len(events) == before + 1
    assert events[-1].action == "accept"
    assert events[-1].before is not None and events[-1].before["status"] == "proposed"
    assert events[-1].after is not None and events[-1].after["status"] == "accepted"


def test_a_failing_action_leaves_nothing_behind(store: Store) -> None:
    article_id = _article(store)
    claim = store.claims(article_id)[0]
    events = len(store.events())
    with pytest.raises(InputError):
        store.grade_claim(claim.id, "supported", reviewer="ann", reasons=("no-such-reason",))
    with pytest.raises(ZeroDivisionError), store._action():
        store.db.table("claims").update(claim.id, {"label": "half"})
        store._event("ann", "edit-label", "claim", claim.id, None, None)
        raise ZeroDivisionError
    assert store.get_claim(claim.id).label != "half"
    assert len(store.events()) == events
    assert store.grades_for(claim.id) == []


def test_unknown_verdict_lists_the_valid_ones(store: Store) -> None:
    claim = store.claims(_article(store))[0]
    with pytest.raises(InputError, match="supported, mostly-supported, mixed"):
        store.grade_claim(claim.id, "true", reviewer="ann")


def test_one_current_grade_per_reviewer_and_a_final_one(store: Store) -> None:
    claim = store.claims(_article(store))[0]
    store.grade_claim(claim.id, "supported", reviewer="ann")
    store.grade_claim(claim.id, "mixed", reviewer="ann", certainty="low")
    store.grade_claim(claim.id, "contradicted", reviewer="bob")
    store.grade_claim(claim.id, "mixed", reviewer="ed", final=True, note="the trial was small")
    grades = store.grades_for(claim.id)
    assert [(g.reviewer, g.verdict, g.final) for g in grades] == [
        ("ed", "mixed", True),
        ("ann", "mixed", False),
        ("bob", "contradicted", False),
    ]
    assert store.current_verdicts()[claim.id] == "mixed"


def test_unknown_ids_raise_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no claim with id 999"):
        store.accept_claim(999, reviewer="ann")
    with pytest.raises(NotFoundError, match="no citation with id 5"):
        store.get_citation(5)


def test_the_same_source_is_one_citation(store: Store) -> None:
    a, new_a = add_citation(store, citation_from_doi("https://doi.org/10.1000/ABC.1"), reviewer="x")
    b, new_b = add_citation(store, citation_from_doi("doi:10.1000/abc.1"), reviewer="x")
    c, _ = add_citation(
        store, citation_from_url("HTTPS://Example.org/a/?utm_source=t"), reviewer="x"
    )
    d, new_d = add_citation(store, citation_from_url("https://example.org/a"), reviewer="x")
    assert (new_a, new_b, new_d) == (True, False, False)
    assert a.id == b.id and c.id == d.id
    assert len(store.list_citations()) == 2


def test_search_is_typo_tolerant_and_an_identifier_wins(store: Store) -> None:
    from dataclasses import replace

    target = replace(
        citation_from_doi("10.1038/s41591-021-01336-3"),
        title="MDMA-assisted therapy for severe PTSD",
        authors=("Mitchell, J",),
    )
    other = replace(citation_from_url("https://example.org/oxytocin"), title="Oxytocin and trust")
    add_citation(store, target, reviewer="x")
    add_citation(store, other, reviewer="x")
    hits = search_citations(store, "mdma asisted therpy")
    assert hits[0][0].doi == "10.1038/s41591-021-01336-3"
    exact = search_citations(store, "https://doi.org/10.1038/S41591-021-01336-3")
    assert exact[0][0].doi == target.doi and exact[0][1] == 100.0


def test_quotes_are_checked_against_the_source_text(store: Store) -> None:
    from dataclasses import replace

    claim = store.claims(_article(store))[0]
    source = replace(
        citation_from_url("https://example.org/trial"),
        source_text="At 18 weeks, 67% of participants no longer met PTSD criteria.",
    )
    citation, _ = add_citation(store, source, reviewer="x")
    exact = link_evidence(
        store,
        claim.id,
        citation.id,
        "mixed",
        reviewer="x",
        quote="67% of participants  no longer met PTSD criteria",
    )
    missing = link_evidence(
        store, claim.id, citation.id, "mixed", reviewer="x", quote="symptoms fell by half"
    )
    assert exact.quote_verified == QuoteMatch.EXACT
    assert missing.quote_verified == QuoteMatch.NOT_FOUND


def test_full_text_search_of_claims(store: Store) -> None:
    article_id = _article(store)
    hits = store.search_claims("oxyto")
    assert [c.article_id for c in hits] == [article_id]
    assert "oxytocin" in hits[0].text


def test_split_merge_and_undo(store: Store) -> None:
    article_id = _article(store)
    first = store.claims(article_id)[0]
    at = first.text.index(" at 6 months") + first.start
    left, right = split_claim(store, first.id, at, reviewer="ann")
    text = store.get_article(article_id).text
    assert left.text == text[left.start : left.end] and left.end <= right.start
    merged = merge_claims(store, left.id, reviewer="ann")
    assert merged.text == first.text
    store.undo_last(reviewer="ann")  # undo the merge
    assert {c.id for c in store.claims(article_id)} >= {left.id, right.id}
    assert store.get_claim(left.id).end == left.end
    store.dismiss_claim(right.id, reviewer="ann")
    store.undo_last(reviewer="ann")
    assert store.get_claim(right.id).status == ClaimStatus.PROPOSED
    assert store.verify_chain() is None


def test_tampering_breaks_the_event_chain(store: Store) -> None:
    claim = store.claims(_article(store))[0]
    store.grade_claim(claim.id, "supported", reviewer="ann")
    store.db.execute("DROP TRIGGER events_no_update")
    last = store.events()[-1]
    store.db.execute("UPDATE events SET reviewer = 'mallory' WHERE id = ?", [last.id])
    assert store.verify_chain() == last.id


def test_events_cannot_be_rewritten(store: Store) -> None:
    _article(store)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.db.execute("DELETE FROM events")


def test_file_database_uses_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "desk.db")
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    store.close()


def test_a_newer_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY)")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # a newer annotator's mark
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseVersionError, match="newer annotator"):
        Store.open(path)
    assert path.read_bytes() == before
    assert not (tmp_path / "newer.db-wal").exists()


@pytest.mark.parametrize("content", [b"just some notes\n", b"SQLite format 3\x00garbage" * 10])
def test_a_file_that_is_not_an_annotator_database_is_refused(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(AnnotatorError, match="not an annotator database"):
        Store.open(path)
    assert path.read_bytes() == content


def test_another_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (x)")
    conn.commit()
    conn.close()
    with pytest.raises(AnnotatorError, match="not an annotator database"):
        Store.open(path)


def test_an_orphaned_claim_cannot_be_split_or_merged(store: Store) -> None:
    article_id = _article(store)
    first, second, third = store.claims(article_id)[:3]
    store.db.execute("UPDATE claims SET anchor = 'orphaned' WHERE id = ?", [first.id])
    with pytest.raises(InputError, match="not found in the new version"):
        split_claim(store, first.id, first.start + 5, reviewer="ann")
    with pytest.raises(InputError, match="not found in the new version"):
        merge_claims(store, first.id, reviewer="ann")
    store.db.execute("UPDATE claims SET anchor = 'orphaned' WHERE id = ?", [second.id])
    store.db.execute("UPDATE claims SET anchor = 'exact' WHERE id = ?", [first.id])
    merged = merge_claims(store, first.id, reviewer="ann")
    assert merged.end == third.end  # the orphaned neighbour is not the "next" claim


def test_deleting_an_article_can_be_undone_whole(store: Store) -> None:
    from annotator.sources.identifiers import citation_from_doi

    article_id = _article(store)
    claims = store.claims(article_id)
    citation, _ = add_citation(store, citation_from_doi("10.1000/x.1"), reviewer="ann")
    link_evidence(store, claims[0].id, citation.id, "supports", reviewer="ann", quote="q")
    store.grade_claim(claims[1].id, "mixed", reviewer="ann", note="n")
    store.delete_article(article_id, reviewer="ann")
    assert store.list_articles() == []
    assert store.db.execute("SELECT COUNT(*) FROM grades").fetchone()[0] == 0
    store.undo_last(reviewer="ann")
    assert store.get_article(article_id).text == TEXT
    assert store.claims(article_id) == claims
    assert [e.quote for e in store.evidence_for(claims[0].id)] == ["q"]
    assert [g.note for g in store.grades_for(claims[1].id)] == ["n"]
    assert store.verify_chain() is None


def test_an_unchanged_label_is_not_an_edit(store: Store) -> None:
    claim = store.claims(_article(store))[0]
    events = len(store.events())
    assert store.edit_label(claim.id, f"  {claim.label} ", reviewer="ann") == claim
    assert len(store.events()) == events
    assert not store.get_claim(claim.id).label_edited
