"""Reading an article from bytes: decoding, normalizing, format and title.

The stored text is NFC with ``\\n`` line ends, so offsets (Python string indices, that is
Unicode code points) mean the same thing everywhere the text goes.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from annotator.errors import InputError
from annotator.files import read_user_file

MAX_TITLE = 200

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")
_MD_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
ARTICLE_SUFFIXES = frozenset({".txt", ".text", *_MD_SUFFIXES, *_HTML_SUFFIXES})
"""What a file of a folder imported whole is named (text, Markdown, HTML)."""


@dataclass(frozen=True)
class LoadedText:
    """An article's text as it will be stored, with what was done to get it."""

    text: str
    format: str  # "text", "markdown" or "html"
    original: str = ""  # the decoded file, when ``text`` was extracted from it
    notice: str = ""  # e.g. "decoded from cp1252": worth telling the user
    # What an HTML page's head declares (its meta tags and canonical link), "" if nothing.
    author: str = ""
    published: str = ""
    url: str = ""


def normalize_text(text: str) -> str:
    """NFC and ``\\n`` line ends: the one form article text is stored in."""
    if "\r" in text:  # one scan of a long text, where each replace is one more
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode an article file; returns the text and a notice ("" when plain UTF-8).

    UTF-8 (with or without BOM) is expected. UTF-16 with a BOM is accepted, with a notice.
    Bytes that are not UTF-8 are never decoded away silently: in a UTF-8 file (one with
    more valid multi-byte characters than bad bytes) each bad byte becomes a visible
    U+FFFD marker and the notice names their lines; a file with no UTF-8 characters at
    all is read as cp1252 (what Windows editors save), also with a notice. Binary data
    is refused.
    """
    if not data or data.isspace():  # stripping copied all of a long file
        raise InputError(f"{name} is empty: give a file that holds the article's text")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "decoded from UTF-16"
        except UnicodeDecodeError:
            raise InputError(f"{name} has a UTF-16 mark but is not valid UTF-16") from None
    if b"\x00" in data:
        raise InputError(f"{name} looks like a binary file, not text: give a .txt, .md or .html")
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        pass
    # Bad bytes come back as lone surrogates U+DC80-U+DCFF, one per byte.
    mixed = data.decode("utf-8-sig", errors="surrogateescape")
    bad = [i for i, ch in enumerate(mixed) if "\udc80" <= ch <= "\udcff"]
    good = sum(1 for ch in mixed if ord(ch) > 0x7F) - len(bad)
    lines = _lines_of(mixed, bad)
    if good >= len(bad):
        text = _BAD_BYTE.sub(REPLACEMENT, mixed)
        return text, (
            f"{len(bad)} byte{'s' if len(bad) > 1 else ''} that are not UTF-8 replaced with"
            f" {REPLACEMENT} on {lines}: check those against the original"
        )
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{name} is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line} fits no"
            " encoding annotator knows): save it as UTF-8 and import it again"
        ) from None
    if _control_ratio(text) > 0.01:
        raise InputError(f"{name} looks like a binary file, not text: give a .txt, .md or .html")
    return text, f"not UTF-8 (bytes on {lines}); decoded as Windows-1252 (cp1252)"


# What a byte that is not UTF-8 becomes in a UTF-8 file: visible, and searchable.
REPLACEMENT = "\ufffd"
_BAD_BYTE = re.compile("[\udc80-\udcff]")


def _lines_of(text: str, positions: list[int]) -> str:
    """'line 3' or 'lines 3, 7, 12 and 4 more' for character positions in ``text``."""
    numbers: list[int] = []
    line, counted = 1, 0
    for pos in positions:  # in order: count each stretch of text once
        line += text.count("\n", counted, pos)
        counted = pos
        if not numbers or numbers[-1] != line:
            numbers.append(line)
    shown = ", ".join(str(n) for n in numbers[:5])
    more = f" and {len(numbers) - 5} more" if len(numbers) > 5 else ""
    return f"line{'s' if len(numbers) > 1 else ''} {shown}{more}"


# Control characters (Unicode category Cc) but those real text holds: tab, line ends, form
# feed, vertical tab and NEL (PDF and Word pastes); the rest, in bulk, means binary data.
# One character class: a regular-expression scan instead of a loop over each character.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def _control_ratio(text: str) -> float:
    controls = sum(1 for _ in _CONTROL.finditer(text))
    return controls / max(len(text), 1)


def guess_format(name: str, text: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix in _MD_SUFFIXES:
        return "markdown"
    head = text.lstrip()[:500].lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    if any(_MD_HEADING.match(line) for line in _first_lines(text, 20)):
        return "markdown"
    return "text"


def _first_lines(text: str, count: int) -> list[str]:
    """``text.splitlines()[:count]``, without splitting the rest of a long text (5 MB
    took 16 ms): a prefix holding more than ``count`` lines has the same first ones."""
    size = 4096
    while True:
        lines = text[:size].splitlines()
        if len(lines) > count or size >= len(text):
            return lines[:count]
        size *= 4


def load_text(data: bytes, name: str) -> LoadedText:
    """Bytes of a file (or stdin) to the text annotator stores."""
    raw, notice = decode_bytes(data, name)
    fmt = guess_format(name, raw)
    if fmt == "html":
        from annotator.text.html import extract_html_text, html_metadata

        original = normalize_text(raw)
        text = extract_html_text(original)
        if not text.strip():
            raise InputError(f"{name} holds HTML with no article text in it")
        meta = html_metadata(original)
        return LoadedText(
            text=text,
            format=fmt,
            original=original,
            notice=notice,
            author=meta.author,
            published=meta.published,
            url=meta.url,
        )
    text = normalize_text(raw)
    if _control_ratio(text) > 0.01:
        raise InputError(f"{name} looks like a binary file, not text: give a .txt, .md or .html")
    if not text or text.isspace():
        raise InputError(f"{name} is empty: give a file that holds the article's text")
    return LoadedText(text=text, format=fmt, notice=notice)


def read_article_file(path: str | Path, *, held: Iterable[Path] = ()) -> LoadedText:
    """The article in the file at ``path``, never one of ``held`` (``read_user_file``)."""
    return load_text(read_user_file(path, "article", held=held), str(path))


def guess_title(text: str) -> str:
    """The first Markdown heading, else the first non-empty line, shortened."""
    lines = text.splitlines()
    for line in lines[:50]:
        match = _MD_HEADING.match(line)
        if match:
            return _shorten(match.group(1))
    for line in lines:
        if line.strip():
            return _shorten(line.strip().lstrip("#").strip())
    return "Untitled"


def _shorten(title: str) -> str:
    title = " ".join(title.split())
    if len(title) <= MAX_TITLE:
        return title
    return title[: MAX_TITLE - 1].rsplit(" ", 1)[0] + "…"
