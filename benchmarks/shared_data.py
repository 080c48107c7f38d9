"""Where the shared evaluation data is, for the benchmark scripts (run from any checkout).

$ANNOTATOR_TEST_SHARED when set (as the tests use it), else the nearest ``shared``
folder with an ``eval`` inside beside a parent of the checkout: /work/main ->
/work/shared, and a worktree such as /work/wt/name -> /work/shared as well.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    if os.environ.get("ANNOTATOR_TEST_SHARED"):
        return Path(os.environ["ANNOTATOR_TEST_SHARED"])
    for parent in ROOT.parents:
        if (parent / "shared" / "eval").is_dir():
            return parent / "shared"
    return ROOT.parent / "shared"
