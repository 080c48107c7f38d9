"""Linking evidence: a new source and its link are one action, undone in one step."""

from __future__ import annotations

import pytest

from annotator.app.library import add_citation
from annotator.app.linking import edit_link, link_source, unlink
from annotator.app.source_text import give_source_text
from annotator.errors import InputError
from annotator.sources.identifiers import citation_from_doi
from annotator.store import Store
from annotator.text.proposer import propose_claims

TEXT = "Rents in the city rose 40% between 2015 and 2020, the council said."


def _claim(store: Store) -> int:
    article = store.import_article(TEXT, title="t", reviewer="ann", proposals=propose_claims(TEXT))
    return store.claims(article.id)[0].id


def test_new_source_and_link_are_one_undo_step(store: Store) -> None:
    claim_id = _claim(store)
    extra = citation_from_doi("10.1000/extra")
    ev = link_source(
        store, claim_id, citation_from_doi("10.1000/new"), "supports", reviewer="ann",
        also_add=(extra,),
    )  # fmt: skip
    assert len(store.list_citations()) == 2 and store.evidence_for(claim_id) == [ev]
    undone = store.undo_last(reviewer="ann")
    assert {e.entity for e in undone} == {"citation", "evidence"}
    assert store.list_citations() == [] and store.evidence_for(claim_id) == []


def test_stored_source_is_linked_as_it_is(store: Store) -> None:
    claim_id = _claim(store)
    stored, _ = add_citation(store, citation_from_doi("10.1000/old"), reviewer="ann")
    ev = link_source(store, claim_id, stored, "contradicts", reviewer="ann", quote="rose 40%")
    assert (ev.citation_id, ev.stance) == (stored.id, "contradicts")
    store.undo_last(reviewer="ann")
    assert store.evidence_for(claim_id) == [] and store.list_citations() == [stored]


def test_bad_stance_writes_nothing(store: Store) -> None:
    claim_id = _claim(store)
    with pytest.raises(InputError):
        link_source(store, claim_id, citation_from_doi("10.1000/x"), "agrees", reviewer="ann")
    assert store.list_citations() == []


def _linked(store: Store) -> int:
    claim_id = _claim(store)
    stored, _ = add_citation(store, citation_from_doi("10.1000/old"), reviewer="ann")
    give_source_text(
        store, stored.id, "Rents rose 40% in five years. Wages did not.", reviewer="ann"
    )
    return store.link_evidence(claim_id, stored.id, "supports", reviewer="ann").id


def test_edit_link_changes_stance_quote_and_locator_in_one_undo_step(store: Store) -> None:
    evidence_id = _linked(store)
    before = store.get_evidence(evidence_id)
    ev = edit_link(
        store, evidence_id, reviewer="ann", stance="Mixed", quote="Rents rose 40% in five years.",
        locator=" p. 2 ",
    )  # fmt: skip
    assert (ev.stance, ev.quote, ev.locator, ev.quote_verified) == (
        "mixed", "Rents rose 40% in five years.", "p. 2", "exact"
    )  # fmt: skip
    undone = store.undo_last(reviewer="ann")
    assert [e.action for e in undone] == ["edit-evidence"]
    assert store.get_evidence(evidence_id) == before


def test_edit_link_saved_untouched_records_nothing(store: Store) -> None:
    evidence_id = _linked(store)
    events = len(store.events())
    ev = edit_link(store, evidence_id, reviewer="ann", stance="supports", quote="", locator="")
    assert ev == store.get_evidence(evidence_id) and len(store.events()) == events


def test_edit_link_refuses_a_bad_stance_and_nothing(store: Store) -> None:
    evidence_id = _linked(store)
    with pytest.raises(InputError, match="unknown stance 'agrees'"):
        edit_link(store, evidence_id, reviewer="ann", stance="agrees")
    with pytest.raises(InputError, match="nothing to change"):
        edit_link(store, evidence_id, reviewer="ann")


def test_unlink_then_undo_brings_the_link_back_as_it_was(store: Store) -> None:
    evidence_id = _linked(store)
    before = store.get_evidence(evidence_id)
    claim_id = before.claim_id
    unlink(store, evidence_id, reviewer="ann")
    assert store.evidence_for(claim_id) == []
    store.undo_last(reviewer="ann")
    assert store.evidence_for(claim_id) == [before]
