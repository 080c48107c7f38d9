"""The real scraped article from ../shared/seed: the claims a checker would mark."""

from __future__ import annotations

from annotator.text.articles import guess_title, load_text
from annotator.text.proposer import propose_claims


def test_seed_article_claims(seed_text: str) -> None:
    text = load_text(seed_text.encode("utf-8"), "seed.txt").text
    assert guess_title(text).startswith("MDMA-Assisted Therapy")
    claims = propose_claims(text)
    joined = "\n".join(c.text for c in claims)
    for needle in (
        "over 50% at 6-month",
        "release of oxytocin",
        "prefrontal cortex",
        "amygdala",
        "Phase 3 trials",
        "all other treatments failed",
    ):
        assert needle in joined, needle
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
        assert not claim.text.startswith(("Photo credit", "Sign up", "No spam", "Aug 24"))
        assert claim.text not in ("Effects on Brain Function", "Conclusion")
