"""Article text to claims: sentences, atomic claims, check-worthiness, labels, numbers.

Also the text helpers every part shares: ``spans`` (offsets), ``terminal`` (stored text
shown safely on a terminal), ``dates`` (the dates a user gives) and ``new_version``
(where claims go when an article's text is replaced). May import the plain-data modules
(model, errors, files, config); never the store, the sources, the faces or
Textual/click/rich.
"""
