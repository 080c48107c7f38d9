"""Article text -> proposed claims, as pure functions over character offsets.

The pipeline: ``sentences.units`` cuts the text into units with exact offsets;
headings, datelines and boilerplate are never claims; each sentence is split into its
atomic claims (``atomic.atomic_parts``); each claim gets its quantities
(``quantities.find_quantities``), a check-worthiness score with reasons
(``checkworthy.score_sentence``) and a card label (``labels.make_label``). Every span
returned satisfies ``text[start:end] == claim.text`` and claims never overlap.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from annotator.model import ProposedClaim, Quantity, proposed_row
from annotator.text.atomic_claims import atomic_parts, is_base_verb, is_headline_verb
from annotator.text.checkworthiness import (
    IMPERATIVE_PENALTY,
    NUMBER_WEIGHT,
    may_have_quantities,
    may_reach,
    read_words,
    rule_floor,
    rule_score,
    score_sentence,
    weigh_learned,
)
from annotator.text.labels import MAX_LABEL, make_label
from annotator.text.quantities import find_quantities
from annotator.text.sentences import HEADING, SENTENCE, Unit, units
from annotator.text.spans import strip_span
from annotator.text.speech_model import claim_probability

__all__ = [
    "DEFAULT_THRESHOLD",
    "MAX_LABEL",
    "Unit",
    "claim_rows",
    "make_label",
    "propose_claims",
    "score_sentence",
    "takes_title",
    "units",
]

HEADLINE_WEIGHT = 0.2
"""Added to a factual title's score: the title is the claim its article is read for."""

FACT_LINE_WEIGHT = 0.1
"""Added to a fact line's score ("Orbital period: 23 hours"): a measured value, stated."""

DEFAULT_THRESHOLD = 0.35
"""Claims scoring below this are not proposed (a desk setting; ``segment --all`` shows all)."""

_CEILING_MARGIN = 0.01
"""A sentence is skipped only when its score ceiling is this far below the threshold:
the ceiling is a sum of floats, the score a rounded one."""


def takes_title(sentence: str, kind: str) -> bool:
    """Whether a unit is its article's title when no title came before it: a heading or
    sentence, but not a section's name in lower case with no stop ("research and
    science" over a blog post's title), which is the page's breadcrumb."""
    return kind in (HEADING, SENTENCE) and not (sentence[0].islower() and sentence[-1] not in ".!?")


def propose_claims(
    text: str, threshold: float = DEFAULT_THRESHOLD, include_all: bool = False
) -> list[ProposedClaim]:
    """The claims worth checking in ``text``, in order.

    ``include_all`` keeps every sentence's claims whatever their score (headings,
    datelines and boilerplate lines are still left out: they are never claims).
    """
    return _proposals(text, threshold, include_all, ProposedClaim)


def claim_rows(
    text: str, threshold: float = DEFAULT_THRESHOLD, include_all: bool = False
) -> list[dict[str, Any]]:
    """``claim.to_dict()`` of each claim ``propose_claims`` finds, each row made from
    the claim's fields with no claim made (``model.proposed_row``): what ``annotator
    segment`` writes."""
    return _proposals(text, threshold, include_all, proposed_row)


Made = TypeVar("Made")
# What a claim is made into, from its fields in ``ProposedClaim``'s order.
MakeClaim = Callable[
    [int, int, str, str, float, tuple[str, ...], int, int, tuple[Quantity, ...]], Made
]


