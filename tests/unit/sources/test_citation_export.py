"""Export to BibTeX and CSL-JSON, and reading it back; study designs; candidate quotes."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.errors import InputError
from annotator.model import Citation
from annotator.sources.library_export import citation_keys, export_citations, to_bibtex, to_csl_json
from annotator.sources.library_import import parse_citations, read_citation_file
from annotator.sources.quotes import candidate_quotes, sentences
from annotator.sources.study_design import propose_evidence_type

DATA = Path(__file__).resolve().parents[2] / "data"
FIELDS = (
    "doi",
    "pmid",
    "pmcid",
    "arxiv",
    "isbn",
    "url",
    "title",
    "authors",
    "year",
    "container",
    "volume",
    "issue",
    "pages",
    "abstract",
)


def library() -> list[Citation]:
    parsed = read_citation_file(DATA / "library.bib", "bibtex").citations
    parsed += read_citation_file(DATA / "items.csl.json", "csl-json").citations
    return [replace(c, id=i + 1) for i, c in enumerate(parsed)]


@pytest.mark.parametrize("fmt", ["bibtex", "csl-json"])
def test_round_trip_keeps_identity_and_metadata(fmt: str) -> None:
    before = library()
    after = parse_citations(export_citations(before, fmt), fmt)
    assert after.errors == [] and after.warnings == []
    assert len(after.citations) == len(before)
    for old, new in zip(before, after.citations, strict=True):
        for name in FIELDS:
            assert getattr(new, name) == getattr(old, name), (old.title, name)


def test_bibtex_escapes_and_braces() -> None:
    c = Citation(
        id=1,
        title="50% of {CBT} users & the_rest: a DNA study",
        authors=("WHO",),
        year=2020,
        url="https://e.org/a_b?x=1",
    )
    text = to_bibtex([c])
    assert r"50\% of \{CBT\} users \& the\_rest: a {DNA} study" in text
    assert "author = {{WHO}}" in text
    assert "url = {https://e.org/a_b?x=1}" in text
    back = parse_citations(text, "bibtex").citations[0]
    assert back.title == "50% of {CBT} users & the_rest: a DNA study"


def test_csl_json_is_strict_json_with_date_parts() -> None:
    c = Citation(
        id=7,
        title="T",
        authors=("Doe, Jane", "World Bank"),
        year=2021,
        accessed="2024-05-02",
        doi="10.1/x",
        retracted=True,
    )
    items = json.loads(to_csl_json([c]))
    assert items[0]["issued"] == {"date-parts": [[2021]]}
    assert items[0]["accessed"] == {"date-parts": [[2024, 5, 2]]}
    assert items[0]["author"] == [{"family": "Doe", "given": "Jane"}, {"literal": "World Bank"}]
    assert items[0]["note"] == "RETRACTED"


def test_keys_are_unique_and_readable() -> None:
    a = Citation(id=1, title="Trauma and recovery", authors=("Müller, Jörg",), year=1999)
    b = replace(a, id=2)
    assert citation_keys([a, b]) == {1: "muller1999trauma", 2: "muller1999traumaa"}


def test_unknown_export_format() -> None:
    with pytest.raises(InputError, match="unknown export format"):
        export_citations([], "endnote")


@pytest.mark.parametrize(
    ("title", "abstract", "kind", "expected"),
    [
        (
            "Psilocybin for depression: a systematic review and meta-analysis",
            "",
            "",
            "systematic-review",
        ),
        ("A randomised, double-blind trial of MDMA", "", "", "rct"),
        ("MDMA in PTSD", "In this phase 3 study, 90 patients...", "", "rct"),
        ("MDMA in PTSD", "We followed a cohort of 2,000 users.", "", "observational"),
        ("Serotonin syndrome after MDMA: a case report", "", "", "case-report"),
        ("Ketamine and synapses", "Adult mice received one dose.", "", "preclinical"),
        ("Why we should be careful: an editorial", "", "", "expert-opinion"),
        ("MDMA moves closer to approval", "", "article-newspaper", "news"),
        ("Company announces trial results", "", "", "press-release"),
        ("A non-randomized comparison of two clinics", "", "", "observational"),
        ("Mental health atlas", "", "", "other"),
    ],
)
def test_study_design_proposals(title: str, abstract: str, kind: str, expected: str) -> None:
    found, reason = propose_evidence_type(title, abstract, kind)
    assert found == expected
    assert reason


def test_title_wins_over_abstract() -> None:
    found, reason = propose_evidence_type(
        "A randomized trial of MDMA", "A previous meta-analysis found little evidence."
    )
    assert (found, reason) == ("rct", 'title says "randomized"')


def test_sentences_do_not_split_at_abbreviations() -> None:
    text = "Smith et al. found a rise (Fig. 2). It was 3.5 times higher, e.g. in women. End"
    parts = [text[s:e] for s, e in sentences(text)]
    assert parts == [
        "Smith et al. found a rise (Fig. 2).",
        "It was 3.5 times higher, e.g. in women.",
        "End",
    ]


def test_numbers_decide_between_similar_passages() -> None:
    source = "Symptoms fell by 30% in the placebo group. Symptoms fell by 52% in the treated group."
    best = candidate_quotes("symptoms fell by over 52% with treatment", source)[0]
    assert best.text == "Symptoms fell by 52% in the treated group."
    assert candidate_quotes("anything", "") == []


def test_triggers_cover_every_pattern() -> None:
    """The substring prefilter never hides a pattern: each rule's words hold a trigger."""
    from annotator.sources import study_design

    samples = {
        "systematic-review": [
            "meta-analyses",
            "metaanalysis",
            "systematic literature review",
            "umbrella review",
            "pooled analysis",
            "cochrane review",
            "network meta",
        ],
        "rct": [
            "randomised",
            "randomization",
            "placebo controlled",
            "double-blind",
            "phase iii",
            "phase 2/3",
            "controlled clinical trial",
        ],
        "case-report": [
            "case reports",
            "case series",
            "we describe a patient",
            "a 45-year-old woman",
        ],
        "preclinical": [
            "mice",
            "rats",
            "murine",
            "rodents",
            "in vitro",
            "cell lines",
            "zebrafish",
            "primates",
            "animal model",
            "drosophila",
            "cultured cells",
            "pigs",
            "dogs",
        ],
        "observational": ["nonrandomized", "trajectories of", "follow-up study", "survey"],
    }
    for kind, words in samples.items():
        for word in words:
            assert study_design.propose_evidence_type(word)[0] == kind, word


