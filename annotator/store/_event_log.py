"""The event log's format: what an event stores, how it is hashed, how a row is digested.

An event stores what changed, not whole rows: an update keeps the old and new values of
the fields it changed, an insert keeps the new row less its defaults, a delete keeps the
whole removed row (less its defaults) so undo can put it back. Every event also carries
``row``, the digest of the row as the event left it (``None`` once deleted), and its
``hash`` covers every column of the event and the hash before it. ``verify`` checks the
chain, and that each row of the database has the digest its last event recorded.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from annotator.json_encoding import json_encoder

GENESIS_HASH = "0" * 64

# The table of each entity an event names: the rows the log proves.
ENTITY_TABLES = {
    "article": "articles",
    "claim": "claims",
    "citation": "citations",
    "evidence": "evidence",
    "grade": "grades",
    "article_version": "article_versions",
    "review": "external_reviews",
    "assignment": "assignments",
}

# The event columns in the order they are hashed (``hash`` itself aside).
EVENT_COLUMNS = (
    "id",
    "at",
    "reviewer",
    "action",
    "entity",
    "entity_id",
    "article_id",
    "claim_id",
    "batch",
    "undoes",
    "before",
    "after",
    "row",
)
# An event row as stored: those columns, then its hash; and the statement that writes one.
STORED_EVENT_COLUMNS = (*EVENT_COLUMNS, "hash")
EVENT_SELECT_LIST = ", ".join(f'"{c}"' for c in STORED_EVENT_COLUMNS)
INSERT_EVENT = (
    f"INSERT INTO events ({EVENT_SELECT_LIST})"
    f" VALUES ({', '.join('?' for _ in STORED_EVENT_COLUMNS)})"
)

# Columns an insert event leaves out, because the row digest proves them and they are
# there to read elsewhere: an article's text (and its sha256 column), a new claim's words
# (always its article's text between start and end). A delete, which undo must reverse,
# keeps them.
UNLOGGED_ON_INSERT = {
    "articles": frozenset({"text", "original"}),
    "article_versions": frozenset({"text", "original"}),
    "claims": frozenset({"text"}),
}

# Fields an update event keeps even unchanged (the same on both sides, so undo leaves
# them be): what a person reading the history needs to know which link or grade it was.
CONTEXT_FIELDS = {
    "evidence": ("citation_id",),
    "grades": ("reviewer", "verdict", "final"),
}

# When a row was made or changed: an insert event leaves them out when they are its own time.
STAMPS = ("created_at", "updated_at", "graded_at", "imported_at", "assigned_at")

# Fields every write touches; undo restores them when nobody changed them since, and they
# never make an undo collide.
BOOKKEEPING = frozenset({"updated_at"})

_NO_DEFAULT = object()


# One encoder for every digest and hash (json.dumps would build one per call).
_CANONICAL = json_encoder(item_separator=",", key_separator=":", sort_keys=True)
_COMPACT = json_encoder(item_separator=",", key_separator=":")
# The JSON columns of rows (a claim's reasons and quantities) are written compact too.
compact_json = _COMPACT


def event_hash(prev_hash: str, values: tuple[Any, ...]) -> str:
    """The chained hash of one event: the previous hash and every column of this one."""
    payload = _COMPACT(values)
    return hashlib.sha256((prev_hash + payload).encode("utf-8")).hexdigest()


def dump_json(value: dict[str, Any] | None) -> str | None:
    return None if value is None else _CANONICAL(value)


def json_object(text: Any) -> dict[str, Any] | None:
    """An event's stored change; a damaged one reads as None (``verify`` names it)."""
    try:
        value = json.loads(text) if text else None
    except (ValueError, TypeError):
        return None
    return value if isinstance(value, dict) else None


