"""Formats for research tools: FEVER-style JSON lines and W3C Web Annotations.

FEVER labels come from the verdict's normalized meaning, so any desk scale maps:
``true``/``mostly-true`` -> SUPPORTS, ``false``/``mostly-false`` -> REFUTES,
``mixture``/``other`` -> NOT ENOUGH INFO. Ungraded claims have no label and are left out.

Web Annotations (https://www.w3.org/TR/annotation-model/) come as one
``AnnotationCollection`` whose page holds an ``Annotation`` per claim, targeting the
article with a ``TextQuoteSelector`` (exact, prefix, suffix) and a
``TextPositionSelector`` (start, end in code points, as the model counts them).
"""

from __future__ import annotations

import json
from typing import Any

from annotator.export.table import ExportSet, current_grade
from annotator.model import Article
from annotator.sources.identifiers import format_reference

FEVER_LABELS = {
    "true": "SUPPORTS",
    "mostly-true": "SUPPORTS",
    "false": "REFUTES",
    "mostly-false": "REFUTES",
    "mixture": "NOT ENOUGH INFO",
    "other": "NOT ENOUGH INFO",
}
CONTEXT_CHARS = 32  # prefix and suffix length of a TextQuoteSelector
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def fever_lines(export: ExportSet) -> list[dict[str, Any]]:
    data = export.full()
    lines: list[dict[str, Any]] = []
    for row in export.reader_rows():
        if not row["verdict_meaning"]:
            continue
        evidence = [
            {
                "citation": format_reference(data.citations[e.citation_id]),
                "citation_id": e.citation_id,
                "stance": str(e.stance),
                "quote": e.quote,
                "locator": e.locator,
            }
            for e in data.evidence.get(row["claim_id"], [])
        ]
        lines.append(
            {
                "id": row["claim_id"],
                "claim_id": row["claim_id"],
                "article_id": row["article_id"],
                "claim": row["text"],
                "label": FEVER_LABELS.get(row["verdict_meaning"], "NOT ENOUGH INFO"),
                "verdict": row["verdict"],
                "evidence": evidence,
            }
        )
    return lines


def to_fever(export: ExportSet) -> str:
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in fever_lines(export))


def article_iri(article: Article) -> str:
    """The article's own address when it has one, else a name from its text's hash."""
    if article.source.startswith(("http://", "https://")):
        return article.source
    return f"urn:sha256:{article.sha256}"


def _annotation(export: ExportSet, row: dict[str, Any]) -> dict[str, Any]:
    data = export.full()
    article = data.articles[row["article_id"]]
    text = article.text
    start, end = int(row["start"]), int(row["end"])
    body: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "describing", "value": row["label"]}
    ]
    grades = data.grades.get(row["claim_id"], [])
    grade = current_grade(grades)
    if grade is not None:
        body.append({"type": "TextualBody", "purpose": "tagging", "value": row["verdict"]})
        summary = row["verdict_label"]
        if grade.note:
            summary += f": {grade.note}"
        body.append({"type": "TextualBody", "purpose": "assessing", "value": summary})
    for link in data.evidence.get(row["claim_id"], []):
        citation = data.citations[link.citation_id]
        item: dict[str, Any] = {
            "type": "TextualBody",
            "purpose": "linking",
            "value": f"{link.stance}: {format_reference(citation)}",
        }
        if citation.url:
            item["source"] = citation.url
        body.append(item)
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


def web_annotations(export: ExportSet) -> dict[str, Any]:
    items = [_annotation(export, row) for row in export.reader_rows()]
    return {
        "@context": ANNO_CONTEXT,
        "type": "AnnotationCollection",
        "label": "annotator claims",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def to_webannotation(export: ExportSet) -> str:
    return json.dumps(web_annotations(export), ensure_ascii=False, indent=2) + "\n"
