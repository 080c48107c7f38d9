"""Keyboard span making: find words, grow and shrink by word and sentence."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.app.claim_filter import parse_filter
from annotator.model import Claim, ClaimStatus, Origin
from annotator.text import spans

TEXT = (
    "MDMA helped some. Over 50% of patients improved at 6 months, and most kept it.\n\n"
    "A new paragraph\nwraps here. Last one!"
)


def _show(span: tuple[int, int] | None) -> str:
    assert span is not None
    return TEXT[span[0] : span[1]]


def test_find_phrase_matches_words_across_line_breaks_and_case() -> None:
    assert _show(spans.find_phrase(TEXT, "over 50")) == "Over 50%"
    assert _show(spans.find_phrase(TEXT, "paragraph WRAPS")) == "paragraph\nwraps"
    assert spans.find_phrase(TEXT, "absent words") is None
    assert spans.find_phrase(TEXT, "   ") is None


def test_find_phrase_prefers_a_match_after_the_cursor_then_wraps() -> None:
    first = spans.find_phrase(TEXT, "MDMA")
    assert first == (0, 4)
    assert spans.find_phrase(TEXT, "MDMA", after=10) == (0, 4)
    later = spans.find_phrase(TEXT, "one", after=0)
    assert later is not None and _show(later) == "one!"


def test_grow_and_shrink_by_word_and_sentence() -> None:
    span = spans.find_phrase(TEXT, "over 50")
    assert span is not None
    assert _show(spans.grow_end(TEXT, span)) == "Over 50% of"
    whole = spans.grow_end(TEXT, span, "sentence")
    assert _show(whole) == "Over 50% of patients improved at 6 months, and most kept it."
    assert (
        _show(spans.shrink_end(TEXT, whole))
        == "Over 50% of patients improved at 6 months, and most kept"
    )
    assert _show(spans.grow_start(TEXT, whole)) == "some. " + _show(whole)
    assert _show(spans.grow_start(TEXT, whole, "sentence")).startswith("MDMA helped some.")
    assert _show(spans.shrink_start(TEXT, whole)).startswith("50% of")
    # Never empty: shrinking a one-word span leaves it as it is.
    one = (0, 4)
    assert spans.shrink_end(TEXT, one) == one
    assert spans.shrink_start(TEXT, one) == one


def test_split_points_and_a_natural_default() -> None:
    start = TEXT.index("Over")
    end = TEXT.index("it.") + 3
    at = spans.default_split(TEXT, start, end)
    assert at is not None and TEXT[at:].startswith("and most")
    assert all(start < p < end for p in spans.split_points(TEXT, start, end))
    assert spans.default_split(TEXT, 0, 4) is None


@given(st.text(alphabet="ab .!\n", max_size=60), st.integers(0, 60), st.integers(0, 4))
def test_resizing_keeps_spans_on_words_and_non_empty(text: str, at: int, moves: int) -> None:
    words = spans.words(text)
    if not words:
        return
    span = words[min(at, len(words) - 1)]
    for i in range(moves + 4):
        fn = [spans.grow_end, spans.shrink_end, spans.grow_start, spans.shrink_start][i % 4]
        span = fn(text, span, "sentence" if i % 3 == 0 else "word")
        assert 0 <= span[0] < span[1] <= len(text)
        assert text[span[0] : span[1]] == text[span[0] : span[1]].strip()


def _claim(status: ClaimStatus = ClaimStatus.PROPOSED, claim_id: int = 1) -> Claim:
    return Claim(claim_id, 1, 0, 4, "MDMA", "MDMA", 0.5, (), status, Origin.AUTO)


def test_claim_filter_terms() -> None:
    query = parse_filter("oxytocin is:ungraded verdict:contra is:bogus")
    assert query.words == "oxytocin is:bogus"
    assert query.statuses == {"ungraded"}
    assert query.verdicts == ("contra",)
    assert parse_filter("").empty
    graded = parse_filter("is:graded")
    assert graded.matches(_claim(), "mixed", None)
    assert not graded.matches(_claim(), "", None)
    assert not graded.matches(_claim(ClaimStatus.DISMISSED), "mixed", None)
    assert parse_filter("is:dismissed").matches(_claim(ClaimStatus.DISMISSED), "", None)
    by_verdict = parse_filter("verdict:contra")
    assert by_verdict.matches(_claim(), "contradicted", None)
    assert not by_verdict.matches(_claim(), "", None)
    assert not parse_filter("words").matches(_claim(), "", set())
    assert parse_filter("words").matches(_claim(), "", {1})


@given(
    st.text(alphabet=st.sampled_from("ab cd\n\n#漢é"), max_size=200),
    st.integers(4, 40),
)
def test_wrapped_lines_cover_the_text_once_and_fit(text: str, width: int) -> None:
    from rich.cells import cell_len

    from annotator.tui.widgets.article_layout import paragraph_spans, wrap

    flowed = text.replace("\n", " ")
    lines = [line for line in wrap(flowed, paragraph_spans(text), width, gap=True) if not line.gap]
    covered = "".join(flowed[line.start : line.end] for line in lines)
    assert covered.replace(" ", "") == "".join(
        flowed[s:e] for s, e in paragraph_spans(text)
    ).replace(" ", "")
    assert all(cell_len(flowed[line.start : line.end]) <= width for line in lines)
    assert all(a.end <= b.start for a, b in zip(lines, lines[1:], strict=False))
