"""The citation library (``cite``) and evidence links (``evidence``): two command groups."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from annotator.cli.common import (
    ID,
    ISO_DATE,
    LIMIT,
    AnnotatorGroup,
    Context,
    echo_data,
    echo_json,
    fail,
    output_option,
    pass_ctx,
    table,
    write_atomically,
)

if TYPE_CHECKING:
    from annotator.sources.library_import import EntryError


@click.group(cls=AnnotatorGroup)
def cite() -> None:
    """The citation library: add, import, search, merge and export sources."""


@cite.command("search")
@click.argument("query")
@click.option("--limit", type=LIMIT, default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="A JSON array for machines.")
@pass_ctx
def cite_search(obj: Context, query: str, limit: int, as_json: bool) -> None:
    """Fuzzy search of the citation library (typos allowed; an identifier wins).

    Best first: sources holding more of the query's words (a rare word weighs more
    than a common one), then those holding them in the title, authors or identifiers
    rather than only in the web address. The score is the share of the query found
    (0-100).
    """
    from annotator.app.citation_search import search_citations
    from annotator.sources.identifiers import format_reference

    hits = search_citations(obj.store(), query, limit=limit)
    if as_json:
        echo_json([{**c.to_dict(), "score": round(s, 1)} for c, s in hits])
        return
    table(["id", "score", "reference"], [[c.id, f"{s:.0f}", format_reference(c)] for c, s in hits])


@cite.command("list")
@click.option("--json", "as_json", is_flag=True, help="A JSON array for machines.")
@pass_ctx
def cite_list(obj: Context, as_json: bool) -> None:
    """List every citation in the library."""
    from annotator.sources.identifiers import format_reference

    items = obj.store().list_citations()
    if as_json:
        echo_json([c.to_dict() for c in items])
        return
    table(
        ["id", "type", "reference"], [[c.id, c.evidence_type, format_reference(c)] for c in items]
    )


_SINGLE = ("doi", "pmid", "pmcid", "arxiv", "isbn", "url", "text")
_FILES = ("bibtex", "ris", "csl_json")


@cite.command("add")
@click.option("--doi", help="A DOI, with or without https://doi.org/.")
@click.option("--pmid", help="A PubMed id.")
@click.option("--pmcid", help="A PubMed Central id (PMC8139924).")
@click.option("--arxiv", help="An arXiv id (2101.00001) or its address.")
@click.option("--isbn", help="An ISBN-10 or ISBN-13.")
@click.option("--url", help="A web address.")
@click.option("--text", "text", help="A pasted reference in any style.")
@click.option("--bibtex", type=click.Path(dir_okay=False), help="A BibTeX file to import.")
@click.option("--ris", type=click.Path(dir_okay=False), help="A RIS file to import.")
@click.option("--csl-json", "csl_json", type=click.Path(dir_okay=False),
              help="A CSL-JSON file to import.")  # fmt: skip
@click.option("--title", help="Title, when the identifier alone does not say it.")
@pass_ctx
def cite_add(obj: Context, /, title: str | None, **given: str | None) -> None:
    """Add one source, or import a reference manager's file.

    The same source twice is one citation: a file's duplicates are merged into the
    library and broken entries are listed by line or item, the rest still import.
    """
    chosen = [(k, v) for k, v in given.items() if v is not None]
    if len(chosen) != 1:
        fail(
            "give exactly one of --doi, --pmid, --pmcid, --arxiv, --isbn, --url, --text, "
            "--bibtex, --ris or --csl-json"
        )
    kind, value = chosen[0]
    assert value is not None
    if kind in _FILES:
        if title:
            fail("--title names one source: it cannot go with a file import")
        _import_file(obj, kind.replace("_", "-"), value)
        return
    from annotator.sources import identifiers as citations

    parse = getattr(citations, f"citation_from_{kind}")
    citation = parse(value)
    if title:
        citation = replace(citation, title=title)
    from annotator.app.library import add_citation

    stored, new = add_citation(obj.store(), citation, reviewer=obj.reviewer)
    click.echo(f"citation {stored.id}: {'added' if new else 'already in the library'}")


def _import_file(obj: Context, fmt: str, path: str) -> None:
    from annotator.app.library import add_citations
    from annotator.sources.library_import import read_citation_file

    parsed = read_citation_file(path, fmt)
    name = _FORMAT_NAMES[fmt]
    if not parsed.citations:
        # Nothing to add: say why before the database is opened, so a wrong file
        # writes nothing (an empty or other-format file said "0 added" and exited 0).
        if not parsed.errors:
            fail(f"{path}: no {name} entry in it: check that it is a {name} file")
        _report(path, 0, 0, parsed.errors, parsed.warnings)
        fail(f"{path}: no entry could be read as {name}: check the file and its format")
    results = add_citations(obj.store(), parsed.citations, reviewer=obj.reviewer)
    added = sum(1 for _c, new in results if new)
    _report(path, added, len(results) - added, parsed.errors, parsed.warnings)


_FORMAT_NAMES = {"bibtex": "BibTeX", "ris": "RIS", "csl-json": "CSL-JSON"}


def _report(
    path: str, added: int, merged: int, errors: Sequence[EntryError], warnings: Sequence[EntryError]
) -> None:
    click.echo(f"{path}: {added} added, {merged} merged, {len(errors)} rejected")
    for error in errors:
        click.echo(f"  rejected {error}")
    for warning in warnings:
        click.echo(f"  warning {warning}")


@cite.command("show")
@click.argument("citation_id", type=ID)
@click.option("--json", "as_json", is_flag=True, help="A JSON object for machines.")
@pass_ctx
def cite_show(obj: Context, citation_id: int, as_json: bool) -> None:
    """Everything about one citation, and the claims it is evidence for."""
    from annotator.sources.identifiers import format_reference

    store = obj.store()
    c = store.get_citation(citation_id)
    links = store.citation_links(citation_id)
    if as_json:
        echo_json({**c.to_dict(), "links": [e.to_dict() for e in links]})
        return
    click.echo(f"citation {c.id}: {format_reference(c)}")
    rows = [
        ("kind", c.kind), ("doi", c.doi), ("pmid", c.pmid), ("pmcid", c.pmcid),
        ("arxiv", c.arxiv), ("isbn", c.isbn), ("url", c.url), ("title", c.title),
        ("authors", "; ".join(c.authors)), ("year", c.year or ""), ("container", c.container),
        ("volume", c.volume), ("issue", c.issue), ("pages", c.pages),
        ("publisher", c.publisher),
        ("evidence type", f"{c.evidence_type} ({c.evidence_type_reason})"),
        ("retracted", "RETRACTED" if c.retracted else ""), ("accessed", c.accessed),
        ("notes", c.notes),
        ("stored text", f"{len(c.source_text or c.abstract)} characters"
                        + (" (abstract)" if c.abstract and not c.source_text else "")),
    ]  # fmt: skip
    from annotator.sources.identifier_links import registrations

    rows += [(r.name, r.value) for r in registrations(c)]  # NCT, ISRCTN ... in its record
    for name, value in rows:
        if str(value):
            click.echo(f"  {name + ':':<15}{' '.join(str(value).split())}")
    for e in links:
        click.echo(f"  evidence {e.id}: claim {e.claim_id} {e.stance}, quote {e.quote_verified}")


@cite.command("set")
@click.argument("citation_id", type=ID)
@click.option("--type", "etype", help="Evidence type: systematic-review, rct, observational ...")
@click.option("--retracted/--not-retracted", default=None, help="Mark or unmark as retracted.")
@click.option("--accessed", type=ISO_DATE, help="When the source was read, as 2024-05-02.")
@click.option(
    "--text-file",
    type=click.Path(dir_okay=False),
    help="A text file with the source's own text (quotes are checked against it).",
)
@click.option("--text", "text", help="The source's own text, pasted (- reads stdin).")
@pass_ctx
def cite_set(
    obj: Context,
    citation_id: int,
    etype: str | None,
    retracted: bool | None,
    accessed: str | None,
    text_file: str | None,
    text: str | None,
) -> None:
    """Set a citation's evidence type, retracted flag, accessed date or stored text."""
    store = obj.store()
    if (
        etype is None
        and retracted is None
        and accessed is None
        and text_file is None
        and (text is None)
    ):
        fail("nothing to set: give --type, --retracted, --accessed, --text-file or --text")
    if text_file is not None and text is not None:
        fail("give the source's text once: --text-file or --text")
    store.get_citation(citation_id)
    if etype is not None:
        c = store.set_evidence_type(citation_id, etype, reviewer=obj.reviewer)
        click.echo(f"citation {citation_id}: evidence type {c.evidence_type}")
    if retracted is not None:
        store.set_retracted(citation_id, retracted, reviewer=obj.reviewer)
        click.echo(f"citation {citation_id}: {'retracted' if retracted else 'not retracted'}")
    if accessed is not None:
        c = store.set_accessed(citation_id, accessed, reviewer=obj.reviewer)
        click.echo(f"citation {citation_id}: accessed {c.accessed or '(cleared)'}")
    if text_file is not None or text is not None:
        from annotator.app.source_text import give_source_text, read_source_file

        body = read_source_file(text_file) if text_file is not None else _stdin_or(text or "")
        result = give_source_text(store, citation_id, body, reviewer=obj.reviewer)
        click.echo(result.message)


