"""The typed way from a screen to its app, for what only the app does (``open_article``).

Screens take the store and settings in ``__init__``; this is for driving the app itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from annotator.tui.app import AnnotatorApp


def app_of(node: DOMNode) -> AnnotatorApp:
    """The AnnotatorApp ``node`` runs in, typed (its actions: ``open_article``)."""
    return cast("AnnotatorApp", node.app)
