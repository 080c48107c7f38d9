"""A grading process for the concurrency and crash tests (run as a script).

    python tests/grader.py DB REVIEWER COUNT GO_FILE LOG_FILE [--cli] [--forever] [--pause]

Waits for GO_FILE to exist (so several graders start together), then grades the
article's claims in turn as REVIEWER (COUNT grades, or until killed with --forever,
each under a fresh reviewer name so every grade is a new row), appending
"claim_id reviewer verdict" to LOG_FILE after each grade has returned.
"""

from __future__ import annotations

import itertools
import sys
import time
from pathlib import Path

VERDICTS = ("supported", "mostly-supported", "mixed", "unsupported", "contradicted")


def main() -> None:
    db, reviewer, count, go, log_path = sys.argv[1:6]
    use_cli = "--cli" in sys.argv
    forever = "--forever" in sys.argv
    pause = 0.005 if "--pause" in sys.argv else 0.0
    # Everything slow (imports, opening) happens before the start signal, so the
    # graders really write at the same time.
    from annotator.cli import cli
    from annotator.store import Store

    store = Store.open(db)
    claims = [c.id for c in store.claims(store.list_articles()[0].id)]
    if use_cli:
        store.close()
    while not Path(go).exists():
        time.sleep(0.01)
    with open(log_path, "a", encoding="utf-8") as log:
        steps = itertools.count() if forever else range(int(count))
        for i in steps:
            claim = claims[i % len(claims)]
            who = f"{reviewer}-{i // len(claims)}" if forever else reviewer
            verdict = VERDICTS[i % len(VERDICTS)]
            if use_cli:
                args = ["--db", db, "--reviewer", who, "grade", str(claim), "--verdict", verdict]
                try:
                    cli.main(args, prog_name="annotator", standalone_mode=False)
                except SystemExit as exc:
                    if exc.code:
                        raise
            else:
                store.grade_claim(claim, verdict, reviewer=who)
            log.write(f"{claim} {who} {verdict}\n")
            log.flush()
            if pause:
                time.sleep(pause)  # a reviewer's pace: lets the other writer in between


if __name__ == "__main__":
    main()
