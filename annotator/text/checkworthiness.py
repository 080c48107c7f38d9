"""Check-worthiness of a sentence or claim: a score in [0, 1] and the reasons for it.

Each reason is a short tag a checker understands. Raising: ``statistic``, ``amount``,
``number``, ``comparison``, ``causal``, ``mechanism``, ``study``, ``trial``, ``agency``,
``imaging``, ``timeframe``, ``absolute``, ``assignment``, ``policy``, ``allegation``,
``hazard``, ``measure``,
``learned`` (the learned model of political speech rates it a claim a fact-checker
would pick). Lowering:
``hedge``, ``opinion``, ``question``, ``address``, ``imperative``, ``boilerplate``,
``rhetoric``, ``vague``, ``short``, ``courtesy``, ``future``, ``unfinished``,
``procedure``, ``framing``, ``prospect``, ``general``, ``goal``, ``link``, ``caption``,
``readout``;
``aside`` (a bracketed stage direction) scores 0. The weights are named constants below;
the threshold that turns a score into a proposal is a setting
(``segment.DEFAULT_THRESHOLD``, ``--threshold``).

The score also ranks (a desk sorts an article's sentences by it; the CLEF-2019
benchmark measures that): it is never cut off at 0 or 1, so sentences with different
cues do not tie, and a question is ordered among questions by what it asks. The
rules' score is weighed by a small learned model (``speech_model``, trained on State of
the Union sentences labelled by what a fact-checker would pick), which reorders
sentences without moving any across the proposer's default threshold
(``LEARNED_PIVOT``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import reduce
from itertools import compress
from operator import or_
from typing import NamedTuple

from annotator.model import Quantity
from annotator.text.quantities import find_quantities, may_state_number
from annotator.text.speech_model import claim_probability

BASE = 0.1
LENGTH_STEP = 0.002
NUMBER_WEIGHT = 0.2  # any count is checkable: "four ill people"
POLICY_WEIGHT = 0.1  # a policy subject a campaign argues over: immigration, crime, trade
AMOUNT_WEIGHT = 0.3  # a sum of money or an exact count in thousands: as a statistic
QUESTION_SCALE = 0.1  # a question scores this share of what its statement would
READOUT_PENALTY = 0.1  # talk in the third person: a readout of a meeting
LINK_PENALTY = 0.25  # a line that opens on a pictograph ("🎬 ...") links to a clip
CAPTION_PENALTY = 0.4  # "An image of ... taken on ...": its date and place are the picture's
GOAL_DISCOUNT = 0.15  # a number in a standing goal counts half: it is the goal's
IMPERATIVE_PENALTY = 0.35  # "Read the full report ...": an instruction to the reader
ADDRESS_PENALTY = 0.3  # "Secretary Clinton, you said ...": a turn, not a claim
OTHER_CLAUSES = 0.25  # the share of what clauses beside the best one add to the score
# The learned part (speech_model): the rules' score times (1 + LEARNED_WEIGHT * p), p the
# model's probability of a claim, scaled so that no sentence crosses LEARNED_PIVOT, the
# proposer's default threshold: it reorders sentences on each side of the threshold and
# never decides a proposal there. Weight chosen on the tuning 15 CLEF-2019 training
# debates (0.5 to 2 score alike; 1 to 3 with the model of picks), confirmed on the
# held-out 4.
LEARNED_WEIGHT = 1.0
LEARNED_PIVOT = 0.35
LEARNED_TAG_AT = 0.5  # the model's probability from which "learned" is a reason
_ABOVE = (1.0 - LEARNED_PIVOT) / (1.0 + LEARNED_WEIGHT - LEARNED_PIVOT)  # keeps it <= 1
_UNDER = 1.0 / (1.0 + LEARNED_WEIGHT)  # keeps it under the pivot
_PIVOT_OFFSET = LEARNED_PIVOT * (1.0 - _ABOVE)  # pivot + (x - pivot) * above = x*above + this
# Scores between these are the cue sum itself; outside, they bend towards 0 and 1.
_LOW = 0.1
_HIGH = 0.9

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
    _Cue("comparison", 0.15, _set(
        "more less fewer greater higher lower better worse compared than versus vs "
        "superior inferior doubled tripled halved longer shorter faster slower larger "
        "smaller bigger cheaper costlier stronger weaker"), ("outperform",)),
    # Causal verbs: "cut", "raise" and "work" are left out, as they fire on any sentence
    # about budgets and jobs; the tag is one cue among several, not a claim by itself.
    _Cue("causal", 0.15, _set(
        "lower lowers lowered cure cures cured calm calms calmed silence silences "
        "quiet quiets flood floods prompt prompts override overrides reset resets treat "
        "treats treated effective efficacy remission benefit benefits "
        "responded heal heals healed healing alter alters altered altering"),
        ("caus", "reduc", "increas", "decreas", "trigger", "prevent", "improv", "boost",
         "releas", "dampen", "block", "activat", "enhanc", "strengthen", "amplif", "promot",
         "inhibit", "stimulat", "suppress", "reliev", "worsen", "damag", "protect",
         "recover", "relaps"),
        _phrases("leads to, lead to, led to, linked to, associated with, responsible for, "
                 "results in, result in, resulted in, contributes to, contribute to, "
                 "response rate, "
                 # "affect" and "impact" as verbs only: "will not significantly impact
                 # the mission"; "the impact of the pandemic" is a noun, "affected
                 # areas" an adjective.
                 "not affect, not impact, significantly affect, significantly impact, "
                 "will affect, will impact, would affect, would impact, could affect, "
                 "could impact, directly affect, directly impact, adversely affect, "
                 "negatively affect, negatively impact")),
    _Cue("mechanism", 0.1, _set(
        "mechanism mechanisms receptor receptors serotonin dopamine oxytocin cortisol "
        "hormone hormones amygdala prefrontal cortex hippocampus brain neural pathway "
        "pathways binds bind"), ("neurotransmitter",), _phrases("acts on, act on")),
    _Cue("study", 0.15, _set(
        "study studies studied data evidence review experiment experiments cohort journal "
        "paper published finding findings scientist scientists meta-analysis "
        "meta-analyses analysis analyses calculation calculations figures records "
        "statistics"), ("research", "survey"),
        _phrases("according to")),
    _Cue("trial", 0.15, _set(
        "trial trials randomized randomised placebo clinical participant participants"),
        (), _phrases("phase 1, phase 2, phase 3, phase 4, phase i, phase ii, phase iii, "
                     "sample size, sample sizes")),
    # A body that acts weighs half of a cue that says what was done. A title
    # ("President", "Senator", "Governor") is none: it is in every turn of a debate and
    # says who, not what (CLEF-2019 training debates, tuning 15: 20 of 930 lines with
    # one are check-worthy, the base rate).
    _Cue("agency", 0.05, _set(
        "regulator regulators government ministry agency congress senate parliament court "
        "legislature lawmakers legislators bureau department police"),
         ("approv",), _phrases("health canada"),
         _set("FDA EMA CDC WHO NIH NHS NICE DEA MHRA TGA")),
    _Cue("imaging", 0.15, _set("imaging neuroimaging scan scans"), (), frozenset(),
         _set("MRI fMRI PET EEG")),
    # A superlative of a measure or a record ("the largest", "lowest", "consecutive").
    _Cue("absolute", 0.15, _set(
        "first guaranteed proven 100% largest smallest biggest highest lowest record "
        "consecutive fastest oldest youngest worst hottest coldest warmest wettest driest "
        "deadliest costliest longest strongest busiest final"),
         (), _phrases("all other, nothing else, no other, "
                      # "the leading cause of death", "the leading contributor to the
                      # decrease": first among causes, a ranking to check.
                      "the leading")),
    # The universal words of a speech ("always", "every", "never", "the best") weigh
    # less: in a debate they are mostly emphasis (CLEF-2019 tuning debates: 29 of 770
    # lines with one check-worthy, against 11 of 45 with "largest", "highest" or
    # "lowest"). A measured superlative beside one keeps its 0.15 (listed first).
    _Cue("absolute", 0.1, _set("always every best most only never ever")),
    # "For the first time", "the first ... to": claims of a first, on top of "absolute".
    _Cue("first", 0.15, _set("first-ever"), (), _phrases(
        "first time, the first, first ever, world's first, world’s first, nation's first, "
        "nation’s first, country's first, country’s first, on record, record high, "
        "record low")),
    # What a law, a vote or a result does: "the bill provides", "lost his seat".
    _Cue("law", 0.15, _set(
        "legislation law laws bill bills act statute amendment vote votes voted voting "
        "election elections ballot seats seat funding appropriations ruling signed "
        "veto vetoed recall recalled recalls rule rules regulation regulations ordinance")),
    # What a law, a rule or a deal provides, in the present tense of a bill's summary:
    # "The legislation maintains current funding levels", "The rule requires ...". The
    # verb right after the law's noun: "the part of the retina that provides" is none.
    _Cue("provision", 0.1, phrases=frozenset(
        f"{noun} {verb}"
        for noun in _set(
            "bill law legislation act measure rule regulation amendment ordinance statute "
            "agreement order resolution package deal treaty")
        for verb in _set(
            "provides requires mandates prohibits bans establishes maintains allocates "
            "appropriates authorizes exempts restricts extends caps"))),
    # A bill summary's sentence opens on what the bill does, its subject left out:
    # "Exempts from such limits legal and accounting costs", "Requires the Commission to
    # ...". Only first in the sentence (``_summary_opener``).
    _Cue("provision", 0.1, _set(
        "exempts requires prohibits permits waives authorizes directs amends establishes "
        "repeals provides allows extends appropriates restricts limits caps bars")),
    # How a measure moved: "fell by 0.4 percentage point", "has stabilized", "gains".
    _Cue("trend", 0.2, _set(
        "rose fell grew declined expanded contracted stabilized remained slowed accelerated "
        "edged climbed dropped jumped surged plunged soared eased doubled tripled halved "
        "risen "
        "quadrupled doubles triples halves quadruples "
        "gains losses offset revised unchanged remains "
        # A change under way: "The moon is shrinking.", "The field is weakening.",
        # "Wages are rising."
        "shrinking shrank shrunk shrinks weakening weakened weakens warming warmed cooling "
        "melting melted thinning thinned retreating retreated slowing rising falling"),
        ("expan", "declin")),
    # A measure said to be up or down: "Murders are up.", "Incomes are down more than
    # $4,000 since 2000", "premiums are going up 60 percent", "prices came down". Not
    # "up to" or "down to" ("it is up to you", "it comes down to ..."), nor a speaker's
    # time ("Your time is up."): ``_moved``.
    _Cue("trend", 0.2, phrases=frozenset(
        f"{verb} {way}"
        for verb in _set("is are was were go goes going went gone come comes coming came")
        for way in ("up", "down"))),
    # A share cut or grown by half ("has been cut in half", "fell by half"), and a
    # measure's move foreseen ("The average district will rise.", "Exports will fall
    # in June"): what a projection states is checked against it.
    _Cue("trend", 0.2, phrases=_phrases(
        "in half, by half, will rise, will fall, will decline, will drop, will double, "
        "will triple, will shrink")),
    # A state going on, in a status report: "Eruptive activity continues at the summit",
    # "Fighting continued overnight". Not "continues to ..." (what someone keeps doing,
    # often an aim) nor with an object ("CDC continues efforts with ..."): ``_goes_on``.
    # Weighed a little above a move ("rose"): a status line says it alone ("Steam from
    # the summit vents continues.", nine words and no other cue) and is the claim of a
    # status report.
    _Cue("trend", 0.25, _set("continues continue continued")),
    # The household economy a campaign argues over (jobs, taxes, wages, debt) is what
    # its fact-checkers check: in the CLEF-2019 tuning debates 74 of 609 lines with one
    # of these words are check-worthy (12 %), 4 of 262 with only the others (1.5 %).
    _Cue("economy", 0.2, _set(
        "jobs tax taxes unemployment wages deficit poverty debt spending income hiring")),
    _Cue("economy", 0.1, _set(
        "employment inflation payroll payrolls gdp job budget revenue prices price cost costs "
        "interest growth production output exports imports sales employs employed demand")),
    # The policy subjects a campaign's fact-checkers check most, beyond the household
    # economy: immigration, crime, health coverage, trade, energy, defence. A line on
    # one of them is more often a claim checked (CLEF-2019 training debates: 2.8 times
    # the base rate on the tuning 15, 2.4 times on the held-out 4). The words were
    # listed from the subjects, not picked from the debates' lines; a subject is a
    # small raise, no claim on its own.
    _Cue("policy", POLICY_WEIGHT, _set(
        "border borders immigration immigrants illegal illegally undocumented deport "
        "deported deportation amnesty refugees refugee asylum visas "
        "crime crimes murders murder homicides violent violence gangs gang shootings guns "
        "gun firearms "
        "obamacare healthcare insurance premiums medicare medicaid uninsured prescription "
        "opioid opioids deductibles "
        "trade tariffs tariff manufacturing factories nafta "
        "coal oil gas energy emissions climate "
        "military troops isis nuclear soldiers terrorists terrorism weapons")),
    # Outcome words of studies and events: what happened, including null findings.
    _Cue("finding", 0.2, _set(
        "found finds confirmed confirms concluded showed identified reported announced "
        "discovered detected observed estimated recorded measured analyzed analysed "
        "established killed sickened hospitalized died injured infected shows show "
        "indicate indicates reports concludes"), (), _phrases(
        "point to, points to, pointed to")),
    # What a named body is set to do, decided already: "Goddard will build the
    # instrument", "The plant will close in June", "The county will hire 40 nurses".
    # A record of a decision or an assignment, checkable against it; a speaker's
    # promise or a pronoun's forecast ("We will build ...", "It will create jobs") is
    # not one (``_assigned``).
    _Cue("assignment", 0.15, phrases=frozenset(
        f"will {verb}" for verb in _set(
            "build manage operate develop design fund oversee construct launch "
            "create hire open close"))),
    # A correction of a published figure or statement: "was erroneously entered as".
    _Cue("correction", 0.15, _set(
        "erroneously incorrectly mistakenly wrongly correction corrected misstated "
        "misreported misprinted miscalculated")),
    # What a named person or body did: the official acts a desk checks. "Elected" is
    # none: in a speech it is mostly a condition ("if I'm elected", "once she's
    # elected"; CLEF-2019 tuning debates: 0 of 37 lines with it check-worthy), and "was
    # elected" is still a past event.
    _Cue("action", 0.15, _set(
        "quarantined evacuated banned closed suspended arrested charged sentenced fined "
        "deployed awarded appointed nominated resigned seized declared ordered "
        "designated launched authorized enacted repealed ratified")),
    # What did not happen: "They didn't know the year.", "It wasn't approved.", "The
    # inspectors were unable to reach the site", "None of the wells was contaminated".
    _Cue("negative", 0.1, _set(
        "didn't didn’t wasn't wasn’t weren't weren’t hadn't hadn’t"), (), _phrases(
        "no effect, no significant, not significantly, did not, no new, no cure, no evidence, "
        "not reduce, not improve, no difference, no benefit, does not, do not, was no, "
        "were no, had no, has no, have no, not support, are no, is no, unable to, "
        "none of")),
    # A statistic named: "The average size of a district will rise", "the median
    # income". What it stands at or how it moved is a figure on the record.
    _Cue("measure", 0.1, _set("average median averaged averages")),
    # A hazard assessed: "None of the flows poses a threat to the town", "The leak
    # posed no risk to the public". What a status report or an agency says of a danger
    # is on the record.
    _Cue("hazard", 0.15, phrases=frozenset(
        f"{verb} {det}"
        for verb in _set("pose poses posed posing")
        for det in _set("a an no any little"))),
    # What a complaint or a charge says was done: "The company allegedly shipped ...",
    # "the agency charges that telemarketers call ...". A claim on the record, to be
    # checked against it; what it alleges is the check.
    _Cue("allegation", 0.1, _set("allegedly alleges allege"), (), _phrases(
        "charges that, contends that, contend that, alleged that, alleging that")),
    _Cue("hedge", -0.1, _set(
        "may might could appear appears seem seems suggest suggests possibly perhaps likely "
        "unlikely potential potentially emerging typically assumed clues"), ("promis", "hope"),
        _phrases("thought to, believed to, growing understanding")),
    # What a finding or a tool might be good for ("These results could help doctors
    # ...", "The map can be used by planners ...", "may pave the way for ...", "offers
    # clues to ..."): a use foreseen, not a record; what was found is said elsewhere.
    _Cue("prospect", -0.15, phrases=_phrases(
        "be used, could help, may help, might help, could inform, may inform, might inform, "
        "could guide, may guide, could pave, may pave, pave the, paves the, paving the, "
        "could someday, may someday, might someday, "
        "could eventually, may eventually, offers clues, offer clues, provide clues, "
        "provides clues, could allow, may allow, could enable, may enable, "
        # What a finding will teach: "gives new insight into ...", "sheds light on ...",
        # "to better understand ...".
        "insight into, insights into, shed light, sheds light, better understand, "
        "help explain, helps explain")),
    # What can happen in general ("Untreated, the infection can lead to ...", "Heat can
    # cause ...") or what a term means: background, not a case or a finding.
    _Cue("general", -0.2, phrases=_phrases(
        "can lead, can cause, can result, can trigger, can worsen, can damage, "
        # A definition: "A heat dome refers to ...", "... is defined as ...".
        "defined as, refers to, also called, also termed")),
    # How a release's own business will be done: "A recording of the call will be
    # available ...", "Storms that form after Wilma will be named using the Greek
    # alphabet", "Additional designations may be made at a later date". Procedure for
    # the reader, not a record to check.
    _Cue("procedure", -0.2, phrases=_phrases(
        "be available, be accessible, be posted, be archived, be webcast, be livestreamed, "
        "be streamed, be broadcast, be named, be renamed, be announced, later date, "
        # A help line's number: "The hotline can be reached at 1-800-...".
        "be reached, "
        # A media advisory's event: "NOAA will host a media teleconference at 11 a.m.".
        "a webinar, a teleconference, media teleconference, press conference, "
        "news conference, media briefing, press briefing, news briefing, media call, "
        "press call, a livestream, media availability")),
    # What a release says it is ("This announcement is the latest in a series ...",
    # "... are an initial step in deploying ..."): it frames the news, the news is
    # elsewhere. "This announcement comes during ..." goes on to say what happened.
    # Where an action stands in a larger story frames it too ("a significant step
    # forward in ...", "builds on the agency's ongoing work", "part of a broader
    # effort"); a "first step" may be a record of a first and is left out.
    _Cue("framing", -0.3, phrases=_phrases(
        "announcement is, announcement marks, announcement represents, announcement builds, "
        "announcement reflects, initial step, important step, significant step, major step, "
        "critical step, crucial step, key step, historic step, next step, latest step, "
        "step forward, steps forward, builds on, build on, builds upon, building on, "
        "broader effort, broader efforts, ongoing effort, ongoing efforts, ongoing work, "
        "larger effort, wider effort, is part, are part, "
        # What a news release holds: "This release presents data on ...".
        "release presents, release provides, release includes, release contains")),
    # Who talked with whom: a readout names a meeting, not what is so. "Expressed" and
    # "stressed" are talk only before what was said ("expressed their support",
    # "stressed the need"): a gene is expressed in a cell, a plant is stressed by heat.
    # "Testified" is talk before what was talked about ("testified on the budget"), not
    # before what was said ("testified that ..."). "X spoke today with the Foreign
    # Minister of Y" records that a call took place: an event (``_call_held``).
    _Cue("talk", -0.2, _set(
        "discussed discuss discusses thanked reaffirmed reaffirms spoke commended praised "
        "highlighted underscored emphasized celebrated applauded honored welcomed "
        "reiterated reiterates conveyed conveys underlined"), (), frozenset(
        f"{verb} {what}"
        for verb, said in (
            ("expressed expresses", "concern concerns condolences gratitude appreciation "
             "hope sympathy solidarity thanks"),
            ("stressed stresses", "the that need importance"))
        for verb in _set(verb)
        for what in _set(f"his her their our its support {said}"))
        | _phrases("talked about, testified about, testified on, testified before")),
    # Advice to the reader: "CDC recommends ...", "If you have ..., do not eat them".
    _Cue("advice", -0.3, _set("recommends recommend recommended advises advise urges urged"),
         (),
         # The passive of advice: "Patients are encouraged to report side effects". An
         # appeal: "The agency needs your help to ...".
         _phrases("if you, unless you, encouraged to, advised to, reminded to, your help")),
    # Standing goals and intentions: "The Committee will continue to monitor ...".
    _Cue("intent", -0.3, _set("committed attentive seeks aims strives intends"), (), _phrases(
        "will continue, would be, prepared to, plans to, aims to, seeks to, hope to, "
        "will carefully, will take, will learn, will help, "
        # What a study is set to find out: "The trial will evaluate whether ...".
        "will evaluate, will assess, will examine, will explore, will determine, "
        # A mission or goal stated: "The goal of the program is to ...", "supports the
        # agency's mission by ...".
        "goal of, goal is, aim of, purpose of, mission by, mission is, "
        # A mission statement: "The agency is helping to ensure that farmers ...".
        "helping to, working to")),
    # A stand taken in the present tense ("The United States condemns the attack", "We
    # call on all parties ...", "stands with the people of ..."): a position, not a
    # record. What a body did ("The council condemned the plan") stays an act.
    _Cue("opinion", -0.25, _set(
        "should must ought deserve deserves commend commends congratulate congratulates "
        "applaud applauds condemn condemns deplore deplores denounce denounces"), (), _phrases(
        "call on, calls on, calling on, stand with, stands with, "
        # What is needed is a view: "More research is needed to confirm ...".
        "is needed, are needed, "
        # A concern voiced: "The Department is deeply concerned by reports of ...",
        # "... continues to be a concern in parts of the world".
        "deeply concerned, gravely concerned, is concerned, are concerned, "
        "remains concerned, deeply troubled, deeply saddened, a concern, growing concern, "
        "serious concern, "
        "we owe, i think, i believe, we believe, i feel, my view, my opinion, "
        "important to, it's important, it’s important, magic bullet, "
        # A speaker's feeling about the news: "we are proud to offer ...".
        "proud to, pleased to, excited to, delighted to, thrilled to, honored to, "
        "glad to, happy to, grateful for, grateful to")),
    _Cue("opinion", -0.05, _set("immense remarkable incredible amazing profound stunning")),
)  # fmt: skip
_WORD = re.compile(r"[\w’'-]+%?")
# ``_WORD`` for a lower-cased text all in ASCII (most sentences): the same words, as
# \w is [a-zA-Z0-9_] there, found with a class re checks as a bit map, where \w asks
# the Unicode database about every character. Its first character is written apart
# ("XX*" for "X+"), as in other patterns in annotator/text: re scans in C for the class
# a pattern opens with, where one that opens on a repeat is tried at every position.
# (Not worth it for a class of \w: the scan and the match each ask the database.)
_ASCII_WORD = re.compile(r"[a-z0-9_'-][a-z0-9_'-]*%?")

_PERIODS = _set("day days week weeks month months year years decade decades")
_TIME_MARKERS = _set("next last past coming within after over for during ago")
# Words that set a time frame on their own: a follow-up, and "since", which dates a
# change ("since NAFTA was approved", "since my election"; CLEF-2019 training debates:
# 11 of 65 tuning lines with it are check-worthy, 17 % against a base rate of 2 %; 2 of
# 13 held-out lines, 15 % against 7 %).
_FOLLOW_UP = _set("follow-up follow-ups followup long-term since")
# "a 24-month period", "a seven-week recess", "a two-year-old program".
_DURATION = re.compile(
    r"(?:\d+|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|sixty|hundred)(?:-\w+)?)-(?:hour|day|week|month|year|decade)",
    re.IGNORECASE,
)
_IMPERATIVE = _set(
    "talk ask consult read visit click call try learn see check join get keep stay don't "
    "don’t do make take find subscribe follow share contact download remember imagine "
    "consider note watch listen register sign order buy tell let's let’s discover explore "
    "please"
)
_BOILERPLATE = _Cue(
    "boilerplate", 0.0, _set("newsletter subscribe unsubscribe copyright ©"), (),
    _phrases("photo credit, photos by, photo by, image credit, image source, sign up, "
             "no spam, rights reserved, click here, follow us, keep up, stay connected, "
             "full release, full article, full story, media contact, embargoed until, "
             "appeared first, technical information, more information, please disregard, "
             "solely responsible, all content, our website, larger view, larger image, "
             "larger version, please credit, editor's note, editor’s note, this story, "
             "this article, originally published"),
)  # fmt: skip
# Figurative words and set phrases of persuasion: without anything checkable beside
# them they make a sentence rhetoric, never a claim.
_FIGURATIVE = _Cue(
    "rhetoric", 0.0, _set(
        "darkness labyrinth soul souls despair shackled liberation heartfelt journey "
        "window psyche festering dissolve dissolves soften wound wounds hijack hijacks "
        "hijacked hijacking miracle game-changer revolution revolutionary"),
    (), _phrases("rays of, ray of, in sight, tip scales, the scales, the edge, magic bullet, "
                 "flow by, red alert, key to, game changer"),
)  # fmt: skip
_YEAR_WORD = re.compile(r"(?:1[89]|20)\d\d(?:s|-\d\d)?")
_MONTHS = _set(
    "january february march april june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_MID_MONTHS = _MONTHS | {"may"}  # "mid-May" is one word and never the hedge
# Past forms that do not end in "-ed", and "-ed" words that are rarely events.
_IRREGULAR_PAST = _set(
    "fell rose grew won lost held led took gave made began sent paid sold bought built used "
    "spent struck hit left met ran saw chose drew flew brought fought caught "
    "taught sought became came went found shot stood broke stole spoke"
)
_NOT_EVENTS = _set(
    "united committed elevated expected interested concerned limited advanced detailed "
    "based related needed supposed alleged so-called skilled talented balanced sophisticated "
    "designed scheduled prepared crowded beloved wicked naked "
    # Verbs of talk and praise: a readout says who talked, not what is so.
    "discussed thanked reaffirmed praised commended welcomed highlighted underscored "
    "emphasized stressed celebrated applauded honored reiterated conveyed underlined "
    # Verbs of saying mark a quote, not an event: "..., Pelosi told reporters".
    "asked added noted stated explained answered replied remarked commented "
    # What was believed is a view held, not a thing done: "Scientists long assumed ...",
    # "is believed to have ...". ("thought" is left out of the irregular pasts.)
    "assumed believed presumed speculated"
)
_SECOND_PERSON = _set("you your you're you’re yourself")
# What makes a first- or second-person sentence a view, a wish or advice rather than a
# record ("I think", "we need", "you should", "we're going to", "you can").
_STANCE = _set(
    "think believe feel want wants need needs hope love proud going will would should "
    "must can can't can’t could let's let’s i'll i’ll we'll we’ll you'll you’ll gonna "
    "wanna hopefully if"
)
_FIRST_PERSON = _set("i we our us my me i'm we're we’re i’m")
# A capitalised word inside the text (after a space or "("): only whether there is one
# is asked. The pattern opens on the capital, with the space or "(" before it looked
# behind: re scans in C for a character of an opening class, and capitals are rarer
# than spaces (a look-behind first would be tried at every position).
_INNER_CAPITAL = re.compile(r"[A-Z](?<=[\s(][A-Z])[A-Za-z]")
# A turn that opens by naming whom it speaks to and then says "you": "Secretary Clinton,
# you said ...", "Senator, your plan ...". A moderator's question or a rejoinder; what
# it quotes is checked where it was said.
_ADDRESS = re.compile(
    r"(?:(?:Well|And|So|But|Now|OK|Okay|Yes|No),?\s+)?(?:Senator|Secretary|Governor|Mr\.|"
    r"Mrs\.|Ms\.|Mayor|Congressman|Congresswoman|Dr\.|President|Madam|Sir)"
    r"(?:\s+[A-Z][\w’'-]+)?,\s"
)
# A line that is only a bracketed stage direction or note: "(APPLAUSE)", "(BELL RINGS)",
# "[inaudible]", "(Photo by ...)". It reports the room, not a claim; its capitals are not
# names.
_ASIDE = re.compile(r"[(\[][^()\[\]\d.!?]{1,40}\.?[)\]][.:]?")
# The opening of a picture's caption: "An image of ...", "This artist's concept shows
# ...", "A photograph taken by ...".
_CAPTION = re.compile(
    r"(?:An?|This|These|The) (?:image|photo|photograph|picture|illustration|rendering|"
    r"animation|video|artist['’]s (?:concept|rendering|illustration|impression))s? "
    r"(?:of|shows?|showing|taken|from|depicts|depicting|captured|made)\b"
)
_COURTESY_OPENERS = _set("thank thanks welcome congratulations hello goodbye goodnight")
_INTERJECTIONS = _set(
    "yes yeah no nope okay ok right sure well all oh absolutely exactly correct good "
    "great please go ahead sir ma'am ma’am thank thanks you very much evening morning "
    "afternoon night everybody everyone folks"
)
# A promise in the speaker's voice ("We will cut taxes", "I'm going to build it"): what
# will be done is not yet a record to check.
_FUTURE = _set(
    "will won't won’t i'll i’ll we'll we’ll you'll you’ll they'll they’ll he'll he’ll "
    "she'll she’ll it'll it’ll gonna"
)
_POINTING = _set("look looked go check compare read")
_ADVICE_WORDS = _set("recommends recommend recommended advises advise urges urged unless")
_VAGUE = _set("it this that these those they we you there such")
# A demonstrative before a noun names what it points at ("These illnesses occurred ...",
# "That agency collates ..."): vague only as a pronoun, before a verb ("This means ...").
_DEMONSTRATIVES = _set("this that these those such")
_PRONOUN_NEXT = _set(
    "is are was were has have had will would can could may might must should shall does "
    "do did means meant shows showed suggests suggested includes include included makes "
    "made gives gave comes came seems seemed appears appeared allows allowed helps helped "
    "leads led also just alone all"
)
_LEAD_WORDS = _set("but and so yet now still simultaneously instead together")
# Where one clause of a sentence ends and the next begins: a semicolon, a colon or a
# dash between words, or a comma before "and", "but", "because" or "so". Not a comma
# alone ("experiment with, or becoming users of, ...": one clause), nor a hyphen or
# dash inside a word or a range ("2015–2016", "3:00"). That is ";\s|:\s|\s?—\s?|\s–\s|
# \s--?\s|,\s+(?:and|but|because|so)\s", the same matches written to open on one class
# (re scans for it in C, where an alternation that opens on optional white space is
# tried at every position), and after it what each mark wants.
_CLAUSE_BREAK = re.compile(
    r"[;:\s—,](?:(?<=;)\s|(?<=:)\s|(?<=\s)—\s?|(?<=—)\s?|(?<=\s)–\s|(?<=\s)--?\s"
    r"|(?<=,)\s+(?:and|but|because|so)\s)"
)
# Whether ``_CLAUSE_BREAK`` finds a break: every alternative opens on its mark, which
# re scans for in C, where ``_CLAUSE_BREAK`` (whose breaks start at the white space
# before a dash, as ``split`` needs) tries every place. A dash between spaces is found
# by its mark and the space looked behind; "\s?—\s?" is any "—".
_CLAUSE_BREAK_HINT = re.compile(r";\s|:\s|—|–(?<=\s–)\s|-(?<=\s-)-?\s|,\s+(?:and|but|because|so)\s")
_CLAUSE_WORDS = 3  # a shorter piece ("-- and", "Well:") is no clause to score alone
_SHORT_CLAIMS = frozenset(("trend", "finding", "negative"))
_ANCHORS = frozenset(("statistic", "amount", "number", "study", "trial", "agency", "imaging"))
# "millions of Americans", "thousands of jobs": how big, not how many.
_BARE_MAGNITUDES = ("hundreds", "thousands", "millions", "billions", "trillions", "tens", "dozens")
# A quotation followed by who said it: ""X," said Kyle Sheppard of NASA's Goddard Space
# Flight Center, lead author of the paper published in ...". The attribution names a
# speaker, not a fact; the quote is what a desk would check, so it is scored alone.
# The title of a document a release links to or reprints: "Statement from the
# Commissioner on the 2016 survey results", "Remarks by the President at ...". It names
# the document; what the document says is checked in it. ("Fact Sheet: President Signs
# ..." is a headline after a kicker: not one of these.)
_DOCUMENT_TITLE = re.compile(
    r"(?:Statement|Remarks|Readout|Transcript|Testimony|Proclamation|Memorandum|"
    r"Press Briefing|Fact Sheet)s? (?:by|from|of|on|for|at)\b"
)
# A press release's dateline: "WASHINGTON, Nov. 24, 2021 – The agency ...". Its date
# is the day of the release, not something the sentence claims: the sentence is scored
# without it.
_DATELINE_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+){0,3}"  # the city
    rf"(?:,\s(?!{_DATELINE_MONTH}\s\d)[A-Z][\w.]+(?:\s[A-Z][\w.]+)?)?"  # its state
    rf",?\s{_DATELINE_MONTH}\s\d{{1,2}}(?:,\s\d{{4}})?"  # the date
    r"(?:\s?\([\w .]+\))?\s?[–—-]{1,2}\s"  # "(AP)", the dash
)
_MONTH_STARTS = _set("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec")
_TITLE_FIELD = re.compile(r"Title\s?:\s")
_DATE_LEAD = re.compile(rf"{_DATELINE_MONTH}\s\d{{1,2}},\s\d{{4}}\s?[–—-]{{1,2}}\s")
_ATTRIBUTED_QUOTE = re.compile(
    r"[“\"](?P<quote>[^“”\"]{8,}?)[,.!?]?[”\"],?\s+(?:(?:said|says|added|noted|told|wrote)\b"
    r"|[^“”\".!?]{1,60}?\s(?:said|says|added|noted|told|wrote)\b)[^“”\"]*$"
)


_ALL_CUES = (*_CUES, _BOILERPLATE, _FIGURATIVE)
_BOILERPLATE_BIT = 1 << len(_CUES)
_FIGURATIVE_BIT = 1 << (len(_CUES) + 1)
# Word classes read off the same per-word bit mask as the cues: one look-up per word
# answers every "does the sentence have a word of this set" question at once.
_FOLLOW_UP_BIT = 1 << (len(_CUES) + 2)
_PERIOD_BIT = 1 << (len(_CUES) + 3)
_TIME_MARKER_BIT = 1 << (len(_CUES) + 4)
_NAME_BIT = 1 << (len(_CUES) + 5)  # the lower-case form of a cased name: "fda", "pet"
_NUMBER_BIT = 1 << (len(_CUES) + 6)  # a digit or a number word: quantities possible
_DATE_BIT = 1 << (len(_CUES) + 7)  # a year or a month: "in June 2016", "On April 30th"
_EVENT_BIT = 1 << (len(_CUES) + 8)  # a past-tense verb: what happened
_FIRST_PERSON_BIT = 1 << (len(_CUES) + 9)  # "I", "we", "our": in a quote, a view
_SECOND_PERSON_BIT = 1 << (len(_CUES) + 10)  # "you", "your": the reader addressed
_STANCE_BIT = 1 << (len(_CUES) + 11)  # "think", "want", "will": a view or a wish
_TALK_BIT = 1 << next(i for i, cue in enumerate(_CUES) if cue.tag == "talk")
_TALK_WORDS = next(cue.words for cue in _CUES if cue.tag == "talk")
_HEDGE_BIT = 1 << next(i for i, cue in enumerate(_CUES) if cue.tag == "hedge")
_INTENT_BIT = 1 << next(i for i, cue in enumerate(_CUES) if cue.tag == "intent")
# The words of a standing goal, in the present tense.
_GOAL_WORDS = _set("seeks seek aims aim strives strive intends committed")
_FINDING_BIT = 1 << next(i for i, cue in enumerate(_CUES) if cue.tag == "finding")
_MOVED_BIT = 1 << next(i for i, cue in enumerate(_CUES) if cue.tag == "trend" and cue.phrases)
_MOVED = next(cue.phrases for cue in _CUES if cue.tag == "trend" and cue.phrases)
_GOES_ON_BIT = 1 << next(i for i, cue in enumerate(_CUES) if "continues" in cue.words)
_GOES_ON = next(cue.words for cue in _CUES if "continues" in cue.words)
# After "continues": where, when or how a state goes on ("continues at the summit",
# "continued overnight"), or the end of the sentence.
_GOES_ON_NEXT = _set(
    "at in on into through throughout over across this today tonight overnight unabated "
    "apace and but as despite amid near within along around"
)
_OPENER_BIT = 1 << next(i for i, cue in enumerate(_CUES) if "exempts" in cue.words)
# Before "likely": words that make it a comparison of rates ("were more likely to
# report"), not a hedge.
_RATE_BEFORE = _set("more less most least as times twice")
_SPEAKING_TIME = _set("time minutes minute seconds")
_EVIDENCE_BITS = sum(1 << i for i, cue in enumerate(_CUES) if cue.tag in ("study", "trial"))
_SUGGEST = _set("suggest suggests")
# "May" as a month: capitalised, after a word that leads into a month ("the May launch",
# "in May", "since May") or before a day or a year ("May 23", "May 2016").
_MONTH_MAY = re.compile(
    r"(?:(?<![\w’'-])(?i:the|in|last|next|this|early|late|mid|since|until|till|by|from|"
    r"of|through|during|each|every|before|after|between|and|to|or|on)[\s-]+May(?![\w’'-])"
    r"|(?<![\w’'-])May\.?\s+\d)"
)
# Two-word phrases as (first, second) pairs -> the bits of their cues.
_PHRASES: dict[tuple[str, str], int] = {}
for _i, _cue in enumerate(_ALL_CUES):
    for _phrase in _cue.phrases:
        _first, _second = _phrase.split(" ", 1)
        _PHRASES[_first, _second] = _PHRASES.get((_first, _second), 0) | 1 << _i
_PHRASE_PAIRS = frozenset(_PHRASES)
# Each phrase is in one of a few groups; a word carries the group bits of the phrases it
# starts and of those it ends. Pairs are read only when some group has both a start
# and an end in the sentence, which common words ("in", "to", "the") alone rarely give.
_GROUPS = 96
_GROUP_MASK = (1 << _GROUPS) - 1
_STARTS_AT = len(_CUES) + 12
_ENDS_AT = _STARTS_AT + _GROUPS
_PHRASE_WORD_BITS: dict[str, int] = {}
for _k, (_first, _second) in enumerate(sorted(_PHRASES)):
    _g = _k % _GROUPS
    _PHRASE_WORD_BITS[_first] = _PHRASE_WORD_BITS.get(_first, 0) | 1 << (_STARTS_AT + _g)
    _PHRASE_WORD_BITS[_second] = _PHRASE_WORD_BITS.get(_second, 0) | 1 << (_ENDS_AT + _g)
# Names matched as written ("FDA", "fMRI"): a whole token of ``_WORD``, so neither a
# word character, an apostrophe nor a hyphen on either side, nor a "%" after.
_CASED_BITS: dict[str, int] = {}
for _i, _cue in enumerate(_ALL_CUES):
    for _name in _cue.cased:
        _CASED_BITS[_name] = _CASED_BITS.get(_name, 0) | 1 << _i
_CASED_NAME = re.compile(
    r"(?<![\w’'-])(?:" + "|".join(sorted(_CASED_BITS, key=len, reverse=True)) + r")(?![\w’'%-])"
)
_NAMES_LOWER = frozenset(name.lower() for name in _CASED_BITS)
_MASKS: dict[str, int] = {}
_CACHE_LIMIT = 200_000


_CUES_MASK = (1 << len(_CUES)) - 1
_STEPS: dict[int, tuple[tuple[float, str], ...]] = {}


def _cue_steps(bits: int) -> tuple[tuple[float, str], ...]:
    """(weight, tag) of the cues in ``bits``, in ``_CUES`` order: remembered per set."""
    steps = _STEPS.get(bits)
    if steps is None:
        steps = _STEPS[bits] = tuple(
            (cue.weight, cue.tag) for i, cue in enumerate(_CUES) if bits >> i & 1
        )
    return steps


def _word_mask(word: str) -> int:
    """The bit mask of the cues and word classes a (lower-case) word belongs to."""
    mask = 0
    for i, cue in enumerate(_ALL_CUES):
        if word in cue.words or (cue.prefixes and word.startswith(cue.prefixes)):
            mask |= 1 << i
    mask |= _PHRASE_WORD_BITS.get(word, 0)
    if word in _FOLLOW_UP:
        mask |= _FOLLOW_UP_BIT
    if word in _PERIODS:
        mask |= _PERIOD_BIT
    if word in _TIME_MARKERS:
        mask |= _TIME_MARKER_BIT
    if word in _NAMES_LOWER:
        mask |= _NAME_BIT
    if may_state_number(word):
        mask |= _NUMBER_BIT
        if _YEAR_WORD.fullmatch(word):
            mask |= _DATE_BIT
    if word in _MONTHS or (word.startswith("mid-") and word[4:] in _MID_MONTHS):
        mask |= _DATE_BIT  # "in June", "by mid-May"
    if word in _IRREGULAR_PAST or (
        len(word) > 4 and word.endswith("ed") and word[-3] != "e" and word not in _NOT_EVENTS
    ):
        mask |= _EVENT_BIT
    if word in _FIRST_PERSON:
        mask |= _FIRST_PERSON_BIT
    if word in _SECOND_PERSON:
        mask |= _SECOND_PERSON_BIT
    if word in _STANCE:
        mask |= _STANCE_BIT
    return mask


Words = tuple[list[str], int]
"""A claim's lower-case words and the OR of their bit masks, read once per claim and
shared by the quantity prefilter and the score (a plain tuple: made for every claim)."""


def read_words(text: str) -> Words:
    """The words of ``text`` (a sentence or claim) and their cue bits."""
    low = text.lower()
    words = (_ASCII_WORD if low.isascii() else _WORD).findall(low)
    return words, _sentence_mask(text, words)


def may_have_quantities(seen: Words) -> bool:
    """False when ``find_quantities`` would surely find nothing (no digit, no number
    word): every digit and number word of the text is inside one of its words, as the
    words split the text more finely than the quantity scan does."""
    return bool(seen[1] & _NUMBER_BIT)


def _sentence_mask(text: str, words: list[str]) -> int:
    """The OR of every word's mask, plus the bits of two-word phrases and cased names."""
    # The look-ups run in C (map, reduce); a word is computed once and remembered, as
    # articles reuse their words.
    try:
        bits = reduce(or_, map(_MASKS.__getitem__, words), 0)
    except KeyError:
        if len(_MASKS) >= _CACHE_LIMIT:
            _MASKS.clear()
        for word in words:
            if word not in _MASKS:
                _MASKS[word] = _word_mask(word)
        bits = reduce(or_, map(_MASKS.__getitem__, words), 0)
    if bits & _HEDGE_BIT and "may" in words and "May" in text:
        bits = _month_may(text, words, bits)
    if bits & _HEDGE_BIT and "likely" in words:
        bits = _rate_likely(words, bits)
    if bits & _HEDGE_BIT and bits & _EVIDENCE_BITS and not _SUGGEST.isdisjoint(words):
        bits = _suggested_finding(words, bits)
    if bits >> _STARTS_AT & bits >> _ENDS_AT & _GROUP_MASK:
        for pair in _PHRASE_PAIRS.intersection(zip(words, words[1:], strict=False)):
            bits |= _PHRASES[pair]
    if bits & _NAME_BIT:
        # "FDA" is a token of the text only if "fda" is one of the lower-cased text
        # (lower-casing never turns a character outside tokens into one inside:
        # tests/test_proposal_prefilters.py checks this over all of Unicode).
        for name in _CASED_NAME.findall(text):
            bits |= _CASED_BITS[name]
    return bits


