"""Short card labels for claims: at most 60 characters, no trailing punctuation.

Built from the claim's subject, predicate and quantities, the way a checker writes a
card: frames ("According to available data,", "Brain imaging shows") and asides
(", known as ...") go, "the release of oxytocin" becomes "oxytocin release", and a
change with a statistic becomes "MDMA-assisted therapy: >50% PTSD symptom drop at 6
months".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from annotator.model import Quantity
from annotator.text.atomic_claims import ING_TO_PRESENT, is_verb_form
from annotator.text.sentences import sentence_spans


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MAX_LABEL = 60

# Openers of a frame ("According to available data, ..."), then its conjunctions.
_FRAME_OPENERS = (
    "in addition to", "according to", "while", "when", "by", "with", "for", "as", "although",
    "though", "because", "since", "after", "before", "during", "despite", "combined with",
    "rather than", "unlike", "like", "in", "on", "at", "among", "under", "once", "if",
    "of course", "now", "still", "thus", "so", "also", "moreover", "furthermore", "indeed",
    "in fact", "notably", "additionally", "however", "simultaneously", "meanwhile", "overall",
    "today", "recently",
    # A time frame that opens the claim: "Over the past 15 years, the share ...".
    "over the past", "over the last", "over the next", "over the years", "over time",
)  # fmt: skip
_FRAME_START = re.compile(
    rf"^(?:(?:{'|'.join(_FRAME_OPENERS)})\b[^,]{{0,80}},[\"”’']?\s+)", re.IGNORECASE
)
_LEAD_CONJUNCTIONS = ("but", "and", "so", "yet", "also", "then", "now", "still", "however")
_LEAD_CONJ = re.compile(rf"^(?:{'|'.join(_LEAD_CONJUNCTIONS)}),?\s+", re.IGNORECASE)
# The first words they can open with (``_opening``): one look at a claim's first word
# rules out both patterns for most claims.
_FRAME_FIRST = frozenset(opener.split()[0] for opener in _FRAME_OPENERS)
_CONJ_FIRST = frozenset(_LEAD_CONJUNCTIONS)
_FIRST_WORD = re.compile(r"\w+")
_REPORT_FRAME = re.compile(
    r"^(?:(?:[\w’'-]+|\$?\d[\d,.]*%?)\s+){0,6}?(?=[acdfinprs])(?P<verb>shows?|showed|says?|said|suggests?|suggested|finds?|found|"
    r"reports?|reported|indicates?|indicated|reveals?|revealed|demonstrates?|"
    r"demonstrated|confirms?|confirmed|points? out|note[sd]?|argues?|argued)\s+(?P<that>that\s+)?",
    re.IGNORECASE,
)
# The verbs of ``_REPORT_FRAME`` as words ("point" of "points? out"): one of them is among
# the first seven words of every text it matches.
_REPORT_VERBS = _words(
    "show shows showed say says said suggest suggests suggested find finds found report "
    "reports reported indicate indicates indicated reveal reveals revealed demonstrate "
    "demonstrates demonstrated confirm confirms confirmed point points note notes noted "
    "argue argues argued"
)
# Asides inside the clause: ", more commonly known as ecstasy," / ", such as X,".
_INNER_ASIDE = re.compile(
    r",\s+(?:(?:[\w-]+\s+){0,2}(?:known as|such as|including|called|dubbed|like)\s|"
    r"e\.g\.,?\s|i\.e\.,?\s|for example\s|for instance\s)[^,]{1,60},",
    re.IGNORECASE,
)
# Words that judge rather than say: a card label stays neutral without them.
# (The lookaheads in these patterns name the first letters of their words: one
# character test where the alternation would otherwise try every word.)
_EVALUATIVE = re.compile(
    r"\b(?=[adhiprstv])(?:remarkable|remarkably|immense|immensely|dramatic|dramatically|incredible|"
    r"amazing|profound|striking|stunning|huge|truly|very|really)\s+",
    re.IGNORECASE,
)
# What every match of ``_EVALUATIVE`` holds, lower-cased (see ``_may_hold``).
_EVALUATIVE_WORDS = (
    "remarkabl", "immense", "dramatic", "incredible", "amazing", "profound", "striking",
    "stunning", "huge", "truly", "very", "really",
)  # fmt: skip
# The characters that IGNORECASE matches to an ASCII letter though ``lower()`` does not
# make them one ("ſ" is "s", "ı" and "İ" are "i"): with one of them in a text, a
# case-insensitive pattern may match where the lower-cased text holds none of its words.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def _may_report(core: str) -> bool:
    """False only when ``_REPORT_FRAME`` surely does not match ``core`` (single-spaced):
    none of its first seven words is a reporting verb."""
    if not core.isascii() and _FOLDS_TO_ASCII.search(core) is not None:
        return True
    return not _REPORT_VERBS.isdisjoint(core.lower().split(" ", 7)[:7])


def _may_hold(text: str, words: tuple[str, ...]) -> bool:
    """False only when a case-insensitive pattern of these (ASCII, lower-case) words
    surely finds none in ``text``: a few substring tests instead of a scan of the
    pattern at every position."""
    if not text.isascii() and _FOLDS_TO_ASCII.search(text) is not None:
        return True
    low = text.lower()
    return any(map(low.__contains__, words))


# "Another key mechanism of MDMA is temporarily dampening activity ..." -> "MDMA dampens ...".
_MECHANISM = re.compile(
    r"^(?:another|one|a|the)?\s*(?:key|main|major|central|important|second)?\s*"
    r"mechanism (?:of|behind) (?P<subj>[\w-]+(?: [\w-]+)?) (?:is|may be|seems to be) "
    r"(?:by )?(?:\w+ly )?(?P<ing>[a-z]+ing)\b",
    re.IGNORECASE,
)
_VERB_CASE = re.compile(r"(?<=\s)[A-Z][a-z]+(?:s|ed)\b")  # "The medicine Quiets ..."
# Whether there is one: the same from its space, without a look-behind (a scan in C).
_VERB_CASE_HINT = re.compile(r"\s[A-Z][a-z]+(?:s|ed)\b")
_CLAUSE_CUT = re.compile(  # "\s\s*": "\s+" opening on a class (checkworthiness._ASCII_WORD)
    r"\s\s*(?=[abefirstuw])(?:even|when|while|whereas|because|although|though|for whom|who|"
    r"which|without|"
    r"before|after|unless|until|so that|in order to|rather than|especially|involving|"
    r"including)\b",
    re.IGNORECASE,
)
# ",\s+(?:known as|...)|\s+[—–]\s|\s*—|\s*\(", the same matches written to open on one
# class (re scans for it in C; an alternation that opens on white space is tried at
# every position): a comma, white space, "—" or "(", and after it what its kind wants.
_ASIDE = re.compile(
    r"[,\s—(](?:(?<=,)\s+(?:known as|also known as|which|who|whose|a |an |the |including|"
    r"such as|especially|particularly|opening|allowing|making|leading|according to|as|"
    r"while|although|though|even|in addition)|(?<=\s)\s*(?:[—–]\s|—|\()|(?<=[—(]))",
    re.IGNORECASE,
)
_ASIDE_MARK = re.compile(r"[,—–(]")  # in every aside: a cheap scan first
_NOMINAL = re.compile(
    r"\b(?=[aprltu])(?:the )?(release|activation|production|levels?|activity|risk|use|rate|"
    r"remission|reduction) of (?!the\b|a\b|an\b|their\b|its\b)([\w-]+)\b"
    # One word only where it ends its phrase: "the risk of heart attack" stays whole.
    r"(?=\s*$|\s*[,.;:)]|\s+(?:by|in|at|to|for|from|with|and|or|after|among|over|than|"
    r"during|is|are|was|were|has|had|even|also|only|still|when|while|which|who|that|"
    r"because|although|though|since|until|before|as|on|without|within)\b)",
    re.IGNORECASE,
)
_CHANGE_VERB = re.compile(
    r"\b(?P<verb>cuts?|reduces?|reduced|lowers?|lowered|decreases?|decreased|"
    r"increases?|increased|raises?|raised|boosts?|boosted|improves?|improved)\s+"
    r"(?P<obj>(?:[\w’'-]+\s+){0,4}?[\w’'-]+)\s+by\b",
    re.IGNORECASE,
)
_CHANGE_INTRANS = re.compile(
    r"(?P<subj>(?:[\w’'-]+\s+){0,4}[\w’'-]+)\s+(?P<verb>fall|fell|falls|drop|dropped|drops|"
    r"decline[sd]?|decrease[sd]?|rise|rose|rises|increase[sd]?|grew|grow|grows|improved?)"
    r"\s+by\b",
    re.IGNORECASE,
)
_BY = re.compile(r"\sby\b", re.IGNORECASE)
_DOWN = re.compile(r"^(?:cut|reduc|lower|decreas|fall|fell|drop|declin)", re.IGNORECASE)
_TRAILING = _words(
    "a an the of to in on at for from by with and or but as than that which who "
    "its their his her our my your this these those into about over under "
    "between via per vs not no nor so if when while like such including especially whether "
    "very because although though since unless until whereas where"
)
_POSSESSIVE = _words("their his her its our my your the a an")
_QUALIFIER_SIGN = {
    "over": ">", "more than": ">", "greater than": ">", "above": ">", "higher than": ">",
    "at least": "≥", "no fewer than": "≥", "less than": "<", "fewer than": "<",
    "under": "<", "below": "<", "at most": "≤", "no more than": "≤", "about": "~",
    "around": "~", "roughly": "~", "approximately": "~", "nearly": "~", "almost": "~",
    "an estimated": "~", "some": "~", "up to": "up to ",
}  # fmt: skip


def _tidy(label: str) -> str:
    # The words of ``" ".join(label.split()).strip(_QUOTES + " ")``, split once: the
    # quotation marks at either end go, and a word of marks only with them.
    words = label.split()
    while words and not words[0].lstrip(_QUOTES):
        del words[0]
    if words:
        words[0] = words[0].lstrip(_QUOTES)
    while words and not words[-1].rstrip(_QUOTES):
        words.pop()
    if words:
        words[-1] = words[-1].rstrip(_QUOTES)
    while words:
        if words[-1].lower().strip(",;:.!?…") in _TRAILING:
            words.pop()
        elif not words[-1].strip(_END_MARKS):
            words.pop()  # a mark may hide a function word before it: "the —"
        else:
            break
    label = " ".join(words).rstrip(" .,;:!?…\"'”’(“‘-—–")
    return label[:1].upper() + label[1:]


_END_MARKS = ".,;:!?…\"'”’(“‘-—–"
_QUOTES = "\"'“”‘’"


def _fit(label: str) -> str:
    label = _tidy(label)
    if len(label) <= MAX_LABEL:
        return label
    first = _first_sentence(label)
    if first is not None:
        return _fit(first)
    # Prefer to end where a clause or a list item ends.
    for m in reversed(list(_CLAUSE_CUT.finditer(label, 0, MAX_LABEL + 1))):
        if len(label[: m.start()].split()) >= 4 and _ends_whole(label[: m.start()]):
            return _tidy(label[: m.start()])
    comma = label.rfind(", ", 0, MAX_LABEL)
    if comma >= 25 and _ends_whole(label[:comma]):
        return _tidy(label[:comma])
    whole = _whole_cut(label)
    if whole is None:
        # Adverbs are what a card can lose first: "will not significantly impact".
        whole = _whole_cut(_ADVERB.sub("", label))
    if whole is None:
        # Lose the asides, a "that" after a verb of saying and the names of places and
        # bodies ("Collaborators in the Milwaukee Workforce Hub are ..."), then try again.
        shorter = _THAT_AFTER_SAYING.sub(r"\g<verb> ", _DASH_ASIDE.sub("", label))
        shorter = _tidy(_NAME_PHRASE.sub(" ", shorter, count=1))
        if shorter != label:
            whole = shorter if len(shorter) <= MAX_LABEL else _whole_cut(shorter)
    if whole is None:
        # Else end before a participle that opens a modifier: "17 cases of E. coli
        # infections" | "linked to flour".
        whole = _whole_cut(label, participles=True)
    if whole is None:
        # A short whole phrase reads better on a card than a long cut one.
        whole = _whole_cut(label, participles=True, min_words=2)
    if whole is not None:
        return whole
    cut = label[: MAX_LABEL + 1]
    cut = cut.rsplit(" ", 1)[0] if " " in cut else cut[:MAX_LABEL]
    words = cut.split()
    while len(words) > 3 and words[-1].endswith("ly") and len(words[-1]) > 4:
        words.pop()  # a dangling adverb where the cut fell: "... the brain closely"
    return _tidy(" ".join(words))[:MAX_LABEL].rstrip(" .,;:!?…")


# A stop and a space: where a sentence may end inside a claim (in a heading line that
# holds several: "# A heading “Quoted,” she said. “Quoted,” ...").
_INNER_STOPS = (". ", "? ", "! ", ".” ", '." ', "?” ", "!” ")


def _first_sentence(label: str) -> str | None:
    """The first sentence of three words or more of a ``label`` too long for a card that
    holds several: a cut label does not run across a sentence end ("X she said. “Y,”
    she said. “Z”" reads as no card). None when ``label`` is one sentence. The
    sentence splitter judges the stops (abbreviations, initials, quotations), and runs
    only on a label with a stop and a space before its cut."""
    head = label[: MAX_LABEL + 2]
    if not any(map(head.__contains__, _INNER_STOPS)):
        return None
    spans = sentence_spans(label)
    if len(spans) < 2:
        return None
    return next((label[a:b] for a, b in spans if len(label[a:b].split()) >= 3), None)


# A label may stop before these words and still be a whole phrase ("The rate fell to
# 6.3%" | "in January"): prepositions, conjunctions, relative and subordinate openers.
# Not before a determiner (it parts a verb from its object) nor an auxiliary (a subject
# from its verb), nor inside a noun phrase ("improve traumatic" | "memories").
_PHRASE_END_BEFORE = _words(
    "of to in on at for from by with and or but nor as than that which who whom whose "
    "into about over under between via per vs so if when while because although though "
    "like such including especially whether after before since during until within "
    "without across against among around through toward towards upon amid despite then "
    "where how why what across unless whereas"
)
_LABEL_WORD = re.compile(r"\S\S*")  # "\S+" opening on a class: see checkworthiness._ASCII_WORD
# Words in "-ly" that are no adverbs: a label may not stop before them ("your" | "family").
_LY_NOUNS = _words(
    "family supply reply apply rely italy july assembly anomaly monopoly butterfly rally "
    "ally bully belly jelly lily"
)
_ADVERB = re.compile(r"\s(?!only\b|early\b|daily\b|family\b|july\b|italy\b)[a-z]{3,}ly\b")
# A cut may not end on these either (a label is not trimmed of them: "as it usually did"
# is whole, "The reaction wheel's malfunctioning will" is not).
_OPEN_END = _TRAILING | _words(
    "more most will would can could may might must shall should is are was were be been "
    # A verb of saying or finding wants what was said or found ("A trial of 4,000 adults
    # found" | "that ...").
    "said says say found finds showed shows show reported reports suggested suggests thinks "
    "indicated indicates concluded concludes revealed reveals announced announces noted "
    "argued argues think thought believe believes believed ask asks asked tell tells told "
    "wondered"
)
# Names and asides a label can lose to fit: "Collaborators in the Milwaukee Workforce
# Hub are announcing ..." -> "Collaborators are announcing ...", "-- there may ... --".
_NAME_PHRASE = re.compile(
    r"(?<=\w)\s+(?:in|of|at|from|for|on)\s+(?:the\s+)?(?:[A-Z][\w’'.&-]*\s+){1,5}(?=[a-z])"
)
# "that" after a verb of saying may go: "she thought that Vermont was" -> "she thought
# Vermont was".
_THAT_AFTER_SAYING = re.compile(
    r"\b(?P<verb>said|says|found|finds|thought|thinks|believes?|believed|showed|shows|reported|"
    r"reports|suggests?|suggested|indicates?|indicated|concluded|announced|noted|argued)"
    r"\s+that\s+",
    re.IGNORECASE,
)
_DASH_ASIDE = re.compile(r"\s+(?:--|—|–)\s[^—–]*?(?:--|—|–)(?=\s)|\s*\([^()]*\)")


def _ends_whole(prefix: str) -> bool:
    """Whether a cut ending ``prefix`` leaves its phrase whole: it does not stop on a
    function word or a verb that wants what follows ("The obvious decision is")."""
    words = prefix.split()
    return bool(words) and words[-1].lower().strip(",;:") not in _OPEN_END


def _whole_cut(label: str, participles: bool = False, min_words: int = 3) -> str | None:
    """The longest start of ``label`` within MAX_LABEL that ends a whole phrase: its
    last word is no function word and the next word opens a new phrase (or punctuation
    follows). None when no such start has three words."""
    best = None
    words = list(_LABEL_WORD.finditer(label))
    for i, m in enumerate(words[:-1]):
        end = len(m.group().rstrip(",;:—–")) + m.start()
        if end > MAX_LABEL:
            break
        word = m.group().lower().strip(",;:")
        if i < min_words - 1 or word in _OPEN_END:
            continue
        nxt = words[i + 1].group().lower().lstrip("(“\"'")
        if nxt == "to" and word in _NEEDS_TO:
            continue
        if nxt.endswith(("ed", "ing", "ly")) and _wants_participle(
            word, words[i - 1].group().lower() if i else ""
        ):
            continue  # "has ever" | "recorded", "was" | "rising"
        if (
            end < m.end()
            or nxt in _PHRASE_END_BEFORE
            or nxt[:1] in "—–("
            or (nxt.endswith("ly") and len(nxt) > 4 and nxt not in _LY_NOUNS)  # "| closely"
            or (participles and len(nxt) > 4 and nxt.endswith(("ed", "ing")))
        ):
            best = end
    return _tidy(label[:best]) if best is not None else None


def _quantity_phrase(q: Quantity) -> str:
    value = f"{q.value:g}"
    if q.unit == "%" and not any(ch.isdigit() for ch in q.text):
        return q.text  # "two in three", "half"
    sign = _QUALIFIER_SIGN.get(q.qualifier, "")
    unit = q.unit if q.unit in ("%",) else (f" {q.unit}" if q.unit else "")
    return f"{sign}{value}{unit}"


def _timeframe_phrase(q: Quantity) -> str:
    if not q.timeframe:
        return ""
    if q.timeframe.split()[0].replace(".", "").isdigit():
        return f"at {q.timeframe}"
    return q.timeframe


def _singular_modifier(phrase: str) -> str:
    words = [w for w in phrase.split() if w.lower() not in _POSSESSIVE]
    if words and words[-1].endswith("s") and not words[-1].endswith("ss") and len(words[-1]) > 3:
        words[-1] = words[-1][:-1]
    return " ".join(words)


def _with_subject(subject: str, body: str) -> str:
    """``subject: body``, the subject cut from the left until the label fits."""
    words = subject.split()
    while words and len(" ".join(words)) + len(body) + 2 > MAX_LABEL:
        words.pop(0)
    while words and words[0].lower() in _TRAILING:
        words.pop(0)
    return f"{' '.join(words)}: {body}" if words else body


def _extras(body: str, q: Quantity, subject: str = "") -> str:
    """Subject, time frame, then comparator, each while the label still fits."""
    frame = _timeframe_phrase(q)
    if frame and len(body) + len(frame) + 1 <= MAX_LABEL:
        body = f"{body} {frame}"
    if subject:
        body = _with_subject(subject, body)
    extra = _comparator_phrase(q)
    if extra and len(body) + len(extra) + 1 <= MAX_LABEL:
        body = f"{body} {extra}"
    return body


def _comparator_phrase(q: Quantity) -> str:
    if not q.comparator:
        return ""
    words = q.comparator.split()
    rest = [w for w in words[2 if words[0] == "compared" else 1 :] if w.lower() not in _POSSESSIVE]
    return f"vs {' '.join(rest)}" if rest and len(rest) <= 3 else ""


def _statistic_label(core: str, subject: str, quantities: tuple[Quantity, ...]) -> str:
    if not quantities:
        return ""
    q = next((q for q in quantities if q.unit in ("%", "fold", "percentage points")), None)
    if q is None:
        return ""
    # Both change patterns need "... by": a cheap scan first, as the intransitive one
    # backtracks over the words before every position it tries.
    by = _BY.search(core)
    change = _CHANGE_VERB.search(core) if by is not None else None
    if change is not None:
        subj = subject or core[: change.start()].strip(" ,")
        noun = "drop" if _DOWN.match(change.group("verb")) else "rise"
        obj = _singular_modifier(change.group("obj"))
        return _extras(f"{_quantity_phrase(q)} {obj} {noun}", q, subj)
    intrans = _intransitive_change(core, by.start()) if by is not None else None
    if intrans is not None:
        noun = "drop" if _DOWN.match(intrans.group("verb")) else "rise"
        words = intrans.group("subj").split()
        cut = max((i + 1 for i, w in enumerate(words) if w.lower() in _POSSESSIVE), default=0)
        subj = " ".join(_singular_modifier(" ".join(words[cut:])).split()[-4:])
        return _extras(f"{_quantity_phrase(q)} {subj} {noun}", q)
    risk = _RISK.search(core) if "%" in core else None  # the pattern starts after a "%"
    if risk is not None and q.text and q.text in core[: risk.start() + len(q.text) + 3]:
        body = f"{_quantity_phrase(q)} {risk.group('dir').lower()} {risk.group('what')}"
        link = _LINK_VERB.search(core)
        subj = core[: link.start()].strip(" ,") if link is not None else ""
        return _with_subject(subj, body) if subj else body
    return ""


def _intransitive_change(core: str, by: int) -> re.Match[str] | None:
    """``_CHANGE_INTRANS.search(core)``, where ``by`` is the first " by" of ``core``: a
    match ends on its verb and a " by" (this one or a later one), after at most five
    words of its subject, each a run of text between white space; so it starts at the
    earliest six runs before this " by", and the search starts there. (From the text's
    start the pattern tried every place, over the words before each: 120 µs a claim.)"""
    runs = core[:by].rsplit(None, 6)
    return _CHANGE_INTRANS.search(core, len(runs[0]) if len(runs) == 7 else 0)


_RISK = re.compile(
    r"(?<=%)\s+(?P<dir>lower|higher|greater|smaller|reduced|increased)\s+"
    r"(?P<what>(?:risk|rate|chance|odds|likelihood|incidence) of [\w-]+(?: [\w-]+)?)",
    re.IGNORECASE,
)
_LINK_VERB = re.compile(
    r"\s(?:is|are|was|were)\s+(?:linked|associated|tied|connected)\s|"
    r"\s(?:had|has|have|showed|shows|saw|sees)\s",
    re.IGNORECASE,
)


def strip_frames(text: str) -> str:
    """The claim without its lead-in: adverbial openers and reporting frames."""
    return _strip_frames(" ".join(text.split()))


def _strip_frames(core: str) -> str:
    """``strip_frames`` of text whose white space is single spaces already."""
    for _ in range(3):
        before = core
        # Both patterns are anchored at the start: a match there is all ``sub`` replaces.
        first = _opening(core)
        opener = _FRAME_START.match(core) if first is None or first in _FRAME_FIRST else None
        if opener is not None:
            core = core[opener.end() :]
            first = _opening(core)
        conj = _LEAD_CONJ.match(core) if first is None or first in _CONJ_FIRST else None
        if conj is not None:
            core = core[conj.end() :]
        framed = _REPORT_FRAME.match(core) if _may_report(core) else None
        if framed is not None and _frames(core, framed):
            core = core[framed.end() :]
        if core == before:
            break
    return core


def _opening(core: str) -> str | None:
    """The first word of ``core``, lower-cased ("" when it opens on no word character),
    for the opening patterns' first words; None where they must look: a word outside
    ASCII (matched case-insensitively, "ſo" is "so")."""
    first = _FIRST_WORD.match(core)
    if first is None:
        return ""
    word = first.group()
    return word.lower() if word.isascii() else None


# A reporting verb after a form of "be" is a passive, the claim itself ("Nausea was
# reported by 12 percent", "Lead was found in 30 wells"), unless a "that" clause
# follows ("It was found that ..."); one before "by" names who reported, not what.
_BE_FORMS = _words("is are was were be been being")


def _frames(core: str, framed: re.Match[str]) -> bool:
    """Whether the reporting verb ``framed`` found at the start of ``core`` frames the
    claim that follows it, so that the label may leave the frame out."""
    rest = core[framed.end() :].split(" ", 1)[0]
    if len(core) - framed.end() <= 15 or rest.endswith("ing"):
        return False
    if framed.group("that") is not None:
        return True
    before = core[: framed.start("verb")].split()
    if before and before[-1].lower() in _BE_FORMS:
        return False
    return rest.lower() != "by"


def make_label(text: str, subject: str = "", quantities: tuple[Quantity, ...] = ()) -> str:
    """A card label for a claim; ``subject`` is what the span lacks ("MDMA")."""
    original = " ".join(text.split())
    if not original:
        return ""
    core = _strip_frames(original)
    if subject:
        core = f"{subject} {core}"
    core = core.rstrip(" .!?…\"'”’")
    if "," in core:
        core = _INNER_ASIDE.sub("", core)
    mechanism = _MECHANISM.match(core) if _may_hold(core, ("mechanism",)) else None
    if mechanism is not None and mechanism.group("ing").lower() in ING_TO_PRESENT:
        verb = ING_TO_PRESENT[mechanism.group("ing").lower()]
        core = f"{mechanism.group('subj')} {verb}{core[mechanism.end() :]}"
    if _may_hold(core, _EVALUATIVE_WORDS):
        core = _EVALUATIVE.sub("", core)
    stat = _statistic_label(core, subject, quantities)
    if stat and len(_tidy(stat)) <= MAX_LABEL:
        return _tidy(stat)
    aside = _ASIDE.search(core, 12) if _ASIDE_MARK.search(core, 12) is not None else None
    if (
        aside is not None
        and len(core[: aside.start()].split()) >= 3
        and _ends_whole(core[: aside.start()])
    ):
        core = core[: aside.start()]
    if _VERB_CASE_HINT.search(core) is not None:
        core = _VERB_CASE.sub(
            lambda m: m.group(0).lower() if is_verb_form(m.group(0)) else m.group(0), core
        )
    if " of " in core.lower():  # in every nominal ("the release of oxytocin")
        core = _NOMINAL.sub(lambda m: f"{_singular_modifier(m.group(2))} {m.group(1)}", core)
    label = _fit(core)
    if len(label) < len(core) <= MAX_LABEL + 2:
        # The claim fits whole but lost its last word: "We think so", "Relapse was not".
        kept = _kept_whole(core, asks=original.rstrip(" \"'”’").endswith("?"))
        if kept is not None and len(kept) > len(label) and not _stops_open(kept, original):
            label = kept
    if label and _stops_open(label, original):
        label = next((c for c in _whole_labels(core, original) if c), label)
    label = label or _fit(original) or "Claim"  # a span of punctuation only
    return _closed(label, original) if _MARKS.search(label) is not None else label


# Auxiliaries and comparatives end a phrase when a new one starts after them ("as it
# usually did" | "when ...", "they had to move more" | "during ...").
_MAY_END_BEFORE_BOUNDARY = _words(
    "is are was were be been being has have had do does did more most less least"
)
# But not before "to": they want its infinitive ("questions have" | "to be answered",
# "the aim is" | "to cut costs").
_NEEDS_TO = _words("is are was were be been has have had")
_LAST_WORDS = re.compile(r"[\w’'%$.-]+")
_CONTRACTION = re.compile(r"[’'](?:s|ve|re|d|ll)$")


def _stops_open(label: str, text: str) -> bool:
    """Whether ``label`` stops where its claim ``text`` goes on with the same phrase:
    on a function word or a verb that wants what follows, or before a word that
    continues the phrase (an object after its verb, a noun after its adjective). Where
    the label's last words are not found in the claim (it was rewritten: "56% symptom
    drop"), only its last word is judged."""
    words = _LAST_WORDS.findall(label)
    if not words:
        return True
    last = words[-1].lower().strip(".")
    # Most labels are the claim's own words: found whole in one scan.
    end = text.lower().find(label.lower())
    if end >= 0:
        end += len(label)
        if end < len(text) and _is_word_char(text[end]):
            end = -1  # a part of a word: "The rate" in "The rates"
    if end < 0:
        before = words[-2].lower().rstrip(".") if len(words) > 1 else ""
        end = _find_tail(words[-1].lower(), before, text)
    if end < 0:
        return last in _OPEN_END
    rest = text[end:]
    if not rest.strip() or not rest[:1].isspace():
        return False  # the claim ends there, or punctuation follows
    if last in _OPEN_END and last not in _MAY_END_BEFORE_BOUNDARY:
        return True
    nxt = _LAST_WORDS.match(rest.lstrip())
    before = words[-2].lower() if len(words) > 1 else ""
    if last in _SUBJECT_PRONOUN and (
        last not in _OBJECT_TOO
        or not before
        or before in _ASKS_SUBJECT
        or nxt is None
        or nxt.group().lower() not in _PHRASE_END_BEFORE
    ):
        return True  # a subject wants its verb: "although you" | "skipped ..."
    if nxt is None or not any(ch.isalnum() for ch in nxt.group()):
        return False  # a dash or a bracket follows: "the study" | "-- where ..."
    if nxt.group()[:1].isupper() and words[-1][:1].isupper():
        return True  # a name goes on: "Citizens" | "United"
    word = _CONTRACTION.sub("", nxt.group().lower().rstrip("."))
    if word == "to" and last in _NEEDS_TO:
        return True
    optional = (
        len(word) > 4
        and word.endswith(("ly", "ed", "ing"))
        and word not in _LY_NOUNS
        and not _wants_participle(last, words[-2].lower() if len(words) > 1 else "")
    )
    return word not in _PHRASE_END_BEFORE and not optional


def _find_tail(last: str, before: str, text: str) -> int:
    """Where the first whole ``last`` word of ``text`` that follows ``before`` (across
    anything but word characters) ends; -1 if none. Plain string scans: a regular
    expression per label would be compiled for every claim."""
    lower = text.lower()
    at = lower.find(last)
    while at >= 0:
        end = at + len(last)
        if (at == 0 or not _is_word_char(lower[at - 1])) and (
            end == len(lower) or not _is_word_char(lower[end])
        ):
            head = lower[:at].rstrip()
            while head and not head[-1].isalnum() and head[-1] != "_":
                head = head[:-1]
            if not before or (
                head.endswith(before)
                and (len(head) == len(before) or not _is_word_char(head[-len(before) - 1]))
            ):
                return end
        at = lower.find(last, at + 1)
    return -1


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_’'-"


def _whole_labels(core: str, text: str) -> Iterator[str]:
    """Labels to try, in order, when the first one stops inside a phrase.

    The claim itself when it fits and ends on a function word that may end a sentence
    ("The record does not show that"), or the longest start of the claim that ends a
    whole phrase, when it has four words or more; else the longest whole phrase that
    starts where a clause does (after a comma or a dash: "You don't have one Republican
    -- you don't have one Republican senator, and ..." -> "You don't have one
    Republican senator"); else a start once the claim's optional adverbs are gone
    ("among the best we've ever had ever"); else the shorter start; else a whole phrase
    from where what is said or stated starts ("Another contributory factor has been" |
    "the decreasing consumption of iodised salt").
    """
    prefixes = [
        c
        for c in (
            _kept_whole(core, asks=text.rstrip(" \"'”’").endswith("?")),
            _whole_cut(core, participles=True, min_words=2),
        )
        if c and not _stops_open(c, text)
    ]
    long_prefixes = [c for c in prefixes if len(c.split()) >= 4]
    if long_prefixes:
        yield long_prefixes[0]
    flat = " ".join(text.split())
    clause = _window(flat, text, _CLAUSE_START)
    if clause is not None:
        yield clause
    lean = _ADVERB.sub("", _OPTIONAL.sub("", core))
    if lean != core:
        shorter = _kept_whole(lean) or _whole_cut(lean, participles=True, min_words=4)
        if shorter is not None and not _stops_open(shorter, text):
            yield shorter
    yield from prefixes
    stated = _window(flat, text, _PREDICATE_START)
    if stated is not None:
        yield stated
    # A quote that opens the claim does not hide its subject: '"The American Community
    # Survey provides ..." | said' -> "The Survey provides indispensable information".
    headed = _head_subject(core.lstrip(_QUOTES))
    if headed is not None:
        # "NCI-MATCH precision medicine clinical trial releases new findings" (65
        # characters, no whole start that fits) -> "NCI-MATCH trial releases new findings".
        found = _kept_whole(headed) or _whole_cut(headed, participles=True, min_words=4)
        if found is not None and not _stops_open(found, headed):
            yield found


def _head_subject(core: str) -> str | None:
    """``core`` with its subject cut to its first word and its head (the word before
    its verb), when the subject has four words or more: "NCI-MATCH precision medicine
    clinical trial releases ..." -> "NCI-MATCH trial releases ...". None when no verb a
    lexicon lists follows a subject of that size within its first eight words."""
    words = core.split(" ")
    for i in range(4, min(len(words), 9)):
        if is_verb_form(words[i]):
            subject = words[:i]
            if not subject[0][:1].isalnum() or any(
                w.lower() in _OPEN_END or not w[:1].isalnum() for w in subject[1:]
            ):
                return None  # a phrase, not a noun and its modifiers (after "The")
            return " ".join([subject[0], subject[-1], *words[i:]])
    return None


def _window(flat: str, text: str, starts: re.Pattern[str]) -> str | None:
    """The longest whole phrase of four words or more that starts after a match of
    ``starts`` in ``flat`` (the claim ``text`` single-spaced): the whole rest of the
    claim when it fits, else its longest whole start."""
    best = None
    for m in starts.finditer(flat, 1):
        rest = _OPTIONAL.sub("", " " + flat[m.end() :]).lstrip()  # "of course there ..."
        first = rest.split(" ", 1)[0].lower().strip("\"“'")
        if len(rest) <= 12 or not first[:1].isalnum():
            continue
        if first in _NO_START and first not in _ASKS:
            continue
        rest = _LEAD_CONJ.sub("", rest, count=1).rstrip(" .!?…\"'”’")
        whole = _kept_whole(rest) if len(rest.split()) >= 4 else None
        found = whole or _whole_cut(rest, participles=True, min_words=4)
        if found and (best is None or len(found) > len(best)) and not _stops_open(found, text):
            best = found
    return best


_CLAUSE_START = re.compile(r"(?:[,;:]|\s--|\s[—–])\s+")
# Where what a claim states starts: after its copula ("The truth is" | "...", "Part of
# that is because" | "...") or a verb of saying or thinking ("I think" | "...").
_PREDICATE_START = re.compile(
    r"\s(?:(?:is|was|are|were|(?:has|have|had) been)\s+(?:that\s+|because\s+)?|"
    r"(?:think|thinks|thought|believe|believes|believed|know|knows|knew|heard|say|says|"
    r"said|found|finds|argue|argues|argued|claim|claims|claimed|conclude|concludes|concluded|"
    r"warn|warns|warned|estimate|estimates|estimated|predict|predicts|predicted)\s+"
    r"(?:that\s+)?)",
    re.IGNORECASE,
)
# Words a card can lose when nothing else makes a long claim fit ("the best we've ever
# had ever", "I've actually heard").
_OPTIONAL = re.compile(
    r"\s(?:ever|just|really|actually|also|even|still|already|truly|certainly|probably|"
    r"simply|basically|literally|very|of course)(?=\s)",
    re.IGNORECASE,
)


_DEMONSTRATIVE = _words("that this these those")
# A window label does not start on a word that leans on what came before it.
# A question may start a window all the same: "The question was," | "what tax ...".
_ASKS = _words("how why what")
_NO_START = (
    _PHRASE_END_BEFORE
    | _MAY_END_BEFORE_BOUNDARY
    | _words(
        "according and but which who whose or nor will would can could may might must should "
        "not also even just"
    )
)
_SUBJECT_PRONOUN = _words("i you he she we they it")
# Of those, the ones that are objects too: "do it" | "because ..." is whole.
_OBJECT_TOO = _words("you it")
# ... unless a question puts them after its verb: "Will you" | "as president ...".
_ASKS_SUBJECT = _words("will would can could shall should may might must is are was were")


# Function words that may end a sentence: "Relapse was not.", "We think so.", "Think
# about that.", "I beat her.", "She did.", "Why not?" (``_tidy`` drops them from a cut).
_SENTENCE_FINAL = _DEMONSTRATIVE | _words(
    "not no so it them him her me us you who whom what why how where when else too either "
    "yet up out off down back away again anymore here there then now ever enough is are "
    "was were be been do does did have has had can could will would shall should may might "
    "must more most less least to"
)


# Prepositions a question may end on.
_STRANDED = _words("of to in on at for from by with about into over under like")


def _kept_whole(core: str, asks: bool = False) -> str | None:
    """The claim whole, when it fits, though it ends on a function word that may end a
    sentence ("The record does not show that", "Relapse was not"), which ``_tidy``
    would drop; a question (``asks``) may end on its preposition too ("What do we need
    this for?")."""
    label = " ".join(core.split()).strip(" \"'“”‘’").rstrip(" .,;:!?…\"'”’(“‘-—–")
    words = label.split()
    if len(label) > MAX_LABEL or len(words) < 2:
        return None
    last = words[-1].lower()
    if last in _TRAILING and last not in _SENTENCE_FINAL and not (asks and last in _STRANDED):
        return None
    return label[:1].upper() + label[1:]


# Auxiliaries, and adverbs that may stand between one and its participle ("has ever" |
# "recorded", "was not" | "expected").
_AUXILIARY = _words("is are was were be been being has have had")
_AUX_ADVERB = _words("ever never not already just also still even long recently")


def _wants_participle(last: str, before: str) -> bool:
    """Whether a label ending ``before last`` wants the participle that may follow: an
    "-ed", "-ing" or "-ly" word after it is no optional modifier there."""
    if last in _AUXILIARY:
        return True
    adverb = last in _AUX_ADVERB or (last.endswith("ly") and len(last) > 4)
    return adverb and before in _AUXILIARY


# Quotation marks and brackets a label must close: one it opens and one it closes.
# A "[" right after ESC starts a terminal escape ("\x1b[31m"), not a bracket: looked
# behind from the "[" (one class to open on, which re scans for in C; an alternative
# for "[" after no ESC was tried at every position).
_MARKS = re.compile(r'["“”()\[\]](?<!\x1b\[)')
_CLOSER = {"“": "”", '"': '"', "(": ")", "[": "]"}
_OPENER = {"”": "“", ")": "(", "]": "["}


def _closed(label: str, text: str) -> str:
    """``label`` with no quotation or bracket left open: a quote cut short is closed
    where the label ends ('were "likely linked"'), a label that starts inside one loses
    the closing mark or gets the opening one back ('“There they are,” said Pavit'), and
    a bracket opened near the end is left out with what it holds ("Between 2007")."""
    for _ in range(4):  # a mark at a time
        mark, at, opens = _unclosed(label)
        if not mark:
            return label
        if not opens:  # the label starts inside a quote or a bracket
            rest = label[at + 1 :].lstrip(" ,;:")
            if mark in ")]" and len(rest.split()) >= 3:
                label = rest[:1].upper() + rest[1:]
            elif mark in '”"' and len(label) < MAX_LABEL and not label.startswith(mark):
                label = f"{_OPENER.get(mark, mark)}{label}"
            else:
                label = _drop_mark(label, at)
            continue
        head = _trim_end(label[:at])
        if at == 0 or (mark in "([" and len(head.split()) >= 2 and not _stops_open(head, text)):
            label = _drop_mark(label, at) if at == 0 else head
            continue
        # A quote (or a bracket) cut short: closed where the label ends, on a whole
        # phrase that leaves room for the mark.
        body = _trim_end(label)
        while len(body) >= MAX_LABEL or _stops_open(body, text):
            shorter = _trim_end(body.rsplit(" ", 1)[0]) if " " in body else ""
            if len(shorter) <= at + 1 or len(shorter.split()) < 2:
                break
            body = shorter
        if len(body) < MAX_LABEL and len(body) > at + 1:
            label = body + _CLOSER[mark]
        else:
            label = _drop_mark(label, at)
    # Marks that pair in no way the rounds above could mend go: no label leaves one open.
    while (found := _unclosed(label))[0]:
        label = _drop_mark(label, found[1])
    return label


def _drop_mark(label: str, at: int) -> str:
    """``label`` without its mark at ``at``, tidy at both ends."""
    label = _trim_end(label[:at] + " " + label[at + 1 :])
    return label[:1].upper() + label[1:]


def _trim_end(label: str) -> str:
    """``label`` without the words that never end a phrase and the marks at its end
    (its start is kept as it is: ``_tidy`` would drop an opening quote there)."""
    words = label.split()
    while words and (
        words[-1].lower().strip(_END_MARKS + "“”") in _TRAILING - _SENTENCE_FINAL
        or not words[-1].strip(_END_MARKS)
    ):
        words.pop()
    return " ".join(words).rstrip(" " + _END_MARKS)


def _unclosed(label: str) -> tuple[str, int, bool]:
    """A quotation mark or bracket ``label`` leaves unpaired, where, and whether it
    opens (else it closes one the label does not open); ``("", -1, False)`` if none.
    Each kind of mark is paired on its own: '(about profits" now' has two to mend."""
    straight = -1  # where an open straight quote is
    opened: dict[str, list[int]] = {"“": [], "(": [], "[": []}
    for m in _MARKS.finditer(label):
        ch, at = m.group(), m.start()
        if ch == '"':
            if straight >= 0:
                straight = -1
            elif at == 0 or label[at - 1] in " ([“":
                straight = at  # a straight quote opens at the start or after a space
            else:
                return ch, at, False  # its opening mark was cut off
        elif ch in opened:
            opened[ch].append(at)
        elif opened[_OPENER[ch]]:
            opened[_OPENER[ch]].pop()
        else:
            return ch, at, False
    if straight >= 0:
        return '"', straight, True
    for ch, places in opened.items():
        if places:
            return ch, places[-1], True
    return "", -1, False
