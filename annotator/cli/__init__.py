"""The command line: parse, call the core, print.

Heavy imports (the store, Textual, Rich) happen inside the commands that need them,
so ``annotator --help`` stays as quick as click itself.
"""

from __future__ import annotations

import getpass
import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from annotator import __version__
from annotator.errors import AnnotatorError

if TYPE_CHECKING:
    from annotator.config import DeskConfig
    from annotator.store import Store
    from annotator.text.articles import LoadedText


def fail(message: str) -> NoReturn:
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


@click.group(cls=AnnotatorGroup, invoke_without_command=True)
@click.option(
    "--db", "db", metavar="PATH", help="Database file (default: user data dir; env ANNOTATOR_DB)."
)
@click.option(
    "--reviewer",
    metavar="NAME",
    help="Who is working (env ANNOTATOR_REVIEWER; default: login name).",
)
@click.option("--scale", metavar="FILE", help="A TOML verdict scale to use instead of the default.")
@click.version_option(__version__, prog_name="annotator")
@click.pass_context
def cli(ctx: click.Context, db: str | None, reviewer: str | None, scale: str | None) -> None:
    """annotator: check an article claim by claim, from the keyboard.

    Run with no command to open the review screen (the bundled sample article is
    imported on an empty database).
    """
    obj = Context(db, reviewer, scale)
    ctx.obj = obj
    ctx.call_on_close(obj.close)
    if ctx.invoked_subcommand is None:
        _require_terminal()
        store = obj.store()
        if not store.list_articles():
            from annotator.paths import sample_article

            _import_one(obj, sample_article(), title=None)
        _run_tui(obj, None)


def _require_terminal() -> None:
    if not sys.stdout.isatty() and not os.environ.get("ANNOTATOR_FORCE_TUI"):
        fail("the review screen needs a terminal: run annotator in one, or use the commands")


def _run_tui(obj: Context, article_id: int | None) -> None:
    _require_terminal()
    from annotator.tui.app import Settings, make_app

    app = make_app(
        obj.store(),
        Settings(
            reviewer=obj.reviewer,
            article_id=article_id,
            blind=obj.config.blind,
            threshold=obj.config.threshold,
        ),
    )
    app.run()


# -- importing --------------------------------------------------------------------


def _read_input(path: str) -> LoadedText:
    from annotator.text.articles import load_text, read_article_file

    if path == "-":
        return load_text(sys.stdin.buffer.read(), "standard input")
    return read_article_file(path)


def _import_one(
    obj: Context,
    path: str | Path,
    *,
    title: str | None,
    url: str = "",
    author: str = "",
    date: str = "",
    replaces: int | None = None,
) -> tuple[int, int, bool, str]:
    """Import one file; returns (article id, claim count, newly imported, notice)."""
    from annotator.text.articles import guess_title, sha256_text
    from annotator.text.proposer import DEFAULT_THRESHOLD, propose_claims

    loaded = _read_input(str(path))
    store = obj.store()
    existing = store.find_article(sha256_text(loaded.text))
    if existing is not None:
        return existing.id, len(store.claims(existing.id)), False, loaded.notice
    threshold = DEFAULT_THRESHOLD if obj.config.threshold is None else obj.config.threshold
    proposals = propose_claims(loaded.text, threshold=threshold)
    source = url or ("stdin" if str(path) == "-" else str(Path(path).resolve()))
    from annotator.cli.memory import import_version, previous_version

    if (previous := previous_version(store, source, replaces)) is not None:
        count = import_version(obj, previous, loaded, proposals, source)
        return previous, count, True, loaded.notice
    article = store.import_article(
        loaded.text,
        title=title or guess_title(loaded.text),
        reviewer=obj.reviewer,
        proposals=proposals,
        source=source,
        author=author,
        published=date,
        format=loaded.format,
        original=loaded.original,
    )
    return article.id, len(proposals), True, loaded.notice


