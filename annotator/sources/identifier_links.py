"""Where a citation's identifiers lead: each one named, with the address it resolves at.

DOI, PMID, PMCID, arXiv id, ISBN and the web address come from the citation's fields;
trial and review registrations (ClinicalTrials.gov NCT, ISRCTN, EudraCT, ANZCTR,
PROSPERO ...) are read from the words of its record (title, abstract, notes, the imported
record), where reference managers and abstracts put them ("Trial registration:
NCT03537014").

An address built from stored data goes to a terminal inside a hyperlink escape sequence,
so ``link_target`` lets only http(s) addresses through and percent-encodes every
character a URL does not hold as such (control characters, spaces, non-ASCII): a
stored value can never end the sequence early or start another one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from annotator.model import Citation


@dataclass(frozen=True)
class IdentifierLink:
    """One identifier of a source: ``name`` ("DOI"), ``value`` and where it resolves."""

    name: str
    value: str
    url: str = ""  # "" when the identifier has no address of its own


# Registration numbers: (name, pattern, address template or "" when the registry has
# no stable address per record).
_REGISTRATIONS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("ClinicalTrials.gov", re.compile(r"\bNCT\d{8}\b"), "https://clinicaltrials.gov/study/{}"),
    ("ISRCTN", re.compile(r"\bISRCTN\d{8}\b"), "https://www.isrctn.com/{}"),
    ("EudraCT", re.compile(r"\b(?:19|20)\d{2}-\d{6}-\d{2}\b"), ""),
    ("ANZCTR", re.compile(r"\bACTRN\d{14}\b"), ""),
    ("ChiCTR", re.compile(r"\bChiCTR-?[A-Z]{0,3}-?\d{8,10}\b"), ""),
    ("DRKS", re.compile(r"\bDRKS\d{8}\b"), ""),
    ("PROSPERO", re.compile(r"\bCRD\d{11}\b"), ""),
)
# An EudraCT number is only taken where the text says EudraCT: the bare pattern is a date.
_EUDRACT_NEAR = re.compile(r"eudract", re.IGNORECASE)

# Characters a URL holds as they are (RFC 3986 reserved and unreserved, and "%" of an
# escape already made); everything else is percent-encoded.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def link_target(url: str) -> str:
    """``url`` fit to put in a terminal hyperlink, or "" when it is not a web address."""
    url = url.strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return ""
    if scheme not in ("http", "https"):
        return ""
    return quote(url, safe=_URL_SAFE)


def registrations(citation: Citation) -> list[IdentifierLink]:
    """Trial and review registration numbers named in the citation's record, in order."""
    words = "\n".join((citation.title, citation.abstract, citation.notes, citation.record))
    found: list[IdentifierLink] = []
    seen: set[str] = set()
    for name, pattern, template in _REGISTRATIONS:
        if name == "EudraCT" and not _EUDRACT_NEAR.search(words):
            continue
        for match in pattern.finditer(words):
            value = match.group()
            if value in seen:
                continue
            seen.add(value)
            found.append(IdentifierLink(name, value, template.format(value) if template else ""))
    return found


def identifier_links(citation: Citation) -> list[IdentifierLink]:
    """Every identifier of ``citation`` with its address, the strongest first."""
    links: list[IdentifierLink] = []
    if citation.doi:
        links.append(IdentifierLink("DOI", citation.doi, f"https://doi.org/{citation.doi}"))
    if citation.pmid:
        links.append(
            IdentifierLink(
                "PMID", citation.pmid, f"https://pubmed.ncbi.nlm.nih.gov/{citation.pmid}/"
            )
        )
    if citation.pmcid:
        links.append(
            IdentifierLink(
                "PMCID", citation.pmcid, f"https://pmc.ncbi.nlm.nih.gov/articles/{citation.pmcid}/"
            )
        )
    if citation.arxiv:
        links.append(
            IdentifierLink("arXiv", citation.arxiv, f"https://arxiv.org/abs/{citation.arxiv}")
        )
    if citation.isbn:
        links.append(
            IdentifierLink("ISBN", citation.isbn, f"https://openlibrary.org/isbn/{citation.isbn}")
        )
    links += registrations(citation)
    targets = {link_target(i.url) for i in links}
    if citation.url and link_target(citation.url) not in targets:
        # A DOI's own address stored as the URL says nothing the DOI line does not.
        links.append(IdentifierLink("URL", citation.url, citation.url))
    return [IdentifierLink(i.name, i.value, link_target(i.url)) for i in links]


def source_address(citation: Citation) -> str:
    """The one address to open the source at: its own web address, else its DOI's, else
    the first identifier that has one ("" when none does)."""
    links = identifier_links(citation)
    for name in ("URL", "DOI"):
        for link in links:
            if link.name == name and link.url:
                return link.url
    return next((link.url for link in links if link.url), "")
