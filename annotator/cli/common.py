"""What every command module shares: the context, errors as one line, output helpers.

Command modules import this, never ``annotator.cli`` (which imports them to register
their commands). Kept light: no store, Textual or Rich at import time.
"""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from annotator.errors import AnnotatorError

if TYPE_CHECKING:
    from annotator.config import DeskConfig
    from annotator.store import SimilarClaim, Store


F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str) -> NoReturn:
    """One ``Error:`` line on stderr and exit status 1."""
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


class AnnotatorGroup(click.Group):
    """Turns the core's errors into one line and an exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AnnotatorError as exc:
            fail(str(exc))
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                fail("the database is busy with another reviewer's change: try again")
            fail(f"database error: {exc}")
        except sqlite3.IntegrityError as exc:
            fail(f"that change conflicts with what the database holds ({exc}); nothing was written")
        except sqlite3.DatabaseError as exc:
            fail(f"the database file is damaged ({exc}): restore it from a backup")
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(1)


@dataclass
class Context:
    """The global options, and the store and desk config opened on first use."""

    db_option: str | None
    reviewer_option: str | None
    scale_option: str | None
    _store: Store | None = field(default=None, repr=False)
    _config: DeskConfig | None = field(default=None, repr=False)

    @property
    def config(self) -> DeskConfig:
        if self._config is None:
            from annotator.config import load_config
            from annotator.paths import config_path

            self._config = load_config(config_path())
        return self._config

    @property
    def reviewer(self) -> str:
        name = self.reviewer_option or os.environ.get("ANNOTATOR_REVIEWER") or self.config.reviewer
        if not name:
            try:
                name = getpass.getuser()
            except (KeyError, OSError):
                name = "reviewer"
        return name

    def store(self) -> Store:
        if self._store is None:
            from annotator.paths import db_path
            from annotator.scales import load_scales
            from annotator.store import Store

            scale = self.scale_option or os.environ.get("ANNOTATOR_SCALE") or self.config.scale
            scales = load_scales(scale or None)
            self._store = Store.open(db_path(self.db_option), scales=scales)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


pass_ctx = click.make_pass_decorator(Context)

# The options every command takes, before or after the command's name:
# (option, Context field, help).
_GLOBAL_OPTIONS = (
    ("--db", "db_option", "PATH", "Database file (default: user data dir; env ANNOTATOR_DB)."),
    (
        "--reviewer",
        "reviewer_option",
        "NAME",
        "Who is working (env ANNOTATOR_REVIEWER, else the desk config, else the login name).",
    ),
    ("--scale", "scale_option", "FILE", "A TOML verdict scale to use instead of the default."),
)


def _set_global(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """An option given after the command overrides the one given before it."""
    if value is None or ctx.resilient_parsing:
        return
    obj = ctx.find_object(Context)
    if obj is not None and param.name is not None:
        setattr(obj, param.name, value)


def global_options(func: F) -> F:
    """``--db``, ``--reviewer`` and ``--scale`` as the group's own parameters."""
    for flag, _attr, metavar, help_text in reversed(_GLOBAL_OPTIONS):
        func = click.option(flag, metavar=metavar, help=help_text)(func)
    return func


def accept_global_options(command: click.Command) -> None:
    """Give ``command`` (and, for a group, each of its subcommands) the global options, so
    ``annotator grade 3 --reviewer bob`` means what ``annotator --reviewer bob grade 3``
    does; given after the command, they win."""
    taken = {opt for param in command.params for opt in getattr(param, "opts", ())}
    for flag, attr, metavar, help_text in _GLOBAL_OPTIONS:
        if flag not in taken:
            command.params.append(
                click.Option(
                    [flag, attr],
                    metavar=metavar,
                    help=help_text,
                    expose_value=False,
                    callback=_set_global,
                )
            )
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            accept_global_options(sub)


def echo_json(items: Any) -> None:
    """JSON for machines: indented, non-ASCII kept as it is."""
    click.echo(json.dumps(items, ensure_ascii=False, indent=2))


def table(headers: list[str], rows: list[list[Any]]) -> None:
    """A Rich table on a terminal; tab-separated text when piped."""
    if not sys.stdout.isatty():
        click.echo("\t".join(headers))
        for row in rows:
            click.echo("\t".join(" ".join(str(c).split()) for c in row))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    grid = Table(*headers, show_lines=False)
    for row in rows:
        grid.add_row(*(Text(str(c)) for c in row))
    Console().print(grid)


def one_line(text: str, width: int = 90) -> str:
    """White space folded to single spaces, cut with an ellipsis past ``width``."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def origin(hit: SimilarClaim) -> str:
    """Where an earlier check came from: a claim of an article, or another desk's review."""
    if hit.external:
        return f"external review {hit.ref[1]} by {hit.publisher or 'unknown desk'}"
    return f"claim {hit.ref[1]}, article {hit.article_id} {hit.article_title!r}"


def write_atomically(path: Path, content: str | bytes | Iterable[str]) -> None:
    """Write beside the target, then rename: a failure never leaves half a file.

    ``content`` may come in pieces (a streamed export), written as they come.
    """
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        if isinstance(content, bytes):
            tmp.write_bytes(content)
        else:
            with tmp.open("w", encoding="utf-8", newline="") as out:
                out.writelines([content] if isinstance(content, str) else content)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        fail(f"cannot write {str(path)!r}: {exc.strerror}")
    except BaseException:  # the pieces failed midway: no half file left behind
        tmp.unlink(missing_ok=True)
        raise


def with_progress(items: tuple[str, ...], what: str) -> Iterator[str]:
    """Yield items; a Rich progress bar on a terminal when there are many, else quiet."""
    if len(items) < 5 or not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task(what, total=len(items))
        for item in items:
            yield item
            progress.advance(task)


def require_terminal() -> None:
    """The review screen needs a terminal; say so instead of drawing into a pipe."""
    if not sys.stdout.isatty() and not os.environ.get("ANNOTATOR_FORCE_TUI"):
        fail("the review screen needs a terminal: run annotator in one, or use the commands")
