"""Linking a claim to its evidence: a source the library holds, or a new one.

A new source and its link are one action, so one undo takes both back.
"""

from __future__ import annotations

from annotator.model import Citation, Evidence
from annotator.store import Store


def link_source(
    store: Store,
    claim_id: int,
    citation: Citation,
    stance: str,
    *,
    reviewer: str,
    quote: str = "",
    locator: str = "",
    note: str = "",
    also_add: tuple[Citation, ...] = (),
) -> Evidence:
    """Link ``citation`` (stored when it has an id, else added first) to a claim.

    ``also_add``: further sources that came with it (a pasted BibTeX/RIS file's other
    entries), added to the library in the same action but not linked.
    """
    if citation.id and not also_add:
        return store.link_evidence(
            claim_id,
            citation.id,
            stance,
            reviewer=reviewer,
            quote=quote,
            locator=locator,
            note=note,
        )
    return store.link_new_source(
        claim_id,
        citation,
        stance,
        reviewer=reviewer,
        quote=quote,
        locator=locator,
        note=note,
        also_add=also_add,
    )
