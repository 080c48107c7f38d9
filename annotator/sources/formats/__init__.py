"""Readers and writers of reference-manager formats: BibTeX, RIS, CSL-JSON, free text.

May import ``sources.identifiers`` and the plain-data modules; never the library import
that calls them.
"""
