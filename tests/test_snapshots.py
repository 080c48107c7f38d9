"""SVG snapshots of each screen (update with --snapshot-update, read snapshot_report.html)."""

from __future__ import annotations

from typing import Any

from annotator.segment import propose_claims
from annotator.store import Store
from annotator.tui.app import Settings, make_app

from .conftest import SAMPLE_ARTICLE, fake_clock


def _sample_store() -> Store:
    store = Store.memory(clock=fake_clock())
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    article = store.import_article(
        text, title="Can MDMA Help Heal Trauma?", reviewer="ann", proposals=propose_claims(text)
    )
    claims = store.claims(article.id)
    store.grade_claim(claims[0].id, "mixed", reviewer="ann", certainty="low")
    store.dismiss_claim(claims[-1].id, reviewer="ann")
    return store


class TestReviewScreen:
    def test_review_screen(self, snap_compare: Any) -> None:
        """The review screen on the sample article, second claim selected."""
        app = make_app(_sample_store(), Settings(reviewer="ann", cursor_blink=False))
        assert snap_compare(app, terminal_size=(100, 30), press=["j"])
