"""What the citation picker selects for a query: the source named, never a look-alike."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotator.model import Citation
from annotator.sources.identifiers import citation_key, full_reference
from annotator.sources.library_import import parse_citations
from annotator.sources.search import CitationIndex
from annotator.sources.source_choice import (
    ChoiceRow,
    QueryKind,
    RowKind,
    SourceChoice,
    choose,
    read_query,
)
from tests.conftest import REAL_DIR


@pytest.fixture(scope="module")
def library() -> list[Citation]:
    """The real RIS export, numbered as a library would number it."""
    path = REAL_DIR / "export.ris"
    if not path.exists():
        pytest.skip(f"the shared real files are absent here ({path})")
    parsed = parse_citations(path.read_text(encoding="utf-8"), "ris").citations
    return [replace(c, id=i) for i, c in enumerate(parsed, start=1)]


def same_source(library: list[Citation], source: Citation) -> Citation | None:
    """The library entry sharing an identifier with ``source`` (what the store looks up)."""
    keys = set(citation_key(source))
    return next((c for c in library if keys & set(citation_key(c))), None)


def pick(library: list[Citation], text: str) -> tuple[SourceChoice, ChoiceRow | None]:
    query = read_query(text)
    same = [same_source(library, c) for c in query.sources]
    hits = [c for c, _ in CitationIndex(library).search(text, limit=30)]
    choice = choose(query, same, hits)
    row = choice.rows[choice.selected] if choice.selected is not None else None
    return choice, row


def test_a_doi_not_in_the_library_selects_new_source(library: list[Citation]) -> None:
    """The issue's case: a DOI of another paper must never link a library paper."""
    choice, row = pick(library, "10.1056/NEJMoa1707914")
    assert choice.kind == QueryKind.IDENTIFIER
    assert row is not None and row.kind == RowKind.NEW
    assert row.citation.doi == "10.1056/nejmoa1707914" and row.citation.id == 0
    assert all(r.kind != RowKind.LIBRARY for r in choice.rows)
    assert all(not r.citation.doi for r in choice.rows[1:])  # other DOIs are other sources


@pytest.mark.parametrize(
    "text",
    [
        "10.1056/NEJMoa1707914",
        "https://doi.org/10.1056/nejmoa1707914",
        "PMID: 31234567",
        "PMC7654321",
        "arXiv:2101.00001",
        "978-0-306-40615-7",
        "https://example.org/a-report-not-in-the-library",
    ],
)
def test_every_kind_of_identifier_not_held_selects_new_source(
    library: list[Citation], text: str
) -> None:
    choice, row = pick(library, text)
    assert choice.kind == QueryKind.IDENTIFIER
    assert row is not None and row.kind == RowKind.NEW


def test_a_doi_in_the_library_selects_that_entry_alone(library: list[Citation]) -> None:
    held = next(c for c in library if c.doi)
    choice, row = pick(library, f"https://doi.org/{held.doi.upper()}")
    assert row is not None and row.kind == RowKind.LIBRARY and row.citation.id == held.id
    assert len(choice.rows) == 1


def test_a_pmid_in_the_library_selects_that_entry() -> None:
    held = Citation(id=7, pmid="31234567", title="A cohort study of coffee")
    other = Citation(id=8, pmid="7654321", title="A cohort study of tea")
    query = read_query("PMID 31234567")
    choice = choose(query, [held], [other])
    assert choice.rows[choice.selected or 0].citation.id == 7


def test_a_reference_by_the_same_author_and_year_is_not_linked(
    library: list[Citation],
) -> None:
    """Another paper by a library paper's first author, same year: new source selected,
    the library paper only listed below it as "possibly the same"."""
    first = library[0]
    family = first.authors[0].split(",")[0]
    text = (
        f"{family} A, Piotrowicz G. Coping styles and anxiety in ulcerative colitis: "
        f"a cross-sectional survey. Prz Gastroenterol. {first.year};14(4):250-258."
    )
    choice, row = pick(library, text)
    assert choice.kind == QueryKind.REFERENCE
    assert row is not None and row.kind == RowKind.NEW and row.citation.id == 0
    alike = [r for r in choice.rows if r.citation.id == first.id]
    assert alike and alike[0].kind == RowKind.HIT
    assert alike[0].note == "possibly the same: same first author and year"
    assert all(not r.note for r in choice.rows[1:] if r.citation.authors[0] != first.authors[0])


