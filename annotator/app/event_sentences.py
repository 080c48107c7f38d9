"""One event of the log as a sentence a person reads: "alice graded mixed → unsupported".

Pure: an ``Event`` in, plain text out. The CLI's ``history`` and the TUI's history
screen both call ``event_sentence``; ``--json`` keeps the whole event for machines.
An event may hold whole rows or only the fields that changed, so every field is read
with a default; an action this module does not know still reads as
"who did what to which thing: field old → new".
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from annotator.model import Event

# Fields that say when or where, not what: never listed as changes.
_QUIET = frozenset(
    {"id", "updated_at", "created_at", "graded_at", "sentence_start", "sentence_end"}
)
# A quoted piece of text is cut to this many characters.
_QUOTE_WIDTH = 60
# How a link's quote was found in the source's stored text (QuoteMatch), in words.
_QUOTE_STATES = {
    "exact": "quote exact",
    "approximate": "quote approximate",
    "not-found": "quote not found in the source",
    "no-text": "quote unchecked: no source text",
}


def quoted(text: Any, width: int = _QUOTE_WIDTH) -> str:
    """Text in curly quotes on one line, cut with an ellipsis when longer than ``width``."""
    flat = " ".join(str(text or "").split())
    if len(flat) > width:
        flat = flat[: width - 1].rstrip() + "…"
    return f"\u201c{flat}\u201d"


def _fields(event: Event) -> tuple[dict[str, Any], dict[str, Any]]:
    return event.before or {}, event.after or {}


def _now(event: Event, key: str) -> Any:
    """A field's value after the event, else before it (a delete)."""
    before, after = _fields(event)
    return after.get(key, before.get(key))


def _changes(event: Event, skip: frozenset[str] = frozenset()) -> list[str]:
    """'field: old → new' for each field the event changed."""
    before, after = _fields(event)
    parts = []
    for key in sorted(set(before) | set(after)):
        if key in _QUIET or key in skip or before.get(key) == after.get(key):
            continue
        old, new = before.get(key), after.get(key)
        parts.append(f"{key}: {_short(old)} → {_short(new)}")
    return parts


def _short(value: Any) -> str:
    if value is None or value == "":
        return "(none)"
    if isinstance(value, str) and (len(value) > 30 or " " in value):
        return quoted(value, 30)
    return str(value)


def _reasons(value: Any) -> list[str]:
    if isinstance(value, str):  # a stored row holds its reasons as a JSON list
        try:
            value = json.loads(value)
        except ValueError:
            return [value] if value else []
    return [str(r) for r in value or []]


def _grade_details(row: dict[str, Any]) -> str:
    """'(certainty low; overstated; note “…”)' for a grade row, or ''."""
    parts = []
    if row.get("certainty"):
        parts.append(f"certainty {row['certainty']}")
    parts.extend(_reasons(row.get("reasons")))
    if row.get("note"):
        parts.append(f"note {quoted(row['note'], 40)}")
    return f" ({'; '.join(parts)})" if parts else ""


def _grade(event: Event) -> str:
    before, after = _fields(event)
    verb = "set the final verdict" if event.action == "final-grade" else "graded"
    old, new = before.get("verdict"), after.get("verdict")
    verdict = f"{old} → {new}" if old and new and old != new else str(new or old or "")
    again = " again" if old and old == new else ""
    return f"{verb} {verdict}{again}".rstrip() + _grade_details(after)


def _link_details(row: dict[str, Any]) -> str:
    parts = [str(row["stance"])] if row.get("stance") else []
    if row.get("quote"):
        parts.append(_QUOTE_STATES.get(str(row.get("quote_verified")), "quote unchecked"))
    if row.get("locator"):
        parts.append(str(row["locator"]))
    return f" ({', '.join(parts)})" if parts else ""


def _source(citation_id: Any, sources: Mapping[int, str]) -> str:
    """A source as a reader knows it: its reference (quoted, cut) and its id; the id
    alone when it is not known (merged away, or no names given)."""
    name = sources.get(citation_id) if isinstance(citation_id, int) else None
    return f"{quoted(name, 50)} (citation {citation_id})" if name else f"citation {citation_id}"


def _evidence(event: Event, sources: Mapping[int, str] | None = None) -> str:
    before, after = _fields(event)
    citation = _source(_now(event, "citation_id"), sources or {})
    action = event.action
    if action in ("link", "reuse", "merge-in", "copy") and event.before is None:
        verb = {"link": "linked", "reuse": "reused", "merge-in": "brought in a link to"}.get(
            action, "copied a link to"
        )
        return f"{verb} {citation}{_link_details(after)}"
    if action == "unlink" or (event.after is None and event.before is not None):
        return f"unlinked {citation}{_link_details(before)}"
    if action == "merge" and before.get("citation_id") != after.get("citation_id"):
        return (
            f"merged citation {before.get('citation_id')} into citation "
            f"{after.get('citation_id')}: the link now names citation {after.get('citation_id')}"
        )
    if action == "merge" and before.get("claim_id") != after.get("claim_id"):
        return (
            f"merged claim {before.get('claim_id')} into claim {after.get('claim_id')}: "
            f"its link to {citation} moved along{_link_details(after)}"
        )
    if action == "recheck-quote":
        return (
            f"re-checked the quote from {citation}: "
            f"{before.get('quote_verified')} → {after.get('quote_verified')}"
        )
    changes = _changes(event, frozenset({"quote_match", "claim_id", "citation_id"}))
    return f"changed the link to {citation}" + (f": {'; '.join(changes)}" if changes else "")


