"""Reading an article from bytes: decoding, normalizing, format and title.

The stored text is NFC with ``\\n`` line ends, so offsets (Python string indices, that is
Unicode code points) mean the same thing everywhere the text goes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from annotator.errors import InputError
from annotator.files import control_ratio, decode_text, read_user_file

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

    ``files.decode_text`` decides (UTF-8, UTF-16 with its mark, cp1252, never a byte
    decoded away silently); an empty file is refused here, as no article.
    """
    if not data or data.isspace():  # stripping copied all of a long file
        raise InputError(f"{name} is empty: give a file that holds the article's text")
    return decode_text(data, name, binary_advice=_BINARY_ADVICE)


_BINARY_ADVICE = "give a .txt, .md or .html"


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
    if control_ratio(text) > 0.01:
        raise InputError(f"{name} looks like a binary file, not text: {_BINARY_ADVICE}")
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
