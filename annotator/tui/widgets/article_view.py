"""ArticleView: the article text, one block per paragraph, claim spans marked."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Static

from annotator.model import Claim, ClaimStatus
from annotator.tui.text import safe


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs as (start, end): blank-line separated, or one per line in scraped text."""
    sep = "\n\n" if "\n\n" in text else "\n"
    spans: list[tuple[int, int]] = []
    pos = 0
    for block in text.split(sep):
        if block.strip():
            spans.append((pos, pos + len(block)))
        pos += len(block) + len(sep)
    return spans


def _flow(text: str) -> str:
    """Hard-wrapped lines flow together on screen; same length, so offsets hold."""
    return text.replace("\n", " ")


class ArticleView(VerticalScroll):
    """Shows the text with every claim underlined and the current one emphasised."""

    def __init__(self, text: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.text = text
        self._paragraphs = paragraph_spans(text)

    def compose(self):  # type: ignore[no-untyped-def]
        for i, (start, end) in enumerate(self._paragraphs):
            yield Static(safe(_flow(self.text[start:end])), id=f"para-{i}", classes="paragraph")

    def mark(self, claims: list[Claim], current: Claim | None) -> None:
        """Restyle every paragraph for these claims and scroll to the current one."""
        for i, (start, end) in enumerate(self._paragraphs):
            content = safe(_flow(self.text[start:end]))
            for claim in claims:
                if claim.end <= start or claim.start >= end:
                    continue
                s, e = max(claim.start, start) - start, min(claim.end, end) - start
                if current is not None and claim.id == current.id:
                    style = "bold reverse"
                elif claim.status == ClaimStatus.DISMISSED:
                    style = "dim"
                else:
                    style = "underline"
                content = content.stylize(style, s, e)
            self.query_one(f"#para-{i}", Static).update(content)
        if current is not None:
            for i, (start, end) in enumerate(self._paragraphs):
                if start <= current.start < end or current.start < start < current.end:
                    self.scroll_to_widget(self.query_one(f"#para-{i}"), animate=False)
                    break
