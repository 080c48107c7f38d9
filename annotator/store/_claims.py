"""The articles-and-claims part of Store: import, summaries, and each action on a claim."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from annotator.errors import InputError
from annotator.grades.merge import plan_grade_merge
from annotator.grades.standing import Standing, settle
from annotator.grades.visibility import Viewer
from annotator.model import (
    Anchor,
    Article,
    Claim,
    ClaimStatus,
    Grade,
    Origin,
    ProposedClaim,
    sha256_text,
    span_problem,
)
from annotator.store._base import ENTITY_TABLES, StoreBase, claim_row
from annotator.store._rows import to_article, to_claim, to_grade


@dataclass(frozen=True)
class ArticleSummary:
    article: Article
    claims: int  # not dismissed
    graded: int  # not dismissed, with at least one grade
    dismissed: int
    verdicts: dict[str, int]
    # Of ``verdicts``, those given before a correction changed the claim's words (or took
    # them out of the text): counted apart where a verdict in force is meant (stats).
    stale: dict[str, int]


class ArticleRow(NamedTuple):
    """One article of a listing, counted (``Store.article_rows``); no text."""

    id: int
    title: str
    source: str
    author: str
    published: str
    sha256: str
    imported_at: str
    format: str
    claims: int  # not dismissed
    graded: int
    dismissed: int
    verdicts: dict[str, int]
    stale: dict[str, int]  # as ArticleSummary.stale


@dataclass(frozen=True)
class DeskTotals:
    """Claims counted over every article (or one): what ``stats`` prints without the
    per-article rows."""

    articles: int
    claims: int  # not dismissed
    graded: int
    dismissed: int
    # Verdict counts in the order a walk of the articles by id meets them.
    verdicts: dict[str, int]
    stale: dict[str, int]  # as ArticleSummary.stale

    @classmethod
    def of(cls, summaries: Sequence[ArticleSummary | ArticleRow]) -> DeskTotals:
        verdicts: dict[str, int] = {}
        stale: dict[str, int] = {}
        for s in summaries:
            for verdict, n in s.verdicts.items():
                verdicts[verdict] = verdicts.get(verdict, 0) + n
            for verdict, n in s.stale.items():
                stale[verdict] = stale.get(verdict, 0) + n
        return cls(
            articles=len(summaries),
            claims=sum(s.claims for s in summaries),
            graded=sum(s.graded for s in summaries),
            dismissed=sum(s.dismissed for s in summaries),
            verdicts=verdicts,
            stale=stale,
        )


DISPUTED = "disputed"
"""The key under which verdict counts hold the disputed claims (``grades.standing``):
reviewers disagree and no final verdict settles it, so no one reviewer's verdict counts."""

# The claims whose verdict in force went stale, as ``Store.stale_claims`` finds them: the
# final grade decides; without one, any reviewer's stale grade does.
_STALE_CLAIMS = (
    "SELECT g.claim_id FROM grades g WHERE g.stale = 1 AND (g.final = 1 OR NOT EXISTS"
    " (SELECT 1 FROM grades f WHERE f.claim_id = g.claim_id AND f.final = 1))"
)

# Leaves out the claims a JSON list parameter names (the disputed ones, counted apart).
_NOT_IN = " AND v.claim_id NOT IN (SELECT value FROM json_each(?))"


def _with_disputed(
    counts: Sequence[tuple[int, str, int]], disputed: list[tuple[int, int]]
) -> list[tuple[int, str, int]]:
    """(article, verdict, n) summed, with each article's disputed claims under DISPUTED."""
    summed: dict[tuple[int, str], int] = {}
    for aid, verdict, n in counts:
        summed[aid, verdict] = summed.get((aid, verdict), 0) + n
    for aid, _cid in disputed:
        summed[aid, DISPUTED] = summed.get((aid, DISPUTED), 0) + 1
    return [(aid, verdict, n) for (aid, verdict), n in sorted(summed.items())]


