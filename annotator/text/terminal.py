"""Stored text on a terminal: every control character shown as a visible symbol.

Article, citation and reviewer text is data. Written raw to a terminal, an ESC or C1
byte starts an escape sequence (retitle the window, clear the screen, fake a prompt). Both
faces show such text through ``visible``: the TUI in every widget, the CLI on everything it
prints for people. One symbol per character, so offsets into the text stay valid.
"""

from __future__ import annotations

import re

# C0 controls map to the Unicode "control pictures" block (U+2400 + code), DEL to U+2421:
# one visible symbol per character, so offsets into the text stay valid.
_CONTROL_PICTURES = {code: 0x2400 + code for code in range(0x20) if chr(code) not in "\n\t"}
_CONTROL_PICTURES[0x7F] = 0x2421
# C1 controls (U+0080-U+009F) can act as escapes on some terminals; show them as a box.
_CONTROL_PICTURES.update({code: 0x2426 for code in range(0x80, 0xA0)})

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What JSON leaves raw that a terminal may still obey: DEL and the C1 controls.
_JSON_RAW_CONTROLS = re.compile("[\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    return chr(_CONTROL_PICTURES[ord(match.group())])


def visible(text: str) -> str:
    """``text`` with every control character (but newline and tab) made visible."""
    # A regular expression finds the few control characters far sooner than
    # ``str.translate`` walks a long article through a dict.
    return _CONTROLS.sub(_picture, text)


def json_terminal_safe(text: str) -> str:
    """JSON text with DEL and C1 controls written as ``\\u`` escapes (JSON already escapes
    C0): the same JSON value, exact, and nothing a terminal would obey."""
    return _JSON_RAW_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_SURROGATES = re.compile("[\ud800-\udfff]")


def _surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    # U+DC80-U+DCFF stand for the bytes 0x80-0xFF of a name that is not UTF-8.
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"


def printable(text: str) -> str:
    """``visible``, and what no terminal can be sent: a byte of a file name that is not
    UTF-8 (a surrogate escape) shown as ``\\xe9``, any other lone surrogate as U+FFFD."""
    return _SURROGATES.sub(_surrogate, visible(text))
