"""Planning a new version: where claims go is decided without a database."""

from __future__ import annotations

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
