"""Merging a colleague's annotator file into this one.

What is the same thing in both files:

- an article: the same text (sha256 of the stored text);
- a claim: the same span ``[start, end)`` of that article;
- a citation: a shared identifier (DOI, PMID, PMCID, arXiv, ISBN, URL), or for a source
  without one the same title, year and first author (``Store.find_citation``);
- an evidence link: same claim, citation, stance, quote and locator;
- a grade: same claim and reviewer (or the claim's final verdict);
- an assignment: same article and reviewer.

Whatever is missing here is brought in, as store actions with events, so history shows
the merge and a second run finds everything present and changes nothing. Where both
files hold something different for the same thing, this file's version stays and the
difference is reported as a conflict, never overwritten:

- a grade by the same reviewer (or a final verdict) with another verdict or certainty;
- a link by the same reviewer with the same quote and locator but another stance;
- a live claim whose span overlaps a different live claim here (it is not brought in,
  nor are its links and grades);
- a claim of the same span that a person decided otherwise there: accepted or
  dismissed, its label edited, a note (a claim left proposed there and the proposer's
  own label are no decision);
- a verdict that the scale in force here does not know;
- an article that is an earlier or a later text (version) of an article here: it is not
  brought in as a second article, nor are its claims, links and grades;
- an assignment there that was taken back here (unassigned, or its assigning undone):
  a desk's decision to take a reviewer off is not undone by a colleague's older copy.

Citations here keep their fields; empty fields are filled from the other file. An
assignment brought in keeps who assigned it and when, as there.

Assigning articles and setting final verdicts are an editor's (DESIGN.md "Review
rules"; ``assigning``, ``grading``), so a merge by someone who is not an editor leaves
the other file's new assignments and final verdicts out, counts them in ``skipped`` and
says why in one line (``MergeResult.skip_note``); an editor's merge brings them in later.
Grades and links under each reviewer's own name are what a merge is for and come in.
Under blind review a grade conflict on a claim the one merging has not graded is
counted (``hidden_conflicts``), not spelled out: it would show another's grade.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils.db import NoTable

from annotator.app.library import add_citations
from annotator.errors import AnnotatorError
from annotator.grades.visibility import Viewer, may_see
from annotator.model import (
    Article,
    Assignment,
    Citation,
    Claim,
    ClaimStatus,
    Evidence,
    Grade,
)
from annotator.sources.identifiers import citation_key
from annotator.store import Store

# What a merge counts, in the order the faces list them.
MERGED_KINDS = ("articles", "claims", "citations", "links", "grades", "assignments")

# What only an editor may bring in, as a merge by anyone else counts what it left out.
EDITORS_KINDS = ("assignments", "final verdicts")


@dataclass(frozen=True)
class Conflict:
    kind: str  # grade, final-grade, evidence, claim-span, claim-status, claim-label,
    # claim-note, verdict, citation, assignment, article-version
    claim_id: int | None  # the claim here (None when it could not be brought in)
    other_claim_id: int | None
    reviewer: str
    ours: str
    theirs: str
    message: str
    article_id: int | None = None  # the article here, for an assignment


@dataclass
class MergeResult:
    added: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MERGED_KINDS, 0))
    matched: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MERGED_KINDS, 0))
    conflicts: list[Conflict] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=lambda: dict.fromkeys(EDITORS_KINDS, 0))
    """New assignments and final verdicts left out: the one merging is not an editor."""
    merged_by: str = ""
    hidden_conflicts: int = 0
    """Grade conflicts left unlisted: blind review keeps those grades from who merges."""

    @property
    def changed(self) -> bool:
        return any(self.added.values())

    @property
    def skip_note(self) -> str:
        """One line on what was left out and why; empty when nothing was."""
        left = [f"{n} {kind if n != 1 else kind[:-1]}" for kind, n in self.skipped.items() if n]
        if not left:
            return ""
        return (
            f"not brought in: {' and '.join(left)}, since assigning articles and setting final"
            f" verdicts are an editor's and {self.merged_by!r} is not one: an editor merges"
            " them (editors are named in the desk config)"
        )

    @property
    def hidden_note(self) -> str:
        """One line on the conflicts blind review keeps back; empty when none are."""
        n = self.hidden_conflicts
        if not n:
            return ""
        it = "it" if n == 1 else "them"
        return (
            f"{n} conflict{'s' if n != 1 else ''} on claims you have not graded"
            f" {'is' if n == 1 else 'are'} not shown (blind review): grade them first, or an"
            f" editor merges to see {it}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": dict(self.added),
            "matched": dict(self.matched),
            "conflicts": [asdict(c) for c in self.conflicts],
            "skipped": dict(self.skipped),
            "skip_note": self.skip_note,
            "hidden_conflicts": self.hidden_conflicts,
        }


def merge_file(store: Store, path: str | Path, *, viewer: Viewer) -> MergeResult:
    """Merge the annotator database at ``path`` (opened read-only) into ``store``, as
    ``viewer`` (who merges; only an editor brings in assignments and final verdicts)."""
    p = Path(path)
    here = Path(store.name)
    if p.exists() and here.exists() and p.resolve() == here.resolve():
        raise AnnotatorError(f"{p} is the database in use: give a colleague's file to merge")
    other = Store.open_readonly(p, scales=store.scales)
    try:
        return merge_stores(store, other, viewer=viewer)
    except (ValueError, TypeError, KeyError, NoTable) as exc:
        # A row of theirs that is not what annotator writes (a status, kind or stance it
        # does not know, broken JSON, a view for a table): the one transaction of the
        # merge was rolled back, so nothing of theirs came in.
        raise AnnotatorError(
            f"{p} holds data annotator cannot read ({type(exc).__name__}: {exc}); nothing"
            " was merged: repair that file (or ask for a fresh copy) and merge again"
        ) from None
    finally:
        other.close()


def merge_stores(store: Store, other: Store, *, viewer: Viewer) -> MergeResult:
    """Bring ``other``'s articles, claims, citations, links, grades and assignments into
    ``store``, as ``viewer``: what is an editor's to do only if they are one.

    One action: a kill or an error part way leaves ``store`` as it was (and undo
    reverts the whole merge).
    """
    reviewer = viewer.name
    result = MergeResult(merged_by=reviewer)
    claim_map: dict[int, int] = {}  # other claim id -> claim id here
    article_map: dict[int, int] = {}  # other article id -> article id here
    with store.one_action():
        for article in other.list_articles():
            here_id = _merge_article(store, other, article.id, claim_map, result, reviewer)
            if here_id is not None:
                article_map[article.id] = here_id
        citation_map = _merge_citations(store, other, claim_map, result, reviewer)
        _merge_links(store, other, claim_map, citation_map, result, reviewer)
        _merge_grades(store, other, claim_map, result, viewer)
        _merge_assignments(store, other, article_map, result, viewer)
    return result


def _merge_article(
    store: Store,
    other: Store,
    other_article_id: int,
    claim_map: dict[int, int],
    result: MergeResult,
    reviewer: str,
) -> int | None:
    """Their article and its claims; returns the article's id here (None when it is
    another version of an article here, left out as a conflict)."""
    theirs = other.get_article(other_article_id)
    here = store.find_article(theirs.sha256)
    if here is None:
        version = _other_version(store, other, theirs)
        if version is not None:
            result.conflicts.append(version)
            return None
    their_claims = other.claims(other_article_id)
    if here is None:
        here = store.bring_in_article(theirs, their_claims, reviewer=reviewer)
        result.added["articles"] += 1
        result.added["claims"] += len(their_claims)
    else:
        result.matched["articles"] += 1
        ours = store.claims(here.id)
        by_span = {(c.start, c.end): c for c in ours}
        new: list[Claim] = []
        for c in their_claims:
            if (c.start, c.end) in by_span:
                result.matched["claims"] += 1
                result.conflicts.extend(_claim_differences(by_span[(c.start, c.end)], c))
                continue
            clash = _overlap(c, ours)
            if clash is not None:
                result.conflicts.append(
                    Conflict(
                        kind="claim-span",
                        claim_id=clash.id,
                        other_claim_id=c.id,
                        reviewer="",
                        ours=f"{clash.start}-{clash.end}",
                        theirs=f"{c.start}-{c.end}",
                        message=(
                            f"their claim {c.id} ({c.start}-{c.end}) overlaps claim {clash.id} "
                            f"here ({clash.start}-{clash.end}): not brought in, nor its links "
                            "and grades; split or merge claims so the spans agree, then merge again"
                        ),
                    )
                )
                continue
            new.append(c)
        if new:
            result.added["claims"] += store.bring_in_claims(here.id, new, reviewer=reviewer)
    spans = {(c.start, c.end): c.id for c in store.claims(here.id)}
    for c in their_claims:
        if (c.start, c.end) in spans:
            claim_map[c.id] = spans[(c.start, c.end)]
    return here.id


# What to run here to take their status instead.
_STATUS_COMMANDS = {
    ClaimStatus.ACCEPTED: "annotator claim accept",
    ClaimStatus.DISMISSED: "annotator claim dismiss",
}


def _claim_differences(ours: Claim, theirs: Claim) -> list[Conflict]:
    """Where a person decided a claim both files hold differently there: a status other
    than proposed, an edited label, a note. The proposer's own label and a claim left
    proposed there are no decision (another version of annotator labels otherwise)."""

    def conflict(kind: str, mine: str, other: str, message: str) -> Conflict:
        return Conflict(kind, ours.id, theirs.id, "", mine, other, f"claim {ours.id}: {message}")

    found = []
    if theirs.status != ClaimStatus.PROPOSED and theirs.status != ours.status:
        found.append(
            conflict(
                "claim-status",
                str(ours.status),
                str(theirs.status),
                f"{theirs.status} there and {ours.status} here: kept as it is here;"
                f" {_STATUS_COMMANDS[theirs.status]} {ours.id} if theirs is right",
            )
        )
    if theirs.label_edited and theirs.label != ours.label:
        found.append(
            conflict(
                "claim-label",
                ours.label,
                theirs.label,
                f"its label is {ours.label!r} here and {theirs.label!r} there: kept as it is"
                f" here; annotator label {ours.id} LABEL if theirs is right",
            )
        )
    if theirs.note and theirs.note != ours.note:
        found.append(
            conflict(
                "claim-note",
                ours.note,
                theirs.note,
                f"its note is {ours.note!r} here and {theirs.note!r} there: kept as it is"
                " here; edit the note if theirs is right",
            )
        )
    return found


def _other_version(store: Store, other: Store, theirs: Article) -> Conflict | None:
    """A conflict when their article is an earlier or a later text of an article here:
    brought in, it would be a second article with the same title and claims on another
    text. Their claims' spans hold in their text only, so nothing of it comes in."""
    older = store.find_earlier_version(theirs.sha256)
    if older is not None:
        article_id, version = older
        message = (
            f"is version {version} of article {article_id} here, which has a newer text"
            " since: not brought in, nor its claims, links and grades; merge this file"
            " into theirs (or import the newer text there), then merge again"
        )
        return _version_conflict(theirs, article_id, f"version {version}", message)
    for earlier in reversed(other.article_versions(theirs.id)):
        here = store.find_article(earlier.sha256)
        if here is not None:
            message = (
                f"is a newer version of article {here.id} here: not brought in, nor its"
                " claims, links and grades; import the newer text here (annotator import"
                f" FILE --replaces {here.id}), then merge again"
            )
            return _version_conflict(theirs, here.id, f"version {earlier.version}", message)
    return None


