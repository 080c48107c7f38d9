"""The check-worthiness score ranks, not only thresholds: few ties, questions, turns."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.text import checkworthiness
from annotator.text.checkworthiness import POLICY_WEIGHT, _bounded, rule_score, score_sentence
from annotator.text.proposer import DEFAULT_THRESHOLD


def score(sentence: str) -> float:
    return score_sentence(sentence)[0]


@given(st.floats(-5, 5), st.floats(-5, 5))
def test_bounding_keeps_the_order_and_stays_inside_0_1(a: float, b: float) -> None:
    assert 0.0 <= _bounded(a) <= 1.0
    if a + 1e-4 < b:
        assert _bounded(a) <= _bounded(b)


def test_the_middle_of_the_scale_is_the_cue_sum_itself() -> None:
    for raw in (0.1, 0.2, DEFAULT_THRESHOLD, 0.6, 0.9):
        assert _bounded(raw) == raw


def test_sentences_below_every_cue_still_rank_apart() -> None:
    # Both were cut to 0 before: the short one has a mark more against it.
    weaker = score("I think so.")
    stronger = score("I think it is a good plan for the country.")
    assert 0.0 < weaker < stronger < DEFAULT_THRESHOLD


def test_questions_rank_by_what_they_ask_and_are_never_proposed() -> None:
    asks_a_number = score_sentence("Fifteen million new jobs?")
    bare = score_sentence("Why?")
    assert asks_a_number[1][0] == bare[1][0] == "question"
    assert "amount" in asks_a_number[1]
    assert bare[0] < asks_a_number[0] < DEFAULT_THRESHOLD


def test_a_turn_addressed_to_someone_is_not_a_claim() -> None:
    turn = score_sentence("Secretary Clinton, you said the plan would create jobs in 2016.")
    assert "address" in turn[1] and turn[0] < DEFAULT_THRESHOLD
    # Naming someone is not addressing them: no "you".
    named = score_sentence(
        "Senator Smith, who chairs the committee, voted against the bill in 2016."
    )
    assert "address" not in named[1] and named[0] >= DEFAULT_THRESHOLD


def test_first_person_records_are_not_views() -> None:
    # "We have the highest taxes": a record; "I think ...", "we need ...": a view.
    assert "opinion" not in score_sentence("We have the highest taxes in the world.")[1]
    assert "opinion" in score_sentence("I think we have the best plan.")[1]
    assert "opinion" in score_sentence("We need to protect our families.")[1]


def test_a_stage_direction_ranks_below_every_short_claim() -> None:
    # "(APPLAUSE)" read its capitals as a name and ranked above "Murders are up.".
    for aside in ("(APPLAUSE)", "(BELL RINGS)", "[inaudible]", "(Laughter.)"):
        assert score_sentence(aside) == (0.0, ("aside",))
    assert score("Murders are up.") > 0.0
    # A bracketed sentence that states something is still read as one.
    assert score("(The law passed the Senate in 2010.)") >= DEFAULT_THRESHOLD


def test_courtesies_rank_below_short_lines_that_say_something() -> None:
    for courtesy in ("Thank you, Senator Sanders.", "Yes.", "All right.", "Good evening."):
        assert "courtesy" in score_sentence(courtesy)[1]
        assert score(courtesy) < score("That's wrong.") < DEFAULT_THRESHOLD


def test_a_view_is_the_speakers_not_a_claim_about_someone_else() -> None:
    # "your" and "wants" in a claim about what she wants are not the speaker's advice.
    about_her = score_sentence("She wants to destroy your Second Amendment.")
    assert "advice" not in about_her[1] and "vague" not in about_her[1]
    assert "advice" in score_sentence("If you want a job, you should move.")[1]
    assert "opinion" in score_sentence("I believe she wants to cut taxes.")[1]


def test_a_promise_in_the_speakers_voice_ranks_below_the_same_record() -> None:
    promise = score_sentence("We will cut taxes for the middle class.")
    record = score_sentence("They cut taxes for the middle class.")
    assert "future" in promise[1] and "future" not in record[1]
    assert promise[0] < record[0]
    # A third party's plan is not the speaker's promise.
    assert "future" not in score_sentence("The agency will close two offices.")[1]


def test_what_did_not_happen_is_a_short_claim() -> None:
    # A contraction says it as "did not" does: not pushed down as a short line.
    for line in ("They didn't know the year.", "They didn’t know the year."):
        reasons = score_sentence(line)[1]
        assert "negative" in reasons and "short" not in reasons
    assert score("They didn't know the year.") > score("They know the year.")


def test_pointing_at_evidence_is_not_advice() -> None:
    # "If you look at ..., we have ...": the speaker points at a record.
    pointing = score_sentence("If you look at the numbers, we have the highest taxes.")
    assert "advice" not in pointing[1]
    assert "advice" in score_sentence("If you have a fever, stay at home.")[1]
    assert "advice" in score_sentence("If you look pale, the CDC recommends rest.")[1]


def test_a_line_cut_off_ranks_below_the_finished_one() -> None:
    for cut in ("And I have supported the bill...", "And I have supported the bill --"):
        assert "unfinished" in score_sentence(cut)[1]
        assert score(cut) < score("And I have supported the bill.")


def test_a_sum_of_money_or_an_exact_large_count_is_an_amount() -> None:
    # What a debate's fact-checkers check most: money and exact figures in thousands.
    money = score_sentence("The mayor spent $40 million on the stadium.")
    count = score_sentence("The agency made 266,000 arrests in two years.")
    small = score_sentence("The agency made twelve arrests in two years.")
    assert "amount" in money[1] and "amount" in count[1]
    assert "number" in small[1] and "amount" not in small[1]
    assert small[0] < count[0]


def test_a_bare_magnitude_is_a_size_not_an_amount() -> None:
    # "Millions of Americans" says how big, not how many: a number like any other.
    bare = score_sentence("The plan kept millions of workers on the payroll.")
    exact = score_sentence("The plan kept 4.5 million workers on the payroll.")
    assert "number" in bare[1] and "amount" not in bare[1]
    assert "amount" in exact[1] and bare[0] < exact[0]


def test_a_title_says_who_not_what() -> None:
    # "President", "Senator": in every turn of a debate; a body that acts still counts.
    titled = score_sentence("The governor spoke to the farmers in the morning.")
    assert "agency" not in titled[1]
    assert "agency" not in score_sentence("Senator Smith spoke to the farmers.")[1]
    acting = score_sentence("The agency spoke to the farmers in the morning.")
    assert "agency" in acting[1] and titled[0] < acting[0]


def test_a_measured_superlative_outweighs_a_universal_word() -> None:
    # "always", "every", "never": emphasis in a speech; "the lowest": a record to check.
    universal = rule_score("Our team always makes the best boats here.")
    measured = rule_score("Our team makes the largest boats here.")
    both = rule_score("Our team always makes the largest boats here.")
    assert "absolute" in universal[1] and "absolute" in measured[1]
    assert universal[0] < measured[0] <= both[0] < measured[0] + 0.01  # no second cue


def test_jobs_and_taxes_outweigh_the_rest_of_the_economy() -> None:
    # What a campaign argues over is what its fact-checkers check.
    taxes = score_sentence("The plan would change taxes for the farms.")
    prices = score_sentence("The plan would change prices for the farms.")
    both = score_sentence("The plan would change taxes and prices for the farms.")
    assert "economy" in taxes[1] and "economy" in prices[1]
    assert prices[0] < taxes[0] <= both[0] < taxes[0] + 0.01  # the tag counts once


@pytest.mark.parametrize(
    "subject", ["illegal immigration", "violent crime", "health insurance premiums",
                "the tariffs", "coal mining", "the troops"],
)  # fmt: skip
def test_a_policy_subject_raises_a_line_a_little(subject: str) -> None:
    # Immigration, crime, coverage, trade, energy, defence: what a campaign's
    # fact-checkers check most. A small raise, never a claim on its own.
    policy = score_sentence(f"The meeting in the town is about {subject} this time.")
    plain = score_sentence("The meeting in the town is about the weather this time.")
    assert "policy" in policy[1] and "policy" not in plain[1]
    assert plain[0] < policy[0] < plain[0] + POLICY_WEIGHT + 0.01
    assert policy[0] < DEFAULT_THRESHOLD


def test_a_science_subject_is_no_policy() -> None:
    # "the global carbon cycle", "the ocean's ecology": science, not a campaign's subject.
    line = "Satellites observe the algae that play a role in the global carbon cycle."
    assert "policy" not in score_sentence(line)[1]


@pytest.mark.parametrize(
    "line", ["Murders are up.", "Household incomes are down since the year 2000.",
             "The premiums are going up again.", "Prices came down last spring."],
)  # fmt: skip
def test_a_measure_up_or_down_is_a_trend(line: str) -> None:
    # How a measure moved, said plainly: a claim even when short.
    tags = score_sentence(line)[1]
    assert "trend" in tags and "short" not in tags


@pytest.mark.parametrize(
    "line", ["Now the decision is up to you.", "It really does come down to values.",
             "Sir, your two minutes are up.", "Your time is up."],
)  # fmt: skip
def test_up_to_and_a_speakers_time_are_no_trend(line: str) -> None:
    assert "trend" not in score_sentence(line)[1]


def test_since_sets_a_time_frame() -> None:
    # "since" dates a change: the time frame a checker looks up.
    dated = score_sentence("The mills have closed since the treaty was signed.")
    assert "timeframe" in dated[1]
    assert "timeframe" not in score_sentence("The mills have closed after the storm.")[1]


def test_cues_spread_over_clauses_do_not_add_up() -> None:
    # One clause with the figure and the date outranks a line whose cues are spread
    # over clauses that each say little.
    one = score_sentence(
        "The county cut its jobless rate by 2 percent in 2015 after the plant opened."
    )
    spread = (
        "We talked about the jobless rate; we talked about the 2 percent, and we talked about 2015."
    )
    scored = score_sentence(spread)
    assert one[0] > scored[0]
    assert scored[0] < checkworthiness._score_whole(spread)[0]
    # The tags are still the whole line's.
    assert {"statistic", "date"} <= set(scored[1])


def test_the_best_clause_never_raises_a_line() -> None:
    # A penalty of the whole (a view) holds although one clause alone states a record.
    line = "I think that we should act now; the plant closed in 2015."
    assert rule_score(line) == checkworthiness._score_whole(line)
    assert "opinion" in rule_score(line)[1]
    assert rule_score(line)[0] < rule_score("The plant closed in 2015.")[0]


def test_a_comma_or_a_range_is_no_clause_break() -> None:
    # "experiment with, or becoming users of, ..." is one clause; so is "2015–2016".
    listed = (
        "Youth are continuing to experiment with, or becoming regular users of, other products."
    )
    assert rule_score(listed) == checkworthiness._score_whole(listed)
    ranged = "Sales rose 4 percent in 2015–2016 at the plant: a record."
    assert checkworthiness._CLAUSE_BREAK.split(ranged) == [
        "Sales rose 4 percent in 2015–2016 at the plant",
        "a record.",
    ]


def test_being_elected_is_no_official_act() -> None:
    # "If I'm elected ...": a condition of a speech, not an act to check.
    assert "action" not in score_sentence("If I'm elected, the mill will reopen.")[1]
    assert "action" in score_sentence("The council appointed a new auditor.")[1]
    assert "event" in score_sentence("She was elected to the council in 2014.")[1]


def test_a_measure_rising_or_falling_is_a_short_claim() -> None:
    # "Wages are rising.": how a measure moves, a claim however short.
    for line in ("Wages are rising.", "Rents are falling."):
        scored = score_sentence(line)
        assert "trend" in scored[1] and "short" not in scored[1]
