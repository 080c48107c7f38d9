"""One article with every awkward case the exports must survive.

Unicode (accents, combining marks, emoji, CJK), straight and curly quotes, markup that
must stay text (``<script>``, ``&``), cells that start like formulas (``=``, ``+``,
``-``, ``@``), a claim with no grade, reviewers who disagree and an editor's final
verdict, an off-scale verdict, a dismissed claim, evidence of every stance, and a
correction of the article after grading that leaves one grade stale.
"""

from __future__ import annotations

from annotator.app.importing import import_new_version
from annotator.app.library import add_citation
from annotator.app.linking import link_evidence
from annotator.config import DeskConfig
from annotator.model import Citation, CitationKind, ProposedClaim
from annotator.store import Store
from tests.conftest import store_copies

DESK = DeskConfig(
    organization="Desk & Co <Checks>",
    organization_url="https://desk.example/checks",
    claim_url="https://desk.example/checks/{article}#claim-{claim}",
)

TEXT = (
    "Café owners say “MDMA therapy” cut PTSD symptoms by over 50% at 6 months.\n"
    '=SUM(A1) is what one reader typed, and he said "it doubled" in 2023.\n'
    "研究表明 the drug raised oxytocin 🍵 levels by 30% in rats.\n"
    "+1 more trial found no effect at all & <script>alert(1)</script> nobody noticed.\n"
    "-5% fewer visits were recorded @ the clinic in 2021.\n"
    "The future of psychiatry will be psychedelic.\n"
    "Photo credit: Agency.\n"
)

# The article as corrected after grading (``build`` imports it as its second version).
CORRECTED = TEXT.replace("-5% fewer", "-6% fewer")


def span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


# (the words of the claim, its label, its check-worthiness): labels and scores are fixed
# here so the golden files follow the exports, not the claim proposer's tuning.
CLAIMS = (
    (
        "“MDMA therapy” cut PTSD symptoms by over 50% at 6 months",
        "PTSD symptoms cut by over 50%",
        0.9,
    ),
    ('=SUM(A1) is what one reader typed, and he said "it doubled" in 2023', "it doubled", 0.55),
    ("the drug raised oxytocin 🍵 levels by 30% in rats", "oxytocin 🍵 up 30% in rats", 0.8),
    (
        "+1 more trial found no effect at all & <script>alert(1)</script> nobody noticed",
        "+1 trial: no effect & <script>",
        0.5,
    ),
    ("-5% fewer visits were recorded @ the clinic in 2021", "5% fewer visits", 0.65),
    ("The future of psychiatry will be psychedelic", "psychiatry's psychedelic future", 0.15),
    ("Photo credit: Agency.", "photo credit", 0.1),
)


def build(store: Store) -> int:
    """Fill ``store`` (with a fake clock) with the fixture; returns the article id."""
    proposals = []
    for needle, label, score in CLAIMS:
        start, end = span(TEXT, needle)
        proposals.append(ProposedClaim(start=start, end=end, text=needle, label=label, score=score))
    article = store.import_article(
        TEXT,
        title="MDMA & “therapy”: <b>what</b> the claims say",
        reviewer="ana",
        proposals=proposals,
        source="https://news.example/mdma?a=1&b=2",
        author="Jo Writer",
        published="2023-08-24",
    )
    aid = article.id
    therapy, formula, oxytocin, trial, visits, future, credit = (c.id for c in store.claims(aid))
    for claim_id in (therapy, formula, oxytocin, visits, future):
        store.accept_claim(claim_id, reviewer="ana")
    store.dismiss_claim(credit, reviewer="ana")
    store.edit_label(formula, "=SUM(A1) “it doubled” in 2023", reviewer="ana")
    store.edit_label(visits, "-5% fewer visits @ the clinic", reviewer="ana")
    store.set_claim_note(trial, "@desk: ask the author for the trial's name", reviewer="ana")
    review, _ = add_citation(
        store,
        Citation(
            kind=CitationKind.DOI,
            doi="10.1000/mdma.2021.7",
            title="MDMA-assisted therapy for severe PTSD: a randomized trial",
            authors=("Mitchell, Jennifer", "Bogenschutz, Michael", "Lilienstein, Alia"),
            year=2021,
            container="Nature Medicine",
            evidence_type="rct",
            source_text="At 18 weeks, 67% no longer met PTSD criteria versus 32% on placebo.",
        ),
        reviewer="ana",
    )
    rats, _ = add_citation(
        store,
        Citation(
            kind=CitationKind.URL,
            url="https://lab.example/oxytocin?x=<y>&z=1",
            title='Oxytocin in rats: "a 30% rise"',
            authors=("Lab Group",),
            year=2019,
            evidence_type="preclinical",
        ),
        reviewer="ana",
    )
    formula_source, _ = add_citation(
        store,
        Citation(kind=CitationKind.OTHER, title='=HYPERLINK("http://evil.example")'),
        reviewer="ben",
    )

    link_evidence(
        store,
        therapy,
        review.id,
        "supports",
        reviewer="ana",
        quote="67% no longer met PTSD criteria",
        locator="p. 4, table 2",
    )
    link_evidence(
        store,
        therapy,
        rats.id,
        "mixed",
        reviewer="ben",
        quote="nothing like this",
        locator="fig. 1",
    )
    link_evidence(
        store, formula, formula_source.id, "contradicts", reviewer="ben", quote="=1+1", note="-odd-"
    )
    link_evidence(store, oxytocin, rats.id, "supports", reviewer="ana", quote="a 30% rise")
    link_evidence(store, trial, review.id, "mentions", reviewer="ana")

    store.grade_claim(therapy, "supported", reviewer="ana", certainty="moderate")
    store.grade_claim(
        therapy,
        "mixed",
        reviewer="ben",
        certainty="low",
        reasons=("overstated",),
        note='The "50%" is not in the trial.',
    )
    store.grade_claim(
        therapy,
        "mostly-supported",
        reviewer="editor",
        certainty="moderate",
        reasons=("overstated", "imprecise"),
        note="Supported, but 67% at 18 weeks,\nnot “over 50% at 6 months”.",
        final=True,
    )
    store.grade_claim(formula, "contradicted", reviewer="ben", certainty="high", note="=wrong")
    store.grade_claim(oxytocin, "mixed", reviewer="ana", reasons=("wrong-population",))
    store.grade_claim(visits, "unsupported", reviewer="ana", note="+ no data found")
    store.grade_claim(future, "not-checkable", reviewer="ana", note="A prediction.")
    # `trial` stays ungraded.
    # A correction after grading: the visits figure changed, so its grade goes stale.
    import_new_version(store, aid, CORRECTED, reviewer="ana")
    return aid


# A new store in memory holding the fixture, as ``build`` leaves one made by
# ``Store.memory(clock=fake_clock())``, clock included: built once per process, then
# copied for each test (``tests/unit/export/conftest.py`` hands it out as ``built``).
built_store = store_copies(build)
