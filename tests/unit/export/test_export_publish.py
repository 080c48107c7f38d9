"""ClaimReview, FEVER and Web Annotation exports of the awkward fixture."""

from __future__ import annotations

import json

import pytest

from annotator.config import DeskConfig
from annotator.errors import InputError
from annotator.export.claimreview import claim_reviews, short_summary
from annotator.export.research import fever_lines, web_annotations
from annotator.export.table import collect
from annotator.store import Store
from tests import export_fixture


@pytest.fixture
def built(store: Store) -> Store:
    export_fixture.build(store)
    return store


def reviews(store: Store) -> list[dict]:  # type: ignore[type-arg]
    return claim_reviews(collect(store, desk=export_fixture.DESK))


def test_claimreview_has_every_required_and_recommended_field(built: Store) -> None:
    found = reviews(built)
    assert found
    for review in found:
        # Required by Google: claimReviewed, reviewRating (with alternateName), url.
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert 0 < len(review["claimReviewed"]) < 75
        assert review["reviewRating"]["@type"] == "Rating"
        assert review["reviewRating"]["alternateName"]
        assert review["url"].startswith("https://desk.example/checks#")
        # Recommended: author, datePublished, itemReviewed (a Claim with its details).
        assert review["author"] == {
            "@type": "Organization",
            "name": "Desk & Co <Checks>",
            "url": "https://desk.example/checks",
        }
        assert review["datePublished"] == "2026-01-01"
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["appearance"]["url"] == "https://news.example/mdma?a=1&b=2"
        assert item["author"] == {"@type": "Person", "name": "Jo Writer"}
        assert item["datePublished"] == "2023-08-24"
    assert len({r["url"] for r in found}) == len(found)


def test_claimreview_rating_follows_the_scale(built: Store) -> None:
    by_label = {r["reviewRating"]["alternateName"]: r["reviewRating"] for r in reviews(built)}
    assert by_label["Mostly supported"] == {
        "@type": "Rating",
        "alternateName": "Mostly supported",
        "ratingValue": 4,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert by_label["Contradicted"]["ratingValue"] == 1
    # Off the scale: the label only, no number that would place it on the scale.
    assert by_label["Not checkable"] == {"@type": "Rating", "alternateName": "Not checkable"}


def test_claimreview_never_publishes_an_ungraded_or_dismissed_claim(built: Store) -> None:
    urls = {r["url"] for r in reviews(built)}
    assert not any(u.endswith("-claim-4") for u in urls)  # ungraded
    assert not any(u.endswith("-claim-7") for u in urls)  # dismissed
    assert len(urls) == 5


def test_claimreview_needs_the_desk(built: Store) -> None:
    with pytest.raises(InputError, match="organization"):
        claim_reviews(collect(built, desk=DeskConfig()))


def test_short_summary_stays_under_75_characters() -> None:
    long = "word " * 40
    summary = short_summary(long)
    assert len(summary) < 75 and summary.endswith("\u2026")
    assert short_summary("  two\nlines ") == "two lines"


def test_fever_labels_come_from_the_normalized_meaning(built: Store) -> None:
    lines = fever_lines(collect(built, full=True))
    labels = {line["verdict"]: line["label"] for line in lines}
    assert labels == {
        "mostly-supported": "SUPPORTS",
        "contradicted": "REFUTES",
        "unsupported": "REFUTES",
        "mixed": "NOT ENOUGH INFO",
        "not-checkable": "NOT ENOUGH INFO",
    }
    first = next(line for line in lines if line["claim_id"] == 1)
    assert first["evidence"][0]["quote"] == "67% no longer met PTSD criteria"
    assert first["evidence"][0]["locator"] == "p. 4, table 2"
    json.dumps(lines)


def test_web_annotation_selectors_point_at_the_claim(built: Store) -> None:
    collection = web_annotations(collect(built, full=True))
    assert collection["type"] == "AnnotationCollection"
    items = collection["first"]["items"]
    assert collection["total"] == len(items) == 6  # dismissed claim left out
    text = export_fixture.CORRECTED
    for item in items:
        quote, position = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector"
        assert position["type"] == "TextPositionSelector"
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"]
        assert text[:start].endswith(quote["prefix"])
        assert text[end:].startswith(quote["suffix"])
    ungraded = next(i for i in items if i["id"].endswith(":claim:4"))
    assert ungraded["motivation"] == "highlighting"