def _version_conflict(theirs: Article, article_id: int, ours: str, message: str) -> Conflict:
    return Conflict(
        kind="article-version",
        claim_id=None,
        other_claim_id=None,
        reviewer="",
        ours=ours,
        theirs="current",
        message=f"their article {theirs.id} {theirs.title!r} {message}",
        article_id=article_id,
    )


def _overlap(claim: Claim, ours: list[Claim]) -> Claim | None:
    if claim.status == ClaimStatus.DISMISSED:
        return None
    for c in ours:
        if c.status != ClaimStatus.DISMISSED and c.start < claim.end and claim.start < c.end:
            return c
    return None


def _merge_citations(
    store: Store, other: Store, claim_map: dict[int, int], result: MergeResult, reviewer: str
) -> dict[int, int]:
    """Every citation of the other library; returns other id -> id here."""
    mapping: dict[int, int] = {}
    incoming: list[Citation] = []
    for c in other.list_citations():
        if not citation_key(c) and not c.title.strip():
            result.conflicts.append(
                Conflict(
                    kind="citation",
                    claim_id=None,
                    other_claim_id=None,
                    reviewer="",
                    ours="",
                    theirs=str(c.id),
                    message=(
                        f"their citation {c.id} has neither an identifier nor a title, so it "
                        "cannot be matched: add it here by hand (its links were not brought in)"
                    ),
                )
            )
            continue
        if store.find_citation(c) is None:
            result.added["citations"] += 1
        else:
            result.matched["citations"] += 1
        incoming.append(c)
    if incoming:
        stored = add_citations(store, incoming, reviewer=reviewer)
        for theirs, (here, _new) in zip(incoming, stored, strict=True):
            mapping[theirs.id] = here.id
    return mapping


