"""The sample article's claims, frozen: TUI snapshots are built from these, not from the
live proposer, so tuning the proposer never moves a snapshot.

``tests/data/sample_claims.json`` holds what the proposer found in the sample article
when the fixture was made; a screen test needs claims, not the proposer's latest view.
"""

from __future__ import annotations

import json
from pathlib import Path

from annotator.model import ProposedClaim, Quantity
from tests.conftest import SAMPLE_ARTICLE

SAMPLE_CLAIMS = Path(__file__).parent / "data" / "sample_claims.json"


def sample_text() -> str:
    return SAMPLE_ARTICLE.read_text(encoding="utf-8")


def sample_claims() -> list[ProposedClaim]:
    """The fixed claims of the sample article (each checked against its text on import)."""
    items = json.loads(SAMPLE_CLAIMS.read_text(encoding="utf-8"))
    return [
        ProposedClaim(
            start=d["start"],
            end=d["end"],
            text=d["text"],
            label=d["label"],
            score=d["score"],
            reasons=tuple(d["reasons"]),
            sentence_start=d["sentence_start"],
            sentence_end=d["sentence_end"],
            quantities=tuple(Quantity.from_dict(q) for q in d["quantities"]),
        )
        for d in items
    ]
