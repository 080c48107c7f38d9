"""A command people type that annotator does not have gets one line naming the one it has."""

from __future__ import annotations

import re

import click
import pytest

from annotator.cli import cli
from annotator.cli.pointers import POINTERS
from tests.cli.test_cli import run


def test_cite_import_points_to_cite_add_not_export() -> None:
    code, out, err = run("cite", "import", "library.bib")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "Error: there is no `annotator cite import`: to import a reference manager's file,"
        " use `annotator cite add --bibtex FILE` (or --ris FILE, --csl-json FILE)"
    ]


def test_claims_add_points_to_claim_add_not_to_a_bad_article_id() -> None:
    code, _out, err = run("claims", "add", "1", "--text", "words")
    assert code == 2
    assert err.splitlines() == [
        "Error: there is no `annotator claims add`: to add a claim over a span,"
        " use `annotator claim add ARTICLE --text WORDS`"
    ]


def _command(words: tuple[str, ...]) -> click.Command | None:
    command: click.Command | None = cli
    for word in words:
        if not isinstance(command, click.Group):
            return None
        command = command.commands.get(word)
    return command


@pytest.mark.parametrize("typed", sorted(POINTERS), ids=" ".join)
def test_every_pointer_names_a_command_that_exists(typed: tuple[str, ...]) -> None:
    pointer = POINTERS[typed]
    assert _command(typed) is None  # what was typed is no command of annotator
    target = _command(pointer.command)
    assert target is not None, pointer.command
    names = {opt for p in target.params for opt in getattr(p, "opts", [])}
    for option in re.findall(r"--[a-z-]+", pointer.arguments + " " + pointer.also):
        assert option in names, (typed, option)
    code, out, err = run(*typed, "1")
    assert (code, out) == (2, "")
    [line] = err.splitlines()
    assert line.startswith(f"Error: there is no `annotator {' '.join(typed)}`: to ")
    assert f"use `annotator {' '.join(pointer.command)}" in line


def test_real_commands_are_untouched() -> None:
    code, out, _err = run("cite", "add", "--help")
    assert code == 0 and "--csl-json FILE" in out
    code, out, _err = run("config")
    assert code == 0
