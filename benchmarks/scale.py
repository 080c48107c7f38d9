"""The scale suite: every command and the TUI's first paint on desks of growing size.

Builds desks of 1,000, 10,000 and 100,000 claims (a year of a desk's work: articles of
about ten claims, a third of the claims graded, some linked to sources) and citation
libraries of 10 to 100,000 entries, once, cached under the temp folder (not in git);
then runs each command as a whole process on a fresh copy of each desk and prints its
median time at each size, the ratio of the largest to the smallest desk and the fitted
exponent k (time grows as size^k). Beside them, in the same run:

- commands that show one view (one article, one claim) should not grow with the desk
  (ratio near 1); listings of the whole desk may grow, but no faster than linearly;
- one long article against the same text split into many articles (issue 17, item 1);
- ``cite search`` at 100,000 citations against a 10-entry library (item 3);
- peak memory of CSV/JSONL exports across desk sizes, and of a 100,000-citation import
  against ``json.loads`` of the same file (item 5);
- the import's write step against sqlite-utils ``insert_all`` of the same rows, and
  bytes per claim of the database (item 4).

Run: ``python benchmarks/scale.py`` (full: minutes, most of it building the desks the
first time) or ``--quick`` (smaller sizes, one run each). ``--cache DIR`` moves the
cache; ``--rebuild`` builds again. ``--only PART,...`` runs some parts (desks, search,
citation-memory, verify, long, writes) and ``--commands NAME,...`` some of the desk
commands (as named in the table, e.g. ``--commands 'articles,stats'``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).parent))
import import_writes  # noqa: E402
from citation_data import csl_text, make_items  # noqa: E402

from annotator.app.library import add_citation
from annotator.app.linking import link_evidence
from annotator.model import Citation, CitationKind  # noqa: E402
from annotator.paths import sample_article  # noqa: E402
from annotator.store import Store  # noqa: E402
from annotator.text.articles import guess_title, read_article_file  # noqa: E402
from annotator.text.proposer import propose_claims  # noqa: E402

# Bump when the desks built change, so cached ones are built again.
BUILD = 2
LIMIT_K = 1.15
# A view (one article, one claim) may cost this much more on the largest desk.
VIEW_RATIO = 1.3
# Processes as a user runs them: compiled modules cached (an installed package has them).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

# -- synthetic articles: varied words and numbers, so claim memory sees real work --------

SUBJECTS = ["the vaccine", "the new drug", "a daily walk", "the tax cut", "the program",
            "coffee", "the diet", "screen time", "the policy", "the minimum wage",
            "air pollution", "the school meal plan", "sleep loss", "the reform", "the therapy",
            "remote work", "the subsidy", "the ban", "the merger", "sugar"]  # fmt: skip
EFFECTS = ["cut", "raised", "reduced", "doubled", "lowered", "increased", "halved",
           "boosted", "slashed", "tripled"]  # fmt: skip
OUTCOMES = ["deaths", "hospital visits", "unemployment", "test scores", "prices", "crime",
            "emissions", "symptoms", "wages", "costs", "infections", "turnout", "obesity",
            "traffic accidents", "rents", "waiting times"]  # fmt: skip
PLACES = ["in Ohio", "in rural areas", "among teenagers", "in the EU", "in 12 cities",
          "among older adults", "in the capital", "nationwide", "in Kenya",
          "in Brazil"]  # fmt: skip
FILLER = ["Many readers wrote in about the story.", "Photo credit: Agency.",
          "Sign up for our newsletter.", "What happens next is unclear.",
          "The announcement came on Tuesday."]  # fmt: skip


def sentence(rng: random.Random) -> str:
    roll = rng.random()
    subject, effect = rng.choice(SUBJECTS), rng.choice(EFFECTS)
    outcome, place = rng.choice(OUTCOMES), rng.choice(PLACES)
    n, year = rng.randint(2, 95), rng.randint(1990, 2025)
    if roll < 0.35:
        return f"{subject.capitalize()} {effect} {outcome} by {n}% {place} in {year}."
    if roll < 0.55:
        return f"A study of {n * 100} people found that {subject} {effect} {outcome} {place}."
    if roll < 0.7:
        return f"Officials say {subject} {effect} {outcome} {place}, to {n} per 1,000."
    if roll < 0.85:
        return f"Since {year}, {outcome} {place} fell by {n} percent after {subject}."
    return rng.choice(FILLER)


def article_text(rng: random.Random, i: int, sentences: int = 14) -> str:
    body = " ".join(sentence(rng) for _ in range(sentences))
    return f"Report {i}: {rng.choice(SUBJECTS)} and {rng.choice(OUTCOMES)}\n\n{body}\n"


# -- building the desks ---------------------------------------------------------------------

VERDICTS = ("supported", "mostly-supported", "mixed", "unsupported", "contradicted")


def fill_desk(store: Store, rng: random.Random, claims_wanted: int, counter: list[int]) -> None:
    """Import articles until the desk holds ``claims_wanted`` claims; grade and link some."""
    while counter[0] < claims_wanted:
        i = counter[1] = counter[1] + 1
        text = article_text(rng, i)
        proposals = propose_claims(text)
        article = store.import_article(
            text, title=guess_title(text), reviewer="ana", proposals=proposals,
            source=f"https://news.example/{i}",
        )  # fmt: skip
        claims = store.claims(article.id)
        counter[0] += len(claims)
        if i % 10 == 1:  # one source a day's worth of claims cite
            citation = Citation(
                kind=CitationKind.DOI, doi=f"10.1000/desk.{i}", title=article.title,
                authors=(f"Author{i}, A.",), year=2000 + i % 25, container="Journal",
            )  # fmt: skip
            add_citation(store, citation, reviewer="ana")
        cited = int(store.db.execute("SELECT max(id) FROM citations").fetchone()[0] or 0)
        for claim in claims:
            roll = rng.random()
            if roll < 0.33:
                store.grade_claim(claim.id, rng.choice(VERDICTS), reviewer="ana",
                                  certainty="moderate", note="checked")  # fmt: skip
            if roll < 0.05:
                store.grade_claim(claim.id, rng.choice(VERDICTS), reviewer="ben")
            if roll < 0.1 and cited:
                link_evidence(store, claim.id, cited, "supports", reviewer="ana", quote="found")
            elif roll > 0.95:
                store.dismiss_claim(claim.id, reviewer="ana")


def start_desk(store: Store) -> None:
    """The bundled sample article first (article 1), with some of its claims graded."""
    loaded = read_article_file(sample_article())
    article = store.import_article(
        loaded.text, title=guess_title(loaded.text), reviewer="ana",
        proposals=propose_claims(loaded.text), source=str(sample_article()),
    )  # fmt: skip
    for n, claim in enumerate(store.claims(article.id)[:5]):
        store.grade_claim(claim.id, VERDICTS[n % 5], reviewer="ana", note="sample")


def build_desks(cache: Path, sizes: Sequence[int]) -> dict[int, Path]:
    """One desk per size, built up in one go (each copied when it reaches its size)."""
    paths = {n: cache / f"desk-{n}-v{BUILD}.db" for n in sizes}
    if all(p.exists() for p in paths.values()):
        return paths
    work = cache / "building.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    store = Store.open(work)
    store.db.execute("PRAGMA synchronous = OFF")  # building only: the copies are what count
    start_desk(store)
    rng = random.Random(17)
    counter = [0, 0]
    t0 = time.perf_counter()
    for n in sorted(sizes):
        fill_desk(store, rng, n, counter)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(work, paths[n])
        print(f"  built the {n:,}-claim desk ({time.perf_counter() - t0:.0f} s)", flush=True)
    store.close()
    work.unlink()
    return paths


def build_libraries(cache: Path, sizes: Sequence[int]) -> tuple[dict[int, Path], Path]:
    """Citation libraries of each size (databases) and the largest one's CSL-JSON file."""
    largest = max(sizes)
    csl = cache / f"citations-{largest}-strict.json"  # strict JSON, for json.loads
    if not csl.exists():
        csl.write_text(json.dumps(make_items(largest), ensure_ascii=False, indent=1))
    paths = {n: cache / f"library-{n}-v{BUILD}.db" for n in sizes}
    for n, path in paths.items():
        if path.exists():
            continue
        part = cache / f"citations-{n}.json"
        if not part.exists():
            part.write_text(csl_text(make_items(n)), encoding="utf-8")
        run_cli(path, ["cite", "add", "--csl-json", str(part)])
        print(f"  built the {n:,}-citation library", flush=True)
    return paths, csl


