"""Output: export, stats, and config (what the desk config and database paths are)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from annotator.cli.common import (
    ID,
    AnnotatorGroup,
    Context,
    echo_data,
    echo_json,
    fail,
    output_option,
    pass_ctx,
    rich_console,
)
from annotator.export import EXPORT_FORMATS

STATUSES = ["proposed", "accepted", "dismissed"]


@click.command()
@click.argument("article", type=ID, required=False)
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(list(EXPORT_FORMATS)),
    help="; ".join(f"{f.name}: {f.description}" for f in EXPORT_FORMATS.values()) + ".",
)
@output_option
@click.option("--status", type=click.Choice(STATUSES), help="Only claims with this status.")
@click.option("--verdict", help="Only claims with this verdict.")
@click.option(
    "--include-stale",
    is_flag=True,
    help="Publish verdicts given before the claim's words changed (left out by default).",
)
@click.option(
    "--include-disputed",
    is_flag=True,
    help="Publish claims whose reviewers disagree, with the latest grade (left out by default).",
)
@pass_ctx
def export(
    obj: Context,
    article: int | None,
    fmt: str,
    output: str | None,
    status: str | None,
    verdict: str | None,
    include_stale: bool,
    include_disputed: bool,
) -> None:
    """Export the graded claim table or the report of ARTICLE (default: every article).

    The table formats (csv, xlsx, json, jsonl, md-table) carry every claim; the
    documents (md, html) leave dismissed claims out unless --status dismissed asks for
    them. The publishing and research formats (claimreview, claimreview-html, fever,
    webannotation) carry settled verdicts only: an editor's final verdict, or the
    reviewers' grades when they all agree; stale and disputed claims only when asked
    for. The count on standard error says how many claims were left out and why.
    """
    from annotator.app.exporting import render_export, write_export

    spec = EXPORT_FORMATS[fmt]
    if spec.binary and not output and sys.stdout.isatty():
        fail(f"{fmt} is a binary format: give -o FILE, e.g. -o claims.{spec.extension}")
    result = render_export(
        obj.store(),
        fmt,
        article,
        desk=obj.config,
        status=status,
        verdict=verdict,
        include_stale=include_stale,
        include_disputed=include_disputed,
        viewer=obj.viewer,
    )
    if output:
        click.echo(write_export(result, Path(output)), err=True)
        return
    if isinstance(result.content, bytes):
        sys.stdout.buffer.write(result.content)
        sys.stdout.flush()
    elif isinstance(result.content, str):
        echo_data(result.content, nl=False)
    else:
        for text in result.content:
            echo_data(text, nl=False)
    if not result.streamed:  # a stream's count is its rows: standard output stays clean
        click.echo(result.message(), err=True)


@click.command()
@click.argument("article", type=ID, required=False)
@click.option("--json", "as_json", is_flag=True, help="A JSON object for machines.")
@pass_ctx
def stats(obj: Context, article: int | None, as_json: bool) -> None:
    """Progress and verdict counts, for one article or all."""
    from annotator.app.wording import counted
    from annotator.store import DISPUTED, DeskTotals

    store = obj.store()
    if article is not None:
        store.get_article(article)
    # The rows per article only where they are shown (JSON, the terminal's table): the
    # totals alone are a few aggregate queries whatever the size of the desk.
    rows = as_json or sys.stdout.isatty()
    summaries = store.article_rows(article, viewer=obj.viewer) if rows else []
    totals = DeskTotals.of(summaries) if rows else store.desk_totals(article, viewer=obj.viewer)
    scale = store.scales.verdict
    # A verdict given before a correction changed the claim's words (or took them out of
    # the text) is not in force until a person grades again: counted apart, as "stale".
    # A claim whose reviewers disagree, unsettled, is no reviewer's verdict: "disputed".
    verdicts: dict[str, int] = {k: 0 for k in scale.keys}
    for k, n in totals.verdicts.items():
        if k != DISPUTED:
            verdicts[k] = verdicts.get(k, 0) + n - totals.stale.get(k, 0)
    stale = sum(totals.stale.values())
    disputed = totals.verdicts.get(DISPUTED, 0)
    total, graded = totals.claims, totals.graded
    if as_json:
        # per_article last and a generator: written as it is made.
        echo_json(
            {
                "articles": totals.articles,
                "claims": total,
                "graded": graded,
                "ungraded": total - graded,
                "dismissed": totals.dismissed,
                "stale": stale,
                "disputed": disputed,
                "verdicts": verdicts,
                "per_article": (
                    {
                        "id": s.id,
                        "title": s.title,
                        "claims": s.claims,
                        "graded": s.graded,
                        "dismissed": s.dismissed,
                        "stale": sum(s.stale.values()),
                        "disputed": s.verdicts.get(DISPUTED, 0),
                        "verdicts": _in_force(s.verdicts, s.stale),
                    }
                    for s in summaries
                ),
            }
        )
        return
    labels = {lv.key: lv.label for lv in scale.levels}
    colours = {lv.key: lv.colour for lv in scale.levels}
    bars = [(labels.get(k, k), colours.get(k, "grey"), n) for k, n in verdicts.items()]
    bars.append(("Disputed", "red", disputed))
    bars.append(("Stale", "grey50", stale))
    bars.append(("Not graded", "grey50", total - graded))
    percent = f"{(100 * graded / total) if total else 0:.0f}%"
    if not sys.stdout.isatty():
        articles = counted(totals.articles, "article")
        click.echo(
            f"{articles}, {total} claims, {graded} graded ({percent}), {totals.dismissed} dismissed"
        )
        for label, _colour, n in bars:
            click.echo(f"  {label:<18} {n:>5}  {'█' * _bar(n, total, 40)}")
        return
    _rich_stats(summaries, bars, total, graded, percent)


def _in_force(verdicts: dict[str, int], stale: dict[str, int]) -> dict[str, int]:
    """An article's verdict counts without its stale or disputed ones (verdicts left at
    none dropped)."""
    from annotator.store import DISPUTED

    counts = {k: n - stale.get(k, 0) for k, n in verdicts.items() if k != DISPUTED}
    return {k: n for k, n in counts.items() if n}


def _bar(n: int, total: int, width: int) -> int:
    return round(width * n / total) if total else 0


def _rich_stats(
    summaries: list[Any], bars: list[tuple[str, str, int]], total: int, graded: int, percent: str
) -> None:
    from rich.style import Style
    from rich.table import Table
    from rich.text import Text

    from annotator.text.terminal import visible

    console = rich_console()
    table = Table(title=Text(f"{total} claims, {graded} graded ({percent})"), title_justify="left")
    for name, justify in (
        ("id", "right"),
        ("article", "left"),
        ("claims", "right"),
        ("graded", "right"),
        ("done", "right"),
        ("dismissed", "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for s in summaries:
        done = f"{100 * s.graded / s.claims:.0f}%" if s.claims else "-"
        table.add_row(
            str(s.id),
            Text(visible(s.title)),
            str(s.claims),
            str(s.graded),
            done,
            str(s.dismissed),
        )
    console.print(table)
    chart = Table(title=Text("Verdicts"), title_justify="left", show_header=False, box=None)
    chart.add_column("verdict")
    chart.add_column("count", justify="right")
    chart.add_column("bar")
    width = max(10, min(50, console.width - 34))
    for label, colour, n in bars:
        try:
            style = Style(color=colour)
        except Exception:  # a desk scale's colour Rich does not know
            style = Style()
        chart.add_row(Text(visible(label)), str(n), Text("█" * _bar(n, total, width), style=style))
    console.print(chart)


@click.group("config", cls=AnnotatorGroup, invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="A JSON object for machines.")
@click.pass_context
def config_cmd(ctx: click.Context, as_json: bool) -> None:
    """Show the desk config (organization, URL, scale, reviewer...), its file and the
    database; `config set KEY VALUE` changes one key."""
    from annotator.paths import config_path, db_path

    if ctx.invoked_subcommand is not None:
        return
    obj: Context = ctx.obj

    path = config_path()
    desk = obj.config
    database = db_path(obj.db_option)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "config_path": str(path),
                    "config_exists": path.exists(),
                    "db_path": str(database),
                    **desk.to_dict(),
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    state = "" if path.exists() else " (not created yet: write it to change these)"
    click.echo(f"# desk config: {path}{state}")
    click.echo(f"# database:    {database}")
    for key, value in desk.to_dict().items():
        if value is None:
            click.echo(f"# {key} = (not set)")
        elif isinstance(value, tuple):
            click.echo(f"{key} = {json.dumps(list(value), ensure_ascii=False)}")
        elif isinstance(value, bool):
            click.echo(f"{key} = {str(value).lower()}")
        elif isinstance(value, int | float):
            click.echo(f"{key} = {value}")
        else:
            click.echo(f"{key} = {json.dumps(str(value), ensure_ascii=False)}")


@config_cmd.command("set")
@click.argument("key")
@click.argument("value")
def config_set(key: str, value: str) -> None:
    """Set KEY of the desk config to VALUE (true/false, a number, words; lists
    comma-separated; an empty VALUE unsets an optional number). The file is checked
    whole before it is written."""
    from annotator.app.desk_settings import change_settings
    from annotator.paths import config_path

    path = config_path()
    config = change_settings(path, {key: value})
    shown = config.to_dict()[key]
    if isinstance(shown, bool):
        shown = str(shown).lower()
    elif isinstance(shown, tuple):  # a list key (editors): as the file holds it
        shown = json.dumps(list(shown), ensure_ascii=False)
    click.echo(f"{key} = {shown if shown is not None else '(not set)'}  ({path})")
