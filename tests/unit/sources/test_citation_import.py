"""BibTeX, RIS and CSL-JSON imports: our real-shaped fixtures and the shared real exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.errors import InputError
from annotator.model import CitationKind
from annotator.sources.formats.csljson import lenient_json
from annotator.sources.library_import import parse_citations, read_citation_file
from tests.conftest import REAL_DIR

DATA = Path(__file__).resolve().parents[2] / "data"


def real(name: str) -> Path:
    path = REAL_DIR / name
    if not path.exists():
        pytest.skip(f"the shared real export {name} is absent here ({path})")
    return path


# -- BibTeX ---------------------------------------------------------------------------


def test_bibtex_fixture_reads_every_good_entry_and_reports_the_bad_ones() -> None:
    result = read_citation_file(DATA / "library.bib", "bibtex")
    titles = [c.title for c in result.citations]
    assert len(titles) == 6
    assert [str(e) for e in result.errors] == [
        "line 44: Unexpected block start: `@misc`. Was still looking for field-value closing "
        "`,` or `}` (check the braces and commas of this entry)",
        "line 64: entry 'empty' has no title or identifier",
    ]
    assert [e.where for e in result.warnings] == ["line 57"]
    assert "not a DOI" in result.warnings[0].message


# JabRef and hand-kept files join @string macros and literals with "#"; bibtexparser 2
# leaves such a value as it is ("jama # { Network Open}"). pybtex, the reference reader,
# joins them, and so must the import.
CONCATENATED = r"""
@String{jama = "JAMA"}
@String{jamanet = jama # " Network"}
@Article{alvarez2022,
  author  = {\'{A}lvarez, Ruth},
  title   = "Renters and " # {utility costs} # " in " # 2022,
  journal = jamanet # { Open},
  month   = jan,
  year    = 2022,
  note    = {C\# code # not a join},
}
@Article{unknown,
  title   = {A title},
  journal = nosuchmacro # { Open},
  year    = 2020,
}
"""


def test_bibtex_joins_strings_and_macros_as_pybtex_does() -> None:
    pybtex = pytest.importorskip("pybtex.database")
    reference = pybtex.parse_string(CONCATENATED.split("@Article{unknown")[0], "bibtex")
    fields = reference.entries["alvarez2022"].fields
    result = parse_citations(CONCATENATED, "bibtex")
    alvarez = result.citations[0]
    assert alvarez.container == fields["journal"] == "JAMA Network Open"
    assert alvarez.title == fields["title"] == "Renters and utility costs in 2022"
    assert alvarez.notes == "C# code # not a join"
    assert json.loads(alvarez.record)["issued"] == {"date-parts": [[2022, 1]]}
    # A macro nobody defined: the value stays as written, the entry still imports.
    assert result.citations[1].title == "A title"


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["quote", "brace", "macro"]),
            st.from_regex(r"[A-Za-z]{1,8}", fullmatch=True),
        ),
        min_size=2,
        max_size=5,
    )
)
def test_joined_values_read_as_pybtex_reads_them(parts: list[tuple[str, str]]) -> None:
    pybtex = pytest.importorskip("pybtex.database")
    macros = "".join(f'@String{{m{i} = "{word}"}}\n' for i, (kind, word) in enumerate(parts))
    joined = " # ".join(
        f'"{word}"' if kind == "quote" else f"{{{word}}}" if kind == "brace" else f"m{i}"
        for i, (kind, word) in enumerate(parts)
    )
    bib = f"{macros}@Article{{k, title = {{T}}, journal = {joined}, year = 2020}}\n"
    expected = pybtex.parse_string(bib, "bibtex").entries["k"].fields["journal"]
    assert parse_citations(bib, "bibtex").citations[0].container == expected


def test_bibtex_latex_accents_braces_and_strings_become_plain_unicode() -> None:
    by_key = {c.title[:6]: c for c in read_citation_file(DATA / "library.bib", "bibtex").citations}
    mitchell = by_key["MDMA-a"]
    assert mitchell.title.startswith("MDMA-assisted therapy for severe PTSD: a randomized")
    assert mitchell.container == "Nature Medicine"  # from @string
    assert mitchell.authors == (
        "Mitchell, Jennifer M.",
        "Bogenschutz, Michael",
        "Lilienstein, Alia",
    )
    assert (mitchell.doi, mitchell.pmid, mitchell.pages) == (
        "10.1038/s41591-021-01336-3",
        "33972795",
        "1025-1033",
    )
    assert "67% of the MDMA group" in mitchell.abstract
    assert mitchell.accessed == "2024-05-02"
    assert mitchell.evidence_type == "rct"
    mueller = by_key["Stress"]
    assert mueller.title == "Stress hormones in müller cells of Zürich mice: an in vitro study"
    assert mueller.authors == ("Müller, Jörg", "Dupéré, François")
    assert mueller.container == "Journal of Neuroendocrinology"
    who = by_key["Mental"]
    assert who.authors == ("World Health Organization",)
    assert who.title == "Mental health and substance use: a 50% rise in demand"
    assert who.kind == CitationKind.REPORT
    assert who.url == "https://who.int/publications/i/item/9789240049338"
    book = by_key["Trauma"]
    assert (book.kind, book.isbn, book.authors) == (
        CitationKind.ISBN,
        "9780306406157",
        ("Doe, Jane",),
    )
    preprint = by_key["Psyche"]
    assert preprint.arxiv == "2301.01234"
    assert preprint.evidence_type == "systematic-review"


def test_bibtex_repeated_key_is_still_imported() -> None:
    text = "@article{a, title={One}, doi={10.1/x1}}\n@article{a, title={Two}, doi={10.1/x2}}\n"
    result = parse_citations(text, "bibtex")
    assert [c.title for c in result.citations] == ["One", "Two"]
    assert result.errors == []


# -- RIS -----------------------------------------------------------------------------


def test_ris_fixture_multiline_fields_crlf_and_broken_records() -> None:
    result = read_citation_file(DATA / "multiline.ris", "ris")
    first = result.citations[0]
    assert first.title == (
        "Psilocybin for treatment-resistant depression: a randomised, double-blind trial over "
        "12 weeks"
    )
    assert first.doi == "10.1056/nejmoa2032994"
    assert first.pmid == "33852780"  # from the second UR line
    assert first.year == 2021 and first.pages == "1402-1411"
    assert "  " not in first.abstract and first.abstract.endswith("escitalopram.")
    assert first.evidence_type == "rct"
    book, news = result.citations[1], result.citations[2]
    assert (book.isbn, book.publisher) == ("9780399158537", "Blue Rider Press")
    assert news.evidence_type == "news"
    assert news.url == "https://news.example.org/health/mdma-therapy"
    assert result.citations[4].authors == ("Médecin, Zoë",)
    assert result.citations[4].evidence_type == "case-report"
    assert [str(e) for e in result.errors] == [
        "line 23: AU line outside a record: a record starts with TY",
        "line 41: record has no title (TI) or identifier",
    ]
    assert [e.where for e in result.warnings] == ["line 45"]
    assert result.citations[3].title == "A record whose ER line went missing"


def test_real_zotero_pubmed_ris() -> None:
    result = read_citation_file(real("export.ris"), "ris")
    assert len(result.citations) == 6 and result.errors == []
    first, second = result.citations[0], result.citations[1]
    assert first.year == 2019 and first.doi == "10.5114/pg.2018.81081"
    assert first.container == "Przeglad gastroenterologiczny"
    assert second.year == 2019 and second.pages == "947-955"
    assert second.evidence_type == "systematic-review"
    assert all("  " not in c.abstract for c in result.citations)


def test_real_endnote_ris_with_continued_lines_and_diacritics() -> None:
    result = read_citation_file(real("export-endnote-excerpt.ris"), "ris")
    assert len(result.citations) == 8 and result.errors == []
    authors = [a for c in result.citations for a in c.authors]
    assert "Begré, S." in authors and "Von Känel, R." in authors
    assert all(not c.url.startswith("internal-pdf") for c in result.citations)
    pubmed = [c for c in result.citations if c.pmid]
    assert {c.pmid for c in pubmed} == {"26176500", "25188895"}  # AN from NLM records
    assert any("©" in c.abstract for c in result.citations)


# -- CSL-JSON ------------------------------------------------------------------------


def test_lenient_json_reads_leading_zero_numbers_but_not_inside_strings() -> None:
    text = '{"date-parts": [[2022, 6, 01]], "id": "a 01 b", "x": 0.5, "y": 10, "z": 007}'
    with pytest.raises(json.JSONDecodeError):
        json.loads(text)
    assert lenient_json(text) == {
        "date-parts": [[2022, 6, 1]],
        "id": "a 01 b",
        "x": 0.5,
        "y": 10,
        "z": 7,
    }


def test_csl_fixture_quirks() -> None:
    result = read_citation_file(DATA / "items.csl.json", "csl-json")
    lancet, who, handbook, mitchell = result.citations
    assert lancet.doi == "10.1016/s0140-6736(20)30183-5" and lancet.pmid == "31986264"
    assert (lancet.year, lancet.volume, lancet.pages) == (2020, "395", "497-506")
    assert lancet.abstract == "A cohort of 41 patients admitted to hospital & followed up."
    assert lancet.evidence_type == "observational"
    assert who.authors == ("World Health Organization",) and who.year is None
    assert who.accessed == "2020-03-11"
    assert who.url == "https://who.int/news/item/11-03-2020"
    assert handbook.authors == ("Grob, Charles S.",) and handbook.year == 2022
    assert handbook.isbn == "9780306406157"
    assert mitchell.pmid == "33972795"  # from the Manubot id
    assert [str(e) for e in result.errors] == [
        "item 3: is a str, not an object",
        "item 4: has no title or identifier",
    ]


def test_csl_broken_item_is_reported_and_the_rest_import() -> None:
    result = read_citation_file(DATA / "broken.csl.json", "csl-json")
    assert [c.title for c in result.citations] == ["A readable first item", "A readable third item"]
    assert len(result.errors) == 1
    assert result.errors[0].where == "item 1 (line 8)"


def test_real_manubot_csl_json_as_it_is() -> None:
    path = real("csl.json")
    with pytest.raises(json.JSONDecodeError):
        json.loads(path.read_text(encoding="utf-8"))
    result = read_citation_file(path, "csl-json")
    assert len(result.citations) == 76 and result.errors == []
    by_title = {c.title: c for c in result.citations}
    vaccines = by_title["Application of Traditional Vaccine Development Strategies to SARS-CoV-2"]
    assert vaccines.year == 2022 and vaccines.authors == ("COVID-19 Review Consortium",)
    assert all("<" not in c.abstract for c in result.citations)
    assert all(not c.pages.startswith(" ") for c in result.citations)
    assert all(not c.volume.lower().startswith("volume") for c in result.citations)
    assert any(c.accessed and c.year is None for c in result.citations)


def test_not_json_at_all_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "refs.json"
    bad.write_text("this is not json", encoding="utf-8")
    with pytest.raises(InputError, match="not CSL-JSON"):
        read_citation_file(bad, "csl-json")


def test_not_json_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "refs.json"
    bad.write_text('{"a":\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"refs\.json.*not CSL-JSON"):
        read_citation_file(bad, "csl-json")


RIS_ENTRY = "TY  - JOUR\r\nTI  - “Smart” quotes – a Café study\r\nAU  - Begré, S\r\nER  - \r\n"
BIBTEX_ENTRY = "@article{k,\n title={“Smart” quotes – a Café study},\n author={Begré, S}\n}\n"
CSL_ENTRY = '[{"id": "a", "type": "article", "title": "“Smart” quotes – a Café study"}]'


@pytest.mark.parametrize(
    ("fmt", "entry"), [("ris", RIS_ENTRY), ("bibtex", BIBTEX_ENTRY), ("csl-json", CSL_ENTRY)]
)
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "cp1252"])
def test_a_windows_encoded_library_reads_as_its_words(
    tmp_path: Path, fmt: str, entry: str, encoding: str
) -> None:
    """EndNote and Windows tools write UTF-16 (with its mark) or the ANSI code page: the
    titles are the words, never C1 control characters (cp1252 quotes read as Latin-1)
    nor a refusal as "not a text file"; a file not in UTF-8 is said to be so."""
    path = tmp_path / "library.txt"
    data = entry.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    result = read_citation_file(path, fmt)
    assert [c.title for c in result.citations] == ["“Smart” quotes – a Café study"]
    assert any("UTF-16" in str(w) or "cp1252" in str(w) for w in result.warnings)


def test_missing_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_citation_file(tmp_path / "nope.bib", "bibtex")
    binary = tmp_path / "x.ris"
    binary.write_bytes(b"\x00\x01\x02")
    with pytest.raises(InputError, match="binary file, not text: export ris as text"):
        read_citation_file(binary, "ris")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet=' ,:[]{}"\\01-9aé\n', max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=12,
)


@given(json_values)
def test_lenient_json_reads_strict_json_unchanged(value: object) -> None:
    """Strings that look like leading-zero numbers (", 01]") are never rewritten."""
    assert lenient_json(json.dumps(value)) == value
    assert lenient_json(json.dumps(value, indent=1)) == value


@given(
    st.lists(st.integers(min_value=0, max_value=99), min_size=1, max_size=5),
    st.text(alphabet='ab"\\, 01[]', max_size=10),
)
def test_leading_zeros_fixed_beside_awkward_strings(numbers: list[int], text: str) -> None:
    raw = "[" + ", ".join(f"0{n}" for n in numbers) + ", " + json.dumps(text) + "]"
    assert lenient_json(raw) == [*numbers, text]


@pytest.mark.parametrize(
    ("fmt", "entry"),
    [
        ("bibtex", "@misc{u, title={A page}, url={http://[bad}, year=2020}\n"),
        ("ris", "TY  - ELEC\nTI  - A page\nUR  - http://[bad\nER  - \n"),
        ("csl-json", '[{"id": "u", "type": "webpage", "title": "A page", "URL": "http://[bad"}]'),
    ],
)
def test_a_broken_url_field_is_left_out_with_a_warning(
    tmp_path: Path, fmt: str, entry: str
) -> None:
    path = tmp_path / "library.txt"
    path.write_text(entry, encoding="utf-8")
    result = read_citation_file(path, fmt)
    assert [(c.title, c.url) for c in result.citations] == [("A page", "")]
    assert any("http://[bad" in str(w) for w in result.warnings), result.warnings