class ClaimActions(StoreBase):
    """Store methods on articles and claims."""

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
        """Store an article and its proposed claims as one action (see ``import_if_new``)."""
        article, _new = self.import_if_new(
            text,
            title=title,
            reviewer=reviewer,
            proposals=proposals,
            source=source,
            author=author,
            published=published,
            format=format,
            original=original,
        )
        return article

    def import_if_new(
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
    ) -> tuple[Article, bool]:
        """Store an article and its proposed claims as one action; the article and whether
        it is new. The same text already here is returned untouched: that is looked up
        under the write lock, so processes importing one file at once store it once."""
        for p in proposals:
            if text[p.start : p.end] != p.text:
                raise ValueError(f"proposed claim {p.start}-{p.end} does not match the text")
        now = self.clock()
        sha256 = sha256_text(text)
        with self._action():
            found = self.find_article(sha256)
            if found is not None:
                return found, False
            row = {
                "title": title,
                "source": source,
                "author": author,
                "published": published,
                "text": text,
                "sha256": sha256,
                "format": format,
                "original": original,
                "imported_at": now,
            }
            article_id = self._insert_article("article", row, reviewer, "import")
            ordered = sorted(proposals, key=lambda p: p.start)
            rows = [claim_row(article_id, p, Origin.AUTO, now) for p in ordered]
            self._insert_claims(article_id, rows, reviewer, "propose")
        # The row as written (read back, the 7 MB of a long report would be read again).
        return to_article({"id": article_id, **row}), True

    def article_summaries(
        self, article_id: int | None = None, *, viewer: Viewer | None = None
    ) -> list[ArticleSummary]:
        """Every article (or one) with its claims counted, in a few queries whatever the size.

        The counts come from the summaries the writes keep (``article_counts``,
        ``claim_verdicts``: migration 9), so neither the claims' rows nor the articles'
        texts are read: a summary's ``article.text`` and ``article.original`` are empty
        (``get_article`` has them). With a ``viewer`` under blind review, the verdicts
        counted are those they may see (``annotator.grades.visibility``).
        """
        return [
            ArticleSummary(
                Article(
                    id=r.id,
                    title=r.title,
                    source=r.source,
                    author=r.author,
                    published=r.published,
                    text="",
                    sha256=r.sha256,
                    imported_at=r.imported_at,
                    format=r.format,
                ),
                r.claims,
                r.graded,
                r.dismissed,
                r.verdicts,
                r.stale,
            )  # fmt: skip
            for r in self.article_rows(article_id, viewer=viewer)
        ]

    def article_rows(
        self, article_id: int | None = None, *, viewer: Viewer | None = None
    ) -> list[ArticleRow]:
        """``article_summaries`` as flat rows: what a listing prints, a third of the cost
        (a frozen Article and its summary per article were 30 ms of 9,000)."""
        one = "WHERE a.id = ?" if article_id is not None else ""
        params = [article_id] if article_id is not None else []
        rows = self.db.execute(
            "SELECT a.id, a.title, a.source, a.author, a.published, a.sha256, a.imported_at,"
            " a.format, coalesce(n.live, 0), coalesce(n.dismissed, 0) FROM articles a"
            f" LEFT JOIN article_counts n ON n.article_id = a.id {one} ORDER BY a.id",
            params,
        ).fetchall()
        verdicts: dict[int, dict[str, int]] = {}
        for aid, verdict, n in self._verdict_counts(article_id, viewer):
            verdicts.setdefault(aid, {})[verdict] = n
        stale: dict[int, dict[str, int]] = {}
        for aid, verdict, n in self._verdict_counts(article_id, viewer, stale_only=True):
            stale.setdefault(aid, {})[verdict] = n
        listing = []
        for aid, title, source, author, published, sha256, imported_at, fmt, live, gone in rows:
            counted = verdicts.get(aid) or {}
            listing.append(ArticleRow(aid, title, source, author, published, sha256,
                                      imported_at, fmt, live, sum(counted.values()), gone,
                                      counted, stale.get(aid) or {}))  # fmt: skip
        return listing

    def desk_totals(
        self, article_id: int | None = None, *, viewer: Viewer | None = None
    ) -> DeskTotals:
        """``DeskTotals.of(article_summaries(article_id, viewer=viewer))`` in a few
        aggregate queries: no row per article."""
        one = "WHERE a.id = ?" if article_id is not None else ""
        params = [article_id] if article_id is not None else []
        articles, live, gone = self.db.execute(
            "SELECT count(*), coalesce(sum(n.live), 0), coalesce(sum(n.dismissed), 0)"
            f" FROM articles a LEFT JOIN article_counts n ON n.article_id = a.id {one}",
            params,
        ).fetchone()
        # (first article with the verdict, verdict, count): the order of DeskTotals.of.
        firsts: list[tuple[int, str, int]]
        if viewer is None:
            where = " AND article_id = ?" if article_id is not None else ""
            disputed = self._disputed_claims(article_id, None)
            firsts = self.db.execute(
                "SELECT min(article_id), verdict, count(*) FROM claim_verdicts v"
                f" WHERE live = 1{where}{_NOT_IN} GROUP BY verdict",
                [*params, json.dumps([cid for _aid, cid in disputed])],
            ).fetchall()
            if disputed:
                firsts.append((min(aid for aid, _cid in disputed), DISPUTED, len(disputed)))
        else:
            found: dict[str, tuple[int, int]] = {}
            for aid, verdict, n in self._verdict_counts(article_id, viewer):
                first, total = found.get(verdict, (aid, 0))
                found[verdict] = (min(first, aid), total + n)
            firsts = [(first, verdict, n) for verdict, (first, n) in found.items()]
        verdicts = {verdict: n for _first, verdict, n in sorted(firsts)}
        stale: dict[str, int] = {}
        for _aid, verdict, n in self._verdict_counts(article_id, viewer, stale_only=True):
            stale[verdict] = stale.get(verdict, 0) + n
        return DeskTotals(articles, live, sum(verdicts.values()), gone, verdicts, stale)

    def _verdict_counts(
        self, article_id: int | None, viewer: Viewer | None, *, stale_only: bool = False
    ) -> list[tuple[int, str, int]]:
        """(article, verdict, live claims with it in force) as ``viewer`` may see them;
        with ``stale_only``, of those only the claims whose verdict went stale
        (``Store.stale_claims``: a correction changed the words after it was given).

        Under blind review a person sees every grade of a claim they graded (so the
        verdict in force there is everyone's) and, of the others, only their own (a final
        verdict they gave): ``visibility.may_see`` read as SQL. On a claim no final verdict
        settles, their own grade is the verdict for them. Tests hold this and
        ``current_verdicts`` equal.
        """
        one = " AND v.article_id = ?" if article_id is not None else ""
        params: list[Any] = [article_id] if article_id is not None else []
        stale = f" AND v.claim_id IN ({_STALE_CLAIMS})" if stale_only else ""
        # A disputed claim is never stale (``settle``: stale comes first), so the stale
        # counts need not leave it out; the others count it apart, under DISPUTED.
        disputed = [] if stale_only else self._disputed_claims(article_id, viewer)
        apart = json.dumps([cid for _aid, cid in disputed])
        if viewer is None:
            sql = (
                "SELECT article_id, verdict, count(*) FROM claim_verdicts v"
                f" WHERE live = 1{one}{stale}{_NOT_IN} GROUP BY article_id, verdict"
            )
            return _with_disputed(self.db.execute(sql, [*params, apart]).fetchall(), disputed)
        mine = "SELECT claim_id FROM grades WHERE reviewer = ? AND final = 0"
        # The viewer's own latest grade stands for them on a claim no final verdict
        # settles (``current_verdicts``); elsewhere the kept verdict in force.
        own = (
            "SELECT g.claim_id, g.verdict FROM grades g WHERE g.reviewer = ? AND g.final = 0"
            " AND g.id = (SELECT id FROM grades WHERE claim_id = g.claim_id AND reviewer = ?"
            " AND final = 0 ORDER BY graded_at DESC, id DESC LIMIT 1)"
            " AND NOT EXISTS (SELECT 1 FROM grades f WHERE f.claim_id = g.claim_id"
            " AND f.final = 1)"
        )
        only_mine = "" if viewer.sees_all else f" AND v.claim_id IN ({mine})"
        graded = self.db.execute(
            f"SELECT v.article_id, coalesce(o.verdict, v.verdict) AS shown, count(*)"
            f" FROM claim_verdicts v LEFT JOIN ({own}) o ON o.claim_id = v.claim_id"
            f" WHERE v.live = 1{one}{stale}{only_mine}{_NOT_IN} GROUP BY v.article_id, shown",
            [viewer.name, viewer.name, *params]
            + ([] if viewer.sees_all else [viewer.name])
            + [apart],
        ).fetchall()
        if viewer.sees_all:
            return _with_disputed(graded, disputed)
        # Claims they did not grade but gave the final verdict of: their latest own grade.
        in_article = " AND c.article_id = ?" if article_id is not None else ""
        finals = self.db.execute(
            "SELECT c.article_id, g.verdict, count(*) FROM grades g"
            " JOIN claims c ON c.id = g.claim_id"
            f" WHERE g.reviewer = ? AND g.final = 1 AND c.status != 'dismissed'{in_article}"
            f"{' AND g.stale = 1' if stale_only else ''} AND g.claim_id NOT IN ({mine})"
            " AND g.id = (SELECT id FROM grades WHERE claim_id = g.claim_id AND reviewer = ?"
            " ORDER BY final DESC, graded_at DESC, id DESC LIMIT 1)"
            " GROUP BY c.article_id, g.verdict",
            [viewer.name, *params, viewer.name, viewer.name],
        ).fetchall()
        return _with_disputed([*graded, *finals], disputed)

    def _disputed_claims(
        self, article_id: int | None, viewer: Viewer | None
    ) -> list[tuple[int, int]]:
        """(article, claim) of each live claim ``settle`` finds disputed: its reviewers
        disagree and no final verdict settles it. None for a blind reviewer: their own
        grade is the verdict for them (``current_verdicts``), the dispute a flag beside it.

        SQL narrows to claims with two verdicts and no final one (what a dispute needs);
        ``settle`` decides, the rule the exports read.
        """
        if viewer is not None and not viewer.sees_all:
            return []
        one = " AND v.article_id = ?" if article_id is not None else ""
        rows = self.db.execute(
            "SELECT g.* FROM grades g JOIN claim_verdicts v ON v.claim_id = g.claim_id"
            f" WHERE v.live = 1{one} AND g.claim_id IN (SELECT claim_id FROM grades"
            " WHERE final = 0 GROUP BY claim_id HAVING count(DISTINCT verdict) > 1)"
            " AND NOT EXISTS (SELECT 1 FROM grades f WHERE f.claim_id = g.claim_id"
            " AND f.final = 1)",
            [article_id] if article_id is not None else [],
        )
        names = [d[0] for d in rows.description]
        grades: dict[int, list[Grade]] = {}
        for row in rows.fetchall():
            grade = to_grade(dict(zip(names, row, strict=True)))
            grades.setdefault(grade.claim_id, []).append(grade)
        disputed = [cid for cid, gs in grades.items() if settle(gs).standing == Standing.DISPUTED]
        if not disputed:
            return []
        where = ",".join("?" * len(disputed))
        return [
            (int(aid), int(cid))
            for cid, aid in self.db.execute(
                f"SELECT claim_id, article_id FROM claim_verdicts WHERE claim_id IN ({where})",
                disputed,
            ).fetchall()
        ]

    def article_to_open(self, preferred: int = 0) -> int | None:
        """``preferred`` if that article exists, else the first one; None when none is.

        Two look-ups by key: opening one article never reads the list of them all.
        """
        row = self.db.execute(
            "SELECT id FROM articles WHERE id = ? UNION ALL SELECT min(id) FROM articles",
            [preferred],
        ).fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def delete_article(self, article_id: int, *, reviewer: str) -> None:
        """Delete an article with everything hanging on it, as one undoable action.

        Every removed row is logged with its full contents, children first, so undo
        (which replays a batch backwards) puts the article back before its claims and
        the claims before their grades and links.
        """
        before = self._row("article", article_id)
        claim_ids = "SELECT id FROM claims WHERE article_id = ?"
        children = (
            ("evidence", f"claim_id IN ({claim_ids})"),
            ("grade", f"claim_id IN ({claim_ids})"),
            ("claim", "article_id = ?"),
            ("article_version", "article_id = ?"),
            ("assignment", "article_id = ?"),
        )
        with self._action():
            for entity, where in children:
                table = self.db.table(ENTITY_TABLES[entity])
                for row in list(table.rows_where(where, [article_id], order_by="id")):
                    table.delete(row["id"])
                    claim_id = row["id"] if entity == "claim" else row.get("claim_id")
                    self._event(
                        reviewer,
                        "delete",
                        entity,
                        row["id"],
                        row,
                        None,
                        article_id=article_id,
                        claim_id=claim_id,
                    )
            self.db.table("articles").delete(article_id)
            self._event(
                reviewer, "delete", "article", article_id, before, None, article_id=article_id
            )

    # -- claims -----------------------------------------------------------------

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
        claim = self.get_claim(claim_id)
        if label == claim.label:
            return claim  # confirming the label unchanged is not an edit worth an event
        with self._action():
            return self._update_claim(
                claim_id, {"label": label, "label_edited": 1}, reviewer, "edit-label"
            )

    def set_claim_note(self, claim_id: int, note: str, *, reviewer: str) -> Claim:
        self.get_claim(claim_id)
        with self._action():
            return self._update_claim(claim_id, {"note": note.strip()}, reviewer, "note")

    def _check_span(self, article: Article, start: int, end: int, ignore: set[int]) -> None:
        problem = span_problem(start, end, len(article.text), f"article {article.id}")
        if problem is not None:
            raise InputError(problem)
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
        self, article_id: int, proposal: ProposedClaim, *, reviewer: str, label_edited: bool
    ) -> Claim:
        """A reviewer's own claim over a span that no live claim covers, accepted.

        Its span, label and check-worthiness come decided (``app.claim_ops.add_claim``);
        ``label_edited``: the label is the reviewer's (a new version never rewrites it).
        """
        article = self.get_article(article_id)
        start, end = proposal.start, proposal.end
        self._check_span(article, start, end, ignore=set())
        proposal = replace(proposal, text=article.text[start:end])
        with self._action():
            claim_id = self._insert_claim(
                article_id,
                proposal,
                Origin.MANUAL,
                reviewer,
                "add",
                self.clock(),
                status=ClaimStatus.ACCEPTED,
                label_edited=label_edited,
            )
        return self.get_claim(claim_id)

    def live_claim(self, claim_id: int, verb: str) -> Claim:
        """The claim, if its offsets still point into the current text of its article
        (else one clear error: ``verb`` is what was tried)."""
        claim = self.get_claim(claim_id)
        if claim.anchor == Anchor.ORPHANED:
            raise InputError(
                f"claim {claim_id} was not found in the new version of its article: "
                f"add it again from the text instead of trying to {verb} it"
            )
        return claim

    def split_claim(
        self, claim_id: int, first: ProposedClaim, second: ProposedClaim, *, reviewer: str
    ) -> tuple[Claim, Claim]:
        """Split a claim in two: it keeps ``first``'s span and label, ``second`` becomes a
        new claim (both parts as ``app.claim_ops.split_claim`` decides them); its grades
        go to both parts."""
        claim = self.live_claim(claim_id, "split")
        article = self.get_article(claim.article_id)
        if not (claim.start <= first.start < first.end <= second.start < second.end <= claim.end):
            raise InputError(
                f"cannot split claim {claim_id} at {first.end}-{second.start}:"
                " pick a point inside its words"
            )
        second = replace(second, text=article.text[second.start : second.end])
        with self._action():
            left = self._update_claim(
                claim_id,
                {
                    "start": first.start,
                    "end": first.end,
                    "text": article.text[first.start : first.end],
                    "label": first.label,
                },
                reviewer,
                "split",
            )
            new_id = self._insert_claim(
                claim.article_id,
                second,
                claim.origin,
                reviewer,
                "split",
                self.clock(),
                status=claim.status,
            )
            self._split_grades(claim, new_id, reviewer)
        return left, self.get_claim(new_id)

    def next_claim(self, claim: Claim) -> Claim | None:
        """The live claim after ``claim`` in its article's text: what a merge joins it to."""
        later = [
            c
            for c in self.claims(claim.article_id)
            if c.start >= claim.end
            and c.status != ClaimStatus.DISMISSED
            and c.anchor != Anchor.ORPHANED
        ]
        return later[0] if later else None

    def merge_claims(self, claim_id: int, *, reviewer: str, label: str) -> Claim:
        """Merge a claim with the next live claim of its article; ``label``: the merged
        claim's (``app.claim_ops.merge_claims`` makes it)."""
        claim = self.live_claim(claim_id, "merge")
        nxt = self.next_claim(claim)
        if nxt is None:
            raise InputError(f"claim {claim_id} is the last claim of its article: nothing to merge")
        article = self.get_article(claim.article_id)
        text = article.text[claim.start : nxt.end]
        with self._action():
            # The next claim's links move to the merged claim, and its grades join the
            # merged claim's as grades.merge plans: nothing is dropped.
            for ev in list(self.db.table("evidence").rows_where("claim_id = ?", [nxt.id])):
                self._update_row("evidence", ev["id"], {"claim_id": claim_id}, reviewer, "merge",
                                 article_id=claim.article_id, claim_id=claim_id)  # fmt: skip
            self._merge_grades(claim, nxt, reviewer)
            nxt_row = self._row("claim", nxt.id)
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
                    "label": label,
                },
                reviewer,
                "merge",
            )

    def _merge_grades(self, claim: Claim, nxt: Claim, reviewer: str) -> None:
        """Carry out grades.merge's plan for the grades of ``nxt`` merged into ``claim``.

        Every grade of the merged claim ends stale (the words it judged changed); two of
        one reviewer both stay, marked as a conflict that reviewer settles.
        """
        rows = self.db.table("grades")
        kept = [to_grade(r) for r in rows.rows_where("claim_id = ?", [claim.id])]
        later = [to_grade(r) for r in rows.rows_where("claim_id = ?", [nxt.id])]
        plan = plan_grade_merge(kept, later)
        in_conflict = {g.id for group in plan.conflicts for g in group}
        where = {"article_id": claim.article_id, "claim_id": claim.id}
        # The kept claim's grades first: a slot in conflict is marked so before the later
        # claim's grade joins it (the unique index allows two grades only in conflict).
        for g in kept:
            fields: dict[str, Any] = {"stale": 1, "conflict": int(g.id in in_conflict)}
            self._update_row("grade", g.id, fields, reviewer, "merge", **where)
        for g in later:
            fields = {"claim_id": claim.id, "stale": 1, "conflict": int(g.id in in_conflict)}
            self._update_row("grade", g.id, fields, reviewer, "merge", **where)

    def _split_grades(self, claim: Claim, new_id: int, reviewer: str) -> None:
        """Each grade of a split claim stays on the part that keeps its id and is copied
        to the new part; all of them stale, since neither part is what was graded."""
        for row in list(self.db.table("grades").rows_where("claim_id = ?", [claim.id])):
            self._update_row("grade", row["id"], {"stale": 1}, reviewer, "split",
                             article_id=claim.article_id, claim_id=claim.id)  # fmt: skip
            copy = {k: v for k, v in row.items() if k != "id"}
            copy.update(claim_id=new_id, stale=1)
            grade_id = self._insert("grades", copy)
            self._event(reviewer, "split", "grade", grade_id, None, self._row("grade", grade_id),
                        article_id=claim.article_id, claim_id=new_id)  # fmt: skip

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
        return [to_claim(dict(r)) for r in self.db.query(sql, params)]
