"""Every command has help and appears in the README."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from annotator.cli import cli

README = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((prefix + name, command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, prefix + name + " "))
    return found


def test_every_command_has_help_and_is_documented() -> None:
    for name, command in _commands(cli):
        assert command.help, f"{name} has no help"
        assert f"annotator {name}" in README, f"`annotator {name}` is not in the README"
        result = CliRunner().invoke(cli, [*name.split(), "--help"])
        assert result.exit_code == 0, name


def test_readme_quick_start_has_exactly_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = [line for line in quick.splitlines() if line.startswith("python3 -m venv")]
    assert len(commands) == 2
    assert commands[0].endswith("annotator") and "'.[test]'" in commands[1]


ROOT = Path(__file__).resolve().parents[3]


def test_readme_command_table_is_generated_from_the_commands() -> None:
    """`make docs` (cog) writes the table and runs the example sessions; a changed
    command, or a change in what the examples print, without it fails here."""
    from cogapp import Cog

    status = Cog().main(["cog", "--check", "-I", str(ROOT / "scripts"), str(ROOT / "README.md")])
    assert status == 0, "the README's command table or examples are out of date: run `make docs`"


def test_code_map_names_every_package() -> None:
    code_map = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    packages = [p.parent.name for p in (ROOT / "annotator").glob("*/__init__.py")]
    assert packages
    for name in packages:
        assert f"`{name}/`" in code_map, f"docs/ARCHITECTURE.md does not name {name}/"


def test_every_package_says_what_it_holds() -> None:
    for init in (ROOT / "annotator").rglob("__init__.py"):
        text = init.read_text(encoding="utf-8").lstrip()
        assert text.startswith('"""'), f"{init.relative_to(ROOT)} has no docstring"
