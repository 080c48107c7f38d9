"""Article text -> proposed claims, as pure functions over character offsets.

A first proposer: blocks and sentences with exact offsets, headings and boilerplate
left out, a check-worthiness score from surface cues, a short label. Every span it
returns satisfies ``text[start:end] == claim.text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from annotator.model import ProposedClaim

DEFAULT_THRESHOLD = 0.35
MAX_LABEL = 60

_ABBREVIATIONS = {
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "sr",
    "jr",
    "st",
    "vs",
    "etc",
    "al",
    "fig",
    "figs",
    "no",
    "nos",
    "vol",
    "pp",
    "p",
    "e.g",
    "i.e",
    "u.s",
    "u.k",
    "approx",
    "inc",
    "ltd",
    "co",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "ca",
    "cf",
    "eq",
    "ref",
    "refs",
}

_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+|$)")
_HEADING_MD = re.compile(r"^\s{0,3}#{1,6}\s")
_LIST_MARK = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_GLUED_DATE = re.compile(
    r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}"
)
_BOILERPLATE = re.compile(
    r"^(?:photo(?:graph)?s? (?:credit|by)|image (?:credit|source|by)|credit:|"
    r"sign up|subscribe|follow us|share this|no spam|all rights reserved|copyright|©|"
    r"keep up with|read more|related:|advertisement|cookie|click here|comments?\b)",
    re.IGNORECASE,
)

_CUES: tuple[tuple[str, float, re.Pattern[str]], ...] = (
    (
        "statistic",
        0.3,
        re.compile(
            r"\d+(?:[.,]\d+)?\s*(?:%|percent|per cent)|\bhalf\b|\bdouble|"
            r"\b(?:one|two|three|four|five|\d+) (?:in|out of) "
            r"(?:two|three|four|five|six|ten|\d+)\b",
            re.I,
        ),
    ),
    (
        "absolute",
        0.15,
        re.compile(
            r"\b(?:nothing else|all other|never|always|every|only|"
            r"no other|first)\b",
            re.I,
        ),
    ),
    ("number", 0.1, re.compile(r"\b\d")),
    (
        "comparison",
        0.1,
        re.compile(
            r"\b(?:more|less|fewer|greater|higher|lower|better|worse|"
            r"compared|than|versus|vs\.)\b",
            re.I,
        ),
    ),
    (
        "causal-verb",
        0.25,
        re.compile(
            r"\b(?:cause[sd]?|cuts?|reduc\w+|increas\w+|decreas\w+|"
            r"trigger\w*|lead(?:s)? to|prevent\w*|cure[sd]?|"
            r"improv\w+|boost\w*|lower\w*|rais\w+|releas\w+|"
            r"dampen\w*|block\w*|activat\w+|calms?|silences?|"
            r"quiets?|enhanc\w+|strengthen\w*|helps?|works?|"
            r"worked|heals?|floods?|prompts?)\b",
            re.I,
        ),
    ),
    (
        "study-reference",
        0.2,
        re.compile(
            r"\b(?:stud(?:y|ies)|trials?|research\w*|data|"
            r"FDA|EMA|CDC|WHO|NIH|phase [1-4I]+|imaging|scan\w*|"
            r"researchers|scientists|evidence|approv\w+)\b",
            re.I,
        ),
    ),
    ("timeframe", 0.1, re.compile(r"\b\d+[- ](?:day|week|month|year)s?\b|follow-?ups?", re.I)),
    (
        "hedge",
        -0.1,
        re.compile(
            r"\b(?:may|might|could|appears?|seems?|suggests?|possibly|"
            r"perhaps|likely)\b",
            re.I,
        ),
    ),
    (
        "opinion",
        -0.2,
        re.compile(
            r"\b(?:we owe|should|must|I think|I believe|in my view|"
            r"important to understand)\b",
            re.I,
        ),
    ),
)


@dataclass(frozen=True)
class Unit:
    """A sentence-like span of the article, or a heading or boilerplate line."""

    start: int
    end: int
    kind: str  # "sentence", "heading", "boilerplate"


def _lines(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line)
        pos += len(line) + 1


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_heading(line: str) -> bool:
    """A line standing alone, short and without a closing stop, is a heading or a title."""
    stripped = line.strip()
    if stripped.endswith((".", "!", "?", "…", ":", '"', "”", ";", ",")):
        return False
    return len(stripped.split()) <= 16


def _abbreviation_before(text: str, stop: int) -> bool:
    """True when the stop at ``stop`` ends an abbreviation or an initial, not a sentence."""
    if text[stop] != ".":
        return False
    word = re.search(r"([\w.]+)$", text[max(0, stop - 40) : stop])
    if not word:
        return False
    token = word.group(1).lower()
    return token in _ABBREVIATIONS or len(token) == 1 and token.isalpha()


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans in ``text[start:end]`` (one paragraph)."""
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if _abbreviation_before(text, match.start()):
            continue
        nxt = text[match.end() : match.end() + 3].lstrip()
        # A stop followed by a lower-case word is rarely a sentence end ("e.g. this").
        if nxt and nxt[0].islower():
            continue
        s, e = _strip_span(text, cursor, match.end())
        if s < e:
            yield s, e
        cursor = match.end()
    s, e = _strip_span(text, cursor, end)
    if s < e:
        yield s, e


