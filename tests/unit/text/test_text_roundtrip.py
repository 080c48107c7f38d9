"""Offsets count code points: spans survive the database and every export."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.export.table import FORMATS, claim_rows
from annotator.store import Store
from annotator.text.articles import _first_lines, load_text
from annotator.text.proposer import propose_claims

AWKWARD = [
    "Émilie's café 🍵 cut costs by 30% in 2021. Les résultats ont doublé en 6 mois.",
    "Cafe\u0301 owners (with a combining accent) saw sales rise 12% in 2023. Nothing else did.",
    "研究表明，该药物使症状减少了50%。 The trial found a 50% drop in 12 weeks compared to placebo.",
    "Line one says rates fell 20% in 2019.\r\nLine two says the FDA approved it in 2020.\r\n",
    "👩‍⚕️ Doctors 👨‍👩‍👧 report a 3× rise since 2010 in ER visits. =SUM(A1) was not a claim.",
]


@pytest.mark.parametrize("raw", AWKWARD)
def test_spans_survive_the_database_and_every_export(store: Store, raw: str) -> None:
    text = load_text(raw.encode("utf-8"), "a.txt").text
    assert "\r" not in text
    proposals = propose_claims(text, include_all=True)
    assert proposals
    article = store.import_article(text, title="t", reviewer="r", proposals=proposals)
    stored = store.get_article(article.id).text
    assert stored == text
    for claim in store.claims(article.id):
        assert stored[claim.start : claim.end] == claim.text
    rows = claim_rows(store, article.id)
    for row in json.loads(FORMATS["json"](rows)):
        assert stored[row["start"] : row["end"]] == row["text"]
    for line in FORMATS["jsonl"](rows).splitlines():
        row = json.loads(line)
        assert stored[row["start"] : row["end"]] == row["text"]
    for row in csv.DictReader(io.StringIO(FORMATS["csv"](rows))):
        cell = row["text"][1:] if row["text"].startswith("'=") else row["text"]
        assert stored[int(row["start"]) : int(row["end"])] == cell


def test_csv_cells_never_become_formulas(store: Store) -> None:
    text = '=HYPERLINK("http://x") says costs rose 40% in 2020. +1 more claim fell 5% in 2021.'
    proposals = propose_claims(text, include_all=True)
    article = store.import_article(
        text, title="=cmd|' /C calc'!A0", reviewer="r", proposals=proposals
    )
    claim = store.claims(article.id)[0]
    store.edit_label(claim.id, "@SUM(1+1)", reviewer="r")
    for row in csv.reader(io.StringIO(FORMATS["csv"](claim_rows(store)))):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_proposed_claims_match_their_offsets_and_never_overlap(text: str) -> None:
    claims = propose_claims(text, include_all=True)
    previous_end = 0
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
        assert 0 <= claim.start < claim.end <= len(text)
        assert claim.start >= previous_end
        assert 0.0 <= claim.score <= 1.0
        assert len(claim.label) <= 60
        previous_end = claim.end


sentence = st.sampled_from(
    [
        "Dr. Smith said rates fell 12.5% in 2020.",
        "e.g. this one",
        "It rose (p < 0.05).",
        "The FDA approved it!",
        "Why?",
        "# Heading",
        "Photo credit: someone",
        "- a list item 40%",
        "U.S. data show 3 in 10 adults agree.",
        "“Quoted,” she said.",
        "",
        "\n",
        "Aug 24, 2023It",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(sentence, max_size=15), st.sampled_from([" ", "\n", "\n\n", "\r\n"]))
def test_article_shaped_text_keeps_exact_offsets(parts: list[str], sep: str) -> None:
    text = load_text(sep.join(parts + ["x"]).encode("utf-8"), "a.md").text
    for claim in propose_claims(text, include_all=True):
        assert text[claim.start : claim.end] == claim.text


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["# Heading", "text", "x" * 3000, "", " ## Sub ##", "\u2028", "é"]),
        max_size=60,
    ),
    st.lists(st.sampled_from(["\n", "\r\n", "\r", "\x0c", "\x85", "\u2029"]), min_size=1),
    st.integers(min_value=0, max_value=30),
)
def test_the_first_lines_are_found_without_splitting_it_all(
    lines: list[str], breaks: list[str], count: int
) -> None:
    # Read from a prefix of the text (the format guess reads 20 lines of 5 MB).
    text = "".join(line + breaks[i % len(breaks)] for i, line in enumerate(lines))
    assert _first_lines(text, count) == text.splitlines()[:count]
    assert _first_lines(text + "tail", count) == (text + "tail").splitlines()[:count]
