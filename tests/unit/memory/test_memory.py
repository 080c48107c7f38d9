"""Claim memory matching: fuzzy on words, strict on numbers and negation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.memory.index import MatchKind, MemoryIndex, claim_key, judge
from annotator.text.number_words import compare_numbers, extract_numbers

EARLIER = [
    (1, "MDMA-assisted therapy cuts PTSD symptoms by over 50% at 6-month follow-ups."),
    (2, "MDMA triggers the release of oxytocin, known as the love hormone."),
    (3, "Brain imaging shows MDMA increases prefrontal cortex activation."),
    (4, "More than 3,000 homicides were committed by illegal aliens over the past six years."),
    (5, "Coffee drinkers live longer than people who avoid coffee."),
    (6, "Phase 3 trials of MDMA enrolled 90 patients in 2021."),
]


@pytest.fixture(scope="module")
def index() -> MemoryIndex[int]:
    return MemoryIndex(EARLIER)


def best(index: MemoryIndex[int], text: str) -> tuple[int, MatchKind, str] | None:
    hits = index.match(text)
    return (hits[0].key, hits[0].kind, hits[0].reason) if hits else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "PTSD symptoms fell by more than 50 percent at six-month follow-ups with MDMA therapy.",
            1,
        ),
        ("MDMA therapy reduced PTSD symptoms by over 50% after 6 months.", 1),
        ("MDMA causes oxytocin release.", 2),
        ("The release of oxytocin, the love hormone, is triggered by MDMA.", 2),
        ("Imaging of the brain shows that MDMA raises activation of the prefrontal cortex.", 3),
        ("Illegal immigrants committed over 3,000 homicides in the past 6 years.", 4),
        ("People who drink coffee live longer than people who avoid it.", 5),
        ("In 2021, phase 3 MDMA trials enrolled ninety patients.", 6),
    ],
)
def test_paraphrases_match(index: MemoryIndex[int], text: str, expected: int) -> None:
    found = best(index, text)
    assert found is not None and found[:2] == (expected, MatchKind.MATCH), found


@pytest.mark.parametrize(
    ("text", "expected", "why"),
    [
        ("MDMA-assisted therapy cuts PTSD symptoms by over 30% at 6-month follow-ups.", 1, "30%"),
        ("MDMA-assisted therapy cuts PTSD symptoms by over 50% at 12-month follow-ups.", 1, "12"),
        ("MDMA-assisted therapy cuts PTSD symptoms by under 50% at 6-month follow-ups.", 1, "50%"),
        ("MDMA-assisted therapy cuts PTSD symptoms at 6-month follow-ups.", 1, "none here"),
        (
            "More than 300 homicides were committed by illegal aliens over the past six years.",
            4,
            "",
        ),
        (
            "More than 3,000 homicides were committed by illegal aliens over the past 7 years.",
            4,
            "",
        ),
        ("Phase 3 trials of MDMA enrolled 90 patients in 2019.", 6, "2019"),
        ("MDMA does not trigger the release of oxytocin.", 2, "negated"),
    ],
)
def test_changed_numbers_or_negation_never_match(
    index: MemoryIndex[int], text: str, expected: int, why: str
) -> None:
    hits = index.match(text)
    assert all(h.kind == MatchKind.NEAR_MISS for h in hits if h.key == expected)
    near = [h for h in hits if h.key == expected]
    assert near, "the earlier claim is shown as a near miss"
    assert why in near[0].reason


def test_unrelated_claims_find_nothing(index: MemoryIndex[int]) -> None:
    assert index.match("The council approved a new bus lane on Main Street.") == []
    assert index.match("") == []


def test_matches_come_before_near_misses_and_exclude_works(index: MemoryIndex[int]) -> None:
    hits = index.match(
        "MDMA-assisted therapy cuts PTSD symptoms by over 50% at 6-month follow-ups."
    )
    assert hits[0].key == 1 and hits[0].kind == MatchKind.MATCH
    assert index.match(EARLIER[0][1], exclude=[1]) == []
    assert index.match(EARLIER[0][1], exclude=frozenset({1})) == []
    assert index.match(EARLIER[0][1], exclude=frozenset({99}))[0].key == 1


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("over 50%", "more than 50 percent", True),
        ("over 50%", "over 30%", False),
        ("6 months", "12 months", False),
        ("12 months", "one year", True),
        ("half a year", "6 months", True),
        ("cut by half", "cut by 50%", True),
        ("3,000", "3000", True),
        ("1.5 million", "1,500,000", True),
        ("over 50%", "under 50%", False),
        ("twice as likely", "2-fold", True),
        ("one of the drugs", "the drug", True),
        ("50%", "50 percentage points", False),
        ("5 mg", "5 g", False),
    ],
)
def test_number_reading(a: str, b: str, agree: bool) -> None:
    assert compare_numbers(extract_numbers(a), extract_numbers(b))[0] is agree


def test_number_reasons_name_the_numbers() -> None:
    ok, why = compare_numbers(extract_numbers("over 50% at 6 months"), extract_numbers("over 30%"))
    assert not ok and "50%" in why and "30%" in why and "6 months" in why


@given(st.integers(1, 999), st.integers(1, 999))
@settings(max_examples=60, deadline=None)
def test_two_different_numbers_never_match(x: int, y: int) -> None:
    a = claim_key(f"The trial cut relapse rates by {x}% among veterans with PTSD.")
    b = claim_key(f"The trial cut relapse rates by {y}% among veterans with PTSD.")
    verdict = judge(a, b)
    assert verdict is not None
    assert (verdict[0] == MatchKind.MATCH) is (x == y)


def test_index_finds_what_a_full_comparison_finds() -> None:
    earlier = [
        (i, f"Claim {i}: drug {i % 37} lowers marker {i % 11} in trial {i % 5}") for i in range(400)
    ]
    earlier += EARLIER
    index = MemoryIndex(earlier)
    for query in (t for _k, t in EARLIER):
        ck = claim_key(query)
        brute = {
            key
            for key, text in earlier
            if (v := judge(ck, claim_key(text))) is not None and v[0] == MatchKind.MATCH
        }
        found = {h.key for h in index.match(query, limit=1000) if h.kind == MatchKind.MATCH}
        assert found == brute
