"""Reading ClaimReview JSON-LD that other fact-checking desks publish.

Accepts what is found in the wild: one object, a list, an ``@graph``, ClaimReviews
nested in a page's ``review``/``mainEntity``, ``@type`` as a string or a list (with or
without a ``schema:`` prefix or a full schema.org address), an ``http`` or ``https``
context, ``<script type="application/ld+json">`` blocks in an HTML page, and ratings
without ``alternateName`` or ``worstRating`` (schema.org's defaults: best 5, worst 1).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from annotator.errors import InputError
from annotator.files import load_json

# Words desks use as rating names, read as the normalized meanings of DESIGN.md.
_MEANINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("mostly-true", ("mostly true", "mostly correct", "mostly accurate", "largely accurate")),
    ("mostly-false", ("mostly false", "mostly inaccurate", "largely false")),
    ("mixture", ("half true", "half-true", "mixture", "mixed", "partly", "partially")),
    (
        "false",
        (
            "false",
            "pants on fire",
            "incorrect",
            "fake",
            "wrong",
            "inaccurate",
            "untrue",
            "not true",
        ),
    ),
    ("true", ("true", "correct", "accurate", "supported")),
    ("other", ("misleading", "unproven", "unsupported", "no evidence", "satire", "opinion")),
)
_SCRIPT = re.compile(
    r"<script[^>]*type=[\"']application/ld\+json[\"'][^>]*>(.*?)</script>", re.I | re.S
)


@dataclass(frozen=True)
class ExternalReview:
    """One published fact-check of one claim, by another desk."""

    claim: str
    rating_name: str = ""  # the desk's own words ("Pants on Fire"), when given
    rating_value: str = ""
    best_rating: str = ""
    worst_rating: str = ""
    meaning: str = "other"  # true, mostly-true, mixture, mostly-false, false, other
    url: str = ""
    publisher: str = ""
    published: str = ""
    claimant: str = ""  # who made the claim
    appearance: str = ""  # where the claim appeared
    raw: str = "{}"
    id: int = 0
    source_file: str = ""
    imported_at: str = ""

    @property
    def key(self) -> str:
        """Same review, same key: importing a file twice adds nothing."""
        basis = f"{self.url.strip().lower()}\n{' '.join(self.claim.split()).lower()}"
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()

    @property
    def rating(self) -> str:
        """ "Pants on Fire", else "1/6", with the normalized meaning."""
        name = self.rating_name
        if not name and self.rating_value:
            name = f"{self.rating_value}/{self.best_rating or 5}"
        return f"{name} ({self.meaning})" if name else self.meaning

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "claim": self.claim,
            "rating_name": self.rating_name,
            "rating_value": self.rating_value,
            "best_rating": self.best_rating,
            "worst_rating": self.worst_rating,
            "meaning": self.meaning,
            "url": self.url,
            "publisher": self.publisher,
            "published": self.published,
            "claimant": self.claimant,
            "appearance": self.appearance,
            "source_file": self.source_file,
            "imported_at": self.imported_at,
        }


def _types(node: dict[str, Any]) -> set[str]:
    raw = node.get("@type", [])
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values}


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every ClaimReview object anywhere in a JSON-LD document."""
    if isinstance(node, list):
        for item in node:
            yield from _walk(item)
    elif isinstance(node, dict):
        if "ClaimReview" in _types(node):
            yield node
            return
        for value in node.values():
            if isinstance(value, dict | list):
                yield from _walk(value)


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("url") or ""
    return " ".join(str(value).split()) if value is not None else ""


def _host(url: str) -> str:
    try:
        host = urlparse(url).netloc.lower()
    except ValueError:  # an unclosed IPv6 bracket ("http://[x"): no host to name
        return ""
    return host.removeprefix("www.")


def _number(value: Any) -> float | None:
    try:
        return float(str(value).strip())
    except ValueError:
        return None


def meaning_of(name: str, value: str, best: str, worst: str) -> str:
    """A rating's normalized meaning: from its name, else its place on its scale."""
    lowered = name.lower()
    if lowered:
        for meaning, words in _MEANINGS:
            if any(re.search(rf"\b{re.escape(w)}\b", lowered) for w in words):
                return meaning
    v, b = _number(value), _number(best or "5")
    w = _number(worst or "1")
    if v is None or b is None or w is None or b == w:
        return "other"
    place = (v - w) / (b - w)
    for meaning, floor in (
        ("true", 0.9),
        ("mostly-true", 0.65),
        ("mixture", 0.4),
        ("mostly-false", 0.15),
    ):
        if place >= floor:
            return meaning
    return "false"


def review_from_jsonld(node: dict[str, Any], source_file: str = "") -> ExternalReview | None:
    """One ClaimReview object as an ExternalReview; None when it names no claim."""
    claim = _text(node.get("claimReviewed"))
    item = node.get("itemReviewed")
    item = item[0] if isinstance(item, list) and item else item
    if not claim and isinstance(item, dict):
        claim = _text(item.get("text") or item.get("name"))
    if not claim:
        return None
    rating = node.get("reviewRating") or {}
    rating = rating[0] if isinstance(rating, list) and rating else rating
    if not isinstance(rating, dict):
        rating = {}
    name = _text(rating.get("alternateName") or rating.get("name"))
    value = _text(rating.get("ratingValue"))
    best = _text(rating.get("bestRating"))
    worst = _text(rating.get("worstRating"))
    url = _text(node.get("url"))
    author = node.get("author") or node.get("publisher") or {}
    author = author[0] if isinstance(author, list) and author else author
    publisher = ""
    if isinstance(author, dict):
        publisher = _text(author.get("name")) or _host(_text(author.get("url")))
    elif author:
        publisher = _text(author)
    publisher = publisher or _host(url)
    claimant, appearance = "", ""
    if isinstance(item, dict):
        claimant = _text(item.get("author"))
        appearance = _text(
            item.get("name") or item.get("url") or item.get("appearance") or item.get("sameAs")
        )
    return ExternalReview(
        claim=claim,
        rating_name=name,
        rating_value=value,
        best_rating=best,
        worst_rating=worst,
        meaning=meaning_of(name, value, best, worst),
        url=url,
        publisher=publisher,
        published=_text(node.get("datePublished")),
        claimant=claimant,
        appearance=appearance,
        raw=json.dumps(node, ensure_ascii=False, sort_keys=True),
        source_file=source_file,
    )


def parse_claimreviews(data: str, name: str) -> list[ExternalReview]:
    """Every ClaimReview in a JSON-LD file (or the JSON-LD blocks of an HTML page)."""
    text = data.lstrip("\ufeff").strip()
    if not text:
        raise InputError(f"{name} is empty: give a ClaimReview JSON-LD file")
    blocks = _SCRIPT.findall(text) if text.startswith("<") else [text]
    if not blocks:
        raise InputError(f"{name} has no JSON-LD script block: give a ClaimReview JSON-LD file")
    documents = []
    for block in blocks:
        try:
            documents.append(load_json(block, name))
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}"
            ) from None
    reviews = [r for n in _walk(documents) if (r := review_from_jsonld(n, name)) is not None]
    if not reviews:
        raise InputError(f"{name} holds no ClaimReview with a claim: nothing to import")
    return reviews
