"""Issue 15, third pass: the kinds of sentences the proposer missed or proposed wrongly
on the dev-3 articles, each as a category of sentences written for these tests (none is
copied from the evaluation articles)."""

from __future__ import annotations

import pytest

from annotator.text.checkworthiness import rule_score, score_sentence
from annotator.text.proposer import DEFAULT_THRESHOLD, factual_title, propose_claims
from annotator.text.quantities import find_quantities
from annotator.text.sentences import HEADING, SENTENCE, units
from tests.sentence_scores import is_proposed


@pytest.mark.parametrize(
    "sentence",
    [
        # A claim of being the last, like one of being the first.
        "The June launch was the final mission of the weather satellite program.",
        "Tuesday's vote was the final step before the county's budget took effect.",
        # A correction of a published figure: what the figure is, and that it was wrong.
        "The median rent for 2019 should have read $1,410 and was misprinted as $1,140.",
    ],
)
def test_check_worthy_kinds_are_proposed(sentence: str) -> None:
    assert is_proposed(sentence), (sentence, score_sentence(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        # A speaker's feeling about the news, quoted.
        "“We are thrilled to bring these new services to rural families across the "
        "state,” said the director.",
        "“I am proud to announce that our partners are ready,” said Commissioner Hale.",
        # A mission statement behind a press release's dateline.
        "PORTLAND, Ore., March 4, 2022 – The state health department is working to make "
        "sure underserved residents have the support they need.",
        # Call-in details: telephone numbers and passcodes are no amounts.
        "Reporters can dial 1-888-555-0142 or 312-555-0199 for the replay.",
        "To listen, call (503) 555-0123 and enter passcode 447180.",
        # A caption's instruction to the reader.
        "(Click the map for a larger view of the storm's path as of 11 a.m. EDT on June 3.)",
    ],
)
def test_false_proposal_kinds_are_not_proposed(sentence: str) -> None:
    assert not is_proposed(sentence), (sentence, score_sentence(sentence))


def test_a_demonstrative_before_a_noun_is_not_vague() -> None:
    # "These illnesses" points at something named: it scores as "The illnesses" does.
    for sentence in (
        "These infections occurred among hikers who drank from a mountain stream.",
        "Those clinics will offer evening hours to farm workers in Yakima.",
        "That agency collects rainfall records from 900 stations.",
    ):
        plain = "The " + sentence.split(" ", 1)[1]
        assert rule_score(sentence) == rule_score(plain), sentence
    # A pronoun stands for what came before: the reader needs the sentence before it.
    for sentence in (
        "This means the county budget will grow.",
        "These include a new clinic in Yakima.",
        "That was followed by a second outage.",
    ):
        assert "vague" in rule_score(sentence)[1], sentence


def test_telephone_numbers_and_passcodes_are_not_quantities() -> None:
    assert find_quantities("Call 1-800-555-0175 (toll free) for details.") == ()
    assert find_quantities("Media line: (202) 555-0148, passcode 91127") == ()
    # A range of counts is still a quantity.
    assert find_quantities("The plant employs 300-400 people.")[0].value == 300


def test_a_dateline_date_is_not_the_claim_s_date() -> None:
    body = "The county opened two cooling centers for the heat wave."
    dated = rule_score(f"DENVER, Colo., July 9, 2021 – {body}")
    assert dated == rule_score(body)
    assert "date" not in dated[1]
    # A date inside the sentence still counts.
    assert "date" in rule_score(f"{body[:-1]} on July 9, 2021.")[1]


def test_unlikely_is_a_hedge_like_likely() -> None:
    assert "hedge" in score_sentence("The measure is unlikely to pass the upper chamber.")[1]


def test_a_headline_digest_proposes_every_item_headline() -> None:
    # A digest page: each item has a headline and a dated paragraph.
    text = (
        "Energy notes\n\n"
        "Wind generation in the Plains reached a record high last spring\n\n"
        "12 May 2022\n\n"
        "Wind farms produced 41% of the region's power in April, the grid operator said.\n\n"
        "Retail diesel prices likely to fall below $4 this summer\n\n"
        "11 May 2022\n\n"
        "We expect retail diesel to average $4.10 per gallon from June to August.\n"
    )
    claims = [c.text for c in propose_claims(text)]
    assert "Wind generation in the Plains reached a record high last spring" in claims
    assert "Retail diesel prices likely to fall below $4 this summer" in claims
    assert "12 May 2022" not in claims and "Energy notes" not in claims


def test_a_media_advisory_field_label_is_a_unit_of_its_own() -> None:
    text = (
        "County opens new flood shelter\n\n"
        "WHAT:\n"
        "The county opened a shelter for 300 people in the old armory on Monday.\n\n"
        "Media Contact:\n"
        "Ana Ortiz, 555-0100\n"
    )
    found = [(u.kind, text[u.start : u.end]) for u in units(text)]
    assert (HEADING, "WHAT:") in found
    assert (HEADING, "Media Contact:") in found
    claims = propose_claims(text)
    assert any(c.text.startswith("The county opened") for c in claims)
    assert not any("WHAT" in c.text for c in claims)
    # A lead-in in running text still belongs to its sentence.
    kinds = [u.kind for u in units("Officials said the plan includes:\nnew pumps and levees.")]
    assert kinds == [SENTENCE]


def test_a_correction_is_tagged() -> None:
    score, reasons = score_sentence("The July figure was misstated as 4.1 percent.")
    assert "correction" in reasons
    without = score_sentence("The July figure was stated as 4.1 percent.")[0]
    assert score > without


def test_the_title_of_a_linked_document_is_not_a_claim() -> None:
    for title in (
        "Statement from the Agriculture Secretary on the 2021 drought aid figures",
        "Remarks by the Governor at the opening of the new bridge",
        "Readout of the Mayor's Meeting with Transit Workers",
    ):
        assert score_sentence(title) == (0.0, ("boilerplate",)), title
    # A sentence about a statement is scored as any other.
    said = "The statement from the agency said 40 people were hospitalized in May."
    assert is_proposed(said)
    assert factual_title("Fact Sheet: Governor Signs Law Capping Insulin Costs")


def test_what_a_law_provides_is_proposed() -> None:
    for sentence in (
        "The measure maintains current spending levels for the parks department.",
        "The ordinance requires landlords to register their rental units.",
        "The new rule caps overdraft fees for small checking accounts.",
    ):
        score, reasons = score_sentence(sentence)
        assert "provision" in reasons and score >= DEFAULT_THRESHOLD, (sentence, score)
    # The verb without a law before it is no provision: a definition of a body part.
    reasons = score_sentence("The cornea is the layer of the eye that provides focus.")[1]
    assert "provision" not in reasons
