"""Article and citation text on screen: always data, never markup or escapes."""

from __future__ import annotations

import re

from textual.content import Content

# C0 controls map to the Unicode "control pictures" block (U+2400 + code), DEL to U+2421:
# one visible symbol per character, so offsets into the text stay valid.
_CONTROL_PICTURES = {code: 0x2400 + code for code in range(0x20) if chr(code) not in "\n\t"}
_CONTROL_PICTURES[0x7F] = 0x2421
# C1 controls (U+0080-U+009F) can act as escapes on some terminals; show them as a box.
_CONTROL_PICTURES.update({code: 0x2426 for code in range(0x80, 0xA0)})


_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    return chr(_CONTROL_PICTURES[ord(match.group())])


def visible(text: str) -> str:
    """``text`` with every control character (but newline and tab) made visible."""
    # A regular expression finds the few control characters far sooner than
    # ``str.translate`` walks a long article through a dict.
    return _CONTROLS.sub(_picture, text)


def safe(text: str) -> Content:
    """Content that shows ``text`` literally: brackets stay brackets, ESC shows as ␛."""
    return Content(visible(text), strip_control_codes=False)
