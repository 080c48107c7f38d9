"""``annotator segment``'s use case: a text's claims (or units) as JSON lines, a long
text read on several cores.

The text is cut into chunks at paragraph breaks; a worker process reads each chunk on
its own, its offsets are shifted back to the whole text's, and the chunks' lines are
joined in document order: byte for byte what one pass over the whole text writes.

Why a chunk can be read alone: what ``sentences.units`` and ``proposer.propose_claims``
carry past a blank line, and how each is kept here:

- A blank line ends every prose block, list item, heading run and sign-up footer: after
  one, the line reader is as it is at the start of a text. Cuts are made right after a
  "\\n\\n", so every unit lies in one chunk (units never hold a blank line).
- Except inside a code fence, whose blank lines are code: a cut is made only where an
  even number of fence lines stand before it.
- Whether the text was scraped from a web page (one paragraph a line, no blank line) is
  read from the whole text: never when it holds a "\\n\\n", as a text with a cut does;
  every chunk is read with one in it (its lead line's, or the break after it).
- The first heading or sentence of the text is its title, scored as one: the first chunk
  reaches past it, and every later chunk is read after a lead line that takes the
  title's place (``_LEAD``, whose units are left out).
- A footnote number after a paragraph's last stop reads the white space and the first
  word after the paragraph ("protected. 4", a blank line, "Even ..."); other patterns
  look at most at the line end before a paragraph. A chunk is read up to the end of the
  first line after it (what is found there is the next chunk's), and what stands before
  a chunk's start is a "\\n\\n" whether it is read alone or not.

Workers are forked, so each reads the text its parent holds (copy on write) and only a
chunk's bounds go to it; where fork is not safe or not there, one process reads it all.
"""

from __future__ import annotations

import os
import re
import signal
import struct
import sys
from bisect import bisect_left
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import replace
from functools import partial
from typing import Any, NoReturn, TypeVar

from annotator.errors import AnnotatorError
from annotator.export.json_text import json_lines
from annotator.model import ProposedClaim
from annotator.text import proposer
from annotator.text.sentences import Unit, units

PARALLEL_FROM = 1_000_000
"""Texts of this many code points or more are read on every core unless told otherwise.
Starting two workers costs 10-20 ms and they spend about 6 % more CPU time than one
process (each warms its own caches); below a million characters one process takes
under a second, and on a machine whose cores are busy with other work, the workers
would only add that CPU time."""

SHARE_PER_JOB = 2
"""A chunk is the unread text's share of ``SHARE_PER_JOB`` times the workers: big chunks
first, smaller ones toward the end. A worker takes the next chunk when it is done with
one, so when some paragraphs cost more, or another program slows one core, the others
take more chunks, and the last ones are small: no core is left with a long chunk while
the other waits (equal chunks of an eighth each left one core a chunk's time, 0.4 s on
5 MB, idle at the end)."""

LEAST_CHUNK = 16_000
"""The smallest chunk (code points) but the text's last: about 12 ms of reading, where
handing a chunk to a worker and its lines back costs well under a millisecond. The
last chunks are this small, so that when one worker has none left, the other is at
most that long from its end (with 64,000 a worker waited 20-50 ms, a half to a whole
chunk, at the end of a 5 MB text)."""

# The lead line every chunk but the first is read after: a heading that is no claim, in
# the title's place. "\n\n" after it, as before every chunk.
_LEAD = "Contents\n\n"
# A fence line opens or closes a code block (as ``sentences.units`` reads one).
_FENCE_LINE = re.compile(r"^ {0,3}(?:```|~~~)", re.MULTILINE)
_NON_SPACE = re.compile(r"\S")

Piece = TypeVar("Piece", str, bytes)
Work = Callable[[str, int, int], Piece]  # a chunk's lines, from the text and its bounds


def segment_lines(
    text: str,
    *,
    sentences: bool = False,
    threshold: float = proposer.DEFAULT_THRESHOLD,
    include_all: bool = False,
    jobs: int | None = None,
) -> str:
    """The JSON lines ``annotator segment`` prints for ``text`` ("" for none, no final
    line end): each claim's ``ProposedClaim.to_dict``, or with ``sentences`` each unit's
    ``start``, ``end``, ``kind`` and ``text``.

    ``jobs`` processes read it (None: ``default_jobs``); the lines are the same for any.
    """
    work = partial(chunk_lines, sentences=sentences, threshold=threshold, include_all=include_all)
    return _segment(work, "\n", text, jobs)


