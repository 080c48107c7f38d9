"""Claims: accept/dismiss/restore, label, link, grade, undo and history."""

from __future__ import annotations

import click

from annotator.cli.common import Context, echo_json, fail, pass_ctx


@click.command("claim")
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


@click.command()
@click.argument("claim_id", type=int)
@click.argument("label")
@pass_ctx
def label(obj: Context, claim_id: int, label: str) -> None:
    """Set the short label of a claim."""
    claim = obj.store().edit_label(claim_id, label, reviewer=obj.reviewer)
    click.echo(f"claim {claim.id}: {claim.label}")


@click.command()
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


@click.command()
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


@click.command()
@click.argument("claim_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="A JSON array for machines.")
@pass_ctx
def history(obj: Context, claim_id: int, as_json: bool) -> None:
    """Every change to a claim, as sentences: who did what, and when."""
    from annotator.app.event_sentences import event_sentence

    events = obj.store().history(claim_id)
    if as_json:
        echo_json([e.to_dict() for e in events])
        return
    for e in events:
        click.echo(f"{e.at}  {event_sentence(e)}")


@click.command()
@pass_ctx
def undo(obj: Context) -> None:
    """Revert your last action."""
    events = obj.store().undo_last(reviewer=obj.reviewer)
    if not events:
        fail(f"nothing to undo for reviewer {obj.reviewer!r}")
    click.echo(f"undone: {events[-1].action} {events[-1].entity} {events[-1].entity_id}")
