"""Run one annotator command once GO_FILE exists (so several processes start together).

    python tests/at_once.py GO_FILE [--hang-before METHOD MARK_FILE] -- ANNOTATOR ARGS...

With ``--hang-before``, the Store method METHOD (e.g. ``bring_in_grades``) touches
MARK_FILE and then waits to be killed instead of running: a test kills the process at a
known point in the middle of a command.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any


def main() -> None:
    split = sys.argv.index("--")
    options, args = sys.argv[1:split], sys.argv[split + 1 :]
    go = Path(options[0])
    # Everything slow (imports) happens before the start signal.
    from annotator.cli import cli
    from annotator.store import Store

    if "--hang-before" in options:
        at = options.index("--hang-before")
        method, mark = options[at + 1], Path(options[at + 2])

        def hang(*_args: Any, **_kwargs: Any) -> None:
            mark.touch()
            while True:
                time.sleep(1)

        setattr(Store, method, hang)
    while not go.exists():
        time.sleep(0.002)
    cli.main(args, prog_name="annotator")


if __name__ == "__main__":
    main()
