"""The cheap tests the proposer runs before its costly patterns never change a result.

Each prefilter rests on a fact about Unicode or about ``re``; these tests check the
facts over every code point, so a new Python or Unicode version that broke one would
show here rather than as a silently different proposal.
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.text import atomic_claims, checkworthiness, labels, proposer, quantities, sentences
from annotator.text.atomic_claims import atomic_parts
from annotator.text.checkworthiness import (
    may_have_quantities,
    read_words,
    score_ceiling,
    score_sentence,
)
from annotator.text.proposer import propose_claims
from annotator.text.quantities import find_quantities
from tests.eval_texts import tuned_eval_paths
from tests.unit.text.sentence_cases import CASES

ALL = "".join(map(chr, range(sys.maxunicode + 1)))
CHANGED_BY_LOWER = [c for c in ALL if c.lower() != c]
TOKEN_CHAR = re.compile(r"[\w’'%-]")


def test_lower_never_makes_a_token_character() -> None:
    # checkworthy looks for "fda" among the lower-cased words to decide whether to
    # search the text for "FDA": that needs lower() to keep a name's edges as edges.
    made = [c for c in CHANGED_BY_LOWER if not TOKEN_CHAR.match(c) and TOKEN_CHAR.search(c.lower())]
    assert made == []


def test_ascii_words_are_the_words_of_an_ascii_text() -> None:
    # read_words finds the words of a lower-cased ASCII text with _ASCII_WORD: its class
    # takes the characters _WORD's does, and the "%" after a word is the same.
    lowered = [chr(i).lower() for i in range(128)]
    assert [c for c in lowered if checkworthiness._WORD.fullmatch(c)] == [
        c for c in lowered if checkworthiness._ASCII_WORD.fullmatch(c)
    ]
    for text in ("50% of it", "a-b's 7%%", "x_y", "%", "Rates-fell 3.5% (n=12)"):
        low = text.lower()
        assert checkworthiness._ASCII_WORD.findall(low) == checkworthiness._WORD.findall(low)


def test_lower_keeps_every_digit() -> None:
    # A digit in the text is a digit in one of its lower-cased words.
    assert [c for c in CHANGED_BY_LOWER if re.match(r"\d", c)] == []


@pytest.mark.parametrize(
    "letters",
    [
        quantities._FIRST_LETTERS,
        quantities._TIMEFRAME_FIRST,
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


LOOKAHEAD = re.compile(r"\(\?=\[[a-z]+(?:\\d\.)?\]\)")
SAMPLE = (
    "The release of oxytocin, a remarkably STRONG effect, was very Real; studies "
    "FOUND that the Rate of relapse fell by 30% even when patients, Who were "
    "Dramatic cases, showed that Levels of cortisol and the use of MDMA, which "
    "reports Argued, suggested ſtunning results for whom rather than Unless "
    "including Twenty-five, ONE hundred, Dozen, sixty and Eleven people."
)


# Time frames in every form _TIMEFRAME reads, beside words that open like them.
TIMES = (
    "At 6-month follow-ups, over the next few weeks, in the past year, for .5 days, "
    "x.5 days, a twenty-five year-long study, ſix weeks, \u212aong-term, long term, last "
    "months, first session, following doses, the phase ended, ninety-four hours later, "
    "1,200 days; 3.5 decades, eleven sessions, twelve-week follow-up, dozen years."
)


@pytest.mark.parametrize(
    "pattern",
    [
        labels._EVALUATIVE,
        labels._CLAUSE_CUT,
        labels._NOMINAL,
        labels._REPORT_FRAME,
        quantities._QUANTITY_WORDS,
        quantities._TIMEFRAME,
    ],
)
def test_lookahead_changes_no_match(pattern: re.Pattern[str]) -> None:
    plain = re.compile(LOOKAHEAD.sub("", pattern.pattern), pattern.flags)
    assert plain.pattern != pattern.pattern
    for text in (SAMPLE, SAMPLE.lower(), SAMPLE.upper(), TIMES, TIMES.upper()):
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


ARTICLES = [path.read_text(encoding="utf-8") for path in tuned_eval_paths()]
# Texts made of the characters the patterns turn on: digits, currency signs, stops,
# capitals after spaces and brackets, number words, the letters that fold ("ſ", "K").
PIECES = st.sampled_from(
    ["1", "23", "4,500", ".", "5.5", " ", "\n", "(", "$", "€", "£", "%", "-", ",", "A", "Ab",
     "AB", "ab", "two", "Ninety-four", "ſix", "\u212a", "million", "ten", " to ", "x", "mg"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_quantity_matches_only_where_a_number_can_start(text: str) -> None:
    # ``_matches`` tries the pattern only at the characters a match can begin with:
    # the matches are those of ``finditer``.
    starts = quantities._QUANTITY_START
    ours = [m.span() for m in quantities._matches(quantities._QUANTITY, starts, text)]
    assert ours == [m.span() for m in quantities._QUANTITY.finditer(text)]


def _sentences(text: str) -> list[str]:
    return [text[u.start : u.end] for u in sentences.units(text) if u.kind == sentences.SENTENCE]


def test_no_part_of_a_sentence_scores_above_its_ceiling() -> None:
    texts = [s for article in ARTICLES for s in _sentences(article)]
    texts += [s for _, case, _ in CASES for s in _sentences(case)] + [SAMPLE]
    assert len(texts) > 500
    for sentence in texts:
        ceiling = score_ceiling(sentence, read_words(sentence))
        assert score_sentence(sentence)[0] <= ceiling, sentence
        for part in atomic_parts(sentence):
            span = sentence[part.start : part.end].strip()
            if span:
                assert score_sentence(span)[0] <= ceiling, (sentence, span)


def test_named_only_shortcut_changes_no_score(monkeypatch: pytest.MonkeyPatch) -> None:
    # _named_only returns at once for an ASCII text with no capital after its first
    # character; with a pattern that always finds one, it reads every cue word.
    texts = [s for article in ARTICLES for s in _sentences(article)]
    texts += [s for _, case, _ in CASES for s in _sentences(case)]
    texts += [s.lower() for s in texts] + [s[:1].upper() + s[1:].lower() for s in texts]
    shortcut = [score_sentence(text) for text in texts]
    monkeypatch.setattr(checkworthiness, "_CAPITAL", re.compile("."))
    assert shortcut == [score_sentence(text) for text in texts]


def test_skipping_sentences_below_their_ceiling_changes_no_proposal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    skipped = [propose_claims(article) for article in ARTICLES]
    monkeypatch.setattr(proposer, "_CEILING_MARGIN", 10.0)  # no sentence is skipped
    assert skipped == [propose_claims(article) for article in ARTICLES]


@pytest.mark.parametrize("include_all", [False, True])
def test_rows_made_without_claims_are_the_claims_rows(include_all: bool) -> None:
    # annotator segment writes rows made straight from the claims' fields.
    for text in [*ARTICLES, SAMPLE]:
        claims = propose_claims(text, include_all=include_all)
        rows = proposer.claim_rows(text, include_all=include_all)
        assert rows == [claim.to_dict() for claim in claims]


def test_only_the_listed_characters_fold_to_an_ascii_letter_unlike_lower() -> None:
    # labels._may_hold looks for a pattern's words in ``text.lower()``: right for every
    # character that IGNORECASE matches to an ASCII letter, but those it lists.
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for c in re.findall(letter, ALL, re.IGNORECASE):
            assert c.lower() == letter or labels._FOLDS_TO_ASCII.match(c), hex(ord(c))


def test_evaluative_words_are_in_every_match() -> None:
    alternation = re.search(r"\(\?:([a-z|]+)\)", labels._EVALUATIVE.pattern)
    assert alternation is not None
    for word in alternation.group(1).split("|"):
        assert any(hint in word for hint in labels._EVALUATIVE_WORDS), word


WORDY = st.sampled_from(
    [" ", "  ", "\n", "(", ",", ".", "Very ", "very", "ReallY ", "ſtunning ", "ıncredible ",
     "The ", "Quiets", " Rises", "Improved", "of", " of ", " OF ", "2. ", "b) ", "2.) ", "b.",
     "\t", "x", "1", "”", "?"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(WORDY, max_size=25).map("".join))
def test_label_hints_miss_no_match(text: str) -> None:
    if labels._EVALUATIVE.search(text) is not None:
        assert labels._may_hold(text, labels._EVALUATIVE_WORDS)
    found = labels._VERB_CASE.search(text) is not None
    assert found == (labels._VERB_CASE_HINT.search(text) is not None)
    if labels._NOMINAL.search(text) is not None:
        assert " of " in text.lower()


@settings(max_examples=400, deadline=None)
@given(st.lists(WORDY, max_size=25).map("".join), st.integers(0, 30), st.integers(0, 30))
def test_sentence_scans_without_look_behind_find_the_same(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    while start < end and text[start].isspace():
        start += 1  # as _split_sentences does before it looks for gaps
    gap = re.compile(r"(?<=[.!?…\"'”’»)\]])\s+")
    ours = [(m.start(1), m.end()) for m in sentences._GAP.finditer(text, start, end)]
    assert ours == [m.span() for m in gap.finditer(text, start, end)]
    # Whether a capitalised word follows a space or "(" inside a text (it is asked of a
    # whole sentence or part, never of a window into one).
    capital = re.compile(r"(?<=[\s(])(?:[A-Z][a-z]|[A-Z]{2,})")
    piece = text[start:end]
    found = checkworthiness._INNER_CAPITAL.search(piece) is not None
    assert found == (capital.search(piece) is not None)


# Words and marks of a change told with "by": subjects of one to many words, the verbs,
# "by" in any case and as part of a word, white space of every kind, and punctuation
# that cuts a subject short.
CHANGE_WORDS = st.sampled_from(
    ["rates", "The", "heart", "risk", "fell", "FELL", "rose", "increased", "improve",
     "grow", "by", "BY", "bye", "by,", "x", "’s", "-", "(", ",", "20%", " ", "  ", "\n",
     "\u00a0"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(CHANGE_WORDS, max_size=30).map(" ".join))
def test_intransitive_change_starts_where_a_match_can(core: str) -> None:
    # labels searches for "<subject> fell by" from six words before the first " by".
    by = labels._BY.search(core)
    if by is None:
        return
    found = labels._intransitive_change(core, by.start())
    expected = labels._CHANGE_INTRANS.search(core)
    assert (found and (found.span(), found.groups())) == (
        expected and (expected.span(), expected.groups())
    )


# Patterns written to open on one class (re scans for it in C; a pattern that opens on a
# repeat or an alternation is tried at every position), each with the plain form it
# stands for.
OPENING_ON_A_CLASS = [
    (checkworthiness._ASCII_WORD, r"[a-z0-9_'-]+%?"),
    (atomic_claims._TOKEN, r"[\w’'-]+|[^\w\s]"),
    (
        atomic_claims._CANDIDATE,
        r"(?P<sep>[,;]|\s(?:and|but|while|whereas|yet))\s+(?:(?:and|but|also|then|thereby|further)"
        r"\s+)*(?P<word>[\w’'-]+)",
    ),
    (
        checkworthiness._CLAUSE_BREAK,
        r";\s|:\s|\s?—\s?|\s–\s|\s--?\s|,\s+(?:and|but|because|so)\s",
    ),
    (
        labels._ASIDE,
        r",\s+(?:known as|also known as|which|who|whose|a |an |the |including|such as|especially|"
        r"particularly|opening|allowing|making|leading|according to|as|while|although|though|"
        r"even|in addition)|\s+[—–]\s|\s*—|\s*\(",
    ),
    (labels._LABEL_WORD, r"[^\s]+"),
    (labels._CLAUSE_CUT, labels._CLAUSE_CUT.pattern.replace(r"\s\s*(?=", r"\s+(?=", 1)),
    (quantities._QUANTITY_START, r"[$€£\d]|\.(?=\d)"),
    (quantities._PHONE_HINT, r"\d{3}[-. ]\d{4}"),
]  # fmt: skip
CLASSY = st.sampled_from(
    ["a", "Z", "é", "’", "'", "-", "%", "$", "€", ".", ",", ";", ":", "(", ")", "_", "1",
     "202", "691", "5902", " ", "  ", "\n", "\t", "\u00a0", "\u2003", "and", "while",
     "Whereas", "even", "which", "so that", "ſo", "x%y", "—", "–", "--", "-", "because",
     "but", "yet", "also", "Known as", "a ", "the "]
)  # fmt: skip


# Only asked whether it finds one (its match starts at "while", not the space before).
CONJ_PLAIN = r";\s|,\s+(?:and|but|while|whereas|yet)\s|\s(?:while|whereas)\s"


def test_patterns_opening_on_a_class_stand_for_their_plain_forms() -> None:
    for pattern, plain in [*OPENING_ON_A_CLASS, (atomic_claims._SEMI_OR_COMMA_CONJ, CONJ_PLAIN)]:
        assert pattern.pattern != plain  # each was rewritten


@settings(max_examples=500, deadline=None)
@given(st.lists(CLASSY, max_size=30).map("".join))
def test_patterns_opening_on_a_class_match_as_their_plain_forms(text: str) -> None:
    for pattern, plain in OPENING_ON_A_CLASS:
        found = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        expected = [(m.span(), m.groups()) for m in re.compile(plain, pattern.flags).finditer(text)]
        assert found == expected, (pattern.pattern, text)
    found_conj = atomic_claims._SEMI_OR_COMMA_CONJ.search(text) is not None
    assert found_conj == (re.search(CONJ_PLAIN, text) is not None)


def _language(alternation: str) -> set[str]:
    """The words of an alternation of words with an optional last letter ("shows?",
    "note[sd]?") or a second word ("points? out")."""
    words: set[str] = set()
    for alt in alternation.split("|"):
        stems = {alt}
        if m := re.fullmatch(r"(.*)\[(\w+)\]\?(.*)", alt):
            stems = {m.group(1) + x + m.group(3) for x in ["", *m.group(2)]}
        elif m := re.fullmatch(r"(.*)(\w)\?(.*)", alt):
            stems = {m.group(1) + x + m.group(3) for x in ("", m.group(2))}
        words |= {stem.split()[0] for stem in stems}
    return words


def test_report_verbs_are_every_verb_of_the_frame() -> None:
    alternation = re.search(r"\(\?P<verb>(shows\?[^)]*)\)", labels._REPORT_FRAME.pattern)
    assert alternation is not None
    assert _language(alternation.group(1)) == labels._REPORT_VERBS


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["MDMA", "the", "data", "Shows", "ſays", "found", "that", "50%", "$3",
                         "pointS", "out", "it", "x,", "ındicates", "works"]),
        max_size=12,
    ).map(" ".join)
)  # fmt: skip
def test_report_hint_misses_no_frame(core: str) -> None:
    if labels._REPORT_FRAME.match(core) is not None:
        assert labels._may_report(core)


def test_may_reach_is_the_ceiling_against_the_floor() -> None:
    texts = [s for article in ARTICLES[:6] for s in _sentences(article)]
    for sentence in texts:
        seen = read_words(sentence)
        ceiling = score_ceiling(sentence, seen)
        for floor in (0.2, 0.35, 0.5, ceiling, ceiling + 0.05):
            assert checkworthiness.may_reach(sentence, seen, floor) == (ceiling >= floor)


# Words that move a score either way: cues of every kind, numbers and dates, names, the
# pronouns of a view, a question mark and a quotation, short and long.
SCORING_WORDS = st.sampled_from(
    ["The", "drug", "cut", "deaths", "by", "50%", "in", "2021", "June", "FDA", "Smith",
     "found", "fell", "first", "record", "no", "effect", "did", "not", "may", "I", "think",
     "you", "should", "we", "will", "study", "trial", "and", ",", "(APPLAUSE)", "?", "“It",
     "works,”", "said", "Dr.", "four", "people", "6-month", "follow-up", "rose", "sharply",
     "rates", "unchanged", "newsletter", "journey", "magic", "bullet", "Why", "is", "it",
     "May", "23", "since", "mid-May", "be", "available"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(SCORING_WORDS, min_size=1, max_size=30))
def test_no_span_between_words_scores_above_the_ceiling(words: list[str]) -> None:
    # The proposer skips a sentence whose ceiling is below its threshold, so no part of
    # it (any run of its words) may score above it; the ceiling counts the length step
    # and the short-line penalty by the sentence's word count, which no part exceeds.
    sentence = " ".join(words)
    ceiling = score_ceiling(sentence, read_words(sentence))
    for i in range(len(words)):
        for j in range(i + 1, len(words) + 1):
            span = " ".join(words[i:j])
            assert score_sentence(span)[0] <= ceiling, (sentence, span)


# The marks a clause break is made of, in and out of place: every kind of white space
# the pattern's \s takes, a comma before and away from a linking word, dashes in a
# word, in a range and between words.
BREAKY = st.sampled_from(
    [" ", "\n", "\t", "\u00a0", "\u2003", ";", ":", ",", "-", "--", "—", "–", "and", "but",
     "because", "so", "sox", "x", "2015", "Well", "3"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(BREAKY, max_size=20).map("".join))
def test_clause_break_hint_finds_what_the_pattern_finds(text: str) -> None:
    # score_sentence asks a pattern that opens on each break's mark.
    found = checkworthiness._CLAUSE_BREAK.search(text) is not None
    assert checkworthiness._has_clause_break(text) == found


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(['"', "“", "”", "(", ")", "[", "]", "\x1b", "\x1b[", "x", " "]),
                max_size=16).map("".join))  # fmt: skip
def test_label_marks_are_found_as_by_two_alternatives(text: str) -> None:
    # A mark or a "[" after no ESC: the pattern opens on one class, ESC looked behind.
    marks = re.compile(r'["“”()\]]|(?<!\x1b)\[')
    assert [m.span() for m in labels._MARKS.finditer(text)] == [
        m.span() for m in marks.finditer(text)
    ]


def test_cued_words_are_the_words_with_those_bits() -> None:
    for _, text, _ in CASES:
        words, bits = read_words(text)
        for cues in (checkworthiness._EVENT_BIT, checkworthiness._CAUSAL_BIT, bits):
            expected = [i for i, w in enumerate(words) if checkworthiness._MASKS[w] & cues]
            assert list(checkworthiness._cued(words, cues)) == expected


# Words the number prefilters turn on, in every case, with the characters that fold to
# an ASCII letter ("ſ", "K", "ı") and the marks that may stand between words.
NUMBER_CONTEXT = st.sampled_from(
    ["more than ", "MORE THAN ", "over ", "moreover ", "about ", "ABOUT ", "up to ", "to ",
     "by ", "By ", "an estimated ", "estimated ", "at least ", "least ", "ſome ", "(over ",
     "as many as ", "some\t", "phase ", "Phase ", "PHASE ", "fig. ", "Fig.", "figure ",
     "no. ", "No.", "H.R. ", "h. r. ", "S. ", "s.j. res. ", "v", "v. ", "day ", "today ",
     "Access code ", "week ", "\u212aeep ", "ıtem ", "the ", "of ", "x", ".", "  ", "\n",
     "3", "42", "$5", "1.5", "-"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(NUMBER_CONTEXT, max_size=12).map("".join))
def test_number_context_hints_miss_no_match(text: str) -> None:
    # A qualifier or a naming word before a number is looked for by the pattern only
    # where the last word before the number ends as one does.
    for at in range(1, len(text) + 1):
        if text[at - 1].isspace():
            theirs = quantities._QUALIFIER_BEFORE.search(text, max(0, at - 24), at)
            ours = quantities._qualifier_before(text, at)
            assert (ours and ours.span()) == (theirs and theirs.span()), (text, at)
        before = text[max(0, at - 12) : at]
        found = quantities._NAMING.search(before) is not None
        assert quantities._names_number(before) == found, before


LINE_PIECES = st.sampled_from(
    ["Photo", "PHOTOGRAPHS", "photo", " credit", ":", "Image", "Video", "Sign", "up", "no",
     "spam", "©", "12", " comments", "Terms", " of ", "Service", "Published", "Updated",
     "updated", "Last", "Mon", "Thursday", "The", "This", "Sept.", "Aug", "May", " 5", ", ",
     "2023", "By", "BY", "by", " Jane", " Doe", "\t", " ", "\u00a0", "ſign", "\u212aeep",
     "ıllustration", "Cookie", "we use cookies", "read more", "Related:", "tags:", "x"]
)  # fmt: skip


def _assert_leads_allow(line: str) -> None:
    lead = sentences._line_lead(line)
    if sentences._BOILERPLATE.match(line) is not None:
        assert lead is None or lead[:2] in sentences._BOILERPLATE_LEADS, line
    if sentences._DATELINE.match(line) is not None:
        assert lead is None or lead in sentences._DATELINE_LEADS or lead[:2] == "by", line


@settings(max_examples=600, deadline=None)
@given(st.lists(LINE_PIECES, max_size=10).map("".join))
def test_line_leads_miss_no_boilerplate_or_dateline(line: str) -> None:
    # units() runs the two line patterns only on lines whose first letters one of
    # their matches can open with.
    _assert_leads_allow(line)


def test_line_leads_hold_for_the_listed_lines() -> None:
    for line in LINES + [line.upper() for line in LINES]:
        _assert_leads_allow(line)


def test_token_before_a_stop_is_found_as_by_a_walk_back() -> None:
    # sentences._word_before looks back for a space in C and checks the token whole.
    def walk(text: str, stop: int, floor: int) -> tuple[int, str]:
        k = stop - 1
        while k >= floor and not text[k].isspace() and text[k] not in '([{“‘"':
            k -= 1
        return k + 1, text[k + 1 : stop]

    texts = [text for _, text, _ in CASES] + ARTICLES[:4] + [SAMPLE]
    texts.append('a (b.c. x\u00a0y.z “q.r ‘s.t "u.v [w.x {y.z ' + "long" * 20 + ".")
    for text in texts:
        for stop in range(len(text)):
            for floor in (0, max(0, stop - 5)):
                assert sentences._word_before(text, stop, floor) == walk(text, stop, floor)


def test_paragraph_lead_patterns_open_only_with_the_listed_letters() -> None:
    # _split_sentences tries the caption and closing patterns (case-sensitive) only on
    # a paragraph that opens with one of the letters their words open with.
    caption = re.match(r"\(\?:([\w|\\.]+)\)", sentences._CAPTION_LABEL.pattern)
    assert caption is not None
    assert {word[0] for word in caption.group(1).split("|")} == sentences._CAPTION_FIRST
    closings = sentences._VALEDICTION.pattern.split("),(?=")[0]
    letters = set(re.findall(r"(?<![\w\[])[A-Z]", closings))  # each word's capital
    assert "[Rr]egards" in closings  # and "regards" after a word or alone
    assert letters | {"R", "r"} == sentences._VALEDICTION_FIRST


DATE_PIECES = st.sampled_from(
    ["Mon", "Monday", "Thu", "The", "Jan", "January", "Sept.", "May", "may", " ", "\t", "3",
     "23", "2023", "-", "/", ", ", "12", "Researchers", "“", "x", "\u00a0", "٣"]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(DATE_PIECES, max_size=10).map("".join))
def test_glued_date_opens_with_a_listed_start(line: str) -> None:
    # units() looks for a date glued to the text after it only on a line that opens
    # (after spaces and tabs) with a weekday's or a month's first three letters or a
    # digit.
    if sentences._GLUED_DATE.match(line) is not None:
        head = line.lstrip(" \t")[:3]
        assert head in sentences._DATE_STARTS or head[:1].isdigit(), line


def test_line_endings_rule_out_headings_and_labels() -> None:
    # units() asks whether a line is a heading only when its last character may end
    # one (or the line is a title quoted whole), and whether it is a field label
    # ("WHAT:") only when it ends on a colon or white space.
    lines = LINES + [line for _, text, _ in CASES for line in text.split("\n")]
    lines += [line for article in ARTICLES for line in article.split("\n")]
    lines += ['"A Title Quoted Whole"', "“A Title Quoted Whole”", '"A quoted sentence."']
    for line in filter(None, lines):
        quoted = line[-1] in '"”' and line.lstrip()[:1] in '"“'
        if line[-1] in sentences._NEVER_ENDS_HEADING and not quoted:
            for alone in (False, True):
                assert not sentences._looks_like_heading(line, None, None, alone), line
        if sentences._LABEL_LINE.match(line) is not None:
            assert line[-1] in ": \t", line


def test_plain_tokens_shortcut_changes_no_unit(monkeypatch: pytest.MonkeyPatch) -> None:
    # _is_break_after takes a full stop after a plain token (no abbreviation, number,
    # initial, day or month) for a break at once: the units are those of the full tests.
    texts = [text for _, text, _ in CASES] + ARTICLES + [SAMPLE]
    texts.append(
        "Dr. Smith met J. R. R. Tolkien at 9 a.m. on Sun. Mar. 3 in the U.S. Sat. 4 p. 12."
        " Fig. 2 shows it. vitamin D. Then e.g. this. Acme Inc. The end. No. 5 is no. Yes."
    )
    sentences._PLAIN_TOKENS.clear()
    fast = [sentences.units(text) for text in texts]
    monkeypatch.setattr(sentences, "_plain_token", lambda token: False)
    sentences._PLAIN_TOKENS.clear()
    assert [sentences.units(text) for text in texts] == fast
    sentences._PLAIN_TOKENS.clear()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Another", "key", "Mechanism", "mechaniſm", "MECHANISM", "of",
                         "behind", "MDMA", "is", "may be", "dampening", "activity", "the"]),
        max_size=10,
    ).map(" ".join)
)  # fmt: skip
def test_mechanism_hint_misses_no_match(core: str) -> None:
    # make_label tries its mechanism pattern only on a core that holds the word.
    if labels._MECHANISM.match(core) is not None:
        assert labels._may_hold(core, ("mechanism",))


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["In", "in", "IN", "Inside", "In2019", "in_fact", "According", "to",
                         "ſo", "So", "so,", "But", "but,", "BUT", "Butter", "and", "Now",
                         "rather", "than", "of", "course", "fact", "the", "data", ",",
                         "“", "However,", "ınstead", "x"]),
        max_size=8,
    ).map(" ".join)
)  # fmt: skip
def test_opening_word_misses_no_frame(core: str) -> None:
    # _strip_frames tries its opener and conjunction patterns only on a claim whose
    # first word one of their matches opens with.
    first = labels._opening(core)
    if labels._FRAME_START.match(core) is not None:
        assert first is None or first in labels._FRAME_FIRST, core
    if labels._LEAD_CONJ.match(core) is not None:
        assert first is None or first in labels._CONJ_FIRST, core
