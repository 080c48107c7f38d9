"""BibTeX values joined with ``#``: ``journal = jama # { Network Open}``.

BibTeX joins a field's parts (braced or quoted literals, numbers, ``@string`` macros and
the month macros) with ``#``; JabRef and hand-kept files use it with ``@string``
abbreviations. bibtexparser 2 resolves a value that is one macro, but leaves a joined one
as written (its issue 396), so the journal read "jama # Network Open". This middleware
runs first and joins them the way BibTeX (and pybtex) does; a part it cannot resolve (a
macro nobody defined) leaves the value as written.
"""

from __future__ import annotations

from bibtexparser.library import Library
from bibtexparser.middlewares.middleware import LibraryMiddleware

# The macros BibTeX's standard styles define, which a file may join without defining.
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTHS = {name[:3].lower(): name for name in _MONTH_NAMES}


def split_parts(value: str) -> list[str] | None:
    """The parts of ``value`` joined by ``#`` outside braces and quotes, stripped; None
    when it has no such ``#`` (the common case) or its braces do not balance."""
    if "#" not in value:
        return None
    parts: list[str] = []
    depth = 0
    quoted = False
    start = 0
    for i, ch in enumerate(value):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return None
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            parts.append(value[start:i].strip())
            start = i + 1
    if depth or quoted or not parts:
        return None
    parts.append(value[start:].strip())
    return parts


def resolve(value: str, macros: dict[str, str], seen: frozenset[str] = frozenset()) -> str | None:
    """The text of a raw BibTeX value (a literal, a number, a macro, or parts joined by
    ``#``), without its enclosing braces or quotes; None when a part cannot be resolved."""
    parts = split_parts(value)
    if parts is None:
        parts = [value.strip()]
    out: list[str] = []
    for part in parts:
        if len(part) >= 2 and (
            (part[0] == "{" and part[-1] == "}") or (part[0] == '"' and part[-1] == '"')
        ):
            out.append(part[1:-1])
        elif part.isdigit():
            out.append(part)
        else:
            key = part.lower()
            if key in macros and key not in seen:  # a macro defined in terms of itself: no
                inner = resolve(macros[key], macros, seen | {key})
                if inner is None:
                    return None
                out.append(inner)
            elif key in _MONTHS:
                out.append(_MONTHS[key])
            else:
                return None
    return "".join(out)


class ResolveConcatenationMiddleware(LibraryMiddleware):
    """Join every ``#``-joined field value before the standard middlewares see it."""

    def __init__(self) -> None:
        super().__init__(allow_inplace_modification=True)

    @classmethod
    def metadata_key(cls) -> str:
        return "annotator-resolve-concatenation"

    def transform(self, library: Library) -> Library:
        macros = {key.lower(): str(block.value) for key, block in library.strings_dict.items()}
        for entry in library.entries:
            for field in entry.fields:
                if not isinstance(field.value, str) or split_parts(field.value) is None:
                    continue
                joined = resolve(field.value, macros)
                if joined is not None:
                    # Braced, so the standard middlewares take it as one literal.
                    field.value = "{" + joined + "}"
        return library
