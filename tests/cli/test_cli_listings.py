"""articles and stats on a desk of hostile titles: the output is exactly what building
the whole listing and ``json.dumps`` wrote before they were streamed."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from annotator.model import ProposedClaim
from annotator.store import Store
from annotator.text.terminal import json_terminal_safe
from tests.cli.test_cli import run
from tests.conftest import name_editors

TITLES = [
    'Quote " and \\ backslash',
    "Line\nbreak\tand\rreturn",
    "Controls \x00\x1b[31m\x7f\x85\x9b",
    "Café 研究 😀 \u2028\u2029",
    "",
]


@pytest.fixture
def desk() -> Store:
    name_editors("tester")
    store = Store.open(Path(os.environ["ANNOTATOR_DB"]))
    verdicts = ["supported", "contradicted", "mixed", "supported"]
    for i, title in enumerate(TITLES):
        text = f"Article {i}: the drug cut deaths by {i + 10}% in 2020. It rained."
        proposals = [ProposedClaim(start=0, end=text.index(" It"), text=text[: text.index(" It")],
                                   label="", score=0.9, reasons=())]  # fmt: skip
        article = store.import_article(
            text, title=title, reviewer="ann", proposals=proposals, source=f"src{i}"
        )
        claim = store.claims(article.id)[0]
        if i < len(verdicts):
            store.grade_claim(claim.id, verdicts[i], reviewer="ann")
        if i == 1:
            store.dismiss_claim(claim.id, reviewer="ann")
    # A verdict of a scale the desk no longer uses (kept summaries follow the grade).
    with store.db.conn:
        store.db.execute("UPDATE grades SET verdict = 'weird-off-scale' WHERE claim_id = 3")
    return store


def dumped(value: Any) -> str:
    return json_terminal_safe(json.dumps(value, ensure_ascii=False, indent=2)) + "\n"


def test_articles_json_is_the_whole_listing_as_json_dumps_writes_it(desk: Store) -> None:
    expected = [
        {
            "id": s.article.id,
            "title": s.article.title,
            "source": s.article.source,
            "author": s.article.author,
            "published": s.article.published,
            "sha256": s.article.sha256,
            "imported_at": s.article.imported_at,
            "claims": s.claims,
            "graded": s.graded,
            "dismissed": s.dismissed,
            "disputed": 0,
            "verdicts": s.verdicts,
        }
        for s in desk.article_summaries()
    ]
    code, out, err = run("articles", "--json")
    assert code == 0, err
    assert out == dumped(expected)
    assert json.loads(out)[0]["title"] == TITLES[0]
    code, out, _ = run("articles")
    lines = out.splitlines()
    assert lines[0] == "id\ttitle\tclaims\tgraded\timported"
    assert [line.split("\t")[0] for line in lines[1:]] == ["1", "2", "3", "4", "5"]
    # (controls in a title are shown as symbols on every stream: VisibleStream)
    assert lines[1].split("\t")[1:] == [TITLES[0], "1", "1", desk.get_article(1).imported_at]


def test_stats_json_and_plain_are_the_totals_of_the_listing(desk: Store) -> None:
    summaries = desk.article_summaries()
    verdicts = {k: 0 for k in desk.scales.verdict.keys}
    for s in summaries:
        for k, n in s.verdicts.items():
            verdicts[k] = verdicts.get(k, 0) + n
    claims = sum(s.claims for s in summaries)
    graded = sum(s.graded for s in summaries)
    expected = {
        "articles": len(summaries),
        "claims": claims,
        "graded": graded,
        "ungraded": claims - graded,
        "dismissed": sum(s.dismissed for s in summaries),
        "stale": 0,
        "disputed": 0,
        "verdicts": verdicts,
        "per_article": [
            {"id": s.article.id, "title": s.article.title, "claims": s.claims,
             "graded": s.graded, "dismissed": s.dismissed, "stale": 0, "disputed": 0,
             "verdicts": s.verdicts}
            for s in summaries
        ],
    }  # fmt: skip
    assert (claims, graded, list(verdicts)[-1]) == (4, 3, "weird-off-scale")
    code, out, err = run("stats", "--json")
    assert code == 0, err
    assert out == dumped(expected)
    code, out, _ = run("stats", "2", "--json")
    assert json.loads(out)["dismissed"] == 1 and json.loads(out)["claims"] == 0
    # Piped, without the rows: the totals line and one bar per verdict, scale order
    # first and the off-scale verdict after, then the disputed, stale and ungraded claims.
    code, out, _ = run("stats")
    lines = out.splitlines()
    assert lines[0] == "5 articles, 4 claims, 3 graded (75%), 1 dismissed"
    bars = [line.split()[0] for line in lines[1:]]
    assert bars[-4:] == ["weird-off-scale", "Disputed", "Stale", "Not"]
    assert len(lines) == len(verdicts) + 4


def test_a_disputed_claim_is_counted_as_disputed_not_as_one_reviewers_verdict(
    desk: Store,
) -> None:
    """ann said supported, ben (later) contradicted, no final verdict: stats and articles
    count it as disputed, never 'contradicted 1'; the editor's final verdict then counts."""
    claim = desk.claims(4)[0].id  # ann graded it 'supported'
    desk.grade_claim(claim, "contradicted", reviewer="ben")
    code, out, err = run("stats", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["disputed"] == 1 and data["graded"] == 3
    assert data["verdicts"]["contradicted"] == 0 and data["verdicts"]["supported"] == 1
    assert data["per_article"][3]["disputed"] == 1 and data["per_article"][3]["verdicts"] == {}
    [article] = [a for a in json.loads(run("articles", "--json")[1]) if a["id"] == 4]
    assert article["disputed"] == 1 and article["verdicts"] == {}
    plain = run("stats")[1].splitlines()
    assert [
        line.split()[:2] for line in plain if line.split()[0] in ("Contradicted", "Disputed")
    ] == [
        ["Contradicted", "0"],
        ["Disputed", "1"],
    ]
    desk.grade_claim(claim, "contradicted", reviewer="tester", final=True, note="settled")
    data = json.loads(run("stats", "--json")[1])
    assert data["disputed"] == 0 and data["verdicts"]["contradicted"] == 1
    [article] = [a for a in json.loads(run("articles", "--json")[1]) if a["id"] == 4]
    assert article["disputed"] == 0 and article["verdicts"] == {"contradicted": 1}


def test_an_error_while_a_listing_is_made_writes_no_half_document(
    desk: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows read, a few hundred KB of them, then the database fails: stdout holds
    nothing (not a JSON array cut off), stderr one Error line, the exit status 1."""
    import sqlite3

    rows = desk.article_rows()
    desk.close()

    def failing(self: Store, *args: object, **kwargs: object) -> Any:
        for i in range(400):
            yield rows[0]._replace(id=i + 1, title="x" * 1000)
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(Store, "article_rows", failing)
    code, out, err = run("articles", "--json")
    assert code == 1 and out == ""
    assert err == "Error: the database is busy with another reviewer's change: try again\n"


def test_a_document_past_the_memory_limit_goes_through_a_file_unchanged(
    desk: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import annotator.cli.common as common

    desk.close()
    code, in_memory, err = run("articles", "--json")
    assert code == 0, err
    monkeypatch.setattr(common, "_JSON_IN_MEMORY", 64)  # spilled to a temporary file
    code, through_a_file, err = run("articles", "--json")
    assert code == 0, err
    assert through_a_file == in_memory and len(json.loads(in_memory)) == len(TITLES)
