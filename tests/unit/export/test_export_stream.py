"""Streamed exports (csv, jsonl): the same text as the whole export, read part by part."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from annotator.errors import AnnotatorError
from annotator.export import EXPORT_FORMATS, render, stream
from annotator.export.table import collect
from annotator.store import Store
from tests import export_fixture
from tests.conftest import store_copies


def _build_two(store: Store) -> None:
    export_fixture.build(store)
    text = export_fixture.TEXT.replace("Café", "Bistro")
    store.import_article(text, title="Second", reviewer="ana", proposals=[])
    export_fixture.build(store)


_two_copies = store_copies(_build_two)


@pytest.fixture
def two_articles() -> Iterator[Store]:
    """The awkward fixture twice (the second with other words), so parts cross articles:
    a copy of them, built once."""
    store = _two_copies()
    yield store
    store.close()


def test_parts_hold_the_table_in_order_with_only_their_own_links(two_articles: Store) -> None:
    whole = two_articles.claim_table()
    parts = list(two_articles.claim_table_parts(size=3))
    assert len(parts) > 2
    assert [line for part in parts for line in part.lines] == whole.lines
    for part in parts:
        ids = {line[0] for line in part.lines}
        assert set(part.evidence) <= ids
        assert {e: whole.evidence[e] for e in part.evidence} == part.evidence
        assert set(part.articles) == {line[1] for line in part.lines}
        cited = {link[1] for links in part.evidence.values() for link in links}
        assert set(part.citations) == cited


@pytest.mark.parametrize("fmt", [f for f, spec in EXPORT_FORMATS.items() if spec.stream])
@pytest.mark.parametrize(
    ("article", "status", "verdict"),
    [(None, None, None), (1, None, None), (None, "dismissed", None), (None, None, "mixed")],
)
def test_stream_equals_the_whole_export(
    two_articles: Store,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
    article: int | None,
    status: str | None,
    verdict: str | None,
) -> None:
    monkeypatch.setattr("annotator.store._export.PART_SIZE", 2)
    whole = render(fmt, collect(two_articles, article, status=status, verdict=verdict))
    pieces = list(stream(fmt, two_articles, article, status=status, verdict=verdict))
    assert "".join(text for text, _n in pieces) == whole
    rows = collect(two_articles, article, status=status, verdict=verdict).cells
    assert sum(n for _text, n in pieces) == len(rows)


@pytest.mark.parametrize(("article", "verdict"), [(99, None), (None, "bogus")])
def test_a_bad_article_or_verdict_fails_before_any_piece(
    built: Store, article: int | None, verdict: str | None
) -> None:
    with pytest.raises(AnnotatorError):
        stream("csv", built, article, verdict=verdict)
