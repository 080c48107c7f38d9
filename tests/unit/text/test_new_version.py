"""Planning a new version: where claims go is decided without a database."""

from __future__ import annotations

from dataclasses import replace

from annotator.model import Anchor, Claim, ClaimStatus, Origin, ProposedClaim, sha256_text
from annotator.text.new_version import plan_new_version

OLD = "Walking cut blood pressure by 12%. Coffee is popular. Tea is older than coffee."
NEW = "Walking cut blood pressure by 15%. Coffee is popular. A new paragraph says 40% agree."


def claim(cid: int, text: str, *, label_edited: bool = False) -> Claim:
    start = OLD.index(text)
    return Claim(
        id=cid, article_id=1, start=start, end=start + len(text), text=text, label="mine",
        score=0.5, reasons=(), status=ClaimStatus.PROPOSED, origin=Origin.AUTO,
        sentence_start=start, sentence_end=start + len(text), label_edited=label_edited,
    )  # fmt: skip


def test_each_claim_gets_its_new_place_words_numbers_and_label() -> None:
    claims = [
        claim(1, "Walking cut blood pressure by 12%."),
        claim(2, "Coffee is popular."),
        claim(3, "Tea is older than coffee."),
    ]
    plan = plan_new_version(OLD, NEW, claims)
    assert plan.old_sha256 == sha256_text(OLD) and plan.text == NEW
    moved, same, gone = plan.moves
    assert [m.claim_id for m in plan.moves] == [1, 2, 3]
    assert NEW[moved.start : moved.end] == moved.text == "Walking cut blood pressure by 15%."
    assert moved.words_changed and moved.label is not None and "15" in moved.label
    assert moved.quantities is not None and moved.quantities[0].value == 15
    assert (same.anchor, same.words_changed, same.label, same.quantities) == (
        Anchor.EXACT, False, None, None)  # fmt: skip
    assert NEW[same.start : same.end] == "Coffee is popular."
    # Its words left the text: its grades go stale, as a changed claim's do.
    assert gone.anchor == Anchor.ORPHANED and gone.text == "" and gone.words_changed


def test_a_label_a_person_wrote_is_kept() -> None:
    plan = plan_new_version(
        OLD, NEW, [claim(1, "Walking cut blood pressure by 12%.", label_edited=True)]
    )
    assert plan.moves[0].words_changed and plan.moves[0].label is None
    assert plan.moves[0].quantities is not None


def test_only_proposals_in_text_no_claim_covers_are_kept() -> None:
    start = NEW.index("A new")
    fresh = ProposedClaim(start, len(NEW), NEW[start:], "new", 0.9)
    covered = ProposedClaim(0, 34, NEW[:34], "walking", 0.9)
    plan = plan_new_version(OLD, NEW, [claim(1, "Walking cut blood pressure by 12%.")],
                            [fresh, covered])  # fmt: skip
    assert plan.proposals == (fresh,)


def test_an_orphaned_claim_is_never_placed_by_its_old_offsets() -> None:
    """Walked with a corrected article: a claim orphaned by the first correction (its
    sentence on colorectal cancer was cut) kept the offsets of the text before it, as
    an orphan does. The second correction changed a number elsewhere, and those old
    offsets were read as offsets into the current text: the claim came back "exact" as
    'he task force said the evidence on cancer was "too uncertain" ...\\n\\nRoughly 29',
    mid-word and across a paragraph, with a label made from it. An orphan stays one
    unless its own words are in the new text, once; then it is placed there."""
    v1 = "Walking cut blood pressure by 12%. Tea is older than coffee. The panel agreed."
    v2 = "Walking cut blood pressure by 12%. The panel agreed."
    v3 = "Walking cut blood pressure by 15%. The panel agreed."
    start = v1.index("Tea")
    orphan = replace(
        claim(3, "Tea is older than coffee."), start=start, end=start + 25, anchor=Anchor.ORPHANED
    )
    assert v1[orphan.start : orphan.end] == orphan.text
    plan = plan_new_version(v2, v3, [orphan])
    (move,) = plan.moves
    assert move.anchor == Anchor.ORPHANED and not move.words_changed, move
    # Its words back in a later version: placed where they are, unchanged.
    v4 = "Walking cut blood pressure by 15%. The panel agreed. Tea is older than coffee."
    (back,) = plan_new_version(v3, v4, [orphan]).moves
    assert (back.anchor, back.text, back.words_changed) == (
        Anchor.MOVED, "Tea is older than coffee.", False)  # fmt: skip
    assert v4[back.start : back.end] == back.text
    # Twice in the text: which one is meant cannot be told; it stays an orphan.
    v5 = v4 + " Tea is older than coffee."
    assert plan_new_version(v4, v5, [orphan]).moves[0].anchor == Anchor.ORPHANED
