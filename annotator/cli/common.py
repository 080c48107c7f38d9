"""What every command module shares: the context, errors as one line, output helpers.

Command modules import this, never ``annotator.cli`` (which imports them to register
their commands). Kept light: no store, Textual or Rich at import time.
"""

from __future__ import annotations

import codecs
import gc
import getpass
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, TypeVar

import click

from annotator.errors import AnnotatorError

if TYPE_CHECKING:
    from rich.console import Console

    from annotator.config import DeskConfig
    from annotator.grades.visibility import Viewer
    from annotator.store import SimilarClaim, Store


F = TypeVar("F", bound=Callable[..., Any])


def login_name() -> str:
    """The login name: who works when no name was given (the TUI asks instead)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "reviewer"


def fail(message: str) -> NoReturn:
    """One ``Error:`` line on stderr and exit status 1."""
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


class VisibleStream:
    """A text stream that shows control characters as visible symbols (``text.terminal``).

    Installed over stdout and stderr while a command runs: whatever a command prints for
    people (listings, messages, errors naming a file) carries stored text, and an ESC in an
    article, a citation or a reviewer's name must not reach the terminal as one. Data
    goes around it (``echo_data``), and so does Rich (``rich_console``), which writes its
    own escape sequences around text already made visible.
    """

    def __init__(self, stream: TextIO) -> None:
        self.raw = stream

    def write(self, text: str) -> int:
        from annotator.text.terminal import printable

        return self.raw.write(printable(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


@contextmanager
def visible_output() -> Iterator[None]:
    """stdout and stderr as ``VisibleStream`` for the time of a command (not nested)."""
    if isinstance(sys.stdout, VisibleStream):
        yield
        return
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = VisibleStream(out), VisibleStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def raw_stream(stream: TextIO) -> TextIO:
    """The stream under a ``VisibleStream`` (the stream itself otherwise)."""
    return stream.raw if isinstance(stream, VisibleStream) else stream


def echo_data(text: str, *, nl: bool = True) -> None:
    """Data (an export, JSON) exactly as it is when piped or written to a file; on a
    terminal its control characters are shown as symbols like any other output."""
    out = raw_stream(sys.stdout)
    if out.isatty():  # CSV's CRLF line ends are line ends here, not a control to show
        click.echo(text.replace("\r\n", "\n"), nl=nl, file=sys.stdout)
    else:
        click.echo(text, nl=nl, file=out)


def rich_console(*, stderr: bool = False) -> Console:
    """A Rich console on the real stream: its styles are escape sequences. Text given to
    it must already be ``visible``."""
    from rich.console import Console

    return Console(file=raw_stream(sys.stderr if stderr else sys.stdout))


class AnnotatorGroup(click.Group):
    """Turns the core's errors into one line and an exit code, never a traceback; shows
    control characters in everything printed as visible symbols; points a command people
    type that annotator does not have to the one it has (``cli.pointers``)."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        from annotator.cli.pointers import pointer_for

        words = command_words(ctx)
        for typed in (tuple(args[:1]), tuple(args[:2])):
            pointer = pointer_for(words + typed) if typed else None
            if pointer is not None:
                click.echo(f"Error: {pointer.message(words + typed)}", err=True)
                ctx.exit(2)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        with visible_output():
            return self._invoke(ctx)

    def _invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AnnotatorError as exc:
            fail(str(exc))
        except sqlite3.DatabaseError as exc:
            from annotator.store import database_failure

            obj = ctx.find_object(Context)
            opened = obj._store if obj is not None else None
            fail(database_failure(exc, opened.name) if opened else database_failure(exc))
        except UnicodeError as exc:
            # A surrogate escape: an argument (or a name) with bytes that are not UTF-8.
            # Every store action is one transaction, so nothing was written.
            bad = exc.object[exc.start : exc.end] if isinstance(exc, UnicodeEncodeError) else ""
            fail(
                f"a value holds bytes that are not UTF-8 text ({bad!r}): give it as UTF-8;"
                " nothing was written"
            )
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(1)
        except KeyboardInterrupt:
            # Ctrl-C (click would print "Aborted!"): every action is one transaction, so
            # what was saved before is whole and the action under way left nothing.
            click.echo(
                "Error: interrupted: the action under way was not saved (actions finished"
                " before it are); run the command again to finish it",
                err=True,
            )
            sys.exit(130)  # 128 + SIGINT, as a shell reports a command Ctrl-C stopped