def _rate_likely(words: list[str], bits: int) -> int:
    """``bits`` without the hedge where every hedge word is "likely" in a comparison of
    rates: "Men were more likely to report it than women", "twice as likely to die". A
    hedge phrase ("thought to") is added later."""
    for i, word in enumerate(words):
        if _MASKS[word] & _HEDGE_BIT and not (
            word == "likely" and i and words[i - 1] in _RATE_BEFORE
        ):
            return bits
    return bits & ~_HEDGE_BIT


def _suggested_finding(words: list[str], bits: int) -> int:
    """``bits`` with a finding where a study suggests: "The new study suggests that ...",
    "Results from the trial suggest ...". What a study suggests is in the study, to be
    checked there; "suggests" without a study before it ("This suggests ...") stays a
    hedge, and so does the hedge of a suggested finding."""
    for i, word in enumerate(words):
        if word in _SUGGEST and any(_MASKS[w] & _EVIDENCE_BITS for w in words[:i]):
            return bits | _FINDING_BIT
    return bits


def _month_may(text: str, words: list[str], bits: int) -> int:
    """``bits`` with "May" read as the month where it is one: "The May launch", "in
    May", "May 23, 2019" are dates, not the hedge "may". Only a capitalised "May" after
    a word that leads into a month, or before a day or a year, is the month: in a
    Title Case headline ("Reducing Fat Intake May Have Small Effect") it stays a hedge."""
    months = len(_MONTH_MAY.findall(text))
    if not months:
        return bits
    bits |= _DATE_BIT
    if months >= words.count("may") and not any(
        _MASKS[w] & _HEDGE_BIT for w in words if w != "may"
    ):
        bits &= ~_HEDGE_BIT  # every "may" is the month (a hedge phrase is added later)
    return bits


