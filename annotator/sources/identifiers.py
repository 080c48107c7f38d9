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
_PMCID = re.compile(
    r"^\s*(?:pmcid:?\s*|https?://(?:www\.)?(?:ncbi\.nlm\.nih\.gov/pmc|pmc\.ncbi\.nlm\.nih\.gov)"
    r"/articles/)?(?:pmc)?(\d+)/?\s*$",
    re.IGNORECASE | re.ASCII,
)
_ARXIV_PREFIX = re.compile(
    r"^\s*(?:arxiv:\s*|https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/"
    r"|(?:https?://(?:dx\.)?doi\.org/)?10\.48550/arxiv\.)",
    re.IGNORECASE,
)
_ARXIV_NEW = re.compile(r"^(\d{4}\.\d{4,5})(?:v\d+)?$", re.ASCII)
_ARXIV_OLD = re.compile(r"^([a-z-]+(?:\.[a-z]{2})?/\d{7})(?:v\d+)?$", re.I | re.ASCII)
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


# The longest PubMed (Central) id taken: today's have 8 digits.
MAX_ID_DIGITS = 12


def normalize_pmid(value: str) -> str:
    """``PMID: 012345`` -> ``12345``; raises on anything but digits."""
    pmid = _PMID_PREFIX.sub("", value.strip()).strip().strip("/")
    digits = pmid.lstrip("0")
    # PMIDs have 8 digits today; a long run of digits is not one (nor an int Python reads).
    if not (pmid.isascii() and pmid.isdigit()) or not digits or len(digits) > MAX_ID_DIGITS:
        raise InputError(f"{value[:40]!r} is not a PubMed id: a PMID is a number such as 34035469")
    return digits


def normalize_url(value: str) -> str:
    """Scheme and host lower-case, default port, fragment, tracking and trailing slash gone."""
    raw = value.strip()
    if "://" not in raw and re.match(r"^[\w.-]+\.[a-z]{2,}(/|$)", raw, re.I):
        raw = "https://" + raw
    not_one = InputError(f"{value!r} is not a web address: give one that starts with https://")
    try:
        # urlsplit and .port raise ValueError on an unclosed IPv6 bracket or a bad port.
        parts = urlsplit(raw)
        port = parts.port
    except ValueError:
        raise not_one from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise not_one
    host = parts.hostname.lower()
    if host.startswith("www."):
        host = host[4:]
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith("utm_")
    ]
    path = parts.path.rstrip("/")
    return urlunsplit(("https", netloc, path, urlencode(query), ""))


def normalize_pmcid(value: str) -> str:
    """``pmc1234567``, ``PMCID: PMC1234567`` or its PMC web address -> ``PMC1234567``."""
    m = _PMCID.match(value)
    digits = m.group(1).lstrip("0") if m else ""
    if not digits or len(digits) > MAX_ID_DIGITS:
        raise InputError(
            f"{value[:40]!r} is not a PubMed Central id: a PMCID looks like PMC8139924"
        )
    return f"PMC{digits}"


def normalize_arxiv(value: str) -> str:
    """``arXiv:2101.00001v2`` or its abs/pdf address -> ``2101.00001`` (versions are one source)."""
    raw = _ARXIV_PREFIX.sub("", value.strip()).strip().rstrip("/")
    raw = re.sub(r"\.pdf$", "", raw, flags=re.IGNORECASE)
    for pattern in (_ARXIV_NEW, _ARXIV_OLD):
        m = pattern.match(raw)
        if m:
            return m.group(1).lower()
    raise InputError(f"{value!r} is not an arXiv id: one looks like 2101.00001 or hep-th/9901001")