def command_words(ctx: click.Context) -> tuple[str, ...]:
    """The command's words after ``annotator`` (``("cite", "add")``; ``()`` at the top)."""
    words: list[str] = []
    while ctx.parent is not None:
        words.append(ctx.info_name or "")
        ctx = ctx.parent
    return tuple(reversed(words))


# SQLite's integers are 64-bit: a larger id names nothing and cannot even be looked up.
MAX_ID = 2**63 - 1


class IdType(click.ParamType[int, Any]):
    """A row id (claim, article, citation, evidence): a whole number from 1 to 2^63 - 1.

    Anything else is one ``Error:`` line (exit 1) naming the argument, like every other
    bad value, rather than click's usage block: the value was understood, it names
    nothing.
    """

    name = "id"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ID:
            return value
        text = str(value).strip()
        what = (param.human_readable_name if param else "id").upper()
        if text.isdecimal() and text.isascii() and len(text) <= 19 and 1 <= int(text) <= MAX_ID:
            return int(text)
        from annotator.errors import InputError
        from annotator.text.terminal import visible

        raise InputError(
            f"{what} {visible(text[:40])!r} is not an id: give a whole number from 1 to"
            f" {MAX_ID} (list them to find the id)"
        )


class OffsetType(click.ParamType[int, Any]):
    """A character offset into an article's text: a whole number from 0. Anything else is
    one ``Error:`` line naming the option, as for an id; whether it lies inside the
    article is the use case's to say (it knows the text's length)."""

    name = "offset"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_ID:
            return value
        text = str(value).strip()
        what = param.opts[0] if param and param.opts else "offset"
        from annotator.errors import InputError
        from annotator.text.terminal import visible

        digits = text.removeprefix("-")
        if digits.isdecimal() and digits.isascii() and len(digits) <= 19:
            if text.startswith("-"):
                raise InputError(
                    f"{what} {text} is negative: offsets count characters from 0,"
                    " the start of the article's text"
                )
            if int(text) <= MAX_ID:
                return int(text)
        raise InputError(
            f"{what} {visible(text[:40])!r} is not an offset: give a whole number of"
            " characters from the start of the article's text (0 is its first)"
        )


class LimitType(click.ParamType[int, Any]):
    """How many results at most: a whole number from 1. The listings cut a list at it, so
    0 listed nothing (or, for quotes, one) and -1 everything but the last."""

    name = "count"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ID:
            return value
        text = str(value).strip()
        if text.isdecimal() and text.isascii() and len(text) <= 19 and 1 <= int(text) <= MAX_ID:
            return int(text)
        what = param.opts[0] if param and param.opts else "limit"
        from annotator.errors import InputError
        from annotator.text.terminal import visible

        raise InputError(
            f"{what} {visible(text[:40])!r} is not a number of results: give a whole number from 1"
        )


