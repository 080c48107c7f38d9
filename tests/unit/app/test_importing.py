"""The one import: a new article, a new version of a known source, or a duplicate."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.app.importing import STDIN_SOURCE, import_file, import_text, source_of
from annotator.errors import NotFoundError
from annotator.store import Store
from annotator.text.articles import LoadedText
from annotator.text.proposer import DEFAULT_THRESHOLD, propose_claims

TEXT = (
    "# Rents\n\nRents in the city rose 40% between 2015 and 2020, the council said.\n\n"
    "Wages grew by only 8% over the same period, according to the statistics office.\n"
)
EDITED = TEXT.replace("only 8%", "only 6%")


def test_new_then_duplicate_then_version(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "rents.md"
    path.write_text(TEXT, encoding="utf-8")
    first = import_file(store, path, reviewer="ann")
    assert first.outcome == "new" and first.is_new and first.claims == 2
    claim = store.claims(first.article_id)[1]
    store.grade_claim(claim.id, "supported", reviewer="ann")

    again = import_file(store, path, reviewer="ann")
    assert (again.outcome, again.article_id, again.is_new) == ("duplicate", first.article_id, False)
    assert again.claims == 2

    path.write_text(EDITED, encoding="utf-8")
    version = import_file(store, path, reviewer="ann")
    assert (version.outcome, version.article_id) == ("version", first.article_id)
    assert version.version is not None and version.version.version == 2
    assert version.version.stale == (claim.id,)
    assert [a.id for a in store.list_articles()] == [first.article_id]
    assert store.grades_for(claim.id)[0].verdict == "supported"


def test_same_text_from_elsewhere_is_a_duplicate_not_an_article(store: Store) -> None:
    one = import_text(store, LoadedText(TEXT, "markdown"), source="a.md", reviewer="ann")
    two = import_text(store, LoadedText(TEXT, "markdown"), source="b.md", reviewer="ann")
    assert two.outcome == "duplicate" and two.article_id == one.article_id


def test_replaces_names_the_article_a_text_follows(store: Store) -> None:
    one = import_text(store, LoadedText(TEXT, "markdown"), source="a.md", reviewer="ann")
    two = import_text(
        store,
        LoadedText(EDITED, "markdown"),
        source="b.md",
        reviewer="ann",
        replaces=one.article_id,
    )
    assert (two.outcome, two.article_id) == ("version", one.article_id)
    with pytest.raises(NotFoundError):
        import_text(store, LoadedText("Other.", "text"), source="c", reviewer="a", replaces=99)


def test_text_from_stdin_never_becomes_a_version(store: Store) -> None:
    assert source_of("-") == STDIN_SOURCE and source_of("x", "https://e.org/a") == "https://e.org/a"
    one = import_text(store, LoadedText(TEXT, "markdown"), source=STDIN_SOURCE, reviewer="ann")
    two = import_text(store, LoadedText(EDITED, "markdown"), source=STDIN_SOURCE, reviewer="ann")
    assert two.outcome == "new" and two.article_id != one.article_id


def test_threshold_is_the_proposer_cut_off(store: Store) -> None:
    texts = (TEXT, EDITED, TEXT + "More text.", EDITED + "Other text.")
    for text, cut in zip(texts, (None, 0.0, 0.5, 1.0), strict=True):
        done = import_text(
            store, LoadedText(text, "markdown"), source=text, reviewer="a", threshold=cut
        )
        expected = propose_claims(text, threshold=DEFAULT_THRESHOLD if cut is None else cut)
        assert [c.text for c in store.claims(done.article_id)] == [p.text for p in expected]


HEADLINE = "# Water bills to rise 18%\n\nThe council voted 7-2 on Tuesday to approve the plan.\n"
CORRECTED = HEADLINE.replace("18%", "14%").replace("7-2", "6-3")


def test_a_correction_of_the_headline_retitles_the_article(store: Store) -> None:
    # The title was read from the first version's headline: the corrected headline is the
    # article's title now, or every export (ClaimReview's headline too) repeats the error.
    one = import_text(store, LoadedText(HEADLINE, "markdown"), source="a.md", reviewer="ann")
    import_text(store, LoadedText(CORRECTED, "markdown"), source="a.md", reviewer="ann")
    assert store.get_article(one.article_id).title == "Water bills to rise 14%"


def test_a_title_given_by_hand_survives_a_correction(store: Store) -> None:
    one = import_text(
        store, LoadedText(HEADLINE, "markdown"), source="a.md", reviewer="ann", title="Bills"
    )
    import_text(store, LoadedText(CORRECTED, "markdown"), source="a.md", reviewer="ann")
    assert store.get_article(one.article_id).title == "Bills"
    # ... unless the new version is given a title of its own.
    import_text(
        store,
        LoadedText(CORRECTED + "\nMore.\n", "markdown"),
        source="a.md",
        reviewer="ann",
        title="Water bills, corrected",
    )
    assert store.get_article(one.article_id).title == "Water bills, corrected"


def test_undoing_a_correction_brings_the_old_title_back(store: Store) -> None:
    one = import_text(store, LoadedText(HEADLINE, "markdown"), source="a.md", reviewer="ann")
    import_text(store, LoadedText(CORRECTED, "markdown"), source="a.md", reviewer="ann")
    store.undo(reviewer="ann")
    article = store.get_article(one.article_id)
    assert (article.title, article.text) == ("Water bills to rise 18%", HEADLINE)