_CEILINGS: dict[tuple[int, int], tuple[float, float]] = {}
_NAMED_WEIGHT = 0.1  # what ``score_sentence`` adds for a capitalised word inside the text
_SHORT_PENALTY = 0.15  # what it takes off a short line that states no number or change
_SHORT = 6  # fewer words than this make a line short
_SHORT_CLAIM_BITS = sum(1 << i for i, cue in enumerate(_CUES) if cue.tag in _SHORT_CLAIMS)


def score_ceiling(text: str, seen: Words) -> float:
    """A score no part of ``text`` can pass: ``score_sentence`` of any span of it that
    starts and ends between words (an atomic part, a quotation) scores at most this.
    It is the rules' ceiling (``_rule_ceiling``) with the most the learned part adds."""
    return _learned_most(_rule_ceiling(text, seen))


def _learned_most(rule: float) -> float:
    """The most ``weigh_learned`` makes of a rules' score ``rule``: it is monotonic in
    both the score and the probability."""
    return weigh_learned(rule, (), 1.0)[0]


def rule_floor(floor: float) -> float:
    """A rules' score under which the learned score cannot reach ``floor``. At or under
    the pivot it is ``floor`` itself: the learned part lowers every score under the
    pivot; above, the inverse of ``_learned_most``, a hair lower for its rounding."""
    if floor <= LEARNED_PIVOT:
        return floor
    inverse = (LEARNED_PIVOT + (floor - LEARNED_PIVOT) / _ABOVE) / (1.0 + LEARNED_WEIGHT)
    return max(LEARNED_PIVOT, inverse) - 1e-6


