"""Issue 15, fifth pass: categories of false proposals and misses, each with sentences
written for these tests (none is copied from the evaluation articles)."""

from __future__ import annotations

import pytest

from annotator.text import checkworthiness
from annotator.text.checkworthiness import score_sentence
from annotator.text.proposer import DEFAULT_THRESHOLD
from tests.sentence_scores import check_tag, is_proposed


@pytest.mark.parametrize(
    "sentence",
    [
        "The Minister reiterated the firm support of Canada for the island's recovery.",
        "The three envoys expressed their shared hope for a lasting ceasefire.",
        "The Governor conveyed condolences to the families of the miners in Utah.",
        "The Ambassador stressed the need for a swift return to negotiations.",
        "Both delegations underlined the value of the 1998 accord.",
    ],
)
def test_what_a_meeting_said_is_talk(sentence: str) -> None:
    check_tag(sentence, "talk", tagged=True, proposed=False)


def test_expressed_and_stressed_outside_talk_are_no_talk() -> None:
    # A gene is expressed, a crop is stressed: no one talked.
    for sentence in (
        "The gene was expressed in 40 percent of the tumor cells.",
        "Wheat stressed by drought in 2022 yielded a third less grain.",
    ):
        check_tag(sentence, "talk", tagged=False, proposed=True)


@pytest.mark.parametrize(
    "sentence",
    [
        "The European Union condemns the shelling of the hospital in the strongest terms.",
        "Norway calls on both governments to release the detained journalists.",
        "The mayors praised the grant, calling on the state to renew the program in 2025.",
        "The Administration stands with the farmers of the Midwest.",
        "Canada deplores the decision to close the border crossing.",
    ],
)
def test_a_stand_in_the_present_tense_is_opinion(sentence: str) -> None:
    check_tag(sentence, "opinion", tagged=True, proposed=False)


def test_a_stand_that_was_taken_stays_an_act() -> None:
    # What a body did is a record: the past tense is no stand in the speaker's voice.
    score, reasons = score_sentence(
        "The Security Council condemned the attack in a vote of 14 to 1 on Friday."
    )
    assert "opinion" not in reasons and score >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    "sentence",
    [
        "The new survey suggests that teenagers in rural towns sleep an hour less.",
        "Results from the trial suggest the vaccine prevents severe illness in infants.",
        "Data gathered by the probe suggest the comet's tail holds frozen ammonia.",
        "The analysis suggests that the lake's water level is falling each summer.",
    ],
)
def test_what_a_study_suggests_is_a_finding(sentence: str) -> None:
    score, reasons = score_sentence(sentence)
    assert "finding" in reasons and "hedge" in reasons, (sentence, reasons)
    assert score >= DEFAULT_THRESHOLD, (sentence, score)


def test_suggests_without_a_study_before_it_stays_a_hedge() -> None:
    for sentence in (
        "This suggests the bridge may need repairs before winter.",
        "The authors suggest that readers take the results with caution.",
    ):
        check_tag(sentence, "finding", tagged=False, proposed=False)


def test_what_is_needed_is_a_view() -> None:
    for sentence in (
        "These findings suggest that more research is needed.",
        "Further studies are needed to confirm the link between diet and mood.",
    ):
        check_tag(sentence, "opinion", tagged=True, proposed=False)
    # A need counted by an inspection is still its record.
    assert is_proposed("Repairs are needed on 300 of the county bridges, the inspection found.")


@pytest.mark.parametrize(
    "sentence",
    [
        "The county is partnering with two hospitals to reduce waiting times.",
        "State officials are working with growers to prevent the spread of the beetle.",
        "The pilot could inform programs to improve reading in rural schools.",
        "The new standard is a major step forward in protecting miners from dust.",
        "The bank will keep shrinking its bond holdings and continue reducing its loans.",
    ],
)
def test_a_causal_verb_of_an_aim_is_no_effect(sentence: str) -> None:
    check_tag(sentence, "causal", tagged=False, proposed=False)


