"""What one person may see of other reviewers' grades: the blind-review rule, in one place.

With blind review on (the desk default), a reviewer sees no other reviewer's grade of a
claim (verdict, certainty, reasons, note, nor that one exists) until they have graded
that claim themselves; an editor's final verdict stays hidden the same way, since it
would steer the independent grade just as much. Editors (named in the desk config: a
role asked for on the command line never makes one) see everything, and setting a final
verdict never blinds them; with blind review off everyone sees everything.

Every read that shows grades to a person (the store's grade and verdict queries, the
exports, claim memory, history, agreement) takes a ``Viewer`` and asks ``may_see``; no
view decides for itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from annotator.errors import InputError, NotAllowedError
from annotator.model import Event, Grade

ROLES = ("reviewer", "editor")

NAME_LIMIT = 64
"""The longest reviewer name: it is shown in lists, history and exports."""


def check_reviewer_name(name: str, what: str = "reviewer name") -> str:
    """``name`` without surrounding spaces, if it can name a reviewer; else one line.

    A name is what every change is recorded under and what blind review and the desk's
    ``editors`` compare, so it must be one printable line: no control characters, no
    comma (the config's lists are comma-separated), not starting with ``-`` (it would
    read as an option), at most ``NAME_LIMIT`` characters.
    """
    cleaned = name.strip()
    shown = repr(cleaned[:40]) if cleaned.isprintable() else repr(name[:40])
    if not cleaned:
        raise InputError(f"{what} is empty: give a name such as 'ann'")
    if not cleaned.isprintable():
        raise InputError(f"{what} {shown} holds control characters: give a plain name")
    if "," in cleaned:
        raise InputError(
            f"{what} {shown} holds a comma: give one name (names are listed with commas)"
        )
    if cleaned.startswith("-"):
        raise InputError(f"{what} {shown} starts with '-': give a name, not an option")
    if len(cleaned) > NAME_LIMIT:
        raise InputError(f"{what} {shown}... is longer than {NAME_LIMIT} characters: shorten it")
    return cleaned


@dataclass(frozen=True)
class Viewer:
    """Who is looking, and under which rule."""

    name: str
    blind: bool = True
    """Blind review is on (the desk config's ``blind``)."""
    editor: bool = False
    """An editor: named in the desk config's ``editors`` (DESIGN.md "Review rules")."""

    @property
    def sees_all(self) -> bool:
        """Whether every grade of every claim is open to this person."""
        return self.editor or not self.blind


def make_viewer(
    name: str, *, blind: bool, editors: Iterable[str] = (), role: str | None = None
) -> Viewer:
    """The viewer for ``name``: an editor when the desk config names them.

    Editors are named in the desk config (DESIGN.md): asking for the editor ``role``
    (``--role editor``) under any other name is refused, not granted, since anyone could
    ask; a named editor working in the ``reviewer`` role is a reviewer.
    """
    named = name in set(editors)
    if role == "editor" and not named:
        raise NotAllowedError(not_an_editor(name, editors))
    # A role narrows, never widens: a named editor may work as a reviewer, blind.
    return Viewer(name, blind=blind, editor=named and role != "reviewer")


def not_an_editor(name: str, editors: Iterable[str]) -> str:
    """Why ``name`` cannot work as an editor, and who can make them one."""
    named = ", ".join(editors)
    who = f"the desk's editors are {named}" if named else "the desk config names no editors"
    return (
        f"{name!r} is not an editor of this desk ({who}): editors are named in the desk"
        " config (annotator config set editors NAMES); work without --role editor"
    )


def may_see(viewer: Viewer | None, grade_reviewer: str, graded_it: bool) -> bool:
    """Whether ``viewer`` may see a grade given by ``grade_reviewer`` (final or not) on a
    claim; ``graded_it``: the viewer has an own, non-final grade on that claim.

    ``None`` is no person: the store's own work, which sees everything.
    """
    if viewer is None or viewer.sees_all:
        return True
    return graded_it or grade_reviewer == viewer.name


def may_see_progress(viewer: Viewer | None, reviewer: str) -> bool:
    """Whether ``viewer`` may see how far ``reviewer`` got (how many claims they graded):
    their own, or anyone's for a viewer who sees every grade. A count of another's
    grades tells what blind review keeps back until the viewer has graded."""
    return viewer is None or viewer.sees_all or viewer.name == reviewer


def graded_by(grades: Iterable[Grade], name: str) -> set[int]:
    """Claims that ``name`` has given an own (non-final) grade."""
    return {g.claim_id for g in grades if g.reviewer == name and not g.final}


def visible_grades(grades: Iterable[Grade], viewer: Viewer | None) -> list[Grade]:
    """The grades ``viewer`` may see, in the given order.

    ``grades`` must hold every grade of each claim it covers (one claim's, an article's).
    """
    grades = list(grades)
    if viewer is None or viewer.sees_all:
        return grades
    mine = graded_by(grades, viewer.name)
    return [g for g in grades if may_see(viewer, g.reviewer, g.claim_id in mine)]


def awaits_own_grade(grades: Iterable[Grade], viewer: Viewer | None) -> bool:
    """Whether others' grades of a claim (if any) are kept from ``viewer`` until they
    grade it: said without telling whether there are any."""
    if viewer is None or viewer.sees_all:
        return False
    return not any(g.reviewer == viewer.name and not g.final for g in grades)


def visible_events(events: Iterable[Event], viewer: Viewer | None, graded_it: bool) -> list[Event]:
    """A claim's history as ``viewer`` may see it: others' grading events are left out
    while the viewer has not graded the claim (``graded_it``)."""
    events = list(events)
    if viewer is None or viewer.sees_all or graded_it:
        return events
    return [e for e in events if e.entity != "grade" or may_see(viewer, _grader(e), False)]


def _grader(event: Event) -> str:
    """Whose grade a grade event changed (the row's reviewer, else who acted)."""
    row = event.after or event.before or {}
    return str(row.get("reviewer", event.reviewer))
