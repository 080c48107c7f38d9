"""Citations come back out as they went in, and the tools that read them accept them.

The real Manubot CSL-JSON file (76 items, not strictly valid JSON) is imported into a
store, exported, imported again and exported again: both exports are identical field
by field, and each item equals the file's own (full dates, addresses as given, editors,
item types). citeproc-py renders the CSL-JSON export with the APA style (vendored in
``tests/data/csl``); pybtex parses the BibTeX export and renders it with its plain style.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from annotator.app.library import add_citations, near_duplicates
from annotator.model import Citation
from annotator.sources.library_export import to_bibtex, to_csl_json
from annotator.sources.library_import import parse_citations, read_citation_file
from annotator.store import Store
from tests.conftest import REAL_DIR, fake_clock

CSL_FILE = REAL_DIR / "csl.json"
APA = Path(__file__).resolve().parents[2] / "data" / "csl" / "apa.csl"


def real_items() -> list[dict[str, Any]]:
    if not CSL_FILE.exists():
        pytest.skip(f"the shared real files are absent here ({CSL_FILE})")
    # The file has "01" in two date-parts; read the numbers as the numbers they mean.
    text = re.sub(r"(?<=[\[,])(\s*)0(\d)", r"\1\2", CSL_FILE.read_text(encoding="utf-8"))
    items: list[dict[str, Any]] = json.loads(text)
    return items


def imported(text: str) -> tuple[Store, list[Citation]]:
    store = Store.memory(clock=fake_clock())
    parsed = parse_citations(text, "csl-json")
    assert parsed.errors == []
    add_citations(store, parsed.citations, reviewer="ana")
    return store, store.list_citations()


@pytest.fixture
def library() -> list[Citation]:
    original = real_items()
    store = Store.memory(clock=fake_clock())
    parsed = read_citation_file(CSL_FILE, "csl-json")
    add_citations(store, parsed.citations, reviewer="ana")
    citations = store.list_citations()
    store.close()
    assert len(citations) == len(original) == 76
    return citations


def test_csl_json_round_trip_is_identical_field_by_field(library: list[Citation]) -> None:
    first = to_csl_json(library)
    store, again = imported(first)
    second = to_csl_json(again)
    store.close()
    one, two = json.loads(first), json.loads(second)
    assert len(one) == len(two) == 76
    for a, b in zip(one, two, strict=True):
        assert a == b, a["id"]
    assert first == second


def test_the_export_gives_back_what_was_imported(library: list[Citation]) -> None:
    exported = json.loads(to_csl_json(library))
    for original, out in zip(real_items(), exported, strict=True):
        for key in sorted(set(original) | set(out)):
            assert out.get(key) == original.get(key), (original["id"], key)
    by_id = {item["id"]: item for item in exported}
    # What issue 14 found lost: full dates, addresses as given, editors, item types.
    assert sum(len(i["issued"]["date-parts"][0]) > 1 for i in exported if "issued" in i) > 40
    assert any(i.get("URL", "").startswith("http://") for i in exported)
    assert any("editor" in i and "author" not in i for i in exported)
    assert {i["type"] for i in exported} == {"webpage", "article-journal", "book"}
    assert all(isinstance(key, str) for key in by_id)


def test_records_sharing_an_address_but_not_a_title_are_offered_not_merged() -> None:
    items = real_items()
    by_url: dict[str, list[str]] = {}
    for item in items:
        if item.get("URL") and not item.get("DOI"):
            by_url.setdefault(item["URL"], []).append(item["title"])
    shared = {url: titles for url, titles in by_url.items() if len(set(titles)) > 1}
    assert shared  # the real file has one: two works at one address
    store = Store.memory(clock=fake_clock())
    parsed = read_citation_file(CSL_FILE, "csl-json")
    add_citations(store, parsed.citations, reviewer="ana")
    titles = {c.title for c in store.list_citations()}
    offered = {(a.title, b.title) for a, b, _pair in near_duplicates(store)}
    store.close()
    for names in shared.values():
        assert set(names) <= titles
        assert (names[0], names[1]) in offered or (names[1], names[0]) in offered


def test_an_edit_is_exported_and_the_rest_of_the_record_kept() -> None:
    item = {
        "id": "smith2020",
        "type": "paper-conference",
        "title": "A trial",
        "editor": [{"family": "Ed", "given": "Ann"}],
        "author": [{"family": "Smith", "given": "Jo"}],
        "issued": {"date-parts": [[2020, 3, 29]]},
        "URL": "http://www.example.org/trial/",
    }
    store, [citation] = imported(json.dumps([item]))
    store.set_retracted(citation.id, True, reviewer="ana")
    [out] = json.loads(to_csl_json(store.list_citations()))
    store.close()
    assert out["note"].startswith("RETRACTED")
    assert {k: v for k, v in out.items() if k != "note"} == item


def test_citeproc_renders_every_item_of_the_csl_json_export(library: list[Citation]) -> None:
    citeproc = pytest.importorskip("citeproc")
    from citeproc.source.json import CiteProcJSON

    items = json.loads(to_csl_json(library))
    style = citeproc.CitationStylesStyle(str(APA), validate=False)
    with pytest.warns(UserWarning):  # citeproc-py names the CSL keys it does not use
        source = CiteProcJSON(items)
    bibliography = citeproc.CitationStylesBibliography(style, source, citeproc.formatter.plain)
    for item in items:
        bibliography.register(citeproc.Citation([citeproc.CitationItem(item["id"])]))
    entries = [str(entry) for entry in bibliography.bibliography()]
    assert len(entries) == 76
    rendered = "\n".join(entries)
    assert "Himmelstein, D. (2019). manubot/rootstock GitHub repository." in rendered
    assert "(2020, March 29)" in rendered  # a full date, not the year alone
    for item in items:
        assert item["title"].split()[0] in rendered


def test_pybtex_parses_and_renders_the_bibtex_export(library: list[Citation]) -> None:
    pybtex_database = pytest.importorskip("pybtex.database")
    from pybtex.plugin import find_plugin

    text = to_bibtex(library)
    data = pybtex_database.parse_string(text, "bibtex")
    assert len(data.entries) == 76
    style = find_plugin("pybtex.style.formatting", "plain")()
    formatted = list(style.format_bibliography(data).entries)
    assert len(formatted) == 76
    backend = find_plugin("pybtex.backends", "text")()
    rendered = "\n".join(entry.text.render(backend) for entry in formatted)
    # Case protection: plain lower-cases titles, but not the braced {GitHub}.
    assert "Manubot/rootstock GitHub repository" in rendered
    types = {entry.type for entry in data.entries.values()}
    assert types == {"misc", "article", "book"}
    # The month of a full date goes out as BibTeX's month macro.
    assert any(entry.fields.get("month") for entry in data.entries.values())


BIB = r"""@proceedings{conf2020,
  title = {Proceedings of {ACL} 2020}, editor = {Ann Ed and Bob Ed}, year = 2020,
  publisher = {ACL}}
