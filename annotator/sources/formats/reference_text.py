"""A pasted reference in free text -> a Citation, as well as the text allows.

Two shapes cover most references a checker pastes: author-year (APA, Harvard:
``Mitchell, J. M., & Yazar-Klosinski, B. (2021). Title. Journal, 27(6), 1025-1033.``)
and numbered medical style (Vancouver, AMA:
``Mitchell JM, Bogenschutz M, et al. Title. Nat Med. 2021;27(6):1025-33.``).
Identifiers anywhere in the text (DOI, PMID, PMCID, arXiv, URL) are pulled out
first; whatever cannot be placed stays in the title so nothing is lost.
"""

from __future__ import annotations

import re

from annotator.errors import InputError
from annotator.model import Citation, CitationKind

_DOI = re.compile(r"(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?\b(10\.\d{4,9}/[^\s\"<>]+)", re.I)
_PMID = re.compile(r"\bPMID:?\s*(\d{1,9})\b", re.I)
_PMCID = re.compile(r"\bPMCID:?\s*(PMC\d+)\b|\b(PMC\d{4,})\b", re.I)
_ARXIV = re.compile(r"\barXiv:\s*(\d{4}\.\d{4,5}(?:v\d+)?)", re.I)
_URL = re.compile(r"https?://[^\s<>\"]+", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_APA_YEAR = re.compile(r"\((1[89]\d\d|20\d\d)[a-z]?(?:,[^)]*)?\)\.?")
_VOL_ISSUE_PAGES = re.compile(
    r"(?P<vol>\d+)\s*(?:\((?P<issue>[\w\s-]+)\))?\s*[:,]\s*(?P<pages>[e]?\d+(?:\s*[-–]\s*[e]?\d+)?)"
)
# "Mitchell JM" / "Yazar-Klosinski B" / "van der Berg AB": a Vancouver author.
_VANCOUVER_NAME = re.compile(r"^[^\W\d][\w'’ -]*\s[A-Z]{1,3}$")
_SENTENCE = re.compile(r"(?<=[.?!])\s+(?=[A-Z0-9\"“(\[])")


def _pull(pattern: re.Pattern[str], text: str) -> tuple[str, str]:
    """The first match's identifier and the text without it."""
    m = pattern.search(text)
    if not m:
        return "", text
    value = next(g for g in m.groups() if g) if m.groups() else m.group(0)
    return value, (text[: m.start()] + " " + text[m.end() :])


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" .,;:")


def _split_apa_authors(text: str) -> list[str]:
    text = re.sub(r",?\s*(?:&|and)\s+", ", ", text.strip().rstrip("."))
    parts = [p.strip() for p in text.split(",") if p.strip()]
    names: list[str] = []
    i = 0
    while i < len(parts):
        family = parts[i]
        given = parts[i + 1] if i + 1 < len(parts) else ""
        if given and re.fullmatch(r"(?:[A-Z][a-z]*\.?[\s-]*)+", given):
            names.append(f"{family}, {given}")
            i += 2
        else:
            names.append(family)
            i += 1
    return [n for n in names if n.lower() not in ("et al", "et al.")]


def _split_vancouver_authors(text: str) -> list[str] | None:
    parts = [p.strip() for p in text.rstrip(".").split(",") if p.strip()]
    names = []
    for part in parts:
        if part.lower() in ("et al", "et al."):
            continue
        if not _VANCOUVER_NAME.match(part):
            return None
        family, initials = part.rsplit(" ", 1)
        names.append(f"{family}, {initials}")
    return names or None


def _looks_like_organisation(text: str) -> bool:
    """ "World Health Organization." ahead of a title: a few capitalised words, no digits."""
    words = _clean(text).split()
    return (
        0 < len(words) <= 6
        and not any(c.isdigit() for c in text)
        and all(w[0].isupper() or w.lower() in ("of", "for", "and", "the", "on") for w in words)
    )


