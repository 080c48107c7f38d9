"""Rules about reviewers' grades: who sees whose, claim merges, agreement statistics.

``visibility`` is the blind-review rule, ``merge`` what merging two claims does to their
grades, ``agreement`` the inter-rater statistics, ``standing`` where one claim's verdict
stands (final, agreed, disputed, stale).

Pure: may import the plain-data modules (model, errors); never the store, the faces or
Textual/click/rich.
"""
