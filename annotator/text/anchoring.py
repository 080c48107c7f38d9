"""Re-anchoring: carry claim spans from one version of an article's text to the next.

Each span is tried in turn by:

1. the diff of the two texts (``difflib.SequenceMatcher`` over word and space tokens):
   a span inside unchanged text maps straight across -> ``exact``;
2. its exact words, found again elsewhere: one place, or one place whose surrounding
   text and position are clearly best -> ``moved``; several equally good -> ``ambiguous``
   (the one nearest its old place is taken);
3. a fuzzy search (rapidfuzz) for the best window of similar words -> ``fuzzy`` (its
   words changed, so its grade must be checked again);
4. else ``orphaned``: the span and words are kept as they were, to be listed.

Pure functions over strings and offsets.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from annotator.model import Anchor

# A window of the new text at least this similar (fuzz.ratio, 0-100) is the claim, reworded.
FUZZY_CUTOFF = 70.0
# How many characters either side make a span's context.
CONTEXT = 60
# A best place must beat the next by this much (context score, 0-200) to be "moved".
CONTEXT_MARGIN = 15.0
# Fuzzy windows this close in score (0-100) to the best one make it ambiguous.
FUZZY_TIE = 2.0
# A window whose edge sits where the claim's did (after the same two characters: ". ",
# a line start; before the same ones) gets this much on top of its ratio when windows
# are compared. The indel ratio scores dropping a changed edge word a hair above
# replacing it ("Nine patients ..." -> "patients ..." beats "Eleven patients ..."),
# which cut the very number a correction changed out of the claim.
EDGE_BONUS = 2.0
EDGE = 2

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class Anchored:
    """Where a span of the old text is in the new text, and how it was found."""

    start: int
    end: int
    anchor: Anchor
    score: float  # 100 for exact words; the fuzzy ratio otherwise; 0 when orphaned

    @property
    def words_changed(self) -> bool:
        return self.anchor == Anchor.FUZZY


class TextDiff:
    """Diff of two texts as the runs of characters they share, old offset -> new offset.

    Lines are diffed first (fast, and most edits are whole paragraphs); lines that
    changed are diffed again as word and space tokens, so a reworded sentence keeps
    its unchanged words.
    """

    def __init__(self, old: str, new: str) -> None:
        self.runs: list[tuple[int, int, int]] = []  # (old start, new start, length)
        a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
        a_at, b_at = _offsets(a), _offsets(b)
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if tag == "equal":
                self.runs.append((a_at[i1], b_at[j1], a_at[i2] - a_at[i1]))
            elif tag == "replace":
                self._tokens(old[a_at[i1] : a_at[i2]], new[b_at[j1] : b_at[j2]], a_at[i1], b_at[j1])
        self._starts = [r[0] for r in self.runs]

    def _tokens(self, old: str, new: str, old_base: int, new_base: int) -> None:
        a, b = _TOKEN.findall(old), _TOKEN.findall(new)
        a_at, b_at = _offsets(a), _offsets(b)
        for tag, i1, i2, j1, _j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if tag == "equal":
                self.runs.append((old_base + a_at[i1], new_base + b_at[j1], a_at[i2] - a_at[i1]))

    def _run_before(self, pos: int) -> tuple[int, int, int] | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        return self.runs[i] if i >= 0 else None

    def map_exact(self, pos: int) -> int | None:
        """The new offset of old offset ``pos`` when its character is unchanged, else None."""
        run = self._run_before(pos)
        if run is None or pos >= run[0] + run[2]:
            return None
        return run[1] + pos - run[0]

    def map_near(self, pos: int) -> int:
        """The new offset closest to where old offset ``pos`` went, changed or not."""
        run = self._run_before(pos)
        if run is None:
            return 0
        return run[1] + min(pos - run[0], run[2])


def _offsets(parts: list[str]) -> list[int]:
    """Start offset of each part, plus the end."""
    at = [0]
    for part in parts:
        at.append(at[-1] + len(part))
    return at


def _occurrences(text: str, needle: str) -> list[int]:
    found, at = [], text.find(needle)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _context_score(old: str, s: int, e: int, new: str, ns: int, ne: int) -> float:
    before = fuzz.ratio(old[max(0, s - CONTEXT) : s], new[max(0, ns - CONTEXT) : ns])
    after = fuzz.ratio(old[e : e + CONTEXT], new[ne : ne + CONTEXT])
    return float(before + after)


def _word_bounds(text: str, start: int, end: int) -> list[int]:
    """Offsets in [start, end] where a word starts or ends."""
    bounds = {start, end}
    for m in re.finditer(r"\w+|\S+", text[start:end]):
        bounds.add(start + m.start())
        bounds.add(start + m.end())
    return sorted(bounds)


def _fuzzy_find(
    quote: str,
    new: str,
    expected: int,
    edges: tuple[str, str] = ("", ""),
    around: str | None = None,
) -> tuple[int, int, float, bool] | None:
    """Best window of ``new`` for the reworded ``quote``: (start, end, score, tied).

    ``edges``: the characters just before and after the quote in its old text; a window
    with the same ones around it in ``around`` (the new text itself, where ``new`` has
    the spans already placed masked out) is preferred (``EDGE_BONUS``)."""
    around = new if around is None else around
    if not quote.strip() or not new.strip():
        return None
    hit = fuzz.partial_ratio_alignment(quote, new)
    if hit is None or hit.score < FUZZY_CUTOFF - 15:
        return None
    # Refine the window's ends to word bounds that make the best full-length match.
    slack = max(10, len(quote) // 3)
    lo = max(0, hit.dest_start - slack)
    hi = min(len(new), hit.dest_end + slack)
    bounds = _word_bounds(new, lo, hi)
    starts = [b for b in bounds if b <= hit.dest_start + slack and new[b : b + 1].strip()]
    ends = [b for b in bounds if b >= hit.dest_end - slack and new[b - 1 : b].strip()]
    before, after = edges
    best: tuple[float, float, int, int] | None = None
    for s in starts:
        for e in ends:
            if e <= s:
                continue
            score = fuzz.ratio(quote, new[s:e])
            ranked = score
            if before and around[max(0, s - len(before)) : s] == before:
                ranked += EDGE_BONUS
            if after and around[e : e + len(after)] == after:
                ranked += EDGE_BONUS
            if best is None or ranked > best[0]:
                best = (ranked, score, s, e)
    if best is None or best[1] < FUZZY_CUTOFF:
        return None
    _ranked, score, s, e = best
    # Another window as good elsewhere makes the place uncertain.
    masked = new[:s] + "\x00" * (e - s) + new[e:]
    other = fuzz.partial_ratio_alignment(quote, masked)
    tied = (
        other is not None
        and other.score >= hit.score - FUZZY_TIE
        and (abs(other.dest_start - expected) < abs(s - expected) or other.score >= hit.score)
    )
    return s, e, float(score), tied


def reanchor(
    old: str, new: str, spans: Sequence[tuple[int, int]], *, diff: TextDiff | None = None
) -> list[Anchored]:
    """Find each ``[start, end)`` span of ``old`` in ``new``; one result per span, in order."""
    diff = diff or TextDiff(old, new)
    results: list[Anchored | None] = [None] * len(spans)
    taken: list[tuple[int, int]] = []
    # Pass 1: straight through the diff, or by the exact words.
    for i, (s, e) in enumerate(spans):
        quote = old[s:e]
        places = _occurrences(new, quote)
        ms, me = diff.map_exact(s), diff.map_exact(e - 1)
        if ms is not None and me is not None and new[ms : me + 1] == quote:
            # The diff's place, unless the same words elsewhere fit their old context as well.
            rivals = [_context_score(old, s, e, new, p, p + len(quote)) for p in places if p != ms]
            mine = _context_score(old, s, e, new, ms, me + 1)
            clear = not rivals or mine - max(rivals) >= CONTEXT_MARGIN
            results[i] = Anchored(ms, me + 1, Anchor.EXACT if clear else Anchor.AMBIGUOUS, 100.0)
            taken.append((ms, me + 1))
            continue
        if not places:
            continue
        expected = diff.map_near(s)
        ranked = sorted(
            places,
            key=lambda p: (
                -_context_score(old, s, e, new, p, p + len(quote)),
                abs(p - expected),
            ),
        )
        scores = [_context_score(old, s, e, new, p, p + len(quote)) for p in ranked[:2]]
        clear = len(ranked) == 1 or scores[0] - scores[1] >= CONTEXT_MARGIN
        at = ranked[0] if clear else min(places, key=lambda p: abs(p - expected))
        anchor = Anchor.MOVED if clear else Anchor.AMBIGUOUS
        results[i] = Anchored(at, at + len(quote), anchor, 100.0)
        taken.append((at, at + len(quote)))
    # Pass 2: fuzzy, in text that the spans already placed do not cover.
    masked = list(new)
    for ts, te in taken:
        masked[ts:te] = "\x00" * (te - ts)
    free = "".join(masked)
    for i, (s, e) in enumerate(spans):
        if results[i] is not None:
            continue
        edges = (old[max(0, s - EDGE) : s], old[e : e + EDGE])
        found = _fuzzy_find(old[s:e], free, diff.map_near(s), edges, new)
        if found is None:
            results[i] = Anchored(s, e, Anchor.ORPHANED, 0.0)
            continue
        fs, fe, score, tied = found
        results[i] = Anchored(fs, fe, Anchor.AMBIGUOUS if tied else Anchor.FUZZY, score)
        free = free[:fs] + "\x00" * (fe - fs) + free[fe:]
    return [r for r in results if r is not None]


def map_offset(old: str, new: str, pos: int) -> int:
    """Where old offset ``pos`` is in ``new``, nearest guess (for sentence bounds)."""
    return TextDiff(old, new).map_near(pos)