def _rule_ceiling(text: str, seen: Words) -> float:
    """``score_ceiling`` for the rules' score alone (``rule_score``).

    Every raise ``rule_score`` can give needs a bit of ``seen`` or a capital inside
    the text, and a part's words, phrases and capitals are some of its sentence's; the
    lowering cues are left out, but for the two no part escapes: a part has no more
    words than its sentence (the length step), and a sentence too short to be a claim
    has only shorter parts, with no number, date or change among their words either. The
    proposer skips the parts, quantities and scores of a sentence whose ceiling is below
    its threshold: most sentences of an article.
    """
    without, with_named = _ceiling(seen)
    return with_named if _INNER_CAPITAL.search(text) is not None else without


def may_reach(text: str, seen: Words, floor: float) -> bool:
    """Whether ``score_ceiling(text, seen) >= floor``; the text is read only when its
    words leave it open."""
    without, with_named = _ceiling(seen)
    if floor > LEARNED_PIVOT:  # at or under it, the learned part raises no ceiling
        without, with_named = _learned_most(without), _learned_most(with_named)
    if without >= floor:
        return True
    if with_named < floor:
        return False
    return _INNER_CAPITAL.search(text) is not None


def _ceiling(seen: Words) -> tuple[float, float]:
    """``score_ceiling`` without and with a capital inside the text, remembered per set of
    bits and count of words (up to the 25 the length step counts)."""
    words, bits = seen
    key = bits, min(len(words), 25)
    ceilings = _CEILINGS.get(key)
    if ceilings is None:
        raw = BASE + key[1] * LENGTH_STEP
        raw += sum(w for w, _ in _cue_steps(bits & _CUES_MASK) if w > 0)
        if bits & _NUMBER_BIT:
            raw += 0.3  # a statistic (a number scores less)
        if bits & (_NUMBER_BIT | _FOLLOW_UP_BIT | _PERIOD_BIT):
            raw += 0.1  # timeframe
        if bits & _DATE_BIT:
            raw += 0.1
        if bits & _EVENT_BIT:
            raw += 0.15
        if key[1] < _SHORT and not bits & (_NUMBER_BIT | _DATE_BIT | _SHORT_CLAIM_BITS):
            raw -= _SHORT_PENALTY
        if len(_CEILINGS) >= _CACHE_LIMIT:
            _CEILINGS.clear()
        # Bounded as the score is (never below it: the bend is monotonic).
        ceilings = _CEILINGS[key] = _bounded(raw), _bounded(raw + _NAMED_WEIGHT)
    return ceilings