# -- measuring ------------------------------------------------------------------------------


class Run(NamedTuple):
    """One whole process: wall seconds, CPU seconds (user + system), peak memory in KB.

    The machine is shared, so ratios and exponents are taken on CPU time, which other
    people's work hardly moves; wall time is printed beside it.
    """

    wall: float
    cpu: float
    peak: int


def run_cli(db: Path, args: Sequence[str], stdin: str | None = None) -> Run:
    """Run ``annotator --db DB ARGS`` as a whole process."""
    return run_python(["-m", "annotator", "--db", str(db), "--reviewer", "bench", *args], stdin)


# Runs a module (-m NAME ARGS) or code (-c CODE ARGS) and, at exit, writes the process's
# own peak memory (VmHWM) to $SCALE_HWM. The rusage of a child is no good here: on Linux
# its maxrss starts from the parent's memory at fork, and this script holds a lot.
PEAK_WRAPPER = """
import atexit, os, runpy, sys
def peak():
    with open("/proc/self/status") as status:
        kb = next((line.split()[1] for line in status if line.startswith("VmHWM:")), "0")
    with open(os.environ["SCALE_HWM"], "w") as out:
        out.write(kb)
atexit.register(peak)
mode, target, *rest = sys.argv[1:]
sys.argv = [target, *rest]
if mode == "-m":
    runpy.run_module(target, run_name="__main__", alter_sys=True)
else:
    exec(compile(target, "<string>", "exec"), {"__name__": "__main__"})
"""


