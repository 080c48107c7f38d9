"""The desk config: a TOML file in the user config dir (see ``paths.config_path``)."""

from __future__ import annotations

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
    )
