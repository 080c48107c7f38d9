"""The citation library in the store: dedupe, merge, evidence links, quotes, search."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.app.citation_search import search_citations
from annotator.app.claim_ops import add_claim
from annotator.app.library import add_citation, add_citations, near_duplicates, quotes_for_claim
from annotator.app.linking import edit_link, link_evidence
from annotator.app.source_text import give_source_text
from annotator.errors import InputError, NotFoundError
from annotator.model import Citation, QuoteMatch, Stance
from annotator.sources.identifiers import citation_from_doi, citation_from_isbn, citation_from_url
from annotator.sources.library_import import read_citation_file
from annotator.store import Store
from annotator.text.proposer import propose_claims

DATA = Path(__file__).resolve().parents[2] / "data"
R = "tester"

ARTICLE = (
    "MDMA therapy helps.\n\nIn the trial, 67% of patients no longer had PTSD after three "
    "sessions. Critics say the effect is overstated.\n"
)
SOURCE = (
    "MDMA-assisted therapy was tested in 90 participants with severe PTSD. Participants were "
    "randomized to MDMA or placebo. At 18 weeks, 67% of the MDMA group no longer met the "
    "criteria for PTSD, against 32% of the placebo group. No serious harms were seen."
)


@pytest.fixture
def claim_id(store: Store) -> int:
    article = store.import_article(
        ARTICLE, title="t", reviewer=R, proposals=propose_claims(ARTICLE)
    )
    start = ARTICLE.index("In the trial")
    end = ARTICLE.index("sessions.") + len("sessions.")
    existing = [c for c in store.claims(article.id) if c.start < end and start < c.end]
    if existing:
        return existing[0].id
    return add_claim(store, article.id, start, end, reviewer=R).id


def add(store: Store, **fields: object) -> Citation:
    return add_citation(store, Citation(**fields), reviewer=R)[0]  # type: ignore[arg-type]


def test_same_identifier_in_any_form_is_one_citation(store: Store) -> None:
    a, new_a = add_citation(store, citation_from_doi("10.1000/ABC"), reviewer=R)
    b, new_b = add_citation(store, citation_from_url("https://doi.org/10.1000/abc"), reviewer=R)
    c, new_c = add_citation(store, citation_from_isbn("0-306-40615-2"), reviewer=R)
    d, new_d = add_citation(store, citation_from_isbn("978-0-306-40615-7"), reviewer=R)
    assert (new_a, new_b, new_c, new_d) == (True, False, True, False)
    assert a.id == b.id and c.id == d.id
    assert len(store.list_citations()) == 2


def test_import_merges_duplicates_and_fills_gaps(store: Store) -> None:
    first, _ = add_citation(store, citation_from_doi("10.1038/s41591-021-01336-3"), reviewer=R)
    assert first.title == "" and first.evidence_type == "other"
    parsed = read_citation_file(DATA / "library.bib", "bibtex")
    results = add_citations(store, parsed.citations, reviewer=R)
    added = sum(1 for _c, new in results if new)
    assert (added, len(results) - added) == (5, 1)
    merged = store.get_citation(first.id)
    assert merged.title.startswith("MDMA-assisted therapy")
    assert merged.evidence_type == "rct" and merged.evidence_type_reason.startswith("title says")
    again = add_citations(store, parsed.citations, reviewer=R)
    assert all(not new for _c, new in again)
    assert len(store.list_citations()) == 6


def test_study_design_proposed_on_add_and_set_by_hand(store: Store) -> None:
    c = add(store, title="Neuroplasticity after a single dose in mice", url="https://e.org/x")
    assert (c.evidence_type, c.evidence_type_reason) == ("preclinical", 'title says "mice"')
    c = store.set_evidence_type(c.id, "rct", reviewer="ana")
    assert (c.evidence_type, c.evidence_type_reason) == ("rct", "set by hand by ana")
    # A later import of the same source never overwrites the reviewer's choice.
    add_citation(store, Citation(url="https://e.org/x", abstract="A cohort study."), reviewer=R)
    assert store.get_citation(c.id).evidence_type == "rct"
    with pytest.raises(InputError, match="unknown evidence type"):
        store.set_evidence_type(c.id, "anecdote", reviewer=R)


def test_retracted_and_accessed(store: Store) -> None:
    c = add(store, title="A retracted paper", doi="10.1/retracted")
    assert store.set_retracted(c.id, True, reviewer=R).retracted
    assert store.set_accessed(c.id, "2024-05-02", reviewer=R).accessed == "2024-05-02"
    with pytest.raises(InputError, match="not a date"):
        store.set_accessed(c.id, "May 2nd", reviewer=R)
    actions = [e.action for e in store.events() if e.entity == "citation"]
    assert actions == ["add", "set-retracted", "set-accessed"]


def test_a_source_text_and_the_quotes_it_checks_again_are_one_undo(
    store: Store, claim_id: int
) -> None:
    c = add(store, title="Phase 3 trial", doi="10.1/trial")
    link = link_evidence(store, claim_id, c.id, "supports", reviewer=R, quote="67% of")
    give_source_text(store, c.id, SOURCE, reviewer=R)
    events = store.undo_last(reviewer=R)
    assert {(e.action, e.entity) for e in events} == {("set-text", "citation"),
                                                      ("recheck-quote", "evidence")}  # fmt: skip
    assert store.get_citation(c.id).source_text == ""
    assert store.get_evidence(link.id).quote_verified == QuoteMatch.NO_TEXT


def test_a_new_source_and_its_link_are_one_undo(store: Store, claim_id: int) -> None:
    from annotator.app.linking import link_source

    source = citation_from_doi("10.1000/new-one")
    link_source(store, claim_id, source, "supports", reviewer=R, quote="anything")
    events = store.undo_last(reviewer=R)
    assert {(e.action, e.entity) for e in events} == {("add", "citation"), ("link", "evidence")}
    assert store.list_citations() == [] and store.evidence_for(claim_id) == []


def test_quote_checks_exact_approximate_not_found_and_recheck(store: Store, claim_id: int) -> None:
    c = add(store, title="Phase 3 trial", doi="10.1/trial")
    no_text = link_evidence(store, claim_id, c.id, "supports", reviewer=R, quote="67% of")
    assert no_text.quote_verified == QuoteMatch.NO_TEXT
    give_source_text(store, c.id, SOURCE, reviewer=R)
    # Adding the text checked the quote linked before it.
    assert store.get_evidence(no_text.id).quote_verified == QuoteMatch.EXACT
    exact = link_evidence(
        store,
        claim_id,
        c.id,
        "supports",
        reviewer=R,
        quote="67% of the MDMA group no longer met the criteria",
    )
    approx = link_evidence(
        store,
        claim_id,
        c.id,
        "supports",
        reviewer=R,
        quote="67 % of the MDMA group no longer meet the criteria",
    )
    missing = link_evidence(
        store,
        claim_id,
        c.id,
        "supports",
        reviewer=R,
        quote="MDMA cures depression in every patient",
    )
    assert exact.quote_verified == QuoteMatch.EXACT
    assert approx.quote_verified == QuoteMatch.APPROXIMATE
    assert "no longer met the criteria" in approx.quote_match
    assert missing.quote_verified == QuoteMatch.NOT_FOUND


def test_edit_and_remove_evidence_are_events_and_undoable(store: Store, claim_id: int) -> None:
    c = add(store, title="Phase 3 trial", doi="10.1/trial", source_text=SOURCE)
    ev = link_evidence(store, claim_id, c.id, "supports", reviewer=R, quote="nothing like it")
    assert ev.quote_verified == QuoteMatch.NOT_FOUND
    edited = edit_link(
        store,
        ev.id,
        reviewer=R,
        stance="mixed",
        locator="p. 4",
        quote="No serious harms were seen",
        note="harms only",
    )
    assert (edited.stance, edited.locator, edited.note) == (Stance.MIXED, "p. 4", "harms only")
    assert edited.quote_verified == QuoteMatch.EXACT
    with pytest.raises(InputError, match="nothing to change"):
        edit_link(store, ev.id, reviewer=R)
    store.remove_evidence(ev.id, reviewer=R)
    assert store.evidence_for(claim_id) == []
    actions = [e.action for e in store.history(claim_id) if e.entity == "evidence"]
    assert actions == ["link", "edit-evidence", "unlink"]
    store.undo_last(reviewer=R)
    assert store.get_evidence(ev.id).locator == "p. 4"
    with pytest.raises(NotFoundError):
        store.remove_evidence(999, reviewer=R)


def test_evidence_order_supporting_first_then_stronger_designs(store: Store, claim_id: int) -> None:
    opinion = add(store, title="An editorial on MDMA", url="https://e.org/ed")
    rct = add(store, title="A randomized trial of MDMA", url="https://e.org/rct")
    review = add(store, title="MDMA: a meta-analysis", url="https://e.org/ma")
    link_evidence(store, claim_id, opinion.id, "supports", reviewer=R)
    link_evidence(store, claim_id, review.id, "contradicts", reviewer=R)
    link_evidence(store, claim_id, rct.id, "supports", reviewer=R)
    order = [(e.stance, e.citation_id) for e in store.evidence_for(claim_id)]
    assert order == [("supports", rct.id), ("supports", opinion.id), ("contradicts", review.id)]


def test_near_duplicates_and_merge_keep_every_link(store: Store, claim_id: int) -> None:
    a = add(
        store,
        title="MDMA-assisted therapy for severe PTSD: a randomized trial",
        authors=("Mitchell, Jennifer",),
        year=2021,
        url="https://journal.example/a",
    )
    b = add(
        store,
        title="MDMA assisted therapy for severe PTSD - a randomised trial",
        authors=("Mitchell, J.",),
        year=2021,
        doi="10.1038/s41591-021-01336-3",
    )
    add(
        store,
        title="MDMA-assisted therapy for severe PTSD: a randomized trial",
        authors=("Someone, Else",),
        year=2021,
        url="https://other.example",
    )
    add(
        store,
        title="MDMA-assisted therapy for severe PTSD: a randomized trial",
        authors=("Mitchell, Jennifer",),
        year=2015,
        url="https://old.example",
    )
    dupes = near_duplicates(store)
    assert [(x.id, y.id) for x, y, _p in dupes] == [(a.id, b.id)]
    assert "same year (2021)" in dupes[0][2].reasons
    ev1 = link_evidence(store, claim_id, a.id, "supports", reviewer=R)
    ev2 = link_evidence(store, claim_id, b.id, "mixed", reviewer=R, quote="q")
    kept = store.merge_citations(a.id, b.id, reviewer=R)
    assert kept.doi == "10.1038/s41591-021-01336-3" and kept.url == "https://journal.example/a"
    assert {e.id for e in store.evidence_for(claim_id)} == {ev1.id, ev2.id}
    assert all(e.citation_id == a.id for e in store.evidence_for(claim_id))
    with pytest.raises(NotFoundError):
        store.get_citation(b.id)
    assert near_duplicates(store) == []
    batch = {e.batch for e in store.events()[-3:]}
    assert len(batch) == 1  # one action
    store.undo_last(reviewer=R)
    assert store.get_citation(b.id).doi == "10.1038/s41591-021-01336-3"
    assert store.get_evidence(ev2.id).citation_id == b.id


def test_merge_keeps_conflicting_identifiers_in_notes(store: Store) -> None:
    a = add(store, title="One source", doi="10.1/a")
    b = add(store, title="One source", doi="10.1/b", notes="from email")
    kept = store.merge_citations(a.id, b.id, reviewer=R)
    assert kept.doi == "10.1/a"
    assert "doi 10.1/b" in kept.notes and "from email" in kept.notes
    with pytest.raises(InputError, match="itself"):
        store.merge_citations(a.id, a.id, reviewer=R)
    c = add(store, title="Bare", url="https://e.org/bare")
    d = add(store, title="Bare", url="https://e.org/bare2", notes="only note", retracted=True)
    merged = store.merge_citations(c.id, d.id, reviewer=R)
    assert merged.notes.startswith("only note") and merged.retracted


def test_candidate_quotes_match_words_and_numbers(store: Store, claim_id: int) -> None:
    c = add(store, title="Phase 3 trial", doi="10.1/trial", source_text=SOURCE)
    quotes = quotes_for_claim(store, claim_id, c.id, limit=3)
    assert quotes[0].text.startswith("At 18 weeks, 67% of the MDMA group")
    assert "67" in quotes[0].numbers
    assert SOURCE[quotes[0].start : quotes[0].end] == quotes[0].text
    ev = link_evidence(store, claim_id, c.id, "supports", reviewer=R, quote=quotes[0].text)
    assert ev.quote_verified == QuoteMatch.EXACT
    empty = add(store, title="No text", doi="10.1/empty")
    with pytest.raises(InputError, match="no stored text"):
        quotes_for_claim(store, claim_id, empty.id)


def test_search_is_typo_tolerant_and_an_exact_identifier_wins(store: Store) -> None:
    add_citations(store, read_citation_file(DATA / "library.bib", "bibtex").citations, reviewer=R)
    hits = search_citations(store, "psychedelcs neuroplastisity")
    assert hits[0][0].title.startswith("Psychedelics and neuroplasticity")
    hits = search_citations(store, "mueller zurich mice")
    assert hits[0][0].authors[0] == "Müller, Jörg"
    hits = search_citations(store, "https://doi.org/10.1111/JNE.12345")
    assert hits[0] == (store.find_citation(citation_from_doi("10.1111/jne.12345")), 100.0)
    hits = search_citations(store, "978-0-306-40615-7")
    assert hits[0][0].title == "Trauma and recovery" and hits[0][1] == 100.0
    # The index follows changes.
    add(store, title="Zebrafish sleep and ketamine", url="https://e.org/z")
    assert search_citations(store, "zebrafsh ketamin")[0][0].title.startswith("Zebrafish")


def test_citations_for_article(store: Store, claim_id: int) -> None:
    a = add(store, title="Linked", doi="10.1/linked")
    add(store, title="Not linked", doi="10.1/not")
    link_evidence(store, claim_id, a.id, "supports", reviewer=R)
    article_id = store.get_claim(claim_id).article_id
    assert [c.id for c in store.citations_for_article(article_id)] == [a.id]


def test_event_chain_stays_intact(store: Store, claim_id: int) -> None:
    a = add(store, title="A", doi="10.1/a")
    b = add(store, title="A", doi="10.1/b")
    link_evidence(store, claim_id, b.id, "supports", reviewer=R)
    store.merge_citations(a.id, b.id, reviewer=R)
    give_source_text(store, a.id, "text", reviewer=R)
    assert store.verify_chain() is None


def test_quote_passage_comes_from_the_source_as_written() -> None:
    from annotator.sources.matching import verify_quote

    source = "At 18 weeks,\n67% of the MDMA group no longer met the criteria for PTSD."
    result, passage = verify_quote("“67% of the mdma GROUP no longer met”", source)
    assert (result, passage) == (QuoteMatch.EXACT, "67% of the MDMA group no longer met")
    result, passage = verify_quote("67 % of the MDMA group no longer meets the criteria", source)
    assert result == QuoteMatch.APPROXIMATE
    assert "MDMA group no longer met the criteria" in passage