def units(text: str) -> list[Unit]:
    """Every heading, boilerplate line and sentence of ``text``, in order."""
    result: list[Unit] = []
    lines = list(_lines(text))
    paragraph: list[tuple[int, int]] = []

    def flush() -> None:
        if paragraph:
            for s, e in _sentences(text, paragraph[0][0], paragraph[-1][1]):
                result.append(Unit(s, e, "sentence"))
            paragraph.clear()

    scraped = "\n\n" not in text  # one paragraph per line, no blank lines between
    footer = False
    for i, (ls, le) in enumerate(lines):
        line = text[ls:le]
        if not line.strip():
            flush()
            footer = False
            continue
        s, e = _strip_span(text, ls, le)
        prev_blank = i == 0 or not text[lines[i - 1][0] : lines[i - 1][1]].strip()
        next_blank = i + 1 >= len(lines) or not text[lines[i + 1][0] : lines[i + 1][1]].strip()
        standalone = scraped or (prev_blank and next_blank)
        if footer or _BOILERPLATE.match(line.strip()):
            flush()
            result.append(Unit(s, e, "boilerplate"))
            # What follows a sign-up line in the same block is the rest of that footer.
            footer = not scraped
        elif _HEADING_MD.match(line) or standalone and _is_heading(line):
            flush()
            result.append(Unit(s, e, "heading"))
        elif _LIST_MARK.match(line):
            flush()
            mark = _LIST_MARK.match(line)
            assert mark is not None
            paragraph.append((ls + mark.end(), le))
            flush()
        else:
            glued = _GLUED_DATE.match(line.strip())
            if glued and not paragraph:
                paragraph.append((s + glued.end(), le))
            else:
                paragraph.append((ls, le))
            if scraped:
                flush()
    flush()
    return result


def score_sentence(sentence: str) -> tuple[float, tuple[str, ...]]:
    """Check-worthiness in [0, 1] and the cues that moved it."""
    if sentence.rstrip().endswith("?"):
        return 0.05, ("question",)
    score = 0.15
    reasons: list[str] = []
    for tag, weight, pattern in _CUES:
        if pattern.search(sentence):
            score += weight
            reasons.append(tag)
    if len(sentence.split()) < 5:
        score -= 0.1
        reasons.append("short")
    return max(0.0, min(1.0, round(score, 3))), tuple(reasons)


def make_label(sentence: str) -> str:
    """A short card label: the sentence cut at a word boundary, no trailing stop."""
    label = " ".join(sentence.split())
    if len(label) > MAX_LABEL:
        label = label[:MAX_LABEL].rsplit(" ", 1)[0]
    return label.rstrip(" .,;:!?…\"'”’(").strip() or label[:MAX_LABEL]


def propose_claims(
    text: str, threshold: float = DEFAULT_THRESHOLD, include_all: bool = False
) -> list[ProposedClaim]:
    """The claims worth checking in ``text``; ``include_all`` keeps every sentence."""
    claims: list[ProposedClaim] = []
    for unit in units(text):
        if unit.kind != "sentence":
            continue
        sentence = text[unit.start : unit.end]
        score, reasons = score_sentence(sentence)
        if score < threshold and not include_all:
            continue
        claims.append(
            ProposedClaim(
                start=unit.start,
                end=unit.end,
                text=sentence,
                label=make_label(sentence),
                score=score,
                reasons=reasons,
                sentence_start=unit.start,
                sentence_end=unit.end,
            )
        )
    return claims
