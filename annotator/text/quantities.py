"""The numbers a claim makes: value, unit or %, qualifier, time frame and comparator.

"cuts PTSD symptoms by over 50% at 6-month follow-ups compared to baseline" gives one
``Quantity(50, "%", "over", "6 months", "compared to baseline", "over 50%")``. Numbers
that name things rather than measure them (years, "Phase 3", "Fig. 2", "[12]", dates,
"COVID-19") are left out; a duration that serves as a time frame is not counted twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import chain

from annotator.model import Quantity
from annotator.text.proportions import PART_WORDS, find_proportions, may_hold_part

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "a": 1, "an": 1,
    "hundreds": 100, "thousands": 1000, "millions": 1_000_000,
}  # fmt: skip
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

# "ninety-four", "twenty five": a compound is one number, not a range from 90 to 4.
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_COMPOUND = (
    rf"(?:{'|'.join(_TENS)})[-‐ ](?:one|two|three|four|five|six|seven|eight|nine)\b"
    r"(?!-(?:thirds?|fourths?|fifths?))"
)
_SIMPLE_WORDS = "|".join(sorted((w for w in _WORD_NUMBERS if len(w) > 2), key=len, reverse=True))
_NUM_WORD = rf"(?:{_COMPOUND}|(?:{_SIMPLE_WORDS}))"
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+|{_NUM_WORD})"
_QUALIFIERS = (
    "more than", "greater than", "higher than", "over", "above", "at least", "no fewer than",
    "as many as", "as much as", "up to", "nearly", "almost", "about", "around", "roughly",
    "approximately", "some", "an estimated", "less than", "fewer than", "under", "below",
    "at most", "no more than", "only", "just", "by", "exactly",
)  # fmt: skip
_QUALIFIER = rf"(?:{'|'.join(_QUALIFIERS)})"
_UNIT = (
    r"(?:%|\s?per ?cent\b|\s?percentage points?\b|-fold\b|\s?fold\b|\s?times\b|×|x\b|"
    r"\s?(?:mg|µg|mcg|g|kg|ml|mL|l|mmol|ng|IU)\b(?:/(?:kg|day|ml|dL|l))?|"
    r"\s(?:patients|participants|people|adults|children|veterans|subjects|women|men|"
    r"volunteers|respondents|individuals|cases|deaths|users|sessions|doses|trials|studies|"
    r"points|years|months|weeks|days|hours|minutes|million|billion|thousand)\b)"
)
_NUM_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"


def _quantity_pattern(number: str) -> re.Pattern[str]:
    # No qualifier in front: an optional alternation there would be tried at every
    # position of every sentence. The qualifier is read backwards from the number.
    return re.compile(
        rf"(?P<cur>[$€£])?(?P<num>{number})"
        rf"(?:\s+(?P<scale>thousand|million|billion|trillion)\b)?"
        rf"(?:\s*(?:-|–|to)\s*(?P<num2>{_NUM}))?"
        rf"(?P<unit>{_UNIT})?",
        re.IGNORECASE,
    )


_QUANTITY = _quantity_pattern(_NUM_DIGITS)
# The lookahead names the first letters of the number words: one character test rules
# out a word start before the alternation of every number word is tried there.
_FIRST_LETTERS = "".join(sorted({w[0] for w in _WORD_NUMBERS if len(w) > 2}))
_QUANTITY_WORDS = _quantity_pattern(rf"\b(?=[{_FIRST_LETTERS}]){_NUM_WORD}\b")
# The characters a match of ``_QUANTITY`` can start with (its currency sign is optional,
# so the engine would otherwise try the whole pattern at every position): matches are
# looked for only where one is (``_matches``). One class, a "." then asked for a digit
# after it: re scans in C for a character of an opening class, where two alternatives
# were tried at every position.
_QUANTITY_START = re.compile(r"[$€£\d.](?:(?<=[$€£\d])|(?=\d))")
_QUALIFIER_BEFORE = re.compile(rf"\b(?P<qual>{_QUALIFIER})\s+$", re.IGNORECASE)
_PERIOD = r"(?:days?|weeks?|months?|years?|hours?|sessions?|doses?|decades?)"
# What a time frame opens with: a digit or "." of a number, a number word's first letter,
# or one of "next", "last", "past", "first", "following", "long" (see _QUANTITY_WORDS).
_TIMEFRAME_FIRST = "".join(sorted(set(_FIRST_LETTERS) | set("nlpf")))
_TIMEFRAME = re.compile(
    rf"\b(?=[{_TIMEFRAME_FIRST}\d.])(?:(?P<n>{_NUM})[-\s](?P<u>{_PERIOD})(?:[-\s]long)?(?:[-\s]follow-?ups?)?"
    rf"|(?P<next>next|last|past|first|following)\s+(?P<u2>{_PERIOD}|few (?:{_PERIOD}))"
    rf"|(?P<lt>long[-\s]term))\b",
    re.IGNORECASE,
)
_COMPARATOR = re.compile(
    r"\b(?P<cmp>compared (?:to|with)|relative to|versus|vs\.?|than)\s+"
    r"(?P<what>[^,.;:()]{1,60}?)(?=[,.;:()]|\s+(?:at|after|in|over|within|for)\s|$)",
    re.IGNORECASE,
)
_PVALUE = re.compile(r"\bp\s*(?P<op>[<=>≤≥])\s*(?P<num>0?\.\d+)", re.IGNORECASE)
# Numbers that name rather than measure: "Phase 3", "Fig. 2", "No. 5", "COVID-19", "[12]",
# and bills by number: "H.R. 527", "S. 793", "S.J. Res. 22" ("U.S." is no bill: the "S"
# of a bill stands alone).
_NAMING = re.compile(
    r"(?:phase|fig\.?|figure|table|no\.|number|chapter|section|version|v|level|grade|"
    r"type|stage|step|class|schedule|day|week|session|item|question|page|p\.|pp\.|"
    r"passcode|access code|extension|ext\.|"
    r"(?<![\w.])(?:h\.\s?r|s|h\.\s?res|s\.\s?res|res|s\.\s?j\.\s?res|h\.\s?j\.\s?res|s\.\s?con\.\s?res|"
    r"h\.\s?con\.\s?res)\.)\s*$",
    re.IGNORECASE,
)
# How every match of ``_NAMING`` ends, but for the white space after it: in a naming
# word, or in the stop of a short form ("no.", "H.R.").
_NAMING_ENDS = (
    ".", "phase", "fig", "figure", "table", "number", "chapter", "section", "version", "v",
    "level", "grade", "type", "stage", "step", "class", "schedule", "day", "week", "session",
    "item", "question", "page", "passcode", "code", "extension",
)  # fmt: skip
_DIGIT = re.compile(r"\d")
# A telephone number is an address, not an amount: "1-800-925-4633", "(202) 691-5902",
# "517.308.9122". Its digit groups are taken before counts are read.
_PHONE = re.compile(
    r"(?<![\w.,-])(?:\+?1[-. ])?(?:\(\d{3}\)\s?|\d{3}[-. ])\d{3}[-. ]\d{4}(?![\w-])"
)
_PHONE_HINT = re.compile(r"\d\d\d[-. ]\d{4}")  # opens on a class, which re scans for in C
# Cheap tests before the costly patterns: a pattern can only match where its hint is.
_PERIOD_HINT = re.compile("day|week|month|year|hour|session|dose|decade|term")
# Every time frame has a period word right after a space or a hyphen ("6-month",
# "next year", "long term"): a scan for that starts only at those characters.
_PERIOD_AFTER_GAP = re.compile(r"[-\s](?:day|week|month|year|hour|session|dose|decade|term)", re.I)
_COMPARATOR_HINT = re.compile("compared|relative to|versus|vs|than")
_PVALUE_HINT = re.compile("[<=>≤≥]")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_NUMBER_WORDS = frozenset([w for w in _WORD_NUMBERS if len(w) > 2] + sorted(PART_WORDS))
_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP"}
_COMPOUND_SPLIT = re.compile(r"[-‐ ]")


def _number(raw: str) -> float | None:
    if raw.isdecimal():
        return float(raw)  # most numbers: digits alone
    low = raw.lower()
    if low in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[low])
    if low[:1].isalpha():
        parts = _COMPOUND_SPLIT.split(low)
        if len(parts) == 2 and parts[0] in _WORD_NUMBERS and parts[1] in _WORD_NUMBERS:
            return float(_WORD_NUMBERS[parts[0]] + _WORD_NUMBERS[parts[1]])  # "ninety-four"
    try:
        return float(raw.replace(",", ""))
    except ValueError:
        return None


def _clean_unit(unit: str) -> str:
    unit = unit.strip().lower()
    if unit in ("per cent", "percent"):
        return "%"
    if unit in ("fold", "-fold", "times", "×", "x"):
        return "fold"
    if unit.startswith("percentage point"):
        return "percentage points"
    return unit


def _timeframe(match: re.Match[str]) -> str:
    if match.group("lt"):
        return "long term"
    if match.group("next"):
        return f"{match.group('next').lower()} {match.group('u2').lower()}"
    value = _number(match.group("n"))
    unit = match.group("u").lower()
    if value is None:
        return ""
    unit = unit if unit.endswith("s") or value == 1 else unit + "s"
    if value == 1:
        unit = unit.rstrip("s")
    return f"{value:g} {unit}"


def may_state_number(word: str) -> bool:
    """Whether a word (lower case, as ``checkworthy`` reads them) could make
    ``find_quantities`` find anything: it has a digit or is a number word. A text none of
    whose words may has no quantities, so callers that have its words can skip it."""
    if word in _NUMBER_WORDS or _DIGIT.search(word) is not None:
        return True
    # A hyphenated word with a number word in it: "ninety-four", "five-year".
    return "-" in word and not _NUMBER_WORDS.isdisjoint(word.split("-"))


def find_quantities(text: str) -> tuple[Quantity, ...]:
    """The quantities stated in ``text`` (a sentence or a claim), in order."""
    low = text.lower()
    has_number_word = not _NUMBER_WORDS.isdisjoint(
        low.replace(",", " ").replace(".", " ").replace("-", " ").split()
    )
    if not has_number_word and _DIGIT.search(text) is None and not may_hold_part(low):
        return ()
    taken: list[tuple[int, int]] = []
    timeframes: list[tuple[int, str]] = []
    if _PERIOD_HINT.search(low) is not None and _PERIOD_AFTER_GAP.search(text) is not None:
        for m in _TIMEFRAME.finditer(text):
            frame = _timeframe(m)
            if frame:
                timeframes.append((m.start(), frame))
                taken.append((m.start(), m.end()))
    comparators = []
    if _COMPARATOR_HINT.search(low) is not None:
        comparators = [
            (m.start(), f"{m.group('cmp').lower()} {m.group('what').strip()}")
            for m in _COMPARATOR.finditer(text)
            if m.group("what").strip()
        ]
    if _PHONE_HINT.search(text) is not None:
        taken.extend((m.start(), m.end()) for m in _PHONE.finditer(text))
    # (start, value, unit, qualifier, words): each Quantity is made once, at the end,
    # with its time frame and comparator.
    found: list[_Found] = []
    for m in _PVALUE.finditer(text) if _PVALUE_HINT.search(text) is not None else ():
        taken.append((m.start(), m.end()))
        found.append((m.start(), float(m.group("num")), "p-value", m.group("op"), m.group(0)))
    # Proportions ("two in three", "a fifth of") are read by the one reader claim
    # memory uses too; their words are taken, so no part is read again as a count.
    for p in find_proportions(text):
        before = _qualifier_before(text, p.start)
        start = before.start() if before is not None else p.start
        qual = before.group("qual").lower() if before is not None else ""
        taken.append((p.start, p.end))
        found.append(
            (start, round(p.percent, 1), "%", "" if qual == "by" else qual, text[start : p.end])
        )
    matches: Iterable[re.Match[str]] = _matches(_QUANTITY, _QUANTITY_START, text)
    if has_number_word:
        matches = chain(matches, _QUANTITY_WORDS.finditer(text))
    for m in matches:
        before = _qualifier_before(text, m.start())
        start = before.start() if before is not None else m.start()
        qual = before.group("qual").lower() if before is not None else ""
        q = _quantity(text, m, taken, qual)
        if q is not None:
            found.append((start, *q, text[start : m.end()].strip()))
    if not found and not timeframes:
        return ()
    found.sort(key=_start)
    result: list[Quantity] = []
    for at, value, unit, qual, words in found:
        frame = next((f for s, f in timeframes if s > at), "")
        frame = frame or (timeframes[-1][1] if timeframes else "")
        cmp = next((c for s, c in comparators if s > at), "")
        result.append(Quantity(value, unit, qual, frame, cmp, words))
    return tuple(result)


_Found = tuple[int, float, str, str, str]


def _last_word_ends(text: str, start: int, end: int, ends: tuple[str, ...]) -> bool:
    """False only when no case-insensitive pattern that ends in one of ``ends`` (lower
    case, ASCII) and then white space to ``end`` can match in ``text[start:end]``: its
    last word, lower-cased, ends in none of them. One look at that word, where the
    pattern would be tried at every place. (A word with a character outside ASCII is
    left to the pattern: case-insensitive, it matches "ſ" to "s", which lower() does
    not.)"""
    last = text[start:end].rsplit(None, 1)[-1:]
    return not last or not last[0].isascii() or last[0].lower().endswith(ends)


def _names_number(before: str) -> bool:
    """Whether the words ``before`` a number name it ("Phase 3", "Fig. 2", "H.R. 527")."""
    return (
        _last_word_ends(before, 0, len(before), _NAMING_ENDS) and _NAMING.search(before) is not None
    )


def _start(found: _Found) -> int:
    return found[0]


# The last words of the qualifiers, for ``_qualifier_before``.
_QUALIFIER_ENDS = tuple(sorted({q.rsplit(" ", 1)[-1] for q in _QUALIFIERS}))


def _qualifier_before(text: str, at: int) -> re.Match[str] | None:
    """The qualifier ("more than", "about") that ends in white space right before
    ``at``, where a number starts, or None."""
    if not at or not text[at - 1].isspace():
        return None
    window = max(0, at - 24)
    if not _last_word_ends(text, window, at, _QUALIFIER_ENDS):
        return None
    return _QUALIFIER_BEFORE.search(text, window, at)


def _matches(
    pattern: re.Pattern[str], starts: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, trying the pattern only where ``starts`` (the
    characters its matches can begin with) finds one. A match never is empty."""
    pos = 0
    search, match = starts.search, pattern.match
    while (s := search(text, pos)) is not None:
        at = s.start()
        m = match(text, at)
        if m is None:
            pos = at + 1
        else:
            yield m
            pos = m.end()