def _proposals(text: str, threshold: float, include_all: bool, make: MakeClaim[Made]) -> list[Made]:
    """``propose_claims``, each claim made by ``make``."""
    floor = 0.0 if include_all else threshold
    floor_of_rules = rule_floor(floor)  # the least rules' score that can make the floor
    claims: list[Made] = []
    seen_title = False
    for unit_start, unit_end, kind in units(text):  # unpacked in C: read for every unit
        sentence = text[unit_start:unit_end]
        # The first heading or sentence is the article's title: proposed when it states
        # something ("President Trump signs emergency relief bill"), as desks check those.
        # A later heading is a section's headline in a digest of news items ("Outbreak
        # in Ohio: CDC traces illnesses to sprouts"): proposed when it has a verb, as a
        # number alone there is a date line or a release code more often than a claim.
        headline = False
        if not seen_title and takes_title(sentence, kind):
            seen_title = True
            headline = factual_title(sentence)
        elif kind == HEADING:
            headline = factual_title(sentence, need_verb=True)
        fact = kind == HEADING and not headline and fact_line(sentence)
        if kind != SENTENCE and not headline and not fact:
            continue
        whole_seen = read_words(sentence)
        if (
            kind == SENTENCE
            and not headline
            and sentence[-1] not in _SENTENCE_END
            and sentence[0].isupper()
            and text[unit_end : unit_end + 1] in ("\n", "")  # the line's end
            and "\n" not in sentence
            and may_reach(sentence, whole_seen, floor - HEADLINE_WEIGHT - _CEILING_MARGIN)
        ):
            # A line with no stop that headings' rules leave a sentence, as long ("New
            # approach to immunotherapy leads to complete response in ...", a title in a
            # list of news items) is a headline too when it has a verb.
            headline = factual_title(sentence, need_verb=True)
        if (
            not (headline or fact)  # their weights come on top of the score
            and not may_reach(sentence, whole_seen, floor - _CEILING_MARGIN)
        ):
            continue  # no part of it can score enough: most sentences stop here
        parts = atomic_parts(sentence)
        probability = -1.0  # the learned model's, of the whole sentence: read once
        whole_score = -1.0
        if len(parts) > 1:
            # The sentence as a whole has a say in its parts' scores: "... and decreases
            # overactivity in the amygdala" keeps the imaging cue of its sentence.
            whole_score, _ = rule_score(sentence, None, whole_seen)
        for part in parts:
            if len(parts) == 1 and part.start == 0 and part.end == len(sentence):
                start, end, span = unit_start, unit_end, sentence  # units are stripped
                seen = whole_seen
            else:
                start, end = strip_span(text, unit_start + part.start, unit_start + part.end)
                if start >= end:
                    continue
                span = text[start:end]
                seen = read_words(span)
            quantities = find_quantities(span) if may_have_quantities(seen) else ()
            score, reasons = rule_score(span, quantities, seen)
            if score < whole_score and "boilerplate" not in reasons:
                # A part keeps its sentence's check-worthiness: "cut the risk of heart
                # attack by a fifth" is as worth checking as the sentence it came from.
                score = whole_score
            if headline and "boilerplate" not in reasons:
                score = round(min(1.0, score + HEADLINE_WEIGHT), 3)
                reasons = (*reasons, "headline")
            elif fact and "boilerplate" not in reasons:
                if "imperative" in reasons:
                    # "Check cashing rate: 72%": the label names its value; its first
                    # word is no command.
                    score += IMPERATIVE_PENALTY
                    reasons = tuple(r for r in reasons if r != "imperative")
                # Its value is a number with a unit even where the quantity reader
                # leaves it out as a time frame ("23 hours").
                counted = bool({"number", "amount", "statistic"}.intersection(reasons))
                weight = FACT_LINE_WEIGHT + (0.0 if counted else NUMBER_WEIGHT)
                score = round(min(1.0, score + weight), 3)
                reasons = (*reasons, "fact-line")
            if score < floor_of_rules:
                continue  # the learned part lowers it further: not proposed
            # Last: the learned part (of the whole sentence, as the part keeps its
            # sentence's check-worthiness) reorders claims on each side of the default
            # threshold and moves none across it.
            if probability < 0.0:
                probability = claim_probability(whole_seen[0])
            score, reasons = weigh_learned(score, reasons, probability)
            if score < floor:
                continue  # not proposed: spare the label
            label = make_label(span, part.subject, quantities)
            claims.append(
                make(start, end, span, label, score, reasons, unit_start, unit_end, quantities)
            )
    return claims


# "Mass: 10 times the mass of Jupiter", "Distance from Earth: 325 light-years", "Money
# sent to the Treasury: $655,528": a label of a few words, a colon, and a value with a
# number and its unit or currency. A time ("1:00 pm"), a phone number or a bare date has
# no label of words before its colon or no unit after, and a word in capitals after a
# number is a name, not a unit ("Outlet: 21 WFMJ", a station; units in capitals are
# short: "MW", "GB").
_FACT_LINE = re.compile(
    r"[A-Z][\w ()’'/,.-]{1,60}:\s+"
    r"(?=.*(?:[$€£]\s?\d|\d[\d,.]*\s*(?:%|(?![A-Z]{4,}\b)(?!"
    # A month after a number is a date ("Date: 2009 May"), no unit.
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b)[^\W\d_]{2,})))"
)
# "Current Alert Level: WATCH", "Aviation Color Code: ORANGE", "Fire Danger: HIGH": a
# status a warning system states, a label naming a level and a word or two for it.
_LEVEL_LINE = re.compile(
    r"[A-Z][\w ()’'/,.-]{0,60}\b(?i:level|code|status|alert|danger|risk|threat|rating)"
    r"\s*:\s+[^\W\d_]+(?:[ -][^\W\d_]+)?\s*$"
)