@pytest.mark.parametrize(
    "title",
    [
        # The PubMed/Zotero export in shared/real: protocols proposed as RCT and
        # meta-analyses because the plan names the design it will use.
        "Mindfulness-Based Cognitive Therapy Experiences in Youth With Inflammatory Bowel"
        " Disease and Depression: Protocol for a Mixed Methods Qualitative Study.",
        "Traditional Chinese medicine for mild-to-moderate ulcerative colitis: Protocol for a"
        " network meta-analysis of randomized controlled trials.",
        "Efficacy and safety of Tripterygium wilfordii Hook F preparations for the treatment"
        " of Crohn disease: A systemic review and meta-analysis protocol.",
        "Study protocol: a randomised controlled trial of exercise for fatigue",
    ],
)
def test_a_protocol_is_no_evidence_of_the_design_it_plans(title: str) -> None:
    """A protocol reports no result: a checker who saw "rct" or "systematic-review" on
    one would weigh a plan as evidence."""
    found, reason = propose_evidence_type(title, "This randomized controlled trial will ...")
    assert found == "other"
    assert "protocol" in reason


@pytest.mark.parametrize(
    "title",
    [
        "A randomized trial of MDMA",  # its abstract says "per protocol"
        "Early goal-directed therapy protocol for septic shock: a randomized trial",
        "A sepsis protocol for the emergency department: a randomised controlled trial",
    ],
)
def test_a_trial_of_a_care_protocol_keeps_its_design(title: str) -> None:
    found, _ = propose_evidence_type(title, "Conducted per protocol; 90 were randomized.")
    assert found == "rct"
