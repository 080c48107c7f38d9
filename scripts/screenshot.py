"""Drive the app on the sample article with Pilot and save an SVG screenshot.

Run after a UI change so the README's picture never goes stale:
``python scripts/screenshot.py`` writes ``docs/screenshot.svg``.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from annotator.articles import guess_title, read_article_file
from annotator.paths import sample_article
from annotator.segment import propose_claims
from annotator.store import Store
from annotator.tui.app import Settings, make_app

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshot.svg"


async def main() -> None:
    store = Store.memory()
    loaded = read_article_file(sample_article())
    article = store.import_article(
        loaded.text,
        title=guess_title(loaded.text),
        reviewer="ana",
        proposals=propose_claims(loaded.text),
    )
    claims = store.claims(article.id)
    store.grade_claim(claims[0].id, "mixed", reviewer="ana", certainty="low")
    app = make_app(store, Settings(reviewer="ana", cursor_blink=False))
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.press("j", "j", "j")
        await pilot.pause()
        OUT.parent.mkdir(exist_ok=True)
        OUT.write_text(app.export_screenshot(title="annotator"), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    asyncio.run(main())
