"""Atomic claims: a sentence that asserts two things becomes two contiguous spans.

"Brain imaging shows MDMA increases prefrontal cortex activation and decreases
overactivity in the amygdala" has two predicates sharing the subject "MDMA": it gives
the span "Brain imaging shows MDMA increases prefrontal cortex activation" and the span
"decreases overactivity in the amygdala.", and the second carries the subject it lacks
("MDMA") for its label. Coordinated clauses with their own subject (", and the FDA is
expected ...") split too. Coordinated noun phrases ("PTSD and anxiety") and verbs in
other forms ("to assess efficacy and develop guidelines") are never split.

The verb test is a small lexicon of the verbs claims are made with, in their third
person and past forms: no tagger, so it stays fast and predictable.
"""

from __future__ import annotations

import re
from itertools import compress
from typing import NamedTuple


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_BASE_VERBS = _words(
    "increase decrease reduce raise lower boost cut trigger cause prevent cure improve "
    "release dampen block activate calm silence quiet enhance strengthen heal flood "
    "prompt override amplify promote inhibit stimulate suppress alter reset treat relieve "
    "worsen damage protect open allow help lead show reveal double halve triple drop fall "
    "rise affect change shrink grow restore repair reverse ease soothe weaken harm kill "
    "lift limit slow speed spark fuel curb target regulate modulate mimic bind trip "
    "deliver produce yield lengthen shorten widen narrow elevate deplete flush clear "
    "quell quench tame mute free rewire reshape outperform beat match exceed support "
    "contradict replicate confirm cost save require need carry pose contain remain become "
    "offer provide create make give gain lose miss fail succeed work act "
    # News verbs: what outbreaks, votes, markets and agencies did.
    "sicken hospitalize infect injure vote pass sign approve reject announce report launch "
    "complete win earn spend pay sell buy fund receive employ hire close expand post "
    "record hit reach top climb jump slip edge surge plunge soar decline add shed"
)
_IRREGULAR_PAST = {
    "lead": "led", "show": "showed", "cut": "cut", "fall": "fell", "rise": "rose",
    "grow": "grew", "shrink": "shrank", "make": "made", "give": "gave", "lose": "lost",
    "become": "became", "speed": "sped", "free": "freed", "beat": "beat", "bind": "bound",
    "win": "won", "pay": "paid", "sell": "sold", "buy": "bought", "spend": "spent",
    "hit": "hit", "shed": "shed", "slip": "slipped", "plunge": "plunged",
}  # fmt: skip
_REPORTING = _words(
    "show shows showed suggest suggests suggested say says said find finds found report "
    "reports reported indicate indicates indicated reveal reveals revealed claim claims "
    "claimed argue argues argued note notes noted believe believes believed demonstrate "
    "demonstrates demonstrated confirm confirms confirmed"
)
_FINITE_AUX = _words(
    "is are was were has have had can could will would may might must does do did remains "
    "remained seems seemed appears appeared"
)
_DETERMINERS = _words(
    "the a an this that these those its their his her our my your some many most all both each no"
)
_NOT_SUBJECT = _words(
    "to of in on at for from by with as than into about over under after before since "
    "during until so then also not only even still just very more less most least then "
    "if when because although though whether how why where what which who"
)
_NOUN_BEFORE = _words(
    "the a an with of in on for to by from this that these those its their his her our my "
    "your some many most any no large small big significant"
)


def _third_person(base: str) -> str:
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


def _past(base: str) -> str:
    if base in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[base]
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ied"
    if base in ("drop", "stop", "trip", "slip"):
        return base + base[-1] + "ed"
    return base + "ed"


_FORMS: dict[str, str] = {}
for _b in sorted(_BASE_VERBS):
    _FORMS[_third_person(_b)] = "present"
    _FORMS.setdefault(_past(_b), "past")
