"""The export part of Store: everything the exports read, fetched set-wise."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import Any, NamedTuple

from annotator.grades.visibility import Viewer, visible_grades
from annotator.model import Article, Citation, Claim, Evidence, Grade
from annotator.store._base import STANCE_ORDER, StoreBase
from annotator.store._rows import to_article, to_citation, to_claim, to_evidence, to_grade

# Claims per part of a streamed export: memory stays flat however many claims there are.
PART_SIZE = 5000


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
    stale: int  # 1 when a grade that decides the verdict went stale (Store.stale_claims)
    anchor: str  # how the claim followed the article's last version (model.Anchor)


_first = itemgetter(0)


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

    ``lines`` holds one tuple per claim, fields in the order of ``TableLine``;
    ``evidence`` is keyed by claim id, each claim's links in the order of
    ``Store.evidence_for``, fields in the order of ``EvidenceLine``; ``citations``
    holds the cited sources only. The lines are plain tuples, as the database returns
    them: Python's cycle collector stops tracking a tuple of plain values, never a
    NamedTuple, and tracking 250,000 of them took a quarter of a large export's time.
    """

    articles: dict[int, Article]
    lines: list[tuple[Any, ...]]
    evidence: dict[int, tuple[tuple[Any, ...], ...]]
    citations: dict[int, Citation]

    def named_lines(self) -> list[TableLine]:
        """The lines with their field names, for the few readers that want them."""
        return list(map(TableLine._make, self.lines))


_TABLE_SQL = """
SELECT c.id, c.article_id, c.start, c."end", c.label, c.text, c.status, c.score, c.note,
  c.updated_at, g.verdict, g.certainty,
  (SELECT group_concat(value, ', ') FROM json_each(g.reasons)), g.note, g.final,
  g.graded_at,
  (SELECT group_concat(r.reviewer || ': ' || r.verdict, '; ') FROM (SELECT reviewer, verdict
     FROM grades WHERE claim_id = c.id AND final = 0 ORDER BY reviewer) r),
  (SELECT max(graded_at) FROM grades WHERE claim_id = c.id),
  CASE WHEN g.final = 1 THEN g.stale
    ELSE EXISTS (SELECT 1 FROM grades s WHERE s.claim_id = c.id AND s.stale = 1) END,
  c.anchor
FROM claims c
LEFT JOIN grades g ON g.id = (SELECT id FROM grades WHERE claim_id = c.id
  ORDER BY final DESC, graded_at DESC, id DESC LIMIT 1)
{where}
ORDER BY c.article_id, c.start, c.id
"""


def _claims_of(article_id: int | None) -> tuple[str, list[Any]]:
    """The WHERE on claims ``c`` of one article, or of all when None."""
    if article_id is not None:
        return " WHERE c.article_id = ?", [article_id]
    return "", []


