"""`annotator --help` against `sqlite-utils --help`: whole processes, same run.

Target (issue "Foundation"): at most 1.2 times as long. Prints medians and the ratio.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 15


def median_seconds(command: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    bindir = Path(sys.executable).parent
    annotator = shutil.which("annotator", path=str(bindir)) or "annotator"
    sqlite_utils = shutil.which("sqlite-utils", path=str(bindir)) or "sqlite-utils"
    median_seconds([annotator, "--help"])  # warm the file cache for both
    median_seconds([sqlite_utils, "--help"])
    ours = median_seconds([annotator, "--help"])
    base = median_seconds([sqlite_utils, "--help"])
    print(f"annotator --help     {ours * 1000:7.1f} ms (median of {RUNS})")
    print(f"sqlite-utils --help  {base * 1000:7.1f} ms (baseline)")
    print(f"ratio                {ours / base:7.2f}  (target <= 1.20)")


if __name__ == "__main__":
    main()