def _claim(event: Event) -> str:
    before, after = _fields(event)
    claim = event.entity_id
    label = _now(event, "label")
    simple = {
        "accept": "accepted",
        "dismiss": "dismissed",
        "restore": "restored",
    }
    if event.action in simple:
        return f"{simple[event.action]} claim {claim}"
    if event.before is None:
        verb = {
            "propose": "proposed",
            "add": "added",
            "split": "split off",
            "merge-in": "brought in",
        }.get(event.action, f"{event.action}:")
        return f"{verb} claim {claim} {quoted(label)}".rstrip()
    if event.after is None:
        if event.action == "merge":
            return f"merged claim {claim} into the claim before it"
        return f"deleted claim {claim} {quoted(label)}"
    if event.action == "edit-label":
        return f"relabelled claim {claim}: {quoted(before.get('label'))} → {quoted(label)}"
    if event.action == "note":
        note = after.get("note")
        return (
            f"noted on claim {claim}: {quoted(note)}" if note else f"cleared claim {claim}'s note"
        )
    if event.action in ("split", "merge"):
        verb = "split claim" if event.action == "split" else "merged the next claim into claim"
        words = after.get("text")
        return f"{verb} {claim}" + (f": now {quoted(words)}" if words else "")
    if event.action == "reanchor":
        how = after.get("anchor") or "found"
        moved = (
            ", its words changed"
            if "text" in after and before.get("text") != after.get("text")
            else ""
        )
        label_note = ""
        if before.get("label") != after.get("label") and "label" in after:
            label_note = f"; label {quoted(before.get('label'))} → {quoted(after.get('label'))}"
        return f"carried claim {claim} into the new version ({how}{moved}){label_note}"
    changes = _changes(event, frozenset({"text"}))
    return f"{event.action} claim {claim}" + (f": {'; '.join(changes)}" if changes else "")


def _grade_entity(event: Event) -> str:
    before, after = _fields(event)
    whose = _now(event, "reviewer")
    if event.action in ("grade", "final-grade"):
        return _grade(event)
    if event.action == "stale":
        owner = "their" if whose == event.reviewer else f"{whose}'s"
        return (
            f"marked {owner} grade {_now(event, 'verdict')} stale:"
            " the claim's words changed in a new version"
        )
    if event.action == "merge-in" and event.before is None:
        return f"brought in {whose}'s grade {after.get('verdict')}{_grade_details(after)}"
    if event.action in ("merge", "split"):
        return _grade_carried(event, "their" if whose == event.reviewer else f"{whose}'s")
    if event.after is None:
        return f"deleted {whose}'s grade {before.get('verdict')}"
    changes = _changes(event, frozenset({"claim_id", "reviewer"}))
    return f"{event.action} {whose}'s grade" + (f": {'; '.join(changes)}" if changes else "")


def _grade_carried(event: Event, whose: str) -> str:
    """A grade carried through a merge or split of its claim."""
    before, after = _fields(event)
    verdict = f" {_now(event, 'verdict')}" if _now(event, "verdict") else ""
    if event.after is None:
        return f"removed {whose} grade{verdict} in the {event.action}"
    marks = []
    if after.get("stale") and not before.get("stale"):
        marks.append("stale")
    if after.get("conflict") and not before.get("conflict"):
        marks.append("a conflict to settle")
    why = f" ({'; '.join(marks)})" if marks else ""
    if event.before is None:
        return f"copied {whose} grade{verdict} to claim {after.get('claim_id')}{why}"
    if "claim_id" in after and before.get("claim_id") != after.get("claim_id"):
        return (
            f"moved {whose} grade{verdict} from claim {before.get('claim_id')}"
            f" to claim {after.get('claim_id')}{why}"
        )
    return f"kept {whose} grade{verdict} through the {event.action}{why}"


def _assignment(event: Event) -> str:
    before, after = _fields(event)
    whom = after.get("reviewer") or before.get("reviewer")
    if event.after is None:
        return f"took article {event.article_id} from {whom}"
    if event.action == "merge-in" and event.before is None:
        return (
            f"brought in the assignment of article {event.article_id} to {whom}"
            f" (by {after.get('assigned_by')})"
        )
    if event.before is None:
        return f"assigned article {event.article_id} to {whom}"
    return _generic(event)


_BY_ENTITY: dict[str, Callable[[Event], str]] = {
    "assignment": _assignment,
    "grade": _grade_entity,
    "evidence": _evidence,
    "claim": _claim,
}


