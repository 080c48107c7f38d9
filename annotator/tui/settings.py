"""Settings: what the TUI's screens need beyond the store (who reviews, how blind, the desk).

Its own module so that screens, which take their settings in ``__init__``, need not import
the app that pushes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from annotator.app.importing import PendingImport
from annotator.config import DeskConfig
from annotator.grades.visibility import Viewer


@dataclass
class Settings:
    """What the app needs beyond the store; tests switch off what makes screens unstable."""

    reviewer: str = "reviewer"
    """Who is grading: every change is recorded under this name."""
    article_id: int | None = None
    """Open this article; None reopens the last one (or the first)."""
    blind: bool = True
    """Hide other reviewers' verdicts on a claim until you have graded it."""
    editor: bool = False
    """An editor (named in the desk config): sees every grade."""
    role: str | None = None
    """The role asked for (--role): "reviewer" has a named editor work as a reviewer."""
    cursor_blink: bool = True
    """Blinking cursors in inputs (off in tests, for stable snapshots)."""
    threshold: float | None = None
    """Check-worthiness below which proposed claims of an imported file are left out."""
    require_source: bool = False
    """The desk rule: no verdict on the scale for a claim without a linked source."""
    desk: DeskConfig = field(default_factory=DeskConfig)
    """The desk config: organization and URLs that published exports carry."""
    config_path: Path | None = None
    """The desk config file the settings screen and the first-run name write to (None:
    neither writes; tests give a file of their own)."""
    ask_reviewer: bool = False
    """No name was given anywhere: ask who is working before anything else."""
    pending_import: PendingImport | None = None
    """A file to import, then open, once the name is known (``annotator open FILE`` on
    the first run): imported after the name is asked, under that name."""

    def follow_desk(self, config: DeskConfig) -> None:
        """Take on a changed desk config (and the name in force): every screen holds
        these settings, so what they show and allow follows at once."""
        self.desk = config
        self.blind = config.blind
        self.threshold = config.threshold
        self.require_source = config.require_source
        self.editor = self.reviewer in config.editors and self.role != "reviewer"

    @property
    def viewer(self) -> Viewer:
        """Who is looking, for every read that shows grades (blind review)."""
        return Viewer(self.reviewer, blind=self.blind, editor=self.editor)
