"""Issue 15, sixth pass: page shapes a desk pastes (lists of dated items, feeds, report
covers and highlights run into text, status reports, bill summaries, readouts) and the
claims in them, each with text written for these tests (none is copied from the
evaluation articles)."""

from __future__ import annotations

import pytest

from annotator.text.checkworthiness import score_sentence
from annotator.text.proposer import DEFAULT_THRESHOLD
from tests.sentence_scores import check_tag, is_proposed


def test_a_date_leading_a_list_item_is_not_its_claim() -> None:
    # "May 3, 2021 — ..." dates the item; what it says is scored without the date.
    dated = score_sentence("May 3, 2021 — The study will evaluate whether the drug is safe.")
    assert "date" not in dated[1] and "number" not in dated[1]
    assert dated[0] < DEFAULT_THRESHOLD
    assert is_proposed("May 3, 2021 — The trial will enroll 400 children in four states.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Women were more likely to report back pain than men in the survey.",
        "Rural teens were twice as likely to smoke as teens in cities, the survey found.",
    ],
)
def test_more_likely_compares_rates_and_is_no_hedge(sentence: str) -> None:
    check_tag(sentence, "hedge", tagged=False, proposed=True)


def test_likely_alone_stays_a_hedge() -> None:
    assert "hedge" in score_sentence("The storm will likely reach the coast by Sunday.")[1]


def test_a_call_that_took_place_is_a_record() -> None:
    for sentence in (
        "The Governor spoke today with Mayor Ruth Alvarez of Linden.",
        "The Minister spoke by phone with his Danish counterpart on Tuesday.",
    ):
        check_tag(sentence, "talk", tagged=False, proposed=True)
    # What was talked about, or a speaker's own talk, stays talk.
    check_tag("The Governor spoke about the drought at length.", "talk", True, False)
    check_tag("We spoke with the farmers about the drought.", "event", False, False)
    check_tag("Senators talked about the ruling for an hour.", "talk", True, False)
    check_tag("The chief testified about the budget on Monday.", "talk", True, False)


def test_an_award_received_is_no_talk() -> None:
    check_tag(
        "Ortiz, a chemist with the Water Authority, was honored in 2019 as one of 30 finalists "
        "for the State Service Medal.",
        "talk",
        tagged=False,
        proposed=True,
    )
    # A feeling is no award.
    assert "talk" in score_sentence("I was honored by their warm welcome.")[1]


@pytest.mark.parametrize(
    "sentence",
    [
        "The company allegedly billed elderly customers for devices they never ordered.",
        "In its lawsuit, the state charges that the landlord kept $2 million in deposits.",
        "If they called to cancel, customers allegedly faced threats and fees.",
    ],
)
def test_what_a_complaint_alleges_is_a_claim(sentence: str) -> None:
    check_tag(sentence, "allegation", tagged=True, proposed=True)


@pytest.mark.parametrize(
    "sentence",
    [
        "But the inspectors were unable to reach 120 of the wells.",
        "None of the tested wells was contaminated with lead.",
    ],
)
def test_what_could_not_be_done_or_none_of_is_negative(sentence: str) -> None:
    check_tag(sentence, "negative", tagged=True, proposed=True)


@pytest.mark.parametrize(
    "sentence",
    [
        "Lava activity continues at the summit of Mount Hood and its east vent.",
        "Tremor began late yesterday and continues this morning.",
        "Rents in the county have risen since the mill closed.",
    ],
)
def test_a_state_going_on_is_a_trend(sentence: str) -> None:
    check_tag(sentence, "trend", tagged=True, proposed=True)


@pytest.mark.parametrize(
    "sentence",
    [
        "The agency continues to support the cleanup in other counties.",
        "The county continues efforts with the state to repair the levee.",
        "We'll continue on this after the break.",
        "The program was continued on by the next mayor.",
        "The town will stay poor as long as the drought continues.",
    ],
)
def test_continuing_to_do_something_is_no_trend(sentence: str) -> None:
    assert "trend" not in score_sentence(sentence)[1], sentence


def test_a_bill_summary_opens_on_what_the_bill_does() -> None:
    check_tag(
        "Exempts from such limits legal, tax and accounting costs.",
        "provision",
        tagged=True,
        proposed=True,
    )
    # Elsewhere the word is no provision.
    assert "provision" not in score_sentence("The ride permits a view of the bay.")[1]


@pytest.mark.parametrize(
    "sentence",
    [
        "The study will evaluate whether the new inhaler is safe for children with asthma.",
        "The goal of the county's inspections is to keep unsafe piers closed.",
        "The office supports the board's mission by returning fines to harbor users.",
    ],
)
def test_an_aim_or_a_mission_is_intent(sentence: str) -> None:
    check_tag(sentence, "intent", tagged=True, proposed=False)


def test_an_appeal_for_help_is_advice() -> None:
    check_tag(
        "The Parks Department needs your help to make sure campers follow the fire laws.",
        "advice",
        tagged=True,
        proposed=False,
    )


def test_reports_as_a_noun_are_no_finding() -> None:
    for sentence in (
        "The Bureau's reports and briefings give Congress timely, non-partisan information.",
        "All reports by year of release.",
    ):
        check_tag(sentence, "finding", tagged=False, proposed=False)
    assert "finding" in score_sentence("The Bureau reports 40 new cases this week.")[1]


def test_a_definition_by_another_name_is_general() -> None:
    check_tag("Hypothermia is also called cold stress.", "general", tagged=True, proposed=False)


def test_a_title_field_names_a_thing() -> None:
    assert score_sentence('Title : A bill entitled the "Harbor Safety Act of 2004".') == (
        0.0,
        ("boilerplate",),
    )
