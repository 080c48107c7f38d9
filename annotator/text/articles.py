"""Reading an article from bytes: decoding, normalizing, format and title.

The stored text is NFC with ``\\n`` line ends, so offsets (Python string indices, that is
Unicode code points) mean the same thing everywhere the text goes.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from annotator.errors import InputError
from annotator.files import read_user_file

MAX_TITLE = 200

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")
_MD_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


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
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode an article file; returns the text and a notice ("" when plain UTF-8).

    UTF-8 (with or without BOM) is expected. UTF-16 with a BOM is accepted, and so is
    cp1252 (what Windows editors save), both with a notice. Binary data is refused.
    """
    if not data.strip():
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
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(
            f"{name} is not UTF-8 text: save it as UTF-8 and import it again"
        ) from None
    if _control_ratio(text) > 0.01:
        raise InputError(f"{name} looks like a binary file, not text: give a .txt, .md or .html")
    return text, "not UTF-8; decoded as Windows-1252 (cp1252)"


# Control characters (Unicode category Cc) other than line breaks, tabs and form feeds,
# as one character class: a regular-expression scan instead of a loop over each character.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


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
    if any(_MD_HEADING.match(line) for line in text.splitlines()[:20]):
        return "markdown"
    return "text"


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
    if not text.strip():
        raise InputError(f"{name} is empty: give a file that holds the article's text")
    return LoadedText(text=text, format=fmt, notice=notice)


def read_article_file(path: str | Path) -> LoadedText:
    return load_text(read_user_file(path, "article"), str(path))


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
