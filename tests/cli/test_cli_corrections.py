"""After a correction (a new version of the article): the listings and the totals tell a
verdict that still holds from one given to words that changed or left the text."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from annotator.app.importing import import_new_version
from annotator.model import ProposedClaim
from annotator.store import Store
from tests.cli.test_cli import run
from tests.conftest import name_editors

SENTENCES = (
    "The drug cut deaths by 30% in a 2019 trial.",
    "Unemployment rose to 7.2% in March 2021.",
    "About 12 million people were vaccinated in 2021.",
    "Coffee sales grew 5% last year.",
)


@pytest.fixture
def corrected() -> Store:
    """Four graded claims; then a correction changes the first claim's number and deletes
    the second sentence: claim 1 stale, claim 2 orphaned (and stale), 3 and 4 hold."""
    name_editors("tester")
    store = Store.open(Path(os.environ["ANNOTATOR_DB"]))
    text = " ".join(SENTENCES)
    proposals = []
    for sentence in SENTENCES:
        start = text.index(sentence)
        proposals.append(ProposedClaim(start=start, end=start + len(sentence), text=sentence,
                                       label="", score=0.9, reasons=()))  # fmt: skip
    article = store.import_article(text, title="T", reviewer="ann", proposals=proposals)
    verdicts = ("supported", "mixed", "supported", "contradicted")
    for claim, verdict in zip(store.claims(article.id), verdicts, strict=True):
        store.grade_claim(claim.id, verdict, reviewer="ann")
    new_text = " ".join((SENTENCES[0].replace("30%", "20%"), SENTENCES[2], SENTENCES[3]))
    report = import_new_version(store, article.id, new_text, reviewer="ann")
    assert [c.id for c in report.orphaned] == [2]
    return store


def test_the_claim_listing_marks_an_orphaned_claim(corrected: Store) -> None:
    code, out, err = run("claims", "1")
    assert code == 0, err
    rows = {line.split("\t")[0]: line.split("\t") for line in out.splitlines()[1:]}
    assert "orphaned" in rows["2"][4].split(), rows["2"]
    assert "orphaned" not in rows["1"][4].split(), rows["1"]
    assert "orphaned" not in rows["3"][4].split(), rows["3"]


def test_stats_count_stale_verdicts_apart_from_the_verdicts_that_hold(corrected: Store) -> None:
    code, out, err = run("stats", "1", "--json")
    assert code == 0, err
    totals = json.loads(out)
    # Claims 1 and 2 were graded before the correction changed or removed their words:
    # their verdicts need a person again, so they are not counted as verdicts in force.
    assert totals["verdicts"]["supported"] == 1 and totals["verdicts"]["contradicted"] == 1
    assert totals["verdicts"]["mixed"] == 0
    assert totals["stale"] == 2
    assert totals["graded"] == 4
    assert totals["per_article"][0]["stale"] == 2
    assert totals["per_article"][0]["verdicts"] == {"supported": 1, "contradicted": 1}
    code, out, err = run("stats", "1")
    assert code == 0, err
    lines = {line.split()[0]: line.split() for line in out.splitlines()[1:]}
    assert lines["Supported"][1] == "1" and lines["Mixed"][1] == "0"
    assert any(line.strip().startswith("Stale") and " 2 " in line for line in out.splitlines())


def test_the_queue_says_an_orphaned_claim_left_the_text(corrected: Store) -> None:
    """Claim 2's words are gone from the article: "the claim changed after it was
    graded" sent the reviewer looking for changed words that are nowhere."""
    code, out, err = run("queue", "1")
    assert code == 0, err
    why = {line.split("\t")[0]: line.split("\t")[2] for line in out.splitlines()[1:]}
    assert "left the article" in why["2"], why
    assert why["1"].startswith("the claim changed after it was graded"), why


def test_a_correction_says_which_reworded_claims_had_grades(tmp_path: Path) -> None:
    """'words changed, grades marked stale: claims 1, 2' was said of claims nobody had
    graded too; only the graded ones have grades to look at again."""
    article = tmp_path / "a.txt"
    article.write_text(" ".join(SENTENCES), encoding="utf-8")
    code, out, err = run("import", str(article))
    assert code == 0, err
    code, out, err = run("claims", "1", "--json")
    ids = {c["text"]: c["id"] for c in json.loads(out)}
    graded = ids[SENTENCES[0]]
    assert run("grade", str(graded), "--verdict", "supported")[0] == 0
    article.write_text(
        " ".join((SENTENCES[0].replace("30%", "20%"), SENTENCES[1].replace("7.2%", "7.9%"),
                  *SENTENCES[2:])),
        encoding="utf-8",
    )  # fmt: skip
    code, out, err = run("import", str(article))
    assert code == 0, err
    reworded = sorted((graded, ids[SENTENCES[1]]))
    assert f"  words changed: claims {reworded[0]}, {reworded[1]}\n" in out, out
    assert f"  grades marked stale: claim {graded} (grade it again)\n" in out, out