def _stdin_or(text: str) -> str:
    if text == "-":
        return sys.stdin.read()
    return text


@cite.command("dupes")
@click.option("--json", "as_json", is_flag=True, help="A JSON array for machines.")
@pass_ctx
def cite_dupes(obj: Context, as_json: bool) -> None:
    """Citations that look like one source entered twice (merge them with cite merge)."""
    from annotator.app.library import near_duplicates
    from annotator.sources.identifiers import format_reference

    pairs = near_duplicates(obj.store())
    if as_json:
        echo_json([{"id": f"{a.id}-{b.id}", "a": a.id, "b": b.id, "score": p.score,
                     "reasons": list(p.reasons)} for a, b, p in pairs])  # fmt: skip
        return
    if not pairs:
        click.echo("no near-duplicates")
        return
    for a, b, p in pairs:
        click.echo(f"{a.id} ~ {b.id}  ({', '.join(p.reasons)})")
        click.echo(f"    {a.id}: {format_reference(a)}")
        click.echo(f"    {b.id}: {format_reference(b)}")
        click.echo(f"    merge with: annotator cite merge {a.id} {b.id}")


@cite.command("merge")
@click.argument("keep", type=ID)
@click.argument("drop", type=ID)
@pass_ctx
def cite_merge(obj: Context, keep: int, drop: int) -> None:
    """Merge citation DROP into KEEP; every evidence link of DROP moves to KEEP."""
    from annotator.app.library import merge_citations

    store = obj.store()
    moved = len(store.citation_links(drop))
    merge_citations(store, keep, drop, reviewer=obj.reviewer)
    click.echo(f"citation {drop} merged into {keep} ({moved} evidence links moved)")


