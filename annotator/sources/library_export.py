"""Citations out as BibTeX or CSL-JSON, the two formats every reference manager reads.

The text is kept as Unicode (Zotero, biber and pandoc read UTF-8); only the characters
BibTeX itself treats as special are escaped, and acronyms in titles are braced so a
style does not lower-case them. Both outputs read back through our own importers to
the same identifiers, titles, authors and years (the round-trip tests check this).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from annotator.model import Citation, CitationKind

EXPORT_FORMATS = ("bibtex", "csl-json")

_BIB_SPECIAL = re.compile(r"([&%$#_])")
_ACRONYM = re.compile(r"(?<![{\w])([A-Za-z]*[A-Z][A-Za-z0-9]*[A-Z][\w-]*)")


def _is_person(name: str) -> bool:
    return "," in name


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def citation_keys(citations: Iterable[Citation]) -> dict[int, str]:
    """A readable, unique key per citation: ``mitchell2021mdma``."""
    keys: dict[int, str] = {}
    used: set[str] = set()
    for c in citations:
        first = c.authors[0] if c.authors else ""
        family = first.split(",")[0].split() if _is_person(first) else first.split()[:1]
        words = [w for w in (_ascii_word(w) for w in c.title.split()) if len(w) > 3]
        base = _ascii_word(family[-1] if family else "")[:20] or "anon"
        base += str(c.year or "") + (words[0][:12] if words else "")
        key, n = base, 0
        while key in used:
            n += 1
            key = base + chr(ord("a") + n - 1) if n <= 26 else f"{base}{n}"
        used.add(key)
        keys[c.id] = key
    return keys


def _bib_text(value: str) -> str:
    value = value.replace("\\", "\\textbackslash{}").replace("{", "\\{").replace("}", "\\}")
    value = value.replace("\\textbackslash\\{\\}", "\\textbackslash{}")
    return _BIB_SPECIAL.sub(r"\\\1", value).replace("~", "\\textasciitilde{}")


def _bib_title(value: str) -> str:
    return _ACRONYM.sub(r"{\1}", _bib_text(value))


def _bib_url(value: str) -> str:
    # url and doi fields are verbatim in biblatex; braces would still break BibTeX.
    return value.replace("{", "%7B").replace("}", "%7D")


def _bib_type(c: Citation) -> str:
    if c.kind == CitationKind.REPORT:
        return "techreport"
    if c.isbn:
        return "book"
    if c.container and (c.doi or c.pmid or c.volume or c.pages):
        return "article"
    return "misc"


def to_bibtex(citations: Iterable[Citation]) -> str:
    """A BibTeX file holding ``citations``."""
    items = list(citations)
    keys = citation_keys(items)
    blocks = []
    for c in items:
        kind = _bib_type(c)
        container_field = {"article": "journal", "techreport": "institution"}.get(
            kind, "howpublished"
        )
        authors = " and ".join(
            a if _is_person(a) else "{" + a + "}" for a in (_bib_text(x) for x in c.authors)
        )
        fields: list[tuple[str, str]] = [
            ("title", _bib_title(c.title)),
            ("author", authors),
            (
                container_field,
                _bib_text(c.container or (c.publisher if kind == "techreport" else "")),
            ),
            ("publisher", _bib_text(c.publisher) if kind != "techreport" else ""),
            ("year", str(c.year or "")),
            ("volume", _bib_text(c.volume)),
            ("number", _bib_text(c.issue)),
            ("pages", _bib_text(c.pages).replace("-", "--")),
            ("doi", _bib_url(c.doi)),
            ("pmid", c.pmid),
            ("pmcid", c.pmcid),
            ("eprint", c.arxiv),
            ("archiveprefix", "arXiv" if c.arxiv else ""),
            ("isbn", c.isbn),
            ("url", _bib_url(c.url)),
            ("urldate", c.accessed),
            ("abstract", _bib_text(c.abstract)),
            ("note", _bib_text(_note(c))),
        ]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
        blocks.append(f"@{kind}{{{keys[c.id]},\n{body}\n}}\n")
    return "\n".join(blocks)


def _note(c: Citation) -> str:
    parts = ["RETRACTED"] if c.retracted else []
    if c.notes:
        parts.append(c.notes)
    return ". ".join(parts)


def _csl_type(c: Citation) -> str:
    if c.kind == CitationKind.REPORT:
        return "report"
    if c.isbn:
        return "book"
    if c.container and (c.doi or c.pmid or c.volume or c.pages):
        return "article-journal"
    if c.kind == CitationKind.URL:
        return "webpage"
    return "article"


def _csl_name(name: str) -> dict[str, str]:
    if _is_person(name):
        family, given = (p.strip() for p in name.split(",", 1))
        return {"family": family, "given": given} if given else {"family": family}
    return {"literal": name}


def _csl_date(iso: str) -> dict[str, Any] | None:
    parts = [int(p) for p in re.findall(r"\d+", iso)[:3]]
    return {"date-parts": [parts]} if parts else None


def to_csl_items(citations: Iterable[Citation]) -> list[dict[str, Any]]:
    items = list(citations)
    keys = citation_keys(items)
    out = []
    for c in items:
        item: dict[str, Any] = {"id": keys[c.id], "type": _csl_type(c), "title": c.title}
        if c.authors:
            item["author"] = [_csl_name(a) for a in c.authors]
        if c.year:
            item["issued"] = {"date-parts": [[c.year]]}
        accessed = _csl_date(c.accessed)
        if accessed:
            item["accessed"] = accessed
        for key, value in (
            ("container-title", c.container), ("volume", c.volume), ("issue", c.issue),
            ("page", c.pages), ("publisher", c.publisher), ("DOI", c.doi), ("PMID", c.pmid),
            ("PMCID", c.pmcid), ("ISBN", c.isbn), ("URL", c.url), ("abstract", c.abstract),
            ("note", _note(c) + (f"\narXiv: {c.arxiv}" if c.arxiv else "")),
        ):  # fmt: skip
            if value:
                item[key] = value.strip()
        out.append(item)
    return out


def to_csl_json(citations: Iterable[Citation]) -> str:
    """A CSL-JSON array (strict JSON, UTF-8) holding ``citations``."""
    return json.dumps(to_csl_items(citations), ensure_ascii=False, indent=2) + "\n"


def export_citations(citations: Iterable[Citation], fmt: str) -> str:
    from annotator.errors import InputError

    if fmt == "bibtex":
        return to_bibtex(citations)
    if fmt == "csl-json":
        return to_csl_json(citations)
    raise InputError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
