"""Fuzzy ranking with rapidfuzz: query -> [(item, score)], best first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from rapidfuzz import fuzz, process, utils

from annotator.model import QuoteMatch

T = TypeVar("T")

# Below this WRatio score (0-100) a hit is noise rather than a typo of the query.
SEARCH_CUTOFF = 55.0
SEARCH_LIMIT = 50


def rank(
    query: str,
    items: Sequence[T],
    key: Callable[[T], str],
    *,
    limit: int = SEARCH_LIMIT,
    cutoff: float = SEARCH_CUTOFF,
) -> list[tuple[T, float]]:
    """Items whose ``key`` text matches ``query`` (typo-tolerant), best first."""
    query = query.strip()
    if not query:
        return [(item, 100.0) for item in items[:limit]]
    choices = [key(item) for item in items]
    hits = process.extract(
        query,
        choices,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=cutoff,
    )
    return [(items[index], float(score)) for _choice, score, index in hits]


def _squash(text: str) -> str:
    """Case, quotes and white space do not decide whether a quote is in a source."""
    table = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
    return " ".join(text.translate(table).lower().split())


# A quote whose best window in the source scores at least this (0-100) is "approximate".
QUOTE_APPROXIMATE_CUTOFF = 85.0


def verify_quote(quote: str, source_text: str) -> tuple[QuoteMatch, str]:
    """Is ``quote`` in ``source_text``? Returns the result and the passage found."""
    if not quote.strip():
        return QuoteMatch.NO_TEXT, ""
    if not source_text.strip():
        return QuoteMatch.NO_TEXT, ""
    q, s = _squash(quote), _squash(source_text)
    if q in s:
        return QuoteMatch.EXACT, quote.strip()
    hit = fuzz.partial_ratio_alignment(q, s)
    if hit is not None and hit.score >= QUOTE_APPROXIMATE_CUTOFF:
        return QuoteMatch.APPROXIMATE, s[hit.dest_start : hit.dest_end]
    return QuoteMatch.NOT_FOUND, ""
