"""Team review: agreement, verify (the event log), merge (a colleague's file), assign."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from annotator.app.wording import counted
from annotator.cli.common import (
    ID,
    Context,
    echo_json,
    fail,
    one_line,
    pass_ctx,
    table,
)

if TYPE_CHECKING:
    from annotator.app.agreement_report import AgreementReport
    from annotator.app.assigning import AssignmentChange


@click.command()
@click.argument("articles", nargs=-1, type=ID, metavar="[ARTICLE]...")
@click.option("--pair", nargs=2, metavar="A B", help="Reviewers of the confusion matrix.")
@click.option("--json", "as_json", is_flag=True, help="A JSON object for machines.")
@pass_ctx
def agreement(
    obj: Context, articles: tuple[int, ...], pair: tuple[str, str] | None, as_json: bool
) -> None:
    """Agreement between reviewers on ARTICLE (default: every article)."""
    from annotator.app.agreement_report import agreement_report

    report = agreement_report(
        obj.store(), list(articles) or None, pair=pair or None, viewer=obj.viewer
    )
    if as_json:
        echo_json(report.to_dict())
        return
    _print_report(report)


def _print_report(report: AgreementReport) -> None:
    from annotator.app.agreement_report import PAIR_COLUMNS, headline, pair_cells

    for line in headline(report):
        click.echo(line)
    click.echo("\nPairs of reviewers")
    table(list(PAIR_COLUMNS), [pair_cells(p) for p in report.pairs])
    if report.confusion is not None:
        c = report.confusion
        click.echo(f"\nConfusion matrix: {c.first} (rows) by {c.second} (columns)")
        table(
            [f"{c.first} \\ {c.second}", *c.categories],
            [[cat, *row] for cat, row in zip(c.categories, c.matrix, strict=True)],
        )
    from annotator.app.agreement_report import figure, percent

    click.echo("\nArticles")
    table(
        ["id", "title", "claims", "graded twice", "agree", "alpha", "disagree", "settled"],
        [
            [
                a.article_id,
                a.title,
                a.claims,
                a.double_graded,
                percent(a.percent),
                figure(a.alpha),
                a.disagreements,
                a.settled,
            ]
            for a in report.articles
        ],
    )
    click.echo("\nDisagreements, worst first")
    table(
        ["claim", "spread", "verdicts", "final", "label"],
        [
            [
                d.claim_id,
                d.spread,
                ", ".join(f"{r}: {v}" for r, v in d.verdicts.items()),
                d.final or "(unsettled)",
                d.label,
            ]
            for d in report.disagreements
        ],
    )
    click.echo(f"\nMissing grades: {report.missing_policy}")
    click.echo(f"Not checkable: {report.off_scale_policy}")


@click.command()
@click.option("--expect", metavar="HEAD", help="A head noted earlier (COUNT:HASH) to check.")
@click.option("--json", "as_json", is_flag=True, help="A JSON object for machines.")
@pass_ctx
def verify(obj: Context, expect: str | None, as_json: bool) -> None:
    """Check the event log, the database it proves, and the file; print the log's head."""
    from annotator.app.event_log import parse_head

    expected = parse_head(expect) if expect is not None else None
    store = obj.store()
    report = store.verify_log(expected)
    integrity = store.integrity_check()
    if as_json:
        click.echo(
            json.dumps(
                {
                    "intact": report.intact,
                    "events": report.events,
                    "rows_checked": report.rows_checked,
                    "head": str(report.head),
                    "stored_head": None if report.stored_head is None else str(report.stored_head),
                    "broken_at": report.first_broken_event,
                    "problems": [{"where": p.where, "what": p.what} for p in report.problems],
                    "more_problems": report.more_problems,
                    "integrity": integrity,
                }
            )
        )
    else:
        for problem in report.problems:
            click.echo(f"  {safe_line(str(problem))}")
        if report.more_problems:
            click.echo(f"  ... and {report.more_problems} more")
        if report.intact:
            click.echo(
                f"event log intact: {report.events} events, every hash follows from the one"
                f" before; {report.rows_checked} rows are what the log recorded"
            )
            if expected is not None:
                click.echo(f"the log begins with the head given ({expected.events} events)")
        click.echo(f"log head: {report.head}")
        if integrity == "ok":
            click.echo("database file sound (SQLite integrity check: ok)")
    if integrity != "ok":
        fail(f"the database file is damaged ({integrity}): restore it from a backup")
    if not report.intact:
        first = report.problems[0]
        total = len(report.problems) + report.more_problems
        fail(
            f"the event log does not prove this database ({total} problem"
            f"{'s' if total != 1 else ''}; first: {safe_line(str(first))}):"
            " restore the database from a backup"
        )