def run_python(args: Sequence[str], stdin: str | None = None) -> Run:
    """Run ``python ARGS`` (``-m MODULE ...`` or ``-c CODE ...``) as a whole process."""
    with tempfile.NamedTemporaryFile(suffix=".peak") as peak:
        run = run_process([sys.executable, "-c", PEAK_WRAPPER, *args], stdin, peak.name)
        text = Path(peak.name).read_text().strip()
    return run._replace(peak=int(text or 0))


def run_process(command: Sequence[str], stdin: str | None = None, peak: str = "") -> Run:
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
            env={**ENV, "SCALE_HWM": peak} if peak else ENV,
        )
        if stdin is not None and proc.stdin is not None:
            proc.stdin.write(stdin.encode("utf-8"))
            proc.stdin.close()
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            err.seek(0)
            raise RuntimeError(f"{' '.join(command)} failed: {err.read().decode()[-500:]}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def best_of(fn: Callable[[], Run], runs: int) -> Run:
    """The least time of ``runs`` runs (what the work costs without interference)."""
    results = [fn() for _ in range(runs)]
    return Run(
        min(r.wall for r in results), min(r.cpu for r in results), max(r.peak for r in results)
    )


def exponent(sizes: Sequence[int], times: Sequence[float]) -> float:
    """Least-squares slope of log(time) on log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-6)) for t in times]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else 0.0


@dataclass
class Row:
    name: str
    runs: list[Run]
    kind: str  # "view": should not grow; "desk": may grow linearly


TUI_SCRIPT = """
import asyncio, sys, time
start = time.perf_counter()
from annotator.store import Store
from annotator.tui.app import Settings, make_app
from annotator.tui.screens.review import ReviewScreen

async def main():
    store = Store.open(sys.argv[1])
    app = make_app(store, Settings(reviewer="bench", article_id=1, cursor_blink=False))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        print(time.perf_counter() - start)
    store.close()

asyncio.run(main())
"""


def tui_first_paint(db: Path) -> Run:
    """A whole process: start Python, open the store, draw the sample article, idle."""
    return run_python(["-c", TUI_SCRIPT, str(db)])


def desk_commands(db: Path, scratch: Path) -> list[tuple[str, str, list[str]]]:
    """(name, kind, arguments) of every command run on each desk."""
    store = Store.open(db)
    sample = store.claims(1)
    graded = next(c.id for c in sample if store.current_verdicts(claim_id=c.id))
    store.close()
    article = scratch / "new-article.txt"
    article.write_text(article_text(random.Random(99), 999_999), encoding="utf-8")
    out = scratch / "out"
    return [
        ("articles", "desk", ["articles"]),
        ("articles --json", "desk", ["articles", "--json"]),
        ("stats", "desk", ["stats", "--json"]),
        ("stats ARTICLE", "view", ["stats", "1", "--json"]),
        ("claims ARTICLE", "view", ["claims", "1", "--json"]),
        ("history CLAIM", "view", ["history", str(graded)]),
        ("similar CLAIM", "view", ["similar", str(graded)]),
        ("agreement ARTICLE", "view", ["agreement", "1"]),
        ("versions ARTICLE", "view", ["versions", "1"]),
        ("cite search", "view", ["cite", "search", "Report trial"]),
        ("export ARTICLE csv", "view", ["export", "1", "--format", "csv", "-o", f"{out}.csv"]),
        ("export ARTICLE html", "view", ["export", "1", "--format", "html", "-o", f"{out}.html"]),
        ("export csv (all)", "desk", ["export", "--format", "csv", "-o", f"{out}.csv"]),
        ("export jsonl (all)", "desk", ["export", "--format", "jsonl", "-o", f"{out}.jsonl"]),
        ("verify", "desk", ["verify"]),
        ("import ARTICLE", "view", ["import", str(article)]),
        ("grade CLAIM", "view", ["grade", str(sample[-1].id), "--verdict", "mixed"]),
        ("undo", "view", ["undo"]),
    ]


def measure_desks(
    desks: dict[int, Path], work: Path, runs: int, commands: set[str] | None = None
) -> list[Row]:
    """Each desk command (those named in ``commands``, or all) and the TUI's first paint
    ("TUI first paint") on a fresh copy of each desk."""
    sizes = sorted(desks)
    rows: dict[str, Row] = {}
    for n in sizes:
        db = work / f"desk-{n}.db"
        shutil.copyfile(desks[n], db)
        print(f"  desk of {n:,} claims ({db.stat().st_size / 1e6:.0f} MB)", flush=True)
        for name, kind, args in desk_commands(db, work):
            if commands is not None and name not in commands:
                continue
            if name == "import ARTICLE":  # the same file again would be 'already imported'
                run = run_cli(db, args)
            else:
                run_cli(db, args)  # warm: the file cache, and the first run's own writes
                run = best_of(lambda a=args, d=db: run_cli(d, a), runs)  # type: ignore[misc]
            rows.setdefault(name, Row(name, [], kind)).runs.append(run)
        if commands is None or "TUI first paint" in commands:
            tui_first_paint(db)
            run = best_of(lambda d=db: tui_first_paint(d), runs)  # type: ignore[misc]
            paint = rows.setdefault("TUI first paint", Row("TUI first paint", [], "view"))
            paint.runs.append(run)
        db.unlink()
    return list(rows.values())


def print_rows(title: str, sizes: Sequence[int], rows: Sequence[Row], base: Run) -> list[str]:
    """The table of times, ratios and exponents; returns the names of steps over LIMIT_K."""
    print(f"\n{title}")
    heads = "".join(f"{n:>9,}" for n in sizes)
    print(f"  {'step':22}{heads}   ratio      k  wall {sizes[-1]:,}  peak MB")
    over = []
    for row in rows:
        cpu = [r.cpu for r in row.runs]
        k = exponent(sizes, cpu)
        cells = "".join(f"{t * 1000:7.0f}ms" for t in cpu)
        ratio = cpu[-1] / cpu[0]
        mem = f"{row.runs[0].peak / 1024:.0f}-{row.runs[-1].peak / 1024:.0f}"
        flag = " <-- k" if k > LIMIT_K else ""
        if row.kind == "view" and ratio > VIEW_RATIO:
            flag += " <-- view grows"
        wall = f"{row.runs[-1].wall * 1000:7.0f}ms"
        print(f"  {row.name:22}{cells}  {ratio:6.2f}  {k:5.2f}  {wall:>10}  {mem:>7}{flag}")
        if k > LIMIT_K:
            over.append(row.name)
    print(f"  (CPU ms per whole process, least of the runs; baseline `annotator --version`:"
          f" {base.cpu * 1000:.0f} ms CPU, {base.wall * 1000:.0f} ms wall)")  # fmt: skip
    return over


# -- item 1: one long article against the same text as many -----------------------------


def paragraphs(sentences: Sequence[str], size: int = 5) -> str:
    return "\n\n".join(" ".join(sentences[i : i + size]) for i in range(0, len(sentences), size))


def long_document(work: Path, sentences: int, parts: int, runs: int) -> None:
    rng = random.Random(3)
    body = [sentence(rng) for _ in range(sentences)]
    whole = work / "long.txt"
    # Paragraphs of five sentences: a line of its own is read as a heading or list item.
    whole.write_text("One long report\n\n" + paragraphs(body) + "\n", encoding="utf-8")
    split_dir = work / "split"
    split_dir.mkdir(exist_ok=True)
    step = sentences // parts
    files = []
    for i in range(parts):
        path = split_dir / f"part-{i:05}.txt"
        path.write_text(f"Part {i}\n\n" + paragraphs(body[i * step : (i + 1) * step]) + "\n")
        files.append(str(path))
    size = whole.stat().st_size / 1e6

    def fresh(args: list[str]) -> tuple[float, int]:
        db = work / "long.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        return run_cli(db, args)

    one = best_of(lambda: fresh(["import", str(whole)]), runs)
    many = best_of(lambda: fresh(["import", *files]), runs)
    print(f"\nOne long article (item 1): {sentences:,} sentences, {size:.1f} MB (CPU s, wall s)")
    print(f"  import as one article       {one.cpu:8.1f} s {one.wall:8.1f} s")
    print(f"  import as {parts:,} articles     {many.cpu:8.1f} s {many.wall:8.1f} s  (baseline)")
    print(f"  ratio                       {one.cpu / many.cpu:8.2f}  (target <= 2)")


# -- item 3 and 5: the citation library ---------------------------------------------------


def citation_search(libraries: dict[int, Path], work: Path, runs: int) -> list[str]:
    sizes = sorted(libraries)
    queries = ["randomized trial therapy", "Mitchel 2021", "cohort analysis risk patients"]
    times, walls = [], []
    for n in sizes:
        db = work / libraries[n].name  # a copy: the cached library stays as built
        shutil.copyfile(libraries[n], db)
        run_cli(db, ["cite", "search", queries[0]])  # warm (and index, if stale)
        per = [best_of(lambda q=q, d=db: run_cli(d, ["cite", "search", q]), runs)
               for q in queries]  # type: ignore[misc]  # fmt: skip
        times.append(statistics.median(r.cpu for r in per))
        walls.append(statistics.median(r.wall for r in per))
        db.unlink()
    k = exponent(sizes, times)
    print("\nCommand-line `cite search` (item 3), whole process, median of 3 queries")
    for n, t, w in zip(sizes, times, walls, strict=True):
        print(f"  {n:>8,} citations  {t * 1000:7.0f} ms CPU  {w * 1000:7.0f} ms wall"
              f"  ratio {t / times[0]:5.2f}")  # fmt: skip
    ratio = times[-1] / times[0]
    print(f"  ratio {sizes[-1]:,} / {sizes[0]:,}: {ratio:.2f} (target <= 1.5); k {k:.2f}")
    return ["cite search"] if k > LIMIT_K else []


def citation_import_memory(csl: Path, work: Path) -> None:
    db = work / "import.db"
    ours = run_cli(db, ["cite", "add", "--csl-json", str(csl)]).peak
    script = "import json, sys; json.loads(open(sys.argv[1], encoding='utf-8').read())"
    base = run_python(["-c", script, str(csl)]).peak
    size = csl.stat().st_size / 1e6
    print(f"\nCitation import memory (item 5): {csl.name}, {size:.0f} MB")
    print(f"  annotator cite add --csl-json  {ours / 1024:7.0f} MB peak")
    print(f"  python json.loads of the file  {base / 1024:7.0f} MB peak  (baseline)")
    print(f"  ratio                          {ours / base:7.2f}  (target < 2)")


# -- item 4: the import's writes against insert_all ----------------------------------------


def write_step(work: Path, articles: int, runs: int) -> None:
    """The import's writes beside sqlite-utils ``insert_all`` of the same rows into the same
    schema, in CPU time (least of ``runs`` rounds, each on fresh files): what "the same
    rows" means is in ``import_writes.py``, which also compares with an earlier revision."""
    results = []
    for round_ in range(runs):
        folder = work / f"writes-{round_}"
        folder.mkdir()
        results.append(import_writes.measure("desk", articles, 0, folder))
        shutil.rmtree(folder)
    first = results[0]
    print(f"\nImport writes (item 4): {first['articles']:,} articles, {first['claims']:,} claims,"
          f" CPU s (least of {runs}; load average {os.getloadavg()[0]:.2f})")  # fmt: skip
    import_writes.report("this checkout", results)


# -- item 5: verify on the largest desk ---------------------------------------------------

# The least a check of the log must do: read every event and every logged row, and hash
# each (one pass, nothing kept).
READ_AND_HASH = """
import hashlib, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
tables = ("events", "articles", "claims", "citations", "evidence", "grades",
          "article_versions", "external_reviews")
for table in tables:
    for row in conn.execute(f"SELECT * FROM {table} ORDER BY rowid"):
        hashlib.sha256(repr(row).encode()).hexdigest()
"""


def verify_largest(db: Path, work: Path, runs: int) -> None:
    copy = work / "verify.db"
    shutil.copyfile(db, copy)
    run_cli(copy, ["verify"])  # warm
    ours = best_of(lambda: run_cli(copy, ["verify"]), runs)
    base = best_of(lambda: run_python(["-c", READ_AND_HASH, str(copy)]), runs)
    conn = sqlite3.connect(copy)
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    conn.close()
    copy.unlink()
    print(f"\nverify (item 5) on the {db.stem} ({events:,} events): CPU s, wall s, peak MB")
    print(f"  annotator verify           {ours.cpu:6.2f} {ours.wall:7.2f} {ours.peak / 1024:7.0f}")
    print(f"  read and hash every row    {base.cpu:6.2f} {base.wall:7.2f} {base.peak / 1024:7.0f}"
          "  (baseline)")  # fmt: skip
    print(f"  ratio                      {ours.cpu / base.cpu:6.2f}"
          f" {ours.wall / base.wall:7.2f} {ours.peak / base.peak:7.2f}")  # fmt: skip


# -- main ---------------------------------------------------------------------------------

PARTS = ("desks", "search", "citation-memory", "verify", "long", "writes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, one run each")
    parser.add_argument("--cache", type=Path, help="where built desks are kept")
    parser.add_argument("--rebuild", action="store_true", help="build the desks again")
    parser.add_argument(
        "--only", type=lambda v: set(v.split(",")), help=f"parts to run: {', '.join(PARTS)}"
    )
    parser.add_argument(
        "--commands",
        type=lambda v: set(v.split(",")),
        help="desk commands to run, as the table names them",
    )
    args = parser.parse_args()
    parts = args.only or set(PARTS)
    if parts - set(PARTS):
        parser.error(f"unknown part {', '.join(sorted(parts - set(PARTS)))}: use {PARTS}")
    if args.quick:
        sizes, libraries, runs = [1_000, 3_000, 10_000], [10, 1_000, 10_000], 1
        long_sentences, long_parts = 10_000, 100
    else:
        sizes, libraries, runs = [1_000, 10_000, 100_000], [10, 1_000, 10_000, 100_000], 3
        long_sentences, long_parts = 100_000, 1_000
    cache = args.cache or Path(tempfile.gettempdir()) / "annotator-benchmarks"
    if args.rebuild and cache.exists():
        shutil.rmtree(cache)
    cache.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    print(f"Building (or reusing) desks and libraries under {cache}", flush=True)
    if parts & {"desks", "verify"}:
        desks = build_desks(cache, sizes)
    if parts & {"search", "citation-memory"}:
        library_dbs, csl = build_libraries(cache, libraries)
    base = best_of(lambda: run_python(["-m", "annotator", "--version"]), 5)
    over: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if "desks" in parts:
            print("Running the commands on each desk", flush=True)
            rows = measure_desks(desks, work, runs, args.commands)
            over += print_rows("Desk commands (CPU ms per whole process)", sizes, rows, base)
        if "search" in parts:
            over += citation_search(library_dbs, work, runs)
        if "citation-memory" in parts:
            citation_import_memory(csl, work)
        if "verify" in parts:
            verify_largest(desks[max(sizes)], work, runs)
        if "long" in parts:
            long_document(work, long_sentences, long_parts, 1)
        if "writes" in parts:
            write_step(work, 300 if args.quick else 1_000, runs)
    print(f"\nsteps with k > {LIMIT_K}: {', '.join(over) or 'none'}")
    print(f"suite ran {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
