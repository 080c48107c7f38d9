"""The event log's use cases both faces call: verify it, undo and redo, say what was done."""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator.app.event_sentences import history_sentences
from annotator.app.wording import counted
from annotator.errors import InputError
from annotator.grades.visibility import Viewer
from annotator.model import Event, LogHead, Reversal
from annotator.sources.identifiers import format_reference
from annotator.store import Store

_HEAD = re.compile(r"(\d{1,18}):([0-9a-f]{64})")

# How an action reads in "Undone: alice's ... on claim 6".
_ACTION_NOUNS = {
    "grade": "grade",
    "final-grade": "final verdict",
    "link": "link",
    "unlink": "unlink",
    "edit-evidence": "evidence edit",
    "edit-label": "label edit",
    "note": "note",
    "accept": "acceptance",
    "dismiss": "dismissal",
    "restore": "restore",
    "split": "split",
    "merge": "merge",
    "add": "new claim",
    "delete": "deletion",
    "new-version": "new version",
    "set-type": "study design",
    "set-retracted": "retraction mark",
    "set-accessed": "accessed date",
    "set-text": "source text",
    "assign": "assignment",
    "unassign": "unassignment",
}


# The rows a merge brings in, in the order its summary lists them, by their names there.
_MERGED_ROWS = (
    ("article", "article"),
    ("claim", "claim"),
    ("citation", "citation"),
    ("evidence", "link"),
    ("grade", "grade"),
    ("assignment", "assignment"),
)


def _makes(event: Event, entity: str) -> bool:
    """Whether ``event`` made a row of ``entity``."""
    return event.entity == entity and event.before is None and event.after is not None


def _rows_made(events: list[Event]) -> str:
    """'1 article, 2 claims, 1 grade': the rows an action made, by kind."""
    counts = [
        (noun, len({e.entity_id for e in events if _makes(e, entity)}))
        for entity, noun in _MERGED_ROWS
    ]
    return ", ".join(counted(n, noun) for noun, n in counts if n) or "nothing new"


def parse_head(text: str) -> LogHead:
    """A head as ``verify`` prints it: ``COUNT:HASH``."""
    found = _HEAD.fullmatch(text.strip().lower())
    if found is None:
        raise InputError(
            f"{text!r} is not a log head: give it as verify prints it (COUNT:HASH, a number,"
            " a colon and 64 hex digits)"
        )
    return LogHead(int(found[1]), found[2])


@dataclass(frozen=True)
class UndoOutcome:
    """What to tell the reviewer, and the claim to show (None: stay where you are)."""

    message: str
    claim_id: int | None
    changed: bool


def undo(store: Store, reviewer: str, article_id: int | None = None) -> UndoOutcome:
    return _outcome(store.undo(reviewer=reviewer, article_id=article_id), "undo", reviewer)


def redo(store: Store, reviewer: str, article_id: int | None = None) -> UndoOutcome:
    return _outcome(store.redo(reviewer=reviewer, article_id=article_id), "redo", reviewer)


def _outcome(result: Reversal | None, kind: str, reviewer: str) -> UndoOutcome:
    if result is None:
        return UndoOutcome(f"Nothing to {kind} for {reviewer}.", None, False)
    what = describe_action(list(result.original))
    if result.done:
        verb = "Undone" if kind == "undo" else "Redone"
        return UndoOutcome(f"{verb}: {what}", result.claim_id, True)
    further = "the next undo goes further back" if kind == "undo" else "nothing to redo there"
    return UndoOutcome(
        f"Not {kind}ne: {what}: {result.blocked}; nothing changed ({further})",
        result.claim_id,
        False,
    )


def describe_action(events: list[Event]) -> str:
    """ "alice's grade 'mixed' on claim 6": who did what, where."""
    if not events:
        return "an empty action"
    first = events[0]
    if any(e.action == "merge-in" for e in events):
        return f"{first.reviewer}'s merge of another file ({_rows_made(events)})"
    if first.action == "add" and first.entity != "claim":
        # A source added (one, or a file's worth): "add" names a claim's addition below.
        made = list(dict.fromkeys(e.entity_id for e in events if _makes(e, first.entity)))
        if len(made) == 1:
            return f"{first.reviewer}'s new {first.entity} {made[0]}"
        return f"{first.reviewer}'s {len(made)} new {first.entity}s"
    merged = [e.entity_id for e in events if e.action == "merge" and e.entity == "citation"]
    if len(merged) == 2:  # a citation merge: the one dropped, then the one kept
        return f"{first.reviewer}'s merge of citation {merged[0]} into citation {merged[1]}"
    noun = _ACTION_NOUNS.get(first.action, first.action)
    if first.action in ("grade", "final-grade"):
        verdict = next((e.after["verdict"] for e in events if e.after and "verdict" in e.after),
                       None)  # fmt: skip
        if verdict is not None:
            noun += f" {verdict!r}"
    elif first.action in ("link", "unlink"):
        change = first.after or first.before or {}
        if "citation_id" in change:
            noun += f" of citation {change['citation_id']}"
    if first.claim_id is not None:
        where = f"claim {first.claim_id}"
    elif first.entity == "article":
        where = f"article {first.entity_id}"
    elif first.entity == "assignment" and first.article_id is not None:
        whom = sorted({str((e.after or e.before or {}).get("reviewer", "")) for e in events})
        where = f"article {first.article_id} ({', '.join(w for w in whom if w)})"
    else:
        where = f"{first.entity} {first.entity_id}"
    return f"{first.reviewer}'s {noun} on {where}"


def claim_history(store: Store, claim_id: int, viewer: Viewer | None) -> list[tuple[Event, str]]:
    """A claim's events as ``viewer`` may see them, each with its sentence; the sources
    its links point to named by their reference, as the evidence panel names them."""
    events = store.history(claim_id, viewer=viewer)
    ids = sorted(
        {
            int(row["citation_id"])
            for e in events
            if e.entity == "evidence"
            for row in (e.before, e.after)
            if row and isinstance(row.get("citation_id"), int)
        }
    )
    sources = {c.id: format_reference(c) for c in store.citations_by_id(ids)}
    return history_sentences(events, sources)
