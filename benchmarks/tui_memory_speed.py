"""Cost of the review screen's "Checked before" panel on ``j`` and on a grade.

A desk whose earlier article (the sample text repeated to ~N claims) is fully graded;
the article under review is a copy, so every claim has matches. Per key press (median
of Pilot presses, each followed by ``pause()`` so the panel's look-up after the redraw
is counted) with the panel against the same screen with the panel's look-up switched
off, in the same run.

Run: ``python benchmarks/tui_memory_speed.py [N_CLAIMS]`` (default 2,000).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from annotator.paths import sample_article
from annotator.store import Store
from annotator.text.proposer import propose_claims
from annotator.tui.app import Settings, make_app
from annotator.tui.widgets.similar_panel import SimilarPanel

N_CLAIMS = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
PRESSES = 40
SIZE = (120, 36)


def desk(n_claims: int) -> tuple[Store, int]:
    sample = sample_article().read_text(encoding="utf-8")
    per_copy = max(1, len(propose_claims(sample)))
    text = "\n\n".join(sample for _ in range(n_claims // per_copy + 1))
    store = Store.memory()
    earlier = store.import_article(
        text, title="earlier", reviewer="b", proposals=propose_claims(text)
    )
    for claim in store.claims(earlier.id):
        store.grade_claim(claim.id, "mixed", reviewer="b")
    text2 = text + "\n\nOne more line."
    now = store.import_article(text2, title="now", reviewer="b", proposals=propose_claims(text2))
    return store, now.id


@contextmanager
def panel_off() -> Iterator[None]:
    show = SimilarPanel.show_claim
    SimilarPanel.show_claim = lambda self, claim: None  # type: ignore[method-assign]
    try:
        yield
    finally:
        SimilarPanel.show_claim = show  # type: ignore[method-assign]


async def press_ms(store: Store, article_id: int, keys: str) -> float:
    app = make_app(store, Settings(reviewer="b", article_id=article_id, cursor_blink=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        times = []
        for i in range(PRESSES):
            key = keys[i % len(keys)]
            start = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


async def main() -> None:
    store, article_id = desk(N_CLAIMS)
    print(f"{len(store.claims(article_id))} claims under review, all with earlier matches")
    for label, keys in (("j (next claim)", "j"), ("2 then j (grade, move)", "2j")):
        with panel_off():
            base = await press_ms(store, article_id, keys)
        with_panel = await press_ms(store, article_id, keys)
        print(
            f"{label:24} panel off {base:7.1f} ms · panel on {with_panel:7.1f} ms"
            f" · ratio {with_panel / base:.2f}"
        )


if __name__ == "__main__":
    asyncio.run(main())
