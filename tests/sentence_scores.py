"""Checks on one sentence's check-worthiness, shared by the claim-pattern tests."""

from __future__ import annotations

from annotator.text.checkworthiness import score_sentence
from annotator.text.proposer import DEFAULT_THRESHOLD


def is_proposed(sentence: str) -> bool:
    """Whether ``sentence`` scores at or above the proposer's threshold."""
    return score_sentence(sentence)[0] >= DEFAULT_THRESHOLD


def check_tag(sentence: str, tag: str, tagged: bool, proposed: bool) -> None:
    """That ``tag`` is (or is not) among the reasons of ``sentence``, and that it is
    (or is not) proposed."""
    score, reasons = score_sentence(sentence)
    assert (tag in reasons) == tagged, (sentence, reasons)
    assert (score >= DEFAULT_THRESHOLD) == proposed, (sentence, score, reasons)
