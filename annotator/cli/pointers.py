"""Commands people type that annotator does not have, each with the one it has instead.

A natural verb on the wrong group (``cite import``, ``claims add``, ``claim grade``)
otherwise gets click's closest name, which can be the opposite (``cite import``: "Did
you mean 'export'?") or a complaint that ``add`` is no article id. ``AnnotatorGroup``
looks the words up here before click resolves them and answers with one ``Error:``
line naming the command to use (exit 2, a usage error). Nothing here is a command:
DESIGN.md's commands stay as they are, and the help lists only them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pointer:
    """Where to go instead: what the person wants, the command, and its arguments."""

    doing: str
    command: tuple[str, ...]
    arguments: str = ""
    also: str = ""
    """Other ways in, after the command (other options that do the same)."""

    def message(self, typed: tuple[str, ...]) -> str:
        use = " ".join(("annotator", *self.command, self.arguments)).strip()
        also = f" ({self.also})" if self.also else ""
        return f"there is no `annotator {' '.join(typed)}`: to {self.doing}, use `{use}`{also}"


_CLAIM_VERBS = {
    "add": Pointer("add a claim over a span", ("claim", "add"), "ARTICLE --text WORDS"),
    "split": Pointer("split a claim", ("claim", "split"), "CLAIM"),
    "merge": Pointer("merge a claim with the next", ("claim", "merge"), "CLAIM"),
    "accept": Pointer("accept a claim", ("claim", "accept"), "CLAIM_ID"),
    "dismiss": Pointer("dismiss a claim", ("claim", "dismiss"), "CLAIM_ID"),
    "restore": Pointer("restore a claim", ("claim", "restore"), "CLAIM_ID"),
}
_IMPORT_ARTICLE = Pointer("import an article", ("import",), "FILE")
_LINK = Pointer("link a source to a claim", ("link",), "CLAIM_ID CITATION_ID --stance S")
_REMOVE_CLAIM = Pointer("take a claim out of review", ("claim", "dismiss"), "CLAIM_ID")
_SHOW_CONFIG = Pointer("see the desk config", ("config",))

POINTERS: dict[tuple[str, ...], Pointer] = {
    ("cite", "import"): Pointer(
        "import a reference manager's file",
        ("cite", "add"),
        "--bibtex FILE",
        "or --ris FILE, --csl-json FILE",
    ),
    ("cite", "get"): Pointer("see one citation", ("cite", "show"), "CITATION_ID"),
    ("claim", "remove"): _REMOVE_CLAIM,
    ("claim", "delete"): _REMOVE_CLAIM,
    ("claim", "list"): Pointer("list an article's claims", ("claims",), "ARTICLE"),
    ("claim", "grade"): Pointer("grade a claim", ("grade",), "CLAIM_ID --verdict V"),
    ("claim", "label"): Pointer("set a claim's label", ("label",), "CLAIM_ID LABEL"),
    ("claim", "link"): _LINK,
    ("claim", "history"): Pointer("see a claim's changes", ("history",), "CLAIM_ID"),
    **{("claims", verb): pointer for verb, pointer in _CLAIM_VERBS.items()},
    ("article", "import"): _IMPORT_ARTICLE,
    ("articles", "import"): _IMPORT_ARTICLE,
    ("evidence", "add"): _LINK,
    ("evidence", "delete"): Pointer("remove a link", ("evidence", "remove"), "EVIDENCE_ID"),
    ("link", "list"): Pointer("see a claim's links", ("evidence", "list"), "CLAIM_ID"),
    ("config", "get"): _SHOW_CONFIG,
    ("config", "show"): _SHOW_CONFIG,
    ("assign", "list"): Pointer("see who checks what", ("assign",), "--list [ARTICLE]"),
}
"""The words typed after ``annotator`` (a group and a verb, or a command and a word it
cannot take as its argument) -> the command to use."""


def pointer_for(words: tuple[str, ...]) -> Pointer | None:
    """The pointer for a command line that starts with ``words``, if one is known."""
    return POINTERS.get(words)
