"""A claim's history reads as sentences: who did what, with the words a person uses."""

from __future__ import annotations

from annotator.app.claim_ops import merge_claims
from annotator.app.event_sentences import event_sentence, history_sentences, quoted
from annotator.app.library import add_citation
from annotator.app.linking import link_evidence
from annotator.model import Citation, CitationKind, Event
from annotator.store import Store
from annotator.text.proposer import propose_claims

TEXT = (
    "A trial of 200 people found that coffee cut the risk of stroke by 30% in 2020. "
    "The drug reduced pain in 45% of patients within two weeks."
)


def _claim(store: Store) -> int:
    article = store.import_article(
        TEXT, title="t", reviewer="alice", proposals=propose_claims(TEXT)
    )
    return store.claims(article.id)[0].id


def _sentences(store: Store, claim_id: int) -> list[str]:
    return [event_sentence(e) for e in store.history(claim_id)]


def test_grades_read_as_a_change_of_verdict_with_certainty_and_reasons(store: Store) -> None:
    claim_id = _claim(store)
    store.grade_claim(claim_id, "mixed", reviewer="alice")
    store.grade_claim(
        claim_id, "unsupported", reviewer="alice", certainty="low", reasons=("overstated",)
    )
    store.grade_claim(claim_id, "supported", reviewer="ed", final=True, note="settled")
    assert _sentences(store, claim_id)[1:] == [
        "alice graded mixed",
        "alice graded mixed → unsupported (certainty low; overstated)",
        "ed set the final verdict supported (note \u201csettled\u201d)",
    ]


def test_links_name_the_citation_stance_and_how_the_quote_was_found(store: Store) -> None:
    claim_id = _claim(store)
    source = Citation(id=0, kind=CitationKind.OTHER, title="Coffee", source_text="cut by 30%")
    cited, _ = add_citation(store, source, reviewer="bob")
    link = link_evidence(store, claim_id, cited.id, "supports", reviewer="bob", quote="cut by 30%")
    store.update_evidence(link.id, reviewer="bob", stance="mixed")
    store.remove_evidence(link.id, reviewer="bob")
    assert _sentences(store, claim_id)[1:] == [
        f"bob linked citation {cited.id} (supports, quote exact)",
        f"bob changed the link to citation {cited.id}: stance: supports → mixed",
        f"bob unlinked citation {cited.id} (mixed, quote exact)",
    ]


def test_claim_curation_and_undo_read_as_sentences(store: Store) -> None:
    claim_id = _claim(store)
    label = store.get_claim(claim_id).label
    store.accept_claim(claim_id, reviewer="alice")
    store.edit_label(claim_id, "coffee [cuts] stroke", reviewer="alice")
    store.set_claim_note(claim_id, "ask the author", reviewer="alice")
    store.undo_last(reviewer="alice")
    assert _sentences(store, claim_id) == [
        f"alice proposed claim {claim_id} {quoted(label)}",
        f"alice accepted claim {claim_id}",
        f"alice relabelled claim {claim_id}: {quoted(label)} → \u201ccoffee [cuts] stroke\u201d",
        f"alice noted on claim {claim_id}: \u201cask the author\u201d",
        f"alice undid: noted on claim {claim_id}: \u201cask the author\u201d",
    ]


def test_an_unknown_action_still_names_who_what_and_the_changed_fields() -> None:
    event = Event(
        id=1,
        at="t",
        reviewer="carol",
        action="retitle",
        entity="article",
        entity_id=3,
        before={"title": "Old", "updated_at": "x"},
        after={"title": "New", "updated_at": "y"},
    )
    assert event_sentence(event) == "carol retitle article 3: title: Old → New"


def test_events_holding_only_changed_fields_still_read() -> None:
    """The log may keep only the fields an action changed: sentences read those alone."""
    event = Event(
        id=1,
        at="t",
        reviewer="alice",
        action="grade",
        entity="grade",
        entity_id=2,
        before={"certainty": "high"},
        after={"certainty": "low"},
    )
    assert event_sentence(event) == "alice graded (certainty low)"


def test_long_text_is_cut_and_kept_on_one_line() -> None:
    assert quoted("a\nb  " + "x" * 100, 10) == "\u201ca b xxxxx…\u201d"


def test_a_merge_reads_as_what_happened_to_each_grade_and_link(store: Store) -> None:
    article = store.import_article(
        TEXT, title="t", reviewer="alice", proposals=propose_claims(TEXT)
    )
    first, second = (c.id for c in store.claims(article.id))
    store.grade_claim(first, "supported", reviewer="alice")
    store.grade_claim(second, "contradicted", reviewer="alice")
    store.grade_claim(second, "mixed", reviewer="bob")
    merge_claims(store, first, reviewer="alice")
    merge = _sentences(store, first)[2:]
    assert merge[:3] == [
        "alice kept their grade supported through the merge (stale; a conflict to settle)",
        f"alice moved their grade contradicted from claim {second} to claim {first}"
        " (stale; a conflict to settle)",
        f"alice moved bob's grade mixed from claim {second} to claim {first} (stale)",
    ]
    assert merge[3].startswith(f"alice merged the next claim into claim {first}: now \u201c")


