"""Articles: import, open, segment, and the articles and claims listings."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import click

from annotator.app.wording import counted
from annotator.cli.common import (
    ID,
    ISO_DATE,
    Context,
    echo_json,
    echo_utf8_lines,
    fail,
    no_cycle_collection,
    one_line,
    origin,
    pass_ctx,
    require_terminal,
    table,
    with_progress,
)
from annotator.errors import AnnotatorError
from annotator.model import Anchor, Claim

if TYPE_CHECKING:
    from annotator.app.importing import ImportResult, PendingImport
    from annotator.store import NewVersionReport
    from annotator.text.articles import LoadedText
    from annotator.tui.app import Settings


def read_input(path: str) -> LoadedText:
    """The text of a file the user named, or of standard input for ``-``."""
    from annotator.text.articles import load_text, read_article_file

    if path == "-":
        return load_text(sys.stdin.buffer.read(), "standard input")
    return read_article_file(path)


def import_one(
    obj: Context,
    path: str,
    *,
    title: str | None = None,
    url: str = "",
    author: str = "",
    date: str = "",
    replaces: int | None = None,
) -> ImportResult:
    """Read one file (or stdin) and import it through the one import use case."""
    from annotator.app.importing import check_url, import_text, source_of

    url = check_url(url)
    loaded = read_input(path)  # before the store opens: a bad file writes nothing
    return import_text(
        obj.store(),
        loaded,
        source=source_of(path, url),
        reviewer=obj.reviewer,
        threshold=obj.config.threshold,
        title=title,
        author=author,
        published=date,
        replaces=replaces,
    )


def run_tui(obj: Context, article_id: int | None, pending: PendingImport | None = None) -> None:
    """Open the review screen on the context's store (one article, or the last one, or
    the file ``pending`` once imported)."""
    require_terminal()
    from annotator.tui.app import make_app

    app = make_app(obj.store(), tui_settings(obj, article_id, pending))
    app.run()
    if app.failure is not None:  # the database failed mid-session: its one line
        fail(app.failure)


def tui_settings(
    obj: Context, article_id: int | None, pending: PendingImport | None = None
) -> Settings:
    """What the TUI needs from the command line, the environment and the desk config."""
    from annotator.paths import config_path
    from annotator.tui.app import Settings

    # No name given anywhere: the TUI asks for one first (and remembers it) rather
    # than silently recording everything under the login name.
    ask = not obj.configured_reviewer
    return Settings(
        reviewer=obj.reviewer,
        article_id=article_id,
        blind=obj.config.blind,
        # A name yet to be asked is an editor if the desk config names it (follow_desk).
        editor=False if ask else obj.viewer.editor,
        role=obj.role,
        threshold=obj.config.threshold,
        require_source=obj.config.require_source,
        desk=obj.config,
        config_path=config_path(),
        ask_reviewer=ask,
        pending_import=pending,
    )


# Who imports the bundled sample when nobody is named yet: the program, not a person.
SAMPLE_IMPORTER = "annotator"


def open_review(obj: Context) -> None:
    """``annotator`` alone: the review screen, with the sample article on an empty database."""
    require_terminal()
    if obj.store().article_to_open() is None:
        from annotator.app.importing import import_file
        from annotator.paths import sample_article

        import_file(
            obj.store(),
            sample_article(),
            reviewer=obj.configured_reviewer or SAMPLE_IMPORTER,
            threshold=obj.config.threshold,
        )
    run_tui(obj, None)


@click.command("import")
@click.argument("files", nargs=-1, required=True, metavar="FILE...|-")
@click.option("--title", help="Title (default: the first heading or line).")
@click.option("--url", default="", help="Where the article was published.")
@click.option("--author", default="", help="The article's author.")
@click.option(
    "--date", default="", type=ISO_DATE, help="Publication date (ISO 8601), e.g. 2023-08-24."
)
@click.option(
    "--replaces", type=ID, metavar="ARTICLE", help="A new version of ARTICLE: claims follow."
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
    if len(files) > 1 and (title or url or replaces):
        fail("--title, --url and --replaces name one article: import one file at a time")
    for path in with_progress(files, "Importing"):
        result = import_one(
            obj, path, title=title, url=url, author=author, date=date, replaces=replaces
        )
        if result.notice:
            click.echo(f"{path}: {result.notice}", err=True)
        if result.version is not None:
            from annotator.app.version_report import stale_grades_seen

            print_version_report(
                result.version, stale_grades_seen(obj.store(), result.version, obj.viewer)
            )
        state = "imported" if result.is_new else "already imported"
        claims = counted(result.claims, "claim")
        click.echo(f"article {result.article_id}: {claims} ({state}: {path})")
        if result.is_new:
            report_matches(obj, result.article_id)


def print_version_report(report: NewVersionReport, stale_grades: Sequence[int] = ()) -> None:
    """How an article's claims followed its new text; ``stale_grades``: the reworded
    claims whose grades were marked stale (as the reviewer may see them)."""
    from annotator.app.version_report import reworded_phrases

    if report.unchanged:
        click.echo(f"article {report.article_id}: text unchanged (version {report.version})")
        return
    counts = ", ".join(f"{n} {anchor}" for anchor, n in report.anchors.items()) or "no claims"
    click.echo(f"article {report.article_id}: version {report.version}; claims: {counts}")
    for phrase in reworded_phrases(report, stale_grades):
        click.echo(f"  {phrase}")
    if report.proposed:
        click.echo(f"  {counted(report.proposed, 'new claim')} proposed in new text")
    for claim in report.ambiguous:
        click.echo(f"  ambiguous: claim {claim.id} placed at {claim.start}: check it")
    for claim in report.orphaned:
        click.echo(f"  orphaned: claim {claim.id} not found: {one_line(claim.text, 70)}")


def report_matches(obj: Context, article_id: int) -> None:
    """After an import: each claim that an earlier check or another desk's review matches."""
    found = obj.store().article_matches(article_id, viewer=obj.viewer)
    shown = 0
    for claim, hits in found:
        best = hits[0]
        word = "matches" if best.kind == "match" else "near miss:"
        verdict = best.verdict or ("verdict hidden" if best.hidden else "no verdict")
        if best.stale:
            verdict += " (stale)"  # given before a correction changed that claim's words
        where = f"{origin(best)} [{verdict}, {best.score:.0f}]"
        click.echo(f"  claim {claim.id} {word} {where}: {best.reason}")
        shown += 1
    if shown:
        recall = "recalls" if shown == 1 else "recall"
        click.echo(
            f"  {counted(shown, 'claim')} {recall} earlier checks: see `annotator similar CLAIM`"
        )


