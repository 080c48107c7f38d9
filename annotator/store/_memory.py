"""The claim-memory part of Store: matches, evidence reuse, external reviews, versions.

A part of ``Store`` like the others (see ``store.py``); it follows the store's rules:
SQL lives in the store modules only, each public method that changes data is one action
with its events, reviewer and time come in from outside.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from annotator.errors import AnnotatorError, InputError, NotFoundError
from annotator.grades.visibility import Viewer
from annotator.memory.claimreview_import import ExternalReview
from annotator.memory.index import (
    KEY_VERSION,
    MatchKind,
    MemoryIndex,
    PackedKey,
    claim_key,
    pack_key,
)
from annotator.model import (
    Anchor,
    Claim,
    ClaimMove,
    ClaimStatus,
    Evidence,
    NewVersionPlan,
    Origin,
    sha256_text,
)
from annotator.store._base import StoreBase
from annotator.store._memory_words import StoredMemoryIndex, index_stale_memory
from annotator.store._rows import quantities_json, to_review

# What the memory index holds: ("claim", claim id) or ("review", external review id).
MemoryRef = tuple[str, int]


@dataclass(frozen=True)
class SimilarClaim:
    """An earlier claim (or another desk's review) found for a claim, with its context."""

    ref: MemoryRef
    text: str
    score: float
    kind: MatchKind
    reason: str
    verdict: str  # the verdict key in force, or an external review's rating
    meaning: str  # normalized meaning of the verdict (true, mostly-true, ... other)
    article_id: int | None = None
    article_title: str = ""
    sources: tuple[str, ...] = ()  # citation ids and stances, or the review's address
    external: bool = False
    publisher: str = ""
    url: str = ""
    hidden: bool = False  # blind review keeps the claim's verdict from the viewer
    stale: bool = False  # the verdict was given before a correction changed the claim's words

    def to_dict(self) -> dict[str, Any]:
        kind, ref_id = self.ref
        return {
            "id": ref_id,
            "source_kind": "external-review" if self.external else "claim",
            "claim_id": ref_id if kind == "claim" else None,
            "review_id": ref_id if kind == "review" else None,
            "text": self.text,
            "score": self.score,
            "match": str(self.kind),
            "reason": self.reason,
            "verdict": self.verdict,
            "meaning": self.meaning,
            "article_id": self.article_id,
            "article_title": self.article_title,
            "sources": list(self.sources),
            "external": self.external,
            "publisher": self.publisher,
            "url": self.url,
            "verdict_hidden": self.hidden,
            "verdict_stale": self.stale,
        }


@dataclass(frozen=True)
class ArticleVersion:
    id: int
    article_id: int
    version: int
    text: str
    sha256: str
    source: str
    imported_at: str
    replaced_at: str


@dataclass(frozen=True)
class NewVersionReport:
    """What happened to an article's claims when its text was replaced."""

    article_id: int
    version: int  # the number of the new (current) version
    unchanged: bool = False  # the text was already the current one: nothing done
    anchors: dict[str, int] = field(default_factory=dict)  # anchor -> how many claims
    stale: tuple[int, ...] = ()  # claims whose words changed: grades marked stale
    orphaned: tuple[Claim, ...] = ()
    ambiguous: tuple[Claim, ...] = ()
    proposed: int = 0  # new claims proposed in the new text


# Above this many claims, an article is matched against an index built in memory.
BULK_MATCH = 200


class MemoryActions(StoreBase):
    """Store methods for issue 8 (claim memory)."""

    _memory_cache: tuple[int, MemoryIndex[MemoryRef]] | None = None

    # -- matching -----------------------------------------------------------------

    def memory_index(self) -> StoredMemoryIndex | MemoryIndex[MemoryRef]:
        """Every claim with a verdict and every external review, indexed.

        The index is kept in the database (``_memory_words``) and brought up to date
        first, so a look-up reads its own words' postings, never the whole memory; a
        file opened only to read is indexed in memory instead.
        """
        conn = self.db.conn
        version = conn.execute(
            "SELECT value FROM state WHERE key = 'memory_words_version'"
        ).fetchone()
        stale = conn.execute("SELECT 1 FROM memory_stale LIMIT 1").fetchone()
        if (stale or version is None or version[0] != str(KEY_VERSION)) and not self._maintain(
            index_stale_memory
        ):
            return self._memory_index_in_memory()
        return StoredMemoryIndex(conn)

    def _memory_index_in_memory(self) -> MemoryIndex[MemoryRef]:
        """The index built in memory from the stored readings (cached while unchanged)."""
        stamp = self.memory_stamp()
        cached = self._memory_cache
        if cached is not None and cached[0] == stamp:
            return cached[1]
        items = self._memory_keys(
            "claim",
            "SELECT c.id AS id, c.text AS text FROM claims c WHERE c.status != 'dismissed'"
            " AND c.anchor != 'orphaned'"
            " AND c.id IN (SELECT claim_id FROM grades)",
        )
        items += self._memory_keys("review", "SELECT id, claim AS text FROM external_reviews")
        index: MemoryIndex[MemoryRef] = MemoryIndex.from_keys(items)
        self._memory_cache = (stamp, index)
        return index

    def memory_stamp(self) -> int:
        """A number that changes whenever what matching reads may have changed."""
        reviews = self.db.execute("SELECT count(*) FROM external_reviews").fetchone()[0]
        return self.last_event_id() * 1_000_003 + int(reviews)

    def _memory_keys(self, kind: str, sql: str) -> list[tuple[MemoryRef, PackedKey]]:
        """Stored readings of the remembered texts; missing or outdated ones recomputed."""
        # One pass: the stored key when there is one, else the text to read it from.
        rows = self.db.execute(
            "SELECT k.words, k.numbers, k.negated, t.id,"
            " CASE WHEN k.words IS NULL THEN t.text END"
            f" FROM ({sql}) AS t LEFT JOIN memory_keys k ON k.kind = ? AND k.ref_id = t.id"
            " AND k.version = ?",
            [kind, KEY_VERSION],
        ).fetchall()
        items: list[tuple[MemoryRef, PackedKey]] = [
            ((kind, row[3]), row) for row in rows if row[0] is not None
        ]
        missing = [(row[3], row[4]) for row in rows if row[0] is None]
        fresh: list[tuple[Any, ...]] = []
        for ref_id, text in missing:
            words, numbers, negated = pack_key(claim_key(text))
            fresh.append((kind, ref_id, KEY_VERSION, words, numbers, int(negated)))
            items.append(((kind, int(ref_id)), (words, numbers, negated)))
        if fresh and not self.db.conn.in_transaction:
            try:
                with self.db.conn:
                    self.db.conn.executemany(
                        "INSERT OR REPLACE INTO memory_keys VALUES (?, ?, ?, ?, ?, ?)", fresh
                    )
            except sqlite3.OperationalError:  # busy or read-only: computed again next time
                pass
        return items

    def similar_to_text(
        self,
        text: str,
        *,
        exclude: Collection[MemoryRef] = (),
        limit: int = 10,
        near_misses: bool = True,
        viewer: Viewer | None = None,
    ) -> list[SimilarClaim]:
        """Earlier checked claims and external reviews that say what ``text`` says; with
        a ``viewer``, an earlier claim's verdict only when that person may see it."""
        return self._similar_in(self.memory_index(), text, exclude, limit, near_misses, viewer)

    def _similar_in(
        self,
        index: StoredMemoryIndex | MemoryIndex[MemoryRef],
        text: str,
        exclude: Collection[MemoryRef],
        limit: int,
        near_misses: bool,
        viewer: Viewer | None = None,
    ) -> list[SimilarClaim]:
        hits = index.match(text, limit=limit, near_misses=near_misses, exclude=exclude)
        return [self._similar(h.key, h.score, h.kind, h.reason, viewer) for h in hits]

    def similar_claims(
        self,
        claim_id: int,
        *,
        limit: int = 10,
        near_misses: bool = True,
        viewer: Viewer | None = None,
    ) -> list[SimilarClaim]:
        """Matches and near misses for one stored claim (never itself)."""
        claim = self.get_claim(claim_id)
        return self.similar_to_text(
            claim.text,
            exclude=(("claim", claim_id),),
            limit=limit,
            near_misses=near_misses,
            viewer=viewer,
        )

    def article_matches(
        self, article_id: int, *, viewer: Viewer | None = None
    ) -> list[tuple[Claim, list[SimilarClaim]]]:
        """Each live claim of an article with its matches in other articles and reviews."""
        found: list[tuple[Claim, list[SimilarClaim]]] = []
        index: StoredMemoryIndex | MemoryIndex[MemoryRef] = self.memory_index()
        if not len(index):
            return found  # nothing remembered yet: no claim can match
        claims = self.claims(article_id)
        if len(claims) > BULK_MATCH:
            # A long document: one index in memory (built once, in time linear in the
            # memory) answers each claim faster than a look-up in the file per claim.
            index = self._memory_index_in_memory()
        # One set for every claim: the article's own claims never match each other.
        own = frozenset(("claim", c.id) for c in claims)
        for claim in claims:
            if claim.status == ClaimStatus.DISMISSED:
                continue
            hits = self._similar_in(index, claim.text, own, 3, True, viewer)
            if hits:
                found.append((claim, hits))
        return found

    def _similar(
        self,
        ref: MemoryRef,
        score: float,
        kind: MatchKind,
        reason: str,
        viewer: Viewer | None = None,
    ) -> SimilarClaim:
        what, ref_id = ref
        if what == "review":
            review = self.get_external_review(ref_id)
            return SimilarClaim(
                ref=ref,
                text=review.claim,
                score=score,
                kind=kind,
                reason=reason,
                verdict=review.rating,
                meaning=review.meaning,
                sources=(review.url,) if review.url else (),
                external=True,
                publisher=review.publisher,
                url=review.url,
            )
        claim = self.get_claim(ref_id)
        article = self.get_article(claim.article_id)
        verdict = self.current_verdicts(claim_id=claim.id, viewer=viewer).get(claim.id, "")
        # Blind review: say that a verdict is kept back (the claim is remembered for
        # having one), never which.
        hidden = not verdict and viewer is not None and not viewer.sees_all
        level = self.scales.verdict.get(verdict) if verdict else None
        meaning = level.meaning if level is not None else ""
        # A verdict given for words a correction changed is no check of the words now.
        stale = bool(verdict) and claim.id in self.stale_claims(claim_id=claim.id)
        sources = tuple(f"citation {e.citation_id} {e.stance}" for e in self.evidence_for(claim.id))
        return SimilarClaim(
            ref=ref,
            text=claim.text,
            score=score,
            kind=kind,
            reason=reason,
            verdict=verdict,
            meaning=meaning,
            article_id=article.id,
            article_title=article.title,
            sources=sources,
            hidden=hidden,
            stale=stale,
        )

    # -- reuse ----------------------------------------------------------------------

    def reuse_evidence(self, claim_id: int, from_claim_id: int, *, reviewer: str) -> list[Evidence]:
        """Copy the evidence links of an earlier claim (never its verdict) to a claim."""
        claim = self.get_claim(claim_id)
        self.get_claim(from_claim_id)
        if claim_id == from_claim_id:
            raise InputError(f"claim {claim_id} cannot reuse its own evidence: give another claim")
        links = self.evidence_for(from_claim_id)
        if not links:
            raise InputError(
                f"claim {from_claim_id} has no evidence links to reuse: link sources to it first"
            )
        have = {(e.citation_id, str(e.stance), e.quote) for e in self.evidence_for(claim_id)}
        now = self.clock()
        new_ids: list[int] = []
        with self._action():
            for link in links:
                if (link.citation_id, str(link.stance), link.quote) in have:
                    continue
                origin = f"reused from claim {from_claim_id} (evidence {link.id})"
                row = {
                    "claim_id": claim_id,
                    "citation_id": link.citation_id,
                    "stance": str(link.stance),
                    "quote": link.quote,
                    "locator": link.locator,
                    "quote_verified": str(link.quote_verified),
                    "quote_match": link.quote_match,
                    "note": f"{origin}; {link.note}" if link.note else origin,
                    "reviewer": reviewer,
                    "created_at": now,
                    "updated_at": now,
                }
                new_ids.append(self._insert_evidence(row, claim, reviewer, "reuse"))
        return [self.get_evidence(i) for i in new_ids]

    # -- external reviews ---------------------------------------------------------------

    def import_reviews(
        self, reviews: list[ExternalReview], *, reviewer: str
    ) -> tuple[list[ExternalReview], int]:
        """Store other desks' ClaimReviews as one action; returns (new ones, already known)."""
        now = self.clock()
        added: list[int] = []
        known = 0
        with self._action():
            for review in reviews:
                found = self.db.execute(
                    "SELECT id FROM external_reviews WHERE key = ?", [review.key]
                ).fetchone()
                if found:
                    known += 1
                    continue
                row = {k: v for k, v in review.to_dict().items() if k != "id"}
                row.update(raw=review.raw, key=review.key, imported_at=now)
                review_id = self._insert("external_reviews", row)
                self._event(reviewer, "import", "review", review_id, None, {"id": review_id, **row})
                added.append(review_id)
        return [self.get_external_review(i) for i in added], known

    def get_external_review(self, review_id: int) -> ExternalReview:
        rows = list(self.db.table("external_reviews").rows_where("id = ?", [review_id]))
        if not rows:
            raise NotFoundError(f"no external review with id {review_id}: list them to find the id")
        return to_review(rows[0])

    def external_reviews(self) -> list[ExternalReview]:
        return [to_review(r) for r in self.db.table("external_reviews").rows_where(order_by="id")]

    # -- versions and re-anchoring ----------------------------------------------------

    def find_article_by_source(self, source: str) -> int | None:
        """The latest article imported from ``source`` (a path or an address)."""
        if not source or source == "stdin":
            return None
        row = self.db.execute(
            "SELECT id FROM articles WHERE source = ? ORDER BY id DESC LIMIT 1", [source]
        ).fetchone()
        return int(row[0]) if row else None

    def find_earlier_version(self, sha256: str) -> tuple[int, int] | None:
        """(article id, version) of an earlier text of an article here with that hash."""
        row = self.db.execute(
            "SELECT article_id, version FROM article_versions WHERE sha256 = ?"
            " ORDER BY article_id, version LIMIT 1",
            [sha256],
        ).fetchone()
        return None if row is None else (int(row[0]), int(row[1]))

    def article_versions(self, article_id: int) -> list[ArticleVersion]:
        """Earlier texts of an article, oldest first (the current text is the article's)."""
        self.get_article(article_id)
        rows = self.db.table("article_versions").rows_where(
            "article_id = ?", [article_id], order_by="version"
        )
        return [
            ArticleVersion(
                id=int(r["id"]),
                article_id=int(r["article_id"]),
                version=int(r["version"]),
                text=r["text"],
                sha256=r["sha256"],
                source=r["source"],
                imported_at=r["imported_at"],
                replaced_at=r["replaced_at"],
            )
            for r in rows
        ]

    def import_new_version(
        self,
        article_id: int,
        plan: NewVersionPlan,
        *,
        reviewer: str,
        source: str | None = None,
        format: str = "text",
        original: str = "",
        title: str | None = None,
    ) -> NewVersionReport:
        """Replace an article's text with ``plan.text``, writing where ``plan`` put each claim.

        One action: the old text is kept as a version, each claim moves as planned (its
        ``anchor`` says how), grades of claims whose words changed are marked stale,
        orphaned claims keep their old span and words, and the plan's proposals are added
        as new proposed claims; ``title``, when given, is the article's title now. The
        plan (``text/new_version.py``) must have been made from the current text: if
        another process stored a version meanwhile, nothing is written and the error says
        to import again.
        """
        text = plan.text
        article = self.get_article(article_id)
        versions = self.article_versions(article_id)
        if sha256_text(text) == article.sha256:
            return NewVersionReport(article_id, len(versions) + 1, unchanged=True)
        claims = self.claims(article_id)
        if article.sha256 != plan.old_sha256 or [c.id for c in claims] != [
            m.claim_id for m in plan.moves
        ]:
            raise AnnotatorError(
                f"article {article_id} changed since its new version was planned: import again"
            )
        now = self.clock()
        number = len(versions) + 1
        counts = {str(a): 0 for a in Anchor}
        stale: list[int] = []
        with self._action():
            # Another process may have stored a version since the text was read above.
            if self._row("article", article_id)["sha256"] != article.sha256:
                if self._row("article", article_id)["sha256"] == sha256_text(text):
                    return NewVersionReport(article_id, number + 1, unchanged=True)
                raise AnnotatorError(
                    f"article {article_id} got a new version from someone else meanwhile:"
                    " import again"
                )
            version_row = {
                "article_id": article_id,
                "version": number,
                "text": article.text,
                "sha256": article.sha256,
                "source": article.source,
                "format": article.format,
                "original": article.original,
                "imported_at": article.imported_at,
                "replaced_at": now,
            }
            self._insert_article(
                "article_version", version_row, reviewer, "new-version", article_id=article_id
            )
            before = self._row("article", article_id)
            changes = {
                "text": text,
                "sha256": sha256_text(text),
                "format": format,
                "original": original,
                "imported_at": now,
            }
            if source:
                changes["source"] = source
            if title:
                changes["title"] = title
            self.db.table("articles").update(article_id, changes)
            self._event(
                reviewer,
                "new-version",
                "article",
                article_id,
                before,
                self._row("article", article_id),
                article_id=article_id,
            )
            for claim, move in zip(claims, plan.moves, strict=True):
                counts[str(move.anchor)] += 1
                self._move_claim(claim, move, reviewer)
                if move.words_changed and move.anchor != Anchor.ORPHANED:
                    stale.append(claim.id)  # orphans are listed apart
            for p in plan.proposals:
                self._insert_claim(article_id, p, Origin.AUTO, reviewer, "propose", now)
        after = {c.id: c for c in self.claims(article_id)}
        return NewVersionReport(
            article_id=article_id,
            version=number + 1,
            anchors={k: v for k, v in counts.items() if v},
            stale=tuple(stale),
            orphaned=tuple(after[m.claim_id] for m in plan.moves if m.anchor == Anchor.ORPHANED),
            ambiguous=tuple(after[m.claim_id] for m in plan.moves if m.anchor == Anchor.AMBIGUOUS),
            proposed=len(plan.proposals),
        )

    def _move_claim(self, claim: Claim, move: ClaimMove, reviewer: str) -> None:
        """Put one claim where the plan says; its grades go stale when its words changed."""
        changes: dict[str, Any] = {"anchor": str(move.anchor)}
        if move.anchor != Anchor.ORPHANED:
            changes.update(
                start=move.start,
                end=move.end,
                text=move.text,
                sentence_start=move.sentence_start,
                sentence_end=move.sentence_end,
            )
            if move.quantities is not None:
                changes["quantities"] = quantities_json(move.quantities)
            if move.label is not None:
                changes["label"] = move.label
        self._update_claim(claim.id, changes, reviewer, "reanchor")
        if move.words_changed:
            for grade in self.db.table("grades").rows_where(
                "claim_id = ? AND stale = 0", [claim.id]
            ):
                self.db.table("grades").update(grade["id"], {"stale": 1})
                self._event(
                    reviewer,
                    "stale",
                    "grade",
                    grade["id"],
                    grade,
                    {**grade, "stale": 1},
                    article_id=claim.article_id,
                    claim_id=claim.id,
                )
