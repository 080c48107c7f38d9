"""The citation library and evidence commands through click's runner."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from annotator.sources.library_import import parse_citations
from tests.cli.test_cli import assert_clean_failure, run
from tests.conftest import REAL_DIR, SAMPLE_ARTICLE

DATA = Path(__file__).resolve().parents[1] / "data"
SOURCE = (
    "MDMA-assisted therapy was tested in 90 participants with severe PTSD. At 18 weeks, 67% "
    "of the MDMA group no longer met the criteria for PTSD, against 32% of the placebo group."
)


@pytest.fixture
def db() -> Path:
    return Path(os.environ["ANNOTATOR_DB"])


@pytest.fixture
def claim_id() -> int:
    code, out, _ = run("import", str(SAMPLE_ARTICLE))
    assert code == 0, out
    article = int(out.split()[1].rstrip(":"))
    claims = json.loads(run("claims", str(article), "--json")[1])
    return next(int(c["id"]) for c in claims if "no longer met the criteria" in c["text"])


def test_file_import_prints_counts_and_each_rejected_entry() -> None:
    code, out, _ = run("cite", "add", "--bibtex", str(DATA / "library.bib"))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith("library.bib: 6 added, 0 merged, 2 rejected")
    assert lines[1].startswith("  rejected line 44: Unexpected block start")
    assert lines[2] == "  rejected line 64: entry 'empty' has no title or identifier"
    assert lines[3].startswith("  warning line 57: doi left out")
    code, out, _ = run("cite", "add", "--bibtex", str(DATA / "library.bib"))
    assert out.splitlines()[0].endswith(": 0 added, 6 merged, 2 rejected")


def test_ris_and_csl_json_imports() -> None:
    code, out, _ = run("cite", "add", "--ris", str(DATA / "multiline.ris"))
    assert code == 0 and ": 5 added, 0 merged, 2 rejected" in out
    code, out, _ = run("cite", "add", "--csl-json", str(DATA / "items.csl.json"))
    assert code == 0 and ": 4 added, 0 merged, 2 rejected" in out
    assert "  rejected item 3: is a str, not an object" in out


def test_real_csl_json_imports_as_it_is() -> None:
    path = REAL_DIR / "csl.json"
    if not path.exists():
        pytest.skip(f"the shared real export is absent here ({path})")
    code, out, _ = run("cite", "add", "--csl-json", str(path))
    assert code == 0 and "0 rejected" in out
    listed = json.loads(run("cite", "list", "--json")[1])
    assert len(listed) == int(out.rsplit(": ", 1)[1].split()[0])  # the added ones


@pytest.mark.parametrize(
    ("option", "value", "field", "expected"),
    [
        ("--pmcid", "pmc8139924", "pmcid", "PMC8139924"),
        ("--arxiv", "https://arxiv.org/abs/2101.00001v2", "arxiv", "2101.00001"),
        ("--isbn", "0-306-40615-2", "isbn", "9780306406157"),
    ],
)
def test_single_identifiers(option: str, value: str, field: str, expected: str) -> None:
    assert run("cite", "add", option, value)[1].strip() == "citation 1: added"
    assert run("cite", "add", option, value)[1].strip() == "citation 1: already in the library"
    shown = json.loads(run("cite", "show", "1", "--json")[1])
    assert shown[field] == expected and shown["links"] == []


def test_set_show_quotes_link_edit_remove(claim_id: int, tmp_path: Path) -> None:
    run("cite", "add", "--doi", "10.1038/s41591-021-01336-3", "--title", "Phase 3 MDMA trial")
    text_file = tmp_path / "source.txt"
    text_file.write_text(SOURCE, encoding="utf-8")
    code, out, _ = run("cite", "set", "1", "--type", "rct", "--retracted", "--accessed",
                       "2024-05-02", "--text-file", str(text_file))  # fmt: skip
    assert code == 0, out
    assert "evidence type rct" in out and "retracted" in out and "accessed 2024-05-02" in out
    shown = run("cite", "show", "1")[1]
    assert "RETRACTED" in shown and "set by hand by tester" in shown
    code, out, _ = run("cite", "quotes", str(claim_id), "1", "--json")
    quotes = json.loads(out)
    assert (
        code == 0 and quotes and SOURCE[quotes[0]["start"] : quotes[0]["end"]] == quotes[0]["text"]
    )
    code, out, _ = run("link", str(claim_id), "1", "--stance", "supports", "--quote",
                       "67% of the MDMA group no longer met the criteria")  # fmt: skip
    assert "(quote: exact)" in out
    code, out, _ = run("evidence", "edit", "1", "--stance", "mixed", "--locator", "Table 2")
    assert out.strip() == "evidence 1: mixed (quote: exact)"
    links = json.loads(run("evidence", "list", str(claim_id), "--json")[1])
    assert [(e["id"], e["stance"], e["locator"]) for e in links] == [(1, "mixed", "Table 2")]
    assert run("evidence", "remove", "1")[1].startswith("evidence 1 removed")
    assert json.loads(run("evidence", "list", str(claim_id), "--json")[1]) == []
    history = json.loads(run("history", str(claim_id), "--json")[1])
    assert [e["action"] for e in history if e["entity"] == "evidence"] == [
        "link", "edit-evidence", "unlink"]  # fmt: skip


def test_dupes_and_merge_keep_links(claim_id: int) -> None:
    run("cite", "add", "--text", "Mitchell JM, Bogenschutz M. MDMA-assisted therapy for severe "
        "PTSD: a randomized trial. Nat Med. 2021;27:1025-33.")  # fmt: skip
    run("cite", "add", "--url", "https://journal.example/mdma", "--title",
        "MDMA assisted therapy for severe PTSD - a randomised trial")  # fmt: skip
    run("link", str(claim_id), "2", "--stance", "supports")
    pairs = json.loads(run("cite", "dupes", "--json")[1])
    assert [(p["a"], p["b"]) for p in pairs] == [(1, 2)]
    assert "annotator cite merge 1 2" in run("cite", "dupes")[1]
    code, out, _ = run("cite", "merge", "1", "2")
    assert (code, out.strip()) == (0, "citation 2 merged into 1 (1 evidence links moved)")
    links = json.loads(run("evidence", "list", str(claim_id), "--json")[1])
    assert [e["citation_id"] for e in links] == [1]
    assert run("cite", "dupes")[1].strip() == "no near-duplicates"


def test_export_library_and_one_article(claim_id: int, tmp_path: Path) -> None:
    run("cite", "add", "--bibtex", str(DATA / "library.bib"))
    run("link", str(claim_id), "3", "--stance", "mentions")
    code, out, _ = run("cite", "export", "--format", "bibtex")
    assert code == 0 and len(parse_citations(out, "bibtex").citations) == 6
    code, out, _ = run("cite", "export", "--format", "csl-json", "--article", "1")
    items = json.loads(out)
    assert [i["title"] for i in items] == ["Mental health and substance use: a 50% rise in demand"]
    target = tmp_path / "lib.json"
    code, _out, err = run("cite", "export", "--format", "csl-json", "-o", str(target))
    assert code == 0 and "6 citations written" in err and len(json.loads(target.read_text())) == 6


def test_search_finds_typos_and_identifiers() -> None:
    run("cite", "add", "--bibtex", str(DATA / "library.bib"))
    hits = json.loads(run("cite", "search", "trauma recovry", "--json")[1])
    assert hits[0]["title"] == "Trauma and recovery"
    hits = json.loads(run("cite", "search", "PMID:33972795", "--json")[1])
    assert hits[0]["pmid"] == "33972795" and hits[0]["score"] == 100.0


def test_search_ranks_the_full_match_first_in_the_real_exports() -> None:
    for name, option in (("export.ris", "--ris"), ("export-endnote-excerpt.ris", "--ris"),
                         ("csl.json", "--csl-json")):  # fmt: skip
        if not (REAL_DIR / name).exists():
            pytest.skip(f"the shared real export is absent here ({REAL_DIR / name})")
        assert run("cite", "add", option, str(REAL_DIR / name))[0] == 0
    hits = json.loads(run("cite", "search", "posttraumatic myocardial", "--json")[1])
    authors = [h["authors"][0].split(",")[0] for h in hits]
    assert authors[0] == "Abbas" and "Adler" in authors[1:]  # Adler's title: one word of two
    scores = [h["score"] for h in hits]
    assert scores[0] == 100.0 and scores == sorted(scores, reverse=True)
    code, out, _ = run("cite", "search", "posttramatic myocardal")
    assert code == 0 and out.splitlines()[1].split("\t")[2].startswith("Abbas et al. (2009)")


def test_bad_input_is_one_line(db: Path, tmp_path: Path) -> None:
    run("cite", "add", "--doi", "10.1000/x")
    assert_clean_failure(["cite", "add", "--doi", "10.1000/y", "--isbn", "1"], "exactly one", db)
    assert_clean_failure(["cite", "add", "--isbn", "0-306-40615-3"], "not a valid ISBN", db)
    assert_clean_failure(["cite", "add", "--ris", str(tmp_path / "no.ris")], "no such file", db)
    assert_clean_failure(["cite", "set", "1", "--accessed", "soon"], "not a date", db)
    assert_clean_failure(["cite", "set", "1"], "nothing to set", db)
    assert_clean_failure(["cite", "set", "1", "--type", "blog"], "unknown evidence type", db)
    assert_clean_failure(["cite", "merge", "1", "9"], "no citation with id 9", db)
    assert_clean_failure(["cite", "show", "9"], "no citation with id 9", db)
    assert_clean_failure(["evidence", "remove", "4"], "no evidence with id 4", db)
    assert_clean_failure(["cite", "quotes", "1", "1"], "no claim with id 1", db)
    junk = tmp_path / "junk.json"
    junk.write_text("{oops", encoding="utf-8")
    assert_clean_failure(["cite", "add", "--csl-json", str(junk)], "not CSL-JSON", db)
    empty = tmp_path / "bad.ris"
    empty.write_text("TY  - JOUR\nER  - \n", encoding="utf-8")
    code, out, err = run("cite", "add", "--ris", str(empty))
    assert code == 1 and "rejected line 1" in out and err.startswith("Error: ")


def test_text_given_later_checks_the_quote_and_an_untouched_edit_is_no_change(
    claim_id: int, tmp_path: Path, db: Path
) -> None:
    run("cite", "add", "--doi", "10.1038/s41591-021-01336-3", "--title", "Phase 3 MDMA trial")
    run("link", str(claim_id), "1", "--stance", "supports", "--quote", "67% of the MDMA group")
    text_file = tmp_path / "source.md"
    text_file.write_text(SOURCE + "\n\nTrial registration: NCT03537014.", encoding="utf-8")
    code, out, _ = run("cite", "set", "1", "--text-file", str(text_file))
    assert (code, out.strip()) == (
        0,
        f"citation 1: {len(SOURCE) + 34} characters of text stored;"
        " quotes checked: evidence 1 exact",
    )
    assert_clean_failure(["cite", "set", "1", "--text", " "], "no text given", db)
    assert_clean_failure(
        ["cite", "set", "1", "--text-file", str(tmp_path / "no.txt")], "not found", db
    )
    # Saving a link untouched is no change.
    code, out, _ = run("evidence", "edit", "1", "--stance", "supports")
    assert out.strip() == "evidence 1: supports (quote: exact)"
    history = json.loads(run("history", str(claim_id), "--json")[1])
    assert [e["action"] for e in history if e["entity"] == "evidence"][-1] != "edit-evidence"


@pytest.mark.parametrize(
    ("flag", "content", "name"),
    [
        ("--ris", "", "RIS"),
        ("--bibtex", "Notes for the desk, not a library.\n", "BibTeX"),
        ("--ris", "@article{a, title={A BibTeX entry}}\n", "RIS"),
    ],
)
def test_a_file_with_no_entry_at_all_is_an_error_not_zero_added(
    flag: str, content: str, name: str, tmp_path: Path
) -> None:
    # "0 added, 0 merged, 0 rejected" and exit 0 let an empty or wrong file pass for an
    # imported library; and nothing may be written, not even a new database.
    db = tmp_path / "new.db"
    path = tmp_path / "refs.txt"
    path.write_text(content, encoding="utf-8")
    code, out, err = run("--db", str(db), "cite", "add", flag, str(path))
    assert code == 1 and out == ""
    assert err == f"Error: {path}: no {name} entry in it: check that it is a {name} file\n"
    assert not db.exists()


def test_a_file_whose_every_entry_is_rejected_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    path = tmp_path / "refs.json"
    path.write_text("null", encoding="utf-8")
    code, out, err = run("--db", str(db), "cite", "add", "--csl-json", str(path))
    assert code == 1
    assert out.splitlines()[0].endswith("refs.json: 0 added, 0 merged, 1 rejected")
    assert err.startswith("Error: ") and err.count("\n") == 1
    assert not db.exists()


def test_import_reviews_reads_a_utf16_file_as_import_does(tmp_path: Path) -> None:
    """Windows PowerShell's `>` writes UTF-16 with its mark; an article in it imports,
    so another desk's ClaimReview file in it imports too (it said "not UTF-8 text")."""
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": "Café owners say 45% of adults drink coffee daily",
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": "False"},
        "author": {"@type": "Organization", "name": "Other Desk"},
    }
    path = tmp_path / "reviews.json"
    path.write_bytes(json.dumps(review, ensure_ascii=False).encode("utf-16"))
    code, out, err = run("import-reviews", str(path))
    assert code == 0, err
    assert out.startswith("review 1: ") and "Café owners" in out, out
    assert "decoded from UTF-16" in err


