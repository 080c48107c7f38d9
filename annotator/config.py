"""The desk config: a TOML file in the user config dir (see ``paths.config_path``)."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from annotator.errors import InputError


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

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def load_config(path: Path) -> DeskConfig:
    """The config at ``path``; defaults when the file does not exist."""
    if not path.exists():
        return DeskConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"config file {str(path)!r} is not valid TOML: {exc}") from None
    except OSError as exc:
        raise InputError(f"config file {str(path)!r} cannot be read: {exc.strerror}") from None
    known = {f.name for f in fields(DeskConfig)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise InputError(
            f"config file {str(path)!r}: unknown key {unknown[0]!r}; "
            f"known: {', '.join(sorted(known))}"
        )
    threshold = data.get("threshold")
    if threshold is not None and not isinstance(threshold, int | float):
        raise InputError(f"config file {str(path)!r}: threshold must be a number in [0, 1]")
    return DeskConfig(
        organization=str(data.get("organization", "")),
        organization_url=str(data.get("organization_url", "")),
        claim_url=str(data.get("claim_url", "")),
        scale=str(data.get("scale", "")),
        reviewer=str(data.get("reviewer", "")),
        threshold=float(threshold) if threshold is not None else None,
        blind=bool(data.get("blind", True)),
        require_source=bool(data.get("require_source", False)),
    )


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
    """Set ``key`` in the config file at ``path`` (created if missing) and return the
    config now in force. The new file is checked as a whole before it replaces the old
    one, so a value the desk config refuses leaves the file as it was."""
    value = parse_config_value(key, raw)
    data: dict[str, Any] = {}
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise InputError(
                f"config file {str(path)!r} is not valid TOML ({exc}): fix or remove it first"
            ) from None
    if value is None:
        data.pop(key, None)
    else:
        data[key] = value
    text = "".join(f"{k} = {_toml_value(v)}\n" for k, v in data.items())
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        try:
            config = load_config(tmp)
        except InputError as exc:
            raise InputError(str(exc).replace(str(tmp), str(path))) from None
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return config
