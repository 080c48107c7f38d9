"""Commands of claim memory: similar, reuse, import-reviews, versions; import hooks.

Registered onto the ``cli`` group when ``cli.py`` imports this module (at its end).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from annotator.cli import Context, _echo_json, _table, cli, fail, pass_ctx

if TYPE_CHECKING:
    from annotator.model import ProposedClaim
    from annotator.store import Store
    from annotator.store._memory import NewVersionReport, SimilarClaim
    from annotator.text.articles import LoadedText


def _one_line(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _origin(hit: SimilarClaim) -> str:
    if hit.external:
        return f"external review {hit.ref[1]} by {hit.publisher or 'unknown desk'}"
    return f"claim {hit.ref[1]}, article {hit.article_id} {hit.article_title!r}"


# -- hooks for ``annotator import`` -------------------------------------------------------


def previous_version(store: Store, source: str, replaces: int | None) -> int | None:
    """The article a new import replaces: ``--replaces``, else one from the same source."""
    if replaces is not None:
        store.get_article(replaces)
        return replaces
    return store.find_article_by_source(source)


def import_version(
    obj: Context,
    article_id: int,
    loaded: LoadedText,
    proposals: list[ProposedClaim],
    source: str,
) -> int:
    """Import ``loaded`` as the new text of ``article_id``; print what became of claims."""
    store = obj.store()
    report = store.import_new_version(
        article_id,
        loaded.text,
        reviewer=obj.reviewer,
        proposals=proposals,
        source=source if source != "stdin" else None,
        format=loaded.format,
        original=loaded.original,
    )
    print_version_report(report)
    return len(store.claims(article_id))


def print_version_report(report: NewVersionReport) -> None:
    if report.unchanged:
        click.echo(f"article {report.article_id}: text unchanged (version {report.version})")
        return
    counts = ", ".join(f"{n} {anchor}" for anchor, n in report.anchors.items()) or "no claims"
    click.echo(f"article {report.article_id}: version {report.version}; claims: {counts}")
    if report.stale:
        ids = ", ".join(str(i) for i in report.stale)
        click.echo(f"  words changed, grades marked stale: claims {ids}")
    if report.proposed:
        click.echo(f"  {report.proposed} new claims proposed in new text")
    for claim in report.ambiguous:
        click.echo(f"  ambiguous: claim {claim.id} placed at {claim.start}: check it")
    for claim in report.orphaned:
        click.echo(f"  orphaned: claim {claim.id} not found: {_one_line(claim.text, 70)}")


def report_matches(obj: Context, article_id: int) -> None:
    """After an import: each claim that an earlier check or another desk's review matches."""
    found = obj.store().article_matches(article_id)
    shown = 0
    for claim, hits in found:
        best = hits[0]
        word = "matches" if best.kind == "match" else "near miss:"
        verdict = best.verdict or "no verdict"
        where = f"{_origin(best)} [{verdict}, {best.score:.0f}]"
        click.echo(f"  claim {claim.id} {word} {where}: {best.reason}")
        shown += 1
    if shown:
        click.echo(f"  {shown} claims recall earlier checks: see `annotator similar CLAIM`")


# -- commands ---------------------------------------------------------------------------------


@cli.command()
@click.argument("claim_id", type=int, metavar="CLAIM")
@click.option("--limit", default=10, show_default=True, help="At most this many.")
@click.option("--matches-only", is_flag=True, help="Leave out near misses.")
@click.option("--json", "as_json", is_flag=True, help="A JSON array for machines.")
@pass_ctx
def similar(obj: Context, claim_id: int, limit: int, matches_only: bool, as_json: bool) -> None:
    """Earlier checked claims and other desks' reviews that say what CLAIM says."""
    hits = obj.store().similar_claims(claim_id, limit=limit, near_misses=not matches_only)
    if as_json:
        _echo_json([h.to_dict() for h in hits])
        return
    if not hits:
        click.echo(f"claim {claim_id}: no earlier check matches")
        return
    _table(
        ["match", "score", "verdict", "from", "sources", "reason", "claim"],
        [
            [
                h.kind,
                f"{h.score:.0f}",
                h.verdict or "-",
                _origin(h),
                "; ".join(h.sources) or "-",
                h.reason,
                _one_line(h.text, 70),
            ]
            for h in hits
        ],
    )


@cli.command()
@click.argument("claim_id", type=int, metavar="CLAIM")
@click.argument("from_claim_id", type=int, metavar="FROM_CLAIM")
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


@cli.command("import-reviews")
@click.argument("file", type=click.Path(dir_okay=False), metavar="FILE|-")
@click.option("--json", "as_json", is_flag=True, help="The new reviews as a JSON array.")
@pass_ctx
def import_reviews(obj: Context, file: str, as_json: bool) -> None:
    """Load other desks' fact-checks (ClaimReview JSON-LD) so claims match them."""
    import sys

    from annotator.memory.claimreview_import import parse_claimreviews

    if file == "-":
        data = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    else:
        path = Path(file)
        if not path.is_file():
            fail(f"no file {file!r}: give the path of a ClaimReview JSON-LD file")
        try:
            data = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            fail(f"{file} is not UTF-8 text: save it as UTF-8 and import it again")
    reviews = parse_claimreviews(data, "standard input" if file == "-" else file)
    added, known = obj.store().import_reviews(reviews, reviewer=obj.reviewer)
    if as_json:
        _echo_json([r.to_dict() for r in added])
        return
    for r in added:
        click.echo(f"review {r.id}: {r.rating} by {r.publisher or '?'}: {_one_line(r.claim, 70)}")
    click.echo(f"{len(added)} reviews imported, {known} already known ({file})")


@cli.command()
@click.argument("article", type=int)
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
            click.echo(f"  {c.anchor}: claim {c.id}: {_one_line(c.text, 70)}")
