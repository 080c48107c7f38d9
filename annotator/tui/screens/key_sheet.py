"""KeySheetModal: annotator's own key sheet (``?``), grouped by task, with a legend.

Built from the bindings in force on the screen it was opened from (the same entries the
command palette lists, ``tui/commands.palette_entries``), so a remapped key shows as
remapped and a new binding appears without an edit here. Each entry goes to a task group
by its binding id (``TASK_OF_ID``) or else by the area of its palette title
("claim: ...", ``TASK_OF_AREA``).
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from annotator.app.source_text import QUOTE_CHECKS
from annotator.model import Claim, ClaimStatus, Origin
from annotator.scales import Scale
from annotator.tui.commands import VERDICT_KEYS, palette_entries
from annotator.tui.widgets.claim_list import (
    FLAG_TAGS,
    HEADERS,
    ORPHANED,
    STATUS_MARKS,
    UNGRADED,
    ClaimList,
    Columns,
    claim_prompt,
)
from annotator.tui.widgets.details import QUOTE_KEYS

TASKS = ("move", "grade", "cite", "edit claims", "team", "files", "app")
"""The sheet's groups, in the order a checker's day uses them."""

TASK_OF_ID: dict[str, str] = {
    "review.next": "move",
    "review.previous": "move",
    "review.search": "move",
    "review.hide-dismissed": "move",
    "review.articles": "move",
    "review.history": "edit claims",
    "review.undo": "edit claims",
    "home.open": "move",
    "home.next": "move",
    "home.previous": "move",
    "home.import": "files",
    "home.delete": "files",
    "agreement.close": "move",
    "reconcile.next": "move",
    "reconcile.previous": "move",
    "reconcile.close": "move",
    "queue.next": "move",
    "queue.previous": "move",
    "queue.open": "move",
    "queue.back": "move",
    "home.assign": "team",
    "home.settings": "app",
}
"""Bindings whose task is not the area of their palette title."""

TASK_OF_AREA: dict[str, str] = {
    "claim": "edit claims",
    "claims": "move",
    "grade": "grade",
    "evidence": "cite",
    "citation": "cite",
    "source": "cite",
    "team": "team",
    "queue": "team",
    "article": "files",
    "export": "files",
    "history": "edit claims",
    "app": "app",
}

STATUS_WORDS = {
    ClaimStatus.PROPOSED: "proposed by annotator, not yet accepted",
    ClaimStatus.ACCEPTED: "accepted as worth checking",
    ClaimStatus.DISMISSED: "dismissed (not check-worthy)",
}
FLAG_WORDS = {
    "stale": "its words or numbers changed after the grade: grade it again",
    "conflict": "a merged file left a reviewer two grades that disagree",
    "disputed": "reviewers' verdicts differ and no final verdict settles it (r); in the"
    " verdict column when you have not graded it yourself",
    "label": "the label states a number the claim's words no longer do",
}


def key_sheet_binding(area: str) -> Binding:
    """``?`` inside a dialog (app keys do not reach a modal screen): the dialog's keys."""
    return Binding(
        "question_mark",
        "app.key_sheet",
        "Keys",
        show=False,
        id=f"{area}.keys",
        tooltip="The keys of this dialog",
    )


def task_of(binding_id: str, title: str) -> str:
    """The task group of one binding: by its id, else by its title's area."""
    if binding_id in TASK_OF_ID:
        return TASK_OF_ID[binding_id]
    area = title.partition(":")[0].strip().lower() if ":" in title else ""
    return TASK_OF_AREA.get(area, "app")


def sheet_rows(screen: Screen[Any]) -> dict[str, list[tuple[str, str]]]:
    """task -> (key, what it does) for every annotator key in force on ``screen``."""
    groups: dict[str, list[tuple[str, str]]] = {task: [] for task in TASKS}
    for title, key, tooltip, node, action in palette_entries(screen):
        binding_id = _binding_id(node, action)
        words = title.partition(":")[2].strip() if ":" in title else title
        if binding_id.startswith("review.verdict-"):
            # A verdict key's title names the level of the scale in force; its tooltip
            # only says which level number it is.
            what = f"verdict: {words}"
        elif binding_id.startswith(tuple(VERDICT_KEYS)) or not tooltip:
            what = words
        else:
            what = tooltip
        groups.setdefault(task_of(binding_id, title), []).append((key, what))
    return {task: rows for task, rows in groups.items() if rows}


