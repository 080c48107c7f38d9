"""The desk config: a TOML file in the user config dir (see ``paths.config_path``)."""

from __future__ import annotations

import contextlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, get_args, get_origin, get_type_hints

from annotator.errors import InputError
from annotator.files import load_toml, read_user_file


@dataclass(frozen=True)
class DeskConfig:
    organization: str = ""
    """The desk's name, the author of published ClaimReviews."""
    organization_url: str = ""
    """The desk's home page."""
    claim_url: str = ""
    """Where each published review is read: a template with ``{article}`` and ``{claim}``
    (``https://desk.example/checks/{article}#claim-{claim}``), the ClaimReview ``url``."""
    scale: str = ""
    """Path of a TOML scale file to use instead of the default support scale."""
    reviewer: str = ""
    """Reviewer name when neither --reviewer nor ANNOTATOR_REVIEWER is given."""
    threshold: float | None = None
    """Check-worthiness below which proposed claims are left out."""
    blind: bool = True
    """Hide other reviewers' verdicts on a claim until you have graded it."""
    require_source: bool = False
    """Refuse a verdict other than not-checkable on a claim with no linked source."""
    editors: tuple[str, ...] = ()
    """Reviewers who see every grade and set final verdicts (blind review never hides)."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


# Numbers with a range: the key -> (lowest, highest).
RANGES = {"threshold": (0.0, 1.0)}


def load_config(path: Path) -> DeskConfig:
    """The config at ``path``; defaults when the file does not exist.

    Every value is checked against its field's type (a string is never taken for a
    boolean: ``blind = "false"`` is refused, not read as true) and numbers against their
    range; the message names the key.
    """
    if not path.exists():
        return DeskConfig()
    name = f"config file {str(path)!r}"
    data = load_toml(read_user_file(path, "config file"), name)
    known = {f.name for f in fields(DeskConfig)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise InputError(f"{name}: unknown key {unknown[0]!r}; known: {', '.join(sorted(known))}")
    types = get_type_hints(DeskConfig)
    values = {key: check_value(key, value, types[key], name) for key, value in data.items()}
    return DeskConfig(**values)


def check_value(key: str, value: Any, kind: Any, name: str) -> Any:
    """``value`` if it is what the field ``key`` of type ``kind`` takes, else one line."""
    if kind is bool:
        if not isinstance(value, bool):
            raise InputError(f"{name}: {key} must be true or false (no quotes), not {value!r}")
        return value
    if kind is str:
        if not isinstance(value, str):
            raise InputError(f"{name}: {key} must be a quoted string, not {value!r}")
        return value
    if float in get_args(kind) or kind is float:
        low, high = RANGES.get(key, (-math.inf, math.inf))
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok or not math.isfinite(value) or not low <= value <= high:
            raise InputError(
                f"{name}: {key} must be a number from {low:g} to {high:g}, not {value!r}"
            )
        return float(value)
    if get_origin(kind) in (tuple, list):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(f"{name}: {key} must be a list of quoted strings, not {value!r}")
        return tuple(value) if get_origin(kind) is tuple else list(value)
    raise InputError(f"{name}: {key} cannot be set in the file")


_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def parse_config_value(key: str, raw: str) -> Any:
    """A value typed on the command line, read as the type of config key ``key``.

    Booleans take true/false (yes/no, on/off, 1/0); numbers must be finite; lists are
    comma-separated; an empty value of an optional number unsets it (returns None).
    """
    kinds = {f.name: str(f.type) for f in fields(DeskConfig)}
    if key not in kinds:
        raise InputError(f"unknown config key {key!r}; known: {', '.join(sorted(kinds))}")
    kind, text = kinds[key], raw.strip()
    if kind == "bool":
        if text.lower() in _TRUE | _FALSE:
            return text.lower() in _TRUE
        raise InputError(f"config key {key!r} takes true or false, not {raw!r}")
    if "float" in kind:
        if not text and "None" in kind:
            return None
        try:
            number = float(text)
        except ValueError:
            raise InputError(f"config key {key!r} takes a number, not {raw!r}") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise InputError(f"config key {key!r} takes a finite number, not {raw!r}")
        return number
    if kind.startswith(("tuple", "list")):
        return [part.strip() for part in text.split(",") if part.strip()]
    return raw


def _toml_value(value: Any) -> str:
    # JSON's string escapes are valid TOML basic-string escapes.
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def set_config_value(path: Path, key: str, raw: str) -> DeskConfig:
    """Set one ``key`` (see ``set_config_values``)."""
    return set_config_values(path, {key: raw})


def set_config_values(path: Path, values: Mapping[str, str]) -> DeskConfig:
    """Set each key of ``values`` (as typed on the command line) in the config file at
    ``path`` (created if missing) and return the config now in force. The new file is
    checked as a whole before it replaces the old one, so a value the desk config
    refuses leaves the file as it was: every key is written, or none."""
    parsed = {key: parse_config_value(key, raw) for key, raw in values.items()}
    data: dict[str, Any] = {}
    if path.exists():
        try:
            data = load_toml(read_user_file(path, "config file"), f"config file {str(path)!r}")
        except InputError as exc:
            raise InputError(f"{exc}: fix or remove it first") from None
    for key, value in parsed.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    text = "".join(f"{k} = {_toml_value(v)}\n" for k, v in data.items())
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        try:
            config = load_config(tmp)
        except InputError as exc:
            raise InputError(str(exc).replace(str(tmp), str(path))) from None
        tmp.replace(path)
    except OSError as exc:  # a full disk, a folder that refuses files
        raise InputError(
            f"cannot write the config file {str(path)!r} ({exc.strerror}): free some space"
            " or make its folder writable (or set ANNOTATOR_CONFIG); it was not changed"
        ) from None
    finally:
        with contextlib.suppress(OSError):  # never made: the folder refused it
            tmp.unlink(missing_ok=True)
    return config
