"""Check-worthiness of a sentence or claim: a score in [0, 1] and the reasons for it.

Each reason is a short tag a checker understands. Raising: ``statistic``, ``number``,
``comparison``, ``causal``, ``mechanism``, ``study``, ``trial``, ``agency``,
``imaging``, ``timeframe``, ``absolute``. Lowering: ``hedge``, ``opinion``,
``question``, ``imperative``, ``boilerplate``, ``rhetoric``, ``vague``, ``short``.
The weights are named constants below; the threshold that turns a score into a
proposal is a setting (``segment.DEFAULT_THRESHOLD``, ``--threshold``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from annotator.model import Quantity
from annotator.quantities import find_quantities

BASE = 0.1

_I = re.IGNORECASE


class _Cue(NamedTuple):
    """Words (lower case), word prefixes and two-word phrases that signal one tag."""

    tag: str
    weight: float
    words: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    phrases: frozenset[str] = frozenset()
    cased: frozenset[str] = frozenset()  # matched as written: "FDA", "PET"


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> frozenset[str]:
    return frozenset(p.strip() for p in text.split(","))


# Each tag counts once however many of its words a sentence has. Matching is on words,
# not regular expressions, so scoring a sentence costs a few set look-ups.
_CUES: tuple[_Cue, ...] = (
    _Cue("comparison", 0.1, _set(
        "more less fewer greater higher lower better worse compared than versus vs "
        "superior inferior doubled tripled halved"), ("outperform",)),
    _Cue("causal", 0.25, _set(
        "cut cuts lower lowers lowered cure cures cured calm calms calmed silence silences "
        "quiet quiets flood floods prompt prompts override overrides reset resets treat "
        "treats treated effective efficacy work works worked remission benefit benefits "
        "responded heal heals healed healing alter alters altered altering raise raises "
        "raised raising"),
        ("caus", "reduc", "increas", "decreas", "trigger", "prevent", "improv", "boost",
         "releas", "dampen", "block", "activat", "enhanc", "strengthen", "amplif", "promot",
         "inhibit", "stimulat", "suppress", "reliev", "worsen", "damag", "protect",
         "recover", "relaps"),
        _phrases("leads to, lead to, led to, linked to, associated with, responsible for, "
                 "results in, result in, resulted in, contributes to, contribute to, "
                 "response rate")),
    _Cue("mechanism", 0.1, _set(
        "mechanism mechanisms receptor receptors serotonin dopamine oxytocin cortisol "
        "hormone hormones amygdala prefrontal cortex hippocampus brain neural pathway "
        "pathways binds bind"), ("neurotransmitter",), _phrases("acts on, act on")),
    _Cue("study", 0.15, _set(
        "study studies studied data evidence review experiment experiments cohort journal "
        "paper published finding findings scientist scientists meta-analysis "
        "meta-analyses"), ("research", "survey"), _phrases("according to")),
    _Cue("trial", 0.15, _set(
        "trial trials randomized randomised placebo clinical participant participants"),
        (), _phrases("phase 1, phase 2, phase 3, phase 4, phase i, phase ii, phase iii, "
                     "sample size, sample sizes")),
    _Cue("agency", 0.15, _set("regulator regulators government ministry agency"),
         ("approv",), _phrases("health canada"),
         _set("FDA EMA CDC WHO NIH NHS NICE DEA MHRA TGA")),
    _Cue("imaging", 0.15, _set("imaging neuroimaging scan scans"), (), frozenset(),
         _set("MRI fMRI PET EEG")),
    _Cue("absolute", 0.1, _set("never always every first only guaranteed proven 100%"),
         (), _phrases("all other, nothing else, no other")),
    _Cue("hedge", -0.1, _set(
        "may might could appear appears seem seems suggest suggests possibly perhaps "
        "likely potential potentially emerging"), ("promis", "hope")),
    _Cue("opinion", -0.25, _set("should must ought deserve deserves"), (), _phrases(
        "we owe, i think, i believe, we believe, i feel, my view, my opinion, "
        "important to, it's important, it’s important, magic bullet")),
    _Cue("opinion", -0.05, _set("immense remarkable incredible amazing profound stunning")),
)  # fmt: skip
_WORD = re.compile(r"[\w’'-]+%?")

_PERIODS = _set("day days week weeks month months year years decade decades")
_TIME_MARKERS = _set("next last past coming within after over for during")
_FOLLOW_UP = _set("follow-up follow-ups followup long-term")
_DURATION = re.compile(r"\d+-(?:day|week|month|year)")
_IMPERATIVE = _set(
    "talk ask consult read visit click call try learn see check join get keep stay don't "
    "don’t do make take find subscribe follow share contact download remember imagine "
    "consider note watch listen register sign order buy tell let's let’s discover explore "
    "please"
)
_BOILERPLATE = _Cue(
    "boilerplate", 0.0, _set("newsletter subscribe unsubscribe copyright ©"), (),
    _phrases("photo credit, photos by, photo by, image credit, image source, sign up, "
             "no spam, rights reserved, click here, follow us, keep up, stay connected"),
)  # fmt: skip
# Figurative words and set phrases of persuasion: without anything checkable beside
# them they make a sentence rhetoric, never a claim.
_FIGURATIVE = _Cue(
    "rhetoric", 0.0, _set(
        "darkness labyrinth soul souls despair shackled liberation heart heartfelt journey "
        "window psyche festering dissolve dissolves soften wound wounds hijack hijacks "
        "hijacked hijacking light miracle game-changer revolution revolutionary"),
    (), _phrases("rays of, ray of, in sight, tip scales, the scales, the edge, magic bullet, "
                 "flow by, red alert, key to, game changer"),
)  # fmt: skip
_VAGUE = _set("it this that these those they we you he she there such")
_LEAD_WORDS = _set("but and so yet now still simultaneously instead together")
_ANCHORS = frozenset(("statistic", "number", "study", "trial", "agency", "imaging"))


_ALL_CUES = (*_CUES, _BOILERPLATE, _FIGURATIVE)
_BOILERPLATE_AT = len(_CUES)
_FIGURATIVE_AT = len(_CUES) + 1
_PHRASE_FIRST: dict[str, list[tuple[int, str]]] = {}
for _i, _cue in enumerate(_ALL_CUES):
    for _phrase in _cue.phrases:
        _first, _second = _phrase.split(" ", 1)
        _PHRASE_FIRST.setdefault(_first, []).append((_i, _second))
_CASED = tuple((i, c.cased) for i, c in enumerate(_ALL_CUES) if c.cased)
_CAPS = re.compile(r"[A-Z]{2}|[a-z][A-Z]")
_CACHE: dict[str, frozenset[int]] = {}
_CACHE_LIMIT = 200_000


def _word_cues(word: str) -> frozenset[int]:
    """The cues a (lower-case) word belongs to; remembered, as articles reuse words."""
    hit = _CACHE.get(word)
    if hit is None:
        hit = frozenset(
            i
            for i, cue in enumerate(_ALL_CUES)
            if word in cue.words or (cue.prefixes and word.startswith(cue.prefixes))
        )
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        _CACHE[word] = hit
    return hit


def _found_cues(text: str, words: list[str]) -> set[int]:
    """Indices into ``_ALL_CUES`` of every cue present in the sentence."""
    found: set[int] = set()
    cache = _CACHE
    for word in words:
        hit = cache.get(word)
        if hit is None:
            hit = _word_cues(word)
        if hit:
            found |= hit
        seconds = _PHRASE_FIRST.get(word)
        if seconds is not None:
            found.add(-1)  # a phrase may start here: checked below
    if -1 in found:
        found.discard(-1)
        for a, b in zip(words, words[1:], strict=False):
            seconds = _PHRASE_FIRST.get(a)
            if seconds is not None:
                for i, second in seconds:
                    if second == b:
                        found.add(i)
    if _CAPS.search(text):
        cased = set(_WORD.findall(text))
        for i, names in _CASED:
            if not names.isdisjoint(cased):
                found.add(i)
    return found


def score_sentence(
    sentence: str, quantities: tuple[Quantity, ...] | None = None
) -> tuple[float, tuple[str, ...]]:
    """Check-worthiness of ``sentence`` in [0, 1] and the tags that moved it."""
    text = " ".join(sentence.split())
    if not text:
        return 0.0, ()
    if text.rstrip("\"'”’)] ").endswith("?"):
        return 0.05, ("question",)
    words = _WORD.findall(text.lower())
    word_set = set(words)
    found = _found_cues(text, words)
    if len(words) < 25 and _BOILERPLATE_AT in found:
        return 0.0, ("boilerplate",)
    if quantities is None:
        quantities = find_quantities(text)
    score = BASE
    reasons: list[str] = []
    if any(q.unit in ("%", "fold", "percentage points", "p-value") for q in quantities):
        score += 0.3
        reasons.append("statistic")
    elif any(q.unit or q.value >= 10 for q in quantities):
        score += 0.15
        reasons.append("number")
    for i, cue in enumerate(_CUES):
        if i in found and cue.tag not in reasons:
            score += cue.weight
            reasons.append(cue.tag)
    if (
        any(q.timeframe for q in quantities)
        or not word_set.isdisjoint(_FOLLOW_UP)
        or (not word_set.isdisjoint(_PERIODS) and not word_set.isdisjoint(_TIME_MARKERS))
        or _DURATION.search(text) is not None
    ):
        score += 0.1
        reasons.append("timeframe")
    if words and words[0] in _IMPERATIVE and words[1:2] != ["not"]:
        score -= 0.35
        reasons.append("imperative")
    if _FIGURATIVE_AT in found:
        anchored = any(r in _ANCHORS for r in reasons)
        score -= 0.15 if anchored else 0.4
        reasons.append("rhetoric")
    lead = 1 if words and words[0] in _LEAD_WORDS else 0
    if words[lead : lead + 1] and words[lead] in _VAGUE:
        score -= 0.05
        reasons.append("vague")
    if len(words) < 6:
        score -= 0.15
        reasons.append("short")
    return max(0.0, min(1.0, round(score, 3))), tuple(reasons)