def _merge_links(
    store: Store,
    other: Store,
    claim_map: dict[int, int],
    citation_map: dict[int, int],
    result: MergeResult,
    reviewer: str,
) -> None:
    new: list[Evidence] = []
    for their_claim, our_claim in claim_map.items():
        ours = store.evidence_for(our_claim) + [e for e in new if e.claim_id == our_claim]
        for link in other.evidence_for(their_claim):
            if link.citation_id not in citation_map:
                continue
            mapped = Evidence(
                **{
                    **asdict(link),
                    "claim_id": our_claim,
                    "citation_id": citation_map[link.citation_id],
                }
            )
            same = [
                e
                for e in ours
                if (e.citation_id, e.quote, e.locator)
                == (mapped.citation_id, mapped.quote, mapped.locator)
            ]
            if any(e.stance == mapped.stance for e in same):
                result.matched["links"] += 1
                continue
            mine = next((e for e in same if e.reviewer == mapped.reviewer), None)
            if mine is not None:
                result.conflicts.append(
                    Conflict(
                        kind="evidence",
                        claim_id=our_claim,
                        other_claim_id=their_claim,
                        reviewer=mapped.reviewer,
                        ours=str(mine.stance),
                        theirs=str(mapped.stance),
                        message=(
                            f"claim {our_claim}: {mapped.reviewer}'s link to citation "
                            f"{mapped.citation_id} is {mine.stance} here and {mapped.stance} "
                            "there: kept as it is here; edit it if theirs is right"
                        ),
                    )
                )
                continue
            new.append(mapped)
            ours.append(mapped)
    if new:
        result.added["links"] += store.bring_in_evidence(new, reviewer=reviewer)