def test_the_same_paper_pasted_as_a_reference_is_offered_not_chosen(
    library: list[Citation],
) -> None:
    """Without an identifier a look-alike may be the paper: listed with why, not selected."""
    first = library[0]
    text = (
        "Rudnik A, Piotrowicz G, Basinska MA, Rashedi V. " + first.title + " "
        f"Prz Gastroenterol. {first.year};14(2):121-128."
    )
    choice, row = pick(library, text)
    assert row is not None and row.kind == RowKind.NEW
    [alike] = [r for r in choice.rows if r.citation.id == first.id]
    assert alike.note.startswith("possibly the same: titles") and choice.rows[1] == alike


def test_a_reference_with_a_held_doi_selects_the_library_entry(library: list[Citation]) -> None:
    held = next(c for c in library if c.doi)
    text = f"Someone A. A paper with a garbled title. Some Journal. 2019. doi:{held.doi}"
    choice, row = pick(library, text)
    assert choice.kind == QueryKind.REFERENCE
    assert row is not None and row.kind == RowKind.LIBRARY and row.citation.id == held.id


def test_free_words_preselect_the_best_fuzzy_hit(library: list[Citation]) -> None:
    choice, row = pick(library, "cognitive flexibilty coping")  # a typo, as typed
    assert choice.kind == QueryKind.WORDS
    assert row is not None and row.kind == RowKind.HIT
    assert "cognitive flexibility" in row.citation.title.lower()
    assert choice.rows[0].kind == RowKind.NEW  # still one key away


def test_free_words_with_no_hit_select_new_source(library: list[Citation]) -> None:
    choice, row = pick(library, "zzzqqq xxyyzz")
    assert row is not None and row.kind == RowKind.NEW


def test_an_empty_query_lists_the_library() -> None:
    entries = [Citation(id=3, title="c"), Citation(id=2, title="b")]
    choice = choose(read_query("  "), [], entries)
    assert choice.kind == QueryKind.EMPTY and choice.selected == 0
    assert [r.citation.id for r in choice.rows] == [3, 2]


BIBTEX = (
    "@article{a, title = {MDMA-assisted therapy for severe PTSD}, author = {Mitchell, J.},"
    " year = {2021}, doi = {10.1038/s41591-021-01336-3}}"
    " @article{b, title = {Another trial}, author = {Doe, Jane}, year = {2020}}"
)


def test_a_record_of_several_entries_asks_which_to_link() -> None:
    held = Citation(id=4, doi="10.1038/s41591-021-01336-3", title="MDMA-assisted therapy")
    query = read_query(BIBTEX)
    assert query.kind == QueryKind.ENTRIES and len(query.sources) == 2
    choice = choose(query, [held, None], [])
    assert choice.selected is None  # the checker chooses
    assert [r.kind for r in choice.rows] == [RowKind.LIBRARY, RowKind.NEW]
    assert "2 entries: all are added" in choice.hint
    # Linking the new entry adds the other too (it fills the library entry's gaps).
    assert choice.to_add(choice.rows[1]) == (query.sources[0],)
    assert choice.to_add(choice.rows[0]) == query.sources


def test_a_record_of_one_entry_selects_it() -> None:
    query = read_query(BIBTEX.split(" @")[0])
    choice = choose(query, [None], [Citation(id=9, title="MDMA-assisted therapy for PTSD")])
    assert choice.selected == 0 and choice.rows[0].kind == RowKind.NEW


def test_the_full_reference_names_every_author_and_identifier() -> None:
    c = Citation(
        doi="10.5114/pg.2018.81081",
        pmid="31616525",
        title="A title.",
        authors=("Rudnik, Agata", "Piotrowicz, Grazyna", "Basinska, Malgorzata A."),
        year=2019,
        container="Przeglad gastroenterologiczny",
        volume="14",
        issue="2",
        pages="121-128",
    )
    assert full_reference(c).splitlines() == [
        "Rudnik, Agata; Piotrowicz, Grazyna; Basinska, Malgorzata A.",
        "(2019) A title. Przeglad gastroenterologiczny 14(2):121-128.",
        "doi:10.5114/pg.2018.81081 · PMID 31616525",
    ]
