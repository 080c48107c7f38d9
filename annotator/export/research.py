"""Formats for research tools: FEVER JSON lines and W3C Web Annotations.

Both carry settled verdicts only (``published.py``): an editor's final verdict, or the
reviewers' grades when they agree; stale and disputed claims only when asked for.

FEVER (https://fever.ai/dataset/fever.html): one line per claim with ``id``, ``claim``,
``label`` and ``evidence``, a list of evidence sets, each a list of
``[annotation_id, evidence_id, page, line]``. Here the annotation is the grade that
gave the verdict, the evidence id the evidence link, the page a stable key of the
source (``doi:10.1056/...``, its address, ...) and the line the sentence of the
source's stored text the quote was found in (``null`` when the source's text is not
stored or the quote is not in it). A label comes from the verdict's normalized meaning
and the evidence behind it: SUPPORTS needs a supporting link, REFUTES a contradicting
one; anything else (mixed, off the scale, "no adequate evidence") is NOT ENOUGH INFO,
whose evidence is FEVER's ``[[annotation_id, null, null, null]]``.

Web Annotations (https://www.w3.org/TR/annotation-model/) come as one
``AnnotationCollection`` with an ``id``, whose page (also with an ``id``) holds an
``Annotation`` per claim, targeting the article with a ``TextQuoteSelector`` (exact,
prefix, suffix) and a ``TextPositionSelector`` (start, end in code points, as the model
counts them). Each body is either embedded text (a ``TextualBody`` with a ``value``) or
a linked resource (a ``SpecificResource`` whose ``source`` is the cited work), never both.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any
from urllib.parse import quote

from annotator.export.published import Selection, Settlement, Standing
from annotator.export.table import ExportSet, public_source
from annotator.model import Article, Citation, Evidence, QuoteMatch, Stance
from annotator.sources.identifiers import citation_key, format_reference
from annotator.sources.quotes import sentences

SUPPORTS, REFUTES, NEI = "SUPPORTS", "REFUTES", "NOT ENOUGH INFO"
# A verdict's meaning says which way it leans; the evidence must lean the same way.
LEANING = {
    "true": (SUPPORTS, Stance.SUPPORTS),
    "mostly-true": (SUPPORTS, Stance.SUPPORTS),
    "false": (REFUTES, Stance.CONTRADICTS),
    "mostly-false": (REFUTES, Stance.CONTRADICTS),
}
# RFC 3986 reserved and unreserved characters and "%" stay as given; the rest is encoded.
_IRI_SAFE = ":/?#[]@!$&'()*+,;=%~-._"
CONTEXT_CHARS = 32  # prefix and suffix length of a TextQuoteSelector
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# Names the ids of collections from their content (uuid5), so the same export gets the
# same id every time and a different one gets another.
_ID_NAMESPACE = uuid.UUID("1b0f7d3c-9a53-4c43-9e55-2f4c3f0b6a11")


def source_page(citation: Citation) -> str:
    """A stable key of a source, as FEVER's ``page``: its strongest identifier."""
    keys = citation_key(citation)
    if not keys:
        return f"annotator-citation-{citation.id}"
    kind, value = keys[0]
    return value if kind == "url" else f"{kind}:{value}"


def quote_sentence(link: Evidence, citation: Citation) -> int | None:
    """The index of the sentence of the source's stored text that holds the quote."""
    if link.quote_verified not in (QuoteMatch.EXACT, QuoteMatch.APPROXIMATE):
        return None
    text = citation.source_text
    words = (link.quote_match or link.quote).split()
    if not text or not words:
        return None
    found = re.search(r"\s+".join(map(re.escape, words)), text)
    if found is None:
        return None
    for index, (start, end) in enumerate(sentences(text)):
        if start <= found.start() < end:
            return index
    return None


def fever_selection(export: ExportSet) -> Selection:
    """The claims a FEVER export writes: settled verdicts only."""
    return export.published()[0]


