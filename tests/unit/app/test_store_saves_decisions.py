"""The store persists; the core decides: what the app hands the store is what it keeps.

A claim's label and check-worthiness, a source's study design and a citation's search
words are decided in ``text/`` and ``sources/`` and handed in by ``app/``; the store
stores them as given and decides none of them itself.
"""

from __future__ import annotations

from annotator.app.citation_search import index_library
from annotator.app.claim_ops import add_claim, merge_claims, split_claim
from annotator.app.library import add_citation, add_citations
from annotator.model import Citation, CitationKind, ProposedClaim
from annotator.sources.search import search_words
from annotator.store import Store
from annotator.text.proposer import make_label, score_sentence

R = "tester"
TEXT = "Coffee cuts cancer risk by 20%, a 2019 study found. Tea is older than coffee."
MICE = "Neuroplasticity after a single dose in mice"


def test_the_store_keeps_the_study_design_it_is_given(store: Store) -> None:
    as_given, _ = store.add_citation(Citation(kind=CitationKind.OTHER, title=MICE), reviewer=R)
    assert (as_given.evidence_type, as_given.evidence_type_reason) == ("other", "")
    proposed, _ = add_citation(store, Citation(kind=CitationKind.OTHER, title=MICE + " 2"),
                               reviewer=R)  # fmt: skip
    assert (proposed.evidence_type, proposed.evidence_type_reason) == (
        "preclinical",
        'title says "mice"',
    )
    [(many, _new)] = add_citations(store, [Citation(title=MICE + " 3")], reviewer=R)
    assert many.evidence_type == "preclinical"


def test_the_store_keeps_the_search_words_it_is_given(store: Store) -> None:
    store.add_citations([Citation(kind=CitationKind.OTHER, title="Tea")], reviewer=R)
    assert store.index_citations(lambda c: ("handed in", {"handed", "in"}))
    assert store.citation_search_texts() == {1: "handed in"}
    assert store.citation_words().postings("handed") == [1]
    store.set_retracted(1, True, reviewer=R)  # a change: indexed again by what is handed in
    assert index_library(store)
    assert store.citation_search_texts() == {1: search_words(store.get_citation(1))[0]}


def test_the_store_keeps_the_label_and_score_it_is_given(store: Store) -> None:
    article = store.import_article(TEXT, title="t", reviewer=R, proposals=[])
    mine = ProposedClaim(start=0, end=6, text="Coffee", label="my words", score=0.25,
                         reasons=("handed in",), sentence_start=0, sentence_end=6)  # fmt: skip
    claim = store.add_claim(article.id, mine, reviewer=R, label_edited=False)
    assert (claim.label, claim.score, claim.reasons) == ("my words", 0.25, ("handed in",))
    end = TEXT.index(" Tea")
    added = add_claim(store, article.id, TEXT.index("cuts"), end, reviewer=R)
    text = TEXT[TEXT.index("cuts") : end]
    assert (added.label, added.score) == (make_label(text), score_sentence(text)[0])


def test_split_and_merge_label_afresh_unless_the_reviewer_wrote_it(store: Store) -> None:
    article = store.import_article(TEXT, title="t", reviewer=R, proposals=[])
    whole = add_claim(store, article.id, 0, len(TEXT), reviewer=R)
    at = TEXT.index("Tea")
    left, right = split_claim(store, whole.id, at, reviewer=R)
    assert left.label == make_label(TEXT[:at].strip())
    assert (right.label, right.score) == (make_label(TEXT[at:]), score_sentence(TEXT[at:])[0])
    store.edit_label(left.id, "kept as written", reviewer=R)
    merged = merge_claims(store, left.id, reviewer=R)
    assert merged.label == "kept as written" and merged.end == len(TEXT)
