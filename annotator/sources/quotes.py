"""Candidate quotes: the passages of a source's own text that best match a claim.

A passage is a sentence of the source, or two sentences running on. It scores on the
claim's content words it holds, the claim's numbers it holds (a claim about "67%"
is checked against the sentence that says 67%) and a fuzzy token-set similarity.
Each candidate is an exact slice of the source, so it can be linked as a quote and
verify as found exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, utils

from annotator.model import CheckedQuote, Citation
from annotator.sources.matching import verify_quote

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*\n")
# Stops that do not end a sentence.
_ABBREV = re.compile(r"\b(?:et al|e\.g|i\.e|vs|Fig|Figs|Tab|No|Dr|Mr|Mrs|Ms|approx|ca|cf|St)\.$")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP = {
    "the", "and", "for", "with", "that", "this", "from", "were", "was", "are", "has", "have",
    "had", "not", "but", "its", "their", "than", "into", "over", "also", "been", "can", "may",
    "more", "most", "such", "these", "those", "which", "who", "whom", "what", "when", "where",
    "while", "after", "before", "about", "between", "during", "among", "per", "our", "they",
    "them", "there", "here", "all", "any", "each", "other", "some", "both", "only", "very",
}  # fmt: skip

# Passages scoring below this (0-100) are not offered.
CANDIDATE_CUTOFF = 20.0
# What two sentences lose against one: they must hold clearly more of the claim.
WINDOW_PENALTY = 12.0


@dataclass(frozen=True)
class CandidateQuote:
    """A passage of the source: ``source_text[start:end] == text``."""

    start: int
    end: int
    text: str
    score: float  # 0-100
    numbers: tuple[str, ...]  # the claim's numbers the passage holds
    words: tuple[str, ...]  # the claim's content words the passage holds


def _stem(word: str) -> str:
    w = word.lower()
    for suffix in ("ies", "es", "s", "ed", "ing"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def _content_words(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text) if w.lower() not in _STOP}


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, white space trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREV.search(text[start : m.start()]):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def candidate_quotes(claim: str, source_text: str, limit: int = 5) -> list[CandidateQuote]:
    """The passages of ``source_text`` that best match ``claim``, best first."""
    if not claim.strip() or not source_text.strip():
        return []
    claim_words = _content_words(claim)
    claim_numbers = _numbers(claim)
    claim_processed = utils.default_process(claim)
    spans = sentences(source_text)
    windows = spans + [(a[0], b[1]) for a, b in zip(spans, spans[1:], strict=False)]
    scored: list[CandidateQuote] = []
    for start, end in windows:
        passage = source_text[start:end]
        words = claim_words & _content_words(passage)
        numbers = claim_numbers & _numbers(passage)
        word_part = len(words) / len(claim_words) if claim_words else 0.0
        fuzzy_part = fuzz.token_set_ratio(claim_processed, utils.default_process(passage)) / 100
        if claim_numbers:
            number_part = len(numbers) / len(claim_numbers)
            score = 45 * word_part + 30 * number_part + 25 * fuzzy_part
        else:
            score = 65 * word_part + 35 * fuzzy_part
        # Two sentences must earn their length: prefer the single sentence on a tie.
        if (start, end) not in spans:
            score -= WINDOW_PENALTY
        if score >= CANDIDATE_CUTOFF:
            scored.append(CandidateQuote(start, end, passage, round(score, 1),
                                         tuple(sorted(numbers)), tuple(sorted(words))))  # fmt: skip
    scored.sort(key=lambda c: (-c.score, c.start))
    chosen: list[CandidateQuote] = []
    for cand in scored:
        # A window that overlaps a better passage adds little: skip it.
        if any(cand.start < c.end and c.start < cand.end for c in chosen):
            continue
        chosen.append(cand)
        if len(chosen) >= limit:
            break
    return chosen


def check_quote(quote: str, citation: Citation) -> CheckedQuote:
    """Check ``quote`` against the citation's own text (or, lacking it, its abstract)."""
    match, passage = verify_quote(quote, citation.source_text or citation.abstract)
    return CheckedQuote(quote.strip(), match, passage)
