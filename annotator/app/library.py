"""The citation library's workflows: near-duplicates to merge, candidate quotes for a
claim (a source's own text, and its quotes checked again, is ``app/source_text.py``).

The deciding is in ``sources/`` (``dedupe``, ``quotes``); the store saves the results.
"""

from __future__ import annotations

from annotator.errors import InputError
from annotator.model import Citation
from annotator.sources.dedupe import DuplicatePair, find_near_duplicates
from annotator.sources.quotes import CandidateQuote, candidate_quotes
from annotator.store import Store


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
