"""Krippendorff's alpha: annotator.grades.agreement (plain Python) against the numpy-based
``krippendorff`` package on the same data, same run; and the bootstrap interval.

No target is asserted; the figures say whether ``annotator agreement`` stays quick on
a large desk (2,000 claims graded by three reviewers, some grades missing).
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable

from annotator.grades.agreement import bootstrap_alpha, krippendorff_alpha

CLAIMS = 2000
REVIEWERS = 3
RUNS = 5


def median_seconds(run: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    rng = random.Random(7)
    matrix = [
        [rng.randint(1, 5) if rng.random() > 0.15 else None for _ in range(CLAIMS)]
        for _ in range(REVIEWERS)
    ]
    units = [[v for v in column if v is not None] for column in zip(*matrix, strict=True)]
    ours = median_seconds(lambda: krippendorff_alpha(units, "ordinal"))
    print(
        f"alpha, annotator.grades.agreement  {ours * 1000:8.1f} ms"
        f"  ({CLAIMS} claims, {REVIEWERS} reviewers)"
    )
    try:
        import krippendorff
        import numpy as np
    except ImportError:
        print("krippendorff package absent: pip install '.[test]' for the baseline")
    else:
        data = np.array([[np.nan if v is None else v for v in row] for row in matrix], dtype=float)
        base = median_seconds(
            lambda: krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal")
        )
        print(f"alpha, krippendorff (numpy) {base * 1000:8.1f} ms  (baseline)")
        print(f"ratio                       {ours / base:8.2f}")
    boot = median_seconds(lambda: bootstrap_alpha(units, "ordinal", samples=1000))
    print(f"bootstrap, 1000 resamples   {boot * 1000:8.1f} ms  ({boot / ours:.0f} x one alpha)")


if __name__ == "__main__":
    main()
