"""Article and citation text on screen: always data, never markup or escapes."""

from __future__ import annotations

from textual.content import Content

from annotator.text.terminal import visible

__all__ = ["safe", "visible"]


def safe(text: str) -> Content:
    """Content that shows ``text`` literally: brackets stay brackets, ESC shows as ␛."""
    return Content(visible(text), strip_control_codes=False)
