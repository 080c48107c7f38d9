"""The review screen's keys (DESIGN.md "Keys in the review screen") as Bindings.

Each has a description, a tooltip and an id ``review.<name>`` so a keymap can remap it
and the command palette (``tui/commands.py``) can title it.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from annotator.scales import default_scales

MOVE = Binding.Group("Move")


def _key(
    key: str,
    action: str,
    description: str,
    id: str,
    tooltip: str,
    show: bool = True,
    group: Binding.Group | None = None,
) -> Binding:
    return Binding(
        key, action, description, show=show, id=f"review.{id}", tooltip=tooltip, group=group
    )


def _verdict_binding(number: int) -> Binding:
    level = default_scales().verdict.by_number(number)
    name = level.label if level is not None else "unused"
    where = "the off-scale level" if number == 0 else f"level {number} of the scale"
    return _key(
        str(number),
        f"verdict({number})",
        "Verdict" if number == 1 else f"Verdict {number}",
        f"verdict-{number}",
        f"Verdict: {where} in force (default scale: {name})",
        show=number == 1,
    )


REVIEW_BINDINGS: list[BindingType] = [
    _key("j,down", "next_claim", "Next", "next", "Next claim", group=MOVE),
    _key("k,up", "previous_claim", "Previous", "previous", "Previous claim", group=MOVE),
    *(_verdict_binding(n) for n in (1, 2, 3, 4, 5, 0)),
    _key(
        "g",
        "grade_details",
        "Certainty",
        "certainty",
        "Certainty of evidence, reasons, rationale",
    ),
    _key("c", "cite", "Cite", "cite", "Link a citation (fuzzy picker)"),
    _key(
        "l",
        "evidence",
        "Links",
        "evidence",
        "The claim's evidence links: edit stance, quote, locator; remove; the source in full;"
        " give its text; pick a quote from it",
        show=False,  # the footer keeps "? Keys" at 80 columns; the details panel says l
    ),
    _key("a", "accept_claim", "Accept", "accept", "Mark the claim as worth checking", show=False),
    _key(
        "x",
        "dismiss_claim",
        "Dismiss",
        "dismiss",
        "Dismiss the claim (not check-worthy), or restore it",
    ),
    _key("e", "edit_label", "Label", "edit-label", "Edit the claim's short label", show=False),
    _key("n", "edit_note", "Note", "note", "A note on the claim", show=False),
    _key("h", "history", "History", "history", "Every recorded change of the claim", show=False),
    _key(
        "s",
        "split_claim",
        "Split",
        "split",
        "Split the claim at a point you move with ←/→",
        show=False,
    ),
    _key("m", "merge_claim", "Merge", "merge", "Merge the claim with the next one", show=False),
    _key(
        "v",
        "add_claim",
        "Add",
        "add",
        "Add a claim: type words to find, or use the mouse selection",
        show=False,
    ),
    _key(
        "slash",
        "search",
        "Search",
        "search",
        "Search and filter: words, is:ungraded, verdict:mixed",
    ),
    _key(
        "d",
        "hide_dismissed",
        "Hide dismissed",
        "hide-dismissed",
        "Hide or show dismissed claims",
        show=False,
    ),
    _key(
        "u",
        "reuse_evidence",
        "Reuse",
        "reuse",
        "Copy the evidence links of the best earlier match (never its verdict)",
        show=False,
    ),
    _key(
        "U",
        "choose_reuse",
        "Reuse from…",
        "reuse-choose",
        "Choose an earlier check (match or near miss) whose evidence links to copy",
        show=False,
    ),
    _key("ctrl+z", "undo", "Undo", "undo", "Revert your last change (also after a restart)"),
    _key("ctrl+y", "redo", "Redo", "redo", "Make your last undone change again", show=False),
    _key(
        "t",
        "agreement",
        "Agreement",
        "agreement",
        "How far reviewers agree on this article (kappa, alpha, disagreements)",
        show=False,
    ),
    _key(
        "r",
        "reconcile",
        "Reconcile",
        "reconcile",
        "Walk the disagreements, worst first, and set final verdicts with a reason",
        show=False,
    ),
    _key(
        "Q",
        "queue",
        "Queue",
        "queue",
        "What needs a person again: stale, disputed, retracted sources, no evidence",
        show=False,
    ),
    _key(
        "E",
        "export",
        "Export",
        "export",
        "Write the article's claims to a file: choose the format and the place",
        show=False,
    ),
    _key(
        "escape",
        "escape",
        "Articles",
        "articles",
        "Close the search, or go back to the articles",
        show=False,
    ),
]

REVIEW_ACTIONS = frozenset(
    b.action.partition("(")[0] for b in REVIEW_BINDINGS if isinstance(b, Binding)
)
"""The review screen's action names (without parameters), as ``check_action`` gets them."""
