"""One source in full: what both faces show of a citation and the claims that cite it."""

from __future__ import annotations

from annotator.app.citation_view import citation_details
from annotator.app.linking import unlink
from annotator.app.source_text import give_source_text
from tests.evidence_fixture import TRIAL_TEXT, evidence_store


def test_the_trial_in_full() -> None:
    store = evidence_store()
    trial = store.list_citations()[0]
    d = citation_details(store, trial.id)
    assert d.reference.splitlines() == [
        "Mitchell, Jennifer M.; Bogenschutz, Michael; Lilienstein, Alia",
        "(2021) MDMA-assisted therapy for severe PTSD: a randomized, double-blind, "
        "placebo-controlled phase 3 study. Nature Medicine 27:1025-1033.",
        "doi:10.1038/s41591-021-01336-3 · PMID 33972795",
    ]
    assert [(i.name, i.value) for i in d.identifiers] == [
        ("DOI", "10.1038/s41591-021-01336-3"),
        ("PMID", "33972795"),
        ("ClinicalTrials.gov", "NCT03537014"),
    ]
    assert d.address == "https://doi.org/10.1038/s41591-021-01336-3"
    assert (d.study_design, d.study_design_why) == (
        "Randomized controlled trial",
        'proposed: title says "randomized"',
    )
    assert (d.stored_text, d.stored_characters) == ("", 0)
    [citing] = d.citing
    assert (citing.claim.id, citing.article_title, citing.evidence.quote) == (
        1, "Can MDMA Help Heal Trauma?", "reduced PTSD symptoms"
    )  # fmt: skip


def test_a_design_set_by_hand_stored_text_and_no_links() -> None:
    store = evidence_store()
    news = store.list_citations()[1]
    store.set_evidence_type(news.id, "news", reviewer="ann")
    give_source_text(store, news.id, TRIAL_TEXT, reviewer="ann")
    for ev in store.citation_links(news.id):
        unlink(store, ev.id, reviewer="ann")
    d = citation_details(store, news.id)
    assert d.citation.retracted
    assert (d.study_design, d.study_design_why) == ("News", "set by hand by ann")
    assert (d.stored_text, d.stored_characters) == ("source text", len(TRIAL_TEXT))
    assert d.citing == ()
    assert d.address == "https://news.example/mdma?id=1"