class IsoDateType(click.ParamType[str, Any]):
    """A date as ISO 8601 (``2023-08-24``, ``2023-08``, ``2023``): checked, one line if not."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from annotator.text.dates import parse_date

        what = "--" + (param.name or "date") if param else "date"
        return parse_date(str(value), what)


ID = IdType()
OFFSET = OffsetType()
LIMIT = LimitType()
ISO_DATE = IsoDateType()


@dataclass
class Context:
    """The global options, and the store and desk config opened on first use."""

    db_option: str | None
    reviewer_option: str | None
    scale_option: str | None
    role_option: str | None = None
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
    def configured_reviewer(self) -> str:
        """The name given (option, environment, desk config), checked; "" when none is.

        Every change is recorded under this name and blind review compares it, so a
        name that could not be typed back (empty, control characters, a comma) is one
        ``Error:`` line naming where it came from, not a grade under a name nobody has.
        An empty environment variable or config value counts as not given.
        """
        from annotator.grades.visibility import check_reviewer_name

        given = (
            (self.reviewer_option, "--reviewer"),
            (os.environ.get("ANNOTATOR_REVIEWER") or None, "ANNOTATOR_REVIEWER"),
            (self.config.reviewer or None, "the desk config's reviewer"),
        )
        for name, where in given:
            if name is not None:
                return check_reviewer_name(name, f"{where} name")
        return ""

    @property
    def reviewer(self) -> str:
        return self.configured_reviewer or login_name()

    @property
    def role(self) -> str | None:
        """The role asked for (--role, ANNOTATOR_ROLE), checked; None when none is."""
        from annotator.grades.visibility import ROLES

        role = self.role_option or os.environ.get("ANNOTATOR_ROLE") or None
        if role is not None and role not in ROLES:
            fail(f"role {role!r} is not one: use {' or '.join(ROLES)} (--role, ANNOTATOR_ROLE)")
        return role

    @property
    def viewer(self) -> Viewer:
        """Who is looking: what blind review lets this reviewer see of others' grades."""
        from annotator.grades.visibility import make_viewer

        return make_viewer(
            self.reviewer, blind=self.config.blind, editors=self.config.editors, role=self.role
        )

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
    (
        "--role",
        "role_option",
        "ROLE",
        "reviewer or editor (env ANNOTATOR_ROLE): editor is only for the editors named in"
        " the desk config (who see every grade despite blind review); reviewer has one of"
        " them work as a reviewer.",
    ),
)


