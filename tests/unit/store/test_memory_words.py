"""Claim memory's word index kept in the database: the same hits as the index built in
memory, and kept current through every change of who is remembered and what they say."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.app.importing import import_new_version
from annotator.memory.claimreview_import import ExternalReview
from annotator.memory.index import MemoryIndex, claim_key
from annotator.store import Store
from tests.memory_texts import sentences

SUBJECTS = ["MDMA therapy", "the vaccine", "coffee", "the tax cut", "sleep loss", "aspirin"]
EFFECTS = ["cuts", "raises", "halves", "doubles", "lowers"]
OUTCOMES = ["PTSD symptoms", "deaths", "test scores", "costs", "heart attacks"]


def text(rng: random.Random, lines: int) -> str:
    out = ["Title"]
    for _ in range(lines):
        out.append(
            f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(EFFECTS)} "
            f"{rng.choice(OUTCOMES)} by {rng.choice([10, 20, 50])}% in {rng.randint(2019, 2021)}."
        )
    return "\n".join(out) + "\n"


def desk(seed: int) -> Store:
    rng = random.Random(seed)
    store = Store.memory()
    for _ in range(4):
        body = text(rng, 8)
        article = store.import_article(body, title="t", reviewer="ann", proposals=sentences(body))
        for claim in store.claims(article.id):
            if rng.random() < 0.6:
                store.grade_claim(claim.id, "mixed", reviewer="ann")
            if rng.random() < 0.1:
                store.dismiss_claim(claim.id, reviewer="ann")
    return store


def in_memory(store: Store) -> MemoryIndex[tuple[str, int]]:
    """The index built from scratch, as before it was kept in the file."""
    return store._memory_index_in_memory()


def remembered(store: Store) -> set[tuple[str, int]]:
    rows = store.db.execute(
        "SELECT 'claim', c.id FROM claims c WHERE c.status != 'dismissed'"
        " AND c.anchor != 'orphaned' AND c.id IN (SELECT claim_id FROM grades)"
        " UNION SELECT 'review', id FROM external_reviews"
    )
    return {(str(k), int(i)) for k, i in rows}


def members(store: Store) -> set[tuple[str, int]]:
    store.memory_index()
    return {
        (str(k), int(i)) for k, i in store.db.execute("SELECT kind, ref_id FROM memory_members")
    }


def postings_agree(store: Store) -> None:
    """Postings and document frequencies are those of the members' words, exactly."""
    store.memory_index()
    expected: dict[str, set[tuple[str, int]]] = {}
    for kind, ref_id, words in store.db.execute("SELECT kind, ref_id, words FROM memory_members"):
        assert words == claim_key(_text(store, kind, ref_id)).word_text
        for word in set(words.split()):
            expected.setdefault(word, set()).add((kind, ref_id))
    stored: dict[str, set[tuple[str, int]]] = {}
    for word, kind, ref_id in store.db.execute("SELECT * FROM memory_postings"):
        stored.setdefault(word, set()).add((kind, ref_id))
    assert stored == expected
    vocab = dict(store.db.execute("SELECT word, df FROM memory_vocab").fetchall())
    assert vocab == {w: len(refs) for w, refs in expected.items()}


def _text(store: Store, kind: str, ref_id: int) -> str:
    if kind == "claim":
        return store.get_claim(ref_id).text
    return store.get_external_review(ref_id).claim


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 1000), probe=st.integers(0, 1000))
def test_stored_look_ups_equal_the_in_memory_index(seed: int, probe: int) -> None:
    store = desk(seed)
    query = text(random.Random(probe), 1).splitlines()[1]
    stored = store.memory_index().match(query, exclude={("claim", 1)})
    assert stored == in_memory(store).match(query, exclude={("claim", 1)})
    assert members(store) == remembered(store)


def test_every_change_of_membership_or_words_reaches_the_index(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "desk.db")
    body = text(random.Random(1), 6)
    article = store.import_article(body, title="t", reviewer="ann", proposals=sentences(body))
    first, second, third, *_ = store.claims(article.id)
    assert members(store) == set()
    store.grade_claim(first.id, "mixed", reviewer="ann")
    store.grade_claim(second.id, "supported", reviewer="ann")
    store.grade_claim(third.id, "supported", reviewer="ann")
    assert members(store) == {("claim", first.id), ("claim", second.id), ("claim", third.id)}
    store.dismiss_claim(second.id, reviewer="ann")
    store.undo_last(reviewer="ann")  # restored by undo
    store.dismiss_claim(third.id, reviewer="ann")
    assert members(store) == remembered(store) == {("claim", first.id), ("claim", second.id)}
    review = ExternalReview(
        claim="Coffee doubles deaths by 50% in 2020.", rating_name="False", meaning="false",
        url="https://checks.example/1", publisher="Other desk",
    )  # fmt: skip
    store.import_reviews([review], reviewer="ann")
    changed = body.replace(first.text, first.text.replace("by", "by about"))
    import_new_version(store, article.id, changed, reviewer="ann")  # first one's words change
    assert members(store) == remembered(store)
    postings_agree(store)
    hits = store.similar_to_text(review.claim)
    assert hits and hits[0].ref[0] == "review"
    store.close()


def test_a_file_opened_to_read_is_matched_in_memory(tmp_path: Path) -> None:
    path = tmp_path / "theirs.db"
    store = Store.open(path)
    body = text(random.Random(4), 5)
    article = store.import_article(body, title="t", reviewer="ann", proposals=sentences(body))
    first = store.claims(article.id)[0]
    store.grade_claim(first.id, "mixed", reviewer="ann")  # noted, not yet indexed
    store.close()
    theirs = Store.open_readonly(path)
    hits = theirs.similar_to_text(first.text)
    assert hits and hits[0].ref == ("claim", first.id)
    theirs.close()


def test_a_long_article_is_matched_the_same_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    store = desk(7)
    body = text(random.Random(8), 12)
    article = store.import_article(body, title="new", reviewer="ann", proposals=sentences(body))
    one_by_one = store.article_matches(article.id)
    assert one_by_one
    monkeypatch.setattr("annotator.store._memory.BULK_MATCH", 0)
    assert store.article_matches(article.id) == one_by_one
