"""Store: the one module that speaks SQL. Returns model objects, never rows.

Every public method that changes something is one user action: one ``BEGIN IMMEDIATE``
transaction that holds the change and its Event rows, so a crash or a second writer
never sees half of it. The event log is hash-chained and doubles as the undo stack.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, NamedTuple

import sqlite_utils

from annotator.anchoring import Anchor
from annotator.articles import sha256_text
from annotator.citation_search import CitationIndex
from annotator.citations import citation_key
from annotator.dedupe import DuplicatePair, find_near_duplicates
from annotator.errors import AnnotatorError, InputError, NotFoundError
from annotator.matching import verify_quote
from annotator.migrations import SCHEMA_VERSION, check_version, migrate
from annotator.model import (
    GRADE_REASONS,
    Article,
    Citation,
    CitationKind,
    Claim,
    ClaimStatus,
    Event,
    Evidence,
    Grade,
    Origin,
    ProposedClaim,
    Quantity,
    QuoteMatch,
    Stance,
)
from annotator.quotes import CandidateQuote, candidate_quotes
from annotator.scales import Scales, default_scales
from annotator.store_memory import MemoryActions
from annotator.study_design import MANUAL_PREFIX, is_manual, propose_evidence_type

BUSY_TIMEOUT_MS = 5000
# Pauses between further tries of BEGIN IMMEDIATE when the busy timeout ran out.
BUSY_BACKOFF_S = (0.05, 0.2, 0.5)
GENESIS_HASH = "0" * 64

# Evidence of a claim is listed supporting first, then mixed, contradicting, mentions.
_STANCE_ORDER = (Stance.SUPPORTS, Stance.MIXED, Stance.CONTRADICTS, Stance.MENTIONS)

_TABLES = {
    "article": "articles",
    "claim": "claims",
    "citation": "citations",
    "evidence": "evidence",
    "grade": "grades",
    "article_version": "article_versions",
    "review": "external_reviews",
}


_EVIDENCE_COLUMNS = (
    "claim_id",
    "citation_id",
    "stance",
    "quote",
    "locator",
    "quote_verified",
    "quote_match",
    "note",
    "reviewer",
    "created_at",
    "updated_at",
)
_GRADE_COLUMNS = (
    "claim_id",
    "reviewer",
    "verdict",
    "certainty",
    "reasons",
    "note",
    "graded_at",
    "final",
)


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def utc_now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def event_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev_hash + payload).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ArticleSummary:
    article: Article
    claims: int  # not dismissed
    graded: int  # not dismissed, with at least one grade
    dismissed: int
    verdicts: dict[str, int]


@dataclass(frozen=True)
class ExportData:
    """Everything the exports read, fetched set-wise (a handful of queries, not one per claim).

    ``grades`` and ``evidence`` are keyed by claim id; grades come final first, then by
    reviewer; evidence in the order of ``Store.evidence_for``.
    """

    articles: dict[int, Article]
    claims: list[Claim]
    grades: dict[int, list[Grade]]
    evidence: dict[int, list[Evidence]]
    citations: dict[int, Citation]


class TableLine(NamedTuple):
    """One claim of the graded claim table with its grade in force, read set-wise.

    The current grade is the editor's final one, else the latest reviewer's. ``reviewers``
    is "name: verdict" for each reviewer's own grade, by name, joined with "; ".
    """

    claim_id: int
    article_id: int
    start: int
    end: int
    label: str
    text: str
    status: str
    score: float
    claim_note: str
    claim_updated_at: str
    verdict: str | None
    certainty: str | None
    grade_reasons: str | None  # the reason tags, joined with ", "
    grade_note: str | None
    final: int | None  # 1 when the grade in force is the editor's final one
    graded_at: str | None  # when the grade in force was given
    reviewers: str | None
    last_graded_at: str | None


class EvidenceLine(NamedTuple):
    claim_id: int
    citation_id: int
    stance: str
    quote: str
    locator: str
    updated_at: str


@dataclass(frozen=True)
class ClaimTable:
    """The graded claim table's data in a few queries, fast enough for 100,000 claims.

    ``evidence`` is keyed by claim id, each list in the order of ``Store.evidence_for``;
    ``citations`` holds the cited sources only.
    """

    articles: dict[int, Article]
    lines: list[TableLine]
    evidence: dict[int, list[EvidenceLine]]
    citations: dict[int, Citation]


_TABLE_SQL = """
SELECT c.id, c.article_id, c.start, c."end", c.label, c.text, c.status, c.score, c.note,
  c.updated_at, g.verdict, g.certainty,
  (SELECT group_concat(value, ', ') FROM json_each(g.reasons)), g.note, g.final,
  g.graded_at,
  (SELECT group_concat(r.reviewer || ': ' || r.verdict, '; ') FROM (SELECT reviewer, verdict
     FROM grades WHERE claim_id = c.id AND final = 0 ORDER BY reviewer) r),
  (SELECT max(graded_at) FROM grades WHERE claim_id = c.id)
FROM claims c
LEFT JOIN grades g ON g.id = (SELECT id FROM grades WHERE claim_id = c.id
  ORDER BY final DESC, graded_at DESC, id DESC LIMIT 1)
{where}
ORDER BY c.article_id, c.start, c.id
"""


def open_database(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) an annotator database, refusing what is not one.

    Nothing is written before the file is known to be SQLite at a version this
    annotator understands.
    """
    p = Path(path)
    name = str(p)
    if p.is_dir():
        raise AnnotatorError(f"database path {name!r} is a folder: give a file path to --db")
    existed = p.exists() and p.stat().st_size > 0
    if not existed:
        p.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(name, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise AnnotatorError(f"cannot open database {name!r}: {exc}") from None
    db = sqlite_utils.Database(conn)
    try:
        check_version(db, name)
        if existed and not db.table("articles").exists():
            raise AnnotatorError(
                f"{name} is a SQLite file but not an annotator database: give another --db path"
            )
    except sqlite3.DatabaseError:
        conn.close()
        raise AnnotatorError(
            f"{name} is not an annotator database (not a SQLite file): give another --db path"
        ) from None
    except AnnotatorError:
        conn.close()
        raise
    _configure(db)
    migrate(db, name)
    return db


def open_database_readonly(path: str | Path) -> sqlite_utils.Database:
    """Open another annotator database only to read it: nothing is written to it."""
    p = Path(path)
    name = str(p)
    if not p.is_file():
        raise AnnotatorError(f"database {name!r} not found: check the path")
    try:
        conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True)
        db = sqlite_utils.Database(conn)
        version = check_version(db, name)
        if not db.table("articles").exists():
            raise AnnotatorError(f"{name} is a SQLite file but not an annotator database")
    except sqlite3.DatabaseError:
        raise AnnotatorError(
            f"{name} is not an annotator database (not a SQLite file): check the path"
        ) from None
    if version < SCHEMA_VERSION:
        conn.close()
        raise AnnotatorError(
            f"{name} was written by an older annotator: open it once with this one"
            f" (annotator --db {name} articles) to upgrade it, then merge again"
        )
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return db


def _configure(db: sqlite_utils.Database) -> None:
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    if not db.memory:
        db.enable_wal()


