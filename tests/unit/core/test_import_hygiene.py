"""The core never loads Textual; the CLI loads it only when the TUI opens."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import annotator


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def test_core_modules_do_not_import_textual() -> None:
    names = [
        m.name
        for m in pkgutil.walk_packages(annotator.__path__, "annotator.")
        if not m.name.startswith(("annotator.tui", "annotator.cli", "annotator.__main__"))
    ]
    assert "annotator.store" in names
    modules = _loaded_after("\n".join(f"import {n}" for n in names))
    assert "textual" not in modules
    assert "rich" not in modules


def test_the_cli_does_not_import_textual_or_the_store() -> None:
    modules = _loaded_after("import annotator.cli")
    assert "textual" not in modules
    assert "annotator.store" not in modules
