"""Grading a claim: the one use case both faces call, with the desk's rules applied."""

from __future__ import annotations

from collections.abc import Iterable

from annotator.errors import InputError
from annotator.model import Grade
from annotator.store import Store

FINAL_IS_AN_EDITORS = (
    "a final verdict is an editor's to set, and {reviewer} is not an editor of this desk: "
    "editors are named in the desk config (annotator config set editors NAMES)"
)


def grade_claim(
    store: Store,
    claim_id: int,
    verdict: str,
    *,
    reviewer: str,
    certainty: str = "",
    reasons: Iterable[str] = (),
    note: str = "",
    final: bool = False,
    editor: bool = False,
    require_source: bool = False,
) -> Grade:
    """Record ``reviewer``'s grade of a claim (or an editor's final verdict).

    A final verdict is an editor's to set (DESIGN.md "Review rules"): ``editor`` says
    whether ``reviewer`` is one (named in the desk config).
    ``require_source`` is the desk rule of that name: a verdict on the scale (anything
    but not-checkable) needs at least one linked source, so no claim is called true or
    false on nobody's evidence.
    """
    if final and not editor:
        raise InputError(FINAL_IS_AN_EDITORS.format(reviewer=reviewer))
    if require_source:
        store.get_claim(claim_id)  # an unknown id is named as such
        level = store.scales.verdict.validate(verdict)
        if level.ordinal is not None and not store.evidence_for(claim_id):
            raise InputError(
                f"claim {claim_id} has no linked source, and this desk requires one "
                f"(require_source) before a verdict of {level.key!r}: link a source first, "
                "or grade it not-checkable"
            )
    return store.grade_claim(
        claim_id,
        verdict,
        reviewer=reviewer,
        certainty=certainty,
        reasons=tuple(reasons),
        note=note,
        final=final,
    )
