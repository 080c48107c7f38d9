"""ClaimReview, FEVER and Web Annotation exports of the awkward fixture, and which
verdicts they publish (settled ones only)."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.app.claim_ops import add_claim
from annotator.config import DeskConfig
from annotator.errors import InputError
from annotator.export import select
from annotator.export.claimreview import (
    claim_reviewed,
    claim_reviews,
    to_claimreview,
    to_claimreview_html,
    whole_phrase,
)
from annotator.export.research import fever_lines, web_annotations
from annotator.export.table import collect
from annotator.store import Store
from tests import export_fixture


def reviews(store: Store, **flags: bool) -> list[dict[str, Any]]:
    return claim_reviews(collect(store, desk=export_fixture.DESK, full=True, **flags))


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
        # The desk's template, one page per claim (not the home page plus a fragment).
        assert review["url"].startswith("https://desk.example/checks/1#claim-")
        # Recommended: author, datePublished, itemReviewed (a Claim with its details).
        assert review["author"] == {
            "@type": "Organization",
            "name": "Desk & Co <Checks>",
            "url": "https://desk.example/checks",
        }
        assert review["datePublished"] == "2026-01-01"
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["appearance"] == {
            "@type": "CreativeWork",
            "headline": "MDMA & “therapy”: <b>what</b> the claims say",
            "url": "https://news.example/mdma?a=1&b=2",
            "author": {"@type": "Person", "name": "Jo Writer"},
            "datePublished": "2023-08-24",
        }
        assert item["author"] == {"@type": "Person", "name": "Jo Writer"}
        assert item["datePublished"] == "2023-08-24"
    assert len({r["url"] for r in found}) == len(found)


def test_claimreview_review_body_is_the_rationale(built: Store) -> None:
    by_url = {r["url"].rsplit("-", 1)[1]: r for r in reviews(built, include_stale=True)}
    assert (
        by_url["1"]["reviewBody"] == "Supported, but 67% at 18 weeks,\nnot “over 50% at 6 months”."
    )
    assert by_url["5"]["reviewBody"] == "+ no data found"
    # A grade with reason tags and no note: the tags say why.
    assert by_url["3"]["reviewBody"] == "Wrong population"


def test_claimreview_claim_reviewed_is_the_claims_own_words(built: Store) -> None:
    texts = {r["claimReviewed"] for r in reviews(built)}
    assert "the drug raised oxytocin 🍵 levels by 30% in rats" in texts
    assert "“MDMA therapy” cut PTSD symptoms by over 50% at 6 months" in texts


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
    assert not any(u.endswith("-4") for u in urls)  # ungraded
    assert not any(u.endswith("-7") for u in urls)  # dismissed
    assert not any(u.endswith("-5") for u in urls)  # stale: its words changed after grading
    assert len(urls) == 4


def test_claimreview_needs_the_desk_and_its_claim_url(built: Store) -> None:
    with pytest.raises(InputError, match="organization"):
        claim_reviews(collect(built, desk=DeskConfig(), full=True))
    desk = DeskConfig(organization="Desk", organization_url="https://desk.example")
    with pytest.raises(InputError, match="claim_url"):
        claim_reviews(collect(built, desk=desk, full=True))
    bad = DeskConfig(
        organization="Desk", organization_url="https://desk.example", claim_url="https://d/{x}"
    )
    with pytest.raises(InputError, match=r"\{article\} and \{claim\}"):
        claim_reviews(collect(built, desk=bad, full=True))


def test_claimreview_cannot_close_the_script_it_is_pasted_into(built: Store) -> None:
    # Claim 4's words hold "& <script>alert(1)</script>"; grading it publishes them.
    built.grade_claim(4, "unsupported", reviewer="ana", note="</script><script>x()</script>")
    text = to_claimreview(collect(built, desk=export_fixture.DESK, full=True))
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\\u003c/script\\u003e\\u003cscript\\u003ex()" in text
    parsed = json.loads(text)
    assert parsed[0]["author"]["name"] == "Desk & Co <Checks>"
    trial = next(r for r in parsed if r["url"].endswith("-4"))
    # Its words are too long and its label was made for the card: a whole phrase of them.
    assert trial["claimReviewed"] == (
        "+1 more trial found no effect at all & <script>alert(1)</script> nobody\u2026"
    )


class ScriptBlocks(HTMLParser):
    """The script elements of a page, as a browser's tokenizer splits them."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._in = dict(attrs)
            self.scripts.append((self._in, ""))

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in = None


