"""Fuzzy quote matching with rapidfuzz: where a quote stands in a source's text."""

from __future__ import annotations

from rapidfuzz import fuzz

from annotator.model import QuoteMatch

_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


def _squash(text: str) -> tuple[str, list[int]]:
    """Case, quotes and white space do not decide whether a quote is in a source.

    Returns the squashed text and, for each of its characters, the index in ``text``
    it came from, so a passage found in the squashed text can be cut from the original.
    """
    chars: list[str] = []
    where: list[int] = []
    space = True  # drop leading white space and collapse runs
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space:
                chars.append(" ")
                where.append(i)
            space = True
            continue
        space = False
        for low in ch.translate(_FOLD).lower():
            chars.append(low)
            where.append(i)
    if chars and chars[-1] == " ":
        chars.pop()
        where.pop()
    return "".join(chars), where


def _passage(source: str, where: list[int], start: int, end: int) -> str:
    """The original words behind squashed ``[start, end)``, widened to whole words."""
    a, b = where[start], where[end - 1] + 1
    while a > 0 and not source[a - 1].isspace():
        a -= 1
    while b < len(source) and not source[b].isspace():
        b += 1
    return " ".join(source[a:b].split())


# A quote whose best window in the source scores at least this (0-100) is "approximate".
QUOTE_APPROXIMATE_CUTOFF = 85.0


def verify_quote(quote: str, source_text: str) -> tuple[QuoteMatch, str]:
    """Is ``quote`` in ``source_text``? Returns the result and the source's passage found."""
    if not quote.strip():
        return QuoteMatch.NO_TEXT, ""
    if not source_text.strip():
        return QuoteMatch.NO_TEXT, ""
    # Quotation marks, ellipses and a final stop around a pasted quote are not its words.
    q = _squash(quote)[0].strip(" \"'.…")
    if not q:
        return QuoteMatch.NO_TEXT, ""
    s, where = _squash(source_text)
    at = s.find(q)
    if at >= 0:
        a, b = where[at], where[at + len(q) - 1] + 1
        return QuoteMatch.EXACT, " ".join(source_text[a:b].split())
    hit = fuzz.partial_ratio_alignment(q, s)
    if hit is not None and hit.score >= QUOTE_APPROXIMATE_CUTOFF and hit.dest_end > hit.dest_start:
        return QuoteMatch.APPROXIMATE, _passage(source_text, where, hit.dest_start, hit.dest_end)
    return QuoteMatch.NOT_FOUND, ""
