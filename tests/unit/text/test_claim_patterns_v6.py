"""Issue 15, sixth pass: page shapes a desk pastes (lists of dated items, feeds, report
covers and highlights run into text, status reports, bill summaries, readouts) and the
claims in them, each with text written for these tests (none is copied from the
evaluation articles)."""

from __future__ import annotations

import pytest

from annotator.text.checkworthiness import score_sentence
from annotator.text.labels import _head_subject, make_label
from annotator.text.proposer import DEFAULT_THRESHOLD, fact_line, factual_title, propose_claims
from annotator.text.sentences import HEADING, META, units
from tests.sentence_scores import check_tag, is_proposed


def _units(text: str) -> list[tuple[str, str]]:
    return [(text[u.start : u.end], u.kind) for u in units(text)]


# A report's cover and a table of values, flattened from a PDF: hard-wrapped prose (the
# lines run on into lower-case words near a width of about 70) with short lines the
# writer ended among them.
_REPORT = (
    "Office of Harbor Safety\n"
    "Annual Review 2021\n"
    "The office inspects piers and ferries and trains their crews, and it reports each\n"
    "year to the county board on what its inspectors found. This year the inspectors\n"
    "visited 212 piers and closed four of them for repairs.\n"
    "Summary of the year:\n"
    "Piers inspected: 212\n"
    "Share of ferries passing on the first visit: 81%\n"
    "Fines collected by the office: $48,300\n"
    "Crews trained in fire drills during the year, a first for the county.\n"
)


def test_lines_the_writer_ended_are_units_in_wrapped_text() -> None:
    found = _units(_REPORT)
    assert ("Office of Harbor Safety", HEADING) in found
    assert ("Annual Review 2021", HEADING) in found
    # Each value line is a unit of its own, not one sentence with the lines around it.
    texts = [t for t, _ in found]
    for line in ("Piers inspected: 212", "Share of ferries passing on the first visit: 81%",
                 "Fines collected by the office: $48,300"):  # fmt: skip
        assert line in texts, (line, texts)
    # The wrapped paragraph still runs across its line breaks.
    assert any(t.startswith("The office inspects") and t.endswith("each\nyear to the county "
               "board on what its inspectors found.") for t in texts), texts  # fmt: skip


def test_a_wrapped_line_before_a_capital_still_runs_on() -> None:
    # Breaks the wrapper made (the text is wrapped near 79 characters): a line that
    # ends on "the", or that is near the width.
    text = (
        "The committee met on Tuesday and heard from the mayor and from the heads of the\n"
        "Water Board and the Parks Department, who asked for more money for the summer\n"
        "season and for the repairs to the two bridges that the flood damaged in late\n"
        "May and June, before the members voted to put the plan off until the autumn.\n"
        "The chair said the board would meet again in the first week of September, when\n"
        "the report is due.\n"
    )
    found = [t for t, _ in _units(text)]
    assert len(found) == 2, found
    assert found[0].endswith("until the autumn."), found


def test_a_short_line_over_a_capital_in_plain_text_is_its_own_unit() -> None:
    # Not hard-wrapped (one paragraph per line): a line without a stop is the writer's.
    text = (
        "Harbor News\n\n"
        '"Storm Surge Floods Three Piers in Old Town"\n'
        "Reporter: Dana Whitfield\n"
        "Outlet: Coastal Daily\n"
        "Summary: The storm on March 3 flooded three piers and closed the ferry for a day.\n"
    )
    found = _units(text)
    assert ('"Storm Surge Floods Three Piers in Old Town"', HEADING) in found
    assert ("Reporter: Dana Whitfield", HEADING) in found
    assert ("Outlet: Coastal Daily", HEADING) in found


def test_a_date_and_time_line_is_a_dateline() -> None:
    text = "Harbor Observatory\nMonday, June 7, 2021 8:40 AM EDT (Monday, June 7, 2021 12:40 UTC)\n"
    assert ("Monday, June 7, 2021 8:40 AM EDT (Monday, June 7, 2021 12:40 UTC)", META) in (
        _units(text)
    )