@pytest.mark.parametrize(
    "sentence",
    [
        # Effects: found, shown, likely, able, or the verb itself.
        "The vaccine was shown to reduce hospital stays among infants.",
        "Daily walks are likely to lower blood pressure in older adults.",
        "The treaty lets each country be able to increase its fishing quota.",
        "Fluoride in tap water prevents tooth decay.",
        # An aim beside a past event is what someone did.
        "The senator worked with growers to reduce pesticide runoff into the bay.",
        # A causal phrase is never an aim.
        "Rising rents are linked to higher eviction rates.",
    ],
)
def test_a_causal_verb_of_an_effect_or_a_record_keeps_its_cue(sentence: str) -> None:
    assert "causal" in score_sentence(sentence)[1], sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Today's grant builds on the city's ongoing work to restore the river banks.",
        "The new curfew is part of a broader effort by the mayor to curb late-night noise.",
        "The agreement marks a historic step toward cleaner air in the valley.",
        "This rule is an important step forward for patients with rare diseases.",
        "The grant is part of the Governor's Clean Harbors agenda.",
    ],
)
def test_where_an_action_stands_in_a_larger_story_is_framing(sentence: str) -> None:
    check_tag(sentence, "framing", tagged=True, proposed=False)


def test_framing_beside_a_record_leaves_the_record_proposed() -> None:
    # The step is framing; the $40 million awarded in March is still a claim.
    score, reasons = score_sentence(
        "The county awarded $40 million in March, the next step in its plan to replace pipes."
    )
    assert "framing" in reasons and score >= DEFAULT_THRESHOLD
    # A first step may be a record of a first: no framing.
    assert "framing" not in score_sentence("The vote was the first step in repealing the tax.")[1]


@pytest.mark.parametrize(
    "sentence",
    [
        "The flood maps can be used by county engineers to plan new culverts.",
        "These results could inform programs that screen older drivers.",
        "The survey of nesting sites may eventually guide protection of the plover.",
        "The discovery offers clues to how the first stars formed in the early universe.",
        "The new sensor could pave the way for cheaper air monitors in schools.",
        "The design is paving the way for quieter wind turbines.",
        "The bones give researchers new insight into how early whales moved in water.",
        "The fossil sheds light on how feathered dinosaurs cared for their young.",
    ],
)
def test_a_use_foreseen_is_a_prospect(sentence: str) -> None:
    check_tag(sentence, "prospect", tagged=True, proposed=False)


def test_a_prospect_beside_a_finding_leaves_the_finding_proposed() -> None:
    score, reasons = score_sentence(
        "The trial found that the pill cut migraines by 40 percent and could help "
        "millions of patients."
    )
    assert "prospect" in reasons and score >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("sentence", "tag"),
    [
        ("Hikers are encouraged to report sick deer to the state wildlife office.", "advice"),
        ("Travelers to the island are advised to carry insect repellent.", "advice"),
        ("The Ministry is deeply concerned by reports of fighting near the border.", "opinion"),
        ("Aid groups remain gravely concerned about food supplies in the north.", "opinion"),
        ("Dengue remains a serious concern in coastal towns across the region.", "opinion"),
        ("Bird flu on dairy farms is a growing concern for state veterinarians.", "opinion"),
    ],
)
def test_passive_advice_and_a_voiced_concern_are_no_claims(sentence: str, tag: str) -> None:
    check_tag(sentence, tag, tagged=True, proposed=False)


def test_a_concern_that_was_measured_is_a_claim() -> None:
    # A share of people who are concerned, counted by a poll, is a record.
    assert is_proposed("In the 2023 poll, 62 percent of farmers are concerned about water prices.")


@pytest.mark.parametrize(
    "sentence",
    [
        "The closure will not significantly affect bus service in the county.",
        "The new tariff could impact prices of imported steel.",
        "Smoke from the fires did not affect air quality in the valley.",
    ],
)
def test_affect_and_impact_as_verbs_are_causal(sentence: str) -> None:
    check_tag(sentence, "causal", tagged=True, proposed=True)


def test_impact_as_a_noun_is_no_causal_verb() -> None:
    for sentence in (
        "The impact of the storm on tourism remains unclear.",
        "Residents of affected areas can apply for aid.",
    ):
        assert "causal" not in score_sentence(sentence)[1], sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "The attached map shows each school district in the state.",
        "Ticks pick up the germ from the blood of an infected deer.",
        "Each signed form goes to the county clerk's office.",
    ],
)
def test_a_participle_after_a_determiner_is_no_event(sentence: str) -> None:
    check_tag(sentence, "event", tagged=False, proposed=False)