@cli.command("import")
@click.argument("files", nargs=-1, required=True, metavar="FILE...|-")
@click.option("--title", help="Title (default: the first heading or line).")
@click.option("--url", default="", help="Where the article was published.")
@click.option("--author", default="", help="The article's author.")
@click.option("--date", default="", help="Publication date, e.g. 2023-08-24.")
@click.option(
    "--replaces", type=int, metavar="ARTICLE", help="A new version of ARTICLE: claims follow."
)
@pass_ctx
def import_cmd(
    obj: Context,
    files: tuple[str, ...],
    title: str | None,
    url: str,
    author: str,
    date: str,
    replaces: int | None,
) -> None:
    """Import articles (text, Markdown, HTML; - reads stdin) and propose their claims.

    A file imported again from the same source after it changed (or given with
    --replaces) is a new version of its article: claims, grades and links follow.
    New claims that match earlier checks are reported.
    """
    from annotator.cli.memory import report_matches

    if len(files) > 1 and (title or url or replaces):
        fail("--title, --url and --replaces name one article: import one file at a time")
    for path, result in _with_progress(files, "Importing"):
        article_id, count, new, notice = _import_one(
            obj, path, title=title, url=url, author=author, date=date, replaces=replaces
        )
        if notice:
            click.echo(f"{path}: {notice}", err=True)
        state = "imported" if new else "already imported"
        click.echo(f"article {article_id}: {count} claims ({state}: {path})")
        if new:
            report_matches(obj, article_id)
        result.append(article_id)


def _with_progress(items: tuple[str, ...], what: str) -> Iterator[tuple[str, list[int]]]:
    """Yield items; a Rich progress bar on a terminal when there are many, else quiet."""
    done: list[int] = []
    if len(items) < 5 or not sys.stderr.isatty():
        for item in items:
            yield item, done
        return
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task(what, total=len(items))
        for item in items:
            yield item, done
            progress.advance(task)


@cli.command()
@click.argument("file", default="-", metavar="FILE|-")
@click.option("--all", "show_all", is_flag=True, help="Every sentence, with its score.")
@click.option("--threshold", type=click.FloatRange(0, 1), help="Check-worthiness cut-off.")
def segment(file: str, show_all: bool, threshold: float | None) -> None:
    """Print the claims proposed for FILE as JSON lines (no database)."""
    from annotator.text.proposer import DEFAULT_THRESHOLD, propose_claims

    try:
        loaded = _read_input(file)
    except AnnotatorError as exc:
        fail(str(exc))
    cut = DEFAULT_THRESHOLD if threshold is None else threshold
    for claim in propose_claims(loaded.text, threshold=cut, include_all=show_all):
        click.echo(json.dumps(claim.to_dict(), ensure_ascii=False))


@cli.command("open")
@click.argument("file", required=False)
@pass_ctx
def open_cmd(obj: Context, file: str | None) -> None:
    """Import FILE if it is new, then open it in the review screen."""
    _require_terminal()
    article_id = None
    if file:
        article_id, _count, _new, _notice = _import_one(obj, file, title=None)
    _run_tui(obj, article_id)


# -- listings -----------------------------------------------------------------------


def _echo_json(items: list[dict[str, Any]]) -> None:
    click.echo(json.dumps(items, ensure_ascii=False, indent=2))


def _table(headers: list[str], rows: list[list[Any]]) -> None:
    """A Rich table on a terminal; tab-separated text when piped."""
    if not sys.stdout.isatty():
        click.echo("\t".join(headers))
        for row in rows:
            click.echo("\t".join(" ".join(str(c).split()) for c in row))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(*headers, show_lines=False)
    for row in rows:
        table.add_row(*(Text(str(c)) for c in row))
    Console().print(table)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="A JSON array for machines.")