_SENTENCE_END = '.!?…:;"”’)]'


def fact_line(line: str) -> bool:
    """Whether a line set apart like a heading states a measured value or a status."""
    return _FACT_LINE.match(line) is not None or _LEVEL_LINE.match(line) is not None


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TITLE_WORD = re.compile(r"[\w’'-]+")
_TITLE_COMPARISON = re.compile(r"\b(?:More|Fewer|Less)\b.*\bThan\b", re.IGNORECASE)
_FUTURE_VERBS = frozenset(
    [
        "study",
        "probe",
        "visit",
        "meet",
        "seek",
        "hold",
        "face",
        "get",
        "join",
        "test",
        "send",
        "return",
        "leave",
        "step",
        "build",
        "review",
        "investigate",
        "explore",
        "map",
        "track",
        "measure",
        "observe",
        "examine",
    ]
)


def factual_title(title: str, need_verb: bool = False) -> bool:
    """Whether an article's title states something (a verb, a number), not a topic.

    "President Trump signs emergency relief bill" and "Unemployment rate falls to 6.3%"
    do; "Zika update" and "MDMA-Assisted Therapy: A Promising Treatment" do not. Titles
    are in headline grammar (present tense, often title case), so the verb test is a
    lexicon of verb forms, not the sentence's case. ``need_verb`` asks for a verb (or
    a state a verb is left out of: "Jobless rate unchanged"), not a number alone.
    """
    words = _TITLE_WORD.findall(title)
    if not 3 <= len(words) <= 30:
        return False
    if not need_verb and find_quantities(title):
        return True  # a count, an amount or a rate: "Unemployment rate falls to 6.3%"
    if _TITLE_COMPARISON.search(title) is not None:
        return True  # "More Children Live With Their Fathers Than a Decade Ago"
    if words[0].lower() in _WH_WORDS and words[0] != "WHO":
        return False  # "How Vaccines Work": an explainer's topic ("WHO" is an agency)
    if words[0].endswith("ing") and (
        words[1].lower() in _GERUND_OBJECT
        or words[1].lower() in _DETERMINERS
        or words[1].lower() in _TOPIC_NEXT
    ):
        return False  # "Making Sure Kids Are Prepared", "Focusing on Safety": a topic
    for m in _TITLE_FUTURE.finditer(title):
        if m.group(2) is not None:
            if m.group(2) not in _TOPIC_NEXT and m.group(2) not in _DETERMINERS:
                return True  # "Ferry likely to resume ...", "Mill will close ...": a verb
        elif is_base_verb(m.group(1)) or m.group(1).lower() in _FUTURE_VERBS:
            return True  # "New NASA Mission to Study Ocean Color": it will study
    if _TITLE_STATE.search(title) is not None:
        return True  # "Jobless rate unchanged in May": the verb "is" left out
    listed = frozenset(m.group(1).lower() for m in _LISTED.finditer(title))
    # A verb and its subject or object are on one side of a colon: "Health Resources :
    # Recalls", "COVID-19 Relief: Improved Controls" have none.
    parts = [_TITLE_WORD.findall(part) for part in title.split(":")] if ":" in title else [words]
    for part in parts:
        if _has_verb(part, listed):
            return True
    # Phrases listed with commas or semicolons are read one at a time by the grammar
    # of headlines, the lexicon aside: "Effective dates; Severability ..." lists topics,
    # its "dates" is no verb of "Severability".
    if "," in title or ";" in title:
        parts = [_TITLE_WORD.findall(p) for p in _TITLE_PHRASES.split(title)]
    if any(_sentence_case_verb(part) for part in parts):
        return True
    if _FIELD_LABEL.match(title) is not None:
        # "Featured Research Units: USDA-ARS Dale Bumpers National Rice Research Center":
        # a record's field and its value, a name whose words headline grammar would
        # read as a verb ("Bumpers National"); a kicker's headline has a verb a lexicon
        # lists ("Vaping Illness Update: FDA Warns Public ...").
        return False
    # ("Personal Income, March 2019; Personal Outlays, February 2019": its "Outlays"
    # is no verb of "February".)
    return any(_headline_grammar(part, listed) for part in parts)


