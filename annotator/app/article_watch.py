"""What a screen last read of an article, so it can tell when someone else changed it.

Two reviewers work on one file at once. A screen draws the article's text and claims
as they were when it read them; another reviewer may then grade, settle or import a
corrected version. Every user action appends an event, so the log's last event says
whether anything changed since; the text's hash says whether the words the screen
shows are still the article's. A verdict, a split or a new claim is only ever taken
against the words the reviewer saw: offsets into an old text would cut the new one in
the wrong place, and a verdict read off "11%" must not be stored for "9%".
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.errors import AnnotatorError
from annotator.store import Store


@dataclass(frozen=True)
class Seen:
    """The state a screen drew: the log's last event and the hash of the text shown."""

    event: int
    sha256: str


def seen_now(store: Store, article_id: int) -> Seen:
    """What the article is now, to keep beside what a screen has just drawn."""
    return Seen(store.last_event_id(), store.get_article(article_id).sha256)


def changed_since(store: Store, seen: Seen) -> bool:
    """Has anyone (this connection or another) changed anything since ``seen``?"""
    return store.last_event_id() != seen.event


def text_replaced(store: Store, article_id: int, seen: Seen) -> bool:
    """Is the article's text no longer the one ``seen`` (a new version, or deleted)?"""
    try:
        return store.get_article(article_id).sha256 != seen.sha256
    except AnnotatorError:
        return True
