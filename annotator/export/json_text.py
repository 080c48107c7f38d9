"""Indented JSON written in pieces, byte for byte what ``json.dumps(value,
ensure_ascii=False, indent=2)`` writes.

With ``indent`` the standard library leaves its C encoder for a pure-Python one: 90 ms
for the 9,000 articles of a year's desk, most of what ``articles --json`` cost there.
Here each string goes through the C ``encode_basestring`` and the layout is put
together per object; an iterator is written as a list element by element, so a long
listing is never one string in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring
from typing import Any

from annotator.json_encoding import json_encoder
from annotator.text.terminal import json_terminal_safe

INDENT = "  "
# A key's text with its ": ", by key (a str: True == 1, but no int is ever stored).
_KEYS: dict[str, str] = {}


def json_chunks(value: Any) -> Iterator[str]:
    """The text of ``json.dumps(value, ensure_ascii=False, indent=2)`` in pieces.

    An iterator (a generator, say) inside ``value``, at its top or as a value of its
    top-level object, is written as a list as it yields, one piece per element. Any
    other value is exactly what ``json.dumps`` makes of it (its errors too).
    """
    if isinstance(value, Iterator):
        yield from _stream(value, 0)
    elif type(value) is dict and any(isinstance(v, Iterator) for v in value.values()):
        if any(type(k) is not str for k in value):
            raise TypeError("keys of a streamed JSON object must be strings")
        pad = "\n" + INDENT
        first = True
        for key, item in value.items():
            yield ("{" if first else ",") + pad + encode_basestring(key) + ": "
            first = False
            if isinstance(item, Iterator):
                yield from _stream(item, 1)
            else:
                yield _text(item, 1)
        yield "\n}"
    else:
        yield _text(value, 0)


def _stream(items: Iterator[Any], level: int) -> Iterator[str]:
    pad = "\n" + INDENT * (level + 1)
    first = True
    for item in items:
        yield ("[" if first else ",") + pad + _text(item, level + 1)
        first = False
    yield "[]" if first else "\n" + INDENT * level + "]"


def _text(value: Any, level: int) -> str:
    """``value`` as JSON text whose nested lines are indented for depth ``level``."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is dict:
        text = _object(value, level)
        if text is not None:
            return text
    elif kind is list or kind is tuple:
        if not value:
            return "[]"
        pad = ",\n" + INDENT * (level + 1)
        inner = pad.join([_text(v, level + 1) for v in value])
        return "[" + pad[1:] + inner + "\n" + INDENT * level + "]"
    # Floats, subclasses, keys json converts: the standard library's own text, indented
    # one level deeper (its line breaks are all layout: strings escape theirs).
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + INDENT * level) if level else text


def _object(value: dict[Any, Any], level: int) -> str | None:
    """A dict with string keys (None for other keys: json converts those); the common
    values inline, as this runs once per row of a listing."""
    if not value:
        return "{}"
    parts = []
    keys = _KEYS
    for key, item in value.items():
        head = keys.get(key)
        if head is None:
            if type(key) is not str:
                return None
            head = encode_basestring(key) + ": "
            if len(keys) < 1024:  # a listing's field names, not every key data may hold
                keys[key] = head
        kind = type(item)
        if kind is str:
            text = encode_basestring(item)
        elif kind is int:
            text = int.__repr__(item)
        elif item is None:
            text = "null"
        else:
            text = _text(item, level + 1)
        parts.append(head + text)
    pad = ",\n" + INDENT * (level + 1)
    return "{" + pad[1:] + pad.join(parts) + "\n" + INDENT * level + "}"


# ``json.dumps(row, ensure_ascii=False)``, its C encoder set up once for every row.
_LINE = json_encoder(item_separator=", ", key_separator=": ")


def json_lines(rows: Iterable[Any]) -> str:
    """JSON lines: one compact object a line, non-ASCII kept as it is, no final line end
    ("" for no rows); DEL and C1 controls as ``\\u`` escapes, so it is safe on a terminal.

    Lines made apart and joined with a line end are this text of all their rows: the
    escapes are one character each, never across lines.
    """
    # One encoder for all rows, and the controls made safe in the joined text at once.
    return json_terminal_safe("\n".join(map(_LINE, rows)))