# "dampening" -> "dampens": for labels that turn "a mechanism is X-ing Y" into "X-s Y".
ING_TO_PRESENT: dict[str, str] = {
    (_b[:-1] if _b.endswith("e") and not _b.endswith("ee") else _b) + "ing": _third_person(_b)
    for _b in sorted(_BASE_VERBS)
}
for _w in ("is", "are", "has", "have", "remains", "can", "will"):
    _FORMS.setdefault(_w, "aux-present")
for _w in ("was", "were", "had", "could", "would"):
    _FORMS.setdefault(_w, "aux-past")


# Verbs of headlines beyond the claim verbs above: what news titles say happened.
_HEADLINE_VERBS = _words(
    "sign approve pass vote fall rise drop climb jump surge slip confirm find reveal say warn "
    "welcome win kill sicken recall launch discover report announce issue malfunction close "
    "back halt end begin start set hit reach top near ban order reject extend expand award "
    "fund charge sue rule elect appoint resign arrest convict acquit die detect observe "
    "identify estimate link tie have investigate trace"
)
_HEADLINE_FORMS = frozenset(
    [_third_person(b) for b in _HEADLINE_VERBS]
    + [_past(b) for b in _HEADLINE_VERBS]
    + ["has", "had", "is", "are", "was", "were", "won", "found", "said", "hit", "set", "led"]
)


# Past forms of any verb, for splitting: news reports what was done with verbs no
# lexicon lists ("destroyed 40 homes, damaged 300 more and left 12,000 without power").
_OPEN_PAST = _words(
    "laid held led took gave made began sent paid sold bought built spent struck hit left "
    "met ran saw chose drew flew brought fought caught taught thought sought became came "
    "went found shot stood broke spoke stole fell rose grew won lost kept told said set put "
    "shut wrote drove rode ate froze bore wore tore swore hung dug slid"
)
# Words in "-ed" that are rarely a clause's verb.
_ED_NOT_VERBS = _words(
    "hundred kindred sacred naked wicked beloved crooked ragged rugged united limited "
    "advanced based related detailed so-called alleged skilled talented balanced "
    "sophisticated concerned interested supposed"
)


# Words in "un-" and "-ed" are adjectives ("shipped invoices and unordered pendants",
# "an unprecedented attack", "unapproved drugs"), but for the verbs that undo an act.
_UN_VERBS = _words(
    "unveiled uncovered unleashed unearthed undermined unlocked unraveled unravelled "
    "unfolded unified unsealed unloaded unpacked unmasked unseated unsettled untied "
    "unblocked unplugged unbolted unchained unfrozen unfroze unwrapped unrolled unbuckled "
    "unfastened unhooked unlatched unscrewed unsubscribed unfriended unfollowed"
)


_WORD_FORMS: dict[str, str] = {}  # word as written -> its form: read again and again


def _word_form(word: str) -> str:
    form = _WORD_FORMS.get(word)
    if form is None:
        if len(_WORD_FORMS) >= 100_000:
            _WORD_FORMS.clear()
        low = word.lower()
        form = _FORMS.get(low)
        if form is None:
            past = low in _OPEN_PAST or (
                len(low) > 4
                and low.endswith("ed")
                and not low.endswith("eed")
                and word.islower()
                and low not in _ED_NOT_VERBS
                and (not low.startswith("un") or low in _UN_VERBS)
            )
            form = "past" if past else ""
        _WORD_FORMS[word] = form
    return form


def is_headline_verb(word: str) -> bool:
    """Whether ``word`` is a finite verb form as titles use them ("Signs", "Falls")."""
    low = word.lower()
    return low in _HEADLINE_FORMS or _FORMS.get(low, "") in ("present", "past")


def is_base_verb(word: str) -> bool:
    """Whether ``word`` is the base form of a claim or headline verb ("Live", "Approve")."""
    low = word.lower()
    return low in _BASE_VERBS or low in _HEADLINE_VERBS or low == "live"


def is_verb_form(word: str) -> bool:
    """Whether ``word`` is a third-person or past form of a verb claims are made with."""
    return _FORMS.get(word.lower(), "") in ("present", "past")


