"""Searching a 100,000-citation library: milliseconds per query.

annotator's search (``app.citation_search.search_citations``: exact identifier lookup,
then the word index narrowing to a few hundred candidates ranked by the share of the
query each holds, ``sources/search.py``) against, as the baseline in the same run, a full
rapidfuzz ``WRatio`` scan of the same strings.
Queries are three consecutive words of a random title or an author with a typo, plus
DOIs. Also reports how often each finds the citation the query was made from in its top
ten.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process, utils

sys.path.insert(0, str(Path(__file__).parent))
from citation_data import csl_text, make_items  # noqa: E402

from annotator.app.citation_search import citation_index, search_citations  # noqa: E402
from annotator.app.library import add_citations  # noqa: E402
from annotator.sources.library_import import parse_citations  # noqa: E402
from annotator.sources.search import citation_haystack  # noqa: E402
from annotator.store import Store  # noqa: E402

CITATIONS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
QUERIES = 200
BASELINE_QUERIES = 30  # the full scan is slow; its per-query time is stable


def typo(rng: random.Random, text: str) -> str:
    i = rng.randrange(1, max(2, len(text) - 1))
    return text[:i] + rng.choice("aeiouy") + text[i + 1 :]


def main() -> None:
    rng = random.Random(5)
    citations = parse_citations(csl_text(make_items(CITATIONS)), "csl-json").citations
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.db")
        add_citations(store, citations, reviewer="bench")
        stored = store.list_citations()
        start = time.perf_counter()
        citation_index(store)
        build = time.perf_counter() - start
        queries: list[tuple[str, int]] = []
        for _ in range(QUERIES):
            c = rng.choice(stored)
            roll = rng.random()
            if roll < 0.1 and c.doi:
                queries.append((c.doi.upper(), c.id))
            elif roll < 0.3:
                queries.append((typo(rng, c.authors[0].split(",")[0]) + f" {c.year}", c.id))
            else:
                words = c.title.split()
                s = rng.randrange(0, max(1, len(words) - 3))
                queries.append((typo(rng, " ".join(words[s : s + 3])), c.id))
        times, found = [], 0
        for q, cid in queries:
            t = time.perf_counter()
            hits = search_citations(store, q, limit=10)
            times.append(time.perf_counter() - t)
            found += any(c.id == cid for c, _s in hits)
        haystacks = [citation_haystack(c) for c in stored]
        base_times, base_found = [], 0
        for q, cid in queries[:BASELINE_QUERIES]:
            t = time.perf_counter()
            hits_b = process.extract(q, haystacks, scorer=fuzz.WRatio,
                                     processor=utils.default_process, limit=10)  # fmt: skip
            base_times.append(time.perf_counter() - t)
            base_found += any(stored[i].id == cid for _h, _s, i in hits_b)
        store.close()
    ms = 1000
    ours = statistics.median(times) * ms
    p95 = sorted(times)[int(len(times) * 0.95)] * ms
    base = statistics.median(base_times) * ms
    print(f"library: {CITATIONS} citations; index built in {build:.1f} s (once per change)")
    print(
        f"annotator search   median {ours:6.1f} ms, p95 {p95:6.1f} ms, max "
        f"{max(times) * ms:6.1f} ms per query; source in top 10: {found}/{len(queries)}"
    )
    print(
        f"full WRatio scan   median {base:6.1f} ms per query (baseline); source in top 10: "
        f"{base_found}/{BASELINE_QUERIES}"
    )
    print(f"ratio (time)       {base / ours:6.1f}x faster than the full scan")


if __name__ == "__main__":
    main()