@click.command()
@click.argument("file", default="-", metavar="FILE|-")
@click.option("--all", "show_all", is_flag=True, help="Every sentence, with its score.")
@click.option("--threshold", type=click.FloatRange(0, 1), help="Check-worthiness cut-off.")
@click.option(
    "--sentences",
    "sentences",
    is_flag=True,
    help="Print every unit (sentence, heading, list item...) as a span instead of claims.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Processes to read the text on (1: one). Default: one per core for a text of "
    "a million characters or more, else one. The output is the same for any N.",
)
def segment(
    file: str, show_all: bool, threshold: float | None, sentences: bool, jobs: int | None
) -> None:
    """Print the claims proposed for FILE as JSON lines (no database).

    With --sentences, print how the text is cut: one line per unit with its `start`,
    `end` (code points), `kind` and `text`. A long text is read on every core, in
    chunks cut at paragraph breaks (--jobs).
    """
    from annotator.app.segmenting import segment_utf8
    from annotator.text.proposer import DEFAULT_THRESHOLD

    if sentences and (show_all or threshold is not None):
        fail("--sentences prints units, not claims: leave out --all and --threshold")
    try:
        loaded = read_input(file)
    except AnnotatorError as exc:
        fail(str(exc))
    cut = DEFAULT_THRESHOLD if threshold is None else threshold
    with no_cycle_collection():
        lines = segment_utf8(
            loaded.text, sentences=sentences, threshold=cut, include_all=show_all, jobs=jobs
        )
    # One write for all lines: a large article has tens of thousands of claims.
    echo_utf8_lines(lines)