def test_claimreview_html_is_one_ready_script_block(built: Store) -> None:
    built.edit_label(built.claims(1)[0].id, "</script><b>x</b>", reviewer="ana")
    page = to_claimreview_html(collect(built, desk=export_fixture.DESK, full=True))
    parser = ScriptBlocks()
    parser.feed(page)
    assert len(parser.scripts) == 1
    attrs, body = parser.scripts[0]
    assert attrs == {"type": "application/ld+json"}
    assert len(json.loads(body)) == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A new study of 4,000 adults shows that the drug cuts the risk of a heart attack "
            "by 25 percent in men over 60",
            "A new study of 4,000 adults shows that the drug cuts the risk of a heart…",
        ),
        (
            "Researchers at the university, working with three hospitals in the region, found "
            "that vitamin D had no effect",
            "Researchers at the university, working with three hospitals in the region…",
        ),
        ("Short claim.", "Short claim"),
    ],
)
def test_claim_reviewed_is_a_whole_phrase(text: str, expected: str) -> None:
    assert claim_reviewed(text, "") == expected


def test_claim_reviewed_takes_a_whole_label_when_the_words_are_too_long() -> None:
    text = "In a trial " + "of many people " * 10 + "the drug worked"
    assert claim_reviewed(text, "the drug worked in a large trial") == (
        "the drug worked in a large trial"
    )
    # A label that itself ends on a number is cut mid-phrase: the words are used instead.
    assert claim_reviewed(text, "cuts the risk by 25").startswith("In a trial of many")


PHRASE_WORDS = ["the", "risk", "by", "25", "percent", "of", "a", "heart,", "attack", "drug", "and",
                "in", "2021", "rats", "—"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PHRASE_WORDS), max_size=40))
def test_whole_phrase_never_dangles_and_stays_under_75(words: list[str]) -> None:
    text = " ".join(words)
    phrase = whole_phrase(text)
    assert len(phrase) < 75
    if len(" ".join(text.split())) <= 74:
        assert phrase == " ".join(text.split())
    elif phrase.rstrip("\u2026").strip():
        last = phrase.rstrip("\u2026").split()[-1].strip(",;:")
        assert last.lower() not in {"the", "by", "of", "a", "and", "in", "25", "2021", ""}


def test_fever_lines_are_in_fevers_own_shape(built: Store) -> None:
    lines = fever_lines(collect(built, full=True, include_stale=True))
    labels = {line["verdict"]: line["label"] for line in lines}
    assert labels == {
        "mostly-supported": "SUPPORTS",
        "contradicted": "REFUTES",
        # No adequate evidence is not a refutation: FEVER says not enough info.
        "unsupported": "NOT ENOUGH INFO",
        "mixed": "NOT ENOUGH INFO",
        "not-checkable": "NOT ENOUGH INFO",
    }
    for line in lines:
        assert isinstance(line["id"], int) and line["claim"]
        # FEVER's data pairs the two fields: a claim is VERIFIABLE exactly when it has a
        # SUPPORTS or REFUTES label, and readers select evidence pages by that field.
        verifiable = line["label"] != "NOT ENOUGH INFO"
        assert line["verifiable"] == ("VERIFIABLE" if verifiable else "NOT VERIFIABLE")
        for evidence_set in line["evidence"]:
            for annotation_id, evidence_id, page, sentence in evidence_set:
                assert isinstance(annotation_id, int)
                if line["label"] == "NOT ENOUGH INFO":
                    assert (evidence_id, page, sentence) == (None, None, None)
                else:
                    assert isinstance(evidence_id, int) and isinstance(page, str)
    first = next(line for line in lines if line["claim_id"] == 1)
    # The supporting trial, by its DOI; the quote is in its stored text's first sentence.
    assert [s[0][2:] for s in first["evidence"]] == [["doi:10.1000/mdma.2021.7", 0]]
    formula = next(line for line in lines if line["claim_id"] == 2)
    # Contradicting source without stored text: the sentence is unknown.
    assert formula["evidence"][0][0][3] is None
    json.dumps(lines)


def test_fever_export_scores_one_against_itself_with_the_fever_scorer(built: Store) -> None:
    # fever-scorer is in the test extra; a venv made before it was added skips this.
    fever_score = pytest.importorskip("fever.scorer").fever_score

    lines = fever_lines(collect(built, full=True, include_stale=True))
    predictions = [
        {
            "predicted_label": line["label"],
            "predicted_evidence": [
                [page, sentence]
                for evidence_set in line["evidence"]
                for _a, _e, page, sentence in evidence_set
                if sentence is not None
            ],
        }
        for line in lines
        # Only lines whose every piece of evidence has a sentence can be scored strictly.
        if all(e[3] is not None for s in line["evidence"] for e in s)
        or line["label"] == "NOT ENOUGH INFO"
    ]
    gold = [
        {"label": line["label"], "evidence": line["evidence"]}
        for line in lines
        if all(e[3] is not None for s in line["evidence"] for e in s)
        or line["label"] == "NOT ENOUGH INFO"
    ]
    assert len(gold) == 4  # the SUPPORTS line with its sentence, and three NEI lines
    strict, accuracy, _precision, _recall, _f1 = fever_score(predictions, gold, max_evidence=5)
    assert strict == 1.0 and accuracy == 1.0