class Store(MemoryActions):
    """All reads and writes of one annotator database (claim memory: store_memory.py)."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        *,
        scales: Scales | None = None,
        clock: Callable[[], str] = utc_now,
        name: str = ":memory:",
    ) -> None:
        self.db = db
        self.scales = scales or default_scales()
        self.clock = clock
        self.name = name
        self._batch: int | None = None
        # The chain's tip inside the current action: read once, since the write lock
        # held by BEGIN IMMEDIATE means nobody else can append meanwhile.
        self._tip: tuple[int, str] | None = None
        # The citation search index, rebuilt when the library changed (ours or another's).
        self._citation_version = 0
        self._citation_index: tuple[tuple[int, int], CitationIndex] | None = None

    @classmethod
    def open(cls, path: str | Path, **kwargs: Any) -> Store:
        return cls(open_database(path), name=str(path), **kwargs)

    @classmethod
    def open_readonly(cls, path: str | Path, **kwargs: Any) -> Store:
        """Another file, to read from (merge); any write to it fails."""
        return cls(open_database_readonly(path), name=str(path), **kwargs)

    @classmethod
    def memory(cls, **kwargs: Any) -> Store:
        db = sqlite_utils.Database(memory=True)
        _configure(db)
        migrate(db, ":memory:")
        return cls(db, **kwargs)

    def close(self) -> None:
        self.db.close()

    # -- transactions and events ------------------------------------------------

    @contextmanager
    def _action(self) -> Iterator[None]:
        """One user action: a write transaction taken at once, so writers queue."""
        if self.db.conn.in_transaction:
            raise RuntimeError("store actions do not nest")
        self._begin()
        self._batch = None
        self._tip = None
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")
        finally:
            self._batch = None
            self._tip = None

    def _begin(self) -> None:
        """BEGIN IMMEDIATE, retried a few times with backoff while another writer holds
        the lock (each try already waits up to the busy timeout), then one clear line."""
        for attempt, pause in enumerate((*BUSY_BACKOFF_S, None)):
            try:
                self.db.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if pause is None:
                    raise AnnotatorError(
                        f"{self.name} is busy with another reviewer's change"
                        f" ({attempt + 1} tries): try again"
                    ) from None
                _sleep(pause)

    def _event(
        self,
        reviewer: str,
        action: str,
        entity: str,
        entity_id: int,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
        *,
        article_id: int | None = None,
        claim_id: int | None = None,
        undoes: int | None = None,
    ) -> int:
        if self._tip is None:
            last = self.db.execute("SELECT id, hash FROM events ORDER BY id DESC LIMIT 1")
            row_tip = last.fetchone()
            self._tip = (int(row_tip[0]), str(row_tip[1])) if row_tip else (0, GENESIS_HASH)
        last_id, prev_hash = self._tip
        at = self.clock()
        fields = {
            "at": at,
            "reviewer": reviewer,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "article_id": article_id,
            "claim_id": claim_id,
            "before": before,
            "after": after,
            "undoes": undoes,
        }
        row = dict(fields)
        row["before"] = None if before is None else json.dumps(before, ensure_ascii=False)
        row["after"] = None if after is None else json.dumps(after, ensure_ascii=False)
        row["prev_hash"] = prev_hash
        row["hash"] = event_hash(prev_hash, fields)
        event_id = last_id + 1
        # Events of one action share a batch (the first one's id): undo reverts a batch.
        if self._batch is None:
            self._batch = event_id
        row["id"] = event_id
        row["batch"] = self._batch
        self._insert("events", row)
        self._tip = (event_id, str(row["hash"]))
        return event_id

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        """INSERT one row; plain SQL because sqlite-utils re-reads the schema per call."""
        columns = ", ".join(f'"{k}"' for k in row)
        marks = ", ".join("?" for _ in row)
        cursor = self.db.conn.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values())
        )
        return int(cursor.lastrowid or 0)

    def _row(self, entity: str, entity_id: int) -> dict[str, Any]:
        rows = list(self.db.table(_TABLES[entity]).rows_where("id = ?", [entity_id]))
        if not rows:
            raise NotFoundError(f"no {entity} with id {entity_id}: list them to find the id")
        return rows[0]

    # -- articles ---------------------------------------------------------------

    def import_article(
        self,
        text: str,
        *,
        title: str,
        reviewer: str,
        proposals: list[ProposedClaim],
        source: str = "",
        author: str = "",
        published: str = "",
        format: str = "text",
        original: str = "",
    ) -> Article:
        """Store an article and its proposed claims as one action."""
        for p in proposals:
            if text[p.start : p.end] != p.text:
                raise ValueError(f"proposed claim {p.start}-{p.end} does not match the text")
        now = self.clock()
        with self._action():
            row = {
                "title": title,
                "source": source,
                "author": author,
                "published": published,
                "text": text,
                "sha256": sha256_text(text),
                "format": format,
                "original": original,
                "imported_at": now,
            }
            table = self.db.table("articles")
            table.insert(row)
            article_id = int(table.last_pk)  # type: ignore[arg-type]
            meta = {k: v for k, v in row.items() if k not in ("text", "original")}
            self._event(
                reviewer,
                "import",
                "article",
                article_id,
                None,
                {"id": article_id, **meta},
                article_id=article_id,
            )
            for p in sorted(proposals, key=lambda p: p.start):
                self._insert_claim(article_id, p, Origin.AUTO, reviewer, "propose", now)
        return self.get_article(article_id)

    def find_article(self, sha256: str) -> Article | None:
        rows = list(self.db.table("articles").rows_where("sha256 = ?", [sha256], limit=1))
        return _article(rows[0]) if rows else None

    def get_article(self, article_id: int) -> Article:
        return _article(self._row("article", article_id))

    def list_articles(self) -> list[Article]:
        return [_article(r) for r in self.db.table("articles").rows_where(order_by="id")]

    def article_summaries(self) -> list[ArticleSummary]:
        summaries = []
        for article in self.list_articles():
            claims = self.claims(article.id)
            live = [c for c in claims if c.status != ClaimStatus.DISMISSED]
            graded = self.current_verdicts(article.id)
            verdicts: dict[str, int] = {}
            for c in live:
                if c.id in graded:
                    verdicts[graded[c.id]] = verdicts.get(graded[c.id], 0) + 1
            summaries.append(
                ArticleSummary(
                    article=article,
                    claims=len(live),
                    graded=sum(1 for c in live if c.id in graded),
                    dismissed=len(claims) - len(live),
                    verdicts=verdicts,
                )
            )
        return summaries

    def delete_article(self, article_id: int, *, reviewer: str) -> None:
        before = self._row("article", article_id)
        with self._action():
            self.db.execute(
                "DELETE FROM evidence WHERE claim_id IN (SELECT id FROM claims WHERE article_id=?)",
                [article_id],
            )
            self.db.table("articles").delete(article_id)
            meta = {k: v for k, v in before.items() if k not in ("text", "original")}
            self._event(
                reviewer, "delete", "article", article_id, meta, None, article_id=article_id
            )

    # -- claims -----------------------------------------------------------------

    def _insert_claim(
        self,
        article_id: int,
        p: ProposedClaim,
        origin: Origin,
        reviewer: str,
        action: str,
        now: str,
        status: ClaimStatus = ClaimStatus.PROPOSED,
        label_edited: bool = False,
    ) -> int:
        row = {
            "article_id": article_id,
            "start": p.start,
            "end": p.end,
            "text": p.text,
            "label": p.label,
            "score": p.score,
            "reasons": json.dumps(list(p.reasons)),
            "status": str(status),
            "origin": str(origin),
            "sentence_start": p.sentence_start,
            "sentence_end": p.sentence_end,
            "quantities": json.dumps([q.to_dict() for q in p.quantities]),
            "label_edited": int(label_edited),
            "note": "",
            "created_at": now,
            "updated_at": now,
        }
        claim_id = self._insert("claims", row)
        self._event(
            reviewer,
            action,
            "claim",
            claim_id,
            None,
            {"id": claim_id, **row},
            article_id=article_id,
            claim_id=claim_id,
        )
        return claim_id

    def _update_claim(
        self, claim_id: int, changes: dict[str, Any], reviewer: str, action: str
    ) -> Claim:
        before = self._row("claim", claim_id)
        changes = {**changes, "updated_at": self.clock()}
        self.db.table("claims").update(claim_id, changes)
        after = self._row("claim", claim_id)
        self._event(
            reviewer,
            action,
            "claim",
            claim_id,
            before,
            after,
            article_id=before["article_id"],
            claim_id=claim_id,
        )
        return _claim(after)

    def claims(self, article_id: int, *, include_dismissed: bool = True) -> list[Claim]:
        where = "article_id = ?" + ("" if include_dismissed else " AND status != 'dismissed'")
        rows = self.db.table("claims").rows_where(where, [article_id], order_by="start, id")
        return [_claim(r) for r in rows]

    def get_claim(self, claim_id: int) -> Claim:
        return _claim(self._row("claim", claim_id))

    def _set_status(self, claim_id: int, status: ClaimStatus, reviewer: str, action: str) -> Claim:
        claim = self.get_claim(claim_id)
        if claim.status == ClaimStatus.DISMISSED and status != ClaimStatus.DISMISSED:
            # A claim added over a dismissed one's span must not overlap it once restored.
            article = self.get_article(claim.article_id)
            self._check_span(article, claim.start, claim.end, ignore={claim_id})
        with self._action():
            return self._update_claim(claim_id, {"status": str(status)}, reviewer, action)

    def accept_claim(self, claim_id: int, *, reviewer: str) -> Claim:
        return self._set_status(claim_id, ClaimStatus.ACCEPTED, reviewer, "accept")

    def dismiss_claim(self, claim_id: int, *, reviewer: str) -> Claim:
        return self._set_status(claim_id, ClaimStatus.DISMISSED, reviewer, "dismiss")

    def restore_claim(self, claim_id: int, *, reviewer: str) -> Claim:
        return self._set_status(claim_id, ClaimStatus.PROPOSED, reviewer, "restore")

    def edit_label(self, claim_id: int, label: str, *, reviewer: str) -> Claim:
        label = " ".join(label.split())
        if not label:
            raise InputError("a claim label cannot be empty: type a few words")
        self.get_claim(claim_id)
        with self._action():
            return self._update_claim(
                claim_id, {"label": label, "label_edited": 1}, reviewer, "edit-label"
            )

    def set_claim_note(self, claim_id: int, note: str, *, reviewer: str) -> Claim:
        self.get_claim(claim_id)
        with self._action():
            return self._update_claim(claim_id, {"note": note.strip()}, reviewer, "note")

    def _check_span(self, article: Article, start: int, end: int, ignore: set[int]) -> None:
        if not (0 <= start < end <= len(article.text)):
            raise InputError(
                f"span {start}-{end} is outside article {article.id} (0-{len(article.text)})"
            )
        if not article.text[start:end].strip():
            raise InputError(f"span {start}-{end} holds only white space: pick some words")
        for other in self.claims(article.id):
            if other.id in ignore or other.status == ClaimStatus.DISMISSED:
                continue
            if other.anchor == Anchor.ORPHANED:  # its span is in an earlier version's text
                continue
            if other.start < end and start < other.end:
                raise InputError(
                    f"span {start}-{end} overlaps claim {other.id} ({other.start}-{other.end})"
                )

    def add_claim(
        self, article_id: int, start: int, end: int, *, reviewer: str, label: str = ""
    ) -> Claim:
        """A reviewer's own claim over any span that no live claim covers."""
        from annotator.segment import make_label, score_sentence

        article = self.get_article(article_id)
        start, end = _trim(article.text, start, end)
        self._check_span(article, start, end, ignore=set())
        text = article.text[start:end]
        score, reasons = score_sentence(text)
        proposal = ProposedClaim(
            start=start,
            end=end,
            text=text,
            label=label.strip() or make_label(text),
            score=score,
            reasons=reasons,
            sentence_start=start,
            sentence_end=end,
        )
        with self._action():
            claim_id = self._insert_claim(
                article_id,
                proposal,
                Origin.MANUAL,
                reviewer,
                "add",
                self.clock(),
                status=ClaimStatus.ACCEPTED,
                label_edited=bool(label.strip()),
            )
        return self.get_claim(claim_id)

    def _live_span(self, claim_id: int, verb: str) -> Claim:
        """The claim, if its offsets still point into the current text of its article."""
        claim = self.get_claim(claim_id)
        if claim.anchor == Anchor.ORPHANED:
            raise InputError(
                f"claim {claim_id} was not found in the new version of its article: "
                f"add it again from the text instead of trying to {verb} it"
            )
        return claim

    def split_claim(self, claim_id: int, at: int, *, reviewer: str) -> tuple[Claim, Claim]:
        """Split at article offset ``at``; the second part becomes a new claim."""
        from annotator.segment import make_label, score_sentence

        claim = self._live_span(claim_id, "split")
        article = self.get_article(claim.article_id)
        first = _trim(article.text, claim.start, at)
        second = _trim(article.text, at, claim.end)
        if not (claim.start < at < claim.end) or first[0] >= first[1] or second[0] >= second[1]:
            raise InputError(
                f"cannot split claim {claim_id} at {at}: pick a point inside its words"
            )
        text2 = article.text[second[0] : second[1]]
        score, reasons = score_sentence(text2)
        proposal = ProposedClaim(
            start=second[0],
            end=second[1],
            text=text2,
            label=make_label(text2),
            score=score,
            reasons=reasons,
            sentence_start=claim.sentence_start,
            sentence_end=claim.sentence_end,
        )
        text1 = article.text[first[0] : first[1]]
        with self._action():
            left = self._update_claim(
                claim_id,
                {
                    "start": first[0],
                    "end": first[1],
                    "text": text1,
                    "label": claim.label if claim.label_edited else make_label(text1),
                },
                reviewer,
                "split",
            )
            new_id = self._insert_claim(
                claim.article_id,
                proposal,
                claim.origin,
                reviewer,
                "split",
                self.clock(),
                status=claim.status,
            )
        return left, self.get_claim(new_id)

    def merge_claims(self, claim_id: int, *, reviewer: str) -> Claim:
        """Merge a claim with the next live claim of its article."""
        from annotator.segment import make_label

        claim = self._live_span(claim_id, "merge")
        later = [
            c
            for c in self.claims(claim.article_id)
            if c.start >= claim.end
            and c.status != ClaimStatus.DISMISSED
            and c.anchor != Anchor.ORPHANED
        ]
        if not later:
            raise InputError(f"claim {claim_id} is the last claim of its article: nothing to merge")
        nxt = later[0]
        article = self.get_article(claim.article_id)
        text = article.text[claim.start : nxt.end]
        with self._action():
            # The next claim's links and grades move to the merged claim.
            for ev in self.db.table("evidence").rows_where("claim_id = ?", [nxt.id]):
                self.db.table("evidence").update(ev["id"], {"claim_id": claim_id})
                self._event(
                    reviewer,
                    "merge",
                    "evidence",
                    ev["id"],
                    ev,
                    {**ev, "claim_id": claim_id},
                    article_id=claim.article_id,
                    claim_id=claim_id,
                )
            nxt_row = self._row("claim", nxt.id)
            self.db.execute("DELETE FROM grades WHERE claim_id = ?", [nxt.id])
            self.db.table("claims").delete(nxt.id)
            self._event(
                reviewer,
                "merge",
                "claim",
                nxt.id,
                nxt_row,
                None,
                article_id=claim.article_id,
                claim_id=nxt.id,
            )
            return self._update_claim(
                claim_id,
                {
                    "end": nxt.end,
                    "text": text,
                    "score": max(claim.score, nxt.score),
                    "reasons": json.dumps(sorted(set(claim.reasons) | set(nxt.reasons))),
                    "sentence_end": max(claim.sentence_end, nxt.sentence_end),
                    "label": claim.label if claim.label_edited else make_label(text),
                },
                reviewer,
                "merge",
            )

    def search_claims(self, query: str, article_id: int | None = None) -> list[Claim]:
        """Claims whose text, label or note match ``query`` (full-text, prefix words)."""
        words = [w for w in "".join(ch if ch.isalnum() else " " for ch in query).split() if w]
        if not words:
            return []
        match = " ".join(f'"{w}"*' for w in words)
        sql = (
            "SELECT claims.* FROM claims JOIN claims_fts ON claims.rowid = claims_fts.rowid "
            "WHERE claims_fts MATCH ?"
        )
        params: list[Any] = [match]
        if article_id is not None:
            sql += " AND claims.article_id = ?"
            params.append(article_id)
        sql += " ORDER BY claims.article_id, claims.start"
        return [_claim(dict(r)) for r in self.db.query(sql, params)]

    # -- citations --------------------------------------------------------------

    def find_citation(self, citation: Citation) -> Citation | None:
        """The stored citation sharing an identifier with ``citation``, if any."""
        for column, value in citation_key(citation):
            if column == "url" and citation.kind not in (
                CitationKind.URL,
                CitationKind.REPORT,
                CitationKind.OTHER,
            ):
                continue
            found = self._citation_by(column, value)
            if found is not None:
                return _citation(found)
        if citation_key(citation) or not citation.title.strip():
            return None
        # No identifier: the same title, year and first author is the same source.
        rows = self.db.conn.execute(
            "SELECT id, year, authors FROM citations WHERE title = ? COLLATE NOCASE",
            [citation.title.strip()],
        ).fetchall()
        first = citation.authors[0].split(",")[0].lower() if citation.authors else ""
        for row_id, year, authors in rows:
            theirs = _json_list(authors)
            their_first = str(theirs[0]).split(",")[0].lower() if theirs else ""
            if year == citation.year and their_first == first:
                return self.get_citation(int(row_id))
        return None

    def add_citation(self, citation: Citation, *, reviewer: str) -> tuple[Citation, bool]:
        """Add a source, or fill the gaps of the one already stored; True when new."""
        with self._action():
            return self._add_citation(citation, reviewer)

    def add_citations(
        self, citations: list[Citation], *, reviewer: str
    ) -> list[tuple[Citation, bool]]:
        """Many sources as one action (a file import)."""
        with self._action():
            return [self._add_citation(c, reviewer) for c in citations]

    def _add_citation(self, citation: Citation, reviewer: str) -> tuple[Citation, bool]:
        self._citation_version += 1
        if not citation.evidence_type_reason and citation.evidence_type == "other":
            etype, reason = propose_evidence_type(citation.title, citation.abstract)
            citation = replace(citation, evidence_type=etype, evidence_type_reason=reason)
        existing = self.find_citation(citation)
        now = self.clock()
        row = _citation_row(citation)
        if existing is not None:
            before = self._citation_by("id", existing.id) or {}
            fill = {
                k: v
                for k, v in row.items()
                if v not in ("", None, "[]", 0, "other")
                and before.get(k) in ("", None, "[]")
                and k not in ("id", "evidence_type", "evidence_type_reason", "kind")
            }
            if (
                before.get("evidence_type") == "other"
                and row["evidence_type"] != "other"
                and not is_manual(str(before.get("evidence_type_reason", "")))
            ):
                fill["evidence_type"] = row["evidence_type"]
                fill["evidence_type_reason"] = row["evidence_type_reason"]
            if not fill:
                return existing, False
            fill["updated_at"] = now
            sets = ", ".join(f'"{k}" = ?' for k in fill)
            self.db.conn.execute(
                f"UPDATE citations SET {sets} WHERE id = ?", [*fill.values(), existing.id]
            )
            after = self._citation_by("id", existing.id) or {}
            self._event(reviewer, "merge", "citation", existing.id, before, after)
            return _citation(after), False
        row.update(created_at=now, updated_at=now)
        row.pop("id", None)
        citation_id = self._insert("citations", row)
        after = {"id": citation_id, **row}
        self._event(reviewer, "add", "citation", citation_id, None, after)
        return _citation(after), True

    def _citation_by(self, column: str, value: Any) -> dict[str, Any] | None:
        """One citations row by an indexed column, in plain SQL (imports do this a lot)."""
        # "AND column != ''" lets SQLite use the partial identifier indexes.
        extra = f" AND {column} != ''" if column != "id" else ""
        sql = f"SELECT * FROM citations WHERE {column} = ?{extra} LIMIT 1"
        cursor = self.db.conn.execute(sql, [value])
        found = cursor.fetchone()
        if found is None:
            return None
        return dict(zip([d[0] for d in cursor.description], found, strict=True))

    def get_citation(self, citation_id: int) -> Citation:
        return _citation(self._row("citation", citation_id))

    def list_citations(self) -> list[Citation]:
        return [_citation(r) for r in self.db.table("citations").rows_where(order_by="id")]

    def search_citations(self, query: str, limit: int = 20) -> list[tuple[Citation, float]]:
        """Fuzzy, typo-tolerant search; an exact identifier wins outright."""
        from annotator.citations import identifier_lookup

        probe = identifier_lookup(query)
        found = self.find_citation(probe) if probe is not None else None
        if found is not None:
            # The source the identifier names, and nothing the fuzzy match would add.
            return [(found, 100.0)]
        return self.citation_index().search(query, limit=limit)

    def citation_index(self) -> CitationIndex:
        """The search index of the library as it is now (rebuilt only after a change)."""
        row = self.db.execute("PRAGMA data_version").fetchone()
        key = (self._citation_version, int(row[0]) if row else 0)
        if self._citation_index is None or self._citation_index[0] != key:
            self._citation_index = (key, CitationIndex(self.list_citations()))
        return self._citation_index[1]

    def citations_for_article(self, article_id: int) -> list[Citation]:
        """The sources linked as evidence to any claim of an article."""
        self.get_article(article_id)
        rows = self.db.execute(
            "SELECT DISTINCT e.citation_id FROM evidence e JOIN claims c ON c.id = e.claim_id"
            " WHERE c.article_id = ? ORDER BY e.citation_id",
            [article_id],
        ).fetchall()
        return [self.get_citation(int(r[0])) for r in rows]

    def _update_citation(
        self, citation_id: int, changes: dict[str, Any], reviewer: str, action: str
    ) -> Citation:
        self._citation_version += 1
        before = self._row("citation", citation_id)
        self.db.table("citations").update(citation_id, {**changes, "updated_at": self.clock()})
        after = self._row("citation", citation_id)
        self._event(reviewer, action, "citation", citation_id, before, after)
        return _citation(after)

    def set_evidence_type(self, citation_id: int, evidence_type: str, *, reviewer: str) -> Citation:
        """The reviewer's own study design for a source; proposals never overwrite it."""
        key = self.scales.validate_evidence_type(evidence_type)
        self.get_citation(citation_id)
        with self._action():
            return self._update_citation(
                citation_id,
                {"evidence_type": key, "evidence_type_reason": f"{MANUAL_PREFIX} by {reviewer}"},
                reviewer,
                "set-type",
            )

    def set_retracted(self, citation_id: int, retracted: bool, *, reviewer: str) -> Citation:
        self.get_citation(citation_id)
        with self._action():
            return self._update_citation(
                citation_id, {"retracted": int(retracted)}, reviewer, "set-retracted"
            )

    def set_accessed(self, citation_id: int, accessed: str, *, reviewer: str) -> Citation:
        """When the source was read (``YYYY-MM-DD``); empty clears it."""
        accessed = accessed.strip()
        if accessed:
            try:
                accessed = date.fromisoformat(accessed).isoformat()
            except ValueError:
                raise InputError(
                    f"{accessed!r} is not a date: write the accessed date as 2024-05-02"
                ) from None
        self.get_citation(citation_id)
        with self._action():
            return self._update_citation(citation_id, {"accessed": accessed}, reviewer,
                                         "set-accessed")  # fmt: skip

    def set_source_text(self, citation_id: int, text: str, *, reviewer: str) -> Citation:
        """Store the source's own text; every quote linked to it is checked again."""
        text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
        self.get_citation(citation_id)
        with self._action():
            citation = self._update_citation(
                citation_id, {"source_text": text.strip()}, reviewer, "set-text"
            )
            for ev in self.citation_links(citation_id):
                self._recheck_quote(ev, citation, reviewer)
        return self.get_citation(citation_id)

    def citation_links(self, citation_id: int) -> list[Evidence]:
        """Every evidence link that uses a citation."""
        rows = self.db.table("evidence").rows_where("citation_id = ?", [citation_id],
                                                    order_by="id")  # fmt: skip
        return [_evidence(r) for r in rows]

    def citation_dupes(self) -> list[tuple[Citation, Citation, DuplicatePair]]:
        """Near-duplicate pairs (no shared identifier), most alike first."""
        by_id = {c.id: c for c in self.list_citations()}
        return [(by_id[p.a], by_id[p.b], p) for p in find_near_duplicates(by_id.values())]

    def merge_citations(self, keep_id: int, drop_id: int, *, reviewer: str) -> Citation:
        """Merge citation ``drop_id`` into ``keep_id`` as one action.

        Every evidence link of the dropped citation moves to the kept one; the kept one's
        empty fields are filled from the dropped one, and identifiers that conflict are
        written into its notes so nothing is lost.
        """
        if keep_id == drop_id:
            raise InputError(f"citation {keep_id} cannot be merged with itself: give two ids")
        keep = self.get_citation(keep_id)
        drop = self.get_citation(drop_id)
        with self._action():
            self._citation_version += 1
            for ev in self.db.table("evidence").rows_where("citation_id = ?", [drop_id]):
                claim = self.get_claim(int(ev["claim_id"]))
                self.db.table("evidence").update(ev["id"], {"citation_id": keep_id})
                self._event(reviewer, "merge", "evidence", ev["id"], ev,
                            {**ev, "citation_id": keep_id}, article_id=claim.article_id,
                            claim_id=claim.id)  # fmt: skip
            drop_row = self._row("citation", drop_id)
            self.db.table("citations").delete(drop_id)
            self._event(reviewer, "merge", "citation", drop_id, drop_row, None)
            changes = _merged_fields(keep, drop)
            return self._update_citation(keep_id, changes, reviewer, "merge")

    # -- evidence ---------------------------------------------------------------

    def link_evidence(
        self,
        claim_id: int,
        citation_id: int,
        stance: str,
        *,
        reviewer: str,
        quote: str = "",
        locator: str = "",
        note: str = "",
    ) -> Evidence:
        claim = self.get_claim(claim_id)
        citation = self.get_citation(citation_id)
        stance_value = _stance(stance)
        verified, passage = verify_quote(quote, citation.source_text or citation.abstract)
        now = self.clock()
        row = {
            "claim_id": claim_id,
            "citation_id": citation_id,
            "stance": str(stance_value),
            "quote": quote.strip(),
            "locator": locator.strip(),
            "quote_verified": str(verified),
            "quote_match": passage,
            "note": note.strip(),
            "reviewer": reviewer,
            "created_at": now,
            "updated_at": now,
        }
        with self._action():
            table = self.db.table("evidence")
            table.insert(row)
            evidence_id = int(table.last_pk)  # type: ignore[arg-type]
            self._event(
                reviewer,
                "link",
                "evidence",
                evidence_id,
                None,
                {"id": evidence_id, **row},
                article_id=claim.article_id,
                claim_id=claim_id,
            )
        return self.get_evidence(evidence_id)

    def get_evidence(self, evidence_id: int) -> Evidence:
        return _evidence(self._row("evidence", evidence_id))

    def evidence_counts(self, article_id: int) -> dict[int, int]:
        """claim id -> number of linked sources, for every linked claim of an article."""
        sql = (
            "SELECT e.claim_id, COUNT(*) FROM evidence e JOIN claims c ON c.id = e.claim_id"
            " WHERE c.article_id = ? GROUP BY e.claim_id"
        )
        return {int(cid): int(n) for cid, n in self.db.execute(sql, [article_id]).fetchall()}

    def evidence_for(self, claim_id: int) -> list[Evidence]:
        """Links of a claim: supporting first, then stronger study designs first."""
        rows = list(self.db.table("evidence").rows_where("claim_id = ?", [claim_id]))
        links = [_evidence(r) for r in rows]
        stance_order = {s: i for i, s in enumerate(_STANCE_ORDER)}
        types = {
            c.id: c.evidence_type for c in map(self.get_citation, {e.citation_id for e in links})
        }
        return sorted(
            links,
            key=lambda e: (
                stance_order[e.stance],
                self.scales.evidence_rank(types[e.citation_id]),
                e.id,
            ),
        )

    def update_evidence(
        self,
        evidence_id: int,
        *,
        reviewer: str,
        stance: str | None = None,
        quote: str | None = None,
        locator: str | None = None,
        note: str | None = None,
    ) -> Evidence:
        """Change a link's stance, quote, locator or note; a new quote is checked again."""
        ev = self.get_evidence(evidence_id)
        changes: dict[str, Any] = {}
        if stance is not None:
            changes["stance"] = str(_stance(stance))
        if locator is not None:
            changes["locator"] = locator.strip()
        if note is not None:
            changes["note"] = note.strip()
        if quote is not None:
            citation = self.get_citation(ev.citation_id)
            verified, passage = verify_quote(quote, citation.source_text or citation.abstract)
            changes.update(quote=quote.strip(), quote_verified=str(verified), quote_match=passage)
        if not changes:
            raise InputError(
                f"nothing to change on evidence {evidence_id}: give --stance, --quote, "
                "--locator or --note"
            )
        with self._action():
            return self._update_evidence(ev, changes, reviewer, "edit-evidence")

    def _update_evidence(
        self, ev: Evidence, changes: dict[str, Any], reviewer: str, action: str
    ) -> Evidence:
        claim = self.get_claim(ev.claim_id)
        before = self._row("evidence", ev.id)
        self.db.table("evidence").update(ev.id, {**changes, "updated_at": self.clock()})
        after = self._row("evidence", ev.id)
        self._event(reviewer, action, "evidence", ev.id, before, after,
                    article_id=claim.article_id, claim_id=claim.id)  # fmt: skip
        return _evidence(after)

    def _recheck_quote(self, ev: Evidence, citation: Citation, reviewer: str) -> None:
        verified, passage = verify_quote(ev.quote, citation.source_text or citation.abstract)
        if (str(verified), passage) != (str(ev.quote_verified), ev.quote_match):
            self._update_evidence(ev, {"quote_verified": str(verified), "quote_match": passage},
                                  reviewer, "recheck-quote")  # fmt: skip

    def remove_evidence(self, evidence_id: int, *, reviewer: str) -> Evidence:
        """Unlink a claim from a citation; the link is kept in the event log (undo)."""
        ev = self.get_evidence(evidence_id)
        claim = self.get_claim(ev.claim_id)
        with self._action():
            before = self._row("evidence", evidence_id)
            self.db.table("evidence").delete(evidence_id)
            self._event(reviewer, "unlink", "evidence", evidence_id, before, None,
                        article_id=claim.article_id, claim_id=claim.id)  # fmt: skip
        return ev

    def candidate_quotes(
        self, claim_id: int, citation_id: int, limit: int = 5
    ) -> list[CandidateQuote]:
        """Passages of a citation's stored text that best match a claim (words, numbers)."""
        claim = self.get_claim(claim_id)
        citation = self.get_citation(citation_id)
        text = citation.source_text or citation.abstract
        if not text.strip():
            raise InputError(
                f"citation {citation_id} has no stored text: add its abstract or a passage "
                "first (cite set --text-file)"
            )
        return candidate_quotes(claim.text, text, limit=limit)

    # -- grades -----------------------------------------------------------------

    def grade_claim(
        self,
        claim_id: int,
        verdict: str,
        *,
        reviewer: str,
        certainty: str = "",
        reasons: tuple[str, ...] = (),
        note: str = "",
        final: bool = False,
    ) -> Grade:
        """Set ``reviewer``'s current grade (or the final one) of a claim."""
        claim = self.get_claim(claim_id)
        level = self.scales.verdict.validate(verdict)
        cert = self.scales.certainty.validate(certainty, "certainty").key if certainty else ""
        if final and not note.strip():
            raise InputError(
                f"a final verdict on claim {claim_id} needs a reason: give it as the note (--note)"
            )
        bad = [r for r in reasons if r not in GRADE_REASONS]
        if bad:
            raise InputError(f"unknown reason {bad[0]!r}: use one of {', '.join(GRADE_REASONS)}")
        where = (
            "claim_id = ? AND final = 1" if final else "claim_id = ? AND reviewer = ? AND final = 0"
        )
        params: list[Any] = [claim_id] if final else [claim_id, reviewer]
        row = {
            "claim_id": claim_id,
            "reviewer": reviewer,
            "verdict": level.key,
            "certainty": cert,
            "reasons": json.dumps(list(dict.fromkeys(reasons))),
            "note": note.strip(),
            "graded_at": self.clock(),
            "final": int(final),
            "stale": 0,
        }
        with self._action():
            table = self.db.table("grades")
            existing = list(table.rows_where(where, params))
            if existing:
                before = existing[0]
                grade_id = int(before["id"])
                table.update(grade_id, row)
            else:
                before = None
                table.insert(row)
                grade_id = int(table.last_pk)  # type: ignore[arg-type]
            after = self._row("grade", grade_id)
            self._event(
                reviewer,
                "final-grade" if final else "grade",
                "grade",
                grade_id,
                before,
                after,
                article_id=claim.article_id,
                claim_id=claim_id,
            )
        return _grade(after)

    def grades_for(self, claim_id: int) -> list[Grade]:
        rows = self.db.table("grades").rows_where(
            "claim_id = ?", [claim_id], order_by="final DESC, reviewer"
        )
        return [_grade(r) for r in rows]

    def grades_for_article(self, article_id: int) -> list[Grade]:
        """Every grade (reviewers' and final) on the claims of one article."""
        rows = self.db.query(
            "SELECT g.* FROM grades g JOIN claims c ON c.id = g.claim_id"
            " WHERE c.article_id = ? ORDER BY c.start, g.final DESC, g.reviewer",
            [article_id],
        )
        return [_grade(dict(r)) for r in rows]

    def current_verdicts(
        self, article_id: int | None = None, *, claim_id: int | None = None
    ) -> dict[int, str]:
        """claim id -> the verdict in force: the final one, else the latest grade."""
        where = {"c.article_id = ?": article_id, "g.claim_id = ?": claim_id}
        used = {k: v for k, v in where.items() if v is not None}
        sql = (
            "SELECT g.claim_id, g.verdict FROM grades g JOIN claims c ON c.id = g.claim_id"
            + (" WHERE " + " AND ".join(used) if used else "")
            + " ORDER BY g.final, g.graded_at, g.id"
        )
        params = list(used.values())
        return {int(cid): str(v) for cid, v in self.db.execute(sql, params).fetchall()}

    # -- bringing in a colleague's file (annotator.merge decides what is new) ---------

    def bring_in_article(self, article: Article, claims: list[Claim], *, reviewer: str) -> Article:
        """Another file's article with its claims as they are there, as one action.

        Returns the article already here with the same text (sha256) untouched, if any.
        """
        found = self.find_article(sha256_text(article.text))
        if found is not None:
            return found
        with self._action():
            row = {
                "title": article.title,
                "source": article.source,
                "author": article.author,
                "published": article.published,
                "text": article.text,
                "sha256": sha256_text(article.text),
                "format": article.format,
                "original": article.original,
                "imported_at": article.imported_at,
            }
            article_id = self._insert("articles", row)
            meta = {k: v for k, v in row.items() if k not in ("text", "original")}
            self._event(
                reviewer,
                "merge-in",
                "article",
                article_id,
                None,
                {"id": article_id, **meta},
                article_id=article_id,
            )
            self._bring_in_claims(article_id, claims, reviewer)
        return self.get_article(article_id)

    def bring_in_claims(self, article_id: int, claims: list[Claim], *, reviewer: str) -> int:
        """Claims of another file on an article here; spans already here are skipped."""
        self.get_article(article_id)
        with self._action():
            return self._bring_in_claims(article_id, claims, reviewer)

    def _bring_in_claims(self, article_id: int, claims: list[Claim], reviewer: str) -> int:
        text = self._row("article", article_id)["text"]
        have = {(c.start, c.end) for c in self.claims(article_id)}
        added = 0
        for c in sorted(claims, key=lambda c: c.start):
            if (c.start, c.end) in have or text[c.start : c.end] != c.text:
                continue
            proposal = ProposedClaim(
                start=c.start,
                end=c.end,
                text=c.text,
                label=c.label,
                score=c.score,
                reasons=c.reasons,
                sentence_start=c.sentence_start,
                sentence_end=c.sentence_end,
                quantities=c.quantities,
            )
            claim_id = self._insert_claim(
                article_id,
                proposal,
                c.origin,
                reviewer,
                "merge-in",
                self.clock(),
                status=c.status,
                label_edited=c.label_edited,
            )
            if c.note:
                self._update_claim(claim_id, {"note": c.note}, reviewer, "merge-in")
            have.add((c.start, c.end))
            added += 1
        return added

    def bring_in_evidence(self, links: list[Evidence], *, reviewer: str) -> int:
        """Evidence links as another file holds them (ids already mapped to this file)."""
        with self._action():
            for link in links:
                values = link.to_dict()
                row = {k: values[k] for k in _EVIDENCE_COLUMNS}
                evidence_id = self._insert("evidence", row)
                claim = self.get_claim(link.claim_id)
                self._event(
                    reviewer,
                    "merge-in",
                    "evidence",
                    evidence_id,
                    None,
                    {"id": evidence_id, **row},
                    article_id=claim.article_id,
                    claim_id=claim.id,
                )
        return len(links)

    def bring_in_grades(self, grades: list[Grade], *, reviewer: str) -> list[Grade]:
        """Grades as another file holds them (who, when); returns those that were added.

        A grade is skipped, never overwritten, when this file already has one for the
        same claim and reviewer (or a final one), even if it arrived a moment ago.
        """
        added: list[Grade] = []
        with self._action():
            for g in grades:
                claim = self.get_claim(g.claim_id)
                where = (
                    "claim_id = ? AND final = 1"
                    if g.final
                    else ("claim_id = ? AND reviewer = ? AND final = 0")
                )
                params: list[Any] = [g.claim_id] if g.final else [g.claim_id, g.reviewer]
                if self.db.execute(f"SELECT 1 FROM grades WHERE {where}", params).fetchone():
                    continue
                values = g.to_dict()
                row = {k: values[k] for k in _GRADE_COLUMNS}
                row["reasons"] = json.dumps(list(g.reasons))
                row["final"] = int(g.final)
                grade_id = self._insert("grades", row)
                after = self._row("grade", grade_id)
                self._event(
                    reviewer,
                    "merge-in",
                    "grade",
                    grade_id,
                    None,
                    after,
                    article_id=claim.article_id,
                    claim_id=claim.id,
                )
                added.append(_grade(after))
        return added

    def claim_table(self, article_id: int | None = None) -> ClaimTable:
        """The graded claim table's data, set-wise: four queries whatever the size."""
        if article_id is not None:
            articles = {article_id: self.get_article(article_id)}
            where, params = " WHERE c.article_id = ?", [article_id]
        else:
            articles = {a.id: a for a in self.list_articles()}
            where, params = "", []
        conn = self.db.conn
        lines = list(map(TableLine._make, conn.execute(_TABLE_SQL.format(where=where), params)))
        stances = " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(_STANCE_ORDER))
        types = self.scales.evidence_type_keys
        ranks = " ".join(f"WHEN ? THEN {i}" for i in range(len(types)))
        cursor = conn.execute(
            "SELECT e.claim_id, e.citation_id, e.stance, e.quote, e.locator, e.updated_at"
            " FROM evidence e JOIN claims c ON c.id = e.claim_id"
            f" JOIN citations s ON s.id = e.citation_id{where} ORDER BY e.claim_id,"
            f" CASE e.stance {stances} END, CASE s.evidence_type {ranks} ELSE {len(types)} END,"
            " e.id",
            [*params, *types],
        )
        evidence: dict[int, list[EvidenceLine]] = {}
        for link in map(EvidenceLine._make, cursor):
            evidence.setdefault(link.claim_id, []).append(link)
        citations = {
            int(r["id"]): _citation(r)
            for r in self.db.query(
                "SELECT * FROM citations WHERE id IN (SELECT e.citation_id FROM evidence e"
                f" JOIN claims c ON c.id = e.claim_id{where})",
                params,
            )
        }
        return ClaimTable(articles, lines, evidence, citations)

    def export_data(self, article_id: int | None = None) -> ExportData:
        """Articles, claims, grades, evidence and cited sources for the exports."""
        if article_id is not None:
            articles = {article_id: self.get_article(article_id)}
            where, params = " WHERE c.article_id = ?", [article_id]
        else:
            articles = {a.id: a for a in self.list_articles()}
            where, params = "", []
        claims = [
            _claim(r)
            for r in self.db.query(
                f"SELECT c.* FROM claims c{where} ORDER BY c.article_id, c.start, c.id", params
            )
        ]
        grades: dict[int, list[Grade]] = {}
        for r in self.db.query(
            f"SELECT g.* FROM grades g JOIN claims c ON c.id = g.claim_id{where}"
            " ORDER BY g.claim_id, g.final DESC, g.reviewer",
            params,
        ):
            grades.setdefault(int(r["claim_id"]), []).append(_grade(r))
        links = [
            _evidence(r)
            for r in self.db.query(
                f"SELECT e.* FROM evidence e JOIN claims c ON c.id = e.claim_id{where}", params
            )
        ]
        citations = {
            int(r["id"]): _citation(r)
            for r in self.db.query(
                "SELECT * FROM citations WHERE id IN (SELECT e.citation_id FROM evidence e"
                f" JOIN claims c ON c.id = e.claim_id{where})",
                params,
            )
        }
        stance_order = {s: i for i, s in enumerate(_STANCE_ORDER)}
        links.sort(
            key=lambda e: (
                e.claim_id,
                stance_order[e.stance],
                self.scales.evidence_rank(citations[e.citation_id].evidence_type),
                e.id,
            )
        )
        evidence: dict[int, list[Evidence]] = {}
        for link in links:
            evidence.setdefault(link.claim_id, []).append(link)
        return ExportData(articles, claims, grades, evidence, citations)

    # -- history and undo ---------------------------------------------------------

    def history(self, claim_id: int) -> list[Event]:
        rows = self.db.table("events").rows_where("claim_id = ?", [claim_id], order_by="id")
        events = [_event(r) for r in rows]
        if not events:
            self.get_claim(claim_id)
        return events

    def events(self) -> list[Event]:
        return [_event(r) for r in self.db.table("events").rows_where(order_by="id")]

    def verify_chain(self) -> int | None:
        """The id of the first event whose hash does not follow; None when intact."""
        prev = GENESIS_HASH
        for row in self.db.table("events").rows_where(order_by="id"):
            event = _event(row)
            fields = {
                "at": event.at,
                "reviewer": event.reviewer,
                "action": event.action,
                "entity": event.entity,
                "entity_id": event.entity_id,
                "article_id": event.article_id,
                "claim_id": event.claim_id,
                "before": event.before,
                "after": event.after,
                "undoes": event.undoes,
            }
            if row["prev_hash"] != prev or event_hash(prev, fields) != row["hash"]:
                return event.id
            prev = row["hash"]
        return None

    def integrity_check(self) -> str:
        """SQLite's own check of the file: "ok", or the first problem it found."""
        row = self.db.execute("PRAGMA integrity_check").fetchone()
        return str(row[0]) if row else "ok"

    def undo_last(self, *, reviewer: str, article_id: int | None = None) -> list[Event]:
        """Revert ``reviewer``'s last action that is not yet undone; its events, or []."""
        sql = (
            "SELECT batch FROM events e WHERE reviewer = ? AND undoes IS NULL"
            " AND action != 'import' AND batch IS NOT NULL"
            " AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undoes = e.batch)"
            + (" AND article_id = ?" if article_id is not None else "")
            + " ORDER BY id DESC LIMIT 1"
        )
        params: list[Any] = [reviewer] + ([article_id] if article_id is not None else [])
        found = self.db.execute(sql, params).fetchone()
        if not found:
            return []
        batch = int(found[0])
        self._citation_version += 1
        rows = list(self.db.table("events").rows_where("batch = ?", [batch], order_by="id DESC"))
        with self._action():
            for row in rows:
                event = _event(row)
                table = self.db.table(_TABLES[event.entity])
                if event.entity == "article" and event.before is None:
                    raise InputError("an import cannot be undone: delete the article instead")
                if event.before is None:
                    table.delete(event.entity_id)
                elif event.after is None:
                    table.insert(event.before)
                else:
                    table.update(event.entity_id, event.before)
                self._event(
                    reviewer,
                    "undo",
                    event.entity,
                    event.entity_id,
                    event.after,
                    event.before,
                    article_id=event.article_id,
                    claim_id=event.claim_id,
                    undoes=batch,
                )
        return [_event(r) for r in rows]

    # -- remembered state ---------------------------------------------------------

    def get_state(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM state WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else default

    def set_state(self, key: str, value: str) -> None:
        with self.db.atomic():
            self.db.table("state").upsert({"key": key, "value": value}, pk="key")


# -- rows to model objects ---------------------------------------------------------


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _json_list(value: Any) -> list[Any]:
    if not value:
        return []
    loaded = json.loads(value) if isinstance(value, str) else value
    return list(loaded) if isinstance(loaded, list) else []


def _article(r: dict[str, Any]) -> Article:
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


def _claim(r: dict[str, Any]) -> Claim:
    return Claim(
        id=int(r["id"]),
        article_id=int(r["article_id"]),
        start=int(r["start"]),
        end=int(r["end"]),
        text=r["text"],
        label=r["label"],
        score=float(r["score"]),
        reasons=tuple(_json_list(r["reasons"])),
        status=ClaimStatus(r["status"]),
        origin=Origin(r["origin"]),
        sentence_start=int(r["sentence_start"]),
        sentence_end=int(r["sentence_end"]),
        quantities=tuple(Quantity.from_dict(q) for q in _json_list(r["quantities"])),
        label_edited=bool(r["label_edited"]),
        note=r["note"],
        updated_at=r["updated_at"],
        anchor=r.get("anchor", ""),
    )


def _citation_row(c: Citation) -> dict[str, Any]:
    row = c.to_dict()
    row.pop("has_source_text")
    row["authors"] = json.dumps(list(c.authors), ensure_ascii=False)
    row["retracted"] = int(c.retracted)
    row["source_text"] = c.source_text
    return row


def _citation(r: dict[str, Any]) -> Citation:
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
        authors=tuple(_json_list(r["authors"])),
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
    )


