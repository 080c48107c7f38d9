"""Citations: identifiers, reference formats, library import/export, dedupe, quotes, search.

May import the plain-data modules; never the store, text/, memory/ or the faces.
"""
