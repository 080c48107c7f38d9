"""Sentence units and claim proposal: speed, memory and accuracy beside pysbd.

Run: ``PYTHONPATH=. python benchmarks/segment_speed.py [--mb 5]``. pysbd is measured
in the same run on the same text as the baseline (it is a benchmark-only dependency:
``pip install pysbd``). Prints figures; asserts nothing.

- throughput: MB/s of ``units()`` and of ``propose_claims()`` on a ~5 MB text, against
  pysbd's segmenter on that text (paragraph by paragraph: see below);
- latency: median ms on a ~5 KB article (the seed article, else the bundled sample);
- boundary F1 on the project's test set (tests/unit/text/sentence_cases.py) for both;
- peak memory (tracemalloc) of ``propose_claims()`` over input size, at three sizes;
- the whole ``annotator segment`` process on the big text, by wall time and by CPU time
  (the child's and its workers'), on one process (``--jobs 1``) and by default (one per
  core for a long text), each beside pysbd's wall and CPU time from this run (pysbd
  uses one core: the default's wall-time ratio is on this machine's cores; run this
  script with the project's Python so the child has its dependencies), and whether
  ``propose_claims`` time grows linearly with the size of one document;
- (the package's bytecode is written first, as an install does: see
  ``compile_bytecode``);
- the start-up of that process alone (on a text of one line), and from it and the CPU
  time of ``--jobs 1`` the least the default could take on this machine's cores if they
  were idle (the start-up is what no worker shares);
- the whole process on one document of 1, 2.5 and 5 MB (the --mb size scaled): CPU
  time per MB at each size and the exponent of a least-squares fit of log time on log
  size (1.0 is linear);
- with --native, the process on one core again with the text core compiled by mypyc
  (in a copy of the package: the checkout is left as it is): what compiling would give.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shared_data import shared_dir  # noqa: E402

from annotator.app.segmenting import default_jobs  # noqa: E402
from annotator.text.proposer import propose_claims  # noqa: E402
from annotator.text.sentences import units  # noqa: E402
from tests.unit.text.sentence_cases import CASES  # noqa: E402

SEED = shared_dir() / "seed" / "mdma-therapy-article.txt"
SAMPLE = ROOT / "data" / "mdma-assisted-therapy.md"


def corpus(size: int) -> str:
    pieces = [SAMPLE.read_text(encoding="utf-8")]
    if SEED.exists():
        pieces.append(SEED.read_text(encoding="utf-8"))
    pieces.extend(text for _, text, _ in CASES)
    unit = "\n\n".join(pieces)
    return "\n\n".join([unit] * (size // len(unit) + 1))[:size].rsplit("\n\n", 1)[0]


CPU: dict[int, float] = {}  # id(fn) -> median process CPU time of its last timed() run


def timed(fn: Callable[[], object], repeat: int = 1) -> float:
    """Median wall time; the CPU time goes to ``CPU`` (on a machine shared with other
    jobs the wall time counts theirs too, the process CPU time only ours)."""
    times, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    CPU[id(fn)] = statistics.median(cpu)
    return statistics.median(times)


def gold_ends(text: str, expected: list[str]) -> set[int]:
    ends, cursor = set(), 0
    for piece in expected:
        at = text.index(piece, cursor)
        cursor = at + len(piece)
        ends.add(cursor)
    return ends


def strip_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def f1(predict: Callable[[str], set[int]]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for _, text, expected in CASES:
        gold = gold_ends(text, expected) - {len(text.rstrip())}
        pred = predict(text) - {len(text.rstrip())}
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def segment_process(text: str, jobs: int | None = None, root: Path = ROOT) -> tuple[float, float]:
    """Wall and CPU seconds of one `annotator segment` child process on ``text``, with
    ``--jobs`` when given (its workers' CPU time counts: the child waits for them) and
    the package found in ``root``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.txt"
        path.write_text(text, encoding="utf-8")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "annotator", "segment", str(path)]
            + ([] if jobs is None else ["--jobs", str(jobs)]),
            check=True,
            stdout=subprocess.DEVNULL,
            cwd=root,  # `python -m` puts the working directory first on the path
            env={**os.environ, "PYTHONPATH": str(root)},
        )
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compile_bytecode(root: Path) -> None:
    """Write the bytecode of the package in ``root`` before its process is timed, as
    installing it does: where PYTHONDONTWRITEBYTECODE is set (as on the project's
    shared machine) and the checkout has changed since its bytecode was written, every
    run compiled the changed modules from source again (60-80 ms of each start-up, all
    of it for a fresh checkout), which no user's installed command does."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(root / "annotator")],
        check=True,
        stdout=subprocess.DEVNULL,
    )


# The modules `annotator segment` spends its time in (annotator/text).
NATIVE_MODULES = (
    "sentences", "checkworthiness", "quantities", "proportions", "labels", "atomic_claims",
    "proposer", "spans",
)  # fmt: skip


def native_root(tmp: Path) -> Path | None:
    """A copy of the package in ``tmp`` with its text core compiled by mypyc, or None
    (and why, printed) when mypyc or a C compiler cannot build it."""
    shutil.copytree(
        ROOT / "annotator", tmp / "annotator", ignore=shutil.ignore_patterns("__pycache__")
    )
    modules = [f"annotator/text/{name}.py" for name in NATIVE_MODULES]
    # Built where no pyproject.toml is: setuptools would read the project's metadata.
    built = subprocess.run(
        [sys.executable, "-m", "mypyc", *modules], cwd=tmp, capture_output=True, text=True
    )
    if built.returncode != 0:
        print(f"    --native: mypyc could not build the text core: {built.stderr[-300:]}")
        return None
    compile_bytecode(tmp)
    return tmp


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=5.0, help="size of the big text in MB")
    parser.add_argument(
        "--native", action="store_true", help="also time the process with mypyc's build"
    )
    args = parser.parse_args()
    try:
        import pysbd
    except ImportError:
        sys.exit("pysbd is the baseline: pip install pysbd")
    seg = pysbd.Segmenter(language="en", clean=False)
    seg_span = pysbd.Segmenter(language="en", clean=False, char_span=True)

    big = corpus(int(args.mb * 1_000_000))
    mb = len(big.encode("utf-8")) / 1e6
    run_units = lambda: units(big)  # noqa: E731
    run_claims = lambda: propose_claims(big)  # noqa: E731
    t_units = timed(run_units)
    t_claims = timed(run_claims)
    # pysbd is given one paragraph at a time: on a whole 5 MB string its running time
    # grows faster than linearly (0.12 MB/s at 50 KB, 0.065 MB/s at 200 KB), so this
    # is the fairer, faster baseline.
    paragraphs = big.split("\n\n")
    run_pysbd = lambda: [seg.segment(p) for p in paragraphs]  # noqa: E731
    t_pysbd = timed(run_pysbd)
    print(f"throughput on {mb:.2f} MB")
    print(f"  annotator units():          {mb / t_units:8.2f} MB/s  ({t_units:.2f} s)")
    print(f"  annotator propose_claims(): {mb / t_claims:8.2f} MB/s  ({t_claims:.2f} s)")
    print(f"  pysbd segment() by paragraph: {mb / t_pysbd:6.2f} MB/s  ({t_pysbd:.2f} s)")
    print(f"  ratio units/pysbd: {t_pysbd / t_units:.1f}x   "
          f"propose_claims/pysbd: {t_pysbd / t_claims:.1f}x")  # fmt: skip
    c_units, c_claims, c_pysbd = CPU[id(run_units)], CPU[id(run_claims)], CPU[id(run_pysbd)]
    print(f"  by CPU time: units {c_units:.2f} s, propose_claims {c_claims:.2f} s, "
          f"pysbd {c_pysbd:.2f} s; ratio units/pysbd: {c_pysbd / c_units:.1f}x   "
          f"propose_claims/pysbd: {c_pysbd / c_claims:.1f}x")  # fmt: skip

    # The whole `annotator segment` process (start-up, reading, proposing, JSON out) on
    # the same text, on one process and by default (a worker per core for a long text):
    # its wall time (what a user waits) and CPU time (the child's and its workers'),
    # each beside pysbd's from this run. Least of three runs each: the machine is shared.
    compile_bytecode(ROOT)
    cores = default_jobs(len(big))
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"  `annotator segment` process, least of 3 runs ({cores} cores; load average {load}):")
    modes: list[tuple[int | None, str]] = [(1, "--jobs 1"), (None, f"default ({cores} processes)")]
    # Taken in turns, so a burst of other work on the machine falls on both alike.
    runs = [(jobs, segment_process(big, jobs)) for _ in range(3) for jobs, _ in modes]
    least: dict[int | None, tuple[float, float]] = {}
    for jobs, name in modes:
        wall = min(r[0] for j, r in runs if j == jobs)
        child = min(r[1] for j, r in runs if j == jobs)
        least[jobs] = wall, child
        print(f"    {name}: {mb / wall:.2f} MB/s wall ({wall:.2f} s; pysbd {t_pysbd:.2f} s), "
              f"ratio {t_pysbd / wall:.1f}x; {child:.2f} s CPU (pysbd {c_pysbd:.2f} s), "
              f"ratio {c_pysbd / child:.1f}x")  # fmt: skip
    print(f"    default beside --jobs 1: wall time {least[1][0] / least[None][0]:.2f}x as fast, "
          f"CPU time {least[None][1] / least[1][1]:.2f}x as much; load average after: "
          f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip
    # What no worker shares: the start (interpreter, imports) of a process given a text
    # of one line, least of 3. On N idle cores the default's wall time is at best this
    # plus the rest of --jobs 1's CPU time over N (workers that spend no more CPU than
    # one process): the bound the default's wall time above is measured against.
    starts = [segment_process("One line.") for _ in range(3)]
    start_wall, start_cpu = min(w for w, _ in starts), min(c for _, c in starts)
    cores_wall = start_wall + (least[1][1] - start_cpu) / cores
    print(f"    start-up alone: {start_wall:.3f} s wall, {start_cpu:.3f} s CPU; so on {cores} "
          f"idle cores the default would take at best {cores_wall:.2f} s "
          f"(ratio {t_pysbd / cores_wall:.1f}x by pysbd's wall time, "
          f"{c_pysbd / cores_wall:.1f}x by its CPU time)")  # fmt: skip
    if args.native:
        with tempfile.TemporaryDirectory() as tmp:
            root = native_root(Path(tmp))
            if root is not None:
                native = min(segment_process(big, 1, root)[1] for _ in range(3))
                print(f"    --jobs 1, text core compiled by mypyc: {native:.2f} s CPU "
                      f"(pysbd {c_pysbd:.2f} s), ratio {c_pysbd / native:.1f}x")  # fmt: skip
    # The process on one document of a fifth, a half and all of the size, on one
    # process: does its time grow linearly? (Least CPU time of two runs at each size.)
    sizes, cpus = [], []
    for share in (0.2, 0.5, 1.0):
        doc = big if share == 1.0 else corpus(int(args.mb * share * 1_000_000))
        sizes.append(len(doc.encode("utf-8")) / 1e6)
        if share == 1.0:
            cpus.append(least[1][1])
        else:
            cpus.append(min(segment_process(doc, 1)[1] for _ in range(2)))
    xs, ys = [math.log(x) for x in sizes], [math.log(y) for y in cpus]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
    print(
        "  `annotator segment --jobs 1` process CPU s per MB at "
        + ", ".join(f"{x:.1f} MB: {y / x:.3f}" for x, y in zip(sizes, cpus, strict=True))
        + f"; fitted exponent {slope:.2f} (1.0 is linear)"
    )

    # Linear growth: one document of 1, 2 and 4 parts of the big text, CPU s per MB.
    per_mb = []
    for parts in (1, 2, 4):
        doc = big[: len(big) * parts // 4]
        run = lambda doc=doc: propose_claims(doc)  # noqa: E731
        timed(run)
        per_mb.append(CPU[id(run)] / (len(doc.encode("utf-8")) / 1e6))
    print(
        "  propose_claims CPU s per MB at 1/4, 1/2 and all of the text: "
        + ", ".join(f"{x:.3f}" for x in per_mb)
        + f" (last/first {per_mb[-1] / per_mb[0]:.2f}: 1.0 is linear)"
    )

    article = SEED.read_text(encoding="utf-8") if SEED.exists() else SAMPLE.read_text("utf-8")
    kb = len(article.encode("utf-8")) / 1e3
    l_units = timed(lambda: units(article), 50) * 1e3
    l_claims = timed(lambda: propose_claims(article), 50) * 1e3
    l_pysbd = timed(lambda: seg.segment(article), 20) * 1e3
    print(f"latency on a {kb:.1f} KB article (median)")
    print(
        f"  annotator units(): {l_units:.2f} ms   propose_claims(): {l_claims:.2f} ms   "
        f"pysbd: {l_pysbd:.2f} ms   ratio pysbd/propose_claims: {l_pysbd / l_claims:.1f}x"
    )

    ours = f1(lambda t: {u.end for u in units(t)})
    theirs = f1(lambda t: {strip_end(t, s.end) for s in seg_span.segment(t)})
    print(f"boundary F1 on the test set ({len(CASES)} cases)")
    print(f"  annotator: P {ours[0]:.3f} R {ours[1]:.3f} F1 {ours[2]:.3f}")
    print(f"  pysbd:     P {theirs[0]:.3f} R {theirs[1]:.3f} F1 {theirs[2]:.3f}")

    print("peak memory of propose_claims() (tracemalloc) / input size")
    for size in (50_000, 500_000, int(args.mb * 1_000_000)):
        text = corpus(size)
        tracemalloc.start()
        propose_claims(text)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        n = len(text.encode("utf-8"))
        print(f"  {n / 1e6:6.2f} MB input: peak {peak / 1e6:7.2f} MB = {peak / n:5.1f}x")


if __name__ == "__main__":
    main()
