"""Where an article's claims go when its text is replaced: the decisions, not the saving.

``plan_new_version`` re-anchors every claim in the new text (``anchoring.reanchor``),
works out each one's new words, sentence, numbers and label, and picks the proposals
that fall in text no claim covers. The store's ``import_new_version`` writes the plan
(``model.NewVersionPlan``: plain data, so the store needs nothing from here).
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.model import (
    Anchor,
    Claim,
    ClaimMove,
    NewVersionPlan,
    ProposedClaim,
    Quantity,
    sha256_text,
)
from annotator.text.anchoring import TextDiff, reanchor
from annotator.text.label_numbers import numbers_changed
from annotator.text.labels import make_label
from annotator.text.quantities import find_quantities


def plan_new_version(
    old_text: str, text: str, claims: Sequence[Claim], proposals: Sequence[ProposedClaim] = ()
) -> NewVersionPlan:
    """Re-anchor ``claims`` from ``old_text`` into ``text`` and place new proposals."""
    diff = TextDiff(old_text, text)
    placed = reanchor(old_text, text, [(c.start, c.end) for c in claims], diff=diff)
    moves: list[ClaimMove] = []
    for claim, where in zip(claims, placed, strict=True):
        if where.anchor == Anchor.ORPHANED:
            # Its words left the text: a verdict on them stands no more than one on
            # words that changed, so its grades go stale too (never published as is).
            moves.append(ClaimMove(claim.id, where.anchor, words_changed=True))
            continue
        new_text = text[where.start : where.end]
        changed = new_text != claim.text
        quantities: tuple[Quantity, ...] | None = None
        label: str | None = None
        if changed and numbers_changed(claim.text, new_text):
            # The claim's numbers changed: its own label follows them; a label a
            # person wrote is kept (and shows as stating numbers the text lost).
            quantities = find_quantities(new_text)
            if not claim.label_edited:
                label = make_label(new_text, quantities=quantities)
        moves.append(
            ClaimMove(
                claim.id,
                where.anchor,
                start=where.start,
                end=where.end,
                text=new_text,
                sentence_start=min(diff.map_near(claim.sentence_start), where.start),
                sentence_end=min(max(diff.map_near(claim.sentence_end), where.end), len(text)),
                words_changed=changed,
                quantities=quantities,
                label=label,
            )
        )
    return NewVersionPlan(
        old_sha256=sha256_text(old_text),
        text=text,
        moves=tuple(moves),
        proposals=_in_gaps(proposals, moves),
    )


def _in_gaps(
    proposals: Sequence[ProposedClaim], moves: Sequence[ClaimMove]
) -> tuple[ProposedClaim, ...]:
    """Proposals that overlap no re-anchored claim (new paragraphs), in text order."""
    spans = [(m.start, m.end) for m in moves if m.anchor != Anchor.ORPHANED]
    kept: list[ProposedClaim] = []
    for p in sorted(proposals, key=lambda p: p.start):
        if any(s < p.end and p.start < e for s, e in spans):
            continue
        kept.append(p)
        spans.append((p.start, p.end))
    return tuple(kept)
