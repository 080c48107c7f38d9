"""Citations out as BibTeX or CSL-JSON, the two formats every reference manager reads.

The text is kept as Unicode (Zotero, biber and pandoc read UTF-8); only the characters
BibTeX itself treats as special are escaped, and acronyms in titles are braced so a
style does not lower-case them. Both outputs read back through our own importers to
the same identifiers, titles, authors and years (the round-trip tests check this).
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from annotator.model import Citation, CitationKind
from annotator.sources.formats.entry_types import CSL_TO_BIBTEX, MONTHS

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
    record = _record(c)
    if record and isinstance(record.get("type"), str) and record["type"] in CSL_TO_BIBTEX:
        return CSL_TO_BIBTEX[record["type"]]
    if c.kind == CitationKind.REPORT:
        return "techreport"
    if c.isbn:
        return "book"
    if c.container and (c.doi or c.pmid or c.volume or c.pages):
        return "article"
    return "misc"


def _record_month(c: Citation) -> str:
    """The month of the record's issued date as BibTeX's macro (``aug``), if it has one."""
    record = _record(c) or {}
    issued = record.get("issued")
    parts = issued.get("date-parts") if isinstance(issued, dict) else None
    try:
        month = int(str(parts[0][1])) if parts and len(parts[0]) > 1 else 0
    except (TypeError, ValueError, IndexError):
        return ""
    return MONTHS[month - 1] if 1 <= month <= 12 else ""


def _record_names(c: Citation, role: str) -> str:
    """The record's editors or translators as a BibTeX name list."""
    from annotator.sources.formats.csljson import person_name

    record = _record(c) or {}
    people = record.get(role)
    if not isinstance(people, list) or (role == "editor" and not record.get("author")):
        return ""  # an editors-only record's editors are its authors here
    names = [_bib_text(n) for n in (person_name(p) for p in people) if n]
    return " and ".join(n if _is_person(n) else "{" + n + "}" for n in names)


_NOCASE = re.compile(r'<span class="nocase">(.*?)</span>')
_RICH_TAG = re.compile(r"<[^>]{0,200}>")


def _bib_title_of(c: Citation) -> str:
    """The title with its protected words braced: those the record marks ``nocase``
    (kept from a BibTeX import) when the title is unchanged, and acronyms."""
    record = _record(c) or {}
    rich = record.get("title")
    if not isinstance(rich, str) or "nocase" not in rich:
        return _bib_title(c.title)
    from annotator.sources.formats.csljson import citation_from_item

    if citation_from_item(record).title != c.title:
        return _bib_title(c.title)
    parts = _NOCASE.split(rich)  # text, protected, text, protected, ...
    out = []
    for i, part in enumerate(parts):
        plain = html.unescape(_RICH_TAG.sub("", part))
        out.append("{" + _bib_text(plain) + "}" if i % 2 else _bib_title(plain))
    return "".join(out)


def _bib_authors(c: Citation) -> str:
    names = " and ".join(
        a if _is_person(a) else "{" + a + "}" for a in (_bib_text(x) for x in c.authors)
    )
    custom = (_record(c) or {}).get("custom")
    if names and isinstance(custom, dict) and custom.get("bibtex-author-others"):
        names += " and others"
    return names


def _bib_url_of(c: Citation) -> str:
    """The address as it was given, unless the citation's own was changed since."""
    record = _record(c) or {}
    given = record.get("URL")
    if isinstance(given, str) and given and c.url:
        from annotator.errors import InputError
        from annotator.sources.identifiers import normalize_url

        try:
            if normalize_url(given) == c.url:
                return _bib_url(given)
        except InputError:
            pass  # not a web address: the citation's own goes out
    return _bib_url(c.url)


_BIB_KEY = re.compile(r"^[A-Za-z0-9_:./+-]+$")


def _record_keys(items: list[Citation]) -> dict[int, str]:
    """Each citation's key: its record's own (the user's key in their manager) when it is
    a valid BibTeX key and unique, else a readable one made from its fields."""
    made = citation_keys(items)
    keys: dict[int, str] = {}
    used: set[str] = set()
    for c in items:
        own = (_record(c) or {}).get("id")
        key = own if isinstance(own, str) and _BIB_KEY.match(own) else made[c.id]
        if key.lower() in used:
            key = made[c.id] if made[c.id].lower() not in used else f"{made[c.id]}-{c.id}"
        used.add(key.lower())
        keys[c.id] = key
    return keys


