"""The claims-evaluation articles that tests may run the proposer on.

Tests that check the proposer's output does not change (prefilters, chunked segmenting)
read real articles; the held-out splits are left out, so that no test failure ever
prints the proposer's output on text nobody may tune on.
"""

from __future__ import annotations

import json
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent / "data" / "claims_eval"


def tuned_eval_paths() -> list[Path]:
    """The ``.txt`` files of every article whose split is not a held-out one, by name."""
    manifest = json.loads((EVAL_DIR / "manifest.json").read_text(encoding="utf-8"))
    return [
        EVAL_DIR / f"{name}.txt"
        for name, meta in sorted(manifest.items())
        if not str(meta["split"]).startswith("held-out")
    ]
