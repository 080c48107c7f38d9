"""The numbers a claim states, read from its words, so matching can be strict on them.

"over 50%", "3,000", "six years", "12 months", "half", "2.5-fold": each becomes a
``Number`` with a comparable value (time spans in days, so "12 months" equals "one
year"), a canonical unit and the direction of its qualifier ("over" is ``>``). Both
sides of a comparison are read by this one function, so they are always read alike.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from annotator.text.proportions import find_proportions

_WORD_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}
_ONES = {"one": 1, **{k: v for k, v in _WORD_NUMBERS.items() if v < 10}}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

# Canonical unit and the factor to a common measure (time in days).
_UNITS: dict[str, tuple[str, float]] = {
    "%": ("%", 1),
    "percent": ("%", 1),
    "per cent": ("%", 1),
    "percentage point": ("pp", 1),
    "percentage points": ("pp", 1),
    "pp": ("pp", 1),
    "second": ("time", 1 / 86400),
    "seconds": ("time", 1 / 86400),
    "minute": ("time", 1 / 1440),
    "minutes": ("time", 1 / 1440),
    "hour": ("time", 1 / 24),
    "hours": ("time", 1 / 24),
    "day": ("time", 1),
    "days": ("time", 1),
    "week": ("time", 7),
    "weeks": ("time", 7),
    "month": ("time", 365.25 / 12),
    "months": ("time", 365.25 / 12),
    "year": ("time", 365.25),
    "years": ("time", 365.25),
    "decade": ("time", 3652.5),
    "decades": ("time", 3652.5),
    "mg": ("mg", 1),
    "milligrams": ("mg", 1),
    "g": ("mg", 1000),
    "grams": ("mg", 1000),
    "kg": ("mg", 1e6),
    "mcg": ("mg", 0.001),
    "µg": ("mg", 0.001),
    "ml": ("ml", 1),
    "l": ("ml", 1000),
    "times": ("x", 1),
    "fold": ("x", 1),
    "x": ("x", 1),
}
_UNIT_RE = "|".join(
    re.escape(u).replace(r"\ ", r"\s+") for u in sorted(_UNITS, key=len, reverse=True)
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_WORDS = (
    r"(?:"
    + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
    + r")(?:[\s-](?:"
    + "|".join(_ONES)
    + r"))?|one"
)
_SUFFIX = (
    r"(?:\s*(?P<scale>(?i:thousand|million|billion|trillion)))?"
    r"(?P<plus>\+)?"
    rf"(?:\s*-?\s*(?P<unit>(?i:{_UNIT_RE}))(?![\w]))?"
)
# No look-behind in front, so the regex engine can skip to digits fast; the character
# before a number is checked in Python instead ("COVID19" and "v2.5" hold no number).
_DIGIT_NUMBER = re.compile(rf"(?P<num>{_DIGITS}){_SUFFIX}")
_WORD_NUMBER = re.compile(rf"(?i)\b(?P<num>{_WORDS})\b{_SUFFIX}")
_HALF = re.compile(r"(?i)\b(?:half(?!\s+an?\s)|halve[sd]?|halving)\b")
_HALF_TIME = re.compile(r"(?i)\bhalf\s+an?\s+(?P<unit>year|month|week|day|hour)\b")
_TWICE = re.compile(r"(?i)\b(?:twice|doubl(?:e|es|ed|ing))\b")
_LETTERS = re.compile(r"[a-z]+")
_NUMBER_WORDS = frozenset(_WORD_NUMBERS) | {"one"}
_HALF_WORDS = frozenset({"half", "halve", "halves", "halved", "halving"})
_TWICE_WORDS = frozenset({"twice", "double", "doubles", "doubled", "doubling"})
_QUALIFIER_PHRASES = {
    **dict.fromkeys(
        (
            "more than",
            "over",
            "above",
            "at least",
            "exceeding",
            "greater than",
            "upwards of",
            "in excess of",
            "no fewer than",
            "no less than",
        ),
        ">",
    ),
    **dict.fromkeys(
        (
            "less than",
            "fewer than",
            "under",
            "below",
            "up to",
            "at most",
            "no more than",
            "as few as",
            "as little as",
        ),
        "<",
    ),
    **dict.fromkeys(
        ("about", "around", "approximately", "roughly", "nearly", "almost", "some", "circa", "~"),
        "~",
    ),
}


@dataclass(frozen=True)
class Number:
    """One number a claim states."""

    value: float  # in the unit's common measure (days for time)
    unit: str  # "%", "pp", "time", "mg", "ml", "x" or "" for a count
    qualifier: str  # ">", "<", "~" or "" (exact)
    text: str  # the words it was read from, for showing
    start: int  # offsets in the claim text
    end: int

    def same_amount(self, other: Number) -> bool:
        # Time spans are compared in days, so "52 weeks" is "one year"; all else exactly.
        tolerance = 0.005 if self.unit == "time" else 1e-9
        return self.unit == other.unit and math.isclose(self.value, other.value, rel_tol=tolerance)


def _parse_word_number(words: str) -> float | None:
    parts = re.split(r"[\s-]+", words.lower())
    if parts[0] == "one" and len(parts) == 1:
        return 1.0
    total = 0.0
    for part in parts:
        value = _WORD_NUMBERS.get(part, _ONES.get(part))
        if value is None:
            return None
        total += value
    return total


def _qualifier(text: str, start: int) -> str:
    """ ">", "<" or "~" when the words just before ``start`` bound the number."""
    before = text[max(0, start - 30) : start].lower()
    if before.endswith("~"):
        return "~"
    tail = before.split()[-3:]
    for n in (3, 2, 1):
        if len(tail) >= n and (direction := _QUALIFIER_PHRASES.get(" ".join(tail[-n:]))):
            return direction
    return ""


def extract_numbers(text: str) -> list[Number]:
    """Every number ``text`` states, in text order."""
    # Proportions come from the one reader the proposer's quantities use too; the
    # counts inside them ("two", "three" of "two in three") are not numbers of their own.
    proportions = find_proportions(text)
    spans = [(p.start, p.end) for p in proportions]
    found = [
        Number(p.percent, "%", _qualifier(text, p.start), p.text, p.start, p.end)
        for p in proportions
    ]
    words = set(_LETTERS.findall(text.lower()))
    matches = [
        m
        for m in _DIGIT_NUMBER.finditer(text)
        if not m.start() or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in "._,")
    ]
    if words & _NUMBER_WORDS:
        matches += _WORD_NUMBER.finditer(text)
    for m in matches:
        if spans and any(s <= m.start() < e for s, e in spans):
            continue
        raw = m.group("num")
        unit_word = (m.group("unit") or "").lower()
        unit_word = " ".join(unit_word.split())
        if raw[0].isdigit() or raw[0] == ".":
            value = float(raw.replace(",", ""))
        else:
            parsed = _parse_word_number(raw)
            # "one" is a number only with a unit ("one year"), not in "one of the drugs".
            if parsed is None or (raw.lower() == "one" and not unit_word):
                continue
            value = parsed
        if m.group("scale"):
            value *= _SCALES[m.group("scale").lower()]
        unit, factor = _UNITS.get(unit_word, ("", 1.0))
        qualifier = ">" if m.group("plus") else _qualifier(text, m.start())
        found.append(
            Number(value * factor, unit, qualifier, m.group(0).strip(), m.start(), m.end())
        )
    if words & _HALF_WORDS:
        found += [n for n in _halves(text) if not any(s <= n.start < e for s, e in spans)]
    if words & _TWICE_WORDS:
        for m in _TWICE.finditer(text):
            found.append(
                Number(2.0, "x", _qualifier(text, m.start()), m.group(0), m.start(), m.end())
            )
    found.sort(key=lambda n: n.start)
    return found


def _halves(text: str) -> list[Number]:
    found = []
    for m in _HALF.finditer(text):
        found.append(Number(50.0, "%", _qualifier(text, m.start()), m.group(0), m.start(), m.end()))
    for m in _HALF_TIME.finditer(text):
        value = _UNITS[m.group("unit").lower()][1] / 2
        found.append(
            Number(value, "time", _qualifier(text, m.start()), m.group(0), m.start(), m.end())
        )
    return found


def without_numbers(text: str, numbers: list[Number]) -> str:
    """``text`` with the numbers (and their units) blanked out, offsets kept."""
    chars = list(text)
    for n in numbers:
        chars[n.start : n.end] = " " * (n.end - n.start)
    return "".join(chars)


def show_numbers(numbers: list[Number]) -> str:
    """ "over 50%, 6 months" for a reason line."""
    words = {">": "over ", "<": "under ", "~": "about "}
    shown = []
    for n in numbers:
        prefix = words[n.qualifier] if n.qualifier else ""
        shown.append(prefix + n.text)
    return ", ".join(shown) or "none"


def compare_numbers(a: list[Number], b: list[Number], explain: bool = True) -> tuple[bool, str]:
    """Do two claims state the same numbers? Returns (agree, reason; "" unless ``explain``)."""
    if not a and not b:
        return True, "no numbers in either"
    if len(a) != len(b) and not explain:
        return False, ""
    unmatched = list(b)
    missing: list[Number] = []
    clash: list[tuple[Number, Number]] = []
    loose: list[tuple[Number, Number]] = []
    for n in a:
        partner = next((m for m in unmatched if n.same_amount(m)), None)
        if partner is None:
            missing.append(n)
            continue
        unmatched.remove(partner)
        if {n.qualifier, partner.qualifier} == {">", "<"}:
            clash.append((n, partner))
        elif n.qualifier != partner.qualifier:
            loose.append((n, partner))
    if not explain:
        return not (missing or unmatched or clash), ""
    if missing or unmatched:
        return (
            False,
            f"numbers differ: {show_numbers(missing)} here, {show_numbers(unmatched)} there",
        )
    if clash:
        n, m = clash[0]
        return False, f"opposite bounds: {n.text!r} here, {m.text!r} there"
    reason = f"same numbers ({show_numbers(a)})"
    if loose:
        reason += "; qualifiers differ"
    return True, reason
