"""One number reader: the proposer's quantities and claim memory read proportions and
large numbers said in words the same way ("two in three" is 66.7 % on both sides)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.memory.index import claim_key
from annotator.text.number_words import extract_numbers
from annotator.text.proportions import find_proportions, read_count
from annotator.text.quantities import find_quantities

CASES = [
    ("Two in three adults smoke every day.", 200 / 3, "Two in three"),
    ("One in five people has the condition.", 20.0, "One in five"),
    ("3 out of 4 doctors agree with the advice.", 75.0, "3 out of 4"),
    ("1 in every 10 patients relapsed within a year.", 10.0, "1 in every 10"),
    ("A fifth of children are obese, the survey found.", 20.0, "A fifth"),
    ("Two thirds of voters agreed with the plan.", 200 / 3, "Two thirds"),
    ("One-quarter of homes flooded last winter.", 25.0, "One-quarter"),
    ("Three tenths of the budget went to defence.", 30.0, "Three tenths"),
    ("Half of patients improved on the drug.", 50.0, "Half"),
]


@pytest.mark.parametrize(("text", "percent", "words"), CASES)
def test_both_sides_read_a_proportion_alike(text: str, percent: float, words: str) -> None:
    [proportion] = find_proportions(text)
    assert math.isclose(proportion.percent, percent) and proportion.text == words
    quantities = [q for q in find_quantities(text) if q.unit == "%"]
    numbers = [n for n in extract_numbers(text) if n.unit == "%"]
    assert [q.value for q in quantities] == [round(percent, 1)]
    assert len(numbers) == 1 and math.isclose(numbers[0].value, percent)
    # Neither side reads the parts of the proportion as numbers of their own.
    assert len(find_quantities(text)) == 1 and extract_numbers(text) == numbers


@pytest.mark.parametrize(
    "text",
    ["About 1.5 million people died.", "Some 1,500,000 people died.", "1.5m people died."],
)
def test_large_numbers_read_alike(text: str) -> None:
    quantities = find_quantities(text)
    numbers = extract_numbers(text)
    if "1.5m" in text:  # not a spelled number: neither side reads "m" as million
        assert all(n.value != 1.5e6 for n in numbers)
        return
    assert [q.value for q in quantities] == [1.5e6]
    assert [n.value for n in numbers] == [1.5e6]


def test_paraphrases_of_a_proportion_match_in_memory() -> None:
    a = claim_key("Two in three adults smoke every day.")
    b = claim_key("Two thirds of adults smoke every day.")
    assert [n.value for n in a.numbers] == pytest.approx([n.value for n in b.numbers])


@pytest.mark.parametrize(
    "text",
    [
        "Cases rose from 5 in 2019 to 10 in 2020.",
        "It was the fifth year of the drought.",
        "A third party paid for the study.",
        "He was one of them, in the end.",
        "Five in one: the vaccine covers five diseases.",
    ],
)
def test_what_is_not_a_proportion(text: str) -> None:
    assert find_proportions(text) == []


@given(st.integers(1, 99), st.integers(1, 99))
def test_n_in_m_is_n_over_m(n: int, m: int) -> None:
    found = find_proportions(f"Of those asked, {n} in {m} said yes.")
    if n > m:
        assert found == []
    else:
        assert [p.percent for p in found] == [pytest.approx(100 * n / m)]


def test_counts_in_words_and_digits() -> None:
    assert read_count("twenty-five") == 25 and read_count("1,200") == 1200
    assert read_count("a") == 1 and read_count("several") is None
