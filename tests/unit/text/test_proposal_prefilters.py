"""The cheap tests the proposer runs before its costly patterns never change a result.

Each prefilter rests on a fact about Unicode or about ``re``; these tests check the
facts over every code point, so a new Python or Unicode version that broke one would
show here rather than as a silently different proposal.
"""

from __future__ import annotations

import re
import sys

import pytest

from annotator.text import labels, quantities, sentences
from annotator.text.checkworthiness import may_have_quantities, read_words, score_sentence
from annotator.text.quantities import find_quantities
from tests.unit.text.sentence_cases import CASES

ALL = "".join(map(chr, range(sys.maxunicode + 1)))
CHANGED_BY_LOWER = [c for c in ALL if c.lower() != c]
TOKEN_CHAR = re.compile(r"[\w’'%-]")


def test_lower_never_makes_a_token_character() -> None:
    # checkworthy looks for "fda" among the lower-cased words to decide whether to
    # search the text for "FDA": that needs lower() to keep a name's edges as edges.
    made = [c for c in CHANGED_BY_LOWER if not TOKEN_CHAR.match(c) and TOKEN_CHAR.search(c.lower())]
    assert made == []


def test_lower_keeps_every_digit() -> None:
    # A digit in the text is a digit in one of its lower-cased words.
    assert [c for c in CHANGED_BY_LOWER if re.match(r"\d", c)] == []


@pytest.mark.parametrize(
    "letters",
    [
        quantities._FIRST_LETTERS,
        "adhiprstv",  # labels._EVALUATIVE
        "abefirstuw",  # labels._CLAUSE_CUT
        "aprltu",  # labels._NOMINAL
        "acdfinprs",  # labels._REPORT_FRAME
    ],
)
def test_first_letter_class_matches_what_the_letters_match(letters: str) -> None:
    # Under IGNORECASE a class [abc] must accept exactly the characters that the
    # letters a, b, c accept as literals ("ſ" for "s", "K" for "k" ...).
    as_class = set(re.findall(f"[{letters}]", ALL, re.IGNORECASE))
    as_literals = set(re.findall("|".join(letters), ALL, re.IGNORECASE))
    assert as_class == as_literals


LOOKAHEAD = re.compile(r"\(\?=\[[a-z]+\]\)")
SAMPLE = (
    "The release of oxytocin, a remarkably STRONG effect, was very Real; studies "
    "FOUND that the Rate of relapse fell by 30% even when patients, Who were "
    "Dramatic cases, showed that Levels of cortisol and the use of MDMA, which "
    "reports Argued, suggested ſtunning results for whom rather than Unless "
    "including Twenty-five, ONE hundred, Dozen, sixty and Eleven people."
)


@pytest.mark.parametrize(
    "pattern",
    [
        labels._EVALUATIVE,
        labels._CLAUSE_CUT,
        labels._NOMINAL,
        labels._REPORT_FRAME,
        quantities._QUANTITY_WORDS,
    ],
)
def test_lookahead_changes_no_match(pattern: re.Pattern[str]) -> None:
    plain = re.compile(LOOKAHEAD.sub("", pattern.pattern), pattern.flags)
    assert plain.pattern != pattern.pattern
    for text in (SAMPLE, SAMPLE.lower(), SAMPLE.upper()):
        for at in range(0, len(text), 7):
            ours = [m.span() for m in pattern.finditer(text, at)]
            assert ours == [m.span() for m in plain.finditer(text, at)]
            assert (pattern.match(text, at) is None) == (plain.match(text, at) is None)


@pytest.mark.parametrize(
    "text",
    [
        "Two in three patients improved.",
        "(Two patients) improved; one did not.",
        "Over half of them improved at 6-month follow-ups compared to baseline.",
        "The FDA-approved drug; FDA% and fMRI scans; the FDA approved it.",
        "It costs $12 million, p < 0.05.",
        "Ninety-four million Americans are out of work in a five-year slump.",
        "No numbers here at all, only words.",
    ],
)
def test_shared_words_give_the_same_score_and_quantities(text: str) -> None:
    seen = read_words(text)
    found = find_quantities(text) if may_have_quantities(seen) else ()
    assert found == find_quantities(text)
    assert score_sentence(text, found, seen) == score_sentence(text)


LINES = [
    "Photo credit: Jane Doe",
    "  PHOTOGRAPHS BY the team",
    "\tImage: a clinic",
    "© 2024 The Paper",
    "12 comments",
    "Video: the trial",
    "Sign up for our Newsletter",
    "No spam. Ever.",
    "Unsubscribe at any time",
    "Terms of Service",
    "Published on March 3, 2023 · By Jane Doe",
    "  Updated: 2023-03-03",
    "Mon, Aug 24, 2023",
    "24 Aug 2023",
    "3/4/2023",
    "By Jane Q. Public",
    "5 min read",
    "Last updated Sept. 5, 2022 | Staff",
    "Most patients improved markedly over time.",
    "MDMA-assisted therapy is not a magic bullet.",
    "",
    "   ",
]


@pytest.mark.parametrize("pattern", [sentences._BOILERPLATE, sentences._DATELINE])
def test_line_lookahead_changes_no_match(pattern: re.Pattern[str]) -> None:
    lookahead = re.match(r"\(\?=\[ \\t\]\*\[[^\]]+\]\)", pattern.pattern)
    assert lookahead is not None
    rest = pattern.pattern[lookahead.end() :]
    plain = re.compile(rest[3:-1] if rest.startswith("(?:") else rest, pattern.flags)
    texts = LINES + [line.lower() for line in LINES] + [line.upper() for line in LINES]
    texts += [line for _, text, _ in CASES for line in text.split("\n")]
    for line in texts:
        ours, theirs = pattern.match(line), plain.match(line)
        assert (ours and ours.span()) == (theirs and theirs.span()), line
