"""Finding the source to link: what the library holds for a query, and what to select.

The decision is ``annotator.sources.source_choice.choose``; this gathers what it reads
from the store (the entries the query names, the fuzzy hits, the latest entries).
"""

from __future__ import annotations

from annotator.sources.source_choice import QueryKind, SourceChoice, choose, read_query
from annotator.store import Store

# Rows a picker shows at most.
PICKER_ROWS = 30


def source_choice(store: Store, text: str, limit: int = PICKER_ROWS) -> SourceChoice:
    """The rows to offer for what was typed in a source picker, and the one selected."""
    query = read_query(text)
    if query.kind == QueryKind.EMPTY:
        return choose(query, [], store.latest_citations(limit))
    same = [store.find_citation(c) for c in query.sources]
    if query.kind != QueryKind.WORDS and all(f is not None for f in same):
        return choose(query, same, [])  # the library holds what was named: nothing else
    hits = [c for c, _ in store.citation_index().search(text, limit=limit)]
    return choose(query, same, hits)
