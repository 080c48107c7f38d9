"""The typed way from a screen or widget to its app: ``app_of(self).store``."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from annotator.tui.app import AnnotatorApp


def app_of(node: DOMNode) -> AnnotatorApp:
    """The AnnotatorApp ``node`` runs in, typed (its store, settings and actions)."""
    return cast("AnnotatorApp", node.app)
