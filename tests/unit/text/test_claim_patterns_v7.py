"""Issue 15, seventh pass: headlines in sentence case, topic titles that headline grammar
misread, and the claims of report summaries, speeches and agency posts, each with text
written for these tests (none is copied from the evaluation articles)."""

from __future__ import annotations

import pytest

from annotator.text.atomic_claims import atomic_parts
from annotator.text.checkworthiness import score_sentence
from annotator.text.labels import make_label
from annotator.text.proposer import fact_line, factual_title
from tests.sentence_scores import check_tag


@pytest.mark.parametrize(
    "title",
    [
        "EPA halts permit review for two coastal refineries",
        "WHO publishes annual count of measles deaths in Europe",
        "The FAA grounds older jets after a cabin panel failure",
    ],
)
def test_a_sentence_case_headline_with_a_named_subject_states_something(title: str) -> None:
    # A name or an acronym, a verb in "-s" that no lexicon lists, then its object.
    assert factual_title(title), title


@pytest.mark.parametrize(
    "title",
    [
        "EPA and NOAA launch a joint survey of coastal wetlands",
        "County and State partner to repair the harbor's two piers",
    ],
)
def test_a_headline_with_two_named_subjects_states_something(title: str) -> None:
    # A base form after two names joined by "and", before its object or "to" and a verb.
    assert factual_title(title), title


@pytest.mark.parametrize(
    "title",
    [
        "EPA and NOAA grants for coastal towns and cities",
        "Army and Navy football rivalry through the years",
        "FDA and CDC guidance on masks in schools",
    ],
)
def test_two_names_before_a_topic_are_no_headline(title: str) -> None:
    assert not factual_title(title), title


@pytest.mark.parametrize(
    "title",
    [
        "NASA missions overview",
        "CDC guidelines for schools and parents",
        "Harbor tours and ferry schedules",
        "Census Bureau programs at a glance",
        "Health effects of wildfire smoke on children",
    ],
)
def test_a_sentence_case_topic_is_no_headline(title: str) -> None:
    # A plural noun with no object of three words after it, or before a preposition.
    assert not factual_title(title), title


@pytest.mark.parametrize(
    "title",
    [
        # An "-ed" word joined to another, or after a preposition, is an adjective.
        "Chemical Makeup Of Self-Cleaning Glass Coatings",
        "Field Notes on Long-Awaited Harbor Projects",
        "Survey Of Harvested Timber Stands",
        # Phrases listed with commas: no "-s" word there has an object.
        "Retail Sales, April 2020; Wholesale Inventories, March 2020",
        # A series name and its code.
        "2020 Harbor Briefs HB2020R-04",
        # A list of a bill's sections: "dates" is no verb of the next section's name.
        "Effective dates; Severability Harbor Safety and Ferry Reform Act of 2021 -",
    ],
)
def test_topic_titles_headline_grammar_misread(title: str) -> None:
    assert not factual_title(title), title
    assert not factual_title(title, need_verb=True), title


@pytest.mark.parametrize(
    "title",
    [
        "Hubble Spots Rare Star Collision, Astronomers Say",
        "After Record Storm, Port Authority Closes Two Piers",
        "Rare Whale Spotted Off Oregon Coast",
        "Treasury Sanctions COVID-19 Fraud Ring",
    ],
)
def test_title_case_headlines_stay_factual(title: str) -> None:
    assert factual_title(title, need_verb=True), title


@pytest.mark.parametrize(
    "sentence",
    [
        "Since the ban, the share of bars that allow smoking has been cut in half.",
        "The number of ferry crossings fell by half after the bridge opened.",
    ],
)
def test_a_change_by_half_is_a_trend(sentence: str) -> None:
    check_tag(sentence, "trend", tagged=True, proposed=True)


def test_a_measure_foreseen_to_move_is_a_trend() -> None:
    # What a projection states is checked against it; alone it is one cue.
    _, reasons = score_sentence("The average rent in the county will rise.")
    assert "trend" in reasons