def _stance(stance: str) -> Stance:
    try:
        return Stance(stance.strip().lower())
    except ValueError:
        raise InputError(
            f"unknown stance {stance!r}: use one of {', '.join(s.value for s in Stance)}"
        ) from None


_MERGE_FIELDS = (
    "doi",
    "pmid",
    "pmcid",
    "arxiv",
    "isbn",
    "url",
    "title",
    "year",
    "container",
    "volume",
    "issue",
    "pages",
    "publisher",
    "accessed",
    "abstract",
    "source_text",
)


def _merged_fields(keep: Citation, drop: Citation) -> dict[str, Any]:
    """The kept citation's changes when ``drop`` is merged into it."""
    changes: dict[str, Any] = {}
    lost: list[str] = []
    for name in _MERGE_FIELDS:
        mine, theirs = getattr(keep, name), getattr(drop, name)
        if theirs in ("", None) or mine == theirs:
            continue
        if mine in ("", None):
            changes[name] = theirs
        elif name in ("doi", "pmid", "pmcid", "arxiv", "isbn", "url"):
            lost.append(f"{name} {theirs}")
    if not keep.authors and drop.authors:
        changes["authors"] = json.dumps(list(drop.authors), ensure_ascii=False)
    if drop.retracted and not keep.retracted:
        changes["retracted"] = 1
    if keep.evidence_type == "other" and drop.evidence_type != "other":
        changes["evidence_type"] = drop.evidence_type
        changes["evidence_type_reason"] = drop.evidence_type_reason
    notes = [n for n in (keep.notes, drop.notes) if n]
    if lost:
        notes.append(f"Merged from citation {drop.id} ({'; '.join(lost)})")
    joined = "\n".join(dict.fromkeys(notes))
    if joined != keep.notes:
        changes["notes"] = joined
    return changes


def _evidence(r: dict[str, Any]) -> Evidence:
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


def _grade(r: dict[str, Any]) -> Grade:
    return Grade(
        id=int(r["id"]),
        claim_id=int(r["claim_id"]),
        reviewer=r["reviewer"],
        verdict=r["verdict"],
        certainty=r["certainty"],
        reasons=tuple(_json_list(r["reasons"])),
        note=r["note"],
        graded_at=r["graded_at"],
        final=bool(r["final"]),
        stale=bool(r.get("stale", 0)),
    )


def _event(r: dict[str, Any]) -> Event:
    return Event(
        id=int(r["id"]),
        at=r["at"],
        reviewer=r["reviewer"],
        action=r["action"],
        entity=r["entity"],
        entity_id=int(r["entity_id"]),
        article_id=r["article_id"],
        claim_id=r["claim_id"],
        before=json.loads(r["before"]) if r["before"] else None,
        after=json.loads(r["after"]) if r["after"] else None,
        prev_hash=r["prev_hash"],
        hash=r["hash"],
        batch=r["batch"],
        undoes=r["undoes"],
    )