@cite.command("quotes")
@click.argument("claim_id", type=ID)
@click.argument("citation_id", type=ID)
@click.option("--limit", type=LIMIT, default=5, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="A JSON array for machines.")
@pass_ctx
def cite_quotes(obj: Context, claim_id: int, citation_id: int, limit: int, as_json: bool) -> None:
    """Passages of CITATION's stored text that best match CLAIM, as candidate quotes."""
    from annotator.app.library import quotes_for_claim

    quotes = quotes_for_claim(obj.store(), claim_id, citation_id, limit=limit)
    if as_json:
        echo_json([{"id": i + 1, "start": q.start, "end": q.end, "text": q.text,
                     "score": q.score, "numbers": list(q.numbers), "words": list(q.words)}
                    for i, q in enumerate(quotes)])  # fmt: skip
        return
    if not quotes:
        click.echo(f"no passage of citation {citation_id} matches claim {claim_id}")
    for i, q in enumerate(quotes, start=1):
        numbers = f", numbers {' '.join(q.numbers)}" if q.numbers else ""
        click.echo(f"{i}. [{q.score:.0f}{numbers}] {' '.join(q.text.split())}")


@cite.command("export")
@click.option("--format", "fmt", required=True, type=click.Choice(["bibtex", "csl-json"]))
@click.option("--article", type=ID, help="Only the sources cited by this article's claims.")
@output_option
@pass_ctx
def cite_export(obj: Context, fmt: str, article: int | None, output: str | None) -> None:
    """Write the library (or one article's sources) as BibTeX or CSL-JSON."""
    from annotator.sources.library_export import export_citations

    store = obj.store()
    items = store.citations_for_article(article) if article else store.list_citations()
    text = export_citations(items, fmt)
    if output:
        write_atomically(Path(output), text, held=store.files)
        noun = "citation" if len(items) == 1 else "citations"
        click.echo(f"{len(items)} {noun} written to {output}", err=True)
    else:
        echo_data(text, nl=False)


@click.group(cls=AnnotatorGroup)
def evidence() -> None:
    """Evidence links: list, edit and remove them."""


@evidence.command("list")
@click.argument("claim_id", type=ID)
@click.option("--json", "as_json", is_flag=True, help="A JSON array for machines.")
@pass_ctx
def evidence_list(obj: Context, claim_id: int, as_json: bool) -> None:
    """A claim's links: supporting first, stronger study designs first."""
    store = obj.store()
    store.get_claim(claim_id)
    links = store.evidence_for(claim_id)
    if as_json:
        echo_json([e.to_dict() for e in links])
        return
    rows = []
    for e in links:
        c = store.get_citation(e.citation_id)
        flag = " RETRACTED" if c.retracted else ""
        rows.append([e.id, e.stance, f"{c.id} {c.evidence_type}{flag}", e.quote_verified,
                     e.quote, e.locator])  # fmt: skip
    table(["id", "stance", "citation", "quote check", "quote", "locator"], rows)


@evidence.command("edit")
@click.argument("evidence_id", type=ID)
@click.option("--stance", type=click.Choice(["supports", "contradicts", "mixed", "mentions"]))
@click.option("--quote", help="The passage of the source (checked against its stored text).")
@click.option("--locator", help="Page, section or table.")
@click.option("--note")
@pass_ctx
def evidence_edit(
    obj: Context,
    evidence_id: int,
    stance: str | None,
    quote: str | None,
    locator: str | None,
    note: str | None,
) -> None:
    """Change an evidence link's stance, quote, locator or note."""
    from annotator.app.linking import edit_link

    ev = edit_link(obj.store(), evidence_id, reviewer=obj.reviewer, stance=stance,
                   quote=quote, locator=locator, note=note)  # fmt: skip
    click.echo(f"evidence {ev.id}: {ev.stance} (quote: {ev.quote_verified})")


@evidence.command("remove")
@click.argument("evidence_id", type=ID)
@pass_ctx
def evidence_remove(obj: Context, evidence_id: int) -> None:
    """Remove an evidence link (annotator undo brings it back)."""
    from annotator.app.linking import unlink

    ev = unlink(obj.store(), evidence_id, reviewer=obj.reviewer)
    click.echo(f"evidence {ev.id} removed (claim {ev.claim_id}, citation {ev.citation_id})")
