"""The domain: articles, claims, citations, evidence links, grades and events.

Plain frozen dataclasses and string enums, and two rules of their fields (an article's
content hash, a reviewer's own study design). The store returns these, never rows, and
takes what the core decided in them (a checked quote, a new version's plan); the TUI
and the CLI render them. Verdicts and certainty levels are plain strings because the
scales that define them are data (see ``scales.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class ClaimStatus(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"


class Origin(StrEnum):
    AUTO = "auto"
    MANUAL = "manual"


class Anchor(StrEnum):
    """How a claim was found in a new version of its article (``text/anchoring.py``)."""

    EXACT = "exact"
    MOVED = "moved"
    FUZZY = "fuzzy"
    AMBIGUOUS = "ambiguous"
    ORPHANED = "orphaned"


class Stance(StrEnum):
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    MIXED = "mixed"
    MENTIONS = "mentions"


# How a reviewer's own study design is marked in ``evidence_type_reason`` (a proposal,
# ``sources.study_design``, never overwrites one so marked).
MANUAL_PREFIX = "set by hand"


def is_manual(reason: str) -> bool:
    """Was this evidence type chosen by a reviewer (never overwritten by a proposal)?"""
    return reason.startswith(MANUAL_PREFIX)


class CitationKind(StrEnum):
    DOI = "doi"
    PMID = "pmid"
    URL = "url"
    ISBN = "isbn"
    REPORT = "report"
    OTHER = "other"


class QuoteMatch(StrEnum):
    """How a quoted passage was found in a citation's stored text."""

    EXACT = "exact"
    APPROXIMATE = "approximate"
    NOT_FOUND = "not-found"
    NO_TEXT = "no-text"  # the citation has no stored text to check against


@dataclass(frozen=True)
class CheckedQuote:
    """A link's quote as the store keeps it: the words, and whether (and where) the
    source's stored text holds them. The empty quote is ``NO_QUOTE``."""

    text: str = ""
    match: QuoteMatch = QuoteMatch.NO_TEXT
    passage: str = ""  # the source's words found, as they stand there


NO_QUOTE = CheckedQuote()


@dataclass(frozen=True)
class Quantity:
    """A number a claim makes: "over 50% at 6 months compared to baseline"."""

    value: float
    unit: str = ""  # "%", "mg", "patients", "" for a bare number
    qualifier: str = ""  # "over", "up to", "about", "at least" ...
    timeframe: str = ""  # "6 months"
    comparator: str = ""  # "compared to baseline"
    text: str = ""  # the words in the article the quantity was read from

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "timeframe": self.timeframe,
            "comparator": self.comparator,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quantity:
        return cls(
            value=float(data.get("value", 0.0)),
            unit=str(data.get("unit", "")),
            qualifier=str(data.get("qualifier", "")),
            timeframe=str(data.get("timeframe", "")),
            comparator=str(data.get("comparator", "")),
            text=str(data.get("text", "")),
        )


