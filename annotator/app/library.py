"""The citation library's workflows: adding sources (one, or a file's worth),
near-duplicates to merge, candidate quotes for a claim (a source's own text, and its
quotes checked again, is ``app/source_text.py``; its search ``app/citation_search.py``).

The deciding is in ``sources/`` (``study_design``, ``dedupe``, ``quotes``); the store
saves the results.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from annotator.app.citation_search import index_library
from annotator.errors import InputError
from annotator.model import Citation
from annotator.sources.dedupe import DuplicatePair, find_near_duplicates
from annotator.sources.quotes import CandidateQuote, candidate_quotes, check_quote
from annotator.sources.study_design import propose_evidence_type
from annotator.store import Store


def with_study_design(citation: Citation) -> Citation:
    """``citation`` with its study design proposed from its title and abstract, unless it
    comes with one (a reader of a file format may have read it from the entry)."""
    if citation.evidence_type_reason or citation.evidence_type != "other":
        return citation
    etype, reason = propose_evidence_type(citation.title, citation.abstract)
    return replace(citation, evidence_type=etype, evidence_type_reason=reason)


def add_citation(store: Store, citation: Citation, *, reviewer: str) -> tuple[Citation, bool]:
    """Add a source to the library, or fill the gaps of the one stored; True when new.

    A stored source that gains an abstract this way has its links' quotes checked
    against it, in the same action."""
    with store.one_action():
        stored, new = store.add_citation(with_study_design(citation), reviewer=reviewer)
        if not new:
            recheck_quotes(store, stored, reviewer=reviewer)
    return stored, new


def add_citations(
    store: Store, citations: Sequence[Citation], *, reviewer: str
) -> list[tuple[Citation, bool]]:
    """Many sources as one action (a file import, a colleague's file); the import pays
    for its search index, so the next search does not."""
    with store.one_action():
        added = store.add_citations([with_study_design(c) for c in citations], reviewer=reviewer)
        merged = {c.id: c for c, new in added if not new}
        for stored in merged.values():
            recheck_quotes(store, stored, reviewer=reviewer)
    index_library(store)
    return added


def near_duplicates(store: Store) -> list[tuple[Citation, Citation, DuplicatePair]]:
    """Near-duplicate pairs of the library (no shared identifier), most alike first."""
    by_id = {c.id: c for c in store.list_citations()}
    return [(by_id[p.a], by_id[p.b], p) for p in find_near_duplicates(by_id.values())]


def quotes_for_claim(
    store: Store, claim_id: int, citation_id: int, limit: int = 5
) -> list[CandidateQuote]:
    """Passages of a citation's stored text that best match a claim (words, numbers)."""
    claim = store.get_claim(claim_id)
    citation = store.get_citation(citation_id)
    text = citation.source_text or citation.abstract
    if not text.strip():
        raise InputError(
            f"citation {citation_id} has no stored text: add its abstract or a passage "
            "first (cite set --text-file)"
        )
    return candidate_quotes(claim.text, text, limit=limit)


def merge_citations(store: Store, keep_id: int, drop_id: int, *, reviewer: str) -> Citation:
    """Merge citation ``drop_id`` into ``keep_id`` (one action): the links that move are
    checked against the kept source's text, which may differ from the dropped one's."""
    with store.one_action():
        kept = store.merge_citations(keep_id, drop_id, reviewer=reviewer)
        recheck_quotes(store, kept, reviewer=reviewer)
    return kept


def recheck_quotes(store: Store, citation: Citation, *, reviewer: str) -> None:
    """Check every quote linked to ``citation`` against its stored text again, whenever
    that text may have changed: a link never shows "no text" beside a source that has
    one. Only changed checks are written (``Store.set_quote_check``)."""
    for ev in store.citation_links(citation.id):
        store.set_quote_check(ev.id, check_quote(ev.quote, citation), reviewer=reviewer)
