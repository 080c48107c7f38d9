"""Citations: identifiers, reference formats, library import/export, dedupe, quotes, search.

``matching`` holds the fuzzy matching (and quote verification) the library and the
store's search share.

May import the plain-data modules; never the store, text/, memory/ or the faces.
"""
