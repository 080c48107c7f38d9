"""schema.org ClaimReview JSON-LD, one per graded claim, as search engines read it.

Fields follow schema.org and Google's fact-check guidance: ``claimReviewed`` (a short
summary, kept under 75 characters), ``reviewRating`` (``alternateName`` the verdict
label; ``ratingValue``, ``bestRating`` and ``worstRating`` from the scale), ``url``,
``author`` (the desk), ``datePublished`` and ``itemReviewed``, a ``Claim`` with its
``appearance`` (the article), ``author`` and ``datePublished`` when known.

A claim without a verdict is never published as reviewed, nor is a dismissed one. A
verdict off the scale (``not-checkable``, no ordinal) carries its label only: a number
would place it on a scale it is not part of.
"""

from __future__ import annotations

import json
from typing import Any

from annotator.errors import InputError
from annotator.export.table import ExportSet

CLAIM_REVIEWED_MAX = 74  # "under 75 characters"
CONTEXT = "https://schema.org"


def short_summary(text: str, limit: int = CLAIM_REVIEWED_MAX) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis to fit ``limit``."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "\u2026"


def _is_web(url: str) -> bool:
    return url.startswith(("http://", "https://"))


def review_url(desk_url: str, article_id: int, claim_id: int) -> str:
    """Where the review is read: the desk's page, one anchor per claim."""
    return f"{desk_url.split('#')[0]}#article-{article_id}-claim-{claim_id}"


def claim_reviews(export: ExportSet) -> list[dict[str, Any]]:
    """One ClaimReview object per graded claim that is not dismissed."""
    desk = export.desk
    if not desk.organization or not _is_web(desk.organization_url):
        raise InputError(
            "ClaimReview needs the desk's name and web address: set organization and "
            "organization_url in the desk config (`annotator config` shows where)"
        )
    scale = export.scale
    graded_at = {line.claim_id: line.graded_at or "" for line in export.table.named_lines()}
    reviews: list[dict[str, Any]] = []
    for row in export.reader_rows():
        if not row["verdict"]:
            continue
        level = scale.get(row["verdict"])
        if level is None:
            continue
        article = export.table.articles[row["article_id"]]
        rating: dict[str, Any] = {"@type": "Rating", "alternateName": level.label}
        if level.ordinal is not None:
            rating.update(ratingValue=level.ordinal, bestRating=scale.best, worstRating=scale.worst)
        claim: dict[str, Any] = {"@type": "Claim"}
        if _is_web(article.source):
            claim["appearance"] = {
                "@type": "CreativeWork",
                "url": article.source,
                "headline": article.title,
            }
        else:
            claim["appearance"] = {"@type": "CreativeWork", "headline": article.title}
        if article.author:
            claim["author"] = {"@type": "Person", "name": article.author}
        if article.published:
            claim["datePublished"] = article.published
        reviews.append(
            {
                "@context": CONTEXT,
                "@type": "ClaimReview",
                "url": review_url(desk.organization_url, article.id, row["claim_id"]),
                "claimReviewed": short_summary(row["label"] or row["text"]),
                "author": {
                    "@type": "Organization",
                    "name": desk.organization,
                    "url": desk.organization_url,
                },
                "datePublished": graded_at[row["claim_id"]][:10],
                "reviewRating": rating,
                "itemReviewed": claim,
            }
        )
    return reviews


def to_claimreview(export: ExportSet) -> str:
    """A JSON array of ClaimReview objects (one ``<script type="application/ld+json">``)."""
    return json.dumps(claim_reviews(export), ensure_ascii=False, indent=2) + "\n"
