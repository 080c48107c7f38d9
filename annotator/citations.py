"""Citation identifiers: recognising and normalizing them, and sources from them.

The same source must always get the same identifier, so the store can keep one
citation per source: DOIs lower-case without resolver prefix, PMIDs as bare digits,
URLs with a lower-case scheme and host, no tracking parameters, no trailing slash.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from annotator.errors import InputError
from annotator.model import Citation, CitationKind

_DOI_PREFIX = re.compile(
    r"^\s*(?:doi:\s*|https?://(?:dx\.)?doi\.org/|(?:dx\.)?doi\.org/)", re.IGNORECASE
)
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_IN_TEXT = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.IGNORECASE)
_PMID_PREFIX = re.compile(
    r"^\s*(?:pmid:?\s*|https?://(?:www\.)?(?:ncbi\.nlm\.nih\.gov/)?pubmed(?:\.ncbi\.nlm\.nih\.gov)?/)",
    re.I,
)  # noqa: E501
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")

# Query parameters that say where a click came from, not what the page is.
TRACKING_PARAMS = {
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "ref",
    "ref_src",
    "_hsenc",
    "_hsmi",
    "yclid",
    "spm",
    "cmpid",
    "s_cid",
}


def normalize_doi(value: str) -> str:
    """``https://doi.org/10.1000/ABC`` -> ``10.1000/abc``; raises on a non-DOI."""
    doi = _DOI_PREFIX.sub("", value.strip()).strip().rstrip(".,;")
    doi = doi.lower()
    if not _DOI.match(doi):
        raise InputError(f"{value!r} is not a DOI: a DOI looks like 10.1056/nejmoa2032994")
    return doi


def normalize_pmid(value: str) -> str:
    """``PMID: 012345`` -> ``12345``; raises on anything but digits."""
    pmid = _PMID_PREFIX.sub("", value.strip()).strip().strip("/")
    if not pmid.isdigit() or int(pmid) == 0:
        raise InputError(f"{value!r} is not a PubMed id: a PMID is a number such as 34035469")
    return str(int(pmid))


def normalize_url(value: str) -> str:
    """Scheme and host lower-case, default port, fragment, tracking and trailing slash gone."""
    raw = value.strip()
    if "://" not in raw and re.match(r"^[\w.-]+\.[a-z]{2,}(/|$)", raw, re.I):
        raw = "https://" + raw
    parts = urlsplit(raw)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(f"{value!r} is not a web address: give one that starts with https://")
    host = parts.hostname.lower()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith("utm_")
    ]
    path = parts.path.rstrip("/")
    return urlunsplit(("https", netloc, path, urlencode(query), ""))


def citation_key(citation: Citation) -> list[tuple[str, str]]:
    """The identifiers that make two citations the same source, strongest first."""
    keys = [
        ("doi", citation.doi),
        ("pmid", citation.pmid),
        ("pmcid", citation.pmcid),
        ("arxiv", citation.arxiv),
        ("isbn", citation.isbn),
        ("url", citation.url),
    ]
    return [(k, v) for k, v in keys if v]


def citation_from_doi(value: str) -> Citation:
    doi = normalize_doi(value)
    return Citation(kind=CitationKind.DOI, doi=doi, url=f"https://doi.org/{doi}")


def citation_from_pmid(value: str) -> Citation:
    pmid = normalize_pmid(value)
    return Citation(
        kind=CitationKind.PMID, pmid=pmid, url=f"https://pubmed.ncbi.nlm.nih.gov/{pmid}"
    )


def citation_from_url(value: str) -> Citation:
    url = normalize_url(value)
    host = urlsplit(url).hostname or ""
    if host.endswith("doi.org"):
        return citation_from_doi(value)
    return Citation(kind=CitationKind.URL, url=url, container=host)


def citation_from_text(value: str) -> Citation:
    """A pasted reference: identifiers pulled out where present, the rest kept as text."""
    text = " ".join(value.split())
    if not text:
        raise InputError("the reference text is empty: paste the reference after --text")
    doi_match = _DOI_IN_TEXT.search(text)
    doi = normalize_doi(doi_match.group(1)) if doi_match else ""
    url_match = _URL_IN_TEXT.search(text)
    url = ""
    if url_match and not doi:
        url = normalize_url(url_match.group(0).rstrip(".,;)"))
    year_match = _YEAR.search(text)
    kind = CitationKind.DOI if doi else CitationKind.URL if url else CitationKind.OTHER
    return Citation(
        kind=kind,
        doi=doi,
        url=url or (f"https://doi.org/{doi}" if doi else ""),
        title=text,
        year=int(year_match.group(1)) if year_match else None,
    )


def format_reference(citation: Citation) -> str:
    """One line a reader recognises: authors, year, title, container, identifier."""
    parts: list[str] = []
    if citation.authors:
        first = citation.authors[0].split(",")[0]
        parts.append(
            f"{first} et al."
            if len(citation.authors) > 2
            else " & ".join(a.split(",")[0] for a in citation.authors)
        )
    if citation.year:
        parts.append(f"({citation.year})")
    if citation.title:
        parts.append(citation.title.rstrip(".") + ".")
    if citation.container:
        parts.append(citation.container + ".")
    if citation.doi:
        parts.append(f"doi:{citation.doi}")
    elif citation.pmid:
        parts.append(f"PMID {citation.pmid}")
    elif citation.url:
        parts.append(citation.url)
    return " ".join(parts) or f"citation {citation.id}"


def identifier_lookup(query: str) -> Citation | None:
    """The citation an identifier typed as a search names (DOI, PMID, URL), if it is one."""
    q = query.strip()
    for parse in (citation_from_doi, citation_from_pmid, citation_from_url):
        try:
            return parse(q)
        except InputError:
            continue
    return None
