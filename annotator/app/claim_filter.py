"""Filtering an article's claims by a typed query: words, status and verdict.

A query is words to find in a claim's text, label or note, plus any number of
``key:value`` terms: ``is:ungraded``, ``is:graded``, ``is:dismissed``, ``is:accepted``,
``is:proposed``, ``is:stale`` (a grade to check again after a correction), ``is:conflict``
(a merge left a reviewer two grades of one claim), ``is:label``
(a hand-written label states numbers the words lost) and ``verdict:KEY`` (a verdict
key, or its start: ``verdict:contra``).
Terms of one kind are alternatives; kinds combine. Pure: the store does the word search.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.app.claim_flags import FLAG_TERMS
from annotator.model import Claim, ClaimStatus

STATUS_TERMS = ("ungraded", "graded", "dismissed", "accepted", "proposed", "live", *FLAG_TERMS)


@dataclass(frozen=True)
class ClaimFilter:
    words: str = ""
    """Free text, searched in the claim's text, label and note."""
    statuses: frozenset[str] = field(default_factory=frozenset)
    """``is:`` terms: any of STATUS_TERMS."""
    verdicts: tuple[str, ...] = ()
    """``verdict:`` terms, each a verdict key or the start of one."""

    @property
    def empty(self) -> bool:
        return not (self.words or self.statuses or self.verdicts)

    def matches(
        self,
        claim: Claim,
        verdict: str,
        word_hits: set[int] | None,
        flags: frozenset[str] = frozenset(),
    ) -> bool:
        """Whether ``claim`` (whose verdict in force is ``verdict`` or "") passes.

        ``word_hits`` is the set of claim ids the word search found (None: no words);
        ``flags`` the claim's flags (``claim_flags``).
        """
        if word_hits is not None and claim.id not in word_hits:
            return False
        if self.statuses and not any(
            s in flags or _has_status(claim, verdict, s) for s in self.statuses
        ):
            return False
        return not self.verdicts or (
            bool(verdict) and any(verdict.startswith(v) for v in self.verdicts)
        )


def _has_status(claim: Claim, verdict: str, status: str) -> bool:
    dismissed = claim.status == ClaimStatus.DISMISSED
    if status == "ungraded":
        return not verdict and not dismissed
    if status == "graded":
        return bool(verdict) and not dismissed
    if status == "live":
        return not dismissed
    return str(claim.status) == status


def parse_filter(query: str) -> ClaimFilter:
    """Split a typed query into words and terms; unknown ``is:`` values count as words."""
    words: list[str] = []
    statuses: set[str] = set()
    verdicts: list[str] = []
    for token in query.split():
        key, sep, value = token.partition(":")
        key, value = key.lower(), value.lower()
        if sep and key in ("is", "status") and value in STATUS_TERMS:
            statuses.add(value)
        elif sep and key in ("verdict", "v") and value:
            verdicts.append(value)
        else:
            words.append(token)
    return ClaimFilter(" ".join(words), frozenset(statuses), tuple(verdicts))
