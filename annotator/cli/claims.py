"""Claims: accept/dismiss/restore, label, link, grade, undo and history."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from annotator.cli.common import (
    ID,
    OFFSET,
    AnnotatorGroup,
    Context,
    echo_json,
    fail,
    one_line,
    pass_ctx,
    table,
)

if TYPE_CHECKING:
    from annotator.app.event_log import UndoOutcome


@click.group("claim", cls=AnnotatorGroup)
def claim_cmd() -> None:
    """Claim operations, the same as the review screen's: accept, dismiss, restore, add,
    split and merge. A split or merge of graded or linked claims asks first (--yes)."""


def _set_status(action: str) -> click.Command:
    @click.argument("claim_id", type=ID)
    @pass_ctx
    def command(obj: Context, claim_id: int) -> None:
        store = obj.store()
        method = {
            "accept": store.accept_claim,
            "dismiss": store.dismiss_claim,
            "restore": store.restore_claim,
        }[action]
        claim = method(claim_id, reviewer=obj.reviewer)
        click.echo(f"claim {claim.id}: {claim.status}")

    command.__doc__ = f"{action.capitalize()} a claim."
    return claim_cmd.command(action)(command)


for _action in ("accept", "dismiss", "restore"):
    _set_status(_action)


def _find(text: str, words: str, where: str, start: int = 0, end: int | None = None) -> int:
    """The offset of ``words`` in ``text[start:end]``; one clear error when absent or
    found more than once."""
    end = len(text) if end is None else end
    found = [i for i in range(start, end) if text.startswith(words, i) and i + len(words) <= end]
    if not words.strip() or not found:
        fail(f"{words!r} is not in {where}: copy the words exactly")
    if len(found) > 1:
        fail(f"{words!r} appears {len(found)} times in {where}: give more words")
    return found[0]


def _ask(question: str | None, yes: bool) -> None:
    """Go ahead when there is nothing to ask or --yes was given; else ask on a terminal,
    and refuse (with the question) when there is none to ask on."""
    if question is None or yes:
        return
    if sys.stdin.isatty():
        if not click.confirm(question, default=False):
            fail("nothing changed")
        return
    fail(f"{question} Run again with --yes to go ahead")


@claim_cmd.command("add")
@click.argument("article_id", type=ID, metavar="ARTICLE")
@click.option("--text", "words", help="The claim's words, copied from the article.")
@click.option("--start", type=OFFSET, help="Start offset in the article's text (with --end).")
@click.option("--end", type=OFFSET, help="End offset in the article's text (with --start).")
@click.option("--label", default="", help="A short label (default: made from the words).")
@pass_ctx
def claim_add(
    obj: Context,
    article_id: int,
    words: str | None,
    start: int | None,
    end: int | None,
    label: str,
) -> None:
    """Add a claim over any span of ARTICLE that no live claim covers."""
    from annotator.app.claim_ops import add_claim

    store = obj.store()
    if words:
        text = store.get_article(article_id).text
        start = _find(text, words, f"article {article_id}")
        end = start + len(words)
    elif start is None or end is None:
        fail("give the claim's words (--text) or its offsets (--start and --end)")
    claim = add_claim(store, article_id, start, end, reviewer=obj.reviewer, label=label)
    click.echo(f"claim {claim.id}: added ({claim.start}-{claim.end}) {claim.label}")


@claim_cmd.command("split")
@click.argument("claim_id", type=ID, metavar="CLAIM")
@click.option("--before", "words", help="The words that start the second part.")
@click.option("--at", type=OFFSET, help="The article offset to split at.")
@click.option("--yes", is_flag=True, help="Go ahead without asking when it is graded or linked.")
@pass_ctx
def claim_split(obj: Context, claim_id: int, words: str | None, at: int | None, yes: bool) -> None:
    """Split CLAIM in two; grades go to both parts, marked stale to grade again."""
    from annotator.app.claim_ops import split_claim, split_question

    store = obj.store()
    claim = store.get_claim(claim_id)
    if words:
        text = store.get_article(claim.article_id).text
        at = _find(text, words, f"claim {claim_id}", claim.start, claim.end)
    elif at is None:
        fail("give the words that start the second part (--before) or an offset (--at)")
    hint = f"annotator reuse NEW {claim_id}"
    _ask(split_question(store, claim, obj.viewer, copy_hint=hint), yes)
    left, right = split_claim(store, claim_id, at, reviewer=obj.reviewer)
    click.echo(f"claim {left.id}: {left.label}")
    click.echo(f"claim {right.id}: {right.label} (new)")


@claim_cmd.command("merge")
@click.argument("claim_id", type=ID, metavar="CLAIM")
@click.option("--yes", is_flag=True, help="Go ahead without asking when they are graded or linked.")
@pass_ctx
def claim_merge(obj: Context, claim_id: int, yes: bool) -> None:
    """Merge CLAIM with the next claim of its article; every grade and link is kept."""
    from annotator.app.claim_ops import merge_claims, merge_question

    store = obj.store()
    _ask(merge_question(store, claim_id, obj.viewer), yes)
    claim = merge_claims(store, claim_id, reviewer=obj.reviewer)
    conflicts = sorted(
        {
            g.reviewer if not g.final else "final"
            for g in store.grades_for(claim.id, viewer=obj.viewer)
            if g.conflict
        }
    )
    click.echo(f"claim {claim.id}: {claim.label}")
    if conflicts:
        click.echo(f"grades in conflict, to settle by grading again: {', '.join(conflicts)}")


@click.command()
@click.argument("claim_id", type=ID)
@click.argument("label")
@pass_ctx
def label(obj: Context, claim_id: int, label: str) -> None:
    """Set the short label of a claim."""
    claim = obj.store().edit_label(claim_id, label, reviewer=obj.reviewer)
    click.echo(f"claim {claim.id}: {claim.label}")


@click.command()
@click.argument("claim_id", type=ID)
@click.argument("citation_id", type=ID)
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
    from annotator.app.linking import link_source

    store = obj.store()
    store.get_claim(claim_id)  # a missing claim is named before a missing citation
    ev = link_source(
        store,
        claim_id,
        store.get_citation(citation_id),
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


@click.command()
@click.argument("claim_id", type=ID)
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
    from annotator.app.grading import grade_claim

    g = grade_claim(
        obj.store(),
        claim_id,
        verdict,
        reviewer=obj.reviewer,
        certainty=certainty,
        reasons=reasons,
        note=note,
        final=final,
        editor=obj.viewer.editor,
        require_source=obj.config.require_source,
    )
    click.echo(f"claim {claim_id}: {g.verdict}" + (f" ({g.certainty})" if g.certainty else ""))


@click.command()
@click.argument("claim_id", type=ID)
@click.option("--json", "as_json", is_flag=True, help="A JSON array for machines.")
@pass_ctx
def history(obj: Context, claim_id: int, as_json: bool) -> None:
    """Every change to a claim, as sentences: who did what, and when."""
    from annotator.app.event_log import claim_history

    lines = claim_history(obj.store(), claim_id, obj.viewer)
    if as_json:
        echo_json([e.to_dict() for e, _sentence in lines])
        return
    for e, sentence in lines:
        click.echo(f"{e.at}  {sentence}")


@click.command()
@pass_ctx
def undo(obj: Context) -> None:
    """Revert your last action: only the fields it changed, unless someone changed them since."""
    from annotator.app.event_log import undo as undo_last

    _reversal(undo_last(obj.store(), obj.reviewer))


@click.command()
@pass_ctx
def redo(obj: Context) -> None:
    """Make your last undone action again."""
    from annotator.app.event_log import redo as redo_last

    _reversal(redo_last(obj.store(), obj.reviewer))


def _reversal(outcome: UndoOutcome) -> None:
    if not outcome.changed:
        fail(outcome.message)
    click.echo(outcome.message)


@click.command()
@click.argument("article", type=ID, required=False)
@click.option("--json", "as_json", is_flag=True, help="A JSON array for machines.")
@pass_ctx
def queue(obj: Context, article: int | None, as_json: bool) -> None:
    """What needs a person again, most urgent first: stale grades, conflicting grades
    left by a merge, disputed claims, retracted sources, verdicts with no source."""
    from annotator.app.review_queue import review_queue

    store = obj.store()
    if article is not None:
        store.get_article(article)  # an unknown id is one clear error line
    items = review_queue(store, article, viewer=obj.viewer)
    if as_json:
        echo_json([item.to_dict() for item in items])
        return
    if not items:
        click.echo("Nothing needs a person again.")
        return
    table(
        ["claim", "article", "why", "label"],
        [
            [
                item.claim.id,
                item.claim.article_id,
                "; ".join(item.why(r) for r in item.reasons),
                one_line(item.claim.label, 50),
            ]
            for item in items
        ],
    )
