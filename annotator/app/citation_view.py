"""Everything about one source, as both faces show it: reference, identifiers with their
addresses, study design, retraction, stored text, and the claims that cite it."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.model import Citation, Claim, Evidence, is_manual
from annotator.sources.identifier_links import IdentifierLink, identifier_links, source_address
from annotator.sources.identifiers import full_reference
from annotator.store import Store


@dataclass(frozen=True)
class CitingClaim:
    """One link to the source: the claim, its article's title and how it bears on it."""

    evidence: Evidence
    claim: Claim
    article_title: str


@dataclass(frozen=True)
class CitationDetails:
    citation: Citation
    reference: str  # every author; year, title, container; identifiers (full_reference)
    identifiers: tuple[IdentifierLink, ...]
    address: str  # where to open the source ("" when it has none)
    study_design: str  # the evidence type's label on the scales in force
    study_design_why: str  # "set by hand by ann" or the words it was proposed from
    stored_text: str  # "source text", "abstract" or "" (quotes are not checked)
    stored_characters: int
    citing: tuple[CitingClaim, ...]


def citation_details(store: Store, citation_id: int) -> CitationDetails:
    """What is known about a citation, and every claim linked to it."""
    c = store.get_citation(citation_id)
    level = next((t for t in store.scales.evidence_types if t.key == c.evidence_type), None)
    why = c.evidence_type_reason
    if not why:
        why = "not known: set it with cite set --type"
    elif not is_manual(why):
        why = f"proposed: {why}"
    stored = "source text" if c.source_text else ("abstract" if c.abstract else "")
    citing = []
    titles: dict[int, str] = {}
    for ev in store.citation_links(citation_id):
        claim = store.get_claim(ev.claim_id)
        if claim.article_id not in titles:
            titles[claim.article_id] = store.get_article(claim.article_id).title
        citing.append(CitingClaim(ev, claim, titles[claim.article_id]))
    return CitationDetails(
        citation=c,
        reference=full_reference(c),
        identifiers=tuple(identifier_links(c)),
        address=source_address(c),
        study_design=level.label if level else c.evidence_type,
        study_design_why=why,
        stored_text=stored,
        stored_characters=len(c.source_text or c.abstract),
        citing=tuple(citing),
    )
