"""Claim memory through the store and the command line: matches, reuse, versions."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.app.claim_ops import add_claim
from annotator.app.importing import import_new_version
from annotator.app.library import add_citation
from annotator.app.linking import link_evidence
from annotator.cli import cli
from annotator.errors import InputError
from annotator.memory.claimreview_import import parse_claimreviews
from annotator.sources.identifiers import citation_from_doi
from annotator.store import Store
from tests.conftest import REAL_DIR
from tests.memory_texts import FIRST, sentences

SECOND = (
    "Another site\n"
    "PTSD symptoms fell by more than 50 percent at six-month follow-ups with MDMA therapy.\n"
    "MDMA-assisted therapy cuts PTSD symptoms by over 30% at 6-month follow-ups.\n"
)


def add(store: Store, text: str, title: str = "T") -> int:
    return store.import_article(text, title=title, reviewer="ann", proposals=sentences(text)).id


@pytest.fixture
def checked(store: Store) -> tuple[int, int]:
    """An article whose 50% claim is graded and linked to a citation."""
    article = add(store, FIRST, "First")
    claim = store.claims(article)[0]
    store.grade_claim(claim.id, "mostly-supported", reviewer="ann", note="see the trial")
    citation, _ = add_citation(store, citation_from_doi("10.1000/trial"), reviewer="ann")
    link_evidence(store, claim.id, citation.id, "supports", reviewer="ann", locator="table 2")
    return article, claim.id


def test_matches_show_verdict_sources_article_and_reason(
    store: Store, checked: tuple[int, int]
) -> None:
    article, earlier = checked
    second = add(store, SECOND, "Second")
    paraphrase, changed = store.claims(second)
    (hit,) = store.similar_claims(paraphrase.id, near_misses=False)
    assert hit.ref == ("claim", earlier) and hit.kind == "match"
    assert hit.verdict == "mostly-supported" and hit.meaning == "mostly-true"
    assert hit.article_id == article and hit.article_title == "First"
    assert hit.sources == ("citation 1 supports",)
    assert "same numbers" in hit.reason
    (near,) = store.similar_claims(changed.id)
    assert near.kind == "near-miss" and "30%" in near.reason and "50%" in near.reason


def test_only_claims_with_a_verdict_are_remembered(store: Store) -> None:
    add(store, FIRST)
    second = add(store, SECOND)
    assert store.similar_claims(store.claims(second)[0].id) == []


def test_article_matches_skip_matching_when_nothing_is_remembered(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = add(store, FIRST)

    def no_match(*args: object, **kwargs: object) -> None:
        raise AssertionError("matched against an empty memory")

    monkeypatch.setattr("annotator.store._memory_words.StoredMemoryIndex.match", no_match)
    monkeypatch.setattr("annotator.memory.index.MemoryIndex.match", no_match)
    assert store.article_matches(article) == []


def test_article_matches_leave_out_the_articles_own_claims(
    store: Store, checked: tuple[int, int]
) -> None:
    article, earlier = checked
    assert store.article_matches(article) == []  # its graded claim is remembered, but its own
    second = add(store, SECOND, "Second")
    ((claim, hits), *_) = store.article_matches(second)
    assert claim.article_id == second and hits[0].ref == ("claim", earlier)


def test_external_reviews_take_part_and_show_as_external(store: Store) -> None:
    path = REAL_DIR / "claimreview-1.json"
    if not path.exists():
        pytest.skip("shared real files absent")
    reviews = parse_claimreviews(path.read_text(encoding="utf-8"), str(path))
    added, known = store.import_reviews(reviews, reviewer="ann")
    assert (len(added), known) == (1, 0)
    assert store.import_reviews(reviews, reviewer="ann") == ([], 1)
    hits = store.similar_to_text(
        "Illegal immigrants committed over 3,000 homicides in the past 6 years."
    )
    assert hits[0].external and hits[0].kind == "match"
    assert hits[0].verdict == "1/6 (false)" and hits[0].publisher == "politifact.com"
    miss = store.similar_to_text("Illegal immigrants committed over 300 homicides in 6 years.")
    assert miss and miss[0].kind == "near-miss"


def test_reuse_copies_links_not_the_verdict_and_says_where_from(
    store: Store, checked: tuple[int, int]
) -> None:
    _article, earlier = checked
    target = store.claims(add(store, SECOND))[0]
    (copy,) = store.reuse_evidence(target.id, earlier, reviewer="bob")
    assert (copy.claim_id, copy.citation_id, str(copy.stance), copy.locator) == (
        target.id,
        1,
        "supports",
        "table 2",
    )
    assert f"reused from claim {earlier}" in copy.note and copy.reviewer == "bob"
    assert store.grades_for(target.id) == []
    event = store.history(target.id)[-1]
    assert event.action == "reuse" and event.entity == "evidence"
    assert store.reuse_evidence(target.id, earlier, reviewer="bob") == []  # nothing twice
    assert store.undo_last(reviewer="bob")  # the copy is one action, undone as one
    assert store.evidence_for(target.id) == []
    with pytest.raises(InputError, match="no evidence links"):
        store.reuse_evidence(earlier, target.id, reviewer="bob")


def test_new_version_keeps_claims_grades_links_and_both_texts(
    store: Store, checked: tuple[int, int]
) -> None:
    article, graded = checked
    new = (
        FIRST.replace(
            "MDMA therapy\n", "MDMA therapy\nAn inserted paragraph: 12 patients took part.\n"
        )
        .replace("cuts PTSD symptoms by over 50%", "cut PTSD symptoms by well over 50%")
        .replace("MDMA triggers the release of oxytocin.\n", "")
    )
    before = {c.id for c in store.claims(article)}
    report = import_new_version(store, article, new, reviewer="ann", proposals=sentences(new))
    assert report.version == 2
    assert report.anchors == {"exact": 1, "fuzzy": 1, "orphaned": 1}
    assert report.stale == (graded,) and report.proposed == 1
    after = {c.id: c for c in store.claims(article)}
    assert before <= set(after)  # nothing deleted
    text = store.get_article(article).text
    for c in after.values():
        if c.anchor != "orphaned":
            assert text[c.start : c.end] == c.text
    orphan = next(c for c in after.values() if c.anchor == "orphaned")
    assert orphan.text == "MDMA triggers the release of oxytocin."
    assert [c.id for c in report.orphaned] == [orphan.id]
    assert after[graded].text.startswith("MDMA-assisted therapy cut PTSD symptoms by well over")
    (grade,) = store.grades_for(graded)
    assert grade.stale and grade.verdict == "mostly-supported"
    assert len(store.evidence_for(graded)) == 1
    (old,) = store.article_versions(article)
    assert old.text == FIRST and old.version == 1
    # grading again clears the stale mark
    assert not store.grade_claim(graded, "supported", reviewer="ann").stale
    # the same text again changes nothing
    assert import_new_version(store, article, new, reviewer="ann").unchanged
    assert len(store.article_versions(article)) == 1


def test_an_orphans_old_span_does_not_block_a_new_claim(store: Store) -> None:
    old = "Title\nThe sky is green today.\nWater boils at 50 degrees.\n"
    article = add(store, old)
    new = "Title\nNothing to see here at all, honestly.\nWater boils at 50 degrees.\n"
    report = import_new_version(store, article, new, reviewer="ann")
    (orphan,) = report.orphaned
    added = add_claim(store, article, orphan.start, orphan.end, reviewer="ann")
    assert added.text == new[added.start : added.end]


def test_a_new_version_is_one_undoable_action(store: Store, checked: tuple[int, int]) -> None:
    article, graded = checked
    claims = store.claims(article)
    import_new_version(store, article, FIRST.replace("over 50%", "over 60%"), reviewer="ann")
    store.undo_last(reviewer="ann")
    assert store.get_article(article).text == FIRST
    assert store.claims(article) == claims
    assert store.article_versions(article) == []
    assert not store.grades_for(graded)[0].stale
    assert store.verify_chain() is None


# -- command line ------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_import_reports_matches_and_similar_lists_them(tmp_path: Path) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(
        "MDMA therapy\nAccording to the data, MDMA-assisted therapy cuts PTSD symptoms by over 50%"
        " at 6-month follow-ups compared to baseline.\n",
        encoding="utf-8",
    )
    second.write_text(
        "Another site\nA new report says MDMA-assisted therapy reduced PTSD symptoms by more than"
        " 50 percent at six-month follow-ups compared with baseline.\n",
        encoding="utf-8",
    )
    assert run("import", str(first))[0] == 0
    (claim,) = json.loads(run("claims", "1", "--json")[1])
    assert run("grade", str(claim["id"]), "--verdict", "supported")[0] == 0
    code, out, _ = run("import", str(second))
    assert code == 0 and f"matches claim {claim['id']}, article 1" in out and "supported" in out
    (new,) = json.loads(run("claims", "2", "--json")[1])
    code, out, _ = run("similar", str(new["id"]), "--json")
    (hit,) = json.loads(out)
    assert hit["claim_id"] == claim["id"] and hit["verdict"] == "supported"
    assert hit["match"] == "match" and hit["article_id"] == 1 and hit["reason"]
    assert run("similar", "999")[0] == 1


def test_cli_reimport_of_a_changed_file_is_a_new_version(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(FIRST, encoding="utf-8")
    run("import", str(path))
    path.write_text(FIRST.replace("MDMA triggers the release of oxytocin.\n", ""), encoding="utf-8")
    code, out, _ = run("import", str(path))
    assert code == 0 and "article 1: version 2" in out
    code, out, _ = run("versions", "1", "--json")
    data = json.loads(out)
    assert [v["version"] for v in data["versions"]] == [1, 2]
    other = tmp_path / "b.txt"
    other.write_text(FIRST + "One more line at the end.\n", encoding="utf-8")
    code, out, _ = run("import", str(other), "--replaces", "1")
    assert code == 0 and "version 3" in out
    other.write_text(FIRST + "Yet another line.\n", encoding="utf-8")
    code, _out, err = run("import", str(other), "--replaces", "77")
    assert code == 1 and "no article with id 77" in err


def test_cli_import_reviews_real_file_twice() -> None:
    path = REAL_DIR / "claimreview-1.json"
    if not path.exists():
        pytest.skip("shared real files absent")
    code, out, _ = run("import-reviews", str(path))
    assert code == 0 and "1 review imported, 0 already known" in out and "politifact" in out
    code, out, _ = run("import-reviews", str(path))
    assert "0 reviews imported, 1 already known" in out


def test_cli_bad_review_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    code, _out, err = run("import-reviews", str(bad))
    assert code == 1 and err.startswith("Error: ") and err.count("\n") == 1
    code, _out, err = run("import-reviews", str(tmp_path / "missing.json"))
    assert code == 1 and "missing.json" in err
    assert os.environ["ANNOTATOR_DB"]


def test_a_graded_claim_whose_sentence_a_correction_deleted_goes_stale(store: Store) -> None:
    """A correction that deletes a graded sentence orphans its claim; its verdict was
    about words the article no longer says, so it stands no more than one whose words
    changed: it needs a person again and is not published (it was, as if checked)."""
    old = "Title\nThe sky is green today.\nWater boils at 50 degrees.\n"
    article = add(store, old)
    sky, water = store.claims(article)
    store.grade_claim(sky.id, "contradicted", reviewer="ann")
    store.grade_claim(water.id, "contradicted", reviewer="ann")
    new = "Title\nWater boils at 50 degrees.\n"
    report = import_new_version(store, article, new, reviewer="ann")
    assert [c.id for c in report.orphaned] == [sky.id] and report.stale == ()
    assert [g.stale for g in store.grades_for(sky.id)] == [True]
    assert [g.stale for g in store.grades_for(water.id)] == [False]
    assert sky.id in store.stale_claims(article)


def test_a_match_whose_verdict_a_correction_made_stale_says_so(
    store: Store, checked: tuple[int, int], tmp_path: Path
) -> None:
    """Walked on a corrected story: a new article's '7-2' claim was offered the earlier
    claim's verdict '[contradicted, 100]', given when that claim said '7-2' and stale now
    that the correction made it '6-3'. A verdict given before the words changed is marked
    stale wherever a match shows it."""
    article, earlier = checked
    old = store.get_claim(earlier)
    import_new_version(store, article, FIRST.replace("50%", "40%"), reviewer="ann")
    assert earlier in store.stale_claims(article)
    again = add(store, FIRST.replace("50%", "40%").replace("\n", " \n", 1), "Copy")
    (hit,) = store.similar_claims(store.claims(again)[0].id, near_misses=False)
    assert hit.ref == ("claim", earlier) and hit.verdict == "mostly-supported"
    assert hit.stale and hit.to_dict()["verdict_stale"] is True
    assert old.text != store.get_claim(earlier).text


def test_cli_marks_a_stale_verdict_of_a_match(tmp_path: Path) -> None:
    story = tmp_path / "story.md"
    text = "# Vote\n\nHarbor City's council voted 7-2 on Tuesday to approve a $240 million plan.\n"
    story.write_text(text, encoding="utf-8")
    assert run("import", str(story))[0] == 0
    (claim,) = json.loads(run("claims", "1", "--json")[1])
    assert run("grade", str(claim["id"]), "--verdict", "supported")[0] == 0
    story.write_text(text.replace("7-2", "6-3"), encoding="utf-8")
    assert run("import", str(story))[0] == 0  # a correction: the grade goes stale
    copy = tmp_path / "copy.md"
    copy.write_text(text.replace("# Vote", "# Council vote"), encoding="utf-8")
    code, out, _ = run("import", str(copy))
    assert code == 0 and "[supported (stale), " in out
    (new,) = json.loads(run("claims", "2", "--json")[1])
    code, out, _ = run("similar", str(new["id"]))
    assert code == 0 and "supported (stale)" in out