# A word ("[\w’'-]+") or a mark alone ("[^\w\s]"), written to open on one class (see
# checkworthiness._ASCII_WORD): any character but white space, then the rest of a word when
# it was a word's.
_TOKEN = re.compile(r"[^\s](?:(?<=[\w’'-])[\w’'-]*|)")
_CONJ = frozenset(("and", "but", "while", "whereas", "yet"))
_JOINTS = _CONJ | {"or", ",", ";"}


# Where a second claim could start: after a comma, semicolon or conjunction.
# (That is "(?P<sep>[,;]|\s(?:and|but|while|whereas|yet))...", written to open on one
# class, which re scans for in C, where an alternation is tried at every position.)
_CANDIDATE = re.compile(
    r"(?P<sep>[,;\s](?:(?<=[,;])|(?<=\s)(?:and|but|while|whereas|yet)))\s+"
    r"(?:(?:and|but|also|then|thereby|further)\s+)*(?P<word>[\w’'-]+)"
)


def _could_split(m: re.Match[str]) -> bool:
    word = m.group("word")
    if _word_form(word):
        return True
    return m.group("sep") in (",", ";") and (word.lower() in _DETERMINERS or word[0].isupper())


# Coordinated clauses (", and", ", but", ", while", ";") and negated disjunctions ("did
# not reduce X or prevent Y"): the precheck for the clause and "or" branches below.
# (It opens on one class, which re scans for in C, and asks after it what came before:
# three alternatives were tried at every position.)
_SEMI_OR_COMMA_CONJ = re.compile(
    r"[;,w](?:(?<=;)\s|(?<=,)\s+(?:and|but|while|whereas|yet)\s|(?<=\sw)(?:hile|hereas)\s)"
)
_NEGATED_OR = re.compile(r"\b(?:not|n[’']t|never)\s[^.;]*?\sor\s", re.IGNORECASE)
_MODALS = _words(
    "did does do could would will can cannot may might should has have had is are was were"
)


class Part(NamedTuple):
    """One atomic claim inside a sentence: offsets relative to the sentence start."""

    start: int
    end: int
    subject: str  # what the span lacks for its label ("" when it has its own subject)


class _Tok(NamedTuple):
    text: str
    low: str
    start: int
    end: int
    # The verb form for splitting (``_word_form``): the lexicon's, or "past" for a past
    # form of another verb. Read once: the search for verbs asks again and again.
    form: str


def _tokens(sentence: str) -> list[_Tok]:
    # Made by the tuple's own constructor (``_new_tuple``): a sentence that may split has
    # some 40 tokens.
    toks: list[_Tok] = []
    add = toks.append
    known = _WORD_FORMS.get
    for m in _TOKEN.finditer(sentence):
        word = m.group()
        form = known(word)
        if form is None:
            form = _word_form(word)
        start, end = m.span()
        add(_new_tuple(_Tok, (word, word.lower(), start, end, form)))
    return toks


_new_tuple = tuple.__new__  # a named tuple made in C: its own __new__ is Python


def _depth_marks(sentence: str, toks: list[_Tok]) -> list[int]:
    """Nesting depth in brackets and quotes per token: never split inside them."""
    if "(" not in sentence and "[" not in sentence and "{" not in sentence and "“" not in sentence:
        return [0] * len(toks)  # most sentences: nothing opens (a mark is a token alone)
    depth, marks = 0, []
    for t in toks:
        if t.text in "([{“":
            depth += 1
        marks.append(depth)
        if t.text in ")]}”" and depth:
            depth -= 1
    return marks


