"""Claim memory: similar, reuse, import-reviews (other desks' checks), versions."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.app.wording import counted
from annotator.cli.common import (
    ID,
    LIMIT,
    Context,
    echo_json,
    fail,
    one_line,
    origin,
    pass_ctx,
    table,
)


@click.command()
@click.argument("claim_id", type=ID, metavar="CLAIM")
@click.option("--limit", type=LIMIT, default=10, show_default=True, help="At most this many.")
@click.option("--matches-only", is_flag=True, help="Leave out near misses.")
@click.option("--json", "as_json", is_flag=True, help="A JSON array for machines.")
@pass_ctx
def similar(obj: Context, claim_id: int, limit: int, matches_only: bool, as_json: bool) -> None:
    """Earlier checked claims and other desks' reviews that say what CLAIM says."""
    hits = obj.store().similar_claims(
        claim_id, limit=limit, near_misses=not matches_only, viewer=obj.viewer
    )
    if as_json:
        echo_json([h.to_dict() for h in hits])
        return
    if not hits:
        click.echo(f"claim {claim_id}: no earlier check matches")
        return
    table(
        ["match", "score", "verdict", "from", "sources", "reason", "claim"],
        [
            [
                h.kind,
                f"{h.score:.0f}",
                (h.verdict + (" (stale)" if h.stale else "")) or ("hidden" if h.hidden else "-"),
                origin(h),
                "; ".join(h.sources) or "-",
                h.reason,
                one_line(h.text, 70),
            ]
            for h in hits
        ],
    )


@click.command()
@click.argument("claim_id", type=ID, metavar="CLAIM")
@click.argument("from_claim_id", type=ID, metavar="FROM_CLAIM")
@pass_ctx
def reuse(obj: Context, claim_id: int, from_claim_id: int) -> None:
    """Copy the evidence links of FROM_CLAIM to CLAIM (not its verdict: grade it yourself)."""
    links = obj.store().reuse_evidence(claim_id, from_claim_id, reviewer=obj.reviewer)
    if not links:
        click.echo(f"claim {claim_id}: already has every link of claim {from_claim_id}")
        return
    click.echo(
        f"claim {claim_id}: {len(links)} evidence links copied from claim {from_claim_id}"
        f" (evidence {', '.join(str(e.id) for e in links)})"
    )


@click.command("import-reviews")
@click.argument("file", type=click.Path(dir_okay=False), metavar="FILE|-")
@click.option("--json", "as_json", is_flag=True, help="The new reviews as a JSON array.")
@pass_ctx
def import_reviews(obj: Context, file: str, as_json: bool) -> None:
    """Load other desks' fact-checks (ClaimReview JSON-LD) so claims match them."""
    import sys

    from annotator.files import decode_text
    from annotator.memory.claimreview_import import parse_claimreviews

    name = "standard input" if file == "-" else file
    if file == "-":
        raw = sys.stdin.buffer.read()
    else:
        path = Path(file)
        if not path.is_file():
            fail(f"no file {file!r}: give the path of a ClaimReview JSON-LD file")
        raw = path.read_bytes()
    # As an article's file: UTF-8, UTF-16 with its mark (Windows PowerShell's `>`), or
    # cp1252 with a notice, from a file and from standard input alike.
    data, notice = decode_text(raw, name, binary_advice="give a ClaimReview JSON-LD file")
    reviews = parse_claimreviews(data, name)
    if notice:  # after the parse: a file that is no ClaimReview gets its one Error line
        click.echo(f"{name}: {notice}", err=True)
    added, known = obj.store().import_reviews(reviews, reviewer=obj.reviewer)
    if as_json:
        echo_json([r.to_dict() for r in added])
        return
    for r in added:
        click.echo(f"review {r.id}: {r.rating} by {r.publisher or '?'}: {one_line(r.claim, 70)}")
    click.echo(f"{counted(len(added), 'review')} imported, {known} already known ({file})")


@click.command()
@click.argument("article", type=ID)
@click.option("--json", "as_json", is_flag=True, help="A JSON object for machines.")
@pass_ctx
def versions(obj: Context, article: int, as_json: bool) -> None:
    """The texts ARTICLE has had, and how its claims followed (orphaned ones listed)."""
    store = obj.store()
    current = store.get_article(article)
    earlier = store.article_versions(article)
    claims = store.claims(article)
    if as_json:
        import json

        click.echo(
            json.dumps(
                {
                    "id": article,
                    "versions": [
                        {
                            "version": v.version,
                            "sha256": v.sha256,
                            "source": v.source,
                            "imported_at": v.imported_at,
                            "replaced_at": v.replaced_at,
                        }
                        for v in earlier
                    ]
                    + [
                        {
                            "version": len(earlier) + 1,
                            "sha256": current.sha256,
                            "source": current.source,
                            "imported_at": current.imported_at,
                            "replaced_at": None,
                        }
                    ],
                    "claims": [
                        {"id": c.id, "anchor": c.anchor, "start": c.start, "end": c.end}
                        for c in claims
                    ],
                },
                indent=2,
            )
        )
        return
    for v in earlier:
        click.echo(f"version {v.version}: {v.imported_at} .. {v.replaced_at}  {v.source}")
    click.echo(f"version {len(earlier) + 1}: {current.imported_at} (current)  {current.source}")
    counts: dict[str, int] = {}
    for c in claims:
        key = c.anchor or "new"
        counts[key] = counts.get(key, 0) + 1
    click.echo("claims: " + ", ".join(f"{n} {a}" for a, n in counts.items()))
    for c in claims:
        if c.anchor in ("orphaned", "ambiguous"):
            click.echo(f"  {c.anchor}: claim {c.id}: {one_line(c.text, 70)}")
