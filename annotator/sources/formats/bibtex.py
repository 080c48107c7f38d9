"""BibTeX (Zotero, Mendeley, JabRef, Google Scholar) -> citations, via bibtexparser.

bibtexparser splits the file into blocks and reports the ones it cannot read with
their line; LaTeX in text fields (``{\\"u}``, ``\\'e``, ``\\%``, protective braces) is
turned into Unicode with pylatexenc, which bibtexparser already depends on.
Identifiers are never LaTeX-decoded, only unescaped (``10.1000/a\\_b``).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import replace
from functools import lru_cache
from typing import Any

from bibtexparser import middlewares
from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares.parsestack import default_parse_stack
from bibtexparser.model import DuplicateBlockKeyBlock, Entry

from annotator.errors import InputError
from annotator.model import Citation
from annotator.sources.formats.bibtex_concatenation import ResolveConcatenationMiddleware
from annotator.sources.formats.entry_types import BIBTEX_TO_CSL, MONTHS
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


_URL_COMMAND = re.compile(r"\\url\{([^{}]+)\}")
# A brace group that protects its words from a style's case changes: not the argument of
# a LaTeX command (``\\"{u}``, ``\\emph{x}``).
_PROTECTED = re.compile(r"(?<![\\\w])\{([^{}]*)\}")


def _rich_title(raw: str) -> str:
    """A BibTeX title as CSL-JSON rich text: ``{DNA}`` -> ``<span class="nocase">DNA</span>``
    (the words a style must not lower-case), the rest as plain text."""
    groups: list[str] = []

    def hold(m: re.Match[str]) -> str:
        groups.append(m.group(1))
        return f"QQPROTECTED{len(groups) - 1}QQ"

    text = _escape_html(latex_to_text(_PROTECTED.sub(hold, raw)))
    for i, group in enumerate(groups):
        span = f'<span class="nocase">{_escape_html(latex_to_text(group))}</span>'
        text = text.replace(f"QQPROTECTED{i}QQ", span)
    return text


def _escape_html(text: str) -> str:
    # Only what could open or close a tag: CSL processors take the rest as text, so an
    # escaped "&" reached citeproc-py's bibliography as "&amp;" (and Zotero and Manubot
    # write "&" raw). "<" and ">" stay escaped: the BibTeX export strips tags from this.
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _csl_person(raw: str) -> dict[str, str]:
    name = _name(raw)
    if "," in name:
        family, given = (p.strip() for p in name.split(",", 1))
        return {"family": family, "given": given} if given else {"family": family}
    return {"literal": name}


def _month(value: str) -> int:
    text = value.strip().lower()[:3]
    if text in MONTHS:
        return MONTHS.index(text) + 1
    return int(text) if text.isdigit() and 1 <= int(text) <= 12 else 0


def _record(entry: Entry, citation: Citation) -> dict[str, Any]:
    """The entry as a CSL-JSON item: what the citation's fields cannot hold (the entry
    type, the month, editors, translators, "and others", protected words) kept for the
    exports."""
    fields = _fields(entry)
    item: dict[str, Any] = {
        "id": entry.key,
        "type": BIBTEX_TO_CSL.get(entry.entry_type.lower(), "document"),
        "title": _rich_title(_field(entry, "title")),
    }
    for role in ("author", "editor", "translator"):
        raw = fields.get(role)
        names = raw if isinstance(raw, list) else ([str(raw)] if raw else [])
        people = [_csl_person(n) for n in names if n.strip().lower() != "others"]
        if people:
            item[role] = people
        if any(n.strip().lower() == "others" for n in names):
            item.setdefault("custom", {})[f"bibtex-{role}-others"] = True
    if citation.year:
        parts = [citation.year]
        month = _month(_field(entry, "month"))
        if month:
            parts.append(month)
            day = clean(_field(entry, "day"))
            if day.isdigit() and 1 <= int(day) <= 31:
                parts.append(int(day))
        item["issued"] = {"date-parts": [parts]}
    for key, value in (
        ("container-title", citation.container), ("volume", citation.volume),
        ("issue", citation.issue), ("page", citation.pages), ("publisher", citation.publisher),
        ("DOI", citation.doi), ("PMID", citation.pmid), ("PMCID", citation.pmcid),
        ("ISBN", citation.isbn), ("note", citation.notes), ("abstract", citation.abstract),
    ):  # fmt: skip
        if value:
            item[key] = value
    url = _unescape(_field(entry, "url")) or _url_in(entry)
    if url and citation.url:
        item["URL"] = url  # as given; the citation holds the normalized matching key
    if citation.accessed:
        item["accessed"] = {"date-parts": [[int(p) for p in citation.accessed.split("-")]]}
    return item


def _url_in(entry: Entry) -> str:
    """An address given as ``howpublished = {\\url{...}}`` (or in a note)."""
    for name in ("howpublished", "note"):
        m = _URL_COMMAND.search(_field(entry, name))
        if m:
            return _unescape(m.group(1))
    return ""


def _resolve_crossrefs(entries: list[Entry]) -> None:
    """Fields an entry lacks come from the entry its ``crossref`` names, as BibTeX does;
    the parent's title becomes the child's ``booktitle``."""
    by_key = {e.key.lower(): e for e in entries}
    for entry in entries:
        parent = by_key.get(_field(entry, "crossref").strip().lower())
        if parent is None or parent is entry:
            continue
        have = {f.key.lower() for f in entry.fields}
        for f in parent.fields:
            key = f.key.lower()
            if key == "title":
                if "booktitle" not in have:
                    entry.set_field(type(f)("booktitle", f.value))
            elif key not in have and key not in ("crossref", "ids"):
                entry.set_field(type(f)(f.key, f.value))


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
    add_identifier(ids, "url", _unescape(_field(entry, "url")) or _url_in(entry), normalize_url,
                   where, warnings)  # fmt: skip
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
    citation = replace(citation, record=json.dumps(_record(entry, citation), ensure_ascii=False))
    return finish(citation, entry.entry_type)


def parse_bibtex(text: str) -> ParsedCitations:
    """Every entry of a BibTeX file; ``@string`` macros resolved, bad blocks reported."""
    try:
        stack = [
            ResolveConcatenationMiddleware(),  # first: the standard ones misread "a # b"
            *default_parse_stack(allow_inplace_modification=True),
            middlewares.SeparateCoAuthors(),
        ]
        library = parse_string(text, parse_stack=stack)
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
    _resolve_crossrefs([entry for _, entry in blocks])
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