def _merge_grades(
    store: Store, other: Store, claim_map: dict[int, int], result: MergeResult, viewer: Viewer
) -> None:
    new: list[Grade] = []
    scale = store.scales.verdict
    for their_claim, our_claim in claim_map.items():
        ours = store.grades_for(our_claim)
        graded_it = any(o.reviewer == viewer.name and not o.final for o in ours)
        for g in other.grades_for(their_claim):
            # A conflict spells out both grades: only for whom blind review lets see them.
            shown = may_see(viewer, g.reviewer, graded_it)
            mine = next(
                (o for o in ours if o.final == g.final and (g.final or o.reviewer == g.reviewer)),
                None,
            )
            who = "the final verdict" if g.final else f"{g.reviewer}'s grade"
            if scale.get(g.verdict) is None:
                if not shown:
                    result.hidden_conflicts += 1
                    continue
                result.conflicts.append(
                    _grade_conflict(
                        "verdict",
                        our_claim,
                        their_claim,
                        g,
                        "",
                        (
                            f"claim {our_claim}: {who} there is {g.verdict!r}, which the scale in "
                            "force here does not have: not brought in; merge with the same --scale"
                        ),
                    )  # fmt: skip
                )
                continue
            if mine is None and g.final and not viewer.editor:
                result.skipped["final verdicts"] += 1
                continue
            if mine is None:
                new.append(Grade(**{**asdict(g), "claim_id": our_claim, "reasons": g.reasons}))
                continue
            if (mine.verdict, mine.certainty) == (g.verdict, g.certainty):
                result.matched["grades"] += 1
                continue
            if not shown:
                result.hidden_conflicts += 1
                continue
            ours_text = mine.verdict + (f" ({mine.certainty})" if mine.certainty else "")
            theirs_text = g.verdict + (f" ({g.certainty})" if g.certainty else "")
            result.conflicts.append(
                _grade_conflict(
                    "final-grade" if g.final else "grade",
                    our_claim,
                    their_claim,
                    g,
                    ours_text,
                    f"claim {our_claim}: {who} is {ours_text} here and {theirs_text} there: "
                    "kept as it is here; grade again to change it",
                    theirs_text,
                )
            )
    if new:
        added = store.bring_in_grades(new, reviewer=viewer.name)
        result.added["grades"] += len(added)


def _merge_assignments(
    store: Store, other: Store, article_map: dict[int, int], result: MergeResult, viewer: Viewer
) -> None:
    """Who checks what: their assignments of articles here; one taken back here stays so."""
    new: list[Assignment] = []
    for a in other.assignments():
        article_id = article_map.get(a.article_id)
        if article_id is None:
            continue
        if store.assignments(article_id=article_id, reviewer=a.reviewer):
            result.matched["assignments"] += 1
            continue
        taken = store.taken_off(article_id, a.reviewer)
        if taken is not None:
            by, at = taken
            result.conflicts.append(
                Conflict(
                    kind="assignment",
                    claim_id=None,
                    other_claim_id=None,
                    reviewer=a.reviewer,
                    ours="taken off",
                    theirs="assigned",
                    message=(
                        f"article {article_id}: {a.reviewer} was taken off it here ({by}, {at})"
                        f" and is assigned there (by {a.assigned_by}, {a.assigned_at}): kept as"
                        f" it is here; assign {a.reviewer} again if theirs is right"
                    ),
                    article_id=article_id,
                )
            )
            continue
        if not viewer.editor:
            result.skipped["assignments"] += 1
            continue
        new.append(Assignment(**{**asdict(a), "article_id": article_id}))
    if new:
        added = store.bring_in_assignments(new, reviewer=viewer.name)
        result.added["assignments"] += len(added)


def _grade_conflict(
    kind: str,
    our_claim: int,
    their_claim: int,
    g: Grade,
    ours: str,
    message: str,
    theirs: str | None = None,
) -> Conflict:
    return Conflict(
        kind=kind,
        claim_id=our_claim,
        other_claim_id=their_claim,
        reviewer=g.reviewer,
        ours=ours,
        theirs=g.verdict if theirs is None else theirs,
        message=message,
    )
