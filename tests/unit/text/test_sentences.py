"""Sentence units: exact offsets on the project's own test set and on random text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.text.sentences import BOILERPLATE, HEADING, META, SENTENCE, units
from tests.unit.text.sentence_cases import CASES


@pytest.mark.parametrize(("text", "expected"), [(t, e) for _, t, e in CASES],
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_units_on_test_set(text: str, expected: list[str]) -> None:
    found = [text[u.start : u.end] for u in units(text)]
    assert found == expected


def test_test_set_is_large_enough() -> None:
    assert len(CASES) >= 60
    assert len({c[0] for c in CASES}) == len(CASES)


def test_kinds_of_scraped_page() -> None:
    text = (
        "A Title For The Page\nAug 24, 2023Prescription drugs help. Some do.\n"
        "Photo credit: Someone @Unsplash\nSign up for our Newsletter\nNo spam. Ever."
    )
    kinds = [(u.kind, text[u.start : u.end]) for u in units(text)]
    assert kinds == [
        (HEADING, "A Title For The Page"),
        (META, "Aug 24, 2023"),
        (SENTENCE, "Prescription drugs help."),
        (SENTENCE, "Some do."),
        (BOILERPLATE, "Photo credit: Someone @Unsplash"),
        (BOILERPLATE, "Sign up for our Newsletter"),
        (BOILERPLATE, "No spam. Ever."),
    ]


_ALPHABET = st.sampled_from(
    list("abcXYZ .!?…\n\n\t\"'“”()[]#-*1234567890%:;,") + ["Dr.", "e.g.", " et al.", "U.S."]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_units_are_exact_ordered_and_disjoint(text: str) -> None:
    previous_end = 0
    for u in units(text):
        assert 0 <= previous_end <= u.start < u.end <= len(text)
        span = text[u.start : u.end]
        assert span == span.strip()
        previous_end = u.end


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_units_cover_every_word(text: str) -> None:
    covered = [False] * len(text)
    for u in units(text):
        for i in range(u.start, u.end):
            covered[i] = True
    # Only white space and list/quote markers may be left outside every unit.
    for i, ch in enumerate(text):
        if not covered[i]:
            assert ch.isspace() or ch in "-*+•‣◦▪>#=_0123456789.)abcdefghijklmnopqrstuvwxyz|`~"


@pytest.mark.parametrize(
    "text",
    [
        "." * 200_000,
        "!" * 100_000 + " Next.",
        "…" * 100_000,
        "word, " * 50_000,
        '"' * 100_000,
        # An e-mail address was once sought from every position of a long word.
        "a" * 200_000 + " Ann Cole ann@example.org Bo Li bo@example.org",
        "Phone: " + "5" * 200_000 + " www.example.org",
    ],
)
def test_long_runs_are_one_unit_not_a_hang(text: str) -> None:
    # The splitter once backtracked over a run of stops from every position in it.
    found = units(text)
    assert found
    assert all(text[u.start : u.end] == text[u.start : u.end].strip() for u in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Spaced ellipses: three dots go on, four (an ellipsis and a stop) end.
        ("He paused . . . then went on. Done.", ["He paused . . . then went on.", "Done."]),
        ("It was weakened . . . . The result was short.",
         ["It was weakened . . . .", "The result was short."]),
        # A full stop on its word, then an ellipsis opening the next sentence.
        ("It was weakened. . . . The practice was not abandoned. . . .",
         ["It was weakened.", ". . . The practice was not abandoned. . . ."]),
        ("It was weakened. . . the rest was not.", ["It was weakened. . . the rest was not."]),
        # Inline numbered lists.
        ("1.) The first item 2.) The second item", ["1.) The first item", "2.) The second item"]),
        ("Steps: 1) mix the flour 2) add water 3) bake it.",
         ["Steps:", "1) mix the flour", "2) add water", "3) bake it."]),
        # On a list line: the first item keeps its marker like the others.
        ("1) Mix the flour 2) Add the water", ["1) Mix the flour", "2) Add the water"]),
        ("a. Mix the flour. b. Add the water. c. Bake it.",
         ["a. Mix the flour.", "b. Add the water.", "c. Bake it."]),
        # An item's number opening a unit is not a sentence of its own.
        ("• 9. Mix the flour and stir.", ["9. Mix the flour and stir."]),
        # Numbered bullets on one line: each item keeps its bullet and number.
        ("• 9. Mix the flour • 10. Add the water",
         ["• 9. Mix the flour", "• 10. Add the water"]),
        ("⁃9. Mix the flour. ⁃10. Add the water.", ["⁃9. Mix the flour.", "⁃10. Add the water."]),
        ("Rated 4.5 • 120 reviews • open late. It is busy.",
         ["Rated 4.5 • 120 reviews • open late.", "It is busy."]),
        # A bullet's number is no stop even when the numbers do not count up.
        ("• 9. Mix the flour • 12. Add the water", ["9. Mix the flour • 12. Add the water"]),
        ("See N°. 12.5.3. That is the rule.", ["See N°. 12.5.3.", "That is the rule."]),
        # The dots of an omission in brackets are no stop.
        ('"The study [...] found no effect [...]" (Jones 12). It was small.',
         ['"The study [...] found no effect [...]" (Jones 12).', "It was small."]),
        # A reference marker after the stop stays with its sentence.
        ("Prices rose in most stores. [2] Wages did not.",
         ["Prices rose in most stores. [2]", "Wages did not."]),
        ("Most countries are democracies (Figure 1.6). 5 At the other end are monarchies.",
         ["Most countries are democracies (Figure 1.6). 5", "At the other end are monarchies."]),
        # Day and month abbreviations that are words.
        ("There was plenty of sun. Read the forecast.",
         ["There was plenty of sun.", "Read the forecast."]),
        ("They sat. Nobody spoke.", ["They sat.", "Nobody spoke."]),
        # A quoted passage brought in by "wrote," is one unit.
        ('His mother wrote, "He is in love. It is desperate." Then she left.',
         ['His mother wrote, "He is in love. It is desperate."', "Then she left."]),
        ("Joshua Norton (c. 1818 – 1880) was an emperor.",
         ["Joshua Norton (c. 1818 – 1880) was an emperor."]),
        ("He was Emperor of these U. S. and of Mexico.",
         ["He was Emperor of these U. S. and of Mexico."]),
        ("Donald Leslie, Assistant V.P. and Assoc. Dean, wrote back.",
         ["Donald Leslie, Assistant V.P. and Assoc. Dean, wrote back."]),
    ],
)  # fmt: skip
def test_golden_rule_categories(text: str, expected: list[str]) -> None:
    assert [text[u.start : u.end] for u in units(text)] == expected


def test_a_line_ending_in_a_dash_is_not_a_heading() -> None:
    text = "Intro line here.\n\nThe results were clear —\nthe drug worked in most patients."
    kinds = [(u.kind, text[u.start : u.end]) for u in units(text)]
    assert kinds[-1] == (SENTENCE, "The results were clear —\nthe drug worked in most patients.")