_TITLE_PHRASES = re.compile(r"[:,;]")


def _sentence_case_verb(words: list[str]) -> bool:
    """Whether a title in sentence case has a verb in "-s" after its named subject:
    "NIH stops clinical trial on combination cholesterol treatment", "FEC summarizes
    campaign activity of the 2014 cycle". The subject is the title's capitalised
    words (a name, an acronym), the verb the first word in lower case, and its object
    three words or more that do not start on a preposition; a short topic ("NASA
    missions overview", "CDC guidelines for schools") has no such object."""
    if len(words) < 5 or not words[0][:1].isupper():
        return False
    i = next((k for k, w in enumerate(words) if not w[:1].isupper()), len(words))
    if 0 < i < len(words) - 4 and words[i] == "and" and words[i + 1][:1].isupper():
        # Two named subjects: "EPA and NOAA launch a joint survey of ...", "NIH and VA
        # collaborate to boost ...". A base form then, before its object or "to" and a
        # verb; a noun there ("EPA and NOAA grants for ...") has neither.
        k = next((k for k in range(i + 1, len(words)) if not words[k][:1].isupper()), 0)
        if not k or len(words) - k - 1 < 3:
            return False
        word, after = words[k].lower(), words[k + 1].lower()
        return (
            word.isalpha()
            and len(word) > 3
            and not word.endswith("s")
            and (after in _OBJECT_START or (after == "to" and is_base_verb(words[k + 2])))
        )
    if i == 0 or len(words) - i - 1 < 3:
        return False
    word, after = words[i].lower(), words[i + 1].lower()
    return (
        word.endswith("s")
        and len(word) > 3
        and word.isalpha()
        and not word.endswith(_NOT_VERB_S)
        and word not in _NOT_PLURALS
        and not _plural(words[i - 1])
        and after not in _TOPIC_NEXT
        and after not in _NOT_BEFORE_VERB
    )


# A field's label opening a line: one to three capitalised words and a colon.
_FIELD_LABEL = re.compile(r"[A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*){0,2}[ \t]*:\s")


def _has_verb(words: list[str], listed: frozenset[str]) -> bool:
    """Whether ``words`` (a title's, or one side of its colon) have a verb a lexicon
    lists, with a subject before it where it is a base form."""
    for i, (before, word) in enumerate(zip(words, words[1:], strict=False), 1):
        after = words[i + 1].lower() if i + 1 < len(words) else ""
        if (
            is_headline_verb(word)
            and not (after == "of" and _noun_before_of(word))
            and word.lower() not in _RECOMMENDED
            and word.lower() not in listed
        ):
            return True  # "... Signs Bill", but not "New Reports of ...": a noun
        if (
            is_base_verb(word)
            and (
                _plural(before)  # "Children Live ...", "Voters Approve ...": a plural subject
                or (
                    # "Exports in May 2023 reach a record": a plural subject, a phrase
                    # after it, and the verb's object
                    (after in _OBJECT_START or after[:1].isdigit())
                    and before.lower() not in _NOT_BEFORE_VERB
                    and any(_plural(w) for w in words[max(0, i - 6) : i - 1])
                )
            )
        ):
            return True
    return False


# After a gerund that opens a title, words that make it a topic ("Making Sure ...",
# "Focusing on ...", "Improving the ..."), not a subject ("Eating Nuts Lowers Risk").
_GERUND_OBJECT = frozenset(["sure", "up", "out", "back", "more", "your", "you", "our"])
# "Improved Controls Needed for ...", "More Research Needed": a recommendation.
_RECOMMENDED = frozenset(["needed"])
# Nouns of a page's sections that are verbs in "-s" too ("CDC Reports 5 Cases", "FDA
# Recalls Peanut Butter"): a noun where it ends the title or a list ("Most Recent
# Reports", "Status Reports, Updates, and Information Releases", "Recalls & Alerts").
_LISTED = re.compile(
    r"\b((?i:reports|recalls|releases|updates|alerts))(?:\s*[,&;]|\s+(?:and|or)\b|\s*$)"
)