def score_sentence(
    sentence: str, quantities: tuple[Quantity, ...] | None = None, seen: Words | None = None
) -> tuple[float, tuple[str, ...]]:
    """Check-worthiness of ``sentence`` in [0, 1] and the tags that moved it: the rules'
    score (``rule_score``) weighed by the learned model of political speech
    (``weigh_learned``).

    ``seen`` is ``read_words(sentence)`` when the caller has it already.
    """
    if seen is None:
        seen = read_words(sentence)
    score, reasons = rule_score(sentence, quantities, seen)
    if score <= 0.0:
        return score, reasons  # boilerplate, an aside: nothing to weigh
    return weigh_learned(score, reasons, claim_probability(seen[0]))


def weigh_learned(
    score: float, reasons: tuple[str, ...], probability: float
) -> tuple[float, tuple[str, ...]]:
    """A rules' ``score`` (and its ``reasons``) weighed by the learned model's
    ``probability`` (``speech_model.claim_probability``) that its sentence is a claim,
    with the tag ``learned`` when the model rates it one. The proposer weighs last, after
    its own additions (a headline's).

    The score is multiplied by (1 + LEARNED_WEIGHT * probability), then scaled down under
    the pivot (it stays under) or squeezed into [pivot, 1] above it (it stays above): the
    order on each side is the product's, and no score crosses the default threshold.
    """
    if score <= 0.0:
        return score, reasons  # boilerplate, an aside: nothing to weigh
    if probability >= LEARNED_TAG_AT:
        reasons = (*reasons, "learned")
    raised = score * (1.0 + LEARNED_WEIGHT * probability)
    if score < LEARNED_PIVOT:
        return round(raised * _UNDER, 6), reasons
    return round(raised * _ABOVE + _PIVOT_OFFSET, 6), reasons


