"""A text read in chunks (``app.segmenting``) gives what one pass gives: the same units,
the same claims, the same JSON lines, on any number of processes."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.app import segmenting
from annotator.app.segmenting import (
    chunk_bounds,
    chunk_lines,
    claims_in,
    map_chunks,
    segment_lines,
    units_in,
)
from annotator.errors import AnnotatorError
from annotator.text.proposer import propose_claims
from annotator.text.sentences import units
from tests.eval_texts import tuned_eval_paths
from tests.unit.text.sentence_cases import CASES

# Paragraphs whose reading depends on what stands around them: a code fence with blank
# lines in it, a sign-up footer, a footnote number at a paragraph's end before a capital,
# setext headings, lists and bullets, fields, a speaker, a quotation, datelines.
TRICKY = [
    "```\nprint('x')\n\nNot a sentence. Still code.\n\n# not a heading\n```",
    "~~~\n\n~~~",
    "   ```python\nx = 1\n\n\ny = 2. Z = 3.\n   ```",
    "Sign up for our newsletter\nShort line after it\nAnother one",
    "The records, which the agency kept for many years in a locked room, were protected. 4",
    "The files that the agency kept for decades in a locked room were protected, it said. 12",
    "The effect on the 200 patients in the trial was first reported by Smith et al. 4",
    "Even though the trial was small, 40 patients improved.",
    "Title of a part\n=====",
    "A heading\n---",
    "---",
    "***",
    "- item one\n  continued here\n- item two with 5 people",
    "1. First point made.\n2. Second point, 30% higher.",
    "• 9. The first item • 10. The second item",
    "•\n12. Add the water",
    "1.) The first item 2.) The second item",
    "a. first thing b. second thing",
    "> quoted line with 3 deaths\n> more of the quotation.",
    "| a | b |\n| 1 | 2 |",
    "By Jane Doe",
    "Aug 24, 2023",
    "Photo credit: Someone",
    "Phone: 814.863.1874 Fax: 814.863.6874 http://www.clubs.psu.edu",
    "George Chriss: Student-based class descriptions are good. Yes they are.",
    'He wrote, "We came. We saw." Then 12 people left.',
    "Unemployment rate falls to 6.3%",
    "Mass: 10 times the mass of Jupiter",
    "Figure 1.5 Residents of Boxborough gather in 2019.",
    "compounds. . . . The practice spread to 12 states.",
    "stores. [2] Sales rose 4% in May.",
    "   ",
    "lower-case start of a line that runs on",
    "Respectfully, George Chriss",
    "Michiel Cock m.p.cock@vu.nl Vrije Universiteit Lotte Wilms lotte.wilms@kb.nl KB",
]
REAL = [p for f in tuned_eval_paths() for p in f.read_text("utf-8").split("\n\n")]
REAL += [text for _, text, _ in CASES]
SEPARATORS = ["\n\n", "\n\n\n", "\n \n\n", "\n\n  ", "\n\n\t\n\n", "\n"]


@st.composite
def documents(draw: st.DrawFn) -> str:
    paragraphs = draw(
        st.lists(st.sampled_from(TRICKY) | st.sampled_from(REAL), min_size=1, max_size=24)
    )
    text = paragraphs[0]
    for paragraph in paragraphs[1:]:
        text += draw(st.sampled_from(SEPARATORS)) + paragraph
    return text + draw(st.sampled_from(["", "\n", "\n\n", "\n\n  \n"]))


def read_in_chunks(
    text: str, size: int, include_all: bool, share: int = 0
) -> tuple[list[object], list[object]]:
    bounds = chunk_bounds(text, size, share=share)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    found_units = [u for s, e in bounds for u in units_in(text, s, e)]
    found_claims = [c for s, e in bounds for c in claims_in(text, s, e, include_all=include_all)]
    return found_units, found_claims


@settings(max_examples=250, deadline=None)
@given(
    documents(),
    st.integers(min_value=1, max_value=4000),
    st.booleans(),
    st.integers(min_value=0, max_value=8),
)
def test_chunks_read_alone_give_what_one_pass_gives(
    text: str, size: int, include_all: bool, share: int
) -> None:
    found_units, found_claims = read_in_chunks(text, size, include_all, share)
    assert found_units == units(text)
    assert found_claims == propose_claims(text, include_all=include_all)
    # And the lines each chunk writes, its offsets shifted back.
    bounds = chunk_bounds(text, size, share=share)
    for sentences in (False, True):
        options = {"sentences": sentences, "threshold": 0.35, "include_all": include_all}
        pieces = [chunk_lines(text, start, end, **options) for start, end in bounds]
        assert "\n".join(p for p in pieces if p) == chunk_lines(text, 0, len(text), **options)


def test_every_kind_of_paragraph_stands_at_a_cut() -> None:
    # Each tricky paragraph right before and right after a break that is cut.
    for paragraph in TRICKY:
        text = f"Officials said 12 people died.\n\n{paragraph}\n\nThe Even 5 rose.\n\n{paragraph}"
        for size in range(1, len(text), 3):
            found_units, found_claims = read_in_chunks(text, size, include_all=True)
            assert found_units == units(text), (paragraph, size)
            assert found_claims == propose_claims(text, include_all=True), (paragraph, size)


def test_chunks_shrink_toward_the_end_of_the_text() -> None:
    text = "\n\n".join(REAL)
    sizes = [end - start for start, end in chunk_bounds(text, 2_000, share=4)]
    # Each at least a quarter of what is left from its start (a cut comes at the first
    # break after that), and at least 2,000 code points but the last.
    assert sizes[0] >= len(text) // 4 and len(sizes) > 8
    assert min(sizes[:-1]) >= 2_000 and max(sizes[-4:]) < sizes[0] // 4


def test_lines_in_utf8_are_the_lines_encoded() -> None:
    text = "\n\n".join(REAL)
    assert "é" in text
    for sentences, include_all in ((False, False), (False, True), (True, False)):
        lines = segment_lines(text, sentences=sentences, include_all=include_all, jobs=1)
        assert lines.count("\n") > 100
        for jobs in (1, 2):
            encoded = segmenting.segment_utf8(
                text, sentences=sentences, include_all=include_all, jobs=jobs
            )
            assert encoded == lines.encode("utf-8")
    assert segmenting.segment_utf8("   \n\n", jobs=2) == b""


def test_no_cut_inside_a_code_fence_or_before_the_title() -> None:
    fence = "```\n\n" + "code line\n\n" * 50 + "```"
    text = f"Intro sentence here.\n\n{fence}\n\nAfter the fence.\n\nLast one."
    starts = [s for s, _ in chunk_bounds(text, 1)]
    inside = range(text.index("```") + 1, text.rindex("```") + 3)
    assert len(starts) > 2 and not any(s in inside for s in starts)
    # The first chunk holds the title: here the first heading after boilerplate lines.
    boiler = "\n\n".join(["Photo credit: Someone", "By Jane Doe", "Aug 24, 2023"] * 3)
    text = f"{boiler}\n\nOfficials Approve New Budget\n\nThe budget rose 5% to $2 billion."
    first_end = chunk_bounds(text, 1)[0][1]
    assert first_end > text.index("Officials")
    found_claims = [c for s, e in chunk_bounds(text, 1) for c in claims_in(text, s, e)]
    assert found_claims == propose_claims(text)
    assert "headline" in found_claims[0].reasons


def test_a_text_without_blank_lines_is_one_chunk() -> None:
    text = "One paragraph a line.\nAnother paragraph here.\nAnd a third."
    assert chunk_bounds(text, 1) == [(0, len(text))]


def test_workers_get_bounds_and_answer_in_order() -> None:
    text = "abcdefghij"
    bounds = [(0, 3), (3, 4), (4, 9), (9, 10)]
    assert map_chunks(lambda t, s, e: t[s:e].upper(), text, bounds, 2) == ["ABC", "D", "EFGHI", "J"]


def test_many_chunks_and_long_pieces_come_back_whole_and_in_order() -> None:
    # More chunk numbers than one write to the task pipe holds, and pieces far longer
    # than a pipe's buffer, from two workers writing at once.
    text = "abcdefghij" * 300
    bounds = [(i, i + 1) for i in range(len(text))]
    assert map_chunks(lambda t, s, e: t[s:e], text, bounds, 2) == list(text)
    long = map_chunks(lambda t, s, e: t[s:e].encode() * 200_000, text, bounds[:6], 2)
    assert long == [c.encode() * 200_000 for c in text[:6]]


def test_an_error_that_cannot_be_sent_is_still_raised() -> None:
    class Unpicklable(Exception):
        def __reduce__(self) -> tuple[object, ...]:
            raise TypeError("not sent")

    def fails(text: str, start: int, end: int) -> str:
        raise Unpicklable("a chunk failed")

    with pytest.raises(RuntimeError, match="a chunk failed"):
        map_chunks(fails, "abc", [(0, 1), (1, 3)], 2)
    # A piece pickle refuses is an error too, never a piece.
    with pytest.raises(RuntimeError, match="a chunk's lines"):
        map_chunks(lambda t, s, e: lambda: None, "abc", [(0, 1), (1, 3)], 2)


def test_a_worker_that_dies_is_one_clear_error() -> None:
    def dies(text: str, start: int, end: int) -> str:
        os._exit(3)  # as the kernel's out-of-memory killer would end it

    with pytest.raises(AnnotatorError, match="worker process stopped.*--jobs 1"):
        map_chunks(dies, "abc", [(0, 1), (1, 3)], 2)


def test_a_stopped_run_ends_its_workers_at_once(tmp_path: Path) -> None:
    # A chunk that fails (or Ctrl-C) stops the run: the other workers are ended, not
    # waited for (one would read for an hour here).
    pid_file = tmp_path / "pid"

    def work(text: str, start: int, end: int) -> str:
        if start:
            pid_file.write_text(str(os.getpid()))
            time.sleep(3600)
        while not pid_file.exists():
            time.sleep(0.01)
        raise ValueError("a chunk failed")

    with pytest.raises(ValueError, match="a chunk failed"):
        map_chunks(work, "abc", [(0, 1), (1, 3)], 2)
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)


def test_long_texts_use_every_core_and_short_ones_one(monkeypatch: pytest.MonkeyPatch) -> None:
    assert segmenting.default_jobs(segmenting.PARALLEL_FROM - 1) == 1
    assert segmenting.default_jobs(segmenting.PARALLEL_FROM) >= 1
    monkeypatch.setattr(segmenting.os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    assert segmenting.default_jobs(segmenting.PARALLEL_FROM) == 3


def test_without_fork_one_process_reads_it_all(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object) -> list[str]:
        raise AssertionError("no workers where fork is unsafe")

    monkeypatch.setattr(segmenting, "map_chunks", no_pool)
    monkeypatch.setattr(segmenting.sys, "platform", "darwin")
    text = "\n\n".join(REAL[:40])
    assert segment_lines(text, jobs=4) == segment_lines(text, jobs=1) != ""


def test_a_breadcrumb_over_the_title_does_not_move_the_title_between_chunks() -> None:
    # A lower-case line with no stop is a breadcrumb, not the title: the first chunk
    # must reach past the sentence that is the title, or a later chunk reads it without
    # its "headline" weight (found by hypothesis).
    text = (
        "lower-case start of a line that runs on\n\nThe records, which the agency kept"
        " for many years in a locked room, were protected. 4"
    )
    for include_all in (False, True):
        found_units, found_claims = read_in_chunks(text, 1, include_all, 0)
        assert found_units == units(text)
        assert found_claims == propose_claims(text, include_all=include_all)
        [title] = [claim for claim in found_claims if claim.start == text.index("The")]
        assert "headline" in title.reasons
