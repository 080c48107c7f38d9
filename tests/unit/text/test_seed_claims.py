"""The expected claims of the seed article (../shared/seed), written down as a test."""

from __future__ import annotations

from annotator.text.articles import load_text
from annotator.text.proposer import propose_claims

# (words the claim's span starts with, the label it gets)
EXPECTED = [
    ("Early clinical trials display remarkable remission of symptoms",
     "Early clinical trials display symptom remission"),
    ("Brain imaging shows MDMA increases prefrontal cortex activation",
     "MDMA increases prefrontal cortex activation"),
    ("decreases overactivity in the amygdala.", "MDMA decreases overactivity in the amygdala"),
    ("In addition to altering brain networks, MDMA triggers the release of oxytocin",
     "MDMA triggers oxytocin release"),
    ("Another key mechanism of MDMA is temporarily dampening activity",
     "MDMA dampens activity in the part of the brain"),
    ("Phase 3 trials are underway", None),
    ("According to available data, MDMA-assisted therapy cuts PTSD symptoms by over 50%",
     "MDMA-assisted therapy: >50% PTSD symptom drop at 6 months"),
]  # fmt: skip

NEVER = [
    "MDMA-Assisted Therapy: A Promising Treatment",
    "Aug 24, 2023",
    "Effects on Brain Function",
    "Increased Oxytocin and Emotional Openness",
    "Quieting the Inner Critic",
    "Synergy With Psychotherapy Techniques",
    "Promising But Early Results",
    "Conclusion",
    "Photo credit",
    "Sign up for our Newsletter",
    "Keep up with our latest offerings",
    "No spam. Ever.",
    "rays of light",
    "liberation may finally be in sight",
    "tip scales from despair to hope",
    "we owe it to suffering souls",
    "How does MDMA work",
]


def test_seed_article_proposals(seed_text: str) -> None:
    text = load_text(seed_text.encode("utf-8"), "seed.txt").text
    claims = propose_claims(text)
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
    for start, label in EXPECTED:
        found = [c for c in claims if c.text.startswith(start)]
        assert found, f"missing claim: {start}"
        if label is not None:
            assert found[0].label == label
    for noise in NEVER:
        assert not any(noise in c.text for c in claims), noise
    stat = next(c for c in claims if "over 50%" in c.text)
    assert stat.quantities[0].timeframe == "6 months"
    assert {"statistic", "timeframe", "study"} <= set(stat.reasons)
    halves = [c for c in claims if "amygdala" in c.text and "cortex" in c.text]
    assert not halves, "the brain-imaging sentence is two claims"