@pass_ctx
def articles(obj: Context, as_json: bool) -> None:
    """List the articles in the database."""
    summaries = obj.store().article_summaries()
    if as_json:
        _echo_json(
            [
                {
                    "id": s.article.id,
                    "title": s.article.title,
                    "source": s.article.source,
                    "author": s.article.author,
                    "published": s.article.published,
                    "sha256": s.article.sha256,
                    "imported_at": s.article.imported_at,
                    "claims": s.claims,
                    "graded": s.graded,
                    "dismissed": s.dismissed,
                    "verdicts": s.verdicts,
                }
                for s in summaries
            ]
        )
        return
    _table(
        ["id", "title", "claims", "graded", "imported"],
        [
            [s.article.id, s.article.title, s.claims, s.graded, s.article.imported_at]
            for s in summaries
        ],
    )


@cli.command()
@click.argument("article", type=int)
@click.option("--status", type=click.Choice(["proposed", "accepted", "dismissed"]))
@click.option("--json", "as_json", is_flag=True, help="A JSON array for machines.")
@pass_ctx
def claims(obj: Context, article: int, status: str | None, as_json: bool) -> None:
    """List the claims of ARTICLE, in text order."""
    store = obj.store()
    store.get_article(article)
    items = [c for c in store.claims(article) if not status or c.status == status]
    verdicts = store.current_verdicts(article)
    if as_json:
        _echo_json([{**c.to_dict(), "verdict": verdicts.get(c.id, "")} for c in items])
        return
    _table(
        ["id", "status", "score", "verdict", "label"],
        [[c.id, c.status, f"{c.score:.2f}", verdicts.get(c.id, ""), c.label] for c in items],
    )


# -- claims: curation -------------------------------------------------------------------


@cli.command("claim")
@click.argument("action", type=click.Choice(["accept", "dismiss", "restore"]))
@click.argument("claim_id", type=int)
@pass_ctx
def claim_cmd(obj: Context, action: str, claim_id: int) -> None:
    """Accept, dismiss or restore a claim."""
    store = obj.store()
    method = {
        "accept": store.accept_claim,
        "dismiss": store.dismiss_claim,
        "restore": store.restore_claim,
    }[action]
    claim = method(claim_id, reviewer=obj.reviewer)
    click.echo(f"claim {claim.id}: {claim.status}")


@cli.command()
@click.argument("claim_id", type=int)
@click.argument("label")
@pass_ctx
def label(obj: Context, claim_id: int, label: str) -> None:
    """Set the short label of a claim."""
    claim = obj.store().edit_label(claim_id, label, reviewer=obj.reviewer)
    click.echo(f"claim {claim.id}: {claim.label}")


# -- citations and evidence ----------------------------------------------------------------


@cli.group(cls=AnnotatorGroup)
def cite() -> None:
    """The citation library: add, import, search, merge and export sources."""


@cite.command("search")
@click.argument("query")
@click.option("--limit", default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="A JSON array for machines.")
@pass_ctx
def cite_search(obj: Context, query: str, limit: int, as_json: bool) -> None:
    """Fuzzy search of the citation library (typos allowed; an identifier wins)."""
    from annotator.sources.identifiers import format_reference

    hits = obj.store().search_citations(query, limit=limit)
    if as_json:
        _echo_json([{**c.to_dict(), "score": round(s, 1)} for c, s in hits])
        return
    _table(["id", "score", "reference"], [[c.id, f"{s:.0f}", format_reference(c)] for c, s in hits])


@cite.command("list")
@click.option("--json", "as_json", is_flag=True, help="A JSON array for machines.")
@pass_ctx
def cite_list(obj: Context, as_json: bool) -> None:
    """List every citation in the library."""
    from annotator.sources.identifiers import format_reference

    items = obj.store().list_citations()
    if as_json:
        _echo_json([c.to_dict() for c in items])
        return
    _table(
        ["id", "type", "reference"], [[c.id, c.evidence_type, format_reference(c)] for c in items]
    )


