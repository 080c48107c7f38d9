"""How citation search ranks: more of the query first, then words that name the source,
then the closest wording; the score shown is the share of the query held (0-100)."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from annotator.app.citation_search import search_citations
from annotator.app.library import add_citations
from annotator.model import Citation
from annotator.sources.library_import import read_citation_file
from annotator.sources.search import CitationIndex
from annotator.store import Store
from tests.conftest import REAL_DIR

REAL_FILES = {"export.ris": "ris", "export-endnote-excerpt.ris": "ris", "csl.json": "csl-json"}


@pytest.fixture(scope="module")
def real_library() -> list[Citation]:
    """Every real file in shared/real, in the order a desk would import them."""
    citations: list[Citation] = []
    for name, fmt in REAL_FILES.items():
        path = REAL_DIR / name
        if not path.exists():
            pytest.skip(f"the shared real files are absent here ({path})")
        citations += read_citation_file(path, fmt).citations
    return citations


def _first_author(hit: tuple[Citation, float]) -> str:
    return hit[0].authors[0].split(",")[0] if hit[0].authors else ""


def test_the_full_match_ranks_above_a_partial_one_in_the_real_exports(
    real_library: list[Citation],
) -> None:
    # Abbas holds both words but carries a long Scopus address; Adler's title holds only
    # "posttraumatic". Ranked by WRatio over all the text, Adler came first (86 to 57).
    hits = CitationIndex(real_library).search("posttraumatic myocardial")
    names = [_first_author(h) for h in hits]
    assert names[0] == "Abbas" and "scopus.com" in hits[0][0].url
    assert "Adler" in names[1:]
    assert hits[0][1] == 100.0 and all(s < 100.0 for _c, s in hits[1:])


def test_a_typo_still_finds_the_word_it_means(real_library: list[Citation]) -> None:
    index = CitationIndex(real_library)
    hits = index.search("posttramatic myocardal")
    assert _first_author(hits[0]) == "Abbas" and 80 <= hits[0][1] < 100
    # No word of the library is "posttramatic": every title with "posttraumatic" is found.
    found = {c.id for c, _s in index.search("posttramatic", limit=100)}
    spelled = {c.id for c in real_library if "posttraumatic" in c.title.lower()}
    assert spelled and spelled <= found


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("adler 1996", "Adler"),
        ("rudnk 2019", "Rudnik"),  # a surname with a typo and the year
        ("combat gulf war", "Adler"),  # a title fragment
        ("doi 10.1097/md.0000000000016881", "Shen"),  # a DOI typed as words
        ("26176500", "Alway"),  # a PMID
        ("https://scopus.com/inward/record.url?eid=2-s2.0-84954398991", "Adams"),  # an address
    ],
)
def test_each_kind_of_query_puts_the_source_it_names_first(
    real_library: list[Citation], query: str, expected: str
) -> None:
    hits = CitationIndex(real_library).search(query)
    assert _first_author(hits[0]) == expected
    assert hits[0][1] > max((s for _c, s in hits[1:]), default=0.0) or hits[0][1] == 100.0


def test_scores_lie_in_0_100_and_never_rise_down_the_list(real_library: list[Citation]) -> None:
    index = CitationIndex(real_library)
    for query in ("posttraumatic stress disorder", "covid 2020", "github repository",
                  "who situation report", "stress coping adolescents", "zzzz trauma"):  # fmt: skip
        scores = [s for _c, s in index.search(query, limit=100)]
        assert all(0.0 < s <= 100.0 for s in scores)
        assert scores == sorted(scores, reverse=True)


def test_title_words_rank_above_the_same_words_in_a_web_address() -> None:
    library = [
        Citation(title="Sleep diaries", url="https://lithium.example.org/sleep"),
        Citation(title="Lithium and sleep", url="https://example.org/a/very/long/path?x=1"),
    ]
    hits = CitationIndex(library).search("lithium sleep")
    assert [c.title for c, _s in hits] == ["Lithium and sleep", "Sleep diaries"]
    assert hits[0][1] == hits[1][1] == 100.0  # both hold the query: the share is equal


def test_an_identifier_wins_over_look_alike_identifiers(store: Store) -> None:
    library = [
        Citation(title=f"Trial {i}", doi=f"10.1000/lib.{i}", pmid=str(31000 + i))
        for i in (120, 12, 1200)
    ]
    add_citations(store, library, reviewer="tester")
    index = CitationIndex(store.list_citations())
    assert index.search("10.1000 lib 12")[0][0].doi == "10.1000/lib.12"
    assert index.search("31012")[0][0].pmid == "31012"
    assert search_citations(store, "https://doi.org/10.1000/LIB.12") == [
        (store.find_citation(library[1]), 100.0)
    ]


# Words none of which is a prefix or a near spelling of another, so a citation holds a
# query word exactly when its text has it (the properties below count held words).
VOCAB = ["aspirin", "lithium", "measles", "oxytocin", "placebo", "dementia", "cohort",
         "vaccine", "mortality", "ketamine", "zebrafish", "insulin"]  # fmt: skip


def test_the_vocabulary_has_no_near_spellings() -> None:
    for a, b in combinations(VOCAB, 2):
        assert not a.startswith(b[:3]) and not b.startswith(a[:3])
        assert fuzz.ratio(a, b) < 80


words = st.lists(st.sampled_from(VOCAB), min_size=1, max_size=5)
libraries = st.lists(
    st.tuples(words, st.lists(st.sampled_from(VOCAB), max_size=2)), min_size=2, max_size=12
)
queries = st.lists(st.sampled_from(VOCAB), min_size=1, max_size=4, unique=True)


def _build(drawn: list[tuple[list[str], list[str]]]) -> list[Citation]:
    return [
        Citation(title=" ".join(title), url="https://x.org/" + "/".join(path))
        for title, path in drawn
    ]


def _held(c: Citation, query: list[str]) -> frozenset[str]:
    return frozenset(w for w in query if w in c.title.split() or w in c.url.split("/"))


def _named(c: Citation, query: list[str]) -> frozenset[str]:
    return frozenset(w for w in query if w in c.title.split())


@settings(max_examples=150, deadline=None)
@given(drawn=libraries, query=queries)
def test_a_citation_holding_more_of_the_query_ranks_above(
    drawn: list[tuple[list[str], list[str]]], query: list[str]
) -> None:
    library = _build(drawn)
    hits = CitationIndex(library).search(" ".join(query), limit=len(library))
    place = {id(c): n for n, (c, _s) in enumerate(hits)}
    for a in library:
        for b in library:
            if id(b) not in place:
                continue
            if _held(b, query) < _held(a, query):
                assert id(a) in place and place[id(a)] < place[id(b)]
            # Rule 2: the same words held, more of them in the title.
            if _held(a, query) == _held(b, query) and _named(b, query) < _named(a, query):
                assert id(a) in place and place[id(a)] < place[id(b)]


@settings(max_examples=150, deadline=None)
@given(drawn=libraries, query=queries, extra=st.sampled_from(VOCAB))
def test_adding_a_word_a_citation_holds_never_drops_it_below_one_without(
    drawn: list[tuple[list[str], list[str]]], query: list[str], extra: str
) -> None:
    library = _build(drawn)
    index = CitationIndex(library)
    before = [id(c) for c, _s in index.search(" ".join(query), limit=len(library))]
    longer = [*query, extra] if extra not in query else query
    after = [id(c) for c, _s in index.search(" ".join(longer), limit=len(library))]
    for n, a in enumerate(before):
        ca = next(c for c in library if id(c) == a)
        if extra not in _held(ca, longer):
            continue
        assert a in after  # its share of the query only grew
        for b in before[n + 1 :]:
            cb = next(c for c in library if id(c) == b)
            if extra not in _held(cb, longer) and b in after:
                assert after.index(a) < after.index(b)


def test_a_small_library_lists_partial_matches_of_a_word_most_citations_hold() -> None:
    path = REAL_DIR / "export-endnote-excerpt.ris"
    if not path.exists():
        pytest.skip(f"the shared real files are absent here ({path})")
    library = read_citation_file(path, "ris").citations  # "posttraumatic" in most of 8
    names = [_first_author(h) for h in CitationIndex(library).search("posttraumatic myocardial")]
    assert names[0] == "Abbas" and "Adler" in names[1:]
