"""The README's command table, generated from the click commands (run by cog).

`cog -r -I scripts README.md` rewrites the table; `cog --check` (a test) fails when a
command, its arguments, options or help changed and the README was not regenerated.
"""

from __future__ import annotations

import click

from annotator.cli import cli


def _usage(command: click.Command, ctx: click.Context) -> str:
    pieces = [p for p in command.collect_usage_pieces(ctx) if p != "[OPTIONS]"]
    return " ".join([ctx.command_path, *pieces]).strip()


# The global options (--db, --reviewer, --scale) are said once, above the table.
_GLOBAL = {opt for param in cli.params for opt in param.opts}


def _summary(command: click.Command, paragraph: int = 0) -> str:
    """A paragraph of the help, on one line, and the command's own options."""
    paragraphs = (command.help or "").split("\n\n")
    text = " ".join(paragraphs[min(paragraph, len(paragraphs) - 1)].split())
    options = [
        max(param.opts, key=len)
        for param in command.params
        if isinstance(param, click.Option)
        and not param.hidden
        and not _GLOBAL & set(param.opts)
        and param.name != "help"
    ]
    if options:
        text += " Options: " + ", ".join(f"`{o}`" for o in options) + "."
    return text


def _rows(group: click.Group, parent: click.Context) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for name, command in group.commands.items():
        ctx = click.Context(command, info_name=name, parent=parent)
        if isinstance(command, click.Group):
            if command.invoke_without_command:
                rows.append((_usage(command, ctx), _summary(command)))
            rows.extend(_rows(command, ctx))
        else:
            rows.append((_usage(command, ctx), _summary(command)))
    return rows


def command_table() -> str:
    """Every command, in the order they are registered, as a Markdown table."""
    root = click.Context(cli, info_name="annotator")
    lines = ["| command | does |", "|---|---|"]
    # The group's own help: its second paragraph says what it does with no command.
    lines.append(f"| `annotator` | {_summary(cli, 1).split(' Options:')[0]} |")
    for usage, summary in _rows(cli, root):
        cell, does = usage.replace("|", "\\|"), summary.replace("|", "\\|")
        lines.append(f"| `{cell}` | {does} |")
    return "\n".join(lines) + "\n"