@cli.command()
@click.argument("claim_id", type=int)
@click.argument("citation_id", type=int)
@click.option(
    "--stance", required=True, type=click.Choice(["supports", "contradicts", "mixed", "mentions"])
)
@click.option("--quote", default="", help="The passage of the source.")
@click.option("--locator", default="", help="Page, section or table.")
@click.option("--note", default="")
@pass_ctx
def link(
    obj: Context, claim_id: int, citation_id: int, stance: str, quote: str, locator: str, note: str
) -> None:
    """Link a claim to a citation as evidence."""
    ev = obj.store().link_evidence(
        claim_id,
        citation_id,
        stance,
        reviewer=obj.reviewer,
        quote=quote,
        locator=locator,
        note=note,
    )
    click.echo(
        f"evidence {ev.id}: claim {claim_id} {ev.stance} by citation {citation_id}"
        f" (quote: {ev.quote_verified})"
    )


@cli.command()
@click.argument("claim_id", type=int)
@click.option("--verdict", required=True, help="A level of the scale in force.")
@click.option("--certainty", default="", help="high, moderate, low or very-low.")
@click.option("--reason", "reasons", multiple=True, help="A reason tag; repeat for more.")
@click.option("--note", default="", help="The rationale (required with --final).")
@click.option("--final", is_flag=True, help="The editor's final verdict, settling a disagreement.")
@pass_ctx
def grade(
    obj: Context,
    claim_id: int,
    verdict: str,
    certainty: str,
    reasons: tuple[str, ...],
    note: str,
    final: bool,
) -> None:
    """Grade a claim: a verdict, the certainty of the evidence and a note."""
    g = obj.store().grade_claim(
        claim_id,
        verdict,
        reviewer=obj.reviewer,
        certainty=certainty,
        reasons=reasons,
        note=note,
        final=final,
    )
    click.echo(f"claim {claim_id}: {g.verdict}" + (f" ({g.certainty})" if g.certainty else ""))


# -- output -------------------------------------------------------------------------------


@cli.command()
@click.argument("claim_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="A JSON array for machines.")
@pass_ctx
def history(obj: Context, claim_id: int, as_json: bool) -> None:
    """Every change to a claim, as sentences: who did what, and when."""
    from annotator.app.event_sentences import event_sentence

    events = obj.store().history(claim_id)
    if as_json:
        _echo_json([e.to_dict() for e in events])
        return
    for e in events:
        click.echo(f"{e.at}  {event_sentence(e)}")


@cli.command()
@pass_ctx
def undo(obj: Context) -> None:
    """Revert your last action."""
    events = obj.store().undo_last(reviewer=obj.reviewer)
    if not events:
        fail(f"nothing to undo for reviewer {obj.reviewer!r}")
    click.echo(f"undone: {events[-1].action} {events[-1].entity} {events[-1].entity_id}")


def _write_atomically(path: Path, content: str | bytes) -> None:
    """Write beside the target, then rename: a failure never leaves half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        if isinstance(content, bytes):
            tmp.write_bytes(content)
        else:
            tmp.write_text(content, encoding="utf-8", newline="")
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        fail(f"cannot write {str(path)!r}: {exc.strerror}")


# The citation library's and evidence commands live in their own module.
import annotator.cli.cite  # noqa: E402, F401

# export, stats and config live in cli_export.py; imported last, as they use the above.
from annotator.cli.export import config_cmd, export, stats  # noqa: E402

cli.add_command(export)
cli.add_command(stats)
cli.add_command(config_cmd)


def main() -> None:
    cli(prog_name="annotator")


# Claim memory commands (similar, reuse, import-reviews, versions) register on ``cli``.
import annotator.cli.memory  # noqa: E402, F401

# Team review commands register themselves on ``cli`` (kept apart to keep this file small).
import annotator.cli.team  # noqa: E402, F401
