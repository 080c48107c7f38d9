"""What a source search should offer and select: the decision behind the citation picker.

A checker who pastes an identifier or a whole reference means that source, not the
library entry that merely looks like it. So the row selected for Enter is:

- an identifier (DOI, PMID, PMCID, arXiv, ISBN, web address): the library entry with
  that identifier, else "new source";
- a pasted reference: the library entry with one of its identifiers (or the same
  title, year and first author), else "new source", with look-alikes listed below it
  as "possibly the same";
- a pasted BibTeX/RIS record: its one entry as above; with several, none until the
  checker chooses (all of them are added to the library);
- free words: the best fuzzy hit, else "new source" for what was typed.

``read_query`` parses what was typed; ``choose`` decides, given what the library holds
(looked up by the caller). Neither touches the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from annotator.errors import AnnotatorError
from annotator.model import Citation
from annotator.sources.dedupe import compare
from annotator.sources.identifiers import citation_from_text, citation_key, identifier_lookup

# A pasted reference, not search words: at least this many words besides its year...
REFERENCE_MIN_WORDS = 5
# ...and a title of at least this many.
REFERENCE_MIN_TITLE_WORDS = 3

_IDENTIFIER_IN_TEXT = re.compile(
    r"\b10\.\d{4,9}/\S|\bPMID:?\s*\d|\bPMC\d{4,}|\barXiv:\s*\d|https?://", re.IGNORECASE
)


# "PMID: 123", "doi 10.1/x", "ISBN 978...": a label and one identifier, closed up.
_LABELLED_ID = re.compile(r"^(doi|pmid|pmcid|arxiv|isbn(?:-1[03])?)\s*:?\s+(?=\S+$)", re.I)


class QueryKind(StrEnum):
    EMPTY = "empty"
    WORDS = "words"  # search words: the best fuzzy hit may be meant
    IDENTIFIER = "identifier"  # one identifier: that source and no other
    REFERENCE = "reference"  # one pasted reference
    ENTRIES = "entries"  # a pasted BibTeX or RIS record (one or more entries)


class RowKind(StrEnum):
    NEW = "new"  # a source parsed from the query, not in the library
    LIBRARY = "library"  # a library entry that is the source the query names
    HIT = "hit"  # a library entry found by fuzzy search


@dataclass(frozen=True)
class ChoiceRow:
    """One row of the picker."""

    kind: RowKind
    citation: Citation
    note: str = ""  # "possibly the same", "in the library", ...


@dataclass(frozen=True)
class SourceChoice:
    """The rows to offer for a query, which one Enter takes, and what gets added."""

    kind: QueryKind
    rows: tuple[ChoiceRow, ...]
    selected: int | None  # index into ``rows``; None: the checker must choose
    parsed: tuple[Citation, ...] = ()  # sources the query names (added when one is linked)

    def to_add(self, row: ChoiceRow) -> tuple[Citation, ...]:
        """Sources added to the library beside the one linked: a pasted record's other
        entries (a library entry among them fills its gaps from the record)."""
        if self.kind != QueryKind.ENTRIES:
            return ()
        return tuple(c for c in self.parsed if c is not row.citation)

    @property
    def hint(self) -> str:
        """What the picker says under the rows."""
        if self.kind == QueryKind.ENTRIES and len(self.parsed) > 1:
            return (
                f"{len(self.parsed)} entries: all are added to the library · "
                "↑↓ choose the one to link · Enter take"
            )
        return "↑↓ choose · Enter take · Escape close"


@dataclass(frozen=True)
class ParsedQuery:
    kind: QueryKind
    sources: tuple[Citation, ...]  # what the query names (none for EMPTY)


def read_query(text: str) -> ParsedQuery:
    """What a search field holds: nothing, words, an identifier, a reference, a record."""
    text = text.strip()
    if not text:
        return ParsedQuery(QueryKind.EMPTY, ())
    if text.startswith(("@", "TY  -")):
        entries = _parse_record(text)
        if entries:
            return ParsedQuery(QueryKind.ENTRIES, tuple(entries))
    found = identifier_lookup(_LABELLED_ID.sub(r"\1:", text))
    if found is not None:
        return ParsedQuery(QueryKind.IDENTIFIER, (found,))
    try:
        parsed = citation_from_text(text)
    except AnnotatorError:
        return ParsedQuery(QueryKind.WORDS, ())
    kind = QueryKind.REFERENCE if _is_reference(text, parsed) else QueryKind.WORDS
    return ParsedQuery(kind, (parsed,))


def _parse_record(text: str) -> list[Citation]:
    """Every entry of a pasted BibTeX or RIS record that could be read."""
    from annotator.sources.library_import import parse_citations

    fmt = "ris" if text.startswith("TY  -") else "bibtex"
    try:
        return list(parse_citations(text, fmt).citations)
    except (AnnotatorError, ValueError):
        return []


def _is_reference(text: str, parsed: Citation) -> bool:
    """A whole reference rather than a few search words: it names an identifier, or it
    has a year, a title and authors or a journal, in more words than a search."""
    if _IDENTIFIER_IN_TEXT.search(text) and citation_key(parsed):
        return True
    words = [w for w in text.split() if not w.strip("().,;").isdigit()]
    return (
        parsed.year is not None
        and bool(parsed.authors or parsed.container)
        and len(parsed.title.split()) >= REFERENCE_MIN_TITLE_WORDS
        and len(words) >= REFERENCE_MIN_WORDS
    )


def choose(
    query: ParsedQuery,
    same: list[Citation | None],
    hits: list[Citation],
) -> SourceChoice:
    """The rows and the selected one for a parsed query.

    Args:
        query: what ``read_query`` made of the search field.
        same: for each of ``query.sources``, the library entry that is that source
            (shares an identifier, or title, year and first author), else None.
        hits: library entries the fuzzy search found for the text, best first.
    """
    if len(same) != len(query.sources):
        raise ValueError("one library look-up per parsed source")
    kind = query.kind
    if kind == QueryKind.EMPTY:
        rows = tuple(ChoiceRow(RowKind.HIT, c) for c in hits)
        return SourceChoice(kind, rows, 0 if rows else None)
    if kind == QueryKind.WORDS:
        new = [ChoiceRow(RowKind.NEW, c) for c in query.sources]
        rows = (*new, *(ChoiceRow(RowKind.HIT, c) for c in hits))
        selected = len(new) if hits else (0 if rows else None)
        return SourceChoice(kind, rows, selected, query.sources)
    if kind == QueryKind.ENTRIES and len(query.sources) > 1:
        rows = tuple(
            ChoiceRow(RowKind.LIBRARY, found, "in the library")
            if found is not None
            else ChoiceRow(RowKind.NEW, source)
            for source, found in zip(query.sources, same, strict=True)
        )
        return SourceChoice(kind, rows, None, query.sources)
    # One source named: an identifier, a reference or a one-entry record.
    source, found = query.sources[0], same[0]
    if found is not None:
        return SourceChoice(kind, (ChoiceRow(RowKind.LIBRARY, found),), 0, query.sources)
    # Entries with another identifier of the same kind are other sources: not offered.
    offered = [_look_alike(source, c) for c in hits if not _conflicting_identifier(source, c)]
    offered.sort(key=lambda row: not row.note)  # look-alikes first, else in rank order
    return SourceChoice(kind, (ChoiceRow(RowKind.NEW, source), *offered), 0, query.sources)


def _conflicting_identifier(a: Citation, b: Citation) -> bool:
    """Both have an identifier of one kind and they differ: two sources for sure."""
    theirs = dict(citation_key(b))
    return any(k != "url" and k in theirs and theirs[k] != v for k, v in citation_key(a))


def _look_alike(source: Citation, hit: Citation) -> ChoiceRow:
    """A fuzzy hit below "new source"; one that looks like the source says so and why."""
    pair = compare(source, hit)
    if pair is not None:
        return ChoiceRow(RowKind.HIT, hit, f"possibly the same: {', '.join(pair.reasons)}")
    same_author = bool(_first_family(source)) and _first_family(source) == _first_family(hit)
    if same_author and (source.year is None or hit.year is None or source.year == hit.year):
        return ChoiceRow(RowKind.HIT, hit, "possibly the same: same first author and year")
    return ChoiceRow(RowKind.HIT, hit)


def _first_family(c: Citation) -> str:
    return c.authors[0].split(",")[0].strip().casefold() if c.authors else ""
