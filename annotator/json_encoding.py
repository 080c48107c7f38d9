"""JSON text from the C encoder, set up once for many values.

``JSONEncoder.encode`` (and ``json.dumps``) sets up a new C encoder on every call, a
third of the time of encoding one small row; an event log or a large article's claims
encode tens of thousands. The encoder made here is that same C code, so the text is
the same byte for byte; only the check for circular values is left out (the values are
plain rows and events, which hold none: a cycle would be a RecursionError).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from json.encoder import encode_basestring
from typing import Any


def json_encoder(
    *, item_separator: str, key_separator: str, sort_keys: bool = False
) -> Callable[[Any], str]:
    """``json.JSONEncoder(ensure_ascii=False, separators=..., sort_keys=...).encode``,
    set up once."""
    slow = json.JSONEncoder(
        ensure_ascii=False, separators=(item_separator, key_separator), sort_keys=sort_keys
    )
    # The C encoder's maker is not in the typed stubs; it is None in a Python built
    # without the accelerator.
    make: Callable[..., Callable[[Any, int], Iterable[str]]] | None
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return slow.encode
    chunks = make(None, slow.default, encode_basestring, None, key_separator, item_separator,
                  sort_keys, False, True)  # fmt: skip
    join = "".join
    return lambda value: join(chunks(value, 0))