def _quantity(
    text: str, m: re.Match[str], taken: list[tuple[int, int]], qual: str
) -> tuple[float, str, str] | None:
    """The value, unit and qualifier of the number ``m`` found, or None where it names
    rather than measures, or lies in a span ``taken`` by another reading."""
    num_start = m.start("num")
    if taken and any(s <= num_start < e for s, e in taken):
        return None
    raw = m.group("num")
    value = _number(raw)
    if value is None:
        return None
    unit = m.group("unit")
    unit = _clean_unit(unit) if unit else ""
    before = text[max(0, num_start - 12) : num_start]
    after = text[m.end("num") : m.end("num") + 1]
    word = raw[:1].isalpha()
    if word and not unit and not _counts_something(text, m):
        return None  # "one of the", "two" alone: not a measurement
    if word and raw.lower() in ("a", "an"):
        return None
    if not word:
        if before[-1:].isalpha() or before[-1:] in "[-/#:" or after[:1].isalpha() and not unit:
            return None  # "COVID-19", "[12]", "H2O", "10.1038/..."
        tail = before.rstrip()[-1:]  # a naming word ends in a letter or "." (+ spaces)
        if (tail == "." or tail.isalpha()) and _names_number(before):
            return None
        if not unit and not m.group("cur") and _YEAR.fullmatch(raw):
            return None  # a year
    if m.group("scale"):
        value *= _SCALE[m.group("scale").lower()]
    if unit in ("million", "billion", "thousand"):
        value *= _SCALE[unit]
        unit = ""
    if m.group("cur"):
        unit = _CURRENCY[m.group("cur")]
    if qual == "by":
        qual = ""  # "cuts by 50%": the change, not a qualifier of the number
    if unit == "%" and text[m.end() : m.end() + 4].lstrip().startswith("CI"):
        return None  # the level of a confidence interval, not a finding
    if m.group("num2"):
        qual = f"{qual} range to {m.group('num2')}".strip()
    return value, unit, qual


_COUNTED = re.compile(r"\s+(?!(?:of|or|and|to|in|on|at|by|than|more|times|percent)\b)[a-z][\w-]*")


def _counts_something(text: str, m: re.Match[str]) -> bool:
    """A number word that counts a noun: "four reaction wheels", "three papers",
    "Seven continued ..." (a number word opening a sentence is its subject). "one" only
    counts as a word of a larger number ("twenty-one"), as it is mostly a pronoun."""
    raw = m.group("num").lower()
    if raw in ("one", "a", "an"):
        return False
    at = m.start("num")
    if at == 0 or text[:at].rstrip().endswith((".", "“", '"')) and text[at].isupper():
        return True
    if raw in ("hundreds", "thousands", "millions", "dozens") and text.startswith(
        " of ", m.end("num")
    ):
        return True  # "thousands of jobs", "millions of Americans"
    return _COUNTED.match(text, m.end("num")) is not None