class ExportActions(StoreBase):
    """Store methods that read a whole article (or all of them) for the exports."""

    def _scope(self, article_id: int | None) -> tuple[dict[int, Article], str, list[Any]]:
        """The articles read (one, or all when None) and the WHERE on claims ``c`` for them."""
        if article_id is not None:
            return {article_id: self.get_article(article_id)}, *_claims_of(article_id)
        return {a.id: a for a in self.list_articles()}, *_claims_of(None)

    def _cited(self, where: str, params: list[Any]) -> dict[int, Citation]:
        """The sources linked as evidence to the claims that ``where`` picks."""
        rows = self.db.query(
            "SELECT * FROM citations WHERE id IN (SELECT e.citation_id FROM evidence e"
            f" JOIN claims c ON c.id = e.claim_id{where})",
            params,
        )
        return {int(r["id"]): to_citation(r) for r in rows}

    def _scope_grades(self, where: str, params: list[Any]) -> dict[int, list[Grade]]:
        """Every grade of the claims ``where`` picks, by claim: final first, then by name."""
        grades: dict[int, list[Grade]] = {}
        for r in self.db.query(
            f"SELECT g.* FROM grades g JOIN claims c ON c.id = g.claim_id{where}"
            " ORDER BY g.claim_id, g.final DESC, g.reviewer",
            params,
        ):
            grades.setdefault(int(r["claim_id"]), []).append(to_grade(r))
        return grades

    def claim_table(
        self, article_id: int | None = None, *, viewer: Viewer | None = None
    ) -> ClaimTable:
        """The graded claim table's data, set-wise: four queries whatever the size.

        With a ``viewer``, each claim's grade columns hold only what that person may see.
        """
        articles, where, params = self._scope(article_id)
        lines = self.db.conn.execute(_TABLE_SQL.format(where=where), params).fetchall()
        if viewer is not None and not viewer.sees_all:
            lines = _blinded_lines(lines, self._scope_grades(where, params), viewer)
        evidence, citations = self._table_links(where, params)
        return ClaimTable(articles, lines, evidence, citations)

    def claim_table_parts(
        self,
        article_id: int | None = None,
        size: int = PART_SIZE,
        *,
        viewer: Viewer | None = None,
    ) -> Iterator[ClaimTable]:
        """The graded claim table in parts of ``size`` claims, in table order, for exports
        that stream: each part holds only its claims' links, sources and articles; with a
        ``viewer``, the grades that person may see (as ``claim_table``).

        An unknown article fails here, before the first part is asked for.
        """
        if article_id is not None:
            self.get_article(article_id)
        where, params = _claims_of(article_id)
        cursor = self.db.conn.execute(_TABLE_SQL.format(where=where), params)
        return self._table_parts(cursor, size, viewer)

    def _table_parts(self, cursor: Any, size: int, viewer: Viewer | None) -> Iterator[ClaimTable]:
        while lines := cursor.fetchmany(size):
            ids = json.dumps([line[0] for line in lines])
            part = " WHERE c.id IN (SELECT value FROM json_each(?))"
            if viewer is not None and not viewer.sees_all:
                lines = _blinded_lines(lines, self._scope_grades(part, [ids]), viewer)
            evidence, citations = self._table_links(part, [ids])
            article_ids = json.dumps(sorted({line[1] for line in lines}))
            articles = {
                int(r["id"]): to_article(r)
                for r in self.db.query(
                    "SELECT * FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                    [article_ids],
                )
            }
            yield ClaimTable(articles, lines, evidence, citations)

    def _table_links(
        self, where: str, params: list[Any]
    ) -> tuple[dict[int, tuple[tuple[Any, ...], ...]], dict[int, Citation]]:
        """The evidence lines (by claim) and cited sources of the claims ``where`` picks."""
        conn = self.db.conn
        stances = " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(STANCE_ORDER))
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
        evidence = {claim_id: tuple(links) for claim_id, links in groupby(cursor, _first)}
        return evidence, self._cited(where, params)

    def export_data(
        self, article_id: int | None = None, *, viewer: Viewer | None = None
    ) -> ExportData:
        """Articles, claims, grades, evidence and cited sources for the exports; with a
        ``viewer``, the grades that person may see."""
        articles, where, params = self._scope(article_id)
        claims = [
            to_claim(r)
            for r in self.db.query(
                f"SELECT c.* FROM claims c{where} ORDER BY c.article_id, c.start, c.id", params
            )
        ]
        grades = self._scope_grades(where, params)
        if viewer is not None and not viewer.sees_all:
            seen = {cid: visible_grades(gs, viewer) for cid, gs in grades.items()}
            grades = {cid: gs for cid, gs in seen.items() if gs}
        links = [
            to_evidence(r)
            for r in self.db.query(
                f"SELECT e.* FROM evidence e JOIN claims c ON c.id = e.claim_id{where}", params
            )
        ]
        citations = self._cited(where, params)
        stance_order = {s: i for i, s in enumerate(STANCE_ORDER)}
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


def _blinded_lines(
    lines: list[tuple[Any, ...]], grades: dict[int, list[Grade]], viewer: Viewer
) -> list[tuple[Any, ...]]:
    """Table lines whose grade columns come from the grades ``viewer`` may see."""
    out = []
    for line in lines:
        every = grades.get(line[0], [])
        seen = visible_grades(every, viewer)
        if len(seen) == len(every):
            out.append(line)
            continue
        final = next((g for g in seen if g.final), None)
        current = final or max(seen, key=lambda g: (g.graded_at, g.id), default=None)
        own = sorted((g for g in seen if not g.final), key=lambda g: g.reviewer)
        grade_cells: tuple[Any, ...] = (None,) * 6
        if current is not None:
            grade_cells = (
                current.verdict,
                current.certainty,
                ", ".join(current.reasons) or None,
                current.note,
                int(current.final),
                current.graded_at,
            )
        out.append(
            (
                *line[:10],
                *grade_cells,
                "; ".join(f"{g.reviewer}: {g.verdict}" for g in own) or None,
                max((g.graded_at for g in seen), default=None),
                # As the table's query: the final grade decides, else any stale grade.
                int(final.stale if final is not None else any(g.stale for g in seen)),
                line[19],  # the anchor: the claim's, not a grade's
            )
        )
    return out