def test_web_annotation_selectors_point_at_the_claim(built: Store) -> None:
    collection = web_annotations(collect(built, full=True))
    assert collection["type"] == "AnnotationCollection"
    assert collection["id"].startswith("urn:uuid:")
    assert collection["first"]["id"].startswith("urn:uuid:")
    assert collection["first"]["id"] != collection["id"]
    items = collection["first"]["items"]
    # The dismissed claim and the stale one (claim 5, corrected after grading) left out.
    assert collection["total"] == len(items) == 5
    text = export_fixture.CORRECTED
    for item in items:
        quote, position = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector"
        assert position["type"] == "TextPositionSelector"
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"]
        assert text[:start].endswith(quote["prefix"])
        assert text[end:].startswith(quote["suffix"])
        for body in item["body"]:
            # Embedded text or a linked resource, never both.
            assert ("value" in body) != ("source" in body)
    ungraded = next(i for i in items if i["id"].endswith(":claim:4"))
    assert ungraded["motivation"] == "highlighting"


# -- only settled verdicts are published ------------------------------------------------


def dispute_and_stale(store: Store) -> None:
    """Claim 3 disputed (ana mixed, ben contradicted); claim 5 is stale in the fixture
    (its words changed in the corrected version after it was graded)."""
    store.grade_claim(3, "contradicted", reviewer="ben")
    assert 5 in store.stale_claims(1)


@pytest.mark.parametrize("fmt", ["claimreview", "fever", "webannotation"])
def test_disputed_and_stale_claims_are_left_out_and_counted(built: Store, fmt: str) -> None:
    dispute_and_stale(built)
    export = collect(built, desk=export_fixture.DESK, full=True)
    selection = select(fmt, export)
    written = {int(r["claim_id"]) for r in selection.rows}
    assert 3 not in written and 5 not in written
    assert selection.left_out["disputed"] == 1
    assert selection.left_out["stale"] == 1
    assert selection.left_out["dismissed"] == 1
    if fmt == "webannotation":
        assert selection.message() == (
            "4 of 7 claims written (1 dismissed, 1 disputed, 1 stale left out)"
        )
    else:
        assert selection.message() == (
            "3 of 7 claims written (1 dismissed, 1 ungraded, 1 disputed, 1 stale left out)"
        )


def test_flags_bring_disputed_and_stale_claims_back(built: Store) -> None:
    dispute_and_stale(built)
    export = collect(
        built, desk=export_fixture.DESK, full=True, include_stale=True, include_disputed=True
    )
    lines = {line["claim_id"]: line for line in fever_lines(export)}
    assert lines[3]["standing"] == "disputed" and lines[3]["verdict"] == "contradicted"
    assert lines[5]["verdict"] == "unsupported"
    assert len(claim_reviews(export)) == 5
    # Without the flags: neither.
    plain = fever_lines(collect(built, full=True))
    assert {line["claim_id"] for line in plain} == {1, 2, 6}


def test_the_independent_grades_publish_when_they_agree(built: Store) -> None:
    built.grade_claim(3, "mixed", reviewer="ben")
    urls = {r["url"] for r in reviews(built)}
    assert "https://desk.example/checks/1#claim-3" in urls


def test_a_final_verdict_settles_a_dispute(built: Store) -> None:
    built.grade_claim(3, "contradicted", reviewer="ben")
    assert "https://desk.example/checks/1#claim-3" not in {r["url"] for r in reviews(built)}
    built.grade_claim(3, "unsupported", reviewer="editor", final=True, note="No rat data.")
    by_url = {r["url"]: r for r in reviews(built)}
    rating = by_url["https://desk.example/checks/1#claim-3"]["reviewRating"]
    assert rating["alternateName"] == "Unsupported"


def delete_two_sentences(store: Store) -> None:
    """A third version without the ungraded trial sentence (claim 4) and the graded
    prediction (claim 6): both claims are orphaned, their words gone from the article."""
    from annotator.app.importing import import_new_version

    text = store.get_article(1).text
    for gone in (export_fixture.CLAIMS[3][0], export_fixture.CLAIMS[5][0]):
        text = text.replace(gone, "")
    report = import_new_version(store, 1, text, reviewer="ana")
    assert sorted(c.id for c in report.orphaned) == [4, 6]


