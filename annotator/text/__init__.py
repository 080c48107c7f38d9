"""Article text to claims: sentences, atomic claims, check-worthiness, labels, numbers.

May import the plain-data modules (model, errors, spans, files, matching, config); never
the store, the sources, the faces or Textual/click/rich.
"""