def _main_verb(toks: list[_Tok], lo: int, hi: int, form: str) -> int:
    """Index of the first verb of ``form`` in toks[lo:hi] used as a predicate, or -1."""
    for i in range(lo + 1, hi):  # the clause's first word is its subject, not its verb
        t = toks[i]
        if t.form != form:
            continue
        if (
            t.low in _REPORTING
            and i + 1 < hi
            and toks[i + 1].low not in (",", ".")
            and not toks[i + 1].text[0].isdigit()
        ):
            continue  # "imaging shows [that] X ...": the frame; "reported 12 cases" is not
        prev = toks[i - 1].low
        if prev in _NOUN_BEFORE or prev in ("who", "which", "that") and i - 1 > lo:
            continue
        return i
    return -1


def _subject(sentence: str, toks: list[_Tok], lo: int, verb: int) -> str:
    """The words before ``verb`` that name what the clause is about, without frames."""
    start = lo
    for i in range(lo, verb):
        t = toks[i]
        if t.low in _REPORTING:
            start = i + 1
            if start < verb and toks[start].low == "that":
                start += 1
        elif t.text == ",":
            start = i + 1
    if start >= verb:
        # "The drug, which costs $500 a dose, cut ...": the subject is before the aside.
        first_comma = next((i for i in range(lo, verb) if toks[i].text == ","), -1)
        if first_comma <= lo or toks[first_comma + 1].low not in ("which", "who"):
            return ""
        start, verb = lo, first_comma
    words = sentence[toks[start].start : toks[verb - 1].end].strip()
    return words if len(words.split()) <= 6 else ""


def atomic_parts(sentence: str) -> list[Part]:
    """The sentence's atomic claims as spans relative to it; one part if it is atomic."""
    # (Made by the tuple's constructor in C: this runs for every sentence that may score.)
    whole = [_new_tuple(Part, (0, len(sentence), ""))]
    if not 30 <= len(sentence) <= 2000 or (
        " and " not in sentence
        and ", " not in sentence
        and "; " not in sentence
        and " or " not in sentence
        and " while " not in sentence
        and " whereas " not in sentence
    ):
        return whole
    if (
        not any(map(_could_split, _CANDIDATE.finditer(sentence)))
        and _SEMI_OR_COMMA_CONJ.search(sentence) is None
        and (" or " not in sentence or _NEGATED_OR.search(sentence) is None)
    ):
        return whole
    toks = _tokens(sentence)
    depth = _depth_marks(sentence, toks)
    cuts: list[tuple[int, int, str]] = []  # (end of part before, start of part after, subj)
    clause_lo = 0
    first_verb = -1
    form = ""
    # Only a conjunction, "or", a comma or a semicolon can start a part: their places
    # are picked out in C, where a loop in Python would pass over every other word.
    joints = map(_JOINTS.__contains__, [t.low for t in toks])
    for i in compress(range(len(toks)), joints):
        t = toks[i]
        if depth[i] or i == 0:
            continue
        if t.low == "or" and depth[i] == 0:
            negated, verb_form = _negated_subject(sentence, toks, clause_lo, i)
            if negated and i + 1 < len(toks) and _same_form(toks[i + 1], verb_form):
                # "did not reduce X or prevent Y": "prevent Y" keeps "X did not";
                # "never tested X or warned Y": "warned Y" keeps "X never".
                cuts.append((toks[i - 1].end, toks[i + 1].start, negated))
                continue
        is_conj = t.low in _CONJ and toks[i - 1].low != "and"
        is_comma = t.text == "," or t.text == ";"
        if not (is_conj or is_comma) or i + 1 >= len(toks):
            continue
        j = i + 1
        if is_comma and toks[j].low in _CONJ:
            continue  # the conjunction after the comma is judged on its own
        while j < len(toks) and toks[j].low in ("also", "then", "thereby", "further"):
            j += 1
        if j >= len(toks):
            break
        nxt = toks[j]
        nxt_form = nxt.form
        before_end = toks[i - 1].end
        if toks[i - 1].text == ",":
            before_end = toks[i - 2].end if i >= 2 else before_end
        # "while" and "whereas" join clauses with or without a comma before them.
        clause_conj = is_conj and (toks[i - 1].text == "," or t.low in ("while", "whereas"))
        if (t.text == ";" or clause_conj) and _own_clause(toks, j):
            # A coordinated clause with its own subject: ", and the FDA is expected ...".
            if _has_finite(toks, clause_lo, i):
                cuts.append((before_end, nxt.start, ""))
                clause_lo, first_verb, form = j, -1, ""
            continue
        if first_verb < 0:
            first_verb, form = _first_finite(toks, clause_lo, i)
        if first_verb >= 0 and nxt_form == form and _has_object(toks, j):
            # A second predicate of the same subject: "... and decreases ...".
            subject = _subject(sentence, toks, clause_lo, first_verb)
            if subject:
                cuts.append((before_end, nxt.start, subject))
    if not cuts:
        return whole
    parts: list[Part] = []
    start, subject = 0, ""
    for end, nxt_start, subj in cuts:
        parts.append(Part(start, _rstrip_span(sentence, start, end), subject))
        start, subject = nxt_start, subj
    parts.append(Part(start, len(sentence), subject))
    return [p for p in parts if sentence[p.start : p.end].strip()]