@pytest.mark.parametrize("fmt", ["claimreview", "fever", "webannotation"])
def test_a_claim_a_correction_deleted_is_never_published(built: Store, fmt: str) -> None:
    """Its verdict (claim 6) and its stale offsets (claim 4, an ungraded span the Web
    Annotation export kept) went out for a corrected article that no longer says it."""
    delete_two_sentences(built)
    export = collect(
        built, desk=export_fixture.DESK, full=True, include_stale=True, include_disputed=True
    )
    selection = select(fmt, export)
    assert {int(r["claim_id"]) for r in selection.rows}.isdisjoint({4, 6})
    assert selection.left_out["orphaned"] == 2
    assert "2 orphaned" in selection.message()


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "md-table", "xlsx"])
def test_the_claim_table_says_which_claims_a_correction_orphaned(built: Store, fmt: str) -> None:
    """A table row's offsets index the article's current text, except an orphan's: its
    words left the text, so its start and end are where they were in the older version
    (they overlap other claims now). The row says so, in the field the claim listing
    (`claims --json`) names the same way, so no reader takes text[start:end] on trust."""
    from annotator.export import EXPORT_FORMATS, render
    from annotator.export.table import COLUMNS

    delete_two_sentences(built)
    assert COLUMNS.index("anchor") == COLUMNS.index("stale") + 1
    export = collect(built, desk=export_fixture.DESK, full=EXPORT_FORMATS[fmt].full)
    rendered = render(fmt, export)
    assert (b"anchor" if isinstance(rendered, bytes) else "anchor") in rendered or fmt == "xlsx"
    text = built.get_article(1).text
    anchors = {int(r["claim_id"]): r["anchor"] for r in export.rows}
    assert {c for c, a in anchors.items() if a == "orphaned"} == {4, 6}
    for row in export.rows:
        if row["anchor"] != "orphaned":
            assert text[row["start"] : row["end"]] == row["text"]


@pytest.mark.parametrize(
    "template",
    [
        "https://d/{article.__class__}",  # attribute access: "<class 'int'>" in the URL
        "https://d/{claim:>99999999}",  # a format spec: a 100 MB URL per claim
        "https://d/{claim!r}",
        "https://d/{bogus}",
        "https://d/{0}",
        "https://d/{article",
    ],
)
def test_a_claim_url_fills_only_its_two_plain_fields(template: str) -> None:
    from annotator.export.claimreview import review_url

    with pytest.raises(InputError, match="use only {article} and {claim}"):
        review_url(template, 4, 43)


def test_a_claim_url_with_its_two_fields_and_braces_doubled() -> None:
    from annotator.export.claimreview import review_url

    url = review_url("https://d/{article}/x{{y}}#claim-{claim}", 4, 43)
    assert url == "https://d/4/x{y}#claim-43"


def test_config_set_refuses_a_claim_url_it_cannot_fill(tmp_path: Path) -> None:
    from annotator.app.desk_settings import change_settings

    path = tmp_path / "config.toml"
    change_settings(path, {"claim_url": "https://d/{article}#claim-{claim}"})
    before = path.read_bytes()
    with pytest.raises(InputError, match="use only {article} and {claim}"):
        change_settings(path, {"claim_url": "https://d/{article.__class__}"})
    assert path.read_bytes() == before


def test_claim_reviewed_never_publishes_a_card_label_nobody_wrote(store: Store) -> None:
    """Walked on a news story: a long claim's made-up card label was published as what
    was reviewed ('1 in 4 homes built', 'Councillor Ben Tran'); and the cut of the words
    stopped at the attribution ('According to the utility's own survey…'). A label a
    reviewer wrote is used; else the claim's words after their attribution frame."""
    text = (
        "According to the utility's own survey, 1 in 4 homes built before 1960 still draws"
        " water through a lead pipe. Councillor Ben Tran said the 2024 state audit found the"
        " utility had overbilled its customers by $3.2 million over the three years before."
    )
    article = store.import_article(text, title="Pipes", reviewer="ana", proposals=[])
    survey = add_claim(store, article.id, 0, text.index(" Councillor"), reviewer="ana")
    audit = add_claim(store, article.id, text.index("Councillor"), len(text), reviewer="ana")
    assert not survey.label.startswith("According")  # the label made for the card
    store.edit_label(audit.id, "State audit found $3.2 million overbilled", reviewer="ana")
    for claim in (survey, audit):
        store.grade_claim(claim.id, "supported", reviewer="ana")
    found = {
        r["url"]: r["claimReviewed"]
        for r in claim_reviews(collect(store, desk=export_fixture.DESK, full=True))
    }
    assert sorted(found.values()) == [
        "1 in 4 homes built before 1960 still draws water through a lead pipe",
        "State audit found $3.2 million overbilled",
    ]