def _volume_pages(text: str) -> tuple[str, str, str, str]:
    """Volume, issue, pages and the text before them (the journal)."""
    m = _VOL_ISSUE_PAGES.search(text)
    if not m:
        return "", "", "", text
    head = text[: m.start()]
    head = _YEAR.sub("", head) if ";" in text[m.start() - 2 : m.start() + 1] else head
    return m.group("vol"), (m.group("issue") or "").strip(), m.group("pages"), head


def parse_reference(value: str) -> Citation:
    """Pull what can be placed out of one pasted reference."""
    from annotator.sources.identifiers import (
        normalize_arxiv,
        normalize_doi,
        normalize_pmcid,
        normalize_pmid,
        normalize_url,
    )

    text = " ".join(value.split())
    if not text:
        raise InputError("the reference text is empty: paste the reference after --text")
    rest = text
    doi_raw, rest = _pull(_DOI, rest)
    doi = normalize_doi(doi_raw.rstrip(".,;)")) if doi_raw else ""
    pmid_raw, rest = _pull(_PMID, rest)
    pmcid_raw, rest = _pull(_PMCID, rest)
    arxiv_raw, rest = _pull(_ARXIV, rest)
    url_raw, rest = _pull(_URL, rest)
    rest = re.sub(r"\b(?:doi|pmid|pmcid|available (?:at|from)|retrieved from)\b:?", " ", rest,
                  flags=re.I)  # fmt: skip
    url = ""
    if url_raw:
        try:
            url = normalize_url(url_raw.rstrip(".,;)"))
        except InputError:
            url = ""
    authors: list[str] = []
    title = container = volume = issue = pages = ""
    year: int | None = None
    apa = _APA_YEAR.search(rest)
    if apa:
        year = int(apa.group(1))
        authors = _split_apa_authors(rest[: apa.start()])
        sentences = [_clean(s) for s in _SENTENCE.split(rest[apa.end() :]) if _clean(s)]
        if sentences:
            title = sentences[0]
        if len(sentences) > 1:
            volume, issue, pages, head = _volume_pages(sentences[1])
            container = _clean(head)
    else:
        sentences = [s for s in _SENTENCE.split(rest.strip()) if _clean(s)]
        vancouver = _split_vancouver_authors(sentences[0]) if sentences else None
        if vancouver and len(sentences) > 1:
            authors = vancouver
            sentences = sentences[1:]
        elif len(sentences) > 2 and _looks_like_organisation(sentences[0]):
            authors = [_clean(sentences[0])]
            sentences = sentences[1:]
        if sentences:
            title = _clean(sentences[0])
        tail = " ".join(sentences[1:])
        year_match = _YEAR.search(tail) or _YEAR.search(rest)
        year = int(year_match.group(1)) if year_match else None
        if tail:
            first = re.split(r"(?<=\.)\s+|;", tail)[0]
            volume, issue, pages, _head = _volume_pages(tail)
            container = _clean(_YEAR.sub("", first))
    if not title:
        title = _clean(rest) or text
    kind = CitationKind.DOI if doi else CitationKind.URL if url else CitationKind.OTHER
    pmid = normalize_pmid(pmid_raw) if pmid_raw else ""
    if pmid and kind == CitationKind.OTHER:
        kind = CitationKind.PMID
    if not url and doi:
        url = f"https://doi.org/{doi}"
    return Citation(
        kind=kind,
        doi=doi,
        pmid=pmid,
        pmcid=normalize_pmcid(pmcid_raw) if pmcid_raw else "",
        arxiv=normalize_arxiv(arxiv_raw) if arxiv_raw else "",
        url=url,
        title=title,
        authors=tuple(authors),
        year=year,
        container=container,
        volume=volume,
        issue=issue,
        pages=pages.replace(" ", ""),
        source_text="",
        notes=f"Pasted reference: {text}",
    )
