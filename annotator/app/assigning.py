"""Who checks what: an editor assigns articles to reviewers; each sees their own first.

The one use case both faces call. Only an editor (named in the desk config's
``editors``: ``visibility.Viewer.editor``) assigns or
unassigns; anyone lists. How far another reviewer got is shown only to whom blind review
lets see it (``visibility.may_see_progress``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from annotator.errors import InputError, NotAllowedError
from annotator.grades.visibility import Viewer, check_reviewer_name, may_see_progress
from annotator.model import Assignment
from annotator.store import Store


@dataclass(frozen=True)
class AssignmentChange:
    """What an assign or unassign did to one article's reviewers."""

    article_id: int
    title: str
    added: tuple[str, ...] = ()
    """Reviewers newly assigned."""
    kept: tuple[str, ...] = ()
    """Reviewers asked for who were assigned already."""
    removed: tuple[str, ...] = ()
    """Reviewers taken off."""

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)

    def summary(self, *, unchanged: bool = True) -> str:
        """What changed, in words: "assigned to ann; already assigned to bob"; without
        the names asked for that changed nothing when not ``unchanged``."""
        parts = [
            f"{what} {', '.join(names)}"
            for what, names in (
                ("assigned to", self.added),
                ("already assigned to", self.kept),
                ("taken from", self.removed),
            )
            if names and (unchanged or what in ("assigned to", "taken from"))
        ]
        return "; ".join(parts) or "nothing changed"


@dataclass(frozen=True)
class AssignmentRow:
    """One assignment with the article's title and the reviewer's progress on it."""

    assignment: Assignment
    title: str
    graded: int | None
    """Claims the reviewer graded; None when blind review keeps it from the viewer."""
    claims: int
    """The article's live (not dismissed) claims."""

    @property
    def done(self) -> bool:
        return self.graded is not None and 0 < self.claims <= self.graded

    def to_dict(self) -> dict[str, object]:
        return {
            **self.assignment.to_dict(),
            "title": self.title,
            "graded": self.graded,
            "claims": self.claims,
        }


def require_editor(viewer: Viewer, doing: str) -> None:
    """One line for a reviewer who tries an editor's action."""
    if not viewer.editor:
        raise NotAllowedError(
            f"only editors {doing}, and {viewer.name!r} is not one: an editor can add you"
            " (annotator config set editors NAMES)"
        )


def reviewer_names(names: Iterable[str]) -> list[str]:
    """The names given, each checked (``visibility.check_reviewer_name``), once each."""
    checked = [check_reviewer_name(name) for name in names]
    return list(dict.fromkeys(checked))


def _editing(
    store: Store, viewer: Viewer, article_id: int, reviewers: Iterable[str], doing: str
) -> tuple[list[str], str]:
    """What every change of an article's reviewers starts with: the viewer is an editor,
    the names are names (each once), the article is there. The names and its title."""
    require_editor(viewer, doing)
    names = reviewer_names(reviewers)
    return names, store.get_article(article_id).title


def _split(names: list[str], hit: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``names`` in ``hit``, and the others, each in the order given."""
    found = set(hit)
    return tuple(n for n in names if n in found), tuple(n for n in names if n not in found)


def assign(
    store: Store, viewer: Viewer, article_id: int, reviewers: Iterable[str]
) -> AssignmentChange:
    """Assign ``article_id`` to ``reviewers`` (an editor's action; one undo step)."""
    names, title = _editing(store, viewer, article_id, reviewers, "assign articles")
    made = store.assign_article(article_id, names, by=viewer.name)
    added, kept = _split(names, (a.reviewer for a in made))
    return AssignmentChange(article_id, title, added=added, kept=kept)


def unassign(
    store: Store, viewer: Viewer, article_id: int, reviewers: Iterable[str]
) -> AssignmentChange:
    """Take ``article_id`` from ``reviewers`` (an editor's action; one undo step).

    A name the article is not assigned to refuses the whole: a mistyped name would
    otherwise read as done while the reviewer meant keeps the article."""
    names, title = _editing(store, viewer, article_id, reviewers, "unassign articles")
    present = [a.reviewer for a in store.assignments(article_id=article_id)]
    _kept, absent = _split(names, present)
    if absent:
        holders = f"assigned: {', '.join(present)}" if present else "assigned to nobody"
        raise InputError(
            f"article {article_id} is not assigned to {', '.join(absent)} ({holders}):"
            " nothing was changed"
        )
    gone = store.unassign_article(article_id, names, by=viewer.name)
    return AssignmentChange(article_id, title, removed=tuple(a.reviewer for a in gone))


def set_reviewers(
    store: Store, viewer: Viewer, article_id: int, reviewers: Iterable[str]
) -> AssignmentChange:
    """Make ``reviewers`` exactly the article's assigned reviewers, as one action."""
    names, title = _editing(store, viewer, article_id, reviewers, "assign articles")
    present = [a.reviewer for a in store.assignments(article_id=article_id)]
    with store.one_action():
        made = store.assign_article(article_id, names, by=viewer.name)
        gone = store.unassign_article(
            article_id, [n for n in present if n not in names], by=viewer.name
        )
    return AssignmentChange(
        article_id,
        title,
        added=tuple(a.reviewer for a in made),
        kept=_split(names, present)[0],
        removed=tuple(a.reviewer for a in gone),
    )


def assignment_rows(
    store: Store,
    viewer: Viewer,
    *,
    article_id: int | None = None,
    reviewer: str | None = None,
) -> list[AssignmentRow]:
    """Assignments (all, one article's, one reviewer's) with each one's progress."""
    if article_id is not None:
        store.get_article(article_id)
    found = store.assignments(article_id=article_id, reviewer=reviewer)
    titles = store.article_titles(a.article_id for a in found)
    by_reviewer: dict[str, list[int]] = {}
    for a in found:
        by_reviewer.setdefault(a.reviewer, []).append(a.article_id)
    progress = {name: store.progress(name, ids) for name, ids in by_reviewer.items()}
    rows = []
    for a in found:
        graded, claims = progress[a.reviewer][a.article_id]
        shown = graded if may_see_progress(viewer, a.reviewer) else None
        rows.append(AssignmentRow(a, titles.get(a.article_id, ""), shown, claims))
    return rows


def my_assignments(store: Store, viewer: Viewer) -> list[AssignmentRow]:
    """The viewer's own assignments, unfinished first, each with how far they got."""
    rows = assignment_rows(store, viewer, reviewer=viewer.name)
    return sorted(rows, key=lambda r: (r.done, r.assignment.article_id))
