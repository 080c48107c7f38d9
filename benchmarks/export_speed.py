"""Exporting 100,000 graded claims: CSV and XLSX against ``sqlite3 -csv``.

Builds one database of 1,000 articles with 100 graded claims each (two reviewers per
claim, a final grade on every tenth, one or two evidence links to 500 sources), then
times, in the same run:

- the baseline: the ``sqlite3`` command-line shell writing CSV of a comparable join
  (claim, article, reviewers' verdicts and the titles of the sources for and against);
- ``annotator export --format csv`` and ``--format xlsx``, in process, to a file.

It prints each time and its ratio to the baseline (targets: CSV at most 3x, XLSX at
most 10x). Usage: ``python benchmarks/export_speed.py``.
"""

from __future__ import annotations

import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from annotator.export import render
from annotator.export.table import collect
from annotator.store import Store

ARTICLES = 1000
CLAIMS_PER_ARTICLE = 100
CITATIONS = 500
VERDICTS = ["supported", "mostly-supported", "mixed", "unsupported", "contradicted"]
STANCES = ["supports", "contradicts", "mixed", "mentions"]
NOW = "2026-01-01T00:00:00Z"

BASELINE_SQL = """
SELECT a.id, a.title, a.source, c.id, c.start, c."end", c.label, c.text, c.status, c.score,
  (SELECT group_concat(g.reviewer || ': ' || g.verdict, '; ') FROM grades g
     WHERE g.claim_id = c.id AND g.final = 0),
  (SELECT g.verdict FROM grades g WHERE g.claim_id = c.id AND g.final = 1),
  (SELECT group_concat(s.title, '; ') FROM evidence e JOIN citations s ON s.id = e.citation_id
     WHERE e.claim_id = c.id AND e.stance = 'supports'),
  (SELECT group_concat(s.title, '; ') FROM evidence e JOIN citations s ON s.id = e.citation_id
     WHERE e.claim_id = c.id AND e.stance = 'contradicts'),
  (SELECT group_concat(e.quote || ' (' || e.locator || ')', '; ') FROM evidence e
     WHERE e.claim_id = c.id),
  c.note, c.updated_at
FROM claims c JOIN articles a ON a.id = c.article_id
ORDER BY c.article_id, c.start, c.id;
"""


def build(path: Path) -> None:
    rng = random.Random(11)
    Store.open(path).close()
    import sqlite3

    conn = sqlite3.connect(path)
    # Bulk rows straight in: the benchmark is about export, not about import.
    sentence = "The trial found that symptoms fell by {n}% at {m} months compared to baseline."
    articles, claims, grades, evidence = [], [], [], []
    claim_id = 0
    for a in range(1, ARTICLES + 1):
        parts = []
        offset = 0
        for _ in range(CLAIMS_PER_ARTICLE):
            text = sentence.format(n=rng.randint(5, 95), m=rng.randint(1, 24))
            claim_id += 1
            claims.append(
                (
                    claim_id,
                    a,
                    offset,
                    offset + len(text),
                    text,
                    f"symptoms fell {claim_id}",
                    0.8,
                    '["statistic"]',
                    "accepted",
                    "auto",
                    NOW,
                    NOW,
                )
            )
            parts.append(text)
            offset += len(text) + 1
            for reviewer in ("ana", "ben"):
                grades.append(
                    (
                        claim_id,
                        reviewer,
                        rng.choice(VERDICTS),
                        "moderate",
                        '["imprecise"]',
                        "",
                        NOW,
                        0,
                    )
                )
            if claim_id % 10 == 0:
                grades.append((claim_id, "editor", "mixed", "low", "[]", "settled", NOW, 1))
            for _ in range(rng.randint(1, 2)):
                evidence.append(
                    (
                        claim_id,
                        rng.randint(1, CITATIONS),
                        rng.choice(STANCES),
                        "symptoms fell by half",
                        "p. 4",
                        NOW,
                        NOW,
                    )
                )
        body = " ".join(parts)
        articles.append((a, f"Article {a}", f"https://example.org/{a}", body, f"{a:064x}", NOW))
    conn.executemany(
        "INSERT INTO articles (id, title, source, text, sha256, imported_at) VALUES (?,?,?,?,?,?)",
        articles,
    )
    conn.executemany(
        'INSERT INTO claims (id, article_id, start, "end", text, label, score, reasons, status,'
        " origin, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        claims,
    )
    conn.executemany(
        "INSERT INTO citations (id, kind, doi, title, authors, year, container, evidence_type,"
        " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [
            (
                i,
                "doi",
                f"10.1000/x{i}",
                f"A study of things, part {i}",
                json.dumps(["Smith, Ann", "Jones, Bo"]),
                2020,
                "Journal of Trials",
                "rct",
                NOW,
                NOW,
            )
            for i in range(1, CITATIONS + 1)
        ],
    )
    conn.executemany(
        "INSERT INTO grades (claim_id, reviewer, verdict, certainty, reasons, note, graded_at,"
        " final) VALUES (?,?,?,?,?,?,?,?)",
        grades,
    )
    conn.executemany(
        "INSERT INTO evidence (claim_id, citation_id, stance, quote, locator, created_at,"
        " updated_at) VALUES (?,?,?,?,?,?,?)",
        evidence,
    )
    conn.commit()
    conn.close()


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (this process and its children) of one call."""
    wall, cpu = time.perf_counter(), _cpu()
    fn()
    return time.perf_counter() - wall, _cpu() - cpu


def _cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    sqlite3_cli = shutil.which("sqlite3")
    if sqlite3_cli is None:
        sys.exit("the sqlite3 shell is needed for the baseline (apt-get install sqlite3)")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        build(db)
        out = Path(tmp)

        def baseline() -> None:
            with (out / "base.csv").open("wb") as f:
                subprocess.run([sqlite3_cli, "-csv", str(db), BASELINE_SQL], stdout=f, check=True)

        def export(fmt: str) -> Callable[[], None]:
            def run() -> None:
                # What ``annotator export --format FMT -o FILE`` does, in process.
                store = Store.open(db)
                result = render(fmt, collect(store))
                if isinstance(result, str):
                    (out / f"out.{fmt}").write_text(result, encoding="utf-8", newline="")
                else:
                    (out / f"out.{fmt}").write_bytes(result)
                store.close()

            return run

        base = min(timed(baseline) for _ in range(3))
        results = {
            "CSV": (min(timed(export("csv")) for _ in range(3)), 3),
            "XLSX": (min(timed(export("xlsx")) for _ in range(2)), 10),
        }
        lines = sum(1 for _ in (out / "base.csv").open("rb"))
        print(f"claims exported: {ARTICLES * CLAIMS_PER_ARTICLE} (baseline rows: {lines})")
        print(f"{'':30} {'wall s':>7} {'cpu s':>7} {'wall x':>7} {'cpu x':>7}")
        print(f"{'sqlite3 -csv join (baseline)':30} {base[0]:7.2f} {base[1]:7.2f}")
        for name, ((wall, cpu), target) in results.items():
            print(
                f"{'annotator ' + name:30} {wall:7.2f} {cpu:7.2f} {wall / base[0]:7.1f} "
                f"{cpu / base[1]:7.1f}  (target <= {target}x)"
            )


if __name__ == "__main__":
    main()