@pytest.mark.parametrize(
    "sentence",
    [
        "The council recently returned from a six-week recess.",
        "The board met again after a twelve-month pause.",
    ],
)
def test_a_spelled_out_duration_is_a_time_frame(sentence: str) -> None:
    check_tag(sentence, "timeframe", tagged=True, proposed=True)


def test_the_leading_cause_is_a_ranking() -> None:
    check_tag(
        "Among the county's exports, lumber was the leading contributor to the drop.",
        "absolute",
        tagged=True,
        proposed=True,
    )


def test_a_mission_stated_is_intent() -> None:
    check_tag(
        "Its mission is to keep the harbor's waters clean for the people of the county.",
        "intent",
        tagged=True,
        proposed=False,
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Details on the ferry schedule can be found in Table 4.2B.",
        "The full list of inspected piers may be found on the website.",
    ],
)
def test_where_a_reader_can_look_is_no_finding(sentence: str) -> None:
    check_tag(sentence, "finding", tagged=False, proposed=False)


def test_what_was_found_is_still_a_finding() -> None:
    check_tag("Traces of lead were found in 30 of the town's wells.", "finding", True, True)


@pytest.mark.parametrize("line", ["Date: 2019 March", "Posted: 2021 Oct 4"])
def test_a_date_field_is_no_fact_line(line: str) -> None:
    assert not fact_line(line)


@pytest.mark.parametrize("line", ["Mass: 10 Mars masses", "Orbital period: 23 hours"])
def test_values_with_units_stay_fact_lines(line: str) -> None:
    assert fact_line(line)


def test_a_time_frame_opening_a_claim_is_no_label() -> None:
    label = make_label("Over the past ten years, the number of ferries on the river has tripled.")
    assert label == "The number of ferries on the river has tripled"


@pytest.mark.parametrize(
    "sentence",
    [
        "None of the lava flows currently pose a threat to nearby towns.",
        "The chemical leak at the harbor posed no risk to the public.",
    ],
)
def test_a_hazard_assessed_is_a_claim(sentence: str) -> None:
    check_tag(sentence, "hazard", tagged=True, proposed=True)


def test_a_pose_that_is_no_hazard_verb_is_left_alone() -> None:
    _, reasons = score_sentence("The models posed for photographs at the harbor.")
    assert "hazard" not in reasons


def test_an_average_or_a_median_is_a_measure() -> None:
    check_tag("The average size of a school district will rise.", "measure", True, True)
    check_tag("The median home price in the county rose.", "measure", True, True)


@pytest.mark.parametrize(
    ("sentence", "parts"),
    [
        # "un-" and "-ed" is an adjective: "unordered" is no second verb of "The firm".
        (
            "The firm also shipped bogus invoices and unordered pendants to buyers without "
            "their consent.",
            1,
        ),
        (
            "The firm sold unlicensed drugs and unapproved devices to clinics in three states.",
            1,
        ),
        # A verb that undoes an act is a verb: two claims.
        ("The agency closed the old pier and unveiled a new ferry terminal in June.", 2),
    ],
)
def test_un_adjectives_are_no_verbs_to_split_at(sentence: str, parts: int) -> None:
    assert len(atomic_parts(sentence)) == parts, [
        sentence[p.start : p.end] for p in atomic_parts(sentence)
    ]


def test_a_quoted_claim_keeps_its_subject_head_in_its_label() -> None:
    # No start of the quote within 60 characters ends a phrase; its subject cut to its
    # head does, as it does without the quotation marks.
    label = make_label(
        '"The National Harbor Safety Survey provides indispensable information about our '
        "county's piers and crews,\" Harbor Director Ann Lee said."
    )
    assert label == "The Survey provides indispensable information", label


@pytest.mark.parametrize(
    "sentence",
    [
        "Steam from the vents near the summit continues.",
        "Weak glow from the lava lake inside the crater continued overnight.",
    ],
)
def test_a_status_line_that_a_state_goes_on_is_proposed(sentence: str) -> None:
    check_tag(sentence, "trend", tagged=True, proposed=True)


def test_continuing_an_effort_is_still_no_status() -> None:
    check_tag("The agency continues to support the harbor's crews.", "trend", False, False)