def test_an_undone_link_unlink_or_new_claim_reads_as_what_was_taken_back(store: Store) -> None:
    """An undo that removed a link read "undid: changed the link ...: quote: (none) →
    cut", and one that removed a new claim "undid: restored claim": backwards."""
    from annotator.app.claim_ops import add_claim

    claim_id = _claim(store)
    source, _ = add_citation(store, Citation(title="Coffee and stroke", year=2020), reviewer="a")
    link = link_evidence(store, claim_id, source.id, "supports", reviewer="alice", quote="cut")
    store.undo_last(reviewer="alice")
    assert _sentences(store, claim_id)[-1] == (
        f"alice undid: linked citation {source.id} (supports, quote unchecked)"
    )
    link = link_evidence(store, claim_id, source.id, "mixed", reviewer="alice")
    store.remove_evidence(link.id, reviewer="alice")
    store.undo_last(reviewer="alice")
    assert _sentences(store, claim_id)[-1] == f"alice undid: unlinked citation {source.id} (mixed)"

    article_id = store.get_claim(claim_id).article_id
    start = TEXT.index("The drug")
    for other in store.claims(article_id):
        if other.end > start:  # make room: a new claim may not overlap a live one
            store.dismiss_claim(other.id, reviewer="alice")
    new = add_claim(store, article_id, start, start + 8, reviewer="alice")
    store.undo_last(reviewer="alice")
    assert _sentences(store, new.id)[-1].startswith(f"alice undid: added claim {new.id} ")


def test_an_undone_merge_or_split_reads_as_one_sentence_naming_it(store: Store) -> None:
    """Walked in the TUI: undoing a merge listed three lines, "alice undid: relabelled
    claim 1: “…” → “…”" and "alice undid: graded mixed again" twice, and undoing a split
    "undid: edit claim 7: end: 914 → 992; reasons: “["statistic",…”. One undo is one
    line that names the action it took back; so is a redo."""
    from annotator.app.claim_ops import split_claim

    article = store.import_article(
        TEXT, title="t", reviewer="alice", proposals=propose_claims(TEXT)
    )
    first, second = (c.id for c in store.claims(article.id))
    store.grade_claim(first, "supported", reviewer="alice")
    store.grade_claim(second, "mixed", reviewer="alice")
    merge_claims(store, first, reviewer="alice")
    store.undo_last(reviewer="alice")
    lines = [s for _e, s in history_sentences(store.history(first))]
    merged = lines[-2]
    assert merged.startswith(f"alice merged the next claim into claim {first}: now")
    assert lines[-1] == "alice undid: " + merged.removeprefix("alice ")
    store.redo(reviewer="alice")
    lines = [s for _e, s in history_sentences(store.history(first))]
    assert lines[-1] == "alice redid: " + merged.removeprefix("alice ")

    store.undo(reviewer="alice")
    claim = store.get_claim(first)
    split_claim(store, first, claim.start + TEXT[claim.start :].index(" found"),
                reviewer="alice")  # fmt: skip
    store.undo(reviewer="alice")
    lines = [s for _e, s in history_sentences(store.history(first))]
    [split] = [line for line in lines if line.startswith(f"alice split claim {first}: now")]
    assert lines[-1] == "alice undid: " + split.removeprefix("alice ")
    assert not any("reasons:" in line or "again" in line for line in lines)


def test_a_claims_history_names_its_sources(store: Store) -> None:
    """Walked in the TUI: history said "ana linked citation 5 (contradicts)", an id the
    reviewer never sees; the evidence panel calls it "Ng & Sato (2023) Psychedelics…"."""
    from annotator.app.event_log import claim_history

    claim_id = _claim(store)
    source = Citation(title="Coffee and stroke", authors=("Ng, Wei",), year=2020)
    cited, _ = add_citation(store, source, reviewer="bob")
    link_evidence(store, claim_id, cited.id, "supports", reviewer="bob")
    lines = [s for _e, s in claim_history(store, claim_id, viewer=None)]
    assert lines[-1] == (
        f"bob linked \u201cNg (2020) Coffee and stroke.\u201d (citation {cited.id}) (supports)"
    )
    # A source merged away since is still named by its id.
    gone = Event(1, "t", "bob", "link", "evidence", 9, None, {"citation_id": 99, "stance": "mixed"})
    assert event_sentence(gone, {cited.id: "x"}) == "bob linked citation 99 (mixed)"


def test_a_refused_undo_or_redo_never_reads_as_done(store: Store) -> None:
    """Walked from the command line: bob changed the label after alice, her undo was
    refused ('Not undone ... nothing changed'), yet the history read "alice undid:
    relabelled claim ..."; a refused redo read "undid" too."""
    claim_id = _claim(store)
    label = store.get_claim(claim_id).label
    store.edit_label(claim_id, "coffee and stroke", reviewer="alice")
    store.edit_label(claim_id, "coffee cuts stroke", reviewer="bob")
    assert store.undo(reviewer="alice").blocked  # type: ignore[union-attr]
    relabelled = f"relabelled claim {claim_id}: {quoted(label)} → \u201ccoffee and stroke\u201d"
    lines = [line for _e, line in history_sentences(store.history(claim_id))]
    assert lines[-1] == f"alice could not undo (changed since): {relabelled}"
    assert not any(line.startswith("alice undid") for line in lines)
    assert _sentences(store, claim_id)[-1].startswith("alice could not undo (changed since)")

    store.edit_label(claim_id, "coffee, stroke", reviewer="carol")
    store.undo(reviewer="carol")
    store.edit_label(claim_id, "stroke", reviewer="dan")
    assert store.redo(reviewer="carol").blocked  # type: ignore[union-attr]
    lines = [line for _e, line in history_sentences(store.history(claim_id))]
    assert lines[-1].startswith("carol could not redo (changed since): relabelled claim")
    assert _sentences(store, claim_id)[-1].startswith("carol could not redo (changed since)")
