"""Article summaries counted in SQL agree with counting claim by claim."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.model import ClaimStatus
from annotator.store import Store
from annotator.text.proposer import propose_claims

TEXT = (
    "Report\n\nThe drug cut deaths by 40% in 2020. Coffee raised test scores by 12% in Ohio. "
    "A study of 900 people found that sleep loss doubled costs. Prices fell by 8 percent "
    "since 2019. The tax cut halved unemployment in rural areas.\n"
)
PROPOSALS = propose_claims(TEXT.replace("Report", "Report0"))
VERDICTS = ("supported", "mixed", "contradicted", "unsupported")


def counted_one_by_one(store: Store, article_id: int) -> tuple[int, int, int, dict[str, int]]:
    claims = store.claims(article_id)
    live = [c for c in claims if c.status != ClaimStatus.DISMISSED]
    graded = store.current_verdicts(article_id)
    verdicts: dict[str, int] = {}
    for c in live:
        if c.id in graded:
            verdicts[graded[c.id]] = verdicts.get(graded[c.id], 0) + 1
    return len(live), sum(verdicts.values()), len(claims) - len(live), verdicts


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_sql_summaries_equal_counting_claim_by_claim(seed: int) -> None:
    rng = random.Random(seed)
    store = Store.memory()
    ids = []
    for i in range(3):
        text = TEXT.replace("Report", f"Report{i}")  # same length: the same proposals fit
        ids.append(store.import_article(text, title=f"A{i}", reviewer="a",
                                        proposals=PROPOSALS).id)  # fmt: skip
    for aid in ids[:2]:
        for claim in store.claims(aid):
            for reviewer in ("ann", "ben"):
                if rng.random() < 0.5:
                    store.grade_claim(claim.id, rng.choice(VERDICTS), reviewer=reviewer)
            if rng.random() < 0.2:
                store.grade_claim(
                    claim.id, rng.choice(VERDICTS), reviewer="ed", final=True, note="settled"
                )
            if rng.random() < 0.3:
                store.dismiss_claim(claim.id, reviewer="ann")
    summaries = store.article_summaries()
    assert [s.article.id for s in summaries] == ids
    for s in summaries:
        assert (s.claims, s.graded, s.dismissed, s.verdicts) == counted_one_by_one(
            store, s.article.id
        )
        assert s.article.title == store.get_article(s.article.id).title
        assert store.article_summaries(s.article.id) == [s]


def test_article_to_open_prefers_the_one_asked_for(store: Store) -> None:
    assert store.article_to_open(3) is None
    first = store.import_article(TEXT, title="a", reviewer="a", proposals=[]).id
    second = store.import_article(TEXT + "More.\n", title="b", reviewer="a", proposals=[]).id
    assert store.article_to_open(second) == second
    assert store.article_to_open(99) == first
    assert store.article_to_open() == first
