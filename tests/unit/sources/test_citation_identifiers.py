"""Identifier normalization and pasted references."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.errors import InputError
from annotator.model import CitationKind
from annotator.sources.identifiers import (
    citation_from_text,
    citation_from_url,
    identifier_lookup,
    normalize_arxiv,
    normalize_doi,
    normalize_isbn,
    normalize_pmcid,
    normalize_pmid,
    normalize_url,
)


@pytest.mark.parametrize(
    "raw",
    [
        "10.1038/s41591-021-01336-3",
        "10.1038/S41591-021-01336-3",
        "https://doi.org/10.1038/S41591-021-01336-3",
        "http://dx.doi.org/10.1038/s41591-021-01336-3",
        "doi: 10.1038/s41591-021-01336-3.",
        "  DOI:10.1038/s41591-021-01336-3 ",
    ],
)
def test_doi_forms_are_one_identifier(raw: str) -> None:
    assert normalize_doi(raw) == "10.1038/s41591-021-01336-3"


@pytest.mark.parametrize(
    "raw",
    ["PMID: 33972795", "033972795", "pmid33972795", "https://pubmed.ncbi.nlm.nih.gov/33972795/"],
)
def test_pmid_forms(raw: str) -> None:
    assert normalize_pmid(raw) == "33972795"


@pytest.mark.parametrize(
    "raw",
    [
        "PMC8139924",
        "pmc8139924",
        "PMCID: PMC8139924",
        "8139924",
        "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC8139924/",
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC8139924",
    ],
)
def test_pmcid_forms(raw: str) -> None:
    assert normalize_pmcid(raw) == "PMC8139924"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2101.00001", "2101.00001"),
        ("arXiv:2101.00001v3", "2101.00001"),
        ("https://arxiv.org/abs/2101.00001v2", "2101.00001"),
        ("https://arxiv.org/pdf/2101.00001v2.pdf", "2101.00001"),
        ("10.48550/arXiv.2101.00001", "2101.00001"),
        ("hep-th/9901001v1", "hep-th/9901001"),
        ("math.GT/0309136", "math.gt/0309136"),
    ],
)
def test_arxiv_forms(raw: str, expected: str) -> None:
    assert normalize_arxiv(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "0-306-40615-2",
        "0306406152",
        "ISBN 978-0-306-40615-7",
        "978 0 306 40615 7",
        "ISBN-13: 9780306406157",
    ],
)
def test_isbn_10_and_13_are_one_identifier(raw: str) -> None:
    assert normalize_isbn(raw) == "9780306406157"


def test_isbn_10_with_x_check_digit() -> None:
    assert normalize_isbn("0-8044-2957-X") == "9780804429573"


@pytest.mark.parametrize("raw", ["0-306-40615-3", "978-0-306-40615-8", "12345", "abcdefghij"])
def test_bad_isbns_are_refused_with_one_line(raw: str) -> None:
    with pytest.raises(InputError, match="not a valid ISBN") as info:
        normalize_isbn(raw)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "HTTPS://WWW.Example.ORG/Path/?utm_source=x&id=3&fbclid=y#top",
            "https://example.org/Path?id=3",
        ),
        ("http://example.org:80/a/", "https://example.org/a"),
        ("example.org/report", "https://example.org/report"),
        ("https://example.org/a?gclid=1&mc_cid=2", "https://example.org/a"),
    ],
)
def test_url_normalization(raw: str, expected: str) -> None:
    assert normalize_url(raw) == expected


@pytest.mark.parametrize("raw", ["not a doi", "10.12/x", ""])
def test_bad_doi(raw: str) -> None:
    with pytest.raises(InputError, match="not a DOI"):
        normalize_doi(raw)


def test_urls_of_known_registries_become_their_identifier() -> None:
    assert citation_from_url("https://pubmed.ncbi.nlm.nih.gov/33972795/").pmid == "33972795"
    assert citation_from_url("arxiv.org/abs/2101.00001v2").arxiv == "2101.00001"
    assert citation_from_url("https://doi.org/10.1000/ABC").doi == "10.1000/abc"
    pmc = citation_from_url("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC8139924/")
    assert pmc.pmcid == "PMC8139924"


@pytest.mark.parametrize(
    ("query", "field", "value"),
    [
        ("10.1038/S41591-021-01336-3", "doi", "10.1038/s41591-021-01336-3"),
        ("PMC8139924", "pmcid", "PMC8139924"),
        ("2101.00001", "arxiv", "2101.00001"),
        ("978-0-306-40615-7", "isbn", "9780306406157"),
        ("33972795", "pmid", "33972795"),
    ],
)
def test_identifier_lookup(query: str, field: str, value: str) -> None:
    found = identifier_lookup(query)
    assert found is not None and getattr(found, field) == value


def test_words_are_not_identifiers() -> None:
    assert identifier_lookup("mdma therapy") is None
    assert identifier_lookup("") is None


@given(st.text(max_size=40))
def test_normalizers_never_crash_and_are_idempotent(raw: str) -> None:
    for normalize in (
        normalize_doi,
        normalize_pmid,
        normalize_pmcid,
        normalize_arxiv,
        normalize_isbn,
        normalize_url,
    ):
        try:
            once = normalize(raw)
        except InputError:
            continue
        assert normalize(once) == once


BROKEN_URLS = [
    "http://[bad",
    "http://x]y[/link]",
    "https://[::1",
    "http://[]/",
    "http://example.org:99999/a",
    "http://example.org:abc/",
]


@pytest.mark.parametrize("raw", BROKEN_URLS)
def test_a_broken_web_address_is_an_input_error_not_a_crash(raw: str) -> None:
    """urlsplit raises ValueError on an unclosed IPv6 bracket or a bad port: a reference
    manager's field or a pasted reference with one ("[link=http://x]y[/link]") ended
    `cite add` in a traceback."""
    with pytest.raises(InputError, match="not a web address"):
        normalize_url(raw)
    with pytest.raises(InputError, match="not a web address"):
        citation_from_url(raw)
    citation_from_text(f"Roe J. A study of things. J Things. 2020. {raw}")


def test_vancouver_reference_is_taken_apart() -> None:
    c = citation_from_text(
        "Mitchell JM, Bogenschutz M, Lilienstein A, et al. MDMA-assisted therapy for severe "
        "PTSD: a randomized, double-blind, placebo-controlled phase 3 study. Nat Med. "
        "2021;27(6):1025-1033. doi:10.1038/s41591-021-01336-3"
    )
    assert c.kind == CitationKind.DOI and c.doi == "10.1038/s41591-021-01336-3"
    assert c.authors == ("Mitchell, JM", "Bogenschutz, M", "Lilienstein, A")
    assert c.title.startswith("MDMA-assisted therapy for severe PTSD")
    assert (c.year, c.container, c.volume, c.issue, c.pages) == (
        2021,
        "Nat Med",
        "27",
        "6",
        "1025-1033",
    )


def test_apa_reference_is_taken_apart() -> None:
    c = citation_from_text(
        "Mitchell, J. M., Bogenschutz, M., & Lilienstein, A. (2021). MDMA-assisted therapy "
        "for severe PTSD: A randomized study. Nature Medicine, 27(6), 1025–1033. "
        "https://doi.org/10.1038/s41591-021-01336-3"
    )
    assert c.authors[:2] == ("Mitchell, J. M.", "Bogenschutz, M.")
    assert c.year == 2021
    assert c.title == "MDMA-assisted therapy for severe PTSD: A randomized study"
    assert c.container == "Nature Medicine"
    assert c.doi == "10.1038/s41591-021-01336-3"


def test_organisation_report_with_tracking_url() -> None:
    c = citation_from_text(
        "World Health Organization. Mental health atlas 2020. Geneva: WHO; 2021. "
        "https://www.who.int/publications/i/item/9789240036703?utm_source=x"
    )
    assert c.authors == ("World Health Organization",)
    assert c.title == "Mental health atlas 2020"
    assert c.url == "https://who.int/publications/i/item/9789240036703"


def test_unplaceable_text_is_kept_as_the_title() -> None:
    c = citation_from_text("a note from the desk about that study")
    assert c.title == "a note from the desk about that study"
    assert c.kind == CitationKind.OTHER


def test_empty_reference_is_refused() -> None:
    with pytest.raises(InputError, match="empty"):
        citation_from_text("   ")