@dataclass(frozen=True)
class ProposedClaim:
    """A claim the proposer found, before it is stored.

    ``text`` is always ``article_text[start:end]``; offsets count code points.
    """

    start: int
    end: int
    text: str
    label: str
    score: float
    reasons: tuple[str, ...] = ()
    sentence_start: int = 0
    sentence_end: int = 0
    quantities: tuple[Quantity, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return proposed_row(
            self.start,
            self.end,
            self.text,
            self.label,
            self.score,
            self.reasons,
            self.sentence_start,
            self.sentence_end,
            self.quantities,
        )


def proposed_row(
    start: int,
    end: int,
    text: str,
    label: str,
    score: float,
    reasons: tuple[str, ...],
    sentence_start: int,
    sentence_end: int,
    quantities: tuple[Quantity, ...],
) -> dict[str, Any]:
    """``ProposedClaim(...).to_dict()`` of these fields (in the claim's order), with no
    claim made: ``annotator segment`` writes a large text's claims as rows, and a frozen
    claim made only to be read back into its row cost as much again as the row."""
    return {
        "start": start,
        "end": end,
        "text": text,
        "label": label,
        "score": score,
        "reasons": list(reasons),
        "sentence_start": sentence_start,
        "sentence_end": sentence_end,
        "quantities": [q.to_dict() for q in quantities],
    }


def sha256_text(text: str) -> str:
    """The content address of an article's text (``Article.sha256``)."""
    import hashlib  # here: it loads OpenSSL, which most commands never use

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def span_problem(start: int, end: int, length: int, where: str) -> str | None:
    """What is wrong with ``[start, end)`` as a span of a text ``length`` characters long
    (``where`` names the text: "article 3"), or None when it lies inside it.

    A span given by number is refused, never cut to fit: a claim cut short at the end of
    the text is not the claim the reviewer meant.
    """
    if start < 0 or end < 0:
        return f"span {start}-{end} starts before the text: offsets count from 0"
    if start > end:
        return f"span {start}-{end} starts after it ends: give the start first"
    if start == end:
        return f"span {start}-{end} is empty: the end is the offset after its last character"
    if end > length:
        return (
            f"span {start}-{end} runs past the end of {where}, whose text is {length:,}"
            f" characters long: offsets go from 0 to {length}"
        )
    return None


@dataclass(frozen=True)
class Article:
    id: int
    title: str
    source: str
    author: str
    published: str
    text: str
    sha256: str
    imported_at: str
    format: str = "text"  # text, markdown, html
    original: str = ""  # the file as imported when the text was extracted from it (HTML)


@dataclass(frozen=True)
class Claim:
    id: int
    article_id: int
    start: int
    end: int
    text: str
    label: str
    score: float
    reasons: tuple[str, ...]
    status: ClaimStatus
    origin: Origin
    sentence_start: int = 0
    sentence_end: int = 0
    quantities: tuple[Quantity, ...] = ()
    label_edited: bool = False
    note: str = ""
    updated_at: str = ""
    anchor: str = ""  # after a new version of the article: exact, moved, fuzzy, ...

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "score": self.score,
            "reasons": list(self.reasons),
            "status": str(self.status),
            "origin": str(self.origin),
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "quantities": [q.to_dict() for q in self.quantities],
            "label_edited": self.label_edited,
            "note": self.note,
            "updated_at": self.updated_at,
            "anchor": self.anchor,
        }


@dataclass(frozen=True)
class ClaimMove:
    """One claim's place in a new version of its article (``text/new_version.py`` plans
    it, the store writes it). An orphaned claim keeps its span and words."""

    claim_id: int
    anchor: Anchor
    start: int = 0
    end: int = 0
    text: str = ""
    sentence_start: int = 0
    sentence_end: int = 0
    words_changed: bool = False  # its grades go stale (an orphan's words left the text)
    quantities: tuple[Quantity, ...] | None = None  # None: its numbers did not change
    label: str | None = None  # None: its label stays (unchanged numbers, or a person's)


@dataclass(frozen=True)
class NewVersionPlan:
    """What replacing an article's text (``old_sha256``) with ``text`` does to its claims."""

    old_sha256: str
    text: str
    moves: tuple[ClaimMove, ...]
    proposals: tuple[ProposedClaim, ...]  # new claims, in text no claim covers


@dataclass(frozen=True)
class Citation:
    """A source. Identifiers are stored normalized (see ``citations.py``)."""

    id: int = 0
    kind: CitationKind = CitationKind.OTHER
    doi: str = ""
    pmid: str = ""
    pmcid: str = ""
    arxiv: str = ""
    isbn: str = ""
    url: str = ""
    title: str = ""
    authors: tuple[str, ...] = ()  # "Family, Given" or an organisation's name
    year: int | None = None
    container: str = ""  # journal, site, publisher of a report
    volume: str = ""
    issue: str = ""
    pages: str = ""
    publisher: str = ""
    evidence_type: str = "other"
    evidence_type_reason: str = ""
    retracted: bool = False
    accessed: str = ""
    notes: str = ""
    abstract: str = ""
    source_text: str = ""  # a pasted passage or a text file, checked against quotes
    created_at: str = ""
    updated_at: str = ""
    # The source's record as it was imported, a CSL-JSON item as JSON text ("" when typed
    # in): what the fields above cannot hold (full dates, editors, translators, the item
    # type, the address as given) goes back out with the exports.
    record: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": str(self.kind),
            "doi": self.doi,
            "pmid": self.pmid,
            "pmcid": self.pmcid,
            "arxiv": self.arxiv,
            "isbn": self.isbn,
            "url": self.url,
            "title": self.title,
            "authors": list(self.authors),
            "year": self.year,
            "container": self.container,
            "volume": self.volume,
            "issue": self.issue,
            "pages": self.pages,
            "publisher": self.publisher,
            "evidence_type": self.evidence_type,
            "evidence_type_reason": self.evidence_type_reason,
            "retracted": self.retracted,
            "accessed": self.accessed,
            "notes": self.notes,
            "abstract": self.abstract,
            "has_source_text": bool(self.source_text),
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


