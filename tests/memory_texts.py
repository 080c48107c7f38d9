"""Texts shared by the claim-memory tests, with claims that do not depend on the proposer."""

from __future__ import annotations

from annotator.model import ProposedClaim
from annotator.text.proposer import make_label

FIRST = (
    "MDMA therapy\n"
    "MDMA-assisted therapy cuts PTSD symptoms by over 50% at 6-month follow-ups.\n"
    "MDMA triggers the release of oxytocin.\n"
    "Brain imaging shows MDMA increases prefrontal cortex activation.\n"
)


def sentences(text: str) -> list[ProposedClaim]:
    """Every line after the title as a claim: tests do not depend on the proposer."""
    out, at = [], 0
    for i, line in enumerate(text.splitlines(keepends=True)):
        body = line.strip()
        if i and body:
            out.append(ProposedClaim(at, at + len(body), body, make_label(body), 0.9))
        at += len(line)
    return out