def safe_line(text: str) -> str:
    """Stored text on the terminal: control characters as visible escapes."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


@click.command()
@click.argument("other", metavar="OTHER.db", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="A JSON object for machines.")
@pass_ctx
def merge(obj: Context, other: str, as_json: bool) -> None:
    """Bring in a colleague's file: articles, claims, citations, links, grades, assignments.

    Articles match by their text, claims by span, citations by identifier. Running it
    again changes nothing; where both files differ, this file's version stays and the
    conflict is listed. Assignments and final verdicts come in only when an editor
    merges; anyone else is told how many were left out.
    """
    from annotator.app.merge_file import MERGED_KINDS, merge_file

    result = merge_file(obj.store(), other, viewer=obj.viewer)
    if as_json:
        echo_json(result.to_dict())
        return
    kinds = MERGED_KINDS
    # The kinds are plural nouns ("articles"): one of a kind is said in the singular.
    click.echo("added:   " + ", ".join(counted(result.added[k], k[:-1]) for k in kinds))
    click.echo("present: " + ", ".join(counted(result.matched[k], k[:-1]) for k in kinds))
    if not result.changed:
        click.echo("nothing new to bring in")
    if result.skip_note:
        click.echo(result.skip_note, err=True)
    if result.hidden_note:
        click.echo(result.hidden_note, err=True)
    if result.conflicts:
        click.echo(
            f"{counted(len(result.conflicts), 'conflict')}, kept as they are here:", err=True
        )
        for c in result.conflicts:
            click.echo(f"  {c.message}", err=True)


@click.command()
@click.argument("article", type=ID, required=False)
@click.argument("reviewers", nargs=-1, metavar="[REVIEWER]...")
@click.option(
    "--list",
    "as_list",
    is_flag=True,
    help="List the assignments (of ARTICLE, else every one) with each reviewer's progress.",
)
@click.option("--mine", is_flag=True, help="With --list: only your own assignments.")
@click.option("--json", "as_json", is_flag=True, help="With --list: a JSON array for machines.")
@pass_ctx
def assign(
    obj: Context,
    article: int | None,
    reviewers: tuple[str, ...],
    as_list: bool,
    mine: bool,
    as_json: bool,
) -> None:
    """Assign ARTICLE to each REVIEWER (editors only); --list shows who checks what.

    Each reviewer's home screen shows their assignments first, with how many of the
    article's claims they graded. `annotator unassign ARTICLE REVIEWER...` takes an
    article back; `annotator undo` reverts either.
    """
    from annotator.app.assigning import assign as assign_article
    from annotator.app.assigning import assignment_rows

    if as_list or mine or as_json:
        if reviewers:
            fail("--list takes at most an ARTICLE, not reviewer names: leave them out")
        store = obj.store()
        viewer = obj.viewer
        rows = assignment_rows(
            store, viewer, article_id=article, reviewer=viewer.name if mine else None
        )
        if as_json:
            echo_json([row.to_dict() for row in rows])
            return
        if not rows:
            click.echo(
                "No assignments yet: an editor assigns with `annotator assign ARTICLE NAME`."
            )
            return
        table(
            ["article", "title", "reviewer", "graded", "assigned by", "assigned at"],
            [
                [
                    r.assignment.article_id,
                    one_line(r.title, 40),
                    r.assignment.reviewer,
                    "hidden (blind review)" if r.graded is None else f"{r.graded}/{r.claims}",
                    r.assignment.assigned_by,
                    r.assignment.assigned_at,
                ]
                for r in rows
            ],
        )
        return
    if article is None or not reviewers:
        fail(
            "name an ARTICLE and at least one REVIEWER (annotator assign 3 ann bob),"
            " or see the assignments with --list"
        )
    _print_change(assign_article(obj.store(), obj.viewer, article, reviewers))


@click.command()
@click.argument("article", type=ID)
@click.argument("reviewers", nargs=-1, required=True, metavar="REVIEWER...")
@pass_ctx
def unassign(obj: Context, article: int, reviewers: tuple[str, ...]) -> None:
    """Take ARTICLE back from each REVIEWER (editors only); their grades stay."""
    from annotator.app.assigning import unassign as unassign_article

    _print_change(unassign_article(obj.store(), obj.viewer, article, reviewers))


def _print_change(change: AssignmentChange) -> None:
    head = f"article {change.article_id} {one_line(change.title, 50)!r}"
    click.echo(f"{head}: {change.summary()}")
