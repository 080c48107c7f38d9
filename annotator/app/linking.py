"""Linking a claim to its evidence: a source the library holds, or a new one.

A new source and its link are one action, so one undo takes both back. A link's quote
is checked against the source's stored text here (``sources.quotes.check_quote``); the
store saves the result.
"""

from __future__ import annotations

from annotator.app.library import add_citation
from annotator.model import Citation, Evidence
from annotator.sources.quotes import check_quote
from annotator.store import Store


def link_evidence(
    store: Store,
    claim_id: int,
    citation_id: int,
    stance: str,
    *,
    reviewer: str,
    quote: str = "",
    locator: str = "",
    note: str = "",
) -> Evidence:
    """Link a claim to a source the library holds, its quote checked against that source."""
    checked = check_quote(quote, store.get_citation(citation_id))
    return store.link_evidence(
        claim_id, citation_id, stance, reviewer=reviewer, quote=checked, locator=locator, note=note
    )


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
    entries), added to the library in the same action but not linked. A source found in
    the library is linked as stored (its gaps filled from ``citation``), and the quote is
    checked against that stored text.
    """
    store.get_claim(claim_id)  # a missing claim stops before anything is written
    with store.one_action():
        if citation.id:
            stored = store.get_citation(citation.id)
        else:
            stored, _new = add_citation(store, citation, reviewer=reviewer)
        for extra in also_add:
            add_citation(store, extra, reviewer=reviewer)
        return link_evidence(
            store,
            claim_id,
            stored.id,
            stance,
            reviewer=reviewer,
            quote=quote,
            locator=locator,
            note=note,
        )


def edit_link(
    store: Store,
    evidence_id: int,
    *,
    reviewer: str,
    stance: str | None = None,
    quote: str | None = None,
    locator: str | None = None,
    note: str | None = None,
) -> Evidence:
    """Change a link's stance, quote, locator or note as one action (one undo step).

    ``None`` leaves a field as it is; a field given as it already stands is not a
    change, so a form saved untouched records nothing. A new quote is checked against
    the source's stored text.
    """
    if stance is None and quote is None and locator is None and note is None:
        # The store says what to give.
        return store.update_evidence(evidence_id, reviewer=reviewer)
    ev = store.get_evidence(evidence_id)
    given = {"stance": stance, "quote": quote, "locator": locator, "note": note}
    now = {"stance": str(ev.stance), "quote": ev.quote, "locator": ev.locator, "note": ev.note}
    changes = {
        name: value
        for name, value in given.items()
        if value is not None
        and (value.strip().lower() if name == "stance" else value.strip()) != now[name]
    }
    if not changes:
        return ev
    checked = None
    if "quote" in changes:
        checked = check_quote(changes.pop("quote"), store.get_citation(ev.citation_id))
    return store.update_evidence(evidence_id, reviewer=reviewer, quote=checked, **changes)


def unlink(store: Store, evidence_id: int, *, reviewer: str) -> Evidence:
    """Remove an evidence link; the reviewer's undo brings it back as it was."""
    return store.remove_evidence(evidence_id, reviewer=reviewer)
