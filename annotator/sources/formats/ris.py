"""RIS (EndNote, Zotero, Mendeley, PubMed) -> citations, via rispy.

We cut the file into records ourselves (``TY`` ... ``ER``), keeping each record's first
line, so a broken record is reported where it starts and the others still import;
rispy then reads each record's tags (repeated tags, values continued on untagged
lines, ``UR`` lists). Real exports bring CRLF line ends, ``2019///`` dates, two ISSNs in
one ``SN``, MeSH ``*`` markers and ``internal-pdf://`` links: all taken as they are.
"""

from __future__ import annotations

import re
from typing import Any

import rispy

from annotator.errors import InputError
from annotator.model import Citation
from annotator.sources.identifiers import (
    citation_from_url,
    normalize_doi,
    normalize_isbn,
    normalize_pmcid,
    normalize_pmid,
    normalize_url,
)
from annotator.sources.library_import import (
    EntryError,
    ParsedCitations,
    add_identifier,
    clean,
    finish,
    has_identity,
    parse_year,
)

_TAG = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
_BOOK_TYPES = {"BOOK", "CHAP", "EBOOK", "ECHAP", "EDBOOK"}
_SOURCE_TYPES = {"NEWS": "newspaper", "MGZN": "magazine", "BLOG": "blog",
                 "PRESS": "press release", "RPRT": "report", "GOVDOC": "report"}  # fmt: skip
_PUBMED_DBS = ("pubmed", "medline", "nlm")


def _records(text: str, out: ParsedCitations) -> list[tuple[int, list[str]]]:
    """(first line number, lines) for each TY...ER record; stray tags become errors."""
    records: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    start = 0
    stray_at = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip().lstrip("\ufeff")
        m = _TAG.match(line)
        tag = m.group(1) if m else None
        if current is None:
            if tag == "TY":
                current, start, stray_at = [line], number, 0
            elif tag is not None and tag != "ER" and not stray_at:
                stray_at = number
                out.errors.append(EntryError(
                    f"line {number}", f"{tag} line outside a record: a record starts with TY",
                ))  # fmt: skip
            continue
        if tag == "TY":
            out.warnings.append(EntryError(
                f"line {start}", f"record has no ER line before line {number}; read up to there",
            ))  # fmt: skip
            records.append((start, current))
            current, start = [line], number
        elif tag == "ER":
            records.append((start, current))
            current = None
        else:
            current.append(line)
    if current is not None:
        out.warnings.append(EntryError(f"line {start}", "last record has no ER line; read to end"))
        records.append((start, current))
    return records


def _first(value: Any) -> str:
    if isinstance(value, list):
        return clean(value[0]) if value else ""
    return clean(value)


def _citation(rec: dict[str, Any], where: str, warnings: list[EntryError]) -> Citation:
    ty = clean(rec.get("type_of_reference", "")).upper()
    ids: dict[str, str] = {}
    add_identifier(ids, "doi", _first(rec.get("doi")), normalize_doi, where, warnings)
    database = " ".join(clean(rec.get(k, "")) for k in ("name_of_database", "database_provider"))
    accession = _first(rec.get("accession_number"))
    if accession.isdigit() and any(db in database.lower() for db in _PUBMED_DBS):
        add_identifier(ids, "pmid", accession, normalize_pmid, where, warnings)
    for custom in ("custom2", "custom1"):
        value = _first(rec.get(custom))
        if value.upper().startswith("PMC"):
            add_identifier(ids, "pmcid", value, normalize_pmcid, where, warnings)
    if ty in _BOOK_TYPES:
        isbn = _first(rec.get("issn")).split(" ")[0]
        add_identifier(ids, "isbn", isbn, normalize_isbn, where, warnings)
    for url in rec.get("urls", []) or []:
        url = clean(url)
        if not url or url.startswith("internal-pdf:"):
            continue
        try:
            found = citation_from_url(url)
        except InputError:
            warnings.append(EntryError(where, f"url left out: {url!r} is not a web address"))
            continue
        for key in ("doi", "pmid", "pmcid", "arxiv"):
            if getattr(found, key) and not ids.get(key):
                ids[key] = getattr(found, key)
        if not ids.get("url"):
            ids["url"] = normalize_url(url)
    if not ids.get("url") and ids.get("doi"):
        ids["url"] = f"https://doi.org/{ids['doi']}"
    authors = rec.get("authors") or rec.get("first_authors") or []
    if not authors and ty in _BOOK_TYPES:
        authors = rec.get("secondary_authors") or []
    start_page = _first(rec.get("start_page"))
    end_page = _first(rec.get("end_page"))
    pages = f"{start_page}-{end_page}" if start_page and end_page else start_page
    container = next(
        (
            _first(rec.get(k))
            for k in ("secondary_title", "journal_name", "alternate_title3", "alternate_title1")
            if _first(rec.get(k))
        ),
        "",
    )
    year = (
        parse_year(rec.get("year"))
        or parse_year(rec.get("publication_year"))
        or parse_year(rec.get("date"))
    )
    title = (
        _first(rec.get("title"))
        or _first(rec.get("primary_title"))
        or _first(rec.get("short_title"))
    )
    citation = Citation(
        doi=ids.get("doi", ""),
        pmid=ids.get("pmid", ""),
        pmcid=ids.get("pmcid", ""),
        arxiv=ids.get("arxiv", ""),
        isbn=ids.get("isbn", ""),
        url=ids.get("url", ""),
        title=title,
        authors=tuple(a for a in (clean(a) for a in authors) if a),
        year=year,
        container=container,
        volume=_first(rec.get("volume")),
        issue=_first(rec.get("number")),
        pages=pages,
        publisher=_first(rec.get("publisher")),
        accessed=_first(rec.get("access_date")),
        notes=" ".join(clean(n) for n in rec.get("notes", []) or []),
        abstract=_first(rec.get("abstract")) or _first(rec.get("notes_abstract")),
    )
    source_type = _SOURCE_TYPES.get(ty, ty.lower())
    return finish(citation, source_type)


def parse_ris(text: str) -> ParsedCitations:
    """Every TY...ER record of a RIS file; broken records reported by their first line."""
    out = ParsedCitations(format="ris")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for start, lines in _records(text, out):
        where = f"line {start}"
        ty = (_TAG.match(lines[0]) or _TAG.match("TY  - ")).group(2) or ""  # type: ignore[union-attr]
        if not ty.strip():
            out.errors.append(EntryError(where, "record has an empty TY (type) line"))
            continue
        try:
            parsed = rispy.loads("\n".join([*lines, "ER  - "]), skip_unknown_tags=True)
        except Exception as exc:  # rispy's own failure on one record stays with that record
            out.errors.append(EntryError(where, f"cannot read this record ({exc})"))
            continue
        if not parsed:
            out.errors.append(EntryError(where, "cannot read this record"))
            continue
        citation = _citation(parsed[0], where, out.warnings)
        if not has_identity(citation):
            out.errors.append(EntryError(where, "record has no title (TI) or identifier"))
            continue
        out.citations.append(citation)
    return out
