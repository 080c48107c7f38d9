"""Rows of the database to model objects (and a citation back to a row), for Store's parts."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from typing import Any

from annotator.memory.claimreview_import import ExternalReview
from annotator.model import (
    Article,
    Assignment,
    Citation,
    CitationKind,
    Claim,
    ClaimStatus,
    Event,
    Evidence,
    Grade,
    Origin,
    Quantity,
    QuoteMatch,
    Stance,
)
from annotator.store._event_log import compact_json, json_object


def quantities_json(quantities: Iterable[Quantity]) -> str:
    """A claim's quantities as its row keeps them: each one's value and the fields it has
    (``Quantity.from_dict`` fills the rest), compact. Written twice per claim (the row
    and its event), the empty fields and spaces were a sixth of a desk's file."""
    return compact_json(
        [{k: v for k, v in q.to_dict().items() if v != "" or k == "value"} for q in quantities]
    )


@functools.lru_cache(maxsize=1024)
def reasons_json(reasons: tuple[str, ...]) -> str:
    """A claim's reasons as its row keeps them: a few dozen lists between them, encoded
    once each."""
    return compact_json(list(reasons))


def json_list(value: Any) -> list[Any]:
    if not value:
        return []
    loaded = json.loads(value) if isinstance(value, str) else value
    return list(loaded) if isinstance(loaded, list) else []


def to_article(r: dict[str, Any]) -> Article:
    return Article(
        id=int(r["id"]),
        title=r["title"],
        source=r["source"],
        author=r["author"],
        published=r["published"],
        text=r["text"],
        sha256=r["sha256"],
        imported_at=r["imported_at"],
        format=r["format"],
        original=r["original"],
    )


def to_claim(r: dict[str, Any]) -> Claim:
    return Claim(
        id=int(r["id"]),
        article_id=int(r["article_id"]),
        start=int(r["start"]),
        end=int(r["end"]),
        text=r["text"],
        label=r["label"],
        score=float(r["score"]),
        reasons=tuple(json_list(r["reasons"])),
        status=ClaimStatus(r["status"]),
        origin=Origin(r["origin"]),
        sentence_start=int(r["sentence_start"]),
        sentence_end=int(r["sentence_end"]),
        quantities=tuple(Quantity.from_dict(q) for q in json_list(r["quantities"])),
        label_edited=bool(r["label_edited"]),
        note=r["note"],
        updated_at=r["updated_at"],
        anchor=r.get("anchor", ""),
    )


def citation_row(c: Citation) -> dict[str, Any]:
    row = c.to_dict()
    row.pop("has_source_text")
    row["authors"] = json.dumps(list(c.authors), ensure_ascii=False)
    row["retracted"] = int(c.retracted)
    row["source_text"] = c.source_text
    row["record"] = c.record
    return row


def to_citation(r: dict[str, Any]) -> Citation:
    return Citation(
        id=int(r["id"]),
        kind=CitationKind(r["kind"]),
        doi=r["doi"],
        pmid=r["pmid"],
        pmcid=r["pmcid"],
        arxiv=r["arxiv"],
        isbn=r["isbn"],
        url=r["url"],
        title=r["title"],
        authors=tuple(json_list(r["authors"])),
        year=r["year"],
        container=r["container"],
        volume=r["volume"],
        issue=r["issue"],
        pages=r["pages"],
        publisher=r["publisher"],
        evidence_type=r["evidence_type"],
        evidence_type_reason=r["evidence_type_reason"],
        retracted=bool(r["retracted"]),
        accessed=r["accessed"],
        notes=r["notes"],
        abstract=r["abstract"],
        source_text=r["source_text"],
        created_at=r["created_at"],
        updated_at=r["updated_at"],
        record=r.get("record") or "",
    )


def to_evidence(r: dict[str, Any]) -> Evidence:
    return Evidence(
        id=int(r["id"]),
        claim_id=int(r["claim_id"]),
        citation_id=int(r["citation_id"]),
        stance=Stance(r["stance"]),
        quote=r["quote"],
        locator=r["locator"],
        quote_verified=QuoteMatch(r["quote_verified"]),
        quote_match=r["quote_match"],
        note=r["note"],
        reviewer=r["reviewer"],
        created_at=r["created_at"],
        updated_at=r["updated_at"],
    )


def to_grade(r: dict[str, Any]) -> Grade:
    return Grade(
        id=int(r["id"]),
        claim_id=int(r["claim_id"]),
        reviewer=r["reviewer"],
        verdict=r["verdict"],
        certainty=r["certainty"],
        reasons=tuple(json_list(r["reasons"])),
        note=r["note"],
        graded_at=r["graded_at"],
        final=bool(r["final"]),
        stale=bool(r.get("stale", 0)),
        conflict=bool(r.get("conflict", 0)),
    )


def to_event(r: dict[str, Any]) -> Event:
    return Event(
        id=int(r["id"]),
        at=r["at"],
        reviewer=r["reviewer"],
        action=r["action"],
        entity=r["entity"],
        entity_id=int(r["entity_id"]),
        article_id=r["article_id"],
        claim_id=r["claim_id"],
        before=json_object(r["before"]),
        after=json_object(r["after"]),
        prev_hash=r.get("prev_hash") or "",
        hash=r["hash"],
        batch=r["batch"],
        undoes=r["undoes"],
        row=r.get("row"),
    )


def to_review(r: dict[str, Any]) -> ExternalReview:
    return ExternalReview(
        id=int(r["id"]),
        claim=r["claim"],
        rating_name=r["rating_name"],
        rating_value=r["rating_value"],
        best_rating=r["best_rating"],
        worst_rating=r["worst_rating"],
        meaning=r["meaning"],
        url=r["url"],
        publisher=r["publisher"],
        published=r["published"],
        claimant=r["claimant"],
        appearance=r["appearance"],
        raw=r["raw"],
        source_file=r["source_file"],
        imported_at=r["imported_at"],
    )


def to_assignment(r: dict[str, Any]) -> Assignment:
    return Assignment(
        id=int(r["id"]),
        article_id=int(r["article_id"]),
        reviewer=str(r["reviewer"]),
        assigned_by=str(r["assigned_by"]),
        assigned_at=str(r["assigned_at"]),
    )
