"""Proportions said in words: "two in three", "1 out of 5", "a fifth of", "two thirds of".

The one reader of them: the proposer's quantities and claim memory's numbers both call
``find_proportions``, so a claim and its paraphrase ("two in three" / "66.7%") are read
alike wherever they are compared. Each proportion is a percentage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_COUNTS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
}  # fmt: skip
# Parts of a whole: "a fifth", "three quarters". "second" is left out ("a second of").
_PARTS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10, "hundredth": 100, "hundredths": 100,
}  # fmt: skip
_WORD = "|".join(sorted(_COUNTS, key=len, reverse=True))
_COUNT = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?:{_WORD})(?:[\s-](?:{_WORD}))?)"
# "in" / "out of" between two counts: the gap is found first (cheap), then a count is
# read on each side of it, so sentences with "in" but no proportion cost one scan.
_GAP = re.compile(r"\s+(?:in|out\s+of)\s+(?:every\s+)?", re.IGNORECASE)
_COUNT_BEFORE = re.compile(rf"(?<![\w.,])(?P<num>{_COUNT})$", re.IGNORECASE)
_COUNT_AFTER = re.compile(rf"(?P<den>{_COUNT})(?![\w,]|\.\d)", re.IGNORECASE)
_PART = "|".join(sorted(_PARTS, key=len, reverse=True))
# "a fifth of", "two thirds of", "one-quarter of", "half of": a part of a whole only
# before "of" ("the fifth year", "a third party" are not proportions).
_FRACTION = re.compile(rf"\b(?:(?P<num>an?|{_COUNT})[\s-])?(?P<part>{_PART})\s+of\b", re.IGNORECASE)
_PART_HINT = re.compile(
    "half|halves|third|quarter|fourth|fifth|sixth|seventh|eighth|ninth|tenth|hundredth"
)
# Words that may start a proportion, for callers that prefilter by words.
PART_WORDS = frozenset(_PARTS)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


@dataclass(frozen=True)
class Proportion:
    """A part of a whole, said in words, as a percentage."""

    percent: float
    text: str  # the words it was read from ("two in three", "a fifth")
    start: int
    end: int


def read_count(words: str) -> float | None:
    """A count in digits or words: "3", "1,200", "twenty-five", "a"; None if not one."""
    low = words.lower().strip()
    if low in ("a", "an"):
        return 1.0
    try:
        return float(low.replace(",", ""))
    except ValueError:
        pass
    parts = re.split(r"[\s-]+", low)
    if not parts or any(p not in _COUNTS for p in parts):
        return None
    return float(sum(_COUNTS[p] for p in parts))


def may_hold_part(low: str) -> bool:
    """Whether lower-cased text names a part of a whole ("quarter", "fifth"): a cheap
    test before the patterns."""
    return _PART_HINT.search(low) is not None


def find_proportions(text: str) -> list[Proportion]:
    """Every proportion ``text`` states in words, in text order."""
    low = text.lower()
    found: list[Proportion] = []
    if " in " in low or "out of" in low:
        for gap in _GAP.finditer(text):
            before = _COUNT_BEFORE.search(text, max(0, gap.start() - 40), gap.start())
            after = _COUNT_AFTER.match(text, gap.end())
            if before is None or after is None or _YEAR.fullmatch(after.group("den")):
                continue  # "5 in 2019": a count in a year, not a proportion
            num, den = read_count(before.group("num")), read_count(after.group("den"))
            if num is not None and den and num <= den:
                start, end = before.start(), after.end()
                found.append(Proportion(100 * num / den, text[start:end], start, end))
    if may_hold_part(low):
        taken = [(p.start, p.end) for p in found]
        for m in _FRACTION.finditer(text):
            if any(s < m.end("part") and m.start() < e for s, e in taken):
                continue
            part = _PARTS[m.group("part").lower()]
            num = read_count(m.group("num")) if m.group("num") else 1.0
            if num is None or num > part:
                continue
            end = m.end("part")
            found.append(Proportion(100 * num / part, text[m.start() : end], m.start(), end))
    found.sort(key=lambda p: p.start)
    return found