def _binding_id(node: object, action: str) -> str:
    for klass in type(node).__mro__:
        for binding in klass.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding) and binding.action == action and binding.id:
                return binding.id
    return ""


def legend_example(scale: Scale) -> Content:
    """The claim list's headers over one made-up line, drawn as the list draws them."""
    columns = Columns.for_scale(scale)
    claim = Claim(0, 0, 0, 0, "", "label of the claim", 0.45, (), ClaimStatus.ACCEPTED, Origin.AUTO)
    verdict = scale.by_number(3) or scale.levels[0]
    line = claim_prompt(claim, verdict.key, scale, 2, frozenset({"stale"}), columns)
    return Content.assemble(Content(columns.header() + "\n").stylize("bold dim"), line)


def legend_rows(scale: Scale) -> list[tuple[str, str]]:
    """What the claim list's columns and markers mean (generated from its own marks and
    the scale in force, whose short forms a narrow list shows)."""
    verdict, score, sources, label = HEADERS
    rows = [(mark, STATUS_WORDS.get(status, status.value)) for status, mark in STATUS_MARKS.items()]
    rows += [
        (verdict, f"the verdict in force, or “{UNGRADED}”; where the list is narrow:"),
        *((f"{short}", f"  = {key}") for key, short in scale.short_forms().items() if short != key),
        (score, "check-worthiness (0–1) the proposer gave, e.g. 0.45"),
        (sources, "linked sources (evidence links), e.g. 2§"),
        (label, "the claim's short label (e edits it), after any markers:"),
        (ORPHANED.strip(), "its words are not in the newest text"),
    ]
    rows += [(tag.strip(), FLAG_WORDS.get(flag, flag)) for flag, tag in FLAG_TAGS]
    return rows


def quote_rows() -> list[tuple[str, str]]:
    """What each ``[quote ...]`` tag on an evidence link means."""
    return [
        (str(check), what + (f" ({QUOTE_KEYS[check]})" if check in QUOTE_KEYS else ""))
        for check, what in QUOTE_CHECKS.items()
    ]


def _rows(rows: list[tuple[str, str]]) -> ComposeResult:
    for key, what in rows:
        with Horizontal(classes="keys-row"):
            yield Static(Content(key).stylize("bold"), classes="keys-key")
            yield Static(Content(what), classes="keys-what")


class KeySheetModal(ModalScreen[None]):
    """Every key of the screen below, by task, and what the claim list shows."""

    BINDINGS = [
        Binding(
            "escape,question_mark,q",
            "close",
            "Close",
            id="keys.close",
            tooltip="Back to where you were",
        ),
        Binding("j,down", "scroll(1)", "Down", id="keys.down", tooltip="Scroll down"),
        Binding("k,up", "scroll(-1)", "Up", id="keys.up", tooltip="Scroll up"),
    ]

    def __init__(self, screen: Screen[Any], scale: Scale) -> None:
        super().__init__()
        self.groups = sheet_rows(screen)
        self.legend = bool(screen.query(ClaimList))  # the legend of a list on screen
        self.scale = scale

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="keys-dialog"):
            yield Label("Keys, by task", classes="dialog-title")
            with VerticalScroll(id="keys-scroll"):
                for task, rows in self.groups.items():
                    yield Static(Content(task.upper()), classes="keys-task")
                    yield from _rows(rows)
                if self.legend:
                    yield Static(Content("THE CLAIM LIST"), classes="keys-task")
                    yield Static(legend_example(self.scale), classes="keys-example")
                    yield from _rows(legend_rows(self.scale))
                yield Static(Content("QUOTE CHECKS (evidence links)"), classes="keys-task")
                yield from _rows(quote_rows())
            yield Label(
                "j/k or ↑/↓ scroll · Escape or ? closes · ctrl+p finds any action",
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#keys-scroll").focus()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#keys-scroll", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