# "likely to reduce", "set to close", "will close": what is expected to happen, in
# headline grammar as in prose ("Coal demand likely to fall this summer").
_TITLE_FUTURE = re.compile(
    r"\bto ([A-Z][a-z]+)|\b(?:(?:likely|unlikely|expected|set|poised|projected|forecast|"
    r"slated|scheduled)\s+to|will)\s+(?:not\s+)?([a-z]+)\b"
)
_DETERMINERS = _word_set("a an the this that these those its their his her our")
# A subject and a state, the verb "is" left out: "Household income unchanged", "Jobless
# rate steady at 4%", "Rates higher in rural areas". The state word ends the title or
# comes before a preposition; after a determiner or preposition it is an adjective of a
# topic ("Tips for a Stable Budget"), and first in the title it opens one ("Lower Back
# Pain").
_TITLE_STATE = re.compile(
    r"(?<![\w’'-])(?<!\ba )(?<!\ban )(?<!\bthe )(?<!\bfor )(?<!\bof )(?<!\bto )(?<!\bin )"
    r"(?<=[\w’'%)] )(?:unchanged|steady|stable|flat|higher|lower)"
    r"(?:\s*$|\s*[,;–—-]|\s+(?:at|in|for|from|as|after|since|despite|amid|through|on|over)\b)",
    re.IGNORECASE,
)
_OBJECT_START = _word_set("a an the record new its their his her")
_NOT_BEFORE_VERB = _word_set(
    "to and or not can could should would will may might must please let's let’s how"
)
# Headline verbs in "-s" that are also plural nouns before "of": "Reports of Flooding",
# "Traces of Water", "Signs of Recovery". The verbs of warning and dying keep "of".
_VERBS_WITH_OF = _word_set("warns dies")


def _noun_before_of(word: str) -> bool:
    low = word.lower()
    return low.endswith("s") and low not in _VERBS_WITH_OF


_WH_WORDS = _word_set("how what why where when who which")
# After a word that may be a verb, these make it a noun of a topic title instead
# ("Health Effects of ...", "Safety Tips for ...", "Climate Change Impacts on ...").
_TOPIC_NEXT = _word_set(
    "of for and or to about from on in with by vs versus into at across among through "
    "over under after before during between against within without near"
)


def _headline_grammar(words: list[str], nouns: frozenset[str] = frozenset()) -> bool:
    """Whether a title-case title has a verb no lexicon lists, by headline grammar: a
    capitalised singular name or noun, then a capitalised "-s" or "-ed" word, then
    its object or complement ("Hubble Spots Rare Star Collision", "Treasury Sanctions
    Russian Oil Traders", "Rare Whale Spotted Off Oregon Coast"). ``nouns`` are words
    the title uses as nouns (lower case)."""
    for i in range(1, len(words) - 1):
        before, word, after = words[i - 1], words[i], words[i + 1]
        if not (before[:1].isupper() and word[:1].isupper() and len(word) > 3):
            continue
        if word.isupper() and not before.isupper():
            continue  # "USDA-ARS Bioproducts": an acronym names, it is no verb
        low, nxt = word.lower(), after.lower()
        if low in nouns:
            continue
        if (
            low.endswith("s")
            and not _plural(before)
            and not low.endswith(_NOT_VERB_S)
            and not before.endswith("ed")  # "Improved Controls": an adjective before a noun
            and _CODE.match(after) is None  # "Census Briefs C2010BR-08": a series' code
        ):
            if nxt not in _TOPIC_NEXT:
                return True  # "Hubble Spots Rare ...", "NOAA Forecasts Above-Normal ..."
        elif (
            low.endswith("ed")
            and len(low) > 4
            and not before.lower().endswith("ly")
            and low not in _NOT_VERB_ED
            # After a preposition, or joined to a word, it is an adjective: "Quality Of
            # Self-Supplied Well Water", "Notes on Long-Awaited Reforms".
            and "-" not in low
            and before.lower() not in _TOPIC_NEXT
        ):
            return True  # "Whale Spotted Off ...", "Heat Recorded Across ..."
    return False


# A report's code: capitals, digits, then a capital ("C2010BR-08", "RB12A").
_CODE = re.compile(r"[A-Z]+\d+[A-Z]")
_NOT_VERB_S = ("ss", "us", "is", "ics", "'s", "’s", "ies", "news")
_NOT_VERB_ED = _word_set(
    "united limited related based advanced detailed selected featured red bed needed"
)


def _plural(word: str) -> bool:
    low = word.lower()
    return low in _PLURALS or (
        len(low) > 2
        and low.endswith("s")
        and not low.endswith(("ss", "us", "is"))
        and low not in _NOT_PLURALS
    )


_PLURALS = frozenset(["children", "people", "men", "women", "police", "data"])
# Words in "-s" that are not plurals: "News Release" is not "Voters Approve".
_NOT_PLURALS = _word_set("news series species means gas politics economics physics measles")
