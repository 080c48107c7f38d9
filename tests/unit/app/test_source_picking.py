"""The picker's in-memory library search (LibrarySearch) ranks exactly as the stored
index (``annotator cite search``) through every kind of change, by this connection or
another one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.app.citation_search import citation_index
from annotator.app.library import add_citation, add_citations
from annotator.app.source_picking import LibrarySearch, source_choice
from annotator.model import Citation, CitationKind
from annotator.store import Store
from tests.conftest import store_copies
from tests.unit.store.test_citation_words import WORDS, library

R = "tester"
QUERIES = ["trial", "therapy cohort", "deprssion", "lit", "oxytocin 12", "the", "plcebo sleep"]


def _same_hits(
    store: Store, search: LibrarySearch, queries: list[str], limits: tuple[int, ...] = (5, 30)
) -> None:
    for query in queries:
        for limit in limits:
            stored = [c.id for c, _s in citation_index(store).search(query, limit=limit)]
            assert [c.id for c in search.search(store, query, limit=limit)] == stored, query


def test_loaded_once_it_ranks_as_the_stored_index(store: Store) -> None:
    add_citations(store, library(200), reviewer=R)
    search = LibrarySearch()
    search.load(store)
    _same_hits(store, search, QUERIES)
    choice = source_choice(store, "therapy cohort", library=search)
    assert choice.rows == source_choice(store, "therapy cohort").rows


Op = tuple[str, int, str]


# Each example starts from a copy of one library (added once), on the real clock as before.
_library_of_30 = store_copies(
    lambda store: add_citations(store, library(30), reviewer=R), fake=False
)


@settings(max_examples=25, deadline=None)
@given(
    ops=st.lists(
        st.tuples(
            st.sampled_from(["add", "fill", "merge", "undo", "retract"]),
            st.integers(min_value=1, max_value=60),
            st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join),
        ),
        max_size=8,
    ),
    queries=st.lists(
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=2).map(" ".join),
        min_size=1,
        max_size=3,
    ),  # fmt: skip
)
def test_every_change_reaches_the_session_index(ops: list[Op], queries: list[str]) -> None:
    store = _library_of_30()
    search = LibrarySearch()
    search.load(store)
    for op, n, words in ops:
        ids = [c.id for c in store.list_citations()]
        target = ids[n % len(ids)] if ids else 0
        if op == "add" or not ids:
            add_citation(store, Citation(kind=CitationKind.OTHER, title=f"{words} {n}"), reviewer=R)
        elif op == "fill":  # the same DOI again with an address: the stored entry is filled
            found = store.get_citation(target)
            if found.doi:
                url = f"https://{words.replace(' ', '-')}.example/{n}"
                filled = Citation(kind=CitationKind.DOI, doi=found.doi, title=found.title,
                                  url=url)  # fmt: skip
                add_citation(store, filled, reviewer=R)
        elif op == "merge" and len(ids) > 1:
            keep = ids[(n + 1) % len(ids)]
            if keep != target:
                store.merge_citations(keep, target, reviewer=R)
        elif op == "undo":
            store.undo_last(reviewer=R)
        else:
            store.set_retracted(target, True, reviewer=R)
        _same_hits(store, search, [*queries, words], limits=(30,))


def test_a_change_by_another_connection_reaches_it(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    store, other = Store.open(path), Store.open(path)
    add_citations(store, library(40), reviewer=R)
    search = LibrarySearch()
    search.load(store)
    added, _ = add_citation(
        other, Citation(kind=CitationKind.OTHER, title="Quetiapine zebrafish larvae"), reviewer=R
    )
    assert [c.id for c in search.search(store, "zebrafish quetiapine")][:1] == [added.id]
    raw = sqlite3.connect(path)  # written around the log: the index's own notes catch it
    with raw:
        raw.execute("UPDATE citations SET title = 'Lanthanum phosphate' WHERE id = 7")
    raw.close()
    assert [c.id for c in search.search(store, "lanthanum phosphate")][:1] == [7]
    _same_hits(store, search, QUERIES)
    store.close()
    other.close()


def test_a_worker_thread_loads_it_on_its_own_connection(tmp_path: Path) -> None:
    import threading

    store = Store.open(tmp_path / "desk.db")
    add_citations(store, library(60), reviewer=R)
    search = LibrarySearch()

    def load() -> None:
        own = store.reopen()
        assert own is not None
        try:
            search.load(own)
        finally:
            own.close()

    thread = threading.Thread(target=load)
    thread.start()
    thread.join()
    assert search.loaded
    _same_hits(store, search, QUERIES)
    assert Store.memory().reopen() is None  # no second connection reaches memory
    store.close()
