"""Importing a 100,000-entry CSL-JSON file into the citation library.

Reports entries per second and peak memory (the peak resident size of a process that
does only that job) for annotator's import (lenient JSON, identifier normalization,
study-design proposal, dedupe lookups, one stored action with an event per citation)
and, as the baseline in the same run, ``json.loads`` of the same items written as
strict JSON plus a bare sqlite-utils ``insert_all`` of them.

    python benchmarks/citations_import.py [ENTRIES]
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from annotator.app.library import add_citations  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))

ENTRIES = 100_000


def ours(path: Path, db: Path) -> dict[str, float]:
    from annotator.sources.library_import import read_citation_file
    from annotator.store import Store

    start = time.perf_counter()
    parsed = read_citation_file(path, "csl-json")
    parse_s = time.perf_counter() - start
    store = Store.open(db)
    results = add_citations(store, parsed.citations, reviewer="bench")
    total = time.perf_counter() - start
    store.close()
    added = sum(1 for _c, new in results if new)
    return {"seconds": total, "parse": parse_s, "added": added, "rejected": len(parsed.errors)}


def baseline(path: Path, db: Path) -> dict[str, float]:
    import sqlite_utils

    start = time.perf_counter()
    rows = json.loads(path.read_text(encoding="utf-8"))
    database = sqlite_utils.Database(db)
    database.enable_wal()
    database.table("items").insert_all(
        ({"id": r["id"], "title": r["title"], "doc": json.dumps(r)} for r in rows),
        batch_size=1000,
    )
    return {"seconds": time.perf_counter() - start}


def _peak_mb() -> float:
    """This process's peak resident memory. VmHWM restarts at exec, unlike ru_maxrss,
    which a child inherits from the parent that forked it."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(mode: str, path: str, db: str) -> None:
    result = (ours if mode == "ours" else baseline)(Path(path), Path(db))
    result["peak_mb"] = _peak_mb()
    print(json.dumps(result))


def run(mode: str, path: Path, db: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path), str(db)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return dict(json.loads(out.stdout))


def main() -> None:
    from citation_data import csl_text, make_items

    entries = int(sys.argv[1]) if len(sys.argv) > 1 else ENTRIES
    items = make_items(entries)
    with tempfile.TemporaryDirectory() as tmp:
        lenient = Path(tmp) / "library.json"
        lenient.write_text(csl_text(items), encoding="utf-8")
        strict = Path(tmp) / "strict.json"
        strict.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        size = lenient.stat().st_size / 1024 / 1024
        del items
        a = run("ours", lenient, Path(tmp) / "ours.db")
        b = run("base", strict, Path(tmp) / "base.db")
    print(f"file: {entries} CSL-JSON items, {size:.1f} MB, with leading-zero date parts")
    print(
        f"annotator import        {entries / a['seconds']:8.0f} entries/s ({a['seconds']:.1f} s,"
        f" of which parsing {a['parse']:.1f} s; {a['added']:.0f} added,"
        f" {a['rejected']:.0f} rejected), peak {a['peak_mb']:.0f} MB"
    )
    print(
        f"json.loads + insert_all {entries / b['seconds']:8.0f} entries/s ({b['seconds']:.1f} s),"
        f" peak {b['peak_mb']:.0f} MB (baseline: raw rows, no normalizing, no events)"
    )
    print(
        f"ratio                   {a['seconds'] / b['seconds']:8.1f}x the time,"
        f" {a['peak_mb'] / b['peak_mb']:.1f}x the memory of the bare load and insert"
    )


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        main()