def test_import_reviews_reads_standard_input_as_it_reads_a_file() -> None:
    """From standard input a cp1252 file's quotes became U+FFFD without a word, and
    UTF-16 was 'not valid JSON'; a file with the same bytes reads right."""
    for n, encoding in enumerate(("utf-16", "cp1252")):
        claim = f"Café “owners” say {45 + n}% of adults drink coffee daily"
        review = {
            "@type": "ClaimReview",
            "claimReviewed": claim,
            "reviewRating": {"ratingValue": 1, "alternateName": "False"},
            "author": {"name": "Other Desk"},
        }
        data = json.dumps(review, ensure_ascii=False).encode(encoding)
        code, out, err = run("import-reviews", "-", "--json", input=data)
        assert code == 0, err
        assert [r["claim"] for r in json.loads(out)] == [claim]
        assert err.startswith("standard input: "), err


@pytest.mark.parametrize("query", ["", "   ", "!?-"])
def test_a_query_without_a_word_is_one_clear_error(db: Path, query: str) -> None:
    run("cite", "add", "--bibtex", str(DATA / "library.bib"))
    assert_clean_failure(["cite", "search", query], "search for", db)
    assert_clean_failure(["cite", "search", query, "--json"], "search for", db)


@pytest.mark.parametrize(
    "args",
    [
        ["cite", "search", "trial", "--limit", "0"],
        ["cite", "search", "trial", "--limit", "-1"],  # read as a slice: all but the last
        ["cite", "quotes", "1", "1", "--limit", "0"],  # listed one all the same
        ["similar", "1", "--limit", "-5"],  # said "no earlier check matches"
        ["similar", "1", "--limit", "many"],
    ],
)
def test_a_limit_below_one_is_one_line(db: Path, args: list[str]) -> None:
    assert run("import", str(SAMPLE_ARTICLE))[0] == 0
    assert_clean_failure(args, f"--limit {args[-1]!r} is not a number of results", db)