@pytest.mark.parametrize(
    "line",
    [
        "Current Flood Alert Level: WARNING",
        "Fire Danger Rating: EXTREME",
        "Harbor Status Code: Red",
        "Tonnage shipped in the second half of the year: 4.2 million",
        "Money returned to the state fund: $12,840",
    ],
)
def test_status_and_value_lines_are_fact_lines(line: str) -> None:
    assert fact_line(line)


@pytest.mark.parametrize(
    "line",
    ["Station: 88 KXRT", "Reporter: Dana Whitfield", "Title: Senior Engineer", "Status: open"],
)
def test_names_after_a_label_are_no_fact_lines(line: str) -> None:
    # A call sign is a name, not a unit; a name or a job is no measured value.
    assert not fact_line(line)


def test_a_value_line_whose_label_starts_like_a_command_is_proposed() -> None:
    # "Check" and "Order" open commands, but here they name a value.
    text = "Ferry report\n\nCheck rejection rate at the ticket office: 3.5%\n"
    assert "Check rejection rate at the ticket office: 3.5%" in [
        c.text for c in propose_claims(text)
    ]


@pytest.mark.parametrize(
    "title",
    [
        "Most Recent Reports",
        "Library Service Updates, Alerts, and Press Releases",
        "County Firm Recalls",
        "Harbor Resources : Recalls & Alerts",
        "Keeping Up with Ferry Schedules in Winter",
        "Making Sure Seniors Are Ready if They Need Cooling Centers",
        "Ferry Safety: Better Inspections Needed for Aging Piers",
        "Staff Unit: USDA-ARS Coastal Plants Research Unit",
        "Featured Sites: Port Authority Dale Hollows Marine Center: Newport, OR",
    ],
)
def test_section_names_topics_and_recommendations_are_not_factual_titles(title: str) -> None:
    assert not factual_title(title, need_verb=True), title


@pytest.mark.parametrize(
    "title",
    [
        "County Reports 14 New Cases of Measles",
        "State Recalls Canned Beans Sold in Nine Counties",
        "Swimming Daily Lowers Blood Pressure in Older Adults",
        "Ferry Update: Port Authority Closes Two Piers After Storm",
    ],
)
def test_headlines_with_such_verbs_stay_factual(title: str) -> None:
    assert factual_title(title, need_verb=True), title


def test_a_long_line_in_a_news_list_is_a_headline() -> None:
    # Titles and dated summaries, one per line: a title too long for a heading's rules
    # is a headline all the same.
    text = (
        "Latest News\n\n"
        "New harbor dredging method leads to deeper channel for cargo ships entering the port "
        "at low tide\n\n"
        "May 3, 2021 — The port finished dredging the channel on Monday.\n"
    )
    proposed = [c.text for c in propose_claims(text)]
    assert any(t.startswith("New harbor dredging method leads") for t in proposed), proposed


def test_a_breadcrumb_does_not_take_the_title() -> None:
    text = (
        "news and events\n\n"
        "County Engineer’s Flood Work Earns State Medal of Service Recognition\n\n"
        "The engineer has rebuilt 40 culverts since 2015.\n"
    )
    assert any(
        c.text.startswith("County Engineer’s Flood Work Earns") for c in propose_claims(text)
    )


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


def test_a_long_subject_is_cut_to_its_head_before_a_label_dangles() -> None:
    # No start of the claim within 60 characters ends a phrase ("... releases new" |
    # "shoreline maps"): the subject keeps its first word and its head.
    label = make_label("HARBOR-NET regional flood alert network releases new shoreline maps")
    assert label == "HARBOR-NET network releases new shoreline maps"
    # A subject that is a phrase (a preposition in it) is left alone.
    assert _head_subject("The map of the coast releases new data") is None
