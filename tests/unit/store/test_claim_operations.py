"""Offsets always match and live claims never overlap, after any sequence of operations."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.app.claim_ops import add_claim, merge_claims, split_claim
from annotator.errors import InputError
from annotator.model import ClaimStatus
from annotator.store import Store
from annotator.text.proposer import propose_claims
from tests.conftest import SAMPLE_ARTICLE, store_copies

TEXT = SAMPLE_ARTICLE.read_text(encoding="utf-8")

_op = st.tuples(
    st.sampled_from(["split", "merge", "add", "dismiss", "restore", "label"]),
    st.integers(min_value=0, max_value=10_000),
    st.integers(min_value=0, max_value=len(TEXT)),
    st.integers(min_value=1, max_value=200),
)


def _check(store: Store, article_id: int) -> None:
    text = store.get_article(article_id).text
    live_end = -1
    for claim in store.claims(article_id):
        assert text[claim.start : claim.end] == claim.text
        assert 0 <= claim.start < claim.end <= len(text)
        assert claim.text == claim.text.strip()
        assert claim.label and len(claim.label) <= 60 or claim.label_edited
        if claim.status != ClaimStatus.DISMISSED:
            assert claim.start >= live_end, "live claims overlap"
            live_end = claim.end


def _import(store: Store) -> None:
    store.import_article(TEXT, title="t", reviewer="r", proposals=propose_claims(TEXT))


# Each example starts from a copy of the imported sample (imported and proposed once).
_imported = store_copies(_import)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_op, max_size=12))
def test_operations_keep_offsets_exact_and_claims_disjoint(
    ops: list[tuple[str, int, int, int]],
) -> None:
    store = _imported()
    try:
        article_id = store.list_articles()[0].id
        _check(store, article_id)
        for op, pick, at, length in ops:
            claims = store.claims(article_id)
            claim = claims[pick % len(claims)] if claims else None
            try:
                if op == "split" and claim is not None:
                    split_claim(store, claim.id, claim.start + at % max(claim.end - claim.start, 1),
                                      reviewer="r")  # fmt: skip
                elif op == "merge" and claim is not None:
                    merge_claims(store, claim.id, reviewer="r")
                elif op == "add":
                    add_claim(store, article_id, at, min(at + length, len(TEXT)), reviewer="r")
                elif op == "dismiss" and claim is not None:
                    store.dismiss_claim(claim.id, reviewer="r")
                elif op == "restore" and claim is not None:
                    store.restore_claim(claim.id, reviewer="r")
                elif op == "label" and claim is not None:
                    store.edit_label(claim.id, f"label {at}", reviewer="r")
            except InputError:
                pass  # refused with a message: the database must be unchanged
            _check(store, article_id)
    finally:
        store.close()


def test_split_then_merge_restores_the_span(store: Store) -> None:
    article_id = store.import_article(
        TEXT, title="t", reviewer="r", proposals=propose_claims(TEXT)
    ).id
    claim = store.claims(article_id)[0]
    middle = claim.text.index(" ", len(claim.text) // 2)
    left, right = split_claim(store, claim.id, claim.start + middle, reviewer="r")
    assert left.end <= right.start
    merged = merge_claims(store, left.id, reviewer="r")
    assert (merged.start, merged.end) == (claim.start, claim.end)
    assert merged.text == claim.text


def test_restoring_a_claim_that_a_new_claim_now_covers_is_refused(store: Store) -> None:
    text = "MDMA triggers the release of oxytocin. The FDA approved it in 2024 after two trials."
    article_id = store.import_article(
        text, title="t", reviewer="r", proposals=propose_claims(text)
    ).id
    old = store.claims(article_id)[0]
    store.dismiss_claim(old.id, reviewer="r")
    add_claim(store, article_id, old.start, old.end, reviewer="r")
    events = len(store.events())
    try:
        store.restore_claim(old.id, reviewer="r")
    except InputError as exc:
        assert "overlaps claim" in str(exc)
    else:
        raise AssertionError("restore should have been refused")
    assert store.get_claim(old.id).status == ClaimStatus.DISMISSED
    assert len(store.events()) == events
