"""Issue 15, second pass: the kinds of check-worthy sentences the proposer missed, and
the kinds of false proposals it made, each as a category of sentences written for these
tests (none is copied from the evaluation articles)."""

from __future__ import annotations

import pytest

from annotator.text.checkworthiness import score_sentence
from annotator.text.proposer import fact_line, propose_claims
from annotator.text.quantities import find_quantities
from tests.sentence_scores import is_proposed


@pytest.mark.parametrize(
    "sentence",
    [
        # Findings reported in the present tense.
        "The audit shows the agency overspent on travel.",
        "Regional figures indicate slower hiring across the farm belt.",
        "The county health office reports that the clinic reopened.",
        "Shipping records point to weaker demand for steel.",
        # How a measure stands or moved, however short.
        "Unemployment remains low.",
        "Inflation remains stubbornly high.",
        "Home sales fell.",
        # What a named body did: the official acts a desk checks.
        "The port authority quarantined the ship's crew.",
        "The ministry banned the pesticide last spring.",
        "Governor Lee declared a state of emergency in three counties.",
        # Short negative findings.
        "The new rule does not cover contractors.",
        "The inspectors found no leak at the plant.",
        # A comparison with a time in the past.
        "More adults ride a bicycle to work than a decade ago.",
        # An attributed quote that states a fact.
        "“The mill employs 450 people,” the owner said.",
    ],
)
def test_check_worthy_kinds_are_proposed(sentence: str) -> None:
    assert is_proposed(sentence), (sentence, score_sentence(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        # A quoted opinion is scored as the quote: its attribution names who said it.
        "“What a wonderful day for science,” said Dr. Ana Ruiz of the National Institutes "
        "of Health, lead author of the study published in Nature.",
        "“I commend the council for its work on the new harbor,” said Mayor Ortiz.",
        # A readout names who talked with whom.
        "Officials discussed ways to strengthen rural hospitals and thanked the mayors "
        "for their leadership.",
        "Senators spoke about the ruling and reaffirmed their support for the law.",
        # Background hedged as belief.
        "Such storms are typically thought to form over warm water.",
        # A notice that points to a website.
        "Corrected tables and a revised report will be available on our website.",
        # Advice to the public.
        "Residents are urged to stay indoors and keep windows closed.",
    ],
)
def test_usual_false_proposals_are_not_proposed(sentence: str) -> None:
    assert not is_proposed(sentence), (sentence, score_sentence(sentence))


def test_bills_by_number_are_not_quantities() -> None:
    assert find_quantities("Statement on H.R. 1024, S. 88 and S.J. Res. 7") == ()
    assert find_quantities("Statement on S.412") == ()
    # "U.S." is not a bill: its numbers are counts.
    assert [q.value for q in find_quantities("The U.S. 500 largest firms")] == [500]


def test_fact_lines_state_a_value() -> None:
    assert fact_line("Top speed: 320 kilometers per hour")
    assert fact_line("Population: 1.2 million")
    assert fact_line("Orbital period: 36 hours")
    for line in ("1:00 pm ET", "Quick Facts:", "Phone: 301-555-0100", "Updated: May 2, 2021",
                 "Contact: press@example.gov"):  # fmt: skip
        assert not fact_line(line), line


def test_fact_lines_are_proposed_and_headings_are_not() -> None:
    text = (
        "Ship facts\n\nThe Lena is a research vessel.\n\nLength: 120 meters\n\n"
        "Crew: 48 sailors\n\nHistory\n\nShe was launched in 1998.\n"
    )
    proposed = [c.text for c in propose_claims(text)]
    assert "Length: 120 meters" in proposed and "Crew: 48 sailors" in proposed
    assert "History" not in proposed and "Ship facts" not in proposed