@inproceedings{smith2020,
  title = {The {DNA} of {COVID-19} trials in M{\"u}nster},
  author = {Smith, Jo and others}, crossref = {conf2020}, month = aug, pages = {1--10},
  howpublished = {\url{http://www.x.org/a_b/}}}
"""


def bib_library(text: str) -> list[Citation]:
    store = Store.memory(clock=fake_clock())
    parsed = parse_citations(text, "bibtex")
    assert parsed.errors == []
    add_citations(store, parsed.citations, reviewer="ana")
    citations = store.list_citations()
    store.close()
    return citations


def test_bibtex_round_trip_keeps_type_month_others_case_crossref_and_url() -> None:
    first = to_bibtex(bib_library(BIB))
    assert "@inproceedings{smith2020," in first  # not turned into @article, key kept
    assert "title = {The {DNA} of {COVID-19} trials in Münster}" in first
    assert "author = {Smith, Jo and others}" in first
    assert "month = aug" in first
    assert "url = {http://www.x.org/a_b/}" in first  # as given, not normalized
    # The crossref resolved on import: the proceedings' title, editors and year.
    assert "booktitle = {Proceedings of ACL 2020}" in first
    assert "editor = {Ed, Ann and Ed, Bob}" in first
    # Editors of an edited volume stay editors.
    assert "@book{conf2020,\n  title = {Proceedings of {ACL} 2020},\n  publisher" in first
    assert to_bibtex(bib_library(first)) == first


def test_bibtex_import_feeds_the_csl_json_export() -> None:
    items = {i["id"]: i for i in json.loads(to_csl_json(bib_library(BIB)))}
    paper = items["smith2020"]
    assert paper["type"] == "paper-conference"
    assert paper["issued"] == {"date-parts": [[2020, 8]]}
    assert paper["title"] == (
        'The <span class="nocase">DNA</span> of <span class="nocase">COVID-19</span> trials in'
        " Münster"
    )
    assert paper["editor"] == [{"family": "Ed", "given": "Ann"}, {"family": "Ed", "given": "Bob"}]
    assert items["conf2020"]["editor"] and "author" not in items["conf2020"]


def test_pybtex_renders_the_bibtex_round_trip() -> None:
    pybtex_database = pytest.importorskip("pybtex.database")
    from pybtex.plugin import find_plugin

    data = pybtex_database.parse_string(to_bibtex(bib_library(BIB)), "bibtex")
    style = find_plugin("pybtex.style.formatting", "plain")()
    backend = find_plugin("pybtex.backends", "text")()
    rendered = [e.text.render(backend) for e in style.format_bibliography(data).entries]
    paper = next(r for r in rendered if "Smith" in r)
    assert "Jo Smith and others" in paper and "The DNA of COVID-19 trials" in paper
    assert "August 2020" in paper


def test_text_that_reads_as_markup_survives_a_csl_json_round_trip() -> None:
    """A citation typed by hand (no imported record) whose title holds a comparison
    ("<65 and >80") and text that is no CSL markup ("</script>"), on arXiv: the CSL-JSON
    importer stripped everything from "<" to ">" as a tag, so the title came back
    without its ages (or without "</script>"); and the arXiv line the export writes
    into "note" came back as a note nobody wrote. Both come back as they went out."""
    typed = Citation(
        id=1,
        kind="other",
        title="Why </script> breaks pages: mortality in adults <65 and >80 years",
        authors=("Roe, Jane",),
        year=2020,
        arxiv="2301.01234",
        notes="",
    )
    [back] = parse_citations(to_csl_json([typed]), "csl-json").citations
    assert back.title == typed.title
    assert (back.arxiv, back.notes) == ("2301.01234", "")
    [again] = parse_citations(to_bibtex([typed]), "bibtex").citations
    assert again.title == typed.title


def test_csl_markup_is_stripped_and_comparisons_are_kept() -> None:
    item = {
        "id": "x",
        "type": "article-journal",
        "title": '<i>Pseudomonas</i> in adults <65 and >80 <span class="nocase">years</span>',
        "abstract": "<jats:p>Children aged <5 years, n > 200.</jats:p><jats:p>Next.</jats:p>",
    }
    [back] = parse_citations(json.dumps([item]), "csl-json").citations
    assert back.title == "Pseudomonas in adults <65 and >80 years"
    assert back.abstract == "Children aged <5 years, n > 200. Next."


def test_an_ampersand_from_bibtex_reaches_citeproc_as_an_ampersand() -> None:
    """A BibTeX title with '\\&' went into the CSL-JSON export as '&amp;', which citeproc-py
    printed as it stood ('Renters and utility costs &amp; pass-through'): CSL-JSON holds
    text ('&' raw, as Zotero and Manubot write it), only its few tags are markup."""
    citeproc = pytest.importorskip("citeproc")
    from citeproc.source.json import CiteProcJSON

    bib = r"""@article{alvarez2022,
  author = {\'{A}lvarez, Ruth},
  title = {Renters and utility costs \& pass-through in {Q\&A} form},
  journal = {Journal of Housing \& Utilities},
  year = {2022},
}
"""
    items = json.loads(to_csl_json(bib_library(bib)))
    assert "&amp;" not in json.dumps(items)
    source = CiteProcJSON(items)
    style = citeproc.CitationStylesStyle(str(APA), validate=False)
    bibliography = citeproc.CitationStylesBibliography(style, source, citeproc.formatter.plain)
    bibliography.register(citeproc.Citation([citeproc.CitationItem("alvarez2022")]))
    [entry] = [str(e) for e in bibliography.bibliography()]
    assert "Renters and utility costs & pass-through in Q&A form" in entry
    # ... and the BibTeX export and the CSL-JSON import read it back the same.
    [back] = parse_citations(to_csl_json(bib_library(bib)), "csl-json").citations
    assert back.title == "Renters and utility costs & pass-through in Q&A form"
    assert r"Renters and utility costs \& pass-through in {Q\&A} form" in to_bibtex(
        bib_library(bib)
    )
