"""A source's own text: stored once, every linked quote checked again; quotes chosen from
its sentences check as exact."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from annotator.app.library import add_citation, add_citations, merge_citations
from annotator.app.linking import link_evidence
from annotator.app.source_text import (
    give_source_text,
    quote_choices,
    read_source_file,
    take_quote,
)
from annotator.errors import InputError
from annotator.model import Citation, QuoteMatch
from annotator.sources.identifiers import citation_from_doi
from annotator.sources.matching import verify_quote
from annotator.store import Store
from annotator.text.proposer import propose_claims

ARTICLE = "A new drug cut migraine days by 50% in a year, its maker said."
SOURCE = (
    "Background: migraine is common.\n"
    "In the trial, the drug cut monthly migraine days by 50%\n"
    "in 40% of patients. Placebo cut them by 50% in 27%.\n\n"
    "Adverse events were mild."
)


def _link(store: Store, quote: str = "") -> int:
    article = store.import_article(
        ARTICLE, title="t", reviewer="ann", proposals=propose_claims(ARTICLE)
    )
    claim = store.claims(article.id)[0]
    citation, _ = add_citation(store, citation_from_doi("10.1000/trial"), reviewer="ann")
    return link_evidence(store, claim.id, citation.id, "mixed", reviewer="ann", quote=quote).id


def test_giving_the_text_checks_a_no_text_quote(store: Store) -> None:
    evidence_id = _link(store, quote="Adverse events were mild")
    assert store.get_evidence(evidence_id).quote_verified == QuoteMatch.NO_TEXT
    citation_id = store.get_evidence(evidence_id).citation_id
    result = give_source_text(store, citation_id, SOURCE, reviewer="ann")
    assert store.get_evidence(evidence_id).quote_verified == QuoteMatch.EXACT
    assert result.citation.source_text == SOURCE
    assert result.message == (
        f"citation {citation_id}: {len(SOURCE)} characters of text stored;"
        f" quotes checked: evidence {evidence_id} exact"
    )
    # One action: one undo takes the text and the re-check back.
    store.undo_last(reviewer="ann")
    assert store.get_evidence(evidence_id).quote_verified == QuoteMatch.NO_TEXT
    assert store.get_citation(citation_id).source_text == ""


def test_no_text_is_refused_and_nothing_changes(store: Store) -> None:
    evidence_id = _link(store)
    citation_id = store.get_evidence(evidence_id).citation_id
    events = len(store.events())
    with pytest.raises(InputError, match="no text given"):
        give_source_text(store, citation_id, " \n ", reviewer="ann")
    assert len(store.events()) == events


def test_a_file_is_read_as_text_markdown_or_html(tmp_path: Path) -> None:
    page = tmp_path / "source.html"
    page.write_text(
        "<html><body><nav>Menu</nav><article><p>The drug cut days by 50%.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    assert "The drug cut days by 50%." in read_source_file(page)
    with pytest.raises(InputError, match="not found"):
        read_source_file(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a folder"):
        read_source_file(tmp_path)


def test_sentences_start_on_the_best_match_and_each_checks_exact(store: Store) -> None:
    evidence_id = _link(store)
    citation_id = store.get_evidence(evidence_id).citation_id
    give_source_text(store, citation_id, SOURCE, reviewer="ann")
    choices = quote_choices(store, evidence_id)
    texts = [s.text for s in choices.sentences]
    # A sentence over a line break is one sentence, its words on one line.
    assert "In the trial, the drug cut monthly migraine days by 50% in 40% of patients." in texts
    assert choices.sentences[choices.start_index].score > 0
    assert "50%" in texts[choices.start_index]
    for sentence in choices.sentences:
        assert verify_quote(sentence.text, SOURCE)[0] == QuoteMatch.EXACT


def test_taking_a_sentence_makes_it_the_quote_and_the_cursor_returns_to_it(
    store: Store,
) -> None:
    evidence_id = _link(store, quote="not in the source at all")
    citation_id = store.get_evidence(evidence_id).citation_id
    give_source_text(store, citation_id, SOURCE, reviewer="ann")
    assert store.get_evidence(evidence_id).quote_verified == QuoteMatch.NOT_FOUND
    last = quote_choices(store, evidence_id).sentences[-1]
    ev = take_quote(store, evidence_id, last, reviewer="ann")
    assert (ev.quote, ev.quote_verified) == ("Adverse events were mild.", QuoteMatch.EXACT)
    again = quote_choices(store, evidence_id)
    assert again.sentences[again.start_index] == last
    assert again.quote == "Adverse events were mild."


def test_no_stored_text_means_nothing_to_choose_from(store: Store) -> None:
    evidence_id = _link(store)
    with pytest.raises(InputError, match="no stored text to quote from"):
        quote_choices(store, evidence_id)


def _abstract_citation(abstract: str) -> Citation:
    return replace(citation_from_doi("10.1000/trial"), title="The trial", abstract=abstract)


def test_a_merged_entry_that_brings_an_abstract_checks_the_quotes(store: Store) -> None:
    """A DOI linked with a quote, then the same paper from a BibTeX file with its abstract:
    the citation view said "Stored text ... quotes are checked" while the link still read
    "[quote no-text] ... l, then t gives it" (walked in tmux)."""
    evidence_id = _link(store, quote="Adverse events were mild")
    citation, new = add_citation(store, _abstract_citation(SOURCE), reviewer="ann")
    assert not new and citation.abstract == SOURCE
    assert store.get_evidence(evidence_id).quote_verified == QuoteMatch.EXACT
    store.undo_last(reviewer="ann")  # one action: the abstract and the re-check go together
    assert store.get_evidence(evidence_id).quote_verified == QuoteMatch.NO_TEXT
    assert store.get_citation(citation.id).abstract == ""
    [(_, new)] = add_citations(store, [_abstract_citation(SOURCE)], reviewer="ann")
    assert not new and store.get_evidence(evidence_id).quote_verified == QuoteMatch.EXACT


def test_merging_two_citations_checks_the_moved_quotes_against_the_kept_text(
    store: Store,
) -> None:
    evidence_id = _link(store, quote="Adverse events were mild")
    dropped = store.get_evidence(evidence_id).citation_id
    other = replace(_abstract_citation(SOURCE), doi="10.1000/other", title="Another trial")
    kept, _ = add_citation(store, other, reviewer="ann")
    merge_citations(store, kept.id, dropped, reviewer="ann")
    ev = store.get_evidence(evidence_id)
    assert (ev.citation_id, ev.quote_verified) == (kept.id, QuoteMatch.EXACT)
