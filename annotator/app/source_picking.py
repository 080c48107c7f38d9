"""Finding the source to link: what the library holds for a query, and what to select.

The decision is ``annotator.sources.source_choice.choose``; this gathers what it reads
from the store (the entries the query names, the fuzzy hits, the latest entries).
``LibrarySearch`` keeps the library's search in memory for a session of picking, ranked
exactly as the stored index ranks it (``annotator cite search``).
"""

from __future__ import annotations

from annotator.app.citation_search import citation_index, search_texts
from annotator.model import Citation
from annotator.sources.search import SHARE_CUTOFF, MemoryWords, Ranker
from annotator.sources.source_choice import QueryKind, SourceChoice, choose, read_query
from annotator.store import Store

# Rows a picker shows at most.
PICKER_ROWS = 30


class LibrarySearch:
    """The library's search index held in memory, keyed by citation id, kept current.

    A picker searches at every key press; reading the stored index's words from SQLite
    each time made a key press about twice as slow as an index in memory. This reads the
    stored index once (``load``, which a face may run in a worker thread on a connection
    of its own), then before each search reads again only the citations changed since
    (``citation_search.search_texts``). Ranking is the stored index's ``Ranker`` over the
    same words and keys, so the hits are those of ``citation_search.citation_index`` (a
    test holds them equal through adds, edits and merges).
    """

    def __init__(self) -> None:
        # words, their ranker and the last event read: one value, so a load finished
        # in another thread is seen whole or not at all.
        self._state: tuple[MemoryWords, Ranker, int] | None = None
        # Citations shown, by id: a key press mostly shows the hits of the one before.
        self._shown: dict[int, Citation] = {}

    @property
    def loaded(self) -> bool:
        return self._state is not None

    def load(self, store: Store) -> None:
        """Read the whole stored index (on any connection to the library's file)."""
        mark, texts = search_texts(store)
        words = MemoryWords((i, t) for i, t in texts.items() if t is not None)
        self._state = (words, Ranker(words), mark)

    def catch_up(self, store: Store) -> None:
        """Read again the citations changed since the last look (one query when none)."""
        if self._state is None:
            self.load(store)
            return
        words, ranker, mark = self._state
        mark, changed = search_texts(store, mark)
        for citation_id, text in changed.items():
            self._shown.pop(citation_id, None)
            if text is None:
                words.drop(citation_id)
            else:
                words.put(citation_id, text)
        if changed:
            ranker = Ranker(words)  # the old one's cached postings sets are stale now
        self._state = (words, ranker, mark)

    def search(
        self, store: Store, query: str, limit: int = 20, cutoff: float = SHARE_CUTOFF
    ) -> list[Citation]:
        """The citations matching ``query``, best first (as ``citation_index(store).search``)."""
        self.catch_up(store)
        assert self._state is not None
        ids = [citation_id for citation_id, _score in self._state[1].rank(query, limit, cutoff)]
        missing = [i for i in ids if i not in self._shown]
        if missing:
            self._shown.update((c.id, c) for c in store.citations_by_id(missing))
        return [self._shown[i] for i in ids if i in self._shown]


def source_choice(
    store: Store, text: str, limit: int = PICKER_ROWS, library: LibrarySearch | None = None
) -> SourceChoice:
    """The rows to offer for what was typed in a source picker, and the one selected.

    ``library``: the search a session keeps in memory (the same hits, faster per key);
    without it, or until it is loaded, the stored index is read.
    """
    query = read_query(text)
    if query.kind == QueryKind.EMPTY:
        return choose(query, [], store.latest_citations(limit))
    same = [store.find_citation(c) for c in query.sources]
    if query.kind != QueryKind.WORDS and all(f is not None for f in same):
        return choose(query, same, [])  # the library holds what was named: nothing else
    if library is not None and library.loaded:
        hits = library.search(store, text, limit=limit)
    else:
        hits = [c for c, _ in citation_index(store).search(text, limit=limit)]
    return choose(query, same, hits)
