"""Searching the citation library: the stored index kept current and ranked.

What a citation's words are (``search_words``) and how hits rank (``Ranker``) are
``sources/search.py``'s; the store keeps the words in its tables and reads them back
(``Store.index_citations``, ``Store.citation_words``). ``annotator cite search`` and a
picker without its session index search here; the picker's session index
(``source_picking.LibrarySearch``) loads the same texts, so both rank alike.
"""

from __future__ import annotations

from annotator.errors import InputError
from annotator.model import Citation
from annotator.sources.identifiers import identifier_lookup
from annotator.sources.search import (
    SHARE_CUTOFF,
    CitationIndex,
    Ranker,
    query_words,
    search_words,
)
from annotator.store import Store


def index_library(store: Store, rounds: int | None = None) -> bool:
    """Index again every citation changed since the last search (``rounds`` chunks at
    most); False when the file cannot be written (it is then searched in memory)."""
    return store.index_citations(search_words, rounds)


def catch_up_indexes(store: Store) -> bool:
    """Bring the search and claim memory indexes up to date, a chunk per transaction
    (a worker's job: see ``Store.catch_up_indexes``)."""
    return store.catch_up_indexes(search_words)


class StoredIndex:
    """The library's search read from the index the store keeps, ranked by ``Ranker``."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.words = store.citation_words()

    def __len__(self) -> int:
        return len(self.words)

    def search(
        self, query: str, limit: int = 20, cutoff: float = SHARE_CUTOFF
    ) -> list[tuple[Citation, float]]:
        """Citations matching ``query``, best first, with their score (``Ranker.rank``)."""
        ranked = Ranker(self.words).rank(query, limit, cutoff)
        found = {c.id: c for c in self.store.citations_by_id([i for i, _s in ranked])}
        return [(found[i], score) for i, score in ranked]


def citation_index(store: Store) -> StoredIndex | CitationIndex:
    """The library's search, brought up to date with every change first.

    Read from the database, so a search reads what it needs and never the whole
    library; a file that cannot be written (opened only to read) is searched in memory.
    """
    if not index_library(store):
        return CitationIndex(store.list_citations())
    return StoredIndex(store)


def search_citations(store: Store, query: str, limit: int = 20) -> list[tuple[Citation, float]]:
    """Fuzzy, typo-tolerant search; an exact identifier wins outright. A query with no
    word in it is refused: it matched every citation, each scored 100."""
    probe = identifier_lookup(query)
    if probe is None and not query_words(query):
        raise InputError(
            f"the query {query!r} has no word to search for: give words of a title, an "
            "author's name or an identifier (annotator cite list shows the whole library)"
        )
    found = store.find_citation(probe) if probe is not None else None
    if found is not None:
        # The source the identifier names, and nothing the fuzzy match would add.
        return [(found, 100.0)]
    return citation_index(store).search(query, limit=limit)


def search_texts(store: Store, since: int = 0) -> tuple[int, dict[int, str | None]]:
    """The searched text of each citation changed after event ``since`` (every one when
    0; None for one gone), and the mark to pass next time: what a search kept in memory
    for a session (``LibrarySearch``) reads again."""
    mark, ids = store.citations_changed(since)
    if ids is not None and not ids:
        return mark, {}
    if index_library(store):
        texts = store.citation_search_texts(ids)
    else:  # a file open only to read: its stored index may lag
        texts = {
            c.id: search_words(c)[0] for c in store.list_citations() if ids is None or c.id in ids
        }
    changed: dict[int, str | None] = dict(texts)
    for i in ids or ():
        changed.setdefault(i, None)
    return mark, changed
