"""Corrections show: a grade given before the claim's words or numbers changed is stale."""

from __future__ import annotations

from annotator.app.claim_filter import parse_filter
from annotator.app.claim_flags import claim_flags, label_out_of_date
from annotator.app.importing import import_new_version
from annotator.export.table import claim_rows
from annotator.store import Store
from annotator.text.label_numbers import label_numbers_missing, numbers_changed
from annotator.text.proposer import propose_claims

TEXT = (
    "The drug reduced pain in 45% of patients within two weeks.\n"
    "A survey of 1,200 nurses found that 30% had skipped breaks.\n"
    "The clinic said 9 in 10 patients were happy.\n"
)
CORRECTED = TEXT.replace("45%", "25%").replace("30%", "35%")


def _setup(store: Store) -> tuple[int, int, int]:
    aid = store.import_article(TEXT, title="t", reviewer="ana", proposals=propose_claims(TEXT)).id
    pain, nurses = store.claims(aid)[:2]
    assert "45%" in pain.text and "30%" in nurses.text
    store.grade_claim(pain.id, "supported", reviewer="ana")
    store.grade_claim(nurses.id, "mixed", reviewer="ana")
    store.grade_claim(nurses.id, "mixed", reviewer="ben")
    store.edit_label(nurses.id, "30% of 1,200 nurses skip breaks", reviewer="ana")
    return aid, pain.id, nurses.id


def test_a_correction_makes_the_changed_claims_grades_stale(store: Store) -> None:
    aid, pain, nurses = _setup(store)
    report = import_new_version(store, aid, CORRECTED, reviewer="ana")
    assert set(report.stale) == {pain, nurses}
    assert store.stale_claims(aid) == {pain, nurses}
    assert all(g.stale for g in store.grades_for(pain))
    rows = {r["claim_id"]: r for r in claim_rows(store, aid)}
    assert rows[pain]["stale"] is True and rows[nurses]["stale"] is True
    assert not any(r["stale"] for r in rows.values() if r["claim_id"] not in (pain, nurses))


def test_grading_again_settles_a_stale_grade_and_a_fresh_final_one_settles_the_claim(
    store: Store,
) -> None:
    aid, pain, nurses = _setup(store)
    import_new_version(store, aid, CORRECTED, reviewer="ana")
    store.grade_claim(pain, "contradicted", reviewer="ana")
    store.grade_claim(nurses, "mixed", reviewer="ana")
    # ben's grade of the old words still stands behind the verdict: still stale
    assert store.stale_claims(aid) == {nurses}
    store.grade_claim(nurses, "mixed", reviewer="ed", final=True, note="checked the new 35%")
    assert store.stale_claims(aid) == set()
    assert not any(r["stale"] for r in claim_rows(store, aid))


def test_a_derived_label_follows_the_numbers_a_hand_written_one_is_kept_and_flagged(
    store: Store,
) -> None:
    aid, pain, nurses = _setup(store)
    old_label = store.get_claim(pain).label
    import_new_version(store, aid, CORRECTED, reviewer="ana")
    relabelled, kept = store.get_claim(pain), store.get_claim(nurses)
    assert "45" in old_label and "25%" in relabelled.label and "45" not in relabelled.label
    assert [q.value for q in relabelled.quantities if q.unit == "%"] == [25.0]
    assert kept.label == "30% of 1,200 nurses skip breaks"
    assert label_out_of_date(kept) == ("30",) and label_out_of_date(relabelled) == ()
    flags = claim_flags(store, store.claims(aid))
    assert flags == {pain: {"stale"}, nurses: {"stale", "label"}}


def test_is_stale_and_is_label_search_terms(store: Store) -> None:
    aid, pain, nurses = _setup(store)
    import_new_version(store, aid, CORRECTED, reviewer="ana")
    claims = store.claims(aid)
    flags = claim_flags(store, claims)
    verdicts = store.current_verdicts(aid)

    def found(query: str) -> list[int]:
        q = parse_filter(query)
        return [
            c.id
            for c in claims
            if q.matches(c, verdicts.get(c.id, ""), None, flags.get(c.id, frozenset()))
        ]

    assert found("is:stale") == [pain, nurses]
    assert found("is:label") == [nurses]
    assert found("is:stale verdict:supp") == [pain]


def test_label_numbers() -> None:
    assert label_numbers_missing("over 50% of 1,200 people", "50 % of 1200 people") == ()
    assert label_numbers_missing("over 50% in 2020", "over 40% in 2020") == ("50",)
    assert numbers_changed("cut 30% by 2020", "cut 35% by 2020")
    assert not numbers_changed("cut 30% by 2020", "reduced by 30% by 2020")


def test_disputed_until_settled_and_only_for_who_may_see_it(store: Store) -> None:
    from annotator.grades.visibility import Viewer

    aid, pain, nurses = _setup(store)
    third = store.claims(aid)[2].id
    store.grade_claim(pain, "contradicted", reviewer="ben")  # ana said supported
    store.grade_claim(third, "mixed", reviewer="ana")
    store.grade_claim(third, "mixed", reviewer="ben")  # agreed: not disputed
    claims = store.claims(aid)
    assert {c for c, f in claim_flags(store, claims).items() if "disputed" in f} == {pain}
    assert claim_flags(store, [store.get_claim(pain)])[pain] == {"disputed"}
    # A blind reviewer who has not graded it is not told that others disagree.
    cat = Viewer("cat", blind=True)
    assert not any("disputed" in f for f in claim_flags(store, claims, cat).values())
    # An editor's final verdict settles it; search finds the disputed ones by is:disputed.
    verdicts = store.current_verdicts(aid)
    q = parse_filter("is:disputed")
    flags = claim_flags(store, claims)
    none: frozenset[str] = frozenset()
    found = [c.id for c in claims if q.matches(c, verdicts[c.id], None, flags.get(c.id, none))]
    assert found == [pain]
    store.grade_claim(pain, "mixed", reviewer="ed", final=True, note="the larger trial")
    assert "disputed" not in claim_flags(store, store.claims(aid)).get(pain, frozenset())
