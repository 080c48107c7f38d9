"""Reading reference-manager exports: shared result types and the format switch.

Each format module (``bibtex``, ``ris``, ``csljson``) turns a file's text into
citations plus one ``EntryError`` per entry it could not take, located by line or
index, so one bad entry never stops the rest from importing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.errors import InputError
from annotator.files import decode_text, read_user_file
from annotator.model import Citation, CitationKind
from annotator.sources.study_design import propose_evidence_type

FORMATS = ("bibtex", "ris", "csl-json")


@dataclass(frozen=True)
class EntryError:
    """One entry that was rejected (or imported with a part left out)."""

    where: str  # "line 12", "item 3"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class ParsedCitations:
    """What a file held: the citations read, the entries rejected, and warnings."""

    format: str
    citations: list[Citation] = field(default_factory=list)
    errors: list[EntryError] = field(default_factory=list)
    warnings: list[EntryError] = field(default_factory=list)


def clean(value: object) -> str:
    """One line of text: NFC, white space collapsed (abstracts carry double spaces)."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).replace("\u00ad", "")
    return " ".join(text.split())


def parse_year(value: object) -> int | None:
    """2019 from ``2019``, ``2019///``, ``2019/10//undefined``, ``Spring 2019``."""
    m = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", str(value or ""))
    return int(m.group(1)) if m else None


def add_identifier(
    fields: dict[str, str],
    name: str,
    raw: str,
    normalize: Callable[[str], str],
    where: str,
    warnings: list[EntryError],
) -> None:
    """Put ``normalize(raw)`` in ``fields[name]``; a bad value becomes a warning, not a stop."""
    raw = raw.strip()
    if not raw or fields.get(name):
        return
    try:
        fields[name] = normalize(raw)
    except InputError as exc:
        warnings.append(EntryError(where, f"{name} left out: {exc}"))


_REPORT_TYPES = {"rprt", "report", "techreport", "gov", "standard", "legislation", "bill"}
_BOOK_TYPES = {"book", "chapter", "chap", "inbook", "incollection", "edbook", "ebook"}


def finish(citation: Citation, source_type: str = "") -> Citation:
    """Kind from the identifiers held and an evidence type proposed from the words."""
    st = source_type.strip().lower()
    if citation.doi:
        kind = CitationKind.DOI
    elif citation.pmid:
        kind = CitationKind.PMID
    elif citation.isbn or st in _BOOK_TYPES and not citation.url:
        kind = CitationKind.ISBN if citation.isbn else CitationKind.OTHER
    elif st in _REPORT_TYPES:
        kind = CitationKind.REPORT
    elif citation.url:
        kind = CitationKind.URL
    else:
        kind = CitationKind.OTHER
    etype, reason = propose_evidence_type(citation.title, citation.abstract, source_type)
    return replace(citation, kind=kind, evidence_type=etype, evidence_type_reason=reason)


def has_identity(citation: Citation) -> bool:
    """Enough to know the source again: a title or an identifier."""
    return bool(
        citation.title or citation.doi or citation.pmid or citation.pmcid or citation.arxiv
        or citation.isbn or citation.url
    )  # fmt: skip


def parse_citations(text: str, fmt: str) -> ParsedCitations:
    """Parse ``text`` as ``fmt`` (one of ``FORMATS``)."""
    if fmt == "bibtex":
        from annotator.sources.formats.bibtex import parse_bibtex as parse
    elif fmt == "ris":
        from annotator.sources.formats.ris import parse_ris as parse
    elif fmt == "csl-json":
        from annotator.sources.formats.csljson import parse_csl_json as parse
    else:
        raise InputError(f"unknown citation format {fmt!r}: use one of {', '.join(FORMATS)}")
    result = parse(text)
    result.errors.sort(key=_position)
    result.warnings.sort(key=_position)
    return result


def _position(error: EntryError) -> int:
    """Sort key: the number after "line" or "item"."""
    m = re.match(r"(?:line|item) (\d+)", error.where)
    return int(m.group(1)) if m else 0


def read_citation_file(path: str | Path, fmt: str) -> ParsedCitations:
    """Read a reference-manager export: UTF-8, UTF-16 with its mark (EndNote's "Unicode"),
    or the Windows code page (cp1252), as ``files.decode_text`` decides; a file not in
    UTF-8 gets a warning that says how it was read. Latin-1 was tried before: it turned
    cp1252's quotes and dashes into invisible control characters."""
    p = Path(path)
    data = read_user_file(p, f"{fmt} file")
    text, notice = decode_text(
        data, str(p), binary_advice=f"export {fmt} as text from your reference manager"
    )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        result = parse_citations(text, fmt)
    except InputError as exc:
        # The parser does not know the file's name (a CSL-JSON file that is no JSON).
        raise InputError(f"{p}: {exc}") from None
    if notice:
        result.warnings.insert(0, EntryError("file", notice))
    return result
