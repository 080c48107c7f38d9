"""``verify`` on a small and a four times larger desk: time and peak memory of the process.

Each figure is beside the same one on the small desk (the baseline, measured in the
same run) and beside a process that only opens the database (so what verify itself
adds shows). The log is read once in order and each table once beside it, so time
should grow with the desk and memory should not.
Run: ``python benchmarks/verify_scale.py [--articles N]`` (N articles of ~50 claims).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from annotator.store import Store
from annotator.text.proposer import propose_claims

SENTENCES = [
    "The trial found that symptoms fell by {n}% at {m} months compared to baseline.",
    "Critics note that the sample of {n} patients was small.",
    "The FDA is expected to decide on approval within {m} months.",
]

MEASURE = r"""
import json, resource, sys, time
from annotator.store import Store
store = Store.open(sys.argv[1])
start = time.perf_counter()
report = store.verify_log() if sys.argv[2] == "verify" else None
took = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": took, "peak_kb": peak,
                  "intact": None if report is None else report.intact,
                  "events": None if report is None else report.events}))
"""


def build(path: Path, articles: int) -> None:
    store = Store.open(path)
    for i in range(articles):
        text = f"Article {i}\n" + "\n".join(
            SENTENCES[j % 3].format(n=(i + j) % 90 + 5, m=j % 24 + 1) for j in range(60)
        )
        article = store.import_article(
            text, title=f"a{i}", reviewer="bench", proposals=propose_claims(text)
        )
        for n, claim in enumerate(store.claims(article.id)):
            if n % 2 == 0:
                store.grade_claim(claim.id, "mixed", reviewer="alice")
    store.close()


def measure(path: Path, what: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path), what],
        check=True, capture_output=True, text=True, env=os.environ,
    )  # fmt: skip
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for size in (args.articles, 4 * args.articles):
            path = Path(tmp) / f"desk{size}.db"
            started = time.perf_counter()
            build(path, size)
            built = time.perf_counter() - started
            results[size] = (measure(path, "verify"), measure(path, "open"), built)
    small = results[args.articles][0]
    for run, opened, built in results.values():
        print(
            f"{int(run['events']):>8} events: verify {run['seconds']:6.2f} s"
            f" ({run['seconds'] / small['seconds']:4.1f}x the small desk); process peak"
            f" {run['peak_kb'] / 1024:6.1f} MB ({run['peak_kb'] / small['peak_kb']:4.2f}x the"
            f" small desk's; opening alone {opened['peak_kb'] / 1024:6.1f} MB);"
            f" intact={run['intact']}; built in {built:.0f} s"
        )


if __name__ == "__main__":
    main()