def segment_utf8(
    text: str,
    *,
    sentences: bool = False,
    threshold: float = proposer.DEFAULT_THRESHOLD,
    include_all: bool = False,
    jobs: int | None = None,
) -> bytes:
    """``segment_lines`` in UTF-8, for writing out: each worker encodes its own chunk's
    lines, so the parent only joins bytes. (Lines sent back as text were encoded to be
    sent, decoded, joined and encoded again to be written: 35 ms of the parent's time
    for the 9.5 MB of a 5 MB text's claims, while the workers wait or compete for its
    core.)"""
    lines = partial(chunk_lines, sentences=sentences, threshold=threshold, include_all=include_all)
    return _segment(partial(_encoded, lines), b"\n", text, jobs)


def _encoded(lines: Work[str], text: str, start: int, end: int) -> bytes:
    return lines(text, start, end).encode("utf-8")


def _segment(work: Work[Piece], line_end: Piece, text: str, jobs: int | None) -> Piece:
    """``work`` over the whole text, or over its chunks on ``jobs`` processes (None:
    ``default_jobs``) with their pieces joined by ``line_end``."""
    workers = default_jobs(len(text)) if jobs is None else jobs
    if workers <= 1 or not can_fork():
        return work(text, 0, len(text))
    bounds = chunk_bounds(text, LEAST_CHUNK, share=workers * SHARE_PER_JOB)
    if len(bounds) == 1:
        return work(text, 0, len(text))
    return line_end.join(piece for piece in map_chunks(work, text, bounds, workers) if piece)


