"""CSL-JSON item types and BibTeX entry types, a mapping table both ways, and months.

Both sides of the table follow what biber and Zotero do, so an ``@inproceedings`` read
from BibTeX is a ``paper-conference`` in CSL-JSON and an ``@inproceedings`` again.
"""

from __future__ import annotations

# CSL item types and BibTeX entry types, both ways (the BibTeX side as biber maps them).
CSL_TO_BIBTEX = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
    "book": "book", "chapter": "incollection", "paper-conference": "inproceedings",
    "report": "techreport", "thesis": "phdthesis", "manuscript": "unpublished",
    "webpage": "misc", "post": "misc", "post-weblog": "misc", "dataset": "misc",
    "software": "misc", "article": "misc", "entry-encyclopedia": "incollection",
    "entry-dictionary": "incollection", "legislation": "misc", "patent": "misc",
}  # fmt: skip
BIBTEX_TO_CSL = {
    "article": "article-journal", "book": "book", "inbook": "chapter",
    "incollection": "chapter", "inproceedings": "paper-conference",
    "conference": "paper-conference", "proceedings": "book", "techreport": "report",
    "report": "report", "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
    "unpublished": "manuscript", "manual": "report", "online": "webpage", "www": "webpage",
    "misc": "document", "booklet": "book", "dataset": "dataset", "software": "software",
}  # fmt: skip
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
