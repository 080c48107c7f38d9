"""Claim proposal: atomic claims, check-worthiness, labels and quantities."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.model import Quantity
from annotator.text.atomic_claims import atomic_parts
from annotator.text.checkworthiness import score_sentence
from annotator.text.labels import MAX_LABEL, make_label
from annotator.text.proposer import DEFAULT_THRESHOLD, propose_claims
from annotator.text.quantities import find_quantities
from tests.conftest import SAMPLE_ARTICLE


def parts(sentence: str) -> list[tuple[str, str]]:
    return [(sentence[p.start : p.end], p.subject) for p in atomic_parts(sentence)]


# -- atomic claims ---------------------------------------------------------------------


def test_coordinated_predicates_split_and_carry_the_subject() -> None:
    sentence = (
        "Brain imaging shows MDMA increases prefrontal cortex activation "
        "and decreases overactivity in the amygdala."
    )
    assert parts(sentence) == [
        ("Brain imaging shows MDMA increases prefrontal cortex activation", ""),
        ("decreases overactivity in the amygdala.", "MDMA"),
    ]


def test_three_predicates_give_three_claims() -> None:
    sentence = "The medicine quiets the inner critic, enhances openness, and allows new insight."
    assert [p for p, _ in parts(sentence)] == [
        "The medicine quiets the inner critic",
        "enhances openness",
        "allows new insight.",
    ]


def test_coordinated_clause_with_its_own_subject_splits() -> None:
    sentence = "The treatment has completed two Phase 3 trials, and the FDA is expected to act."
    assert parts(sentence) == [
        ("The treatment has completed two Phase 3 trials", ""),
        ("the FDA is expected to act.", ""),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "MDMA-assisted therapy helps people with PTSD and anxiety in controlled settings.",
        "Oxytocin promotes bonding, prosocial feelings, and emotional openness.",
        "Trials are underway to further assess efficacy and develop safety guidelines.",
        "Studies found increases in trust and decreases in fear among patients.",
        "The drug was given to veterans and first responders with severe symptoms.",
        "Patients who received MDMA and reported nausea were followed for a year.",
        "It raises oxytocin (and, some say, trust and calm) in most people tested.",
    ],
)
def test_coordinated_noun_phrases_and_other_forms_are_not_split(sentence: str) -> None:
    assert len(atomic_parts(sentence)) == 1


def test_split_parts_are_proposed_with_the_sentence_kept() -> None:
    text = (
        "Intro line here.\n\nBrain imaging shows MDMA increases prefrontal cortex activation "
        "and decreases overactivity in the amygdala."
    )
    claims = [c for c in propose_claims(text) if "amygdala" in c.text or "cortex" in c.text]
    assert len(claims) == 2
    first, second = claims
    assert first.end < second.start
    assert first.sentence_start == second.sentence_start == text.index("Brain")
    assert first.sentence_end == second.sentence_end == len(text)
    assert second.label == "MDMA decreases overactivity in the amygdala"
    assert first.label == "MDMA increases prefrontal cortex activation"


# -- check-worthiness --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("The drug cut symptoms by 56% in the trial.", "statistic"),
        ("Patients did better on MDMA than on placebo in every measure.", "comparison"),
        ("MDMA triggers the release of oxytocin in the brain.", "causal"),
        ("A 2021 study in Nature Medicine looked at ninety patients.", "study"),
        ("Two Phase 3 trials of the drug have now been completed.", "trial"),
        ("The FDA declined to approve the drug in August.", "agency"),
        ("Brain imaging of the volunteers was done before and after.", "imaging"),
        ("Symptoms fell by half at the 12-month follow-up visit.", "timeframe"),
        ("The drug may help some people with severe PTSD.", "hedge"),
        ("We believe every survivor deserves access to this therapy.", "opinion"),
        ("Does MDMA really work for trauma?", "question"),
        ("Talk to your doctor before trying anything new.", "imperative"),
        ("Photo credit: Pretty Drugthings @Unsplash", "boilerplate"),
        ("The initial results are rays of light penetrating darkness.", "rhetoric"),
    ],
)
def test_reasons_name_the_cues(sentence: str, reason: str) -> None:
    score, reasons = score_sentence(sentence)
    assert reason in reasons
    assert 0.0 <= score <= 1.0


def test_scores_rank_checkable_above_rhetoric() -> None:
    stat, _ = score_sentence("MDMA therapy cuts PTSD symptoms by over 50% at 6 months.")
    causal, _ = score_sentence("MDMA triggers the release of oxytocin.")
    rhetoric, _ = score_sentence(
        "For those long trapped in trauma's labyrinth, liberation is near."
    )
    opinion, _ = score_sentence("We owe it to suffering souls to investigate this key to healing.")
    assert stat > causal >= DEFAULT_THRESHOLD > rhetoric
    assert opinion < DEFAULT_THRESHOLD


def test_threshold_is_a_parameter_and_include_all_keeps_every_sentence() -> None:
    text = "MDMA triggers the release of oxytocin. Defenses soften. Why now?"
    default = propose_claims(text)
    assert [c.text for c in default] == ["MDMA triggers the release of oxytocin."]
    assert propose_claims(text, threshold=1.0) == []
    everything = propose_claims(text, include_all=True)
    assert [c.text for c in everything] == [
        "MDMA triggers the release of oxytocin.",
        "Defenses soften.",
        "Why now?",
    ]
    assert all(0.0 <= c.score <= 1.0 for c in everything)


def test_headings_credits_and_footers_are_never_proposed_even_with_all() -> None:
    text = (
        "# Big Title\n\nThe drug cut symptoms by 50% in 2023.\n\nPhoto credit: A. B. / Agency\n\n"
        "Sign up for our newsletter\nNo spam. Ever."
    )
    claims = propose_claims(text, include_all=True)
    assert [c.text for c in claims] == ["The drug cut symptoms by 50% in 2023."]


# -- labels ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "subject", "label"),
    [
        (
            "According to available data, MDMA-assisted therapy cuts PTSD symptoms by over "
            "50% at 6-month follow-ups compared to baseline.",
            "",
            "MDMA-assisted therapy: >50% PTSD symptom drop at 6 months",
        ),
        (
            "In addition to altering brain networks, MDMA triggers the release of oxytocin, "
            "known as the “love hormone” or “cuddle chemical.”",
            "",
            "MDMA triggers oxytocin release",
        ),
        ("decreases overactivity in the amygdala.", "MDMA",
         "MDMA decreases overactivity in the amygdala"),
        ("Researchers say MDMA floods the brain with serotonin", "",
         "MDMA floods the brain with serotonin"),
        (
            "Prescription MDMA, more commonly known as ecstasy, is emerging as a treatment.",
            "",
            "Prescription MDMA is emerging as a treatment",
        ),
        (
            "In one trial, patients saw their PTSD symptom scores fall by 56% at the "
            "12-month follow-up compared with their scores before treatment.",
            "",
            "56% PTSD symptom score drop at 12 months",
        ),
        (
            "Drinking two to three cups of coffee a day is associated with a 12% lower risk "
            "of death, according to a study published Tuesday.",
            "",
            "Two to three cups of coffee a day: 12% lower risk of death",
        ),
        (
            "Unsweetened coffee cut mortality by up to 21% compared with non-drinkers.",
            "",
            "Unsweetened coffee: up to 21% mortality drop vs non-drinkers",
        ),
        (
            "Earlier trials, e.g. a 2017 meta-analysis of 201 studies, found similar results.",
            "",
            "Earlier trials found similar results",
        ),
        (
            "Early clinical trials display remarkable remission of symptoms even in those "
            "for whom all other treatments failed.",
            "",
            "Early clinical trials display symptom remission",
        ),
    ],
)  # fmt: skip
def test_labels_read_like_cards(text: str, subject: str, label: str) -> None:
    assert make_label(text, subject, find_quantities(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        "x" * 200,
        "A very long sentence " * 20 + ".",
        "Oxytocin promotes bonding, prosocial feelings, trust, warmth, and emotional openness.",
        "Why?",
        "“Quoted.”",
        "...",
    ],
)
def test_labels_are_short_without_trailing_punctuation(text: str) -> None:
    label = make_label(text)
    assert len(label) <= MAX_LABEL
    assert not label or label[-1] not in ".,;:!?…\"'”’ "


# -- quantities --------------------------------------------------------------------------


def test_quantity_with_qualifier_timeframe_and_comparator() -> None:
    text = (
        "MDMA-assisted therapy cuts PTSD symptoms by over 50% at 6-month follow-ups "
        "compared to baseline."
    )
    assert find_quantities(text) == (
        Quantity(50.0, "%", "over", "6 months", "compared to baseline", "over 50%"),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("About two in three participants no longer met the criteria.", 66.7, "%", "about"),
        ("Half of the patients relapsed.", 50.0, "%", ""),
        ("Doses of up to 120 mg were given.", 120.0, "mg", "up to"),
        ("The effect was significant (p < .05).", 0.05, "p-value", "<"),
        ("Nearly 1,200 veterans enrolled.", 1200.0, "veterans", "nearly"),
        ("Costs rose 3-fold.", 3.0, "fold", ""),
        ("The program cost $2.5 million.", 2_500_000.0, "USD", ""),
        ("Symptoms dropped 50 percent.", 50.0, "%", ""),
        # A compound number word is one number, not a range ("ninety" to "four").
        ("Ninety-four million Americans are out of work.", 94_000_000.0, "", ""),
        ("Twenty-five percent of them left.", 25.0, "%", ""),
        ("Forty two people died.", 42.0, "people", ""),
        ("About sixty-five thousand jobs were lost.", 65_000.0, "", "about"),
    ],
)
def test_quantities(text: str, value: float, unit: str, qualifier: str) -> None:
    (q,) = find_quantities(text)
    assert (q.value, q.unit, q.qualifier) == (value, unit, qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "Phase 3 trials are underway.",
        "It was published in 2021 [12].",
        "COVID-19 slowed the work (see Fig. 2).",
        "The paper is doi:10.1056/NEJMoa2032994.",
    ],
)
def test_numbers_that_name_things_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == ()


def test_quantities_are_carried_by_proposals() -> None:
    (claim,) = propose_claims(
        "The drug cut PTSD symptoms by 56% at 12 months compared with placebo."
    )
    assert claim.quantities == (
        Quantity(56.0, "%", "", "12 months", "compared with placebo", "by 56%"),
    )
    assert claim.to_dict()["quantities"][0]["timeframe"] == "12 months"


# -- the bundled sample ------------------------------------------------------------------


def test_bundled_sample_gives_sensible_claims() -> None:
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    claims = propose_claims(text)
    labels = [c.label for c in claims]
    for label in (
        "MDMA floods the brain with serotonin",
        "MDMA lowers activity in the amygdala",
        "MDMA boosts connectivity in the prefrontal cortex",
        "56% PTSD symptom score drop at 12 months",
        "The FDA is expected to approve it within the next year",
    ):
        assert label in labels
    joined = "\n".join(c.text for c in claims)
    assert "two in three participants" in joined
    for noise in ("Photo credit", "Sign up", "No spam", "Talk to your doctor", "We believe",
                  "Isn't that", "## ", "Mar 3, 2024"):  # fmt: skip
        assert noise not in joined


# -- invariants on article-shaped text ---------------------------------------------------

_PIECES = [
    "Brain imaging shows MDMA increases activation and decreases overactivity in the amygdala.",
    "The treatment has completed two Phase 3 trials, and the FDA is expected to act.",
    "Oxytocin promotes bonding, prosocial feelings, and emotional openness.",
    "It cut symptoms by over 50% at 6 months compared to baseline.",
    "Dr. Smith et al. reported it (p < .05) [12].",
    "# A heading",
    "Photo credit: someone",
    "- a list item that lowers costs by 20% and raises morale",
    "“Quoted,” she said.",
    "Aug 24, 2023The FDA met.",
    "Why?",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=12),
    st.sampled_from([" ", "\n", "\n\n"]),
    st.floats(min_value=0.0, max_value=1.0),
)
def test_proposals_are_exact_disjoint_and_inside_their_sentence(
    pieces: list[str], sep: str, threshold: float
) -> None:
    text = sep.join(pieces)
    previous_end = 0
    for claim in propose_claims(text, threshold=threshold):
        assert text[claim.start : claim.end] == claim.text == claim.text.strip()
        assert claim.start >= previous_end
        assert claim.sentence_start <= claim.start < claim.end <= claim.sentence_end
        assert claim.score >= threshold
        assert 0 < len(claim.label) <= MAX_LABEL
        assert_ends_on_a_phrase(claim.label)
        previous_end = claim.end


def assert_ends_on_a_phrase(label: str) -> None:
    """A label ends on no punctuation (no phrase cut where a mark falls), but it may end
    on the quotation mark or bracket that closes one it opens ('were "likely linked"');
    before that closing mark, no punctuation either ('“Quoted,”' is a cut phrase)."""
    body = label
    if body[-1] in '”")' and _pairs(body):
        body = body[:-1]
    assert body and body[-1] not in ".,;:!?…\"'”’ ", label


def _pairs(label: str) -> bool:
    return (
        label.count('"') % 2 == 0
        and label.count("“") == label.count("”")
        and label.count("(") == label.count(")")
    )


def test_a_label_cut_does_not_run_across_a_sentence_end() -> None:
    # Falsifying example of the property above: a Markdown heading line is one unit
    # however many sentences it holds, and its label, cut at 60 characters, ran on
    # across two of them to a quote it then closed ('... she said. “Quoted,” she said.
    # “Quoted”'). A cut label now takes the unit's first sentence.
    text = "# A heading " + " ".join(["“Quoted,” she said."] * 3)
    (claim,) = propose_claims(text, threshold=0.0)
    assert claim.label == "A heading “Quoted,” she said"