def _fever_line(export: ExportSet, row: dict[str, Any], settlement: Settlement) -> dict[str, Any]:
    data = export.full()
    grade = settlement.grade
    assert grade is not None  # published rows are graded
    level = export.scale.get(grade.verdict)
    label, stance = LEANING.get(level.meaning if level else "", (NEI, None))
    evidence: list[list[list[Any]]] = []
    if stance is not None:
        for link in data.evidence.get(row["claim_id"], []):
            if link.stance == stance:
                citation = data.citations[link.citation_id]
                sentence = quote_sentence(link, citation)
                evidence.append([[grade.id, link.id, source_page(citation), sentence]])
    if not evidence:
        label = NEI
        evidence = [[[grade.id, None, None, None]]]
    article = data.articles[row["article_id"]]
    line: dict[str, Any] = {
        "id": row["claim_id"],
        # FEVER's own pairing: NOT ENOUGH INFO is NOT VERIFIABLE (readers that take
        # VERIFIABLE lines for their evidence pages met a mixed verdict's null page).
        # The desk's verdict ("mixed" or "not-checkable") stays in "verdict".
        "verifiable": "NOT VERIFIABLE" if label == NEI else "VERIFIABLE",
        "label": label,
        "claim": row["text"],
        "evidence": evidence,
        "claim_id": row["claim_id"],
        "article_id": row["article_id"],
        "article": public_source(article) or article.title,
        "verdict": grade.verdict,
    }
    if settlement.standing in (Standing.DISPUTED, Standing.STALE):
        line["standing"] = str(settlement.standing)
    return line


def fever_lines(export: ExportSet) -> list[dict[str, Any]]:
    selection, settlements = export.published()
    return [_fever_line(export, r, settlements[r["claim_id"]]) for r in selection.rows]


def to_fever(export: ExportSet) -> str:
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in fever_lines(export))


def iri(address: str) -> str:
    """A web address as a valid URI: characters it may not hold (``<``, ``>``, ``"``,
    spaces, non-ASCII) percent-encoded; what it already encodes is left as it is."""
    return quote(address, safe=_IRI_SAFE)


def article_iri(article: Article) -> str:
    """The article's own address when it has one, else a name from its text's hash."""
    if article.source.startswith(("http://", "https://")):
        return iri(article.source)
    return f"urn:sha256:{article.sha256}"


def _text(purpose: str, value: str) -> dict[str, Any]:
    return {"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"}


def _citation_iri(citation: Citation) -> str:
    if citation.doi:
        return f"https://doi.org/{citation.doi}"
    if citation.url.startswith(("http://", "https://")):
        return iri(citation.url)
    return ""


def _annotation(export: ExportSet, row: dict[str, Any], settlement: Settlement) -> dict[str, Any]:
    data = export.full()
    article = data.articles[row["article_id"]]
    text = article.text
    start, end = int(row["start"]), int(row["end"])
    body: list[dict[str, Any]] = [_text("describing", row["label"])]
    grade = settlement.grade
    if grade is not None:
        level = export.scale.get(grade.verdict)
        body.append(_text("tagging", grade.verdict))
        summary = level.label if level else grade.verdict
        if settlement.standing in (Standing.DISPUTED, Standing.STALE):
            summary += f" ({settlement.standing})"
        if grade.note:
            summary += f": {grade.note}"
        body.append(_text("assessing", summary))
    for link in data.evidence.get(row["claim_id"], []):
        citation = data.citations[link.citation_id]
        body.append(_text("commenting", f"{link.stance}: {format_reference(citation)}"))
        iri = _citation_iri(citation)
        if iri:
            body.append({"type": "SpecificResource", "purpose": "linking", "source": iri})
    annotation: dict[str, Any] = {
        "id": f"urn:annotator:article:{article.id}:claim:{row['claim_id']}",
        "type": "Annotation",
        "motivation": "assessing" if grade is not None else "highlighting",
        "created": row["updated_at"],
        "body": body,
        "target": {
            "source": article_iri(article),
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": text[start:end],
                    "prefix": text[max(0, start - CONTEXT_CHARS) : start],
                    "suffix": text[end : end + CONTEXT_CHARS],
                },
                {"type": "TextPositionSelector", "start": start, "end": end},
            ],
        },
    }
    if grade is not None:
        annotation["creator"] = {"type": "Person", "name": grade.reviewer}
    return annotation


def webannotation_selection(export: ExportSet) -> Selection:
    """The claims a Web Annotation export writes: settled ones and ungraded highlights."""
    return export.published(keep_ungraded=True)[0]


def web_annotations(export: ExportSet) -> dict[str, Any]:
    selection, settlements = export.published(keep_ungraded=True)
    items = [_annotation(export, r, settlements[r["claim_id"]]) for r in selection.rows]
    sources = sorted({article_iri(a) for a in export.full().articles.values()})
    name = "\n".join([export.desk.organization_url, *sources])
    collection_id = f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, name)}"
    return {
        "@context": ANNO_CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": "annotator claims",
        "total": len(items),
        "first": {
            "id": f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, name + '#page-0')}",
            "type": "AnnotationPage",
            # The collection as the model's example describes it from a page.
            "partOf": {"id": collection_id, "total": len(items)},
            "startIndex": 0,
            "items": items,
        },
    }


def to_webannotation(export: ExportSet) -> str:
    return json.dumps(web_annotations(export), ensure_ascii=False, indent=2) + "\n"