def rule_score(
    sentence: str, quantities: tuple[Quantity, ...] | None = None, seen: Words | None = None
) -> tuple[float, tuple[str, ...]]:
    """The rules' check-worthiness of ``sentence`` in [0, 1] and the tags that moved it.

    ``seen`` is ``read_words(sentence)`` when the caller has it already. Every raise
    given here must be counted in ``_rule_ceiling`` (the proposer skips sentences by it;
    tests/unit/text/test_proposal_prefilters.py checks the two agree).

    A sentence of several clauses is as check-worthy as its most check-worthy clause:
    cues spread over clauses ("I want to keep working on the Act, to get to 100 percent
    coverage, but bring down the costs") do not add up to a claim that no clause makes.
    What the other clauses add counts a quarter (``OTHER_CLAUSES``); the score is never
    raised by this, so a penalty of the whole (a hedge, a view) still holds, and it
    stays below the whole's ceiling. The tags are the whole sentence's.
    """
    whole, reasons = _score_whole(sentence, quantities, seen)
    if whole <= 0.0 or not _has_clause_break(sentence):
        return whole, reasons
    clauses = [c for c in _CLAUSE_BREAK.split(sentence) if len(c.split()) >= _CLAUSE_WORDS]
    if len(clauses) < 2:
        return whole, reasons
    if quantities is None:
        quantities = (
            find_quantities(sentence) if may_have_quantities(seen or read_words(sentence)) else ()
        )
    # The clauses in order of their ceilings: once a ceiling is below the best score
    # found, no later clause can pass it, and once one reaches the whole, it stands. A
    # clause's quantities are the sentence's that it holds (read once, not per clause).
    seen_clauses = [(clause, read_words(clause)) for clause in clauses]
    ceilings = sorted(
        ((_rule_ceiling(c, w), i) for i, (c, w) in enumerate(seen_clauses)), reverse=True
    )
    best = 0.0
    for ceiling, i in ceilings:
        if ceiling <= best:
            break
        clause, words = seen_clauses[i]
        held = tuple(q for q in quantities if q.text and q.text in clause)
        best = max(best, _score_whole(clause, held, words)[0])
        if best >= whole:
            return whole, reasons
    return round(best + OTHER_CLAUSES * (whole - best), 6), reasons


def _has_clause_break(sentence: str) -> bool:
    """Whether ``_CLAUSE_BREAK`` finds a break in ``sentence``."""
    return _CLAUSE_BREAK_HINT.search(sentence) is not None