def default_jobs(size: int) -> int:
    """Worker processes for a text of ``size`` code points: every core this process may
    run on for a long text, else one."""
    if size < PARALLEL_FROM:
        return 1
    if hasattr(os, "sched_getaffinity"):  # the cores this process may use (a container's)
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether workers can be forked: on macOS a forked child may crash in the system's
    frameworks (Python no longer forks there by default); Windows has no fork."""
    return sys.platform != "darwin" and hasattr(os, "fork")


def chunk_lines(
    text: str, start: int, end: int, *, sentences: bool, threshold: float, include_all: bool
) -> str:
    """The JSON lines of the chunk ``[start, end)`` of ``text`` (a worker's task)."""
    if sentences:
        found_units, read, shift = _units_read(text, start, end)
        return json_lines(
            {
                "start": u.start - shift,
                "end": u.end - shift,
                "kind": u.kind,
                "text": read[u.start : u.end],
            }
            for u in found_units
        )
    read, shift = _reading(text, start, end)
    low, high = start + shift, end + shift
    # Rows straight from the proposer (no claims made), their offsets shifted: a new
    # claim for each took as long again as its row (0.36 s of CPU for the 118,000
    # claims of --all on 5 MB). Looked up at each call: a test stands in for it.
    rows = [
        row
        for row in proposer.claim_rows(read, threshold=threshold, include_all=include_all)
        if low <= row["sentence_start"] < high
    ]
    return json_lines(rows if not shift else (_shifted(row, shift) for row in rows))


def _shifted(row: dict[str, Any], shift: int) -> dict[str, Any]:
    row["start"] -= shift
    row["end"] -= shift
    row["sentence_start"] -= shift
    row["sentence_end"] -= shift
    return row


def chunk_bounds(text: str, size: int, *, share: int = 0) -> list[tuple[int, int]]:
    """``text`` cut into chunks ``[start, end)`` of at least ``size`` code points (the
    last may be shorter) at breaks where each can be read alone (see the module's
    docstring); one chunk when there is no such break. With ``share``, a chunk is also
    at least 1/``share`` of the text from its start on (chunks shrink toward ``size``)."""
    fences = [m.start() for m in _FENCE_LINE.finditer(text)] if _may_fence(text) else []
    starts = [0]
    if size < len(text):
        at = max(_least(text, 0, size, share), _after_title(text, fences))
        while at < len(text):
            cut = _next_cut(text, fences, at)
            if cut < 0:
                break
            starts.append(cut)
            at = cut + _least(text, cut, size, share)
    return list(zip(starts, [*starts[1:], len(text)], strict=True))


def _may_fence(text: str) -> bool:
    """Whether ``text`` has a "```" or a "~~~" (where a fence line may be): a character
    is looked for first, as a scan for one is a run of vector compares in C and one for
    three characters was not (4 ms each on 5 MB, before any worker could start)."""
    return ("`" in text and "```" in text) or ("~" in text and "~~~" in text)


def _least(text: str, start: int, size: int, share: int) -> int:
    """The least length of a chunk from ``start`` (see ``chunk_bounds``)."""
    return max(size, (len(text) - start) // share) if share > 0 else size


def _next_cut(text: str, fences: Sequence[int], at: int) -> int:
    """The first break at or after ``at`` where a chunk may start, or -1: right after a
    "\\n\\n" outside code fences, with more than white space after it."""
    gap = text.find("\n\n", max(at - 2, 0))
    while gap >= 0:
        cut = gap + 2
        closed = bisect_left(fences, cut)  # fence lines before the cut
        if closed % 2 == 0:
            return cut if _NON_SPACE.search(text, cut) is not None else -1
        if closed == len(fences):
            return -1  # a fence never closed: code to the end
        gap = text.find("\n\n", fences[closed])  # on after the fence that closes it
    return -1


def _after_title(text: str, fences: Sequence[int]) -> int:
    """Where the first chunk may end: after the start of the text's first heading or
    sentence (its title), found from the text's start without reading it all."""
    look = 1  # the first paragraph, then twice as far each time
    while True:
        cut = _next_cut(text, fences, look)
        if cut < 0:
            return len(text)
        for unit in units_in(text, 0, cut):
            if proposer.takes_title(text[unit.start : unit.end], unit.kind):
                return unit.start + 1
        look = 2 * cut


def _reading(text: str, start: int, end: int) -> tuple[str, int]:
    """The text the chunk ``[start, end)`` is read from, and how far its offsets lie
    past the whole text's: the chunk, and the first line after it for context; a later
    chunk after the lead line."""
    stop = len(text)
    if end < stop:
        after = _NON_SPACE.search(text, end)
        if after is not None:
            line_end = text.find("\n", after.start())
            stop = stop if line_end < 0 else line_end
    if start == 0:
        return text[:stop], 0
    return _LEAD + text[start:stop], len(_LEAD) - start


def units_in(text: str, start: int, end: int) -> list[Unit]:
    """The units of ``text`` that start in ``[start, end)`` (a chunk of ``chunk_bounds``),
    found from that chunk alone: ``units(text)`` restricted to it."""
    found, _, shift = _units_read(text, start, end)
    return [Unit(u.start - shift, u.end - shift, u.kind) for u in found] if shift else found


def _units_read(text: str, start: int, end: int) -> tuple[list[Unit], str, int]:
    """``units_in``'s units before their offsets are shifted back: with the text they
    index and how far they lie past ``text``'s."""
    read, shift = _reading(text, start, end)
    low, high = start + shift, end + shift
    return [u for u in units(read) if low <= u.start < high], read, shift


def claims_in(
    text: str,
    start: int,
    end: int,
    *,
    threshold: float = proposer.DEFAULT_THRESHOLD,
    include_all: bool = False,
) -> list[ProposedClaim]:
    """The claims of ``text`` whose sentence starts in ``[start, end)`` (a chunk of
    ``chunk_bounds``), found from that chunk alone: ``propose_claims(text)`` restricted
    to it."""
    found, shift = _claims_read(text, start, end, threshold=threshold, include_all=include_all)
    if not shift:
        return found
    return [
        replace(
            claim,
            start=claim.start - shift,
            end=claim.end - shift,
            sentence_start=claim.sentence_start - shift,
            sentence_end=claim.sentence_end - shift,
        )
        for claim in found
    ]


def _claims_read(
    text: str, start: int, end: int, *, threshold: float, include_all: bool
) -> tuple[list[ProposedClaim], int]:
    """``claims_in``'s claims before their offsets are shifted back, and how far they
    lie past ``text``'s."""
    read, shift = _reading(text, start, end)
    low, high = start + shift, end + shift
    # Looked up at each call: a test stands in for the proposer.
    found = [
        claim
        for claim in proposer.propose_claims(read, threshold=threshold, include_all=include_all)
        if low <= claim.sentence_start < high
    ]
    return found, shift


def map_chunks(
    work: Work[Piece], text: str, bounds: Sequence[tuple[int, int]], jobs: int
) -> list[Piece]:
    """``work(text, start, end)`` for each chunk, on up to ``jobs`` forked processes, in
    the chunks' order.

    Forked straight from ``os``: multiprocessing's pool cost 30 ms of its own before
    the first chunk and after the last (its imports, queues, threads), while nothing
    ran in parallel. Each worker takes the next chunk's number from one pipe and sends
    back each piece, or the error that stopped it, on a pipe of its own.
    """
    tasks_out, tasks_in = os.pipe()
    # Numbers are written PIPE_BUF bytes at most at a time, a whole number of records:
    # such a write is never split, so no worker reads part of a number. What does not
    # fit in the pipe now is fed as the workers take the rest.
    tasks = b"".join(_TASK.pack(i) for i in range(len(bounds)))
    sent = os.write(tasks_in, tasks[:_TASK_BATCH])
    workers: dict[int, int] = {}  # a worker's result pipe -> its process id
    pieces: dict[int, Piece] = {}
    try:
        for _ in range(min(jobs, len(bounds))):
            out, into = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker: it never returns
                os.close(tasks_in)
                os.close(out)
                _work(work, text, bounds, tasks_out, into)
            os.close(into)
            workers[out] = pid
        os.close(tasks_out)
        tasks_out = -1
        if sent == len(tasks):
            os.close(tasks_in)
            tasks_in = -1
        _gather(workers, pieces, tasks_in, tasks[sent:])
        tasks_in = -1  # closed there
    finally:
        for fd in (tasks_out, tasks_in):
            if fd >= 0:
                os.close(fd)
        # Stopped (Ctrl-C, an error) or done: a worker still reading is not wanted.
        _end(workers, stop=len(pieces) < len(bounds))
    if len(pieces) < len(bounds):
        raise AnnotatorError(
            "a worker process stopped before the end (out of memory?): "
            "read the text on one process (--jobs 1)"
        )
    return [pieces[i] for i in range(len(bounds))]


# A task: a chunk's number. A piece sent back: its chunk's number (ERROR for an error
# that stopped the worker) and the length of the pickle that follows.
_TASK = struct.Struct("=I")
_TASK_BATCH = 4096 // _TASK.size * _TASK.size  # POSIX's least PIPE_BUF
_HEAD = struct.Struct("=IQ")
_ERROR = 0xFFFFFFFF


def _work(
    work: Work[Any], text: str, bounds: Sequence[tuple[int, int]], tasks: int, into: int
) -> NoReturn:
    """A forked worker's life: chunks until none is left, then exit without running
    anything of its parent's (exit handlers, buffered output)."""
    code = 0
    try:
        import pickle  # here, as in the parent's ``_gather``: one process never loads it

        # Ctrl-C is the parent's to handle: it stops the workers (no traceback from each).
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        while len(task := os.read(tasks, _TASK.size)) == _TASK.size:
            (index,) = _TASK.unpack(task)
            try:
                piece = work(text, *bounds[index])
            except BaseException as exc:  # sent to the parent, which raises it
                index, piece, code = _ERROR, exc, 1
            try:
                data = pickle.dumps(piece, pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # an error, or a piece, that pickle refuses
                failed = RuntimeError(repr(piece) if code else f"a chunk's lines: {exc}")
                index, data, code = _ERROR, pickle.dumps(failed), 1
            _write_all(into, _HEAD.pack(index, len(data)) + data)
            if code:
                break
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _gather(workers: dict[int, int], pieces: dict[int, Any], tasks_in: int, rest: bytes) -> None:
    """Every piece the workers send, by chunk, until each has closed its pipe, feeding
    ``rest`` (the chunk numbers not yet written) to ``tasks_in`` as it has room; closes
    ``tasks_in`` (-1 for none). An error a worker sent is raised here."""
    import pickle  # here: one process for a short text never loads them
    import selectors

    open_pipes = set(workers)
    selector = selectors.DefaultSelector()
    try:
        for fd in workers:
            selector.register(fd, selectors.EVENT_READ)
        if tasks_in >= 0:
            os.set_blocking(tasks_in, False)
            selector.register(tasks_in, selectors.EVENT_WRITE)
        while open_pipes:
            for key, _ in selector.select():
                if key.fd == tasks_in:
                    try:
                        rest = rest[os.write(tasks_in, rest[:_TASK_BATCH]) :]
                    except BlockingIOError:
                        continue
                    if not rest:
                        selector.unregister(tasks_in)
                        os.close(tasks_in)
                        tasks_in = -1
                    continue
                # Read straight from the pipe, with no buffer in between: what is left
                # in it is what wakes the selector again.
                head = _read_exactly(key.fd, _HEAD.size)
                if len(head) < _HEAD.size:  # closed: done, or died
                    selector.unregister(key.fd)
                    open_pipes.discard(key.fd)
                    continue
                index, size = _HEAD.unpack(head)
                data = _read_exactly(key.fd, size)
                if len(data) < size:
                    continue  # died while sending: its pipe's end comes next
                piece = pickle.loads(data)
                if index == _ERROR:
                    raise piece
                pieces[index] = piece
    finally:
        selector.close()
        if tasks_in >= 0:
            os.close(tasks_in)


def _read_exactly(fd: int, size: int) -> bytes:
    """``size`` bytes from ``fd``, or fewer where it ends."""
    parts = []
    while size > 0 and (part := os.read(fd, min(size, 1 << 20))):
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def _end(workers: dict[int, int], *, stop: bool) -> None:
    """Close the result pipes and wait for every worker; with ``stop``, end them first."""
    for fd, pid in workers.items():
        if stop:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        os.close(fd)
    for pid in workers.values():
        os.waitpid(pid, 0)
