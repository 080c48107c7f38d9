"""The import's write step beside sqlite-utils ``insert_all`` of the same rows (issue 17, item 4).

What is timed (CPU seconds of this process, SQLite included: it runs in the process) is
``Store.import_article`` given each text and its proposed claims, as ``annotator import``
calls it: the article, its claims, their events (hashed and chained), the log's head, the
claims' full-text index and the summaries, one transaction per article. Reading files and
proposing claims happen before the clock starts.

"The same rows", the baseline in the same process: a file made by ``Store.open`` (the same
tables, columns, indexes and triggers: the full-text index, ``article_counts`` and
``claim_verdicts`` are filled by their triggers as each claim row lands), then for each
article, in one transaction (``db.atomic()``), ``insert_all`` of its ``articles`` row, its
``claims`` rows, its ``events`` rows and the ``log_head`` row, each read back from the
import's own file, ids and values as stored. Afterwards the two files must hold the same
rows in every table the import touched (checked, and printed). A second, smaller baseline
writes the article and claim rows alone (no log): what a tool that keeps no history writes.

Two workloads: a desk's day at scale (1,000 articles of about 14 sentences) and one long
report (``--long-sentences``, about 2 MB). ``--before REV`` measures the annotator of an
earlier revision as well, in the same run (rounds alternate between the two), so a change's
effect is read beside the machine's load of the moment. Also printed: database and event-log
bytes per claim of each import. Run: ``python benchmarks/import_writes.py [--before REV]``.
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
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from log_bytes import checkout_before  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
# Tables an import writes, directly or through triggers; compared row by row.
WRITTEN = ("articles", "claims", "events", "log_head", "article_counts", "claim_verdicts")


def workload_texts(name: str, articles: int, long_sentences: int) -> list[str]:
    """The articles' texts, made by this checkout's ``scale.py`` in the parent process and
    handed to each child: the same words for every revision measured, and an earlier
    revision's annotator never runs this checkout's ``scale.py`` (which imports today's
    annotator)."""
    import random

    from scale import article_text, paragraphs, sentence

    if name == "desk":
        rng = random.Random(5)
        return [article_text(rng, i) for i in range(articles)]
    rng = random.Random(3)
    body = [sentence(rng) for _ in range(long_sentences)]
    return ["One long report\n\n" + paragraphs(body) + "\n"]


def workload(texts: list[str]) -> list[tuple[str, list[Any]]]:
    """(text, proposals) of each article; proposed here so the code measured is the one
    on ``sys.path`` (this checkout or ``--before``)."""
    from annotator.text.proposer import propose_claims

    return [(t, propose_claims(t)) for t in texts]


# What an import of the code measured must write for the baselines to mean the same
# rows: the tables compared, the claims' full-text index and the triggers the "derived
# too" baseline drops (claims_counts_insert came with migration 12).
NEEDED = (*WRITTEN, "claims_fts", "claims_ai", "claims_counts_insert")


def unfit() -> str | None:
    """What the annotator on ``sys.path`` lacks that this benchmark measures, or None."""
    import inspect

    try:
        from annotator.store import Store
        from annotator.text.proposer import propose_claims  # noqa: F401
    except ImportError as exc:
        return f"its annotator cannot be imported as this benchmark needs ({exc})"
    if "proposals" not in inspect.signature(Store.import_article).parameters:
        return "its Store.import_article takes no proposals"
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "probe.db")
        names = {r[0] for r in store.db.conn.execute("SELECT name FROM sqlite_master")}
        store.close()
    missing = [n for n in NEEDED if n not in names]
    if missing:
        return (
            f"its database has no {', '.join(missing)}, which the import of today writes"
            " and the baselines compare"
        )
    return None


def table_rows(conn: Any, table: str) -> list[tuple[Any, ...]]:
    return list(conn.execute(f"SELECT * FROM {table} ORDER BY rowid"))


def measure(
    name: str, articles: int, long_sentences: int, folder: Path, texts: list[str] | None = None
) -> dict[str, Any]:
    """One round in this process: the import, then both baselines, on fresh files
    (``texts``: the workload's, else made here)."""
    from annotator.store import Store

    if texts is None:
        texts = workload_texts(name, articles, long_sentences)
    work = workload(texts)
    store = Store.open(folder / "ours.db")
    cpu, wall = time.process_time(), time.perf_counter()
    for i, (text, proposals) in enumerate(work):
        store.import_article(text, title=f"a{i}", reviewer="bench", proposals=proposals)
    ours = (time.process_time() - cpu, time.perf_counter() - wall)
    conn = store.db.conn
    claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    columns = [r[1] for r in conn.execute("PRAGMA table_info(events)")]
    event_bytes = conn.execute(
        "SELECT sum(" + " + ".join(f'coalesce(length("{c}"), 0)' for c in columns) + ") FROM events"
    ).fetchone()[0]
    # The rows the import wrote, article by article, as dicts (what insert_all takes).
    by_article = []
    for (article_id,) in conn.execute("SELECT id FROM articles ORDER BY id").fetchall():
        rows = []
        for table in ("articles", "claims", "events"):
            key = "id" if table == "articles" else "article_id"
            cursor = conn.execute(
                f"SELECT * FROM {table} WHERE {key} = ? ORDER BY id", [article_id]
            )
            names = [d[0] for d in cursor.description]
            rows.append([dict(zip(names, r, strict=True)) for r in cursor])
        last = rows[2][-1]
        rows.append([{"one": 1, "events": last["id"], "hash": last["hash"]}])
        by_article.append(rows)
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    if events != sum(len(r[2]) for r in by_article):
        raise SystemExit(
            "an import wrote events outside its articles: the baseline would miss them"
        )
    expected = {t: table_rows(conn, t) for t in WRITTEN}
    fts = conn.execute("SELECT rowid, * FROM claims_fts ORDER BY rowid").fetchall()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    file_bytes = (folder / "ours.db").stat().st_size

    baselines = {}
    for label, tables in (("every row", 4), ("articles and claims", 2), ("derived too", 6)):
        base = Store.open(folder / f"base-{tables}.db")  # the same schema, indexes, triggers
        db = base.db
        if tables == 6:
            # Every row by insert_all, the index's and summaries' too: their triggers go.
            db.execute("DROP TRIGGER claims_ai")
            db.execute("DROP TRIGGER claims_counts_insert")
        cpu, wall = time.process_time(), time.perf_counter()
        for rows in by_article:
            with db.atomic():
                for table, table_rows_ in zip(
                    ("articles", "claims", "events"), rows[:tables], strict=False
                ):
                    db.table(table).insert_all(table_rows_)
                if tables >= 4:
                    db.table("log_head").insert_all(rows[3], replace=True)
                if tables == 6:
                    db.table("claims_fts").insert_all(
                        {
                            "rowid": c["id"],
                            "text": c["text"],
                            "label": c["label"],
                            "note": c["note"],
                        }
                        for c in rows[1]
                    )
                    live = sum(c["status"] != "dismissed" for c in rows[1])
                    db.table("article_counts").insert_all(
                        [{"article_id": rows[0][0]["id"], "live": live,
                          "dismissed": len(rows[1]) - live}]
                    )  # fmt: skip
        baselines[label] = (time.process_time() - cpu, time.perf_counter() - wall)
        if tables != 2:
            same = all(table_rows(db.conn, t) == expected[t] for t in WRITTEN) and fts == (
                db.conn.execute("SELECT rowid, * FROM claims_fts ORDER BY rowid").fetchall()
            )
            if not same:
                raise SystemExit("the baseline's file differs from the import's: not the same rows")
        base.close()
    import annotator

    return {
        "code": annotator.__file__,
        "claims": claims,
        "articles": len(work),
        "events": events,
        "ours": ours,
        "baselines": baselines,
        "file_bytes": file_bytes,
        "event_bytes": event_bytes,
    }


class CannotMeasure(Exception):
    """The code of one revision cannot run this benchmark; the message says why."""


def run_child(code: Path, name: str, texts: Path, folder: Path) -> dict[str, Any]:
    folder.mkdir()
    out = subprocess.run(
        [sys.executable, __file__, "--child", name, "--folder", str(folder),
         "--texts", str(texts)],
        env={**os.environ, "PYTHONPATH": str(code)},
        capture_output=True,
        text=True,
    )  # fmt: skip
    if out.returncode != 0:
        lines = out.stderr.strip().splitlines() or [f"exit status {out.returncode}"]
        raise CannotMeasure(f"its import failed: {lines[-1]}")
    result = dict(json.loads(out.stdout.strip().splitlines()[-1]))
    if "unfit" in result:
        raise CannotMeasure(str(result["unfit"]))
    return result


def report(label: str, runs: list[dict[str, Any]]) -> None:
    best = min(runs, key=lambda r: r["ours"][0])
    ours = best["ours"][0]
    every = min(r["baselines"]["every row"][0] for r in runs)
    rows = min(r["baselines"]["articles and claims"][0] for r in runs)
    derived = min(r["baselines"]["derived too"][0] for r in runs)
    print(f"  {label}")
    for what, base in (
        ("insert_all of every row (the target's baseline)", every),
        ("  the same, index and summary rows too, no triggers", derived),
        ("insert_all of the article and claim rows alone", rows),
    ):
        print(f"    {what:<52} {base:6.2f} s   import {ours:6.2f} s   ratio {ours / base:5.2f}")
    print(f"    bytes per claim: file {best['file_bytes'] / best['claims']:5.0f},"
          f" event log {best['event_bytes'] / best['claims']:5.0f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="also measure the annotator of this revision")
    parser.add_argument("--runs", type=int, default=3, help="rounds; the least CPU time counts")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--long-sentences", type=int, default=30_000)
    parser.add_argument("--only", choices=("desk", "long"), help="one workload")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--texts", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        why = unfit()
        if why is not None:
            print(json.dumps({"unfit": why}))
            return
        texts = json.loads(args.texts.read_text(encoding="utf-8"))
        result = measure(args.child, args.articles, args.long_sentences, args.folder, texts)
        print(json.dumps(result))
        return
    names = [args.only] if args.only else ["desk", "long"]
    with tempfile.TemporaryDirectory() as tmp:
        codes = {"this checkout": ROOT}
        if args.before:
            codes = {
                f"before ({args.before})": checkout_before(
                    args.before, Path(tmp) / "before", "import_writes"
                ),
                **codes,
            }
        texts = {}
        for name in names:
            texts[name] = Path(tmp) / f"texts-{name}.json"
            words = workload_texts(name, args.articles, args.long_sentences)
            texts[name].write_text(json.dumps(words), encoding="utf-8")
        results: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for round_ in range(args.runs):
            for name in names:
                for label, code in codes.items():
                    folder = (
                        Path(tmp)
                        / f"{name}-{round_}-{len(results.get((name, label), []))}-{label[:6]}"
                    )
                    try:
                        result = run_child(code, name, texts[name], folder)
                    except CannotMeasure as exc:
                        which = "this checkout" if code == ROOT else f"--before {args.before}"
                        raise SystemExit(
                            f"import_writes: {which} cannot be measured: {exc}"
                        ) from None
                    results.setdefault((name, label), []).append(result)
    print(f"Import writes (CPU s, least of {args.runs}; load average {os.getloadavg()[0]:.2f}):"
          " the import beside insert_all of the same rows into the same schema")  # fmt: skip
    for name in names:
        first = results[(name, "this checkout")][0]
        print(f"{name}: {first['articles']:,} articles, {first['claims']:,} claims,"
              f" {first['events']:,} events")  # fmt: skip
        for label in codes:
            report(label, results[(name, label)])
    print("target: import within 1.5 times insert_all of every row")


if __name__ == "__main__":
    main()
