"""The citation search index kept in the database: the same ranking as in memory, kept
current through every kind of change, built for files written before it existed."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.app.citation_search import catch_up_indexes, citation_index, search_citations
from annotator.app.library import add_citation, add_citations
from annotator.model import Citation, CitationKind
from annotator.sources.search import CitationIndex, search_words
from annotator.store import Store
from annotator.store._rows import citation_row
from annotator.store.migrations import MIGRATIONS
from tests.conftest import store_copies

R = "tester"
WORDS = ["trial", "therapy", "cohort", "patients", "randomized", "placebo", "oxytocin",
         "serotonin", "lithium", "depression", "anxiety", "sleep", "insomnia", "memory",
         "dementia", "aspirin", "statin", "vaccine", "measles", "outcome", "mortality"]  # fmt: skip


def library(n: int, seed: int = 3) -> list[Citation]:
    rng = random.Random(seed)
    return [
        Citation(
            kind=CitationKind.DOI if i % 3 else CitationKind.OTHER,
            doi=f"10.1000/lib.{i}" if i % 3 else "",
            title=" ".join(rng.choices(WORDS, k=rng.randint(3, 8))).capitalize() + f" {i}",
            authors=(f"{rng.choice(WORDS).title()}, A.",),
            year=1990 + i % 30,
            container=rng.choice(WORDS).title() + " Journal",
        )
        for i in range(n)
    ]


def index_tables(store: Store) -> tuple[list[tuple[object, ...]], ...]:
    """The index as stored, to compare with one built from scratch."""
    return tuple(
        sorted(store.db.execute(f"SELECT * FROM {t}").fetchall())
        for t in ("citation_words", "citation_vocab", "citation_haystacks")
    )


def rebuilt(store: Store) -> tuple[list[tuple[object, ...]], ...]:
    """What the index must hold for the library as it is now."""
    words, vocab, texts = [], {}, []
    for c in store.list_citations():
        text, held = search_words(c)
        texts.append((c.id, text))
        words += [(w, c.id) for w in held]
        for w in held:
            vocab[w] = vocab.get(w, 0) + 1
    return (
        sorted(words),
        sorted((w, len(w), w[0], w[-1], n) for w, n in vocab.items()),
        sorted(texts),
    )


@pytest.fixture
def filled(store: Store) -> Store:
    add_citations(store, library(120), reviewer=R)
    return store


# Each example searches a copy of one library (added once), on the real clock as before.
_library_of_120 = store_copies(
    lambda store: add_citations(store, library(120), reviewer=R), fake=False
)


@settings(max_examples=40, deadline=None)
@given(
    picks=st.lists(st.sampled_from(WORDS), min_size=0, max_size=3),
    typo=st.integers(min_value=0, max_value=40),
    number=st.integers(min_value=0, max_value=130),
)
def test_stored_ranking_equals_the_in_memory_index(
    picks: list[str], typo: int, number: int
) -> None:
    store = _library_of_120()
    query = " ".join(picks)
    if query and typo < len(query):
        query = query[:typo] + "x" + query[typo + 1 :]
    query += f" {number}" if number % 2 else ""
    memory = CitationIndex(store.list_citations())
    stored_index = citation_index(store)  # the stored index (a query with no word too)
    for limit in (5, 30):
        stored = [(c.id, s) for c, s in stored_index.search(query, limit=limit)]
        assert stored == [(c.id, s) for c, s in memory.search(query, limit=limit)]


def test_a_bulk_import_leaves_the_index_complete(filled: Store) -> None:
    assert index_tables(filled) == rebuilt(filled)
    assert filled.db.execute("SELECT count(*) FROM citation_words_stale").fetchone()[0] == 0


def test_every_change_reaches_the_index_before_the_next_search(filled: Store) -> None:
    one, _ = add_citation(
        filled, Citation(kind=CitationKind.OTHER, title="Quetiapine zebrafish larvae"), reviewer=R
    )
    assert [c.id for c, _s in search_citations(filled, "zebrafish quetiapine")][:1] == [one.id]
    filled.merge_citations(2, one.id, reviewer=R)  # the dropped one's row goes away
    filled.set_evidence_type(3, "rct", reviewer=R)
    assert one.id not in [c.id for c, _s in search_citations(filled, "zebrafish quetiapine")]
    filled.undo_last(reviewer=R)
    filled.undo_last(reviewer=R)  # the merge undone: the dropped citation is back
    assert [c.id for c, _s in search_citations(filled, "zebrafish quetiapine")][:1] == [one.id]
    assert index_tables(filled) == rebuilt(filled)


def test_a_change_by_another_connection_is_indexed_too(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    store = Store.open(path)
    add_citations(store, library(30), reviewer=R)
    other = sqlite3.connect(path)
    with other:
        other.execute("UPDATE citations SET title = 'Lanthanum phosphate' WHERE id = 7")
    other.close()
    assert search_citations(store, "lanthanum phosphate")[0][0].id == 7
    assert index_tables(store) == rebuilt(store)
    store.close()


def test_a_file_from_before_the_index_is_indexed_at_its_first_search(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)  # written by an annotator from before the index
    before = [m.__name__ for m in MIGRATIONS].index("_v4_citation_words")
    for step in MIGRATIONS[:before]:
        step(db)
    db.execute(f"PRAGMA user_version = {before}")
    rows = [citation_row(c) for c in library(40)]
    for i, row in enumerate(rows, start=1):
        row.update(id=i, created_at="2024-01-01", updated_at="2024-01-01")
        row.pop("record")  # a column added after this file's schema
    db.table("citations").insert_all(rows)
    db.close()
    store = Store.open(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    expected = CitationIndex(store.list_citations()).search("placebo trial")
    assert search_citations(store, "placebo trial") == expected
    assert index_tables(store) == rebuilt(store)
    store.close()


def test_a_file_opened_to_read_is_searched_in_memory(tmp_path: Path) -> None:
    path = tmp_path / "theirs.db"
    store = Store.open(path)
    add_citations(store, library(20), reviewer=R)
    store.db.execute("INSERT INTO citation_words_stale VALUES (5)")  # as if changed elsewhere
    store.db.conn.commit()
    store.close()
    theirs = Store.open_readonly(path)
    assert search_citations(theirs, "placebo")
    theirs.close()


def test_latest_citations_come_newest_first(filled: Store) -> None:
    assert [c.id for c in filled.latest_citations(3)] == [120, 119, 118]
    assert [c.id for c in filled.latest_citations(3)] == [
        c.id for c in filled.list_citations()[-3:][::-1]
    ]


def test_indexes_catch_up_a_chunk_per_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import annotator.store._citation_words as citation_words
    import annotator.store._memory_words as memory_words

    monkeypatch.setattr(citation_words, "CHUNK", 7)
    monkeypatch.setattr(memory_words, "CHUNK", 7)
    path = tmp_path / "desk.db"
    store = Store.open(path)
    add_citations(store, library(30), reviewer=R)
    raw = sqlite3.connect(path)  # 30 changes the index has not seen, and a memory to redo
    with raw:
        raw.execute("UPDATE citations SET title = title || ' revised'")
        raw.execute("DELETE FROM state WHERE key = 'memory_words_version'")
    raw.close()
    commits = []
    real_maintain = Store._maintain

    def counted(self: Store, update: object) -> bool:
        commits.append(1)
        return real_maintain(self, update)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "_maintain", counted)
    assert catch_up_indexes(store)
    assert len(commits) >= 30 // 7 + 1  # one transaction per chunk, not one for all
    assert store.db.execute("SELECT count(*) FROM citation_words_stale").fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM memory_stale").fetchone()[0] == 0
    assert index_tables(store) == rebuilt(store)
    store.close()


def test_a_file_indexed_before_fields_were_kept_apart_is_indexed_again(tmp_path: Path) -> None:
    path = tmp_path / "v12.db"
    store = Store.open(path)
    add_citations(store, [
        Citation(title="Lithium and sleep", url="https://example.org/a/long/path?x=1"),
        Citation(title="Sleep diaries", url="https://lithium.example.org/sleep"),
    ], reviewer=R)  # fmt: skip
    search_citations(store, "sleep")
    # As the index of migration 12 kept it: one line of all the words.
    store.db.execute("UPDATE citation_haystacks SET text = replace(text, char(10), ' ')")
    step = [m.__name__ for m in MIGRATIONS].index("_v13_citation_words_by_field")
    store.db.execute(f"PRAGMA user_version = {step}")
    store.db.conn.commit()
    store.close()
    store = Store.open(path)
    assert [c.title for c, _s in search_citations(store, "lithium sleep")] == [
        "Lithium and sleep",
        "Sleep diaries",
    ]
    assert index_tables(store) == rebuilt(store)
    store.close()
