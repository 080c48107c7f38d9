"""The command line: one module per command group, every command registered here.

Command modules import ``cli.common`` (context, errors, output helpers), never this
package, so there is no import cycle. Heavy imports (the store, Textual, Rich) happen
inside the commands that need them, so ``annotator --help`` stays as quick as click.
"""

from __future__ import annotations

import click

from annotator import __version__
from annotator.cli import articles, cite, claims, export, memory, team
from annotator.cli.common import AnnotatorGroup, Context, accept_global_options, global_options


@click.group(cls=AnnotatorGroup, invoke_without_command=True)
@global_options
@click.version_option(__version__, prog_name="annotator")
@click.pass_context
def cli(
    ctx: click.Context, db: str | None, reviewer: str | None, scale: str | None, role: str | None
) -> None:
    """annotator: check an article claim by claim, from the keyboard.

    Run with no command to open the review screen (the bundled sample article is
    imported on an empty database).
    """
    obj = Context(db, reviewer, scale, role)
    ctx.obj = obj
    ctx.call_on_close(obj.close)
    if ctx.invoked_subcommand is None:
        articles.open_review(obj)


COMMANDS: tuple[click.Command, ...] = (
    # articles
    articles.import_cmd,
    articles.open_cmd,
    articles.segment,
    articles.articles,
    articles.claims,
    # claims
    claims.claim_cmd,
    claims.label,
    claims.link,
    claims.grade,
    claims.undo,
    claims.redo,
    claims.history,
    claims.queue,
    # citation library and evidence links
    cite.cite,
    cite.evidence,
    # claim memory
    memory.similar,
    memory.reuse,
    memory.import_reviews,
    memory.versions,
    # output
    export.export,
    export.stats,
    export.config_cmd,
    # team review
    team.agreement,
    team.verify,
    team.merge,
    team.assign,
    team.unassign,
)
for _command in COMMANDS:
    accept_global_options(_command)
    cli.add_command(_command)


def main() -> None:
    cli(prog_name="annotator")
