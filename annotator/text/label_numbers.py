"""Numbers a claim's label states, checked against the claim's own words.

A hand-written label ("over 50% symptom reduction") is kept when a corrected article
changes the claim's numbers, so it may state a number the claim no longer makes; these
pure functions find that. Numbers are read as written (digits, with their decimal
point or comma), so "50%" in a label matches "50 %" or "50 percent" in the text.
"""

from __future__ import annotations

import re

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers_in(text: str) -> tuple[str, ...]:
    """The numbers written in digits in ``text``, in order, thousands commas dropped."""
    return tuple(m.group().replace(",", "") for m in _NUMBER.finditer(text))


def label_numbers_missing(label: str, text: str) -> tuple[str, ...]:
    """Numbers of ``label`` that ``text`` (the claim's words) does not state."""
    have = set(numbers_in(text))
    return tuple(dict.fromkeys(n for n in numbers_in(label) if n not in have))


def numbers_changed(old_text: str, new_text: str) -> bool:
    """Whether a rewording changed the numbers a claim states (so its label must follow)."""
    return numbers_in(old_text) != numbers_in(new_text)