def _score_whole(
    sentence: str, quantities: tuple[Quantity, ...] | None = None, seen: Words | None = None
) -> tuple[float, tuple[str, ...]]:
    """``rule_score`` of the sentence as one clause."""
    text = " ".join(sentence.split())
    if not text:
        return 0.0, ()
    if text.rstrip("\"'”’)] ").endswith("?"):
        # A question asks, it does not claim; what it asks about still orders it among
        # other questions ("Fifteen million new jobs?" above "Why?").
        inner, inner_reasons = rule_score(text.rstrip("\"'”’)] ")[:-1] + ".", None, None)
        return round(QUESTION_SCALE * inner, 6), ("question", *inner_reasons)
    if seen is None:
        seen = read_words(text)  # the same words as the sentence's: only spaces differ
    words, bits = seen
    if text[:2].isupper():
        dateline = _DATELINE.match(text)
    else:
        # "June 4, 2018 — Results of the trial ...": a list item's date, the day of its
        # release; the item is scored without it.
        dateline = _DATE_LEAD.match(text) if text[:3] in _MONTH_STARTS else None
    if dateline is not None and dateline.end() < len(text):
        return rule_score(text[dateline.end() :])
    attributed = _ATTRIBUTED_QUOTE.match(text) if text[0] in '“"' else None
    if attributed is not None:
        quote_score, quote_reasons = rule_score(attributed.group("quote"))
        return quote_score, (*quote_reasons, "quote")
    if len(words) < 25 and bits & _BOILERPLATE_BIT:
        return 0.0, ("boilerplate",)
    if text[0] in "([" and _ASIDE.fullmatch(text) is not None:  # (what it opens with)
        return 0.0, ("aside",)
    if text[0] in "SRFTPM" and text[-1] not in ".!" and _DOCUMENT_TITLE.match(text):
        return 0.0, ("boilerplate",)  # "Statement by the Secretary on ...": a title
    if text.startswith("Title") and _TITLE_FIELD.match(text):
        # "Title : A bill entitled the ... Act of 1993.", "Title: Molecular Biologist": a
        # record's field that names a thing, what the thing does is said elsewhere.
        return 0.0, ("boilerplate",)
    if quantities is None:
        quantities = find_quantities(text) if bits & _NUMBER_BIT else ()
    score = BASE
    reasons: list[str] = []
    if not quantities:
        pass  # most sentences: spare the two scans below
    elif any(q.unit in ("%", "fold", "percentage points", "p-value") for q in quantities):
        score += 0.3
        reasons.append("statistic")
    elif any(_is_amount(q) for q in quantities):
        score += AMOUNT_WEIGHT
        reasons.append("amount")
    else:
        # Any count is checkable: "four ill people", "lost his seat by two votes".
        score += NUMBER_WEIGHT
        reasons.append("number")
    if bits & _MOVED_BIT and not _moved(words):
        bits &= ~_MOVED_BIT  # "It is up to you.", "Your time is up."
    if bits & _GOES_ON_BIT and not _goes_on(words, bits):
        bits &= ~_GOES_ON_BIT  # "CDC continues to support ...", "continues efforts"
    if bits & _OPENER_BIT and words[0] not in _OPENERS:
        bits &= ~_OPENER_BIT  # "Exempts ..." opens a bill summary's sentence only
    in_names = _named_only(text, words, bits) if bits & _NAME_SENSITIVE_BITS else 0
    for weight, tag in _cue_steps(bits & _CUES_MASK):
        if tag == "advice" and _points_to_evidence(words):
            continue  # "If you look at the numbers, ...": the speaker points, not advises
        if tag == "assignment" and not _assigned(words, bits):
            continue
        if tag == "finding" and _found_where_it_lives(words):
            continue  # "Listeria is commonly found in soil": where a thing lives
        if tag == "finding" and _reports_as_nouns(words):
            continue  # "GAO's reports and testimonies", "All reports by year": nouns
        if tag == "talk" and (_received(words) or _call_held(words, bits)):
            # "She was honored as a finalist": an award received; "The Secretary spoke
            # today with the Minister": a call that took place. No talk.
            continue
        if in_names & _TAG_BITS[tag]:
            # "Centers for Disease Control and Prevention", "Bureau of Economic
            # Analysis", "Established Program to Stimulate Competitive Research": the
            # cue's words are only in a name, which says who, not what was found.
            continue
        if tag == "causal" and _only_release_nouns(words):
            continue  # "This release presents data ...": the news release, no effect
        if tag == "causal" and not bits & _EVENT_BIT and _only_aims(words):
            # "is coordinating with officials to increase surveillance": an aim, not an
            # effect. Beside a past event it is what someone did ("She worked with them
            # to reduce the stockpile", "He made a promise to protect ..."): a record.
            continue
        if tag not in reasons:
            score += weight
            reasons.append(tag)
    if (
        bits & _INTENT_BIT
        and quantities
        and not bits & _EVENT_BIT
        and not _GOAL_WORDS.isdisjoint(words)
    ):
        # "The Committee seeks to achieve inflation at the rate of 2 percent", "aims to
        # cut emissions 50 percent by 2030": the number is the goal's, standing policy.
        score -= GOAL_DISCOUNT
        reasons.append("goal")
    if (
        (quantities and any(q.timeframe for q in quantities))
        or bits & _FOLLOW_UP_BIT
        or (bits & _PERIOD_BIT and bits & _TIME_MARKER_BIT)
        or (bits & _NUMBER_BIT and "-" in text and _DURATION.search(text) is not None)
    ):
        score += 0.1
        reasons.append("timeframe")
    if bits & _DATE_BIT:
        score += 0.1
        reasons.append("date")
    if bits & _EVENT_BIT and _has_event(text, words, bits):
        score += 0.15
        reasons.append("event")
    if _INNER_CAPITAL.search(text) is not None:
        score += _NAMED_WEIGHT
        reasons.append("named")
    if (
        bits & (_FIRST_PERSON_BIT | _SECOND_PERSON_BIT)
        and not bits & (_EVENT_BIT | _NUMBER_BIT | _DATE_BIT)
        and bits & _STANCE_BIT
        and _speaker_stance(words)
    ):
        # "I think ...", "If you have ..., do not eat it": a view or advice. With a
        # past event, a number or a date ("you supported NAFTA in 1993", "we cut
        # unemployment in half"), or with no word of a view or a wish ("We have the
        # highest taxes in the world"), it is a record that can be checked.
        score -= 0.2
        tag = "opinion" if bits & _FIRST_PERSON_BIT else "advice"
        if tag not in reasons:
            reasons.append(tag)
    if bits & _SECOND_PERSON_BIT and _ADDRESS.match(text) is not None:
        score -= ADDRESS_PENALTY
        reasons.append("address")
    if (
        bits & _TALK_BIT
        and not bits & (_FIRST_PERSON_BIT | _SECOND_PERSON_BIT)
        and sum(w in _TALK_WORDS for w in words) >= 2
    ):
        # A readout in the third person lists the talk ("Officials thanked the
        # legislators and reaffirmed ...", "discussed ... and also discussed ..."): who
        # met, told by the office that held the meeting. One talk verb ("He praised the
        # deal") or a speaker's "we discussed" in a debate is weighed as talk alone.
        score -= READOUT_PENALTY
        reasons.append("readout")
    if unicodedata.category(text[0]) == "So":
        # "🎬 President Trump: We're keeping ...", "📺 Watch: ...": a line that opens on a
        # pictograph links to a clip; what it says is said in the clip, as a caption.
        score -= LINK_PENALTY
        reasons.append("link")
    if text[0] in "AT" and _CAPTION.match(text) is not None:
        # "An image of the comet taken by Hubble on March 3", "This artist's concept
        # shows ...": a caption says what a picture shows; the claims are in the text.
        score -= CAPTION_PENALTY
        reasons.append("caption")
    if text.endswith(":"):
        score -= 0.3  # "Specifically, the new agreement provides:": it leads into a list
        reasons.append("lead-in")
    if words and words[0] in _IMPERATIVE and words[1:2] != ["not"]:
        score -= IMPERATIVE_PENALTY
        reasons.append("imperative")
    if bits & _FIGURATIVE_BIT:
        anchored = any(r in _ANCHORS for r in reasons)
        score -= 0.15 if anchored else 0.4
        reasons.append("rhetoric")
    if (
        words
        and len(words) <= 12
        and (words[0] in _COURTESY_OPENERS or _INTERJECTIONS.issuperset(words))
    ):
        # "Thank you, Senator.", "Good evening.", "Yes.", "All right.": the talk of a
        # meeting, never a claim; below the short lines that do say something.
        score -= 0.3
        reasons.append("courtesy")
    if bits & (_FIRST_PERSON_BIT | _SECOND_PERSON_BIT) and (
        _FUTURE.intersection(words) or "going to" in text.lower()
    ):
        score -= 0.1
        reasons.append("future")
    if text.endswith(("...", "…", "--", "—", " -")):
        # Cut off before it says what it meant to: "And I have supported...".
        score -= 0.1
        reasons.append("unfinished")
    lead = 1 if words and words[0] in _LEAD_WORDS else 0
    if (
        words[lead : lead + 1]
        and words[lead] in _VAGUE
        and not (
            words[lead] in _DEMONSTRATIVES
            and words[lead + 1 : lead + 2]
            and words[lead + 1] not in _PRONOUN_NEXT
            and not words[lead + 1].endswith("ed")
        )
    ):
        score -= 0.05
        reasons.append("vague")
    # Longer sentences carry more that can be checked: a small step per word (at most
    # 0.05) orders sentences with the same cues and never makes a claim on its own.
    score += min(len(words), 25) * LENGTH_STEP
    # A short line is rarely a claim, unless it says how a measure moved or stands
    # ("Inflation remains elevated.", "Prices fell.") or what was found ("No deaths
    # have been reported.", "The lowest dose had no effect.").
    if (
        len(words) < _SHORT
        and not bits & (_NUMBER_BIT | _DATE_BIT)
        and not _SHORT_CLAIMS.intersection(reasons)
    ):
        score -= _SHORT_PENALTY
        reasons.append("short")
    return _bounded(score), tuple(reasons)


def _is_amount(quantity: Quantity) -> bool:
    """Whether ``quantity`` is a sum of money ("$400 million", "$12,000") or an exact
    count of a thousand or more ("266,000 arrests", "Fifteen million new jobs"): the
    figures a debate's fact-checkers check most (CLEF-2019 training debates: a line
    with "million", "billion" or "trillion" is check-worthy 7 times as often as the
    average line). "Millions of Americans" is a size, not a figure: a bare plural of a
    magnitude is a number like any other."""
    if quantity.unit == "USD":
        return True
    return quantity.value >= 1000 and not quantity.text.lower().startswith(_BARE_MAGNITUDES)


_CAUSAL_BIT = 1 << next(i for i, cue in enumerate(_CUES) if cue.tag == "causal")
# Before "to": words that make what follows a finding ("shown to reduce", "likely to
# cause"), not an aim.
_EVIDENCE_TO = _set(
    "shown found proven proved seem seems seemed appear appears appeared tend tends tended "
    "likely unlikely known thought believed expected estimated predicted projected said "
    "reported help helps helped helping able"
)
# Before a causal word in "-ing": the gerund of an aim ("in protecting workers", "will
# continue reducing its holdings", "efforts aimed at preventing").
_AIM_BEFORE_ING = _set("in for at toward towards of continue continues continuing")


_RELEASE_NOUN_BEFORE = _set(
    "the a an this these its their our news press full latest new today's today’s of"
)


def _cued(words: list[str], cues: int) -> compress[int]:
    """The indices of the words with a bit of ``cues``, found in C (map and compress):
    most words of a sentence have none, and a loop over them in Python is what the
    checks below would spend their time on."""
    return compress(range(len(words)), map(cues.__and__, map(_MASKS.__getitem__, words)))


def _only_release_nouns(words: list[str]) -> bool:
    """Whether every causal word is the noun "release" of a news release ("This
    release presents data ...", "the full release"), not the verb of an effect
    ("cells release dopamine")."""
    seen = False
    for i in _cued(words, _CAUSAL_BIT):
        if words[i] not in ("release", "releases") or not i:
            return False
        if words[i - 1] not in _RELEASE_NOUN_BEFORE:
            return False
        seen = True
    return seen


def _only_aims(words: list[str]) -> bool:
    """Whether every causal word is an aim: an infinitive of purpose ("coordinating
    with officials to increase surveillance", "to protect children") or a gerund after
    "in", "for", "continue" ("a step forward in protecting workers"). "The drug was
    shown to reduce ..." and "It reduced ..." are effects, and so is "able to increase";
    a causal phrase ("linked to") is never an aim."""
    seen = False
    for i in _cued(words, _CAUSAL_BIT):
        word = words[i]
        seen = True
        before = words[i - 1] if i else ""
        if before == "to":
            if i > 1 and words[i - 2] in _EVIDENCE_TO:
                return False
        elif not (word.endswith("ing") and before in _AIM_BEFORE_ING):
            return False
    return seen


# Before a past participle, these make it an adjective: "the updated figures", "an
# infected mosquito", "all recalled products".
# ("that", "those" and "no" are left out: "an event that transformed ...", "those
# infected", and "There are no approved treatments" claims that none was approved.)
_DETERMINER_BEFORE = _set("the a an all these this its their his her our any some each every")


def _has_event(text: str, words: list[str], bits: int) -> bool:
    """Whether a past-tense word tells what happened. Not when it follows a determiner,
    as an adjective ("All updated figures are in red", "the bite of an infected
    mosquito"), nor when it is written only with a capital inside the text, as part of
    a name ("Coordinated Universal Time", "the Confederated Tribes"), nor in a present
    passive with its agent, or of "found", which says how things stand ("The list is
    maintained by a committee", "Earthquakes are caused by ...", "is found in soil").
    "CDC updated its guidance", "was caused by" and "Launched in 2007, the probe ..."
    are events."""
    plain = _DETERMINER_BEFORE.isdisjoint(words)
    for i in _cued(words, _EVENT_BIT):
        word = words[i]
        if word == "spoke" and not _call_held(words, bits):
            continue  # "We spoke about it": talk; "spoke today with ...": a call held
        if not plain and i and words[i - 1] in _DETERMINER_BEFORE:
            continue  # an adjective
        if (words[i + 1 : i + 2] == ["by"] or word == "found") and _after_present_be(words, i):
            continue  # "is maintained by", "are caused by", "is found in": how things stand
        if i == 0 or word in text:
            return True  # (a lower-case word of the text: "in" may find it inside another)
    return False


