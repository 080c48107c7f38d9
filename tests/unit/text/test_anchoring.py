"""Re-anchoring claim spans from one version of an article's text to the next."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.model import Anchor
from annotator.text.anchoring import reanchor

OLD = (
    "MDMA therapy shows promise\n"
    "Early trials show remission of symptoms in patients for whom other treatments failed.\n"
    "Brain imaging shows MDMA increases prefrontal cortex activation.\n"
    "MDMA triggers the release of oxytocin. Oxytocin promotes bonding.\n"
    "According to the data, MDMA cuts PTSD symptoms by over 50% at 6 months.\n"
    "Photo credit: Someone\n"
)
CLAIMS = [
    "Early trials show remission of symptoms in patients for whom other treatments failed.",
    "Brain imaging shows MDMA increases prefrontal cortex activation.",
    "MDMA triggers the release of oxytocin.",
    "According to the data, MDMA cuts PTSD symptoms by over 50% at 6 months.",
]


def spans(text: str = OLD) -> list[tuple[int, int]]:
    return [(text.index(c), text.index(c) + len(c)) for c in CLAIMS]


def anchors(new: str) -> list[tuple[Anchor, str]]:
    return [(r.anchor, new[r.start : r.end]) for r in reanchor(OLD, new, spans())]


def test_same_text_is_exact_everywhere() -> None:
    result = reanchor(OLD, OLD, spans())
    assert [(r.start, r.end) for r in result] == spans()
    assert {r.anchor for r in result} == {Anchor.EXACT}


def test_inserted_paragraph_shifts_spans_exactly() -> None:
    new = OLD.replace("Brain imaging", "An inserted paragraph, with its own words.\nBrain imaging")
    assert anchors(new) == [(Anchor.EXACT, c) for c in CLAIMS]


def test_reworded_sentence_is_found_fuzzily_and_the_rest_exactly() -> None:
    new = OLD.replace(
        "MDMA cuts PTSD symptoms by over 50%", "MDMA cut PTSD symptoms by well over 50%"
    )
    result = anchors(new)
    assert result[:3] == [(Anchor.EXACT, c) for c in CLAIMS[:3]]
    assert result[3] == (
        Anchor.FUZZY,
        "According to the data, MDMA cut PTSD symptoms by well over 50% at 6 months.",
    )


def test_deleted_sentence_is_orphaned_and_keeps_its_old_span() -> None:
    new = OLD.replace("MDMA triggers the release of oxytocin. ", "")
    result = reanchor(OLD, new, spans())
    assert result[2].anchor == Anchor.ORPHANED
    assert (result[2].start, result[2].end) == spans()[2]
    assert [r.anchor for r in result if r is not result[2]] == [Anchor.EXACT] * 3


def test_moved_paragraph_is_found_by_its_words() -> None:
    lines = OLD.splitlines(keepends=True)
    new = lines[0] + lines[4] + lines[1] + lines[2] + lines[3] + lines[5]
    result = anchors(new)
    assert [text for _a, text in result] == CLAIMS
    assert {a for a, _t in result} <= {Anchor.EXACT, Anchor.MOVED}
    assert Anchor.MOVED in {a for a, _t in result}


def test_a_repeated_sentence_without_telling_context_is_ambiguous() -> None:
    old = "Intro.\nMDMA triggers the release of oxytocin.\nOutro.\n"
    filler = "\nThe same boilerplate paragraph, long enough to fill the whole context.\n"
    copy = "MDMA triggers the release of oxytocin."
    new = filler + copy + filler + copy + filler
    s = old.index("MDMA")
    (result,) = reanchor(old, new, [(s, s + 38)])
    assert result.anchor == Anchor.AMBIGUOUS
    assert new[result.start : result.end] == old[s : s + 38]


def test_a_repeated_sentence_keeps_the_place_with_its_old_context() -> None:
    old = "Intro.\nAlpha beta gamma. MDMA triggers the release of oxytocin.\nOutro.\n"
    new = (
        "Changed intro here.\nMDMA triggers the release of oxytocin.\n"
        "Alpha beta gamma. MDMA triggers the release of oxytocin.\nOutro changed.\n"
    )
    s = old.index("MDMA")
    (result,) = reanchor(old, new, [(s, s + 38)])
    assert result.anchor == Anchor.EXACT
    assert new[result.start - 18 : result.start] == "Alpha beta gamma. "


def test_reanchoring_twice_is_idempotent() -> None:
    new = OLD.replace("Brain imaging", "Inserted.\nBrain imaging").replace("over 50%", "over 50 %")
    first = reanchor(OLD, new, spans())
    again = reanchor(new, new, [(r.start, r.end) for r in first])
    assert [(r.start, r.end) for r in again] == [(r.start, r.end) for r in first]
    assert {r.anchor for r in again} == {Anchor.EXACT}


def test_two_claims_never_land_on_one_fuzzy_place() -> None:
    old = "A: the drug cut symptoms by half.\nB: the drug cut symptoms by a half.\n"
    new = "C: the drug cut the symptoms by half!\n"
    s = [(0, 34), (35, 70)]
    result = reanchor(old, new, s)
    placed = [(r.start, r.end) for r in result if r.anchor != Anchor.ORPHANED]
    assert len(placed) == len(set(placed))


_words = st.text(alphabet="abcdefgh ", min_size=1, max_size=40)


@given(before=_words, after=_words)
@settings(max_examples=80, deadline=None)
def test_edits_outside_claims_keep_every_claim_word_for_word(before: str, after: str) -> None:
    new = before + "\n" + OLD + after
    for r, (s, e) in zip(reanchor(OLD, new, spans()), spans(), strict=True):
        assert new[r.start : r.end] == OLD[s:e]
        assert r.anchor in (Anchor.EXACT, Anchor.MOVED)


def test_a_changed_first_or_last_word_stays_in_the_claim() -> None:
    """The correction "Nine patients" -> "Eleven patients" re-anchored the claim as
    "patients have been hospitalized, ...": dropping a changed edge word scored a hair
    above replacing it, so the claim lost the very number that changed (and its label
    kept the old one)."""
    before = "The district said so. "
    claim = "Nine patients have been hospitalized, including four children under five."
    after = " Officials spoke on Thursday.\n"
    old = before + claim + after
    span = [(len(before), len(before) + len(claim))]
    for new_claim in (
        "Eleven patients have been hospitalized, including four children under five.",
        "Nine patients have been hospitalized, including four children under seven.",
        "Twelve patients have been hospitalized, including six children under five.",
    ):
        new = before + new_claim + after
        (found,) = reanchor(old, new, span)
        assert found.anchor == Anchor.FUZZY
        assert new[found.start : found.end] == new_claim
        # With a claim on each side that stays as it was (their text is masked while
        # the changed one is looked for): the edges are the text's, not the mask's.
        both = [(0, len(before) - 1), *span, (len(old) - len(after) + 1, len(old) - 1)]
        first, middle, last = reanchor(old, new, both)
        assert (first.anchor, last.anchor) == (Anchor.EXACT, Anchor.EXACT)
        assert new[middle.start : middle.end] == new_claim
