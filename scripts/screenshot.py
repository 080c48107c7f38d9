"""Drive the app on the sample article with Pilot and save its picture.

Run after a UI change so the README's pictures never go stale:
``python scripts/screenshot.py`` writes ``docs/screenshot.svg`` and replaces the text
capture in the first code block of ``README.md``.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from annotator.app.library import add_citation
from annotator.app.linking import link_evidence
from annotator.paths import sample_article
from annotator.sources.identifiers import citation_from_doi
from annotator.store import Store
from annotator.text.articles import guess_title, read_article_file
from annotator.text.proposer import propose_claims
from annotator.tui.app import Settings, make_app

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshot.svg"
README = ROOT / "README.md"


def sample_store() -> Store:
    """The sample article with a little work done: two grades, one linked source."""
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
    store.grade_claim(claims[5].id, "mostly-supported", reviewer="ana", certainty="moderate")
    source, _ = add_citation(store, citation_from_doi("10.1038/s41591-021-01336-3"), reviewer="ana")
    link_evidence(
        store,
        claims[5].id,
        source.id,
        "supports",
        reviewer="ana",
        quote="significant reduction in PTSD symptom severity",
        locator="Fig. 2",
    )
    return store


def replace_capture(readme: str, capture: str) -> str:
    """The README with its first fenced block replaced by ``capture``."""
    head, rest = readme.split("```\n", 1)
    _old, tail = rest.split("```\n", 1)
    return f"{head}```\n{capture}\n```\n{tail}"


async def main() -> None:
    app = make_app(sample_store(), Settings(reviewer="ana", cursor_blink=False))
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.press("j", "j", "j", "j", "j")
        await pilot.pause()
        OUT.parent.mkdir(exist_ok=True)
        OUT.write_text(app.export_screenshot(title="annotator"), encoding="utf-8")
        strips = app.screen._compositor.render_strips()
        capture = "\n".join(strip.text.rstrip() for strip in strips)
    README.write_text(replace_capture(README.read_text(encoding="utf-8"), capture), "utf-8")
    print(f"wrote {OUT} and the capture in {README}")


if __name__ == "__main__":
    asyncio.run(main())
