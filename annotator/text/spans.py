"""Making a span of article text from the keyboard: find words, grow and shrink.

Pure functions over character offsets, used by the review screen when a reviewer
marks a claim of their own or picks where to split one. A span is ``(start, end)``,
half open, always on word boundaries and never empty.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)|\n\s*\n")


def words(text: str) -> list[tuple[int, int]]:
    """Every word of ``text`` as (start, end): runs of non-space characters."""
    return [m.span() for m in _WORD.finditer(text)]


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Sentences as (start, end), ending after their final punctuation or at a blank line."""
    bounds: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end() if m.group(0).strip() else m.start()
        if text[pos:end].strip():
            s, e = strip_span(text, pos, end)
            bounds.append((s, e))
        pos = m.end()
    if text[pos:].strip():
        bounds.append(strip_span(text, pos, len(text)))
    return bounds


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` narrowed past white space at both ends (empty if all space)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_phrase(text: str, query: str, after: int = 0) -> tuple[int, int] | None:
    """The first place at or after ``after`` where ``query``'s words occur in order.

    Case-insensitive, and any run of spaces or line breaks matches any other, so a
    reviewer can type a few words as they read them. Wraps round to the start.
    """
    parts = query.split()
    if not parts:
        return None
    pattern = re.compile(r"\s+".join(re.escape(p) for p in parts), re.IGNORECASE)
    m = pattern.search(text, max(0, min(after, len(text)))) or pattern.search(text)
    if m is None:
        return None
    return to_words(text, m.start(), m.end())


def to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen (start, end) to whole words."""
    for ws, we in words(text):
        if ws <= start < we:
            start = ws
        if ws < end <= we:
            end = we
    return start, end


def grow_end(text: str, span: tuple[int, int], unit: str = "word") -> tuple[int, int]:
    """The span with its end moved forward by one word or to the next sentence end."""
    start, end = span
    if unit == "sentence":
        ends = [e for _, e in sentence_bounds(text) if e > end]
    else:
        ends = [e for _, e in words(text) if e > end]
    return (start, ends[0]) if ends else span


def shrink_end(text: str, span: tuple[int, int], unit: str = "word") -> tuple[int, int]:
    """The span with its end moved back by one word or sentence; never empty."""
    start, end = span
    if unit == "sentence":
        ends = [e for _, e in sentence_bounds(text) if start < e < end]
    else:
        ends = [e for _, e in words(text) if start < e < end]
    return (start, ends[-1]) if ends else span


def grow_start(text: str, span: tuple[int, int], unit: str = "word") -> tuple[int, int]:
    """The span with its start moved back by one word or to the sentence's start."""
    start, end = span
    bounds = sentence_bounds(text) if unit == "sentence" else words(text)
    starts = [s for s, _ in bounds if s < start]
    return (starts[-1], end) if starts else span


def shrink_start(text: str, span: tuple[int, int], unit: str = "word") -> tuple[int, int]:
    """The span with its start moved forward by one word or sentence; never empty."""
    start, end = span
    bounds = sentence_bounds(text) if unit == "sentence" else words(text)
    starts = [s for s, _ in bounds if start < s < end]
    return (starts[0], end) if starts else span


def split_points(text: str, start: int, end: int) -> list[int]:
    """Offsets inside ``text[start:end]`` where a split may fall: each word's start."""
    return [start + s for s, _ in words(text[start:end]) if s > 0]


def default_split(text: str, start: int, end: int) -> int | None:
    """A natural place to split: after a comma, semicolon or "and" near the middle."""
    points = split_points(text, start, end)
    if not points:
        return None
    middle = (start + end) / 2

    def cost(at: int) -> float:
        before = text[start:at].rstrip()
        natural = before.endswith((",", ";", ":")) or text[at:].lower().startswith(
            ("and ", "but ", "while ", "whereas ")
        )
        return abs(at - middle) / max(1, end - start) - (0.5 if natural else 0.0)

    return min(points, key=cost)