@click.command("open")
@click.argument("file", required=False)
@pass_ctx
def open_cmd(obj: Context, file: str | None) -> None:
    """Import FILE if it is new, then open it in the review screen."""
    require_terminal()
    if file and not obj.configured_reviewer:
        from annotator.app.importing import PendingImport, source_of

        # The first run: the screen asks who is working before anything is written, so
        # the import is recorded under the name given. Read now: a bad file fails here.
        run_tui(obj, None, PendingImport(read_input(file), source_of(file)))
        return
    article_id = import_one(obj, file).article_id if file else None
    run_tui(obj, article_id)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="A JSON array for machines.")
@pass_ctx
def articles(obj: Context, as_json: bool) -> None:
    """List the articles in the database."""
    from annotator.store import DISPUTED

    rows = obj.store().article_rows(viewer=obj.viewer)
    if as_json:
        # A generator: written as it is made (a year's desk lists 9,000 articles).
        echo_json(
            {
                "id": r.id,
                "title": r.title,
                "source": r.source,
                "author": r.author,
                "published": r.published,
                "sha256": r.sha256,
                "imported_at": r.imported_at,
                "claims": r.claims,
                "graded": r.graded,
                "dismissed": r.dismissed,
                # A disputed claim (reviewers disagree, unsettled) under no one's verdict.
                "disputed": r.verdicts.get(DISPUTED, 0),
                "verdicts": {k: n for k, n in r.verdicts.items() if k != DISPUTED},
            }
            for r in rows
        )
        return
    table(
        ["id", "title", "claims", "graded", "imported"],
        [[r.id, r.title, r.claims, r.graded, r.imported_at] for r in rows],
    )


@click.command()
@click.argument("article", type=ID)
@click.option("--status", type=click.Choice(["proposed", "accepted", "dismissed"]))
@click.option("--json", "as_json", is_flag=True, help="A JSON array for machines.")
@pass_ctx
def claims(obj: Context, article: int, status: str | None, as_json: bool) -> None:
    """List the claims of ARTICLE, in text order, with what needs a person again (flags:
    stale after a correction, a label stating numbers the words lost)."""
    from annotator.app.claim_flags import claim_flags, verdicts_shown

    store = obj.store()
    store.get_article(article)
    items = [c for c in store.claims(article) if not status or c.status == status]
    flags = claim_flags(store, items, obj.viewer)
    # A disputed claim has no verdict until a final one (as in the review screen's list).
    verdicts = verdicts_shown(
        store, store.current_verdicts(article, viewer=obj.viewer), flags, obj.viewer
    )
    if as_json:
        echo_json(
            [
                {
                    **c.to_dict(),
                    "verdict": verdicts.get(c.id, ""),
                    "flags": sorted(flags.get(c.id, ())),
                }
                for c in items
            ]
        )
        return
    table(
        ["id", "status", "score", "verdict", "flags", "label"],
        [
            [
                c.id,
                c.status,
                f"{c.score:.2f}",
                verdicts.get(c.id, ""),
                _flag_cell(c, flags.get(c.id, ())),
                c.label,
            ]
            for c in items
        ],  # fmt: skip
    )


def _flag_cell(claim: Claim, flags: Iterable[str]) -> str:
    """The flags column: the claim's flags, and ``orphaned`` when its words left the text
    in a newer version (as the review screen's list says; ``--json`` has it as the
    ``anchor``), so its listed words are not taken for the article's."""
    orphaned = ("orphaned",) if claim.anchor == Anchor.ORPHANED else ()
    return " ".join((*orphaned, *sorted(flags)))