def _rstrip_span(sentence: str, start: int, end: int) -> int:
    while end > start and (sentence[end - 1].isspace() or sentence[end - 1] in ",;"):
        end -= 1
    return end


def _first_finite(toks: list[_Tok], lo: int, hi: int) -> tuple[int, str]:
    for form in ("present", "past"):
        v = _main_verb(toks, lo, hi, form)
        if v >= 0:
            return v, form
    return -1, ""


def _has_finite(toks: list[_Tok], lo: int, hi: int) -> bool:
    return any(t.low in _FINITE_AUX or t.form for t in toks[lo:hi])


def _has_object(toks: list[_Tok], verb: int) -> bool:
    """A predicate worth its own claim: the verb is followed by some words, or by a
    number ("... and killed 2")."""
    after = [t for t in toks[verb + 1 : verb + 4] if t.text[0].isalnum()]
    return len(after) >= 2 or (len(after) == 1 and after[0].text[0].isdigit())


def _own_clause(toks: list[_Tok], j: int) -> bool:
    """Whether toks[j:] starts a clause with its own subject and a finite verb."""
    # Its subject starts with a determiner, a name or a plain noun ("payroll employment
    # changed little"), never with a verb, a preposition or an adverb.
    if toks[j].form or toks[j].low in _NOT_SUBJECT or not toks[j].text[0].isalnum():
        return False
    for k in range(j + 1, min(j + 7, len(toks))):
        if toks[k].text in ",;.":
            return False
        if toks[k].low in _FINITE_AUX or toks[k].form in ("present", "past"):
            return k + 1 < len(toks)
    return False


def _same_form(tok: _Tok, form: str) -> bool:
    return tok.low in _BASE_VERBS if form == "base" else tok.form == form


def _negated_subject(sentence: str, toks: list[_Tok], lo: int, at: int) -> tuple[str, str]:
    """For "or" at ``at``: the words up to a negation before it and the form of the
    negated verb: "base" ("The drug did not" in "The drug did not reduce X or prevent
    Y") or "past" ("The agency never" in "The agency never tested X or warned Y");
    ("", "") when there is none."""
    for k in range(at - 1, lo, -1):
        low = toks[k].low
        if low in ("not", "never") or low.endswith(("n't", "n’t")):
            if k + 1 >= at or k - 1 < lo:
                return "", ""
            verb = toks[k + 1]
            if verb.low in _BASE_VERBS:
                if low in ("not",) and toks[k - 1].low not in _MODALS:
                    return "", ""
                form = "base"
            elif low == "never" and verb.form == "past":
                form = "past"
            else:
                return "", ""
            words = sentence[toks[lo].start : toks[k].end].strip()
            return (words, form) if len(words.split()) <= 8 else ("", "")
        if toks[k].text in ",;":
            return "", ""
    return "", ""