def _set_global(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """An option given after the command overrides the one given before it."""
    if value is None or ctx.resilient_parsing:
        return
    obj = ctx.find_object(Context)
    if obj is not None and param.name is not None:
        setattr(obj, param.name, value)


def global_options(func: F) -> F:
    """``--db``, ``--reviewer``, ``--scale`` and ``--role`` as the group's own parameters."""
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


# A JSON document up to this size is made in memory before it is written; a larger one
# in a temporary file (a year's listing is about 3 MB).
_JSON_IN_MEMORY = 16 * 1024 * 1024


def echo_json(items: Any) -> None:
    """JSON for machines: indented, non-ASCII kept as it is, every value exact; DEL and
    C1 controls as ``\\u`` escapes, so it is safe on a terminal too.

    An iterator in ``items``, at its top or as a value of its top-level object, is a list
    made element by element (``json_text``), so a large listing is never held as objects.
    The document is written only once whole: an error while it is made (a database
    busy, a row that cannot be read) writes nothing to stdout, only the ``Error:`` line,
    so a consumer never reads half a document as if it were all.
    """
    import shutil
    import tempfile

    from annotator.export.json_text import json_chunks
    from annotator.text.terminal import json_terminal_safe

    # surrogatepass: a lone surrogate (a file name that is not UTF-8) comes back as it went.
    with tempfile.SpooledTemporaryFile(
        max_size=_JSON_IN_MEMORY, mode="w+", encoding="utf-8", errors="surrogatepass", newline=""
    ) as document:
        # Pieces gathered to about 64 KB, each made terminal-safe at once.
        pending: list[str] = []
        size = 0
        for chunk in json_chunks(items):
            pending.append(chunk)
            size += len(chunk)
            if size > 65536:
                document.write(json_terminal_safe("".join(pending)))
                pending, size = [], 0
        pending.append("\n")
        document.write(json_terminal_safe("".join(pending)))
        document.seek(0)
        out = raw_stream(sys.stdout)
        shutil.copyfileobj(document, out, 65536)
        out.flush()


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused for a batch of pure text work, then as it was.

    Proposing claims for a long article makes millions of short-lived tuples and lists
    and no reference cycles: the collector's passes over them were a twentieth of
    ``annotator segment``'s time and could free nothing (reference counts free them).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def echo_json_lines(rows: Iterable[Any]) -> None:
    """JSON lines for machines, in one write (see ``json_lines``); nothing for no rows."""
    from annotator.export.json_text import json_lines

    echo_lines(json_lines(rows))


def echo_lines(text: str) -> None:
    """Lines of data made already (JSON lines), in one write with a final line end;
    nothing for no text. Written as ``click.echo`` would: JSON has no raw escape for it
    to strip."""
    if text:
        out = raw_stream(sys.stdout)
        out.write(text + "\n")
        out.flush()


def echo_utf8_lines(data: bytes) -> None:
    """``echo_lines`` for lines made in UTF-8 already: written as bytes where stdout
    writes UTF-8 (no decoding and encoding again of a large article's lines), else as
    the text they are."""
    out = raw_stream(sys.stdout)
    buffer = getattr(out, "buffer", None)
    if buffer is None or codecs.lookup(out.encoding).name != "utf-8":
        echo_lines(data.decode("utf-8"))
    elif data:
        out.flush()  # what was written as text before goes first
        buffer.write(data)  # not joined to its line end: a copy of megabytes
        buffer.write(b"\n")
        buffer.flush()


def table(headers: list[str], rows: list[list[Any]]) -> None:
    """A Rich table on a terminal; tab-separated text when piped."""
    if not sys.stdout.isatty():
        # One write: click.echo flushes each call, a flush per row of a year's desk.
        lines = ["\t".join(headers)]
        lines.extend("\t".join(" ".join(str(c).split()) for c in row) for row in rows)
        click.echo("\n".join(lines))
        return
    from rich.table import Table
    from rich.text import Text

    from annotator.text.terminal import visible

    grid = Table(*headers, show_lines=False)
    for row in rows:
        grid.add_row(*(Text(visible(str(c))) for c in row))
    rich_console().print(grid)


def one_line(text: str, width: int = 90) -> str:
    """White space folded to single spaces, cut with an ellipsis past ``width``."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def origin(hit: SimilarClaim) -> str:
    """Where an earlier check came from: a claim of an article, or another desk's review."""
    if hit.external:
        return f"external review {hit.ref[1]} by {hit.publisher or 'unknown desk'}"
    return f"claim {hit.ref[1]}, article {hit.article_id} {hit.article_title!r}"


def _dash_is_stdout(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    # "-" is standard output, as it is standard input where a command reads FILE|-: a
    # file named "-" is still reachable as ./-
    return None if value == "-" else value


def output_option(func: F) -> F:
    """``-o/--output FILE``: write to FILE; none or ``-``: standard output."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, writable=True, allow_dash=True),
        callback=_dash_is_stdout,
        help="Write to this file (default, or -: standard output).",
    )(func)


def write_atomically(
    path: Path, content: str | bytes | Iterable[str], *, held: Iterable[Path] = ()
) -> None:
    """Write through a temporary file beside the target (``files.write_file_atomically``);
    ``content`` may come in pieces (a streamed export), written as they come; never over
    ``held``, the files of the database in use."""
    from annotator.files import write_file_atomically

    write_file_atomically(path, content, held=held)


def with_progress(items: tuple[str, ...], what: str) -> Iterator[str]:
    """Yield items; a Rich progress bar on a terminal when there are many, else quiet."""
    if len(items) < 5 or not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import Progress

    with Progress(transient=True, console=rich_console(stderr=True)) as progress:
        task = progress.add_task(what, total=len(items))
        for item in items:
            yield item
            progress.advance(task)


def require_terminal() -> None:
    """The review screen needs a terminal; say so instead of drawing into a pipe."""
    if not sys.stdout.isatty() and not os.environ.get("ANNOTATOR_FORCE_TUI"):
        fail("the review screen needs a terminal: run annotator in one, or use the commands")