def _isbn13_check(first12: str) -> str:
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def normalize_isbn(value: str) -> str:
    """Any valid ISBN-10 or ISBN-13, with or without hyphens -> its 13 digits."""
    raw = re.sub(r"^\s*isbn(?:-1[03])?:?", "", value.strip(), flags=re.IGNORECASE)
    digits = re.sub(r"[\s\-\u2010-\u2015]", "", raw).upper()
    bad = InputError(
        f"{value!r} is not a valid ISBN: check its digits (10 or 13, last one a check)"
    )
    if re.fullmatch(r"[0-9]{9}[0-9X]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        if total % 11:
            raise bad
        first12 = "978" + digits[:9]
        return first12 + _isbn13_check(first12)
    if re.fullmatch(r"97[89][0-9]{10}", digits):
        if _isbn13_check(digits[:12]) != digits[12]:
            raise bad
        return digits
    raise bad


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
    arxiv = doi.removeprefix("10.48550/arxiv.") if doi.startswith("10.48550/arxiv.") else ""
    return Citation(kind=CitationKind.DOI, doi=doi, arxiv=arxiv, url=f"https://doi.org/{doi}")


def citation_from_pmid(value: str) -> Citation:
    pmid = normalize_pmid(value)
    return Citation(
        kind=CitationKind.PMID, pmid=pmid, url=f"https://pubmed.ncbi.nlm.nih.gov/{pmid}"
    )


def citation_from_url(value: str) -> Citation:
    """A web address; one that names a DOI, PubMed, PMC or arXiv record becomes that id."""
    url = normalize_url(value)
    host = urlsplit(url).hostname or ""
    path = urlsplit(url).path
    if host.endswith("doi.org"):
        return citation_from_doi(value)
    for suffix, parse in (
        ("pubmed.ncbi.nlm.nih.gov", citation_from_pmid),
        ("arxiv.org", citation_from_arxiv),
        ("pmc.ncbi.nlm.nih.gov", citation_from_pmcid),
    ):
        if host.endswith(suffix):
            try:
                return parse(url)
            except InputError:
                break
    if host == "ncbi.nlm.nih.gov" and "/pmc/articles/" in path:
        try:
            return citation_from_pmcid(url)
        except InputError:
            pass
    return Citation(kind=CitationKind.URL, url=url, container=host)


def citation_from_pmcid(value: str) -> Citation:
    pmcid = normalize_pmcid(value)
    return Citation(
        kind=CitationKind.OTHER,
        pmcid=pmcid,
        url=f"https://pmc.ncbi.nlm.nih.gov/articles/{pmcid}",
        container="PubMed Central",
    )


def citation_from_arxiv(value: str) -> Citation:
    arxiv = normalize_arxiv(value)
    return Citation(
        kind=CitationKind.OTHER, arxiv=arxiv, url=f"https://arxiv.org/abs/{arxiv}",
        container="arXiv",
    )  # fmt: skip


def citation_from_isbn(value: str) -> Citation:
    return Citation(kind=CitationKind.ISBN, isbn=normalize_isbn(value))


def citation_from_text(value: str) -> Citation:
    """A pasted reference: identifiers, authors, year, title and journal pulled out."""
    from annotator.sources.formats.reference_text import parse_reference

    return parse_reference(value)


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


def full_reference(citation: Citation) -> str:
    """Everything that tells which source this is, on up to three lines: every author;
    year, title, container with volume, issue and pages; every identifier."""
    lines = []
    if citation.authors:
        lines.append("; ".join(citation.authors))
    head: list[str] = []
    if citation.year:
        head.append(f"({citation.year})")
    if citation.title:
        head.append(citation.title.rstrip(".") + ".")
    where = citation.container or citation.publisher
    numbers = citation.volume + (f"({citation.issue})" if citation.issue else "")
    if citation.pages:
        numbers += f":{citation.pages}" if numbers else f"pp. {citation.pages}"
    if where or numbers:
        head.append(" ".join(p for p in (where, numbers) if p) + ".")
    if head:
        lines.append(" ".join(head))
    ids = [
        f"doi:{citation.doi}" if citation.doi else "",
        f"PMID {citation.pmid}" if citation.pmid else "",
        citation.pmcid,
        f"arXiv:{citation.arxiv}" if citation.arxiv else "",
        f"ISBN {citation.isbn}" if citation.isbn else "",
        citation.url if citation.url and not citation.doi else "",
    ]
    if any(ids):
        lines.append(" · ".join(i for i in ids if i))
    return "\n".join(lines) or f"citation {citation.id}"


def identifier_lookup(query: str) -> Citation | None:
    """The citation an identifier typed as a search names, if the query is one.

    DOI, PMCID, arXiv id, ISBN, PMID or a web address; a bare number is read as a PMID.
    """
    q = query.strip()
    if not q or " " in q:
        return None
    parsers = [citation_from_doi, citation_from_arxiv, citation_from_isbn, citation_from_pmid]
    if "pmc" in q.lower():
        parsers.insert(1, citation_from_pmcid)
    for parse in parsers:
        try:
            return parse(q)
        except InputError:
            continue
    if "/" in q or "." in q:
        try:
            return citation_from_url(q)
        except InputError:
            return None
    return None
