"""BibTeX (Zotero, Mendeley, JabRef, Google Scholar) -> citations, via bibtexparser.

bibtexparser splits the file into blocks and reports the ones it cannot read with
their line; LaTeX in text fields (``{\\"u}``, ``\\'e``, ``\\%``, protective braces) is
turned into Unicode with pylatexenc, which bibtexparser already depends on.
Identifiers are never LaTeX-decoded, only unescaped (``10.1000/a\\_b``).
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

from bibtexparser import middlewares
from bibtexparser.entrypoint import parse_string
from bibtexparser.model import DuplicateBlockKeyBlock, Entry

from annotator.errors import InputError
from annotator.model import Citation
from annotator.sources.identifiers import (
    normalize_arxiv,
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

# bibtexparser logs each broken block as a warning; we report them as EntryErrors instead.
logging.getLogger("bibtexparser").setLevel(logging.ERROR)

_LATEX_SIGNS = re.compile(r"[\\{}~$]")
_CONTAINER_FIELDS = ("journal", "journaltitle", "booktitle", "series", "howpublished")
_PUBLISHER_FIELDS = ("publisher", "institution", "organization", "school")


@lru_cache(maxsize=1)
def _decoder() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text", strict_latex_spaces=False)


def latex_to_text(value: str) -> str:
    """``M{\\"u}ller`` -> ``Müller``; plain text passes through untouched."""
    if not _LATEX_SIGNS.search(value):
        return clean(value)
    # A bare % starts a LaTeX comment; in a BibTeX field it is nearly always a percent.
    value = re.sub(r"(?<!\\)%", r"\\%", value)
    try:
        return clean(_decoder().latex_to_text(value))
    except Exception:  # pylatexenc gives up on unbalanced input: keep the text, braces dropped
        return clean(value.replace("{", "").replace("}", ""))


def _unescape(value: str) -> str:
    return clean(re.sub(r"\\([_%&#$])", r"\1", value).replace("{", "").replace("}", ""))


def _name(raw: str) -> str:
    """One author: ``{World Health Organization}`` stays whole; ``Jörg Müller`` -> family first."""
    raw = raw.strip()
    if raw.startswith("{") and raw.endswith("}") and raw.count("{") == 1:
        return latex_to_text(raw[1:-1])
    text = latex_to_text(raw)
    if "," in text or " " not in text:
        return text
    given, family = text.rsplit(" ", 1)
    return f"{family}, {given}"


def _fields(entry: Entry) -> dict[str, Any]:
    """Field name (lower-case: ``archivePrefix`` is ``archiveprefix``) -> value."""
    return {f.key.lower(): f.value for f in entry.fields}


def _field(entry: Entry, *names: str) -> str:
    fields = _fields(entry)
    for name in names:
        value = fields.get(name)
        if value not in (None, ""):
            return str(value) if not isinstance(value, list) else " and ".join(value)
    return ""


def _names(entry: Entry, name: str) -> list[str]:
    value = _fields(entry).get(name)
    if value is None:
        return []
    values = value if isinstance(value, list) else [str(value)]
    return [n for n in (_name(v) for v in values) if n and n.lower() != "others"]


def _citation(entry: Entry, where: str, warnings: list[EntryError]) -> Citation:
    ids: dict[str, str] = {}
    add_identifier(ids, "doi", _unescape(_field(entry, "doi")), normalize_doi, where, warnings)
    add_identifier(ids, "pmid", _unescape(_field(entry, "pmid")), normalize_pmid, where, warnings)
    add_identifier(ids, "pmcid", _unescape(_field(entry, "pmcid")), normalize_pmcid, where,
                   warnings)  # fmt: skip
    add_identifier(ids, "isbn", _unescape(_field(entry, "isbn")).split(",")[0].split(" ")[0],
                   normalize_isbn, where, warnings)  # fmt: skip
    prefix = _field(entry, "archiveprefix", "eprinttype").lower()
    if prefix == "arxiv" or "arxiv" in _field(entry, "journal").lower():
        add_identifier(ids, "arxiv", _unescape(_field(entry, "eprint")) or
                       _unescape(_field(entry, "journal")).split(":")[-1], normalize_arxiv,
                       where, warnings)  # fmt: skip
    add_identifier(ids, "url", _unescape(_field(entry, "url")), normalize_url, where, warnings)
    if not ids.get("url") and ids.get("doi"):
        ids["url"] = f"https://doi.org/{ids['doi']}"
    authors = _names(entry, "author") or _names(entry, "editor")
    pages = clean(_field(entry, "pages").replace("--", "-"))
    citation = Citation(
        doi=ids.get("doi", ""),
        pmid=ids.get("pmid", ""),
        pmcid=ids.get("pmcid", ""),
        arxiv=ids.get("arxiv", ""),
        isbn=ids.get("isbn", ""),
        url=ids.get("url", ""),
        title=latex_to_text(_field(entry, "title")),
        authors=tuple(authors),
        year=parse_year(_field(entry, "year", "date")),
        container=latex_to_text(_field(entry, *_CONTAINER_FIELDS)),
        volume=clean(_field(entry, "volume")),
        issue=clean(_field(entry, "number", "issue")),
        pages=pages,
        publisher=latex_to_text(_field(entry, *_PUBLISHER_FIELDS)),
        accessed=clean(_field(entry, "urldate"))[:10],
        notes=latex_to_text(_field(entry, "note", "annote")),
        abstract=latex_to_text(_field(entry, "abstract")),
    )
    return finish(citation, entry.entry_type)


def parse_bibtex(text: str) -> ParsedCitations:
    """Every entry of a BibTeX file; ``@string`` macros resolved, bad blocks reported."""
    try:
        library = parse_string(text, append_middleware=[middlewares.SeparateCoAuthors()])
    except Exception as exc:  # the parser's own invalid state: nothing can be trusted
        raise InputError(f"the BibTeX could not be read at all ({exc}): export it again") from None
    out = ParsedCitations(format="bibtex")
    blocks: list[tuple[int, Entry]] = [(e.start_line or 0, e) for e in library.entries]
    for block in library.failed_blocks:
        line = f"line {(block.start_line or 0) + 1}"
        if isinstance(block, DuplicateBlockKeyBlock) and isinstance(block.ignore_error_block,
                                                                    Entry):  # fmt: skip
            # A repeated key is still a source: import it and let identity decide.
            blocks.append((block.start_line or 0, block.ignore_error_block))
            continue
        inner = getattr(block, "ignore_error_block", None)
        if isinstance(inner, Entry):
            # A middleware failed on this entry (a field it could not split): keep the rest.
            blocks.append((block.start_line or 0, inner))
            continue
        error = getattr(block, "error", None)
        message = str(getattr(error, "abort_reason", "") or error or "")
        message = message or "cannot be read as a BibTeX entry"
        out.errors.append(EntryError(line, _one_line(message)))
    for start, entry in sorted(blocks, key=lambda b: b[0]):
        where = f"line {start + 1}"
        citation = _citation(entry, where, out.warnings)
        if not has_identity(citation):
            out.errors.append(EntryError(where, f"entry {entry.key!r} has no title or identifier"))
            continue
        out.citations.append(citation)
    return out


def _one_line(message: str) -> str:
    text = " ".join(ln.strip() for ln in message.splitlines() if ln.strip()).rstrip(".")
    return f"{text} (check the braces and commas of this entry)"
