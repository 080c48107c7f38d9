"""Verdict and certainty scales and evidence types, as data.

The defaults ship in ``scales.toml`` beside this module. A desk's own TOML file may
replace any of the three sections; sections it leaves out keep the defaults.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from annotator.errors import InputError
from annotator.files import load_toml, read_user_file

MEANINGS = ("true", "mostly-true", "mixture", "mostly-false", "false", "other")


SHORT_WIDTH = 8
"""How wide a verdict column is when the full words do not fit."""


def _abbreviate(key: str, width: int) -> str:
    if len(key) <= width:
        return key
    *lead, last = key.split("-")
    made = "-".join([w[:1] for w in lead] + [last]) if lead else key
    return made if len(made) <= width else made[: width - 1] + "."


@dataclass(frozen=True)
class Level:
    key: str
    label: str
    ordinal: int | None = None
    meaning: str = "other"
    colour: str = "grey"
    description: str = ""
    short: str = ""
    """An abbreviation for narrow columns (``Scale.short_forms`` derives one if empty)."""


@dataclass(frozen=True)
class Scale:
    name: str
    title: str
    levels: tuple[Level, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(level.key for level in self.levels)

    def get(self, key: str) -> Level | None:
        for level in self.levels:
            if level.key == key:
                return level
        return None

    def validate(self, key: str, what: str = "verdict") -> Level:
        """Return the level named ``key`` or raise naming the valid ones."""
        level = self.get(key.strip().lower()) if key else None
        if level is None:
            raise InputError(
                f"unknown {what} {key!r}: use one of {', '.join(self.keys)} ({self.title})"
            )
        return level

    def short_forms(self, width: int = SHORT_WIDTH) -> dict[str, str]:
        """key -> its abbreviation for a column ``width`` wide: the level's own ``short``,
        else the key itself when it fits, else one made from its words
        ("mostly-true" -> "m-true"); a made one that would repeat another keeps its key."""
        made = {lv.key: lv.short or _abbreviate(lv.key, width) for lv in self.levels}
        seen = list(made.values())
        return {k: v if seen.count(v) == 1 else k for k, v in made.items()}

    @property
    def ordinals(self) -> tuple[int, ...]:
        return tuple(level.ordinal for level in self.levels if level.ordinal is not None)

    @property
    def best(self) -> int:
        return max(self.ordinals, default=1)

    @property
    def worst(self) -> int:
        return min(self.ordinals, default=1)

    def by_number(self, number: int) -> Level | None:
        """The level a digit key picks: 1 is the first level, 0 the first off-scale one."""
        if number == 0:
            return next((lv for lv in self.levels if lv.ordinal is None), None)
        on_scale = [lv for lv in self.levels if lv.ordinal is not None]
        return on_scale[number - 1] if 0 < number <= len(on_scale) else None


@dataclass(frozen=True)
class Scales:
    verdict: Scale
    certainty: Scale
    evidence_types: tuple[Level, ...]
    source: str = "default"

    @property
    def evidence_type_keys(self) -> tuple[str, ...]:
        return tuple(level.key for level in self.evidence_types)

    def validate_evidence_type(self, key: str) -> str:
        key = key.strip().lower()
        if key not in self.evidence_type_keys:
            raise InputError(
                f"unknown evidence type {key!r}: use one of {', '.join(self.evidence_type_keys)}"
            )
        return key

    def evidence_rank(self, key: str) -> int:
        """0 for the strongest design; unknown types rank last."""
        keys = self.evidence_type_keys
        return keys.index(key) if key in keys else len(keys)


def _levels(raw: Any, where: str, with_meaning: bool) -> tuple[Level, ...]:
    if not isinstance(raw, list) or not raw:
        raise InputError(f"{where}: needs a non-empty list of levels ([[...levels]] tables)")
    levels: list[Level] = []
    seen: set[str] = set()
    for i, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or not str(item.get("key", "")).strip():
            raise InputError(f"{where}: level {i} has no key")
        key = str(item["key"]).strip().lower()
        if key in seen:
            raise InputError(f"{where}: level key {key!r} appears twice")
        seen.add(key)
        meaning = str(item.get("meaning", "other"))
        if with_meaning and meaning not in MEANINGS:
            raise InputError(
                f"{where}: level {key!r} has meaning {meaning!r}; use one of {', '.join(MEANINGS)}"
            )
        ordinal = item.get("ordinal")
        if ordinal is not None and not isinstance(ordinal, int):
            raise InputError(f"{where}: level {key!r} needs a whole-number ordinal")
        levels.append(
            Level(
                key=key,
                label=str(item.get("label", key)),
                ordinal=ordinal,
                meaning=meaning,
                colour=str(item.get("colour", "grey")),
                description=str(item.get("description", "")),
                short=str(item.get("short", "")).strip(),
            )
        )
    return tuple(levels)


def _scale(raw: Any, where: str, with_meaning: bool) -> Scale:
    if not isinstance(raw, dict):
        raise InputError(f"{where}: must be a table")
    return Scale(
        name=str(raw.get("name", where)),
        title=str(raw.get("title", raw.get("name", where))),
        levels=_levels(raw.get("levels"), where, with_meaning),
    )


def parse_scales(data: dict[str, Any], source: str, fallback: Scales | None = None) -> Scales:
    """Build scales from parsed TOML; missing sections come from ``fallback``."""

    def section(name: str, with_meaning: bool) -> Scale:
        if name in data:
            return _scale(data[name], f"{source} [{name}]", with_meaning)
        if fallback is None:
            raise InputError(f"{source}: missing the [{name}] section")
        return fallback.verdict if name == "verdict" else fallback.certainty

    verdict = section("verdict", with_meaning=True)
    certainty = section("certainty", with_meaning=False)
    if "evidence_types" in data:
        types = _levels(data["evidence_types"], f"{source} [[evidence_types]]", False)
    elif fallback is not None:
        types = fallback.evidence_types
    else:
        raise InputError(f"{source}: missing the [[evidence_types]] list")
    return Scales(verdict=verdict, certainty=certainty, evidence_types=types, source=source)


@functools.cache  # frozen data, read on every Store opening
def default_scales() -> Scales:
    text = resources.files("annotator").joinpath("scales.toml").read_text(encoding="utf-8")
    return parse_scales(tomllib.loads(text), "default")


def load_scales(path: str | Path | None = None) -> Scales:
    """The default scales, or a desk's file layered over them."""
    defaults = default_scales()
    if path is None:
        return defaults
    p = Path(path)
    data = load_toml(read_user_file(p, "scale file"), f"scale file {str(p)!r}")
    return parse_scales(data, str(p), fallback=defaults)