# Before "will": a pronoun or a relative, whose forecast is no assignment.
_NOT_ASSIGNEES = _VAGUE | _set("which who he she i")
_ASSIGNED = next(cue.phrases for cue in _CUES if cue.tag == "assignment")


def _assigned(words: list[str], bits: int) -> bool:
    """Whether a "will build"-like phrase of ``words`` says what a named body is set to
    do: not in a speaker's own voice ("We will build ..."), not after a pronoun or a
    relative or in a sentence that opens on one ("It will create jobs", "which will
    create ...", "This, in turn, will create ..."), and not "will build on" (framing)."""
    if bits & (_FIRST_PERSON_BIT | _SECOND_PERSON_BIT) or words[0] in _VAGUE:
        return False  # "We will build", "This, in turn, will create ..."
    for i in range(1, len(words) - 1):
        if (
            f"{words[i]} {words[i + 1]}" in _ASSIGNED
            and words[i - 1] not in _NOT_ASSIGNEES
            and words[i + 2 : i + 3] not in (["on"], ["upon"])
        ):
            return True
    return False


# Cues whose words say what happened or was found, not who: inside a capitalised name
# they say nothing ("Prevention", "Protection Program", "First Lady"). A named study
# is still a study ("National Youth Tobacco Survey"): "study" and "trial" are not here.
_TAG_BITS: dict[str, int] = {}
for _i, _cue in enumerate(_CUES):
    _TAG_BITS[_cue.tag] = _TAG_BITS.get(_cue.tag, 0) | 1 << _i  # all cues of a tag
_NAME_SENSITIVE_BITS = sum(
    _TAG_BITS[tag]
    for tag in ("causal", "finding", "trend", "mechanism", "economy", "comparison",
                "absolute", "first")
)  # fmt: skip


def _named_only(text: str, words: list[str], bits: int) -> int:
    """The bits of the name-sensitive cues of ``bits`` whose every word is written with
    a capital inside ``text``, as a word of a name: none in lower case, none first, and
    the text not in Title Case. A cue given only by a phrase ("linked to") is not."""
    if text.isascii() and _CAPITAL.search(text, 1) is None:
        # No capital after the first character: every word but the first is in the
        # text in lower case, and the first is kept anyway (most sentences of prose).
        return 0
    sensitive = bits & _NAME_SENSITIVE_BITS
    seen = kept = 0
    for i in _cued(words, sensitive):
        word = words[i]
        found = _MASKS[word] & sensitive
        seen |= found
        if i == 0 or word in text:
            kept |= found  # (``in`` may find it inside a longer word: kept, then)
    named = seen & ~kept
    # A Title Case headline capitalises its words, names or not ("Reducing Total Fat
    # Intake May Have Small Effect on ..."): there the capital says nothing.
    if named and _TITLE_SMALL.issuperset(_LOWER_INITIAL.findall(text)):
        return 0
    return named


_CAPITAL = re.compile("[A-Z]")
# Title Case leaves only these in lower case: a text whose every lower-case word is one
# of them is a headline in Title Case.
_LOWER_INITIAL = re.compile(r"(?<![\w’'-])[a-z][\w’'-]*")
_TITLE_SMALL = _set(
    "a an the of to in on at for and or but nor with from by as into over via vs per up "
    "off out is are"
)
_PRESENT_BE = _set("is are am")


def _moved(words: list[str]) -> bool:
    """Whether a measure is said to be up or down ("Murders are up.", "premiums are
    going up"): an "is up"-like pair not followed by "to" ("it is up to you", "it comes
    down to money") nor after a speaker's time ("Your time is up.")."""
    for i in range(len(words) - 1):
        if f"{words[i]} {words[i + 1]}" not in _MOVED:
            continue
        if words[i + 2 : i + 3] == ["to"] or (i and words[i - 1] in _SPEAKING_TIME):
            continue
        return True
    return False


def _reports_as_nouns(words: list[str]) -> bool:
    """Whether every finding word is "reports" or "shows" as a plural noun: after a
    determiner, a possessive or a number ("all reports", "the agency's reports", "20
    reports"). "The agency reports 20 cases" is a finding."""
    if _NOUN_FINDINGS.isdisjoint(words):
        return False  # most sentences with a finding: spare the walk below
    seen = False
    for i in _cued(words, _FINDING_BIT):
        if words[i] not in _NOUN_FINDINGS or not i:
            return False
        before = words[i - 1]
        if not (
            before in _DETERMINER_BEFORE or before.endswith(("'s", "’s")) or before[:1].isdigit()
        ):
            return False
        seen = True
    return seen


_NOUN_FINDINGS = _set("reports shows")


def _goes_on(words: list[str], bits: int) -> bool:
    """Whether a "continues"-like word says a state goes on ("Eruptive activity continues
    at the summit", "Tilt began yesterday and continues this morning", "The drought
    continues."): not "continues to ...", not with an object ("continues efforts"), not
    after a modal ("will continue"), not in a speaker's voice ("We continue ...")."""
    if bits & (_FIRST_PERSON_BIT | _SECOND_PERSON_BIT) or not _FORECAST.isdisjoint(words):
        return False  # "We continue ...", "as long as the war continues, it will ..."
    for i, word in enumerate(words):
        if word not in _GOES_ON:
            continue
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if (nxt == "" or nxt in _GOES_ON_NEXT) and (not i or words[i - 1] not in _MODAL_BEFORE):
            return True
    return False


# Before "continue": a modal, a passive's "be" ("was continued on by ..."), a request.
_MODAL_BEFORE = _set(
    "will would to can could may might must should shall is are was were be been let's let’s"
)
_FORECAST = _FUTURE | _set("would")
_OPENERS = next(cue.words for cue in _CUES if "exempts" in cue.words)
_BE_FORMS = _set("is are was were be been being")


def _received(words: list[str]) -> bool:
    """Whether every talk word is praise received, in the passive, for or as something
    ("is being honored today as a finalist", "was commended for its work"): an award
    on the record, not talk. "I am honored to ...", "I was honored by that" are
    feelings; "has not been discussed" is talk."""
    if _PRAISE.isdisjoint(words):
        return False
    seen = False
    for i in _cued(words, _TALK_BIT):
        if (
            words[i] not in _PRAISE
            or not i
            or words[i - 1] not in _BE_FORMS
            or not _AWARDED_FOR.intersection(words[i + 1 : i + 4])
        ):
            return False
        seen = True
    return seen


_PRAISE = _set("honored commended praised celebrated applauded")
_AWARDED_FOR = _set("as for with")


def _call_held(words: list[str], bits: int) -> bool:
    """Whether the only talk word is "spoke" with whom, told in the third person: "The
    Secretary spoke today with the Foreign Minister", "spoke by phone with ..." (a
    call or a meeting held, on the record). "We spoke", "spoke about the ruling" are
    talk."""
    if bits & (_FIRST_PERSON_BIT | _SECOND_PERSON_BIT) or "spoke" not in words:
        return False
    seen = False
    for i in _cued(words, _TALK_BIT):
        if words[i] != "spoke" or "with" not in words[i + 1 : i + 4]:
            return False
        seen = True
    return seen


def _found_where_it_lives(words: list[str]) -> bool:
    """Whether the only finding word is "found" after a present "is"/"are": "Listeria
    is commonly found in soil" tells where a thing lives, no finding ("was found in 30
    wells" is one)."""
    seen = False
    for i, word in enumerate(words):
        if _MASKS[word] & _FINDING_BIT:
            if word != "found" or not _after_present_be(words, i):
                return False
            seen = True
    return seen


def _after_present_be(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` follows a present "is"/"are", perhaps with an adverb
    between: "is maintained", "are mainly caused"; or "can be"/"may be", where a reader
    is told to look ("Details can be found in Table 3")."""
    before = words[i - 1] if i else ""
    if before.endswith("ly") and i > 1:
        before = words[i - 2]
    if before == "be" and i > 1:
        return words[i - 2] in _MAY_BE
    return before in _PRESENT_BE


_MAY_BE = _set("can may")


def _points_to_evidence(words: list[str]) -> bool:
    """Whether every "if you" of the words points at evidence ("if you look at",
    "if you go back", "if you check") and no word of advice is there."""
    pointed = False
    for i, word in enumerate(words):
        if word in _ADVICE_WORDS:
            return False
        if word == "if" and words[i + 1 : i + 2] == ["you"]:
            if words[i + 2 : i + 3] and words[i + 2] in _POINTING:
                pointed = True
            else:
                return False
    return pointed


def _speaker_stance(words: list[str]) -> bool:
    """Whether a word of a view or a wish follows "I", "we" or "you": "I think",
    "you should", "if you want". "She wants to destroy your Second Amendment" is a claim
    about someone else, though it has "your" and "wants"."""
    person = False
    for word in words:
        if word in _FIRST_PERSON or word in _SECOND_PERSON:
            person = True
        elif person and word in _STANCE:
            return True
    return False


def _bounded(raw: float) -> float:
    """``raw`` into (0, 1), keeping the order of every two raw scores.

    The middle, where the threshold lies, is kept as it is; below ``_LOW`` and above
    ``_HIGH`` the score bends towards 0 and 1 instead of being cut off there, so that
    sentences with fewer (or more) cues still rank apart: a cut at 0 made a third of
    the lines of a debate tie.
    """
    if raw < _LOW:
        raw = _LOW * math.exp((raw - _LOW) / _LOW)
    elif raw > _HIGH:
        raw = 1.0 - (1.0 - _HIGH) * math.exp((_HIGH - raw) / (1.0 - _HIGH))
    return round(raw, 6)
