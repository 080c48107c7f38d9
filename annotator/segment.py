"""Article text -> proposed claims, as pure functions over character offsets.

The pipeline: ``sentences.units`` cuts the text into units with exact offsets;
headings, datelines and boilerplate are never claims; each sentence is split into its
atomic claims (``atomic.atomic_parts``); each claim gets its quantities
(``quantities.find_quantities``), a check-worthiness score with reasons
(``checkworthy.score_sentence``) and a card label (``labels.make_label``). Every span
returned satisfies ``text[start:end] == claim.text`` and claims never overlap.
"""

from __future__ import annotations

from annotator.atomic import atomic_parts
from annotator.checkworthy import score_sentence
from annotator.labels import MAX_LABEL, make_label
from annotator.model import ProposedClaim
from annotator.quantities import find_quantities
from annotator.sentences import SENTENCE, Unit, units

__all__ = [
    "DEFAULT_THRESHOLD",
    "MAX_LABEL",
    "Unit",
    "make_label",
    "propose_claims",
    "score_sentence",
    "units",
]

DEFAULT_THRESHOLD = 0.35
"""Claims scoring below this are not proposed (a desk setting; ``segment --all`` shows all)."""


def _proposal(
    text: str, start: int, end: int, subject: str, sentence: Unit
) -> ProposedClaim | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    span = text[start:end]
    quantities = find_quantities(span)
    score, reasons = score_sentence(span, quantities)
    return ProposedClaim(
        start=start,
        end=end,
        text=span,
        label=make_label(span, subject, quantities),
        score=score,
        reasons=reasons,
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        quantities=quantities,
    )


def propose_claims(
    text: str, threshold: float = DEFAULT_THRESHOLD, include_all: bool = False
) -> list[ProposedClaim]:
    """The claims worth checking in ``text``, in order.

    ``include_all`` keeps every sentence's claims whatever their score (headings,
    datelines and boilerplate lines are still left out: they are never claims).
    """
    claims: list[ProposedClaim] = []
    for unit in units(text):
        if unit.kind != SENTENCE:
            continue
        sentence = text[unit.start : unit.end]
        parts = atomic_parts(sentence)
        if len(parts) > 1:
            # The sentence as a whole decides whether its parts are worth a look:
            # "... and decreases overactivity in the amygdala" keeps the imaging cue.
            whole_score, _ = score_sentence(sentence)
        for part in parts:
            claim = _proposal(
                text, unit.start + part.start, unit.start + part.end, part.subject, unit
            )
            if claim is None:
                continue
            if len(parts) > 1 and claim.score < whole_score and "boilerplate" not in claim.reasons:
                claim = _inherit(claim, whole_score)
            if include_all or claim.score >= threshold:
                claims.append(claim)
    return claims


def _inherit(claim: ProposedClaim, whole_score: float) -> ProposedClaim:
    """A part of a split sentence scores at least midway to its sentence's score."""
    score = round((claim.score + whole_score) / 2, 3)
    return ProposedClaim(
        start=claim.start,
        end=claim.end,
        text=claim.text,
        label=claim.label,
        score=score,
        reasons=claim.reasons,
        sentence_start=claim.sentence_start,
        sentence_end=claim.sentence_end,
        quantities=claim.quantities,
    )
