"""The review TUI's speed targets (issue "Review TUI"), each against a baseline in the same run.

1. Opening an article with ~2,000 claims against opening the sample article
   (target: at most 2 times as long).
2. Per key press, next claim (``j``) and grade (``2`` and ``3`` in turn, so every press
   changes the verdict shown) on the big article, against ``j`` in a bare Textual app
   with one OptionList of as many lines (target: at most 1.5 times). Both are measured
   against the bare ``j``: a bare "grade" through ``replace_option_prompt_at_index``
   would measure all 2,000 rows again and make a slower, more lenient floor.
3. The citation picker on a library of N citations (default 100,000): milliseconds per
   keystroke, typing a query into the picker, against a full rapidfuzz ``WRatio`` scan of
   the same library (target: at most 30 ms per keystroke). Beside it the same search
   read from the stored index alone (what ``annotator cite search`` reads; the picker
   keeps the library's index in memory for the session and ranks alike).

Run: ``python benchmarks/tui_speed.py [N_CITATIONS]``. Times come from Pilot, so they
include Textual's own per-key overhead in both the app and its baseline. The picker's own
work and its baseline scan are CPU time of the thread doing it (the machine is shared:
wall time there moved by 2x between runs of the same code).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz, process, utils
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList

sys.path.insert(0, str(Path(__file__).parent))
from citation_data import csl_text, make_items  # noqa: E402

from annotator.app.library import add_citations  # noqa: E402
from annotator.paths import sample_article  # noqa: E402
from annotator.sources.library_import import parse_citations  # noqa: E402
from annotator.sources.search import citation_haystack  # noqa: E402
from annotator.store import Store  # noqa: E402
from annotator.text.proposer import propose_claims  # noqa: E402
from annotator.tui.app import Settings, make_app  # noqa: E402
from annotator.tui.screens.citation_picker import CitationPickerModal  # noqa: E402
from annotator.tui.screens.review import ReviewScreen  # noqa: E402

CITATIONS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
PRESSES = 40
SIZE = (120, 36)


def _store_with(text: str) -> tuple[Store, int]:
    store = Store.memory()
    article = store.import_article(text, title="t", reviewer="b", proposals=propose_claims(text))
    return store, article.id


def big_text(sample: str, claims_wanted: int = 2000) -> str:
    per_copy = max(1, len(propose_claims(sample)))
    copies = claims_wanted // per_copy + 1
    return "\n\n".join(sample for _ in range(copies))


async def open_seconds(store: Store) -> float:
    """From app start to the review screen drawn and idle."""
    app = make_app(store, Settings(reviewer="b", cursor_blink=False))
    start = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        elapsed = time.perf_counter() - start
    return elapsed


async def press_ms(store: Store, keys: str) -> float:
    """Median time of a key press, cycling through ``keys`` (so a grade changes each time)."""
    app = make_app(store, Settings(reviewer="b", cursor_blink=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(keys[-1])
        times = []
        for n in range(PRESSES):
            start = time.perf_counter()
            await pilot.press(keys[n % len(keys)])
            await pilot.pause()
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


class BareApp(App[None]):
    """One OptionList and a key that moves it: the floor for a key press."""

    BINDINGS = [Binding("j", "next", "Next")]

    def __init__(self, lines: int) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        yield OptionList(*(f"claim {i} some label text" for i in range(self.lines)))

    def action_next(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = (options.highlighted or 0) + 1


async def bare_press_ms(lines: int) -> float:
    app = BareApp(lines)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        times = []
        for _ in range(PRESSES):
            start = time.perf_counter()
            await pilot.press("j")
            await pilot.pause()
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _typing_ms(picker: CitationPickerModal, query: str) -> float:
    """Median CPU time of the picker's own work per keystroke, typing ``query``."""
    times = []
    for n in range(1, len(query) + 1):
        start = time.thread_time()
        picker.refresh_hits(query[:n])
        times.append(time.thread_time() - start)
    return statistics.median(times) * 1000


async def picker_ms(store: Store, query: str) -> tuple[float, float, float]:
    """Per keystroke typing ``query`` into the picker: (picker's own work, the same reading
    the stored index instead of the session's, whole key press).

    The first two are the search and the redraw of the hit list the picker does on each
    keystroke; the last adds Textual's key handling and Pilot's waiting. The stored
    index's typing comes second, its words read cold (a fresh snapshot) but the screen
    warm, which if anything favours it.
    """
    app = make_app(store, Settings(reviewer="b", cursor_blink=False))
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()  # the session's citation index is read
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, CitationPickerModal)
        own = _typing_ms(picker, query)
        session, picker.library = picker.library, None
        store._citation_search = None  # the stored index's reader as a new session finds it
        stored = _typing_ms(picker, query)
        picker.library = session
        whole = []
        for char in query:
            start = time.perf_counter()
            await pilot.press(char)
            await pilot.pause()
            whole.append(time.perf_counter() - start)
    return own, stored, statistics.median(whole) * 1000


async def main() -> None:
    sample = Path(sample_article()).read_text(encoding="utf-8")
    small, _ = _store_with(sample)
    big, big_id = _store_with(big_text(sample))
    n_claims = len(big.claims(big_id))
    await open_seconds(small)  # warm imports and CSS parsing
    small_open = statistics.median([await open_seconds(small) for _ in range(3)])
    big_open = statistics.median([await open_seconds(big) for _ in range(3)])
    print(f"open sample article ({len(small.claims(1))} claims)  {small_open * 1000:8.1f} ms")
    print(f"open big article ({n_claims} claims)   {big_open * 1000:8.1f} ms")
    print(f"ratio                                  {big_open / small_open:8.2f}  (target <= 2)")

    bare = await bare_press_ms(n_claims)
    next_ms = await press_ms(big, "j")
    grade_ms = await press_ms(big, "23")
    print(f"bare app, j                            {bare:8.1f} ms per key (baseline)")
    print(f"review, j (next claim)                 {next_ms:8.1f} ms  ratio {next_ms / bare:.2f}")
    print(f"review, 2/3 (grade, a new verdict)     {grade_ms:8.1f} ms  ratio {grade_ms / bare:.2f}")
    print("                                                 (target <= 1.5)")

    items = make_items(CITATIONS)
    library = Store.memory()
    add_citations(library, parse_citations(csl_text(items), "csl-json").citations, reviewer="b")
    text = "Coffee cuts cancer risk by 20%, a 2019 study found."
    library.import_article(text, title="t", reviewer="b", proposals=propose_claims(text))
    citations = library.list_citations()
    query = " ".join(citations[len(citations) // 2].title.split()[:3])
    per_key, stored, whole_key = await picker_ms(library, query)
    haystacks = [citation_haystack(c) for c in citations]
    start = time.thread_time()
    process.extract(query, haystacks, scorer=fuzz.WRatio, processor=utils.default_process, limit=30)
    scan = (time.thread_time() - start) * 1000
    print(f"picker, {len(citations)} citations, {query!r}")
    print(f"  per keystroke, search + hit list     {per_key:8.2f} ms  (target <= 30)")
    print(f"  per keystroke, with Pilot's wait     {whole_key:8.1f} ms")
    print(f"  per keystroke, reading stored index  {stored:8.2f} ms  ratio {per_key / stored:.2f}")
    print(f"  full WRatio scan, one query          {scan:8.1f} ms (baseline)")
    print(f"  ratio, per keystroke / scan          {per_key / scan:8.4f}")


if __name__ == "__main__":
    asyncio.run(main())