@dataclass(frozen=True)
class Evidence:
    id: int
    claim_id: int
    citation_id: int
    stance: Stance
    quote: str = ""
    locator: str = ""
    quote_verified: QuoteMatch = QuoteMatch.NO_TEXT
    quote_match: str = ""  # the passage of the source the quote was found at
    note: str = ""
    reviewer: str = ""
    created_at: str = ""
    updated_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "claim_id": self.claim_id,
            "citation_id": self.citation_id,
            "stance": str(self.stance),
            "quote": self.quote,
            "locator": self.locator,
            "quote_verified": str(self.quote_verified),
            "quote_match": self.quote_match,
            "note": self.note,
            "reviewer": self.reviewer,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


@dataclass(frozen=True)
class Grade:
    """One reviewer's current grade of a claim, or the editor's final one."""

    id: int
    claim_id: int
    reviewer: str
    verdict: str
    certainty: str = ""
    reasons: tuple[str, ...] = ()
    note: str = ""
    graded_at: str = ""
    final: bool = False
    stale: bool = False  # the claim's words changed since: grade it again
    conflict: bool = False  # a merge left this reviewer two grades that disagree: settle

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "claim_id": self.claim_id,
            "reviewer": self.reviewer,
            "verdict": self.verdict,
            "certainty": self.certainty,
            "reasons": list(self.reasons),
            "note": self.note,
            "graded_at": self.graded_at,
            "final": self.final,
            "stale": self.stale,
            "conflict": self.conflict,
        }


@dataclass(frozen=True)
class Assignment:
    """An editor's word that a reviewer checks an article."""

    id: int
    article_id: int
    reviewer: str
    assigned_by: str
    assigned_at: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "reviewer": self.reviewer,
            "assigned_by": self.assigned_by,
            "assigned_at": self.assigned_at,
        }


@dataclass(frozen=True)
class Event:
    """One change, append-only. ``hash`` chains it to the event before it."""

    id: int
    at: str
    reviewer: str
    action: str
    entity: str
    entity_id: int
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    article_id: int | None = None
    claim_id: int | None = None
    prev_hash: str = ""
    hash: str = ""
    batch: int | None = None  # the action this event belongs to
    undoes: int | None = None  # for an undo or redo event, the batch it reverted
    row: str | None = None  # digest of the row as this event left it (None: deleted)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at,
            "reviewer": self.reviewer,
            "action": self.action,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "article_id": self.article_id,
            "claim_id": self.claim_id,
            "before": self.before,
            "after": self.after,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
            "batch": self.batch,
            "undoes": self.undoes,
            "row": self.row,
        }


@dataclass(frozen=True)
class LogHead:
    """Where the log ends: how many events, and the hash of the last one.

    Written as ``COUNT:HASH``; note or publish it, and ``verify --expect`` shows later
    whether the log still begins with what it held then.
    """

    events: int
    hash: str

    def __str__(self) -> str:
        return f"{self.events}:{self.hash}"


@dataclass(frozen=True)
class LogProblem:
    """One thing ``verify`` found: where (``event 17``, ``grades 4``) and what."""

    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


@dataclass(frozen=True)
class LogReport:
    """What ``verify`` found: the head the chain reaches, the stored head, problems."""

    head: LogHead
    stored_head: LogHead | None
    events: int
    rows_checked: int
    problems: tuple[LogProblem, ...]
    more_problems: int = 0  # found beyond those listed

    @property
    def intact(self) -> bool:
        return not self.problems

    @property
    def first_broken_event(self) -> int | None:
        for p in self.problems:
            if p.where.startswith("event "):
                number = p.where.removeprefix("event ")
                return int(number) if number.isdigit() else None
        return None


@dataclass(frozen=True)
class Reversal:
    """What an undo or redo did, or why it changed nothing.

    ``original`` holds the events of the reviewer's own action (for a redo too, the
    action being redone), so a face can say what it was; ``claim_id`` is the claim to
    show. ``blocked`` is empty when the change was made, else the one-line reason.
    """

    kind: str  # "undo" or "redo"
    reviewer: str
    original: tuple[Event, ...]
    claim_id: int | None
    blocked: str = ""

    @property
    def done(self) -> bool:
        return not self.blocked


GRADE_REASONS: tuple[str, ...] = (
    "lacks-context",
    "imprecise",
    "overstated",
    "misleading",
    "cherry-picked",
    "outdated",
    "wrong-population",
    "correlation-not-causation",
)
