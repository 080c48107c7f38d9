"""What the documents for people show of stored text: one rule for all of them.

The HTML report and the Markdown document and table are read, not parsed back: an ESC,
a bell or a C1 control in an article, a citation or a note is shown there as the
terminal faces show it (``text.terminal.visible``: U+241B for ESC), one symbol per
character, so the text a reviewer saw in the TUI is the text the reader sees. Left raw,
a Markdown file would act on a terminal it is printed to (``cat report.md``), and HTML
holds them as parse errors a browser shows as nothing. The data formats (CSV, JSON,
XLSX, ClaimReview, FEVER, W3C) keep the exact text, which their readers need.
"""

from __future__ import annotations

from html import escape
from typing import Any

from annotator.text.terminal import visible


def shown(value: Any) -> str:
    """``value`` as a document shows it: text, with every control character (but newline
    and tab) as its visible symbol; None as ""."""
    return visible("" if value is None else str(value))


def html_text(value: Any) -> str:
    """``value`` as HTML text or an attribute value: ``shown``, then escaped."""
    return escape(shown(value), quote=True)
