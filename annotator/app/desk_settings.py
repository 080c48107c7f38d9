"""The desk config as people change it, from the CLI's ``config set`` and the TUI's
settings screen alike: values typed as text, checked whole before the file is written;
and the reviewer's name, asked on the first run and remembered.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from annotator.app.importing import check_url
from annotator.config import DeskConfig, set_config_values
from annotator.export.claimreview import review_url
from annotator.grades.visibility import check_reviewer_name
from annotator.scales import load_scales

SETTINGS: tuple[tuple[str, str], ...] = (
    ("organization", "Organization"),
    ("organization_url", "Its web address"),
    ("claim_url", "Claim URL template"),
    ("editors", "Editors (comma-separated)"),
    ("scale", "Scale file (empty: default)"),
    ("threshold", "Threshold 0-1 (empty: default)"),
    ("blind", "Blind review"),
    ("require_source", "Require a source for a verdict"),
)
"""The keys a desk sets (the config's own ``reviewer`` is each person's), with labels."""


def change_settings(path: Path, values: Mapping[str, str]) -> DeskConfig:
    """Set each key to a value typed as text (as ``config set`` reads it), all or none:
    the new file is checked whole before it replaces the old one. A scale file must
    load and each editor's name must be one; the message names the key."""
    if (scale := values.get("scale", "").strip()) != "":
        load_scales(scale)
    for key in ("organization_url", "claim_url"):
        if key in values:
            check_url(values[key], key)
    if values.get("claim_url", "").strip():
        review_url(values["claim_url"].strip(), 1, 1)  # fills, or says what it cannot
    if values.get("reviewer", "").strip():
        check_reviewer_name(values["reviewer"])
    if "editors" in values:
        for name in values["editors"].split(","):
            if name.strip():
                check_reviewer_name(name, "editor name")
    return set_config_values(path, values)


def remember_reviewer(path: Path, name: str) -> str:
    """Keep ``name`` as who works here (the config's ``reviewer``); returns it cleaned."""
    cleaned = check_reviewer_name(name)
    set_config_values(path, {"reviewer": cleaned})
    return cleaned


def shown_value(config: DeskConfig, key: str) -> str:
    """A key's value as one types it back (``config set``): lists comma-separated, an
    unset number empty, booleans true/false."""
    value = config.to_dict()[key]
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return ", ".join(value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
