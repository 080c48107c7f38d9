"""Random grading by several reviewers, and what a blind reviewer must never be shown.

Two articles say the same four things (so claim memory links them); reviewers grade
claims at random, an editor sets some final verdicts. Every grade's note carries a
marker naming who gave it on which claim, so a leak shows as text in any view.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from annotator.model import ProposedClaim
from annotator.store import Store

BLIND = "bob"  # the reviewer whose views are read
OTHERS = ("alice", "carol")
EDITOR = "ed"
VERDICTS = ("supported", "mostly-supported", "mixed", "unsupported", "contradicted")
SENTENCES = [
    "Coffee cuts the risk of stroke by 20 percent in older women.",
    "The new vaccine prevented 95 percent of severe cases in trials.",
    "Unemployment fell to 3.5 percent last year, the lowest since 1969.",
    "Walking 8000 steps a day halves the risk of early death.",
]
CLAIMS = 4

# (reviewer, article 0/1, claim index, verdict)
Action = tuple[str, int, int, str]

actions = st.lists(
    st.tuples(
        st.sampled_from((BLIND, *OTHERS, EDITOR)),
        st.integers(0, 1),
        st.integers(0, CLAIMS - 1),
        st.sampled_from(VERDICTS),
    ),
    max_size=14,
)


def marker(reviewer: str, claim_id: int) -> str:
    """The text a grade's note carries: who graded which claim."""
    return f"mk{reviewer}c{claim_id}x"


@dataclass
class Graded:
    articles: list[int]
    claims: list[list[int]]  # claim ids per article, in text order
    hidden: set[int]  # claims the blind reviewer has not graded
    leaks: dict[int, set[str]]  # hidden claim -> markers that must not show

    def all_leaks(self) -> set[str]:
        return {m for found in self.leaks.values() for m in found}


def build(store: Store, steps: list[Action]) -> Graded:
    """Two articles of the same four claims, graded by ``steps``."""
    articles, claims = [], []
    for lead in ("", "Update. "):
        text = lead + " ".join(SENTENCES)
        proposals = []
        for s in SENTENCES:
            start = text.index(s)
            proposals.append(
                ProposedClaim(start=start, end=start + len(s), text=s, label=s[:30], score=0.5)
            )
        article = store.import_article(
            text, title=f"Article {lead or 'first'}", reviewer="setup", proposals=proposals
        )
        articles.append(article.id)
        claims.append([c.id for c in store.claims(article.id)])
    given: dict[int, set[str]] = {}
    own: set[int] = set()
    for reviewer, article, index, verdict in steps:
        claim_id = claims[article][index]
        store.grade_claim(
            claim_id,
            verdict,
            reviewer=reviewer,
            note=marker(reviewer, claim_id),
            final=reviewer == EDITOR,
        )
        given.setdefault(claim_id, set()).add(reviewer)
        if reviewer == BLIND:
            own.add(claim_id)
    every = {c for ids in claims for c in ids}
    hidden = every - own
    leaks = {c: {marker(r, c) for r in given.get(c, set()) if r != BLIND} for c in sorted(hidden)}
    return Graded(articles, claims, hidden, leaks)