@pytest.mark.parametrize(
    "sentence",
    [
        "The county updated its flood maps in 2021.",
        "A storm that flooded the valley destroyed the bridge.",
        "Launched in 2007, the probe reached the asteroid belt four years later.",
    ],
)
def test_a_past_verb_stays_an_event(sentence: str) -> None:
    assert "event" in score_sentence(sentence)[1], sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Geologists long assumed the valley floor was stable.",
        "The shipwreck is believed to lie somewhere off the northern cape.",
        "Astronomers once thought the dwarf planet had a thick crust of ice.",
    ],
)
def test_what_was_believed_is_no_event(sentence: str) -> None:
    check_tag(sentence, "event", tagged=False, proposed=False)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Allied Pilots Association represents pilots at the airline.",
        "Members of the Confederated Salish Tribes fish the river each spring.",
    ],
)
def test_a_capitalised_participle_inside_a_name_is_no_event(sentence: str) -> None:
    assert "event" not in score_sentence(sentence)[1], sentence


def test_the_same_word_as_a_verb_is_an_event() -> None:
    for sentence in (
        "Officials said the Allied Pilots Association approved the contract.",
        "Launched in 2007, the probe reached the asteroid belt four years later.",
        "Two tribes confederated in 1855 under the treaty.",
    ):
        assert "event" in score_sentence(sentence)[1], sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Tsunamis are usually caused by earthquakes under the sea floor.",
        "The national seed bank is managed by a board of five botanists.",
    ],
)
def test_a_present_passive_with_its_agent_is_no_event(sentence: str) -> None:
    check_tag(sentence, "event", tagged=False, proposed=False)


def test_a_past_passive_with_its_agent_is_an_event() -> None:
    for sentence in (
        "The 2004 tsunami was caused by an earthquake off Sumatra.",
        "The seed bank, managed by a board of botanists, opened in 2008.",
    ):
        assert "event" in score_sentence(sentence)[1], sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Left untreated, Lyme disease can lead to joint pain and heart problems.",
        "Extreme heat can cause dehydration and kidney damage in older adults.",
        "A drought is defined as a long spell of unusually low rainfall.",
        "A heat dome refers to a ridge of high pressure that traps warm air.",
    ],
)
def test_what_can_happen_in_general_is_background(sentence: str) -> None:
    check_tag(sentence, "general", tagged=True, proposed=False)


def test_a_case_or_a_finding_beside_a_general_risk_is_proposed() -> None:
    score, reasons = score_sentence(
        "The heat wave killed 12 people in Ohio, a reminder that heat can cause deaths."
    )
    assert "general" in reasons and score >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    "sentence",
    [
        "Lockwood Aerospace will build the probe's camera.",
        "The Army Corps of Engineers will manage the levee repairs.",
        "The county will hire nurses for its two rural clinics.",
    ],
)
def test_what_a_named_body_is_set_to_do_is_proposed(sentence: str) -> None:
    check_tag(sentence, "assignment", tagged=True, proposed=True)


@pytest.mark.parametrize(
    "sentence",
    [
        "We will build a new bridge over the river.",
        "It will create thousands of jobs across the state.",
        "The plan, which will create new parks, goes to a vote in May.",
        "This, in the end, will create more traffic downtown.",
        "The two agencies will build on the success of the pilot.",
    ],
)
def test_a_promise_or_a_pronouns_forecast_is_no_assignment(sentence: str) -> None:
    assert "assignment" not in score_sentence(sentence)[1], sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "The Reserve Bank seeks to keep consumer price inflation between 2 and 3 percent "
        "over the medium term.",
        "The Council strives to hold unemployment at 4 percent over the business cycle.",
    ],
)
def test_a_number_in_a_standing_goal_is_the_goals(sentence: str) -> None:
    check_tag(sentence, "goal", tagged=True, proposed=False)


def test_a_goal_that_was_set_is_a_record() -> None:
    # Setting the goal is what the board did: no standing policy.
    for sentence in (
        "The board set a goal in 2019 of cutting emissions 50 percent by 2030.",
        "The city adopted a plan that aims to cut traffic deaths 30 percent by 2030.",
    ):
        check_tag(sentence, "goal", tagged=False, proposed=True)


@pytest.mark.parametrize(
    ("sentence", "tag"),
    [
        ("Staff of the Office of Disease Prevention met in Atlanta.", "causal"),
        ("The grant comes from the Coastal Protection Fund of the state.", "causal"),
        ("The First Lady visited a school in Ohio.", "absolute"),
        ("The Bureau of Price Statistics moved to a new building.", "economy"),
    ],
)
def test_a_cue_word_inside_a_name_says_who_not_what(sentence: str, tag: str) -> None:
    assert tag not in score_sentence(sentence)[1], sentence


