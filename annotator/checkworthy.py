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

from annotator.model import Quantity
from annotator.quantities import find_quantities

BASE = 0.1

_I = re.IGNORECASE
# (tag, weight, pattern): each tag counts once however often its pattern matches.
_CUES: tuple[tuple[str, float, re.Pattern[str]], ...] = (
    ("comparison", 0.1, re.compile(
        r"\b(?:more|less|fewer|greater|higher|lower|better|worse|compared|than|versus|vs\.|"
        r"outperform\w*|superior|inferior|doubled|tripled|halved)\b", _I)),
    ("causal", 0.25, re.compile(
        r"\b(?:caus\w+|cuts?|reduc\w+|increas\w+|decreas\w+|trigger\w*|leads? to|led to|"
        r"prevent\w*|cure[sd]?|improv\w+|boost\w*|lowers?|lowered|rais\w+|releas\w+|"
        r"dampen\w*|block\w*|activat\w+|calms?|silences?|quiets?|enhanc\w+|"
        r"strengthen\w*|heal\w*|floods?|prompts?|overrides?|amplif\w+|promot\w+|"
        r"inhibit\w*|stimulat\w+|suppress\w*|alter\w*|resets?|reliev\w+|"
        r"worsen\w*|damag\w+|protect\w*|linked to|associated with|responsible for|treats?|treated|"
        r"results? in|contributes? to|effective|efficacy|works?|worked|remission|recover\w*|"
        r"relapse\w*|respon(?:ded|se rate)|benefits?)\b", _I)),
    ("mechanism", 0.1, re.compile(
        r"\b(?:mechanism\w*|receptors?|serotonin|dopamine|oxytocin|cortisol|hormones?|"
        r"neurotransmitter\w*|amygdala|prefrontal|cortex|hippocampus|brain|neural|"
        r"pathways?|acts? on|binds?)\b", _I)),
    ("study", 0.15, re.compile(
        r"\b(?:stud(?:y|ies|ied)|research\w*|scientists?|data|evidence|survey\w*|"
        r"meta-analys[ie]s|review|experiments?|cohort|journal|paper|published|findings?|"
        r"according to)\b", _I)),
    ("trial", 0.15, re.compile(
        r"\b(?:trials?|phase (?:[1-4]|i{1,3}v?)|randomi[sz]ed|placebo|clinical|"
        r"participants?|sample sizes?)\b", _I)),
    ("agency", 0.15, re.compile(
        r"\b(?:FDA|EMA|CDC|WHO|NIH|NHS|NICE|DEA|MHRA|TGA|Health Canada|"
        r"approv\w+|regulators?|government|ministry|agency)\b")),
    ("imaging", 0.15, re.compile(
        r"\b(?:imaging|f?MRI|PET|EEG|scans?|brain scans?|neuroimaging)\b")),
    ("absolute", 0.1, re.compile(
        r"\b(?:all other|nothing else|never|always|every|no other|first|only|"
        r"guaranteed|proven|100%)\b", _I)),
    ("hedge", -0.1, re.compile(
        r"\b(?:may|might|could|appears?|seems?|suggests?|possibly|perhaps|likely|"
        r"potential(?:ly)?|promis\w+|emerging|hope\w*)\b", _I)),
    ("opinion", -0.25, re.compile(
        r"\b(?:we owe|should|must|ought|I think|I believe|we believe|I feel|in my view|"
        r"in my opinion|important to understand|it's important|it’s important|deserves?|"
        r"magic bullet)\b", _I)),
    ("opinion", -0.05, re.compile(
        r"\b(?:immense|remarkable|incredible|amazing|profound|stunning)\b", _I)),
)  # fmt: skip

_TIMEFRAME_WORDS = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|twelve)[- ](?:day|week|month|year)s?\b|"
    r"follow-?ups?\b|long-term\b|\b(?:next|last|past|coming)\s+(?:few\s+)?"
    r"(?:days?|weeks?|months?|years?|decades?)\b",
    _I,
)
_IMPERATIVE = re.compile(
    r"(?:please\s+)?(?:talk|ask|consult|read|visit|click|call|try|learn|see|check|join|get|"
    r"keep|stay|don't|don’t|do|make|take|find|subscribe|follow|share|contact|download|"
    r"remember|imagine|consider|note|watch|listen|register|sign|order|buy|tell|let's|"
    r"let’s|discover|explore)\b",
    _I,
)
_BOILERPLATE = re.compile(
    r"(?:photo(?:graph)?s?\s*(?:credit|by)|image\s*(?:credit|source)|credit:|sign\s*up|"
    r"subscribe|no spam|all rights reserved|copyright|©|click here|newsletter|"
    r"follow us|keep up with|stay connected|unsubscribe)",
    _I,
)
# Figurative words and set phrases of persuasion: without anything checkable beside
# them they make a sentence rhetoric, never a claim.
_FIGURATIVE = re.compile(
    r"\b(?:rays? of light|darkness|labyrinth|souls?|despair|shackled|liberation|"
    r"in sight|tip (?:the )?scales|on the edge|magic bullet|heart(?:felt)?|journey|"
    r"window|psyche|festering|flow by|dissolves?|soften|wounds?|red alert|"
    r"hijack\w*|key to|light|miracle|game[- ]changer|revolution\w*)\b",
    _I,
)
_VAGUE_SUBJECT = re.compile(
    r"(?:(?:but|and|so|yet|now|still|simultaneously|instead|together),?\s+)?"
    r"(?:it|this|that|these|those|they|we|you|he|she|there|such)\b",
    _I,
)
_ANCHORS = frozenset(("statistic", "number", "study", "trial", "agency", "imaging"))


def score_sentence(
    sentence: str, quantities: tuple[Quantity, ...] | None = None
) -> tuple[float, tuple[str, ...]]:
    """Check-worthiness of ``sentence`` in [0, 1] and the tags that moved it."""
    text = " ".join(sentence.split())
    if not text:
        return 0.0, ()
    if _BOILERPLATE.search(text) and len(text.split()) < 25:
        return 0.0, ("boilerplate",)
    if text.rstrip("\"'”’)] ").endswith("?"):
        return 0.05, ("question",)
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
    for tag, weight, pattern in _CUES:
        if pattern.search(text):
            score += weight
            reasons.append(tag)
    if any(q.timeframe for q in quantities) or _TIMEFRAME_WORDS.search(text):
        score += 0.1
        reasons.append("timeframe")
    words = text.split()
    if _IMPERATIVE.match(text) and not text.lower().startswith(("do not", "does")):
        score -= 0.35
        reasons.append("imperative")
    if _FIGURATIVE.search(text):
        anchored = any(r in _ANCHORS for r in reasons)
        score -= 0.15 if anchored else 0.4
        reasons.append("rhetoric")
    if _VAGUE_SUBJECT.match(text):
        score -= 0.05
        reasons.append("vague")
    if len(words) < 6:
        score -= 0.15
        reasons.append("short")
    return max(0.0, min(1.0, round(score, 3))), tuple(reasons)
