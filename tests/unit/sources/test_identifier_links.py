"""Where a citation's identifiers lead, and addresses that are safe inside a terminal
hyperlink whatever the stored data holds."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from annotator.model import Citation
from annotator.sources.identifier_links import (
    IdentifierLink,
    identifier_links,
    link_target,
    registrations,
    source_address,
)

FULL = Citation(
    id=1,
    doi="10.1038/s41591-021-01336-3",
    pmid="33972795",
    pmcid="PMC8205851",
    arxiv="2101.00001",
    isbn="9780306406157",
    url="https://journal.example/mdma",
    title="MDMA-assisted therapy",
    abstract="Trial registration: ClinicalTrials.gov NCT03537014; EudraCT 2017-000123-45.",
    notes="Also ISRCTN12345678 and PROSPERO CRD42021234567.",
)


def test_every_identifier_with_its_address() -> None:
    assert identifier_links(FULL) == [
        IdentifierLink("DOI", FULL.doi, "https://doi.org/10.1038/s41591-021-01336-3"),
        IdentifierLink("PMID", "33972795", "https://pubmed.ncbi.nlm.nih.gov/33972795/"),
        IdentifierLink("PMCID", "PMC8205851", "https://pmc.ncbi.nlm.nih.gov/articles/PMC8205851/"),
        IdentifierLink("arXiv", "2101.00001", "https://arxiv.org/abs/2101.00001"),
        IdentifierLink("ISBN", "9780306406157", "https://openlibrary.org/isbn/9780306406157"),
        IdentifierLink(
            "ClinicalTrials.gov", "NCT03537014", "https://clinicaltrials.gov/study/NCT03537014"
        ),
        IdentifierLink("ISRCTN", "ISRCTN12345678", "https://www.isrctn.com/ISRCTN12345678"),
        IdentifierLink("EudraCT", "2017-000123-45", ""),
        IdentifierLink("PROSPERO", "CRD42021234567", ""),
        IdentifierLink("URL", FULL.url, FULL.url),
    ]
    assert source_address(FULL) == FULL.url


def test_the_address_falls_back_to_the_doi_and_a_doi_url_is_not_listed_twice() -> None:
    doi_only = Citation(id=2, doi="10.1000/x", url="https://doi.org/10.1000/x")
    assert [i.name for i in identifier_links(doi_only)] == ["DOI"]
    assert source_address(doi_only) == "https://doi.org/10.1000/x"
    assert source_address(Citation(id=3, title="A report")) == ""


def test_a_date_is_not_a_eudract_number_unless_the_text_says_eudract() -> None:
    dated = Citation(id=4, abstract="Enrolled 2019-123456-01 to 2020.")
    assert registrations(dated) == []
    assert [r.value for r in registrations(replace(dated, notes="EudraCT"))] == ["2019-123456-01"]


def test_only_web_addresses_are_linked() -> None:
    assert link_target("javascript:alert(1)") == ""
    assert link_target("file:///etc/passwd") == ""
    assert link_target("") == ""
    assert link_target("https://[broken") == ""
    assert link_target("HTTPS://Example.org/a b") == "HTTPS://Example.org/a%20b"


def test_escapes_in_stored_data_cannot_end_the_hyperlink() -> None:
    evil = Citation(
        id=5, doi="10.1000/x\x1b\\\x1b]8;;http://evil\x07", url="https://a.example/\x1b]0;t\x07"
    )
    for link in identifier_links(evil):
        assert "\x1b" not in link.url and "\x07" not in link.url
        assert link.url.startswith("https://")


@given(st.text())
def test_a_link_target_holds_no_control_space_or_non_ascii(text: str) -> None:
    target = link_target("https://example.org/" + text)
    assert target.startswith("https://example.org/") or target == ""
    assert all(0x21 <= ord(ch) < 0x7F for ch in target)
