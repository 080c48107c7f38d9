"""Proposal of the claims a desk picks: titles, counts, outcomes; whole-phrase labels."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from annotator.text.checkworthiness import score_sentence
from annotator.text.labels import _TRAILING, MAX_LABEL, make_label
from annotator.text.proposer import DEFAULT_THRESHOLD, factual_title, propose_claims
from annotator.text.quantities import find_quantities


def proposed(text: str) -> list[str]:
    return [c.text for c in propose_claims(text)]


def test_a_factual_title_is_proposed_and_a_topic_title_is_not() -> None:
    body = "\n\nThe agency said the bill passed 65-35 on Thursday.\n"
    assert proposed("Senate passes stopgap funding bill" + body)[0].startswith("Senate passes")
    assert proposed("Budget update" + body)[0].startswith("The agency")
    assert factual_title("Unemployment rate falls to 6.3% in January")
    assert factual_title("New NASA Mission to Study Ocean Color")
    assert not factual_title("MDMA-Assisted Therapy: A Promising Treatment")
    assert not factual_title("Latest outbreaks")


def test_a_section_headline_is_proposed_and_a_section_label_is_not() -> None:
    # A digest of news items: each item's headline states what happened (GUIDELINE.md:
    # a subheadline is a unit like any other); a heading that only names a topic, a
    # date or a release code is not a claim.
    text = (
        "Regional health digest\n\n"
        "Listeria in Ohio: State lab traces illnesses to bagged sprouts\n\n"
        "Officials counted 14 cases in May.\n\n"
        "Background\n\n"
        "Release No. 23-0417\n\n"
        "Thu, 2023-05-11 09:30\n\n"
        "The clinic will reopen in the fall.\n\n"
        "Ferry fares likely to rise 5% this winter\n\n"
        "The board meets on Tuesday.\n"
    )
    claims = proposed(text)
    assert "Listeria in Ohio: State lab traces illnesses to bagged sprouts" in claims
    assert "Ferry fares likely to rise 5% this winter" in claims
    for label in ("Background", "Release No. 23-0417", "Thu, 2023-05-11 09:30"):
        assert label not in claims
    # A number alone makes an article's title factual, not a section's heading.
    assert factual_title("Grain harvest: 4.2 million tonnes")
    assert not factual_title("Grain harvest: 4.2 million tonnes", need_verb=True)


def test_headline_grammar_without_title_case() -> None:
    for title in (
        "Wheat harvest and grain exports unchanged",  # a state, "are" left out
        "Jobless rate steady at 4 percent",
        "Mortgage rates higher for a third week",
        "Ferry service likely to resume by spring",  # a forecast
        "The oldest paper mill in Maine will close next year",
        "Quarterly copper imports in May 2022 reach a new high",  # subject, phrase, verb
        "Mill town: State investigates water complaints",
        "Dam failure: Engineers traced the leak to a cracked pipe",
    ):
        assert factual_title(title, need_verb=True), title
    for title in (
        "Lower back pain in older adults",
        "Tips for a stable household budget",
        "Steady state models of river flow",
        "Ten ways to reduce your heating bill",
        "New Reports of Flooding Along the Coast",
        "Traces of Ancient Rivers",
        "Economic News Release 2023",
        "How prices will change",
    ):
        assert not factual_title(title, need_verb=True), title


def test_counts_written_as_words_are_quantities() -> None:
    assert find_quantities("The spacecraft is outfitted with four reaction wheels.")
    assert find_quantities("Seven continued to show a positive response.")
    assert not find_quantities("It is one of the best.")


def test_short_sentences_with_numbers_dates_or_outcomes_are_proposed() -> None:
    for sentence in (
        "Twenty-one states have reported 52 illnesses.",
        "Three states have reported four ill people, including one who was hospitalized.",
        "The lowest dose had no effect in the trial of 300 patients.",
    ):
        score, reasons = score_sentence(sentence)
        assert score >= DEFAULT_THRESHOLD, (sentence, reasons)


def test_advice_intent_and_lead_ins_are_not_proposed() -> None:
    for sentence in (
        "CDC recommends that consumers not use any of the recalled flour.",
        "If you have the product and do not know if it was recalled, do not eat it.",
        "The Committee will continue to monitor the implications of incoming information.",
        "Specifically, the new agreement provides:",
    ):
        score, reasons = score_sentence(sentence)
        assert score < DEFAULT_THRESHOLD, (sentence, reasons)


_FUNCTION = {"a", "an", "the", "of", "to", "in", "and", "or", "like", "with", "will", "is"}


def test_long_labels_end_on_a_whole_phrase() -> None:
    label = make_label(
        "The prefrontal cortex oversees executive functions like emotional regulation that "
        "go offline when trauma triggers the response."
    )
    assert label == "The prefrontal cortex oversees executive functions"
    label = make_label(
        "President Joe Biden signed the legislation into law Thursday night at the White House."
    )
    assert label == "President Joe Biden signed the legislation"


def test_a_label_never_stops_on_a_verb_of_saying() -> None:
    # A study size before "found" is part of the frame, and the finding is the label.
    label = make_label(
        "A 2021 review of 3,500 patients found that the drug cut the risk of stroke by a third"
    )
    assert label == "The drug cut stroke risk by a third"
    # "that" after a verb of saying goes before the label is cut.
    label = make_label("The reporter asked whether she thought that Ohio was responsible.")
    assert label == "The reporter asked whether she thought Ohio was responsible"


def test_a_long_label_loses_a_named_place_before_it_is_cut() -> None:
    label = make_label(
        "Volunteers at the Cedar Rapids Community Food Bank are packing meals that will "
        "reach families across the county this winter."
    )
    assert label == "Volunteers are packing meals that will reach families", label


def test_a_nominal_turns_one_word_only() -> None:
    assert make_label("The drug lowered the risk of relapse by 30 percent.") == (
        "The drug lowered relapse risk by 30 percent"
    )
    assert "risk of heart attack" in make_label("The pill cut the risk of heart attack in men.")


_TEXT = (
    "the agency said new rules cut costs of care by half for most of the patients in "
    "three states while others like them saw no change at all during 2020"
)
_WORDS = _TEXT.split(" ")


@given(st.lists(st.sampled_from(_WORDS), min_size=3, max_size=40))
def test_labels_fit_and_never_end_on_a_function_word(words: list[str]) -> None:
    assume(any(w.lower() not in _TRAILING for w in words))  # a phrase, not only glue
    label = make_label(" ".join(words) + ".")
    assert len(label) <= MAX_LABEL
    assert label.split()[-1].lower() not in _FUNCTION


def parts(sentence: str) -> list[tuple[str, str]]:
    from annotator.text.atomic_claims import atomic_parts

    return [(sentence[p.start : p.end], p.subject) for p in atomic_parts(sentence)]


def test_predicate_lists_split_and_keep_their_subject() -> None:
    assert parts("The outbreak sickened 214 people, hospitalized 37 and killed 2.") == [
        ("The outbreak sickened 214 people", ""),
        ("hospitalized 37", "The outbreak"),
        ("killed 2.", "The outbreak"),
    ]


def test_negated_disjunctions_split_and_keep_the_negation() -> None:
    assert parts("The drug did not reduce mortality or prevent heart attacks.") == [
        ("The drug did not reduce mortality", ""),
        ("prevent heart attacks.", "The drug did not"),
    ]
    assert parts("Patients could choose to walk or run each day.") == [
        ("Patients could choose to walk or run each day.", "")
    ]


def test_coordinated_clauses_split() -> None:
    for sentence, first in (
        ("The unemployment rate fell to 6.3 percent, and payroll employment changed little.",
         "The unemployment rate fell to 6.3 percent"),
        ("Exports rose 4 percent, but imports fell 2 percent.", "Exports rose 4 percent"),
        ("The Senate vote was 65-35, while the House vote was 254-175.",
         "The Senate vote was 65-35"),
        ("Prices rose 3 percent in May; wages rose 1 percent.", "Prices rose 3 percent in May"),
    ):  # fmt: skip
        got = parts(sentence)
        assert len(got) == 2 and got[0] == (first, ""), got


def test_a_split_part_keeps_its_subject_label_and_score() -> None:
    text = "The vaccine cut the risk of heart attack by a fifth and lowered deaths by 10 percent."
    claims = propose_claims(text, include_all=True)
    assert len(claims) == 2 and "vaccine" in claims[1].label.lower()  # "Vaccine: 10% ..."
    whole = score_sentence(text)[0]
    assert all(c.score >= whole for c in claims)


def test_title_forms_of_claims() -> None:
    assert factual_title("More Children Live With Just Their Fathers Than a Decade Ago")
    assert factual_title("Voters Approve School Bond")
    assert not factual_title("Readout of the Convening on Access to Fertility Care")


def test_the_categories_a_desk_checks_are_proposed() -> None:
    for sentence in (
        "The trial enrolled 10,000 heart attack survivors.",  # study size
        "For the first time, doctors used the drug in children.",  # a first
        "The pill costs $1,200 a month.",  # a price
        "The lowest dose had no effect.",  # a short negative finding
        "Sales more than tripled last year.",  # multiples
        "The plan would cost six trillion dollars.",  # a spelled-out amount
        "Senator Smith voted against the bill.",  # what a named person did
        "Seven continued to show a positive response at three months.",  # short, numbers
    ):
        score, reasons = score_sentence(sentence)
        assert score >= DEFAULT_THRESHOLD, (sentence, reasons)


def test_the_usual_false_proposals_are_not() -> None:
    for sentence in (
        "It could work for some people.",  # "work" is no causal cue, and a hedge
        "We need to cut red tape and raise our sights.",  # "cut", "raise"
        "“This is a game changer for families,” she said.",  # a quoted opinion
        "The AP is solely responsible for all content.",  # a credit line
        "If you or someone you know is struggling, call or text 988.",  # a help line
    ):
        score, reasons = score_sentence(sentence)
        assert score < DEFAULT_THRESHOLD, (sentence, reasons)


def test_clauses_with_verbs_outside_the_lexicon_split() -> None:
    assert parts("The council approved the plan, and the mayor vetoed it on Friday.") == [
        ("The council approved the plan", ""),
        ("the mayor vetoed it on Friday.", ""),
    ]
    assert parts("The firm hired 90 people in May, but it laid off 40 in June.") == [
        ("The firm hired 90 people in May", ""),
        ("it laid off 40 in June.", ""),
    ]


def test_while_joins_clauses_without_a_comma() -> None:
    assert parts("Rents rose 6 percent while wages rose 2 percent.") == [
        ("Rents rose 6 percent", ""),
        ("wages rose 2 percent.", ""),
    ]
    # "while" before a participle joins no clause.
    assert len(parts("Two workers were hurt while repairing the roof of the depot.")) == 1


def test_predicate_lists_of_any_past_verbs_keep_their_subject() -> None:
    assert parts("The flood destroyed 60 homes, damaged 200 more and left 9,000 without power.")[
        1:
    ] == [("damaged 200 more", "The flood"), ("left 9,000 without power.", "The flood")]
    # A count after a verb of reporting is its object, not a reported clause.
    assert parts("The county reported 12 cases, hospitalized 3 people and closed a pool.")[1:] == [
        ("hospitalized 3 people", "The county"),
        ("closed a pool.", "The county"),
    ]


def test_a_negated_past_disjunction_keeps_the_negation() -> None:
    assert parts("The landlord never repaired the heating or refunded the deposit.") == [
        ("The landlord never repaired the heating", ""),
        ("refunded the deposit.", "The landlord never"),
    ]


def test_a_subject_before_an_aside_is_kept() -> None:
    got = parts("The pill, which costs $40 a month, cut migraines by half and reduced sick days.")
    assert got[1] == ("reduced sick days.", "The pill")


def test_a_label_that_would_stop_inside_a_phrase_takes_a_whole_one() -> None:
    # Each used to stop on a word its phrase goes on from: "will save" | "even more",
    # "does not show" | "that", "the federal government will cover" | "two-thirds".
    assert (
        make_label(
            "Middle-income families will save even more money with an increased child tax "
            "credit for children under the age of 17, which families asked for."
        )
        == "Middle-income families will save even more money"
    )
    assert make_label("The record does not show that.") == "The record does not show that"
    assert (
        make_label(
            "The fine print says this, that it will -- the federal government will cover "
            "two-thirds of the cost and require the states to pay the rest."
        )
        == "The federal government will cover two-thirds of the cost"
    )
    # A name is not cut in two: "Citizens" | "United".
    label = make_label(
        "This nominee has not yet done that, but it is crystal clear that he will vote "
        "to overturn Citizens United in the first year."
    )
    assert not label.endswith("Citizens")


def test_headline_verbs_no_lexicon_lists_are_read_from_headline_grammar() -> None:
    for title in (
        "Hubble Spots Rare Star Collision",
        "Treasury Sanctions Russian Oil Traders",
        "NOAA Forecasts Above-Normal Hurricane Season",
        "President Biden Nominates Judge to Appeals Court",
        "Rare Whale Spotted Off Oregon Coast",
    ):
        assert factual_title(title), title
    for title in (
        "Health Effects of Wildfire Smoke",
        "Safety Tips for Families",
        "Climate Change Impacts on Agriculture",
        "Frequently Asked Questions",
        "How Vaccines Work",
        "Digital Humanities Clinics - Leading Dutch Librarians into DH",
    ):
        assert not factual_title(title), title


def test_short_findings_records_and_comparisons_are_proposed() -> None:
    for sentence in (
        "No deaths have been reported.",
        "There are no approved treatments for the disease.",
        "This is the hottest year on record.",
        "Patients who received the drug lived longer.",
    ):
        score, reasons = score_sentence(sentence)
        assert score >= DEFAULT_THRESHOLD, (sentence, reasons)


def test_a_markdown_headline_is_proposed_without_its_marks() -> None:
    # The "#" is markup: the claim (and its label) is the heading's words, and a
    # headline that halves or doubles something states a change.
    text = "# New pill halves migraine days ##\n\nThe trial enrolled 400 adults in 2023.\n"
    claims = propose_claims(text)
    headline = claims[0]
    assert text[headline.start : headline.end] == "New pill halves migraine days"
    assert headline.label == "New pill halves migraine days"
    assert "trend" in headline.reasons
    doubled = propose_claims("## Average rent doubles in a decade\n\nIt rose 104 percent.\n")
    assert doubled[0].label == "Average rent doubles in a decade"
    assert "trend" in doubled[0].reasons