def test_the_same_word_in_lower_case_or_in_a_title_case_headline_keeps_its_cue() -> None:
    assert "causal" in score_sentence("Masks helped with the prevention of flu in Ohio.")[1]
    assert "causal" in score_sentence("Prevention of flu in schools cut absences by a third.")[1]
    # Title Case capitalises every word, names or not.
    headline = "New Drug Lowers Risk of Stroke in Older Adults"
    assert "causal" in score_sentence(headline)[1]


def test_a_named_study_is_still_a_study() -> None:
    sentence = "Figures from the National Sleep Habits Survey were released in May."
    assert "study" in score_sentence(sentence)[1]


def test_where_a_thing_is_found_is_no_finding() -> None:
    score, reasons = score_sentence("Listeria is commonly found in soil and in river water.")
    assert "finding" not in reasons and "event" not in reasons, reasons
    assert score < DEFAULT_THRESHOLD
    # What was found is a finding.
    score, reasons = score_sentence("Arsenic was found in 30 of the county's wells.")
    assert "finding" in reasons and score >= DEFAULT_THRESHOLD


def test_no_before_a_participle_claims_that_none_happened() -> None:
    assert "event" in score_sentence("There are no licensed vaccines against the virus.")[1]
    score, reasons = score_sentence("There were no confirmed cases in the county last week.")
    assert "event" in reasons and score >= DEFAULT_THRESHOLD, (score, reasons)


@pytest.mark.parametrize(
    "sentence",
    [
        "An image of the glacier taken by a survey plane on June 4, 2021.",
        "This photo shows the 2019 flood from the bridge over the Elk River.",
        "A rendering of the new terminal shows its 40 gates and a rail link.",
    ],
)
def test_a_picture_caption_is_no_claim(sentence: str) -> None:
    check_tag(sentence, "caption", tagged=True, proposed=False)


def test_a_sentence_about_images_is_no_caption() -> None:
    # An image as the subject of what was done, or a count of images, is no caption.
    for sentence in (
        "The telescope took an image of 40 galaxies in 2019.",
        "Images from the probe showed ice at the pole in 2008.",
    ):
        check_tag(sentence, "caption", tagged=False, proposed=True)


def test_an_editors_note_is_boilerplate() -> None:
    score, reasons = score_sentence(
        "Editor's note: This story was updated on May 3 to correct a date."
    )
    assert reasons == ("boilerplate",) and score == 0.0


def test_a_news_release_as_a_noun_is_no_causal_release() -> None:
    # The release is the document: no effect, and what it holds is framing.
    check_tag(
        "This release presents data on wages and hours by state and industry.",
        "framing",
        tagged=True,
        proposed=False,
    )
    assert "causal" not in score_sentence("Read the full release on the agency's site.")[1]
    # The verb of an effect keeps its cue.
    assert "causal" in score_sentence("The cells release insulin when sugar rises.")[1]


def test_a_help_line_and_a_story_note_are_no_claims() -> None:
    check_tag(
        "Help is available: the state's poison line can be reached at 1-800-222-1222.",
        "procedure",
        tagged=True,
        proposed=False,
    )
    for sentence in (
        "This story was produced with support from a regional health foundation.",
        "This article was originally published on June 2, 2023.",
    ):
        score, reasons = score_sentence(sentence)
        assert reasons == ("boilerplate",) and score == 0.0, (sentence, reasons)


@pytest.mark.parametrize(
    "sentence",
    [
        "The county will host a webinar on May 9 to walk residents through the new maps.",
        "The Weather Service will hold a media teleconference at 2 p.m. EDT on Monday.",
    ],
)
def test_a_media_advisorys_event_is_procedure(sentence: str) -> None:
    check_tag(sentence, "procedure", tagged=True, proposed=False)


def test_what_was_said_at_a_news_conference_is_still_a_claim() -> None:
    check_tag(
        "At a news conference on Tuesday, the governor announced 300 new state jobs.",
        "procedure",
        tagged=True,
        proposed=True,
    )


def test_being_part_of_a_counted_whole_is_still_a_claim() -> None:
    check_tag(
        "Ohio is part of the outbreak, with 12 cases reported since May.",
        "framing",
        tagged=True,
        proposed=True,
    )


def test_every_cue_phrase_is_two_words() -> None:
    # Phrases are matched as pairs of neighbouring words: one of three words would
    # never match ("pave the way" did not, before it became "pave the").
    for cue in checkworthiness._ALL_CUES:
        for phrase in cue.phrases:
            assert len(phrase.split()) == 2, (cue.tag, phrase)