def to_bibtex(citations: Iterable[Citation]) -> str:
    """A BibTeX file holding ``citations``."""
    items = list(citations)
    keys = _record_keys(items)
    blocks = []
    for c in items:
        kind = _bib_type(c)
        container_field = {
            "article": "journal",
            "techreport": "institution",
            "inproceedings": "booktitle",
            "incollection": "booktitle",
        }.get(kind, "howpublished")
        authors = _bib_authors(c)
        editors = _record_names(c, "editor")
        record = _record(c) or {}
        if record.get("editor") and not record.get("author"):
            editors, authors = authors, ""  # an editors-only work: its names are editors
        fields: list[tuple[str, str]] = [
            ("title", _bib_title_of(c)),
            ("author", authors),
            (
                container_field,
                _bib_text(c.container or (c.publisher if kind == "techreport" else "")),
            ),
            ("publisher", _bib_text(c.publisher) if kind != "techreport" else ""),
            ("editor", editors),
            ("translator", _record_names(c, "translator")),
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
            ("url", _bib_url_of(c)),
            ("urldate", c.accessed),
            ("abstract", _bib_text(c.abstract)),
            ("note", _bib_text(_note(c))),
        ]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
        month = _record_month(c)
        if month:  # a macro, unbraced: styles print it in their own language
            body += f",\n  month = {month}"
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


def _fresh_csl_item(c: Citation, key: str) -> dict[str, Any]:
    """The citation's fields as a CSL-JSON item, from the fields alone."""
    item: dict[str, Any] = {"id": key, "type": _csl_type(c), "title": c.title}
    if c.authors:
        item["author"] = [_csl_name(a) for a in c.authors]
    if c.year:
        item["issued"] = {"date-parts": [[c.year]]}
    accessed = _csl_date(c.accessed)
    if accessed:
        item["accessed"] = accessed
    for name, value in (
        ("container-title", c.container), ("volume", c.volume), ("issue", c.issue),
        ("page", c.pages), ("publisher", c.publisher), ("DOI", c.doi), ("PMID", c.pmid),
        ("PMCID", c.pmcid), ("ISBN", c.isbn), ("URL", c.url), ("abstract", c.abstract),
        ("note", _note(c) + (f"\narXiv: {c.arxiv}" if c.arxiv else "")),
    ):  # fmt: skip
        if value:
            item[name] = value.strip()
    return item


# A citation's field -> the CSL-JSON key that holds it in a record.
_CSL_KEYS = {
    "title": "title", "authors": "author", "year": "issued", "container": "container-title",
    "volume": "volume", "issue": "issue", "pages": "page", "publisher": "publisher",
    "doi": "DOI", "pmid": "PMID", "pmcid": "PMCID", "isbn": "ISBN", "url": "URL",
    "accessed": "accessed", "abstract": "abstract",
}  # fmt: skip


def _record(c: Citation) -> dict[str, Any] | None:
    if not c.record:
        return None
    try:
        record = json.loads(c.record)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def csl_item(c: Citation, key: str) -> dict[str, Any]:
    """The citation as a CSL-JSON item: its imported record as it was, with only the
    fields changed since (an edit, a gap filled by a later import) written anew.

    A field is unchanged when importing the record again gives the value the citation
    holds: then the record's own form goes out (the full date, the address as given,
    editors as editors, the item type), never a normalized copy.
    """
    fresh = _fresh_csl_item(c, key)
    record = _record(c)
    if record is None:
        return fresh
    from annotator.sources.formats.csljson import citation_from_item

    before = citation_from_item(record)
    item = dict(record)
    for field_name, csl_key in _CSL_KEYS.items():
        if getattr(before, field_name) == getattr(c, field_name):
            continue
        if csl_key in fresh:
            item[csl_key] = fresh[csl_key]
        else:
            item.pop(csl_key, None)
    if (before.notes, before.arxiv, before.retracted) != (c.notes, c.arxiv, c.retracted):
        if "note" in fresh:
            item["note"] = fresh["note"]
        else:
            item.pop("note", None)
    item.setdefault("type", fresh["type"])
    return item


def to_csl_items(citations: Iterable[Citation]) -> list[dict[str, Any]]:
    items = list(citations)
    keys = citation_keys(items)
    out = []
    used: set[str] = set()
    for c in items:
        item = csl_item(c, keys[c.id])
        # The record's own id (its key in the user's manager) when it is still unique.
        if not isinstance(item.get("id"), str) or not item["id"] or item["id"] in used:
            item["id"] = keys[c.id] if keys[c.id] not in used else f"{keys[c.id]}-{c.id}"
        used.add(item["id"])
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
