"""Issue 15, fourth pass: categories of false proposals on the tuned articles, and the
month "May" read as the hedge "may", each with sentences written for these tests (none
is copied from the evaluation articles)."""

from __future__ import annotations

import pytest

from annotator.text.checkworthiness import read_words, score_ceiling, score_sentence
from annotator.text.proposer import DEFAULT_THRESHOLD
from tests.sentence_scores import check_tag


@pytest.mark.parametrize(
    "sentence",
    [
        "A replay of the briefing will be available two hours after it ends.",
        "The slides will be posted on the county's site once the hearing is over.",
        "Storms forming after Zelda will be named from a second list of names.",
        "Further grants may be awarded at a later date if the board approves them.",
        "Winners of the science fair will be announced at the closing ceremony.",
    ],
)
def test_how_a_release_will_be_handled_is_not_proposed(sentence: str) -> None:
    check_tag(sentence, "procedure", tagged=True, proposed=False)


def test_procedure_lowers_only_its_own_sentences() -> None:
    # What was available is a record; "available" without "be" is no procedure.
    for sentence in (
        "Only 40 percent of the vaccine doses were available to rural clinics in 2021.",
        "The drug became available in 12 states after the ruling.",
    ):
        score, reasons = score_sentence(sentence)
        assert "procedure" not in reasons and score >= DEFAULT_THRESHOLD, (sentence, score)
    # Numbers and a finding still carry a procedural sentence when they are its claim.
    score, reasons = score_sentence(
        "The agency found 3,000 faulty meters, and a list of them will be posted in May."
    )
    assert "procedure" in reasons and score >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("sentence", "month"),
    [
        ("The May launch put the weather satellite into a polar orbit.", True),
        ("In May, the council approved the new bus routes.", True),
        ("Since May the plant has shipped parts to three states.", True),
        ("Sales of bicycles in mid-May were the highest on record.", True),
        ("May 14, 2018 was the day the bridge reopened to traffic.", True),
        ("The bridge reopened on Tuesday, May 14.", True),
        # The hedge: lower case, or capitalised with no month context (a sentence's
        # first word, a Title Case headline).
        ("The new rule may lower fees for small accounts.", False),
        ("May the council approve the routes before winter?", False),
        ("Cutting Salt May Lower Blood Pressure in Older Adults", False),
        ("The Mayor may resign after the vote.", False),
    ],
)
def test_the_month_may_is_a_date_not_a_hedge(sentence: str, month: bool) -> None:
    reasons = score_sentence(sentence)[1]
    assert ("hedge" not in reasons) == month, (sentence, reasons)
    assert ("date" in reasons) == month, (sentence, reasons)


def test_a_month_beside_a_hedge_keeps_the_hedge() -> None:
    # Two "may"s, one the month: the sentence still hedges.
    reasons = score_sentence("In May the board said the plant may close next year.")[1]
    assert "hedge" in reasons and "date" in reasons
    # Another hedge word with the month: the month alone does not lift it.
    reasons = score_sentence("The May figures suggest the plant could close.")[1]
    assert "hedge" in reasons and "date" in reasons


def test_the_month_may_raises_a_score_within_its_ceiling() -> None:
    sentence = "The May launch put the weather satellite into a polar orbit."
    hedged = "The launch may put the weather satellite into a polar orbit."
    assert score_sentence(sentence)[0] > score_sentence(hedged)[0]
    words = sentence.split()
    ceiling = score_ceiling(sentence, read_words(sentence))
    for i in range(len(words)):
        for j in range(i + 1, len(words) + 1):
            part = " ".join(words[i:j])
            assert score_sentence(part)[0] <= ceiling, part


@pytest.mark.parametrize(
    "sentence",
    [
        "This announcement is the latest in a series of steps to widen rural broadband.",
        "Today's announcement marks a new chapter in the state's partnership with growers.",
        "The grants awarded today are an initial step in rebuilding the harbor's seawall.",
    ],
)
def test_what_a_release_says_it_is_is_framing(sentence: str) -> None:
    score, reasons = score_sentence(sentence)
    assert "framing" in reasons, (sentence, reasons)
    without = score_sentence(sentence.replace("announcement", "plan").replace("initial", "big"))
    assert score < without[0], (sentence, score, without)


def test_an_announcement_that_goes_on_to_say_what_happened_is_no_framing() -> None:
    sentence = "This announcement comes as the governor signed a law capping insulin at $35."
    score, reasons = score_sentence(sentence)
    assert "framing" not in reasons and score >= DEFAULT_THRESHOLD, (sentence, score)


def test_a_line_opening_on_a_pictograph_links_to_a_clip() -> None:
    clip = "🎬 Governor Hale: We are putting thousands of families back to work"
    score, reasons = score_sentence(clip)
    assert "link" in reasons and score < DEFAULT_THRESHOLD, (clip, score)
    assert score < score_sentence(clip[2:])[0]
    # A clip line that reports a record with a number still reaches the threshold.
    record = "📺 The county closed 14 of its 20 libraries in 2019, the auditor found."
    score, reasons = score_sentence(record)
    assert "link" in reasons and score >= DEFAULT_THRESHOLD, (record, score)
    # Punctuation and currency opening a line are no pictographs.
    for line in ("$40 million was spent on the bridge in 2020.", "• The plant closed in 2019."):
        assert "link" not in score_sentence(line)[1], line


def test_a_readout_that_lists_the_talk_is_not_proposed() -> None:
    for sentence in (
        "Senior officials thanked the mayors for their work and reaffirmed the importance "
        "of the state's flood relief law for coastal towns.",
        "The governors discussed plans to expand the rural health law and also discussed "
        "funding for clinics.",
    ):
        score, reasons = score_sentence(sentence)
        assert "readout" in reasons and score < DEFAULT_THRESHOLD, (sentence, score)
    # One talk verb, or the speaker's own "we", is talk alone: no readout.
    for sentence in (
        "The senator praised the flood relief law at the hearing.",
        "We discussed the law and we thanked the mayors for their work.",
    ):
        assert "readout" not in score_sentence(sentence)[1], sentence