@dataclass(frozen=True)
class TableShape:
    """A table's columns: each one's type affinity and default, to compare rows exactly."""

    name: str
    affinity: dict[str, str]
    default: dict[str, Any]
    # (column, affinity, the Python type SQLite gives back for it, default), in order
    columns: tuple[tuple[str, str, type | None, Any], ...] = ()

    def normalize(self, row: dict[str, Any]) -> dict[str, Any]:
        """The row as SQLite stores it: every column, defaults filled, values in the
        column's affinity (an int in a REAL column is a float, and so on)."""
        out: dict[str, Any] = {}
        for column, affinity, fine, default in self.columns:
            if column in row:
                value = row[column]
                # Most values already have their column's type: no call for those.
                out[column] = value if value is None or type(value) is fine else (
                    _coerce(value, affinity)
                )  # fmt: skip
            elif default is not _NO_DEFAULT:
                out[column] = default
        return out

    def lean_new(self, row: dict[str, Any]) -> dict[str, Any]:
        """``lean(normalize(row))`` in one pass, for a row being inserted (an import
        writes thousands): the columns given, but the id, that hold other than their
        default, in the column's affinity."""
        out: dict[str, Any] = {}
        for column, affinity, fine, default in self.columns:
            if column in row and column != "id":
                value = row[column]
                if value is not None and type(value) is not fine:
                    value = _coerce(value, affinity)
                if default != value:
                    out[column] = value
        return out

    def lean(self, row: dict[str, Any], drop: frozenset[str] = frozenset()) -> dict[str, Any]:
        """A normalized row less its id, its default values and ``drop``."""
        default = self.default.get
        return {
            k: v
            for k, v in row.items()
            if k != "id" and default(k, _NO_DEFAULT) != v and k not in drop
        }

    def digest(self, entity: str, entity_id: int, row: dict[str, Any]) -> str:
        """128 bits of SHA-256 over the row's non-default values: a column added later
        with a default leaves every earlier digest as it was. ``row`` is normalized, or
        read whole from SQLite (which stores every value in its column's affinity)."""
        return lean_digest(entity, entity_id, self.lean(row))


def table_shape(conn: sqlite3.Connection, table: str) -> TableShape:
    affinity: dict[str, str] = {}
    default: dict[str, Any] = {}
    for _cid, name, decl, notnull, dflt, _pk in conn.execute(f"PRAGMA table_info({table})"):
        affinity[name] = _affinity(str(decl or ""))
        if dflt is not None:
            default[name] = _coerce(_sql_literal(str(dflt)), affinity[name])
        else:
            default[name] = _NO_DEFAULT if notnull else None
    fine = {"TEXT": str, "INTEGER": int, "REAL": float}
    columns = tuple((c, a, fine.get(a), default[c]) for c, a in affinity.items())
    return TableShape(table, affinity, default, columns)


def lean_digest(entity: str, entity_id: int, lean: dict[str, Any]) -> str:
    """The digest of a row given as ``TableShape.lean`` makes it."""
    payload = _CANONICAL([entity, entity_id, lean])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def _affinity(decl: str) -> str:
    """SQLite's rules for a declared type (https://sqlite.org/datatype3.html 3.1)."""
    d = decl.upper()
    if "INT" in d:
        return "INTEGER"
    if any(t in d for t in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if not d or "BLOB" in d:
        return "BLOB"
    if any(t in d for t in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def _sql_literal(text: str) -> Any:
    if text.startswith("'") and text.endswith("'"):
        return text[1:-1].replace("''", "'")
    if text.upper() == "NULL":
        return None
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def _coerce(value: Any, affinity: str) -> Any:
    if value is None or isinstance(value, bytes):
        return value
    if isinstance(value, bool):
        value = int(value)
    if affinity == "TEXT":
        return value if isinstance(value, str) else repr(value)
    if affinity in ("INTEGER", "REAL", "NUMERIC"):
        if isinstance(value, str):
            try:
                value = int(value) if value.strip().lstrip("+-").isdigit() else float(value)
            except ValueError:
                return value
        if affinity == "REAL":
            return float(value)
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**63:
            return int(value)
    return value


_STAMPS = frozenset(STAMPS)


def logged_insert(
    shape: TableShape, entity: str, entity_id: int, lean: dict[str, Any], at: str
) -> tuple[str, str]:
    """The digest of a new row (given ``lean``, as ``TableShape.lean`` makes it) and what
    its event stores (as JSON): the row less its large texts and the time stamps that
    are the event's own time ``at`` (not said twice)."""
    drop = UNLOGGED_ON_INSERT.get(shape.name, frozenset())
    logged = {k: v for k, v in lean.items() if k not in drop and not (k in _STAMPS and v == at)}
    return lean_digest(entity, entity_id, lean), _CANONICAL(logged)


def logged_change(
    shape: TableShape, before: dict[str, Any] | None, after: dict[str, Any] | None
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """What an event stores of a change from ``before`` to ``after`` (normalized rows):
    the fields that changed (an update), the new row less its defaults and large texts
    (an insert), or the whole removed row less its defaults (a delete)."""
    if before is None and after is None:
        return None, None
    if before is None:
        return None, shape.lean(after or {}, UNLOGGED_ON_INSERT.get(shape.name, frozenset()))
    if after is None:
        return shape.lean(before), None
    old, new = field_diff(before, after)
    for key in CONTEXT_FIELDS.get(shape.name, ()):
        if key in after and key not in new:
            old[key] = new[key] = after[key]
    return old, new


def field_diff(
    before: dict[str, Any], after: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The old and new values of the fields that differ."""
    keys = [k for k in after if before.get(k) != after[k]]
    keys += [k for k in before if k not in after]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}
