"""CSL-JSON (Zotero, Manubot, pandoc, citation.js) -> citations.

Real files are not always strict JSON: Manubot writes date parts such as ``01``, which
``json.loads`` refuses. Numbers with leading zeros outside strings are read as the
numbers they mean, without touching the file. If an item is still broken, the items
around it are read on their own and the broken one is reported by its index and line.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from annotator.errors import InputError
from annotator.files import bounded_int, check_json_text, check_surrogates
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

_STRING_OR_ZERO_NUMBER = re.compile(r'("[^"\\]*(?:\\.[^"\\]*)*")|(?<![\w.])(-?)0+(\d+)(?![\w.])')
_ZERO_NUMBER = re.compile(r"(?<=[\[,:])(\s*)(-?)0+(\d+)(?=\s*[\],}])")
_ITEM_START = re.compile(r"\n[ \t]*\{")
# A tag of the markup CSL-JSON fields carry: JATS and MathML (abstracts from Crossref) and
# the HTML of rich text and abstracts. Only a name after "<" makes a tag: "<65 and >80"
# is a comparison, and "</script>" in a title is its words.
_TAG = re.compile(
    r"</?(?:(?:jats|mml):[\w.-]+|(?:p|br|div|sec|title|italic|bold|sc|small-caps|list"
    r"|list-item|abbr|a|u|ul|ol|li|h[1-6])\b)(?:\s[^<>]{0,200})?/?>",
    re.IGNORECASE,
)
# CSL-JSON's rich text markup inside a line: removed without a space.
_INLINE_TAG = re.compile(r"</?(?:span|i|b|sup|sub|em|strong)(?:\s[^>]{0,100})?>", re.IGNORECASE)
_ID_PREFIX = re.compile(r"^(doi|pmid|pmcid|arxiv|isbn|url):(.+)$", re.I)


def lenient_json(text: str) -> Any:
    """``json.loads``, also taking numbers written with leading zeros (``01``); with the
    limits of ``files.load_json`` (depth, number length, lone surrogates)."""
    check_json_text(text, "the CSL-JSON file")
    try:
        data = json.loads(text, parse_int=bounded_int)
    except json.JSONDecodeError:
        data = json.loads(_fix_zeros(text), parse_int=bounded_int)
    check_surrogates(data, text, "the CSL-JSON file")
    return data


def _fix_zeros(text: str) -> str:
    """Leading zeros dropped from numbers (``01`` -> ``1``), never inside strings."""
    if '\\\\"' in text:
        # An escaped backslash before a quote defeats quote counting: walk every string.
        def repl(m: re.Match[str]) -> str:
            return m.group(1) if m.group(1) is not None else m.group(2) + m.group(3)

        return _STRING_OR_ZERO_NUMBER.sub(repl, text)
    # Fast path: find the few numbers with leading zeros, and keep those outside strings
    # (an even number of unescaped quotes before them).
    out: list[str] = []
    last = quotes = 0
    for m in _ZERO_NUMBER.finditer(text):
        segment = text[last : m.start()]
        quotes += segment.count('"') - segment.count('\\"')
        out.append(segment)
        out.append(m.group(1) + m.group(2) + m.group(3) if quotes % 2 == 0 else m.group(0))
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _items_one_by_one(text: str, out: ParsedCitations) -> list[tuple[int, Any]]:
    """Recover what can be read from a broken array, item by item; (index, item)."""
    decoder = json.JSONDecoder(parse_int=bounded_int)
    pos = text.find("[")
    if pos < 0:
        raise InputError("the CSL-JSON file holds no list of items: export CSL JSON again")
    pos += 1
    items: list[tuple[int, Any]] = []
    index = 0
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            return items
        try:
            item, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            out.errors.append(
                EntryError(
                    f"item {index} (line {_line_of(text, pos)})",
                    f"not valid JSON: {exc.msg} at line {exc.lineno}",
                )  # fmt: skip
            )
            nxt = _ITEM_START.search(text, exc.pos if exc.pos > pos else pos + 1)
            if nxt is None:
                return items
            pos = nxt.start() + 1
            index += 1
            continue
        items.append((index, item))
        index += 1
        pos = end


def _strip_markup(value: Any) -> str:
    """Abstracts come with JATS or HTML tags (``<jats:p>``), titles with CSL's inline rich
    text (``<span class="nocase">``, ``<i>``): the words only."""
    text = _INLINE_TAG.sub("", str(value or ""))
    text = _TAG.sub(" ", text)
    return clean(html.unescape(text))


def person_name(person: Any) -> str:
    """A CSL name (``family``/``given``/particles, or ``literal``) as "Family, Given"."""
    return _name(person)


def _name(person: Any) -> str:
    if not isinstance(person, dict):
        return clean(person)
    if person.get("literal"):
        return clean(person["literal"])
    family = clean(" ".join(str(person.get(k, "")) for k in ("non-dropping-particle", "family")))
    given = clean(person.get("given", ""))
    return f"{family}, {given}" if family and given else family or given


def _date(value: Any) -> tuple[int | None, str]:
    """(year, ISO date as far as known) from CSL date-parts, raw or literal."""
    if not isinstance(value, dict):
        return parse_year(value), ""
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        nums: list[int] = []
        for p in parts[0][:3]:
            try:
                nums.append(int(str(p).strip()[:6]))
            except ValueError:
                break
        # A year SQLite and dates can hold; anything else is not a year at all.
        if nums and 1 <= nums[0] <= 9999:
            iso = "-".join([f"{nums[0]:04d}", *(f"{n:02d}" for n in nums[1:])])
            return nums[0], iso
    for key in ("raw", "literal"):
        if value.get(key):
            return parse_year(value[key]), ""
    return None, ""


def _citation(item: dict[str, Any], where: str, warnings: list[EntryError]) -> Citation:
    ids: dict[str, str] = {}

    def put(name: str, raw: Any, normalize: Any) -> None:
        add_identifier(ids, name, clean(raw), normalize, where, warnings)

    put("doi", item.get("DOI"), normalize_doi)
    put("pmid", item.get("PMID"), normalize_pmid)
    put("pmcid", item.get("PMCID"), normalize_pmcid)
    isbn = clean(item.get("ISBN")).split(" ")[0].split(",")[0]
    put("isbn", isbn, normalize_isbn)
    put("url", item.get("URL"), normalize_url)
    m = _ID_PREFIX.match(clean(item.get("id")))
    if m:  # Manubot ids: "doi:10.5281/zenodo.3732709", "url:https://...", "pmid:123"
        kind = m.group(1).lower()
        normalizers = {
            "doi": normalize_doi,
            "pmid": normalize_pmid,
            "pmcid": normalize_pmcid,
            "arxiv": normalize_arxiv,
            "isbn": normalize_isbn,
            "url": normalize_url,
        }
        put(kind, m.group(2), normalizers[kind])  # fmt: skip
    notes = clean(item.get("note"))
    note_arxiv = re.search(r"\barXiv:\s*(\S+)", notes)
    if note_arxiv:
        put("arxiv", note_arxiv.group(1), normalize_arxiv)
        if ids.get("arxiv"):
            # The line that gave the arXiv id is that id (Zotero's and our export's way
            # to carry it), not a note: kept, it came back from each round trip.
            notes = clean(notes.replace(note_arxiv.group(0), " "))
    if not ids.get("url") and ids.get("doi"):
        ids["url"] = f"https://doi.org/{ids['doi']}"
    year, _issued = _date(item.get("issued"))
    _year, accessed = _date(item.get("accessed"))
    people = item.get("author") or item.get("editor") or []
    if not isinstance(people, list):
        people = [people]
    volume = re.sub(r"^vol(?:ume)?\.?\s*", "", clean(item.get("volume")), flags=re.I)
    citation = Citation(
        doi=ids.get("doi", ""),
        pmid=ids.get("pmid", ""),
        pmcid=ids.get("pmcid", ""),
        arxiv=ids.get("arxiv", ""),
        isbn=ids.get("isbn", ""),
        url=ids.get("url", ""),
        title=_strip_markup(item.get("title")),
        authors=tuple(n for n in (_name(p) for p in people) if n),
        year=year,
        container=clean(item.get("container-title")),
        volume=volume,
        issue=clean(item.get("issue")),
        pages=clean(item.get("page")).replace("–", "-"),
        publisher=clean(item.get("publisher")),
        accessed=accessed,
        notes=notes,
        abstract=_strip_markup(item.get("abstract")),
        record=json.dumps(item, ensure_ascii=False),
    )
    return finish(citation, clean(item.get("type")))


def citation_from_item(item: dict[str, Any]) -> Citation:
    """What importing one CSL-JSON item gives (warnings dropped): for comparing."""
    return _citation(item, "", [])


def parse_csl_json(text: str) -> ParsedCitations:
    """Every item of a CSL-JSON array (or a single item object)."""
    out = ParsedCitations(format="csl-json")
    try:
        data = lenient_json(text)
        entries = list(enumerate(data if isinstance(data, list) else [data]))
        if isinstance(data, dict) and isinstance(data.get("items"), list):
            entries = list(enumerate(data["items"]))
    except json.JSONDecodeError as exc:
        if "[" not in text[: exc.pos]:
            raise InputError(
                f"not CSL-JSON: {exc.msg} at line {exc.lineno} column {exc.colno}: "
                "export CSL JSON again"
            ) from None
        entries = _items_one_by_one(_fix_zeros(text), out)
        check_surrogates([item for _i, item in entries], text, "the CSL-JSON file")
    for index, item in entries:
        where = f"item {index}"
        if not isinstance(item, dict):
            out.errors.append(EntryError(where, f"is a {type(item).__name__}, not an object"))
            continue
        citation = _citation(item, where, out.warnings)
        if not has_identity(citation):
            out.errors.append(EntryError(where, "has no title or identifier"))
            continue
        out.citations.append(citation)
    return out
