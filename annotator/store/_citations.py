"""The citations-and-evidence part of Store: the source library and each claim's links."""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from typing import Any

from annotator.errors import InputError
from annotator.model import (
    MANUAL_PREFIX,
    NO_QUOTE,
    CheckedQuote,
    Citation,
    CitationKind,
    Claim,
    Evidence,
    Stance,
    is_manual,
)
from annotator.sources.dedupe import same_title
from annotator.sources.identifiers import citation_key
from annotator.store._base import StoreBase
from annotator.store._citation_words import CitationWords, SqlWords, index_stale_citations
from annotator.store._rows import citation_row, json_list, to_citation, to_evidence


class CitationActions(StoreBase):
    """Store methods on citations and evidence links."""

    _citation_search: tuple[tuple[int, int], SqlWords] | None = None

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
            if column == "url":
                # One address, two different titles: two works on one page (a site's
                # home, a dataset and its paper). Offered as possible duplicates, never
                # merged (see dedupe.find_near_duplicates).
                found = self._citation_by_url(value, citation.title)
            else:
                found = self._citation_by(column, value)
            if found is not None:
                return to_citation(found)
        if citation_key(citation) or not citation.title.strip():
            return None
        # No identifier: the same title, year and first author is the same source.
        rows = self.db.conn.execute(
            "SELECT id, year, authors FROM citations WHERE title = ? COLLATE NOCASE",
            [citation.title.strip()],
        ).fetchall()
        first = citation.authors[0].split(",")[0].lower() if citation.authors else ""
        for row_id, year, authors in rows:
            theirs = json_list(authors)
            their_first = str(theirs[0]).split(",")[0].lower() if theirs else ""
            if year == citation.year and their_first == first:
                return self.get_citation(int(row_id))
        return None

    def add_citation(self, citation: Citation, *, reviewer: str) -> tuple[Citation, bool]:
        """Add a source, or fill the gaps of the one already stored; True when new.

        Its study design comes proposed (``app.library.add_citation``); a proposal fills
        a stored "other", never a reviewer's own choice."""
        with self._action():
            return self._add_citation(citation, reviewer)

    def add_citations(
        self, citations: list[Citation], *, reviewer: str
    ) -> list[tuple[Citation, bool]]:
        """Many sources as one action (a file import)."""
        with self._action():
            return [self._add_citation(c, reviewer) for c in citations]

    def _add_citation(self, citation: Citation, reviewer: str) -> tuple[Citation, bool]:
        existing = self.find_citation(citation)
        now = self.clock()
        row = citation_row(citation)
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
            return to_citation(after), False
        row.update(created_at=now, updated_at=now)
        row.pop("id", None)
        citation_id = self._insert("citations", row)
        after = {"id": citation_id, **row}
        self._event(reviewer, "add", "citation", citation_id, None, after)
        return to_citation(after), True

    def _citation_by_url(self, url: str, title: str) -> dict[str, Any] | None:
        """The stored citation at ``url`` whose title is the same work's (or absent)."""
        cursor = self.db.conn.execute(
            "SELECT * FROM citations WHERE url = ? AND url != '' ORDER BY id", [url]
        )
        names = [d[0] for d in cursor.description]
        for found in cursor.fetchall():
            row = dict(zip(names, found, strict=True))
            if same_title(title, str(row.get("title") or "")):
                return row
        return None

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

    def list_citations(self) -> list[Citation]:
        return [to_citation(r) for r in self.db.table("citations").rows_where(order_by="id")]

    def latest_citations(self, limit: int) -> list[Citation]:
        """The ``limit`` citations added last, newest first (without reading the rest)."""
        rows = self.db.table("citations").rows_where(order_by="id DESC", limit=limit)
        return [to_citation(r) for r in rows]

    def index_citations(self, words_of: CitationWords, rounds: int | None = None) -> bool:
        """Bring the stored search index up to date: every citation changed since (by
        anyone, on any connection) is indexed again with what ``words_of`` gives for it
        (``sources.search.search_words``: ``app.citation_search`` hands it in).

        ``rounds``: at most that many chunks. In the caller's transaction if one is
        open, else in its own (not a user action: no event). False when the file
        cannot be written (read-only, or kept busy): a search then reads the library.
        """
        conn = self.db.conn
        if conn.execute("SELECT 1 FROM citation_words_stale LIMIT 1").fetchone() is None:
            return True
        return self._maintain(lambda c: index_stale_citations(c, words_of, rounds))

    def citation_words(self) -> SqlWords:
        """The stored index as ``sources.search.Ranker`` reads it (index it first:
        ``index_citations``), kept while neither we nor another connection changed a
        thing: a picker searches at each key press, mostly for the same words."""
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        key = (int(version), self.db.conn.total_changes)
        cached = self._citation_search
        if cached is None or cached[0] != key:
            cached = self._citation_search = (key, SqlWords(self.db.conn))
        return cached[1]

    def citations_changed(self, since: int = 0) -> tuple[int, set[int] | None]:
        """The citations changed after event ``since`` (None: every one, when 0), and
        the mark to pass next time.

        Every change to a citation is an event (``verify_log`` holds each row to its last
        one), so the events after the mark name what to read again; so do the rows the
        index has not caught up with yet (a change written around the log).
        """
        conn = self.db.conn
        mark = int(conn.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0])
        if not since:
            return mark, None
        ids = {int(r[0]) for r in conn.execute("SELECT citation_id FROM citation_words_stale")}
        if since < mark:
            ids.update(int(r[0]) for r in conn.execute(
                "SELECT entity_id FROM events WHERE id > ? AND entity = 'citation'",
                [since]))  # fmt: skip
        return mark, ids

    def citation_search_texts(self, ids: set[int] | None = None) -> dict[int, str]:
        """The stored searched text of these citations (every one: None), as indexed."""
        conn = self.db.conn
        if ids is None:
            rows = conn.execute("SELECT citation_id, text FROM citation_haystacks")
        else:
            rows = conn.execute(
                "SELECT citation_id, text FROM citation_haystacks"
                " WHERE citation_id IN (SELECT value FROM json_each(?))",
                [json.dumps(sorted(ids))],
            )
        return {int(i): str(t) for i, t in rows}

    def citations_by_id(self, ids: list[int]) -> list[Citation]:
        """The citations with these ids, in that order (an id not found is left out)."""
        cursor = self.db.conn.execute(
            "SELECT * FROM citations WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(ids)],
        )
        names = [d[0] for d in cursor.description]
        found = {int(row[0]): to_citation(dict(zip(names, row, strict=True))) for row in cursor}
        return [found[i] for i in ids if i in found]

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
        before = self._row("citation", citation_id)
        self.db.table("citations").update(citation_id, {**changes, "updated_at": self.clock()})
        after = self._row("citation", citation_id)
        self._event(reviewer, action, "citation", citation_id, before, after)
        return to_citation(after)

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
        """Store the source's own text (NFC, ``\\n`` line ends). The quotes linked to it
        are checked again by the caller (``app.source_text.give_source_text``), in the same
        action, through ``set_quote_check``."""
        text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
        self.get_citation(citation_id)
        with self._action():
            return self._update_citation(
                citation_id, {"source_text": text.strip()}, reviewer, "set-text"
            )

    def citation_links(self, citation_id: int) -> list[Evidence]:
        """Every evidence link that uses a citation."""
        rows = self.db.table("evidence").rows_where("citation_id = ?", [citation_id],
                                                    order_by="id")  # fmt: skip
        return [to_evidence(r) for r in rows]

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
        quote: CheckedQuote = NO_QUOTE,
        locator: str = "",
        note: str = "",
    ) -> Evidence:
        """Link a claim to a stored source; ``quote`` as checked against that source's
        text (``sources.quotes.check_quote``; ``app.linking`` does both)."""
        claim = self.get_claim(claim_id)
        citation = self.get_citation(citation_id)
        row = self._evidence_row(claim, citation, stance, reviewer, quote, locator, note)
        with self._action():
            evidence_id = self._insert_evidence(row, claim, reviewer, "link")
        return self.get_evidence(evidence_id)

    def _evidence_row(
        self,
        claim: Claim,
        citation: Citation,
        stance: str,
        reviewer: str,
        quote: CheckedQuote,
        locator: str,
        note: str,
    ) -> dict[str, Any]:
        """A new link's row, with its quote as checked."""
        now = self.clock()
        return {
            "claim_id": claim.id,
            "citation_id": citation.id,
            "stance": str(_stance(stance)),
            "quote": quote.text,
            "locator": locator.strip(),
            "quote_verified": str(quote.match),
            "quote_match": quote.passage,
            "note": note.strip(),
            "reviewer": reviewer,
            "created_at": now,
            "updated_at": now,
        }

    def evidence_counts(self, article_id: int) -> dict[int, int]:
        """claim id -> number of linked sources, for every linked claim of an article."""
        sql = (
            "SELECT e.claim_id, COUNT(*) FROM evidence e JOIN claims c ON c.id = e.claim_id"
            " WHERE c.article_id = ? GROUP BY e.claim_id"
        )
        return {int(cid): int(n) for cid, n in self.db.execute(sql, [article_id]).fetchall()}

    def update_evidence(
        self,
        evidence_id: int,
        *,
        reviewer: str,
        stance: str | None = None,
        quote: CheckedQuote | None = None,
        locator: str | None = None,
        note: str | None = None,
    ) -> Evidence:
        """Change a link's stance, quote (as checked: ``app.linking.edit_link``),
        locator or note."""
        ev = self.get_evidence(evidence_id)
        changes: dict[str, Any] = {}
        if stance is not None:
            changes["stance"] = str(_stance(stance))
        if locator is not None:
            changes["locator"] = locator.strip()
        if note is not None:
            changes["note"] = note.strip()
        if quote is not None:
            changes.update(
                quote=quote.text, quote_verified=str(quote.match), quote_match=quote.passage
            )
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
        return to_evidence(after)

    def set_quote_check(self, evidence_id: int, quote: CheckedQuote, *, reviewer: str) -> None:
        """Record a link's quote checked again (its source's text changed); nothing is
        written when the result is the one stored."""
        ev = self.get_evidence(evidence_id)
        if (str(quote.match), quote.passage) == (str(ev.quote_verified), ev.quote_match):
            return
        with self._action():
            self._update_evidence(ev, {"quote_verified": str(quote.match),
                                       "quote_match": quote.passage},
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
