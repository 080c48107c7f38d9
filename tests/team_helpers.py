"""Building blocks for the team-review tests: an article of N one-sentence claims."""

from __future__ import annotations

from annotator.model import ProposedClaim
from annotator.store import Store


def article_with_claims(
    store: Store, n: int, *, title: str = "Team", seed: str = "", only: set[int] | None = None
) -> int:
    """Import an article of ``n`` sentences, each (or those in ``only``) one claim; its id."""
    sentences = [f"Claim {seed}{i} says that {i * 7} percent of trials agree." for i in range(n)]
    text = " ".join(sentences)
    proposals = []
    pos = 0
    for i, s in enumerate(sentences):
        start = text.index(s, pos)
        pos = start + len(s)
        if only is not None and i not in only:
            continue
        proposals.append(
            ProposedClaim(
                start=start, end=start + len(s), text=s, label=f"claim {i_of(s)}", score=0.5
            )
        )
        pos = start + len(s)
    return store.import_article(text, title=title, reviewer="setup", proposals=proposals).id


def i_of(sentence: str) -> str:
    return sentence.split()[1]


def grade_table(store: Store, article_id: int, table: dict[str, list[str | None]]) -> list[int]:
    """Grade claims in text order: reviewer -> verdicts (None: not graded). Claim ids."""
    ids = [c.id for c in store.claims(article_id)]
    for reviewer, verdicts in table.items():
        for claim_id, verdict in zip(ids, verdicts, strict=False):
            if verdict is not None:
                store.grade_claim(claim_id, verdict, reviewer=reviewer)
    return ids
