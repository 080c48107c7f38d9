"""A store with the sample article's fixed claims and two linked sources, for the
evidence dialogs' pilot tests and snapshots (never the live proposer)."""

from __future__ import annotations

from dataclasses import replace

from annotator.app.library import add_citation
from annotator.app.linking import link_evidence
from annotator.model import Citation
from annotator.sources.identifiers import citation_from_doi
from annotator.store import Store
from tests.conftest import fake_clock
from tests.tui_fixture import sample_claims, sample_text

# The trial's own words (an abstract's results), with a sentence the claim can quote.
TRIAL_TEXT = (
    "MDMA-assisted therapy was compared with placebo in 90 participants with severe PTSD.\n"
    "MDMA-assisted therapy reduced PTSD symptoms more than placebo with therapy.\n"
    "Serious adverse events were rare in both groups.\n"
    "Markup such as [bold]this[/bold] is shown as it is."
)

TRIAL = replace(
    citation_from_doi("10.1038/s41591-021-01336-3"),
    title="MDMA-assisted therapy for severe PTSD: a randomized, double-blind, "
    "placebo-controlled phase 3 study",
    authors=("Mitchell, Jennifer M.", "Bogenschutz, Michael", "Lilienstein, Alia"),
    year=2021,
    container="Nature Medicine",
    volume="27",
    pages="1025-1033",
    pmid="33972795",
    notes="Trial registration: ClinicalTrials.gov NCT03537014",
)

NEWS = Citation(
    id=0,
    title="Psychedelic [red]therapy[/red] claims questioned",
    url="https://news.example/mdma?id=1",
    container="news.example",
    year=2023,
    retracted=True,
)


def evidence_store() -> Store:
    """The sample article; its first claim graded and linked to the trial (a quote with
    no stored text to check it against) and to a retracted news story."""
    store = Store.memory(clock=fake_clock())
    article = store.import_article(
        sample_text(), title="Can MDMA Help Heal Trauma?", reviewer="ann", proposals=sample_claims()
    )
    first = store.claims(article.id)[0]
    store.grade_claim(first.id, "mixed", reviewer="ann", certainty="low")
    trial, _ = add_citation(store, TRIAL, reviewer="ann")
    news, _ = add_citation(store, NEWS, reviewer="ann")
    link_evidence(
        store, first.id, trial.id, "supports", reviewer="ann", quote="reduced PTSD symptoms",
        locator="p. 3",
    )  # fmt: skip
    link_evidence(store, first.id, news.id, "mentions", reviewer="ann")
    return store
