"""Reading other desks' ClaimReview JSON-LD, real and awkward."""

from __future__ import annotations

import json

import pytest

from annotator.errors import InputError
from annotator.memory.claimreview_import import meaning_of, parse_claimreviews
from tests.conftest import REAL_DIR

REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "claimReviewed": "MDMA cures PTSD in one session.",
    "url": "https://desk.example/checks/1",
    "author": {"@type": "Organization", "name": "Example Desk"},
    "reviewRating": {
        "@type": "Rating",
        "ratingValue": "2",
        "bestRating": "5",
        "worstRating": "1",
        "alternateName": "Mostly false",
    },
    "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A Blogger"}},
}


def test_the_real_politifact_file() -> None:
    path = REAL_DIR / "claimreview-1.json"
    if not path.exists():
        pytest.skip("shared real files absent")
    (review,) = parse_claimreviews(path.read_text(encoding="utf-8"), path.name)
    assert review.claim.startswith("More than 3,000 homicides were committed")
    assert review.rating_name == ""
    assert (review.rating_value, review.best_rating, review.worst_rating) == ("1", "6", "")
    assert review.meaning == "false"  # 1 on a 1..6 scale is its worst level
    assert review.rating == "1/6 (false)"
    assert review.publisher == "politifact.com"  # the author organisation has no name
    assert review.claimant == "Rich Perry"
    assert review.appearance.startswith("The St. Petersburg Times interview")
    assert review.published == "2014-07-23"


@pytest.mark.parametrize(
    "document",
    [
        REVIEW,
        [REVIEW],
        {"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, REVIEW]},
        {**REVIEW, "@type": ["Review", "schema:ClaimReview"]},
        {**REVIEW, "@type": "http://schema.org/ClaimReview"},
        {"@type": "Article", "review": REVIEW},
    ],
)
def test_shapes_found_in_the_wild(document: object) -> None:
    (review,) = parse_claimreviews(json.dumps(document), "x.json")
    assert review.claim == "MDMA cures PTSD in one session."
    assert review.meaning == "mostly-false"
    assert review.publisher == "Example Desk"
    assert review.claimant == "A Blogger"


def test_json_ld_blocks_in_an_html_page() -> None:
    page = (
        "<html><head><script type='application/ld+json'>"
        + json.dumps(REVIEW)
        + "</script></head><body>[not markup]</body></html>"
    )
    assert [r.claim for r in parse_claimreviews(page, "page.html")] == [REVIEW["claimReviewed"]]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("", "empty"),
        ("{not json", "not valid JSON"),
        (json.dumps({"@type": "Article"}), "no ClaimReview"),
        ("<html></html>", "no JSON-LD"),
    ],
)
def test_bad_files_are_one_clear_line(data: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        parse_claimreviews(data, "bad.json")
    assert "bad.json" in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("name", "value", "best", "worst", "meaning"),
    [
        ("Pants on Fire", "", "", "", "false"),
        ("Half True", "", "", "", "mixture"),
        ("Unsupported", "", "", "", "other"),
        ("Not true", "", "", "", "false"),
        ("", "5", "5", "1", "true"),
        ("", "3", "5", "1", "mixture"),
        ("", "1", "6", "", "false"),
        ("", "x", "", "", "other"),
    ],
)
def test_rating_meanings(name: str, value: str, best: str, worst: str, meaning: str) -> None:
    assert meaning_of(name, value, best, worst) == meaning


@pytest.mark.parametrize("url", ["http://[bad", "http://x]y"])
def test_a_broken_review_address_names_no_publisher_and_does_not_crash(url: str) -> None:
    """With no author name the publisher comes from the review's address; an address
    urlparse refuses (an unclosed IPv6 bracket) ended import-reviews in a traceback."""
    document = {
        "@type": "ClaimReview",
        "claimReviewed": "Sales rose 7% in 2020",
        "url": url,
        "reviewRating": {"alternateName": "False"},
        "author": {"name": "", "url": url},
    }
    (review,) = parse_claimreviews(json.dumps(document), "x.json")
    assert review.publisher == ""
