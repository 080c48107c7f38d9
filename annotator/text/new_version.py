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
    # An orphan's offsets are those of the older text its words left, not of
    # ``old_text``: read as offsets here they would land on other words.
    anchored = [c for c in claims if c.anchor != Anchor.ORPHANED]
    placed = dict(
        zip(
            (c.id for c in anchored),
            reanchor(old_text, text, [(c.start, c.end) for c in anchored], diff=diff),
            strict=True,
        )
    )
    moves: list[ClaimMove] = []
    for claim in claims:
        if claim.id not in placed:
            moves.append(_orphan_move(claim, text))
            continue
        where = placed[claim.id]
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


def _orphan_move(claim: Claim, text: str) -> ClaimMove:
    """An orphan stays one, its grades as stale as they were, unless its own words are
    in ``text`` exactly once: a correction taken back. Then it is placed there, its
    words unchanged (found twice, which is meant cannot be told)."""
    at = text.find(claim.text) if claim.text else -1
    if at < 0 or text.find(claim.text, at + 1) >= 0:
        return ClaimMove(claim.id, Anchor.ORPHANED)
    end = at + len(claim.text)
    return ClaimMove(
        claim.id,
        Anchor.MOVED,
        start=at,
        end=end,
        text=claim.text,
        sentence_start=at,
        sentence_end=end,
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