def _generic(event: Event) -> str:
    if event.before is None:
        return f"{event.action} {event.entity} {event.entity_id}"
    if event.after is None:
        return f"{event.action} {event.entity} {event.entity_id} (removed)"
    changes = _changes(event, frozenset({"text", "original"}))
    return f"{event.action} {event.entity} {event.entity_id}" + (
        f": {'; '.join(changes)}" if changes else ""
    )


def _what(event: Event, sources: Mapping[int, str] | None) -> str:
    if event.entity == "evidence":
        return _evidence(event, sources)
    return _BY_ENTITY.get(event.entity, _generic)(event)


def event_sentence(event: Event, sources: Mapping[int, str] | None = None) -> str:
    """The event as one sentence, its reviewer first: "bob linked citation 4 (supports)",
    or with ``sources`` (citation id -> reference) "bob linked “Ng (2020) …” (citation 4)".

    An undo reads as the undoing reviewer taking back the change it reverts; a refused one
    (someone changed the rows since, nothing was reverted) never reads as done.
    """
    if event.action in _REFUSED:
        return f"{event.reviewer} {_REFUSED[event.action]}: an earlier change of theirs"
    if event.undoes is not None or event.action == "undo":
        # An undo event holds the reverted change backwards: before is what it removed.
        reverted = Event(
            id=event.id,
            at=event.at,
            reviewer=event.reviewer,
            action=_undone_action(event),
            entity=event.entity,
            entity_id=event.entity_id,
            before=event.after,
            after=event.before,
            article_id=event.article_id,
            claim_id=event.claim_id,
        )
        return f"{event.reviewer} undid: {_what(reverted, sources)}"
    return f"{event.reviewer} {_what(event, sources)}"


# An undo or redo that would have overwritten someone's later change is refused and logged
# (the next undo goes further back): its line says so, never "undid".
_REFUSED = {
    "undo-skipped": "could not undo (changed since)",
    "redo-skipped": "could not redo (changed since)",
}
_VERBS = {"undo": "undid", "redo": "redid", **_REFUSED}


def _undone_action(event: Event) -> str:
    """The action an undo event reverted, guessed from its rows (undo events say 'undo')."""
    before, after = _fields(event)
    if event.entity == "grade":
        return "grade"
    # An undo that removed a row took back its making; one that put a row back, its removal.
    if event.entity == "evidence":
        if event.after is None:
            return "link"
        return "unlink" if event.before is None else "edit-evidence"
    if event.entity == "claim":
        if event.after is None:
            return "add"
        if event.before is None:
            return "delete"
        status_before, status_after = before.get("status"), after.get("status")
        if status_before != status_after and status_before:
            return {"accepted": "accept", "dismissed": "dismiss", "proposed": "restore"}.get(
                str(status_before), "edit"
            )
        if before.get("label") != after.get("label"):
            return "edit-label"
        if before.get("note") != after.get("note"):
            return "note"
    return "edit"


def _reverses(event: Event) -> bool:
    return event.undoes is not None or event.action in ("undo", "redo")


def _naming_event(batch: Sequence[Event]) -> Event:
    """The event that says what an action was: its claim's change (a merge's grades move
    first), else its first event."""
    return next((e for e in batch if e.entity == "claim"), batch[0])


def history_sentences(
    events: Sequence[Event], sources: Mapping[int, str] | None = None
) -> list[tuple[Event, str]]:
    """A history as sentences, each undo or redo one line that names the action it took
    back or made again ("alice undid: split claim 7: now “…”"), not one line per row it
    reverted. Where the undone action is not among ``events`` (another claim's, or kept
    from this viewer), each reverted row reads on its own, as ``event_sentence`` says.
    ``sources``: citation id -> reference, to name the sources links point to."""
    batches: dict[int, list[Event]] = {}
    for e in events:
        if e.batch is not None:
            batches.setdefault(e.batch, []).append(e)

    def original(event: Event) -> list[Event]:
        seen: set[int] = set()
        batch = batches.get(event.undoes or -1, [])
        while batch and _reverses(batch[0]) and batch[0].undoes not in seen:
            seen.add(batch[0].undoes or -1)  # a redo reverts an undo: follow it back
            batch = batches.get(batch[0].undoes or -1, [])
        return [] if batch and _reverses(batch[0]) else batch

    lines: list[tuple[Event, str]] = []
    done: set[int] = set()
    for e in events:
        if not _reverses(e):
            lines.append((e, event_sentence(e, sources)))
            continue
        undone = original(e)
        if not undone:
            lines.append((e, event_sentence(e, sources)))
            continue
        if e.batch is not None and e.batch in done:
            continue
        if e.batch is not None:
            done.add(e.batch)
        verb = _VERBS.get(e.action, "undid")
        what = _what(_naming_event(undone), sources)
        lines.append((e, f"{e.reviewer} {verb}: {what}"))
    return lines
