"""The citation search index kept in the database (tables of migration 2).

A search reads the words it needs from SQLite instead of building an index of the whole
library in memory first, so ``annotator cite search`` costs about the same at 100,000
citations as at ten. What a citation's words are is ``sources/search.py``'s
(``search_words``, handed in by ``app/citation_search.py``), and so is the ranking
(``Ranker`` over ``SqlWords``): this module only stores and reads.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence

from annotator.model import Citation
from annotator.store._rows import to_citation

# Citations indexed per round of statements (bounds memory on a big import).
CHUNK = 2000

# What the index keeps of one citation: its searched text and the words in it (the
# core's ``sources.search.search_words``; the store never decides them).
CitationWords = Callable[[Citation], tuple[str, set[str]]]


def index_stale_citations(
    conn: sqlite3.Connection, words_of: CitationWords, rounds: int | None = None
) -> int:
    """Index again every citation noted as changed (``rounds`` chunks of them at most),
    keeping what ``words_of`` gives for each; returns how many.

    Run inside the caller's transaction: the index changes with the rows it follows.
    """
    done = 0
    while rounds is None or done < rounds * CHUNK:
        ids = [r[0] for r in conn.execute(
            "SELECT citation_id FROM citation_words_stale LIMIT ?", [CHUNK])]  # fmt: skip
        if not ids:
            return done
        id_list = json.dumps(ids)
        old = dict(conn.execute(
            "SELECT citation_id, text FROM citation_haystacks"
            " WHERE citation_id IN (SELECT value FROM json_each(?))", [id_list]))  # fmt: skip
        cursor = conn.execute(
            "SELECT * FROM citations WHERE id IN (SELECT value FROM json_each(?))", [id_list]
        )
        names = [d[0] for d in cursor.description]
        new: dict[int, tuple[str, set[str]]] = {
            int(row[0]): words_of(to_citation(dict(zip(names, row, strict=True)))) for row in cursor
        }
        added: list[tuple[str, int]] = []
        removed: list[tuple[str, int]] = []
        delta: dict[str, int] = {}
        for cid in ids:
            old_words = set(old.get(cid, "").split())
            new_words = new[cid][1] if cid in new else set()
            for word in new_words - old_words:
                added.append((word, cid))
                delta[word] = delta.get(word, 0) + 1
            for word in old_words - new_words:
                removed.append((word, cid))
                delta[word] = delta.get(word, 0) - 1
        conn.executemany("DELETE FROM citation_words WHERE word = ? AND citation_id = ?", removed)
        conn.executemany("INSERT INTO citation_words VALUES (?, ?)", added)
        conn.executemany(
            "INSERT INTO citation_vocab VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (word) DO UPDATE SET df = df + excluded.df",
            [(w, len(w), w[0], w[-1], d) for w, d in delta.items() if d],
        )
        conn.executemany(
            "DELETE FROM citation_vocab WHERE word = ? AND df <= 0",
            [(w,) for w, d in delta.items() if d < 0],
        )
        conn.execute(
            "DELETE FROM citation_haystacks WHERE citation_id IN (SELECT value FROM json_each(?))",
            [id_list],
        )
        conn.executemany(
            "INSERT INTO citation_haystacks VALUES (?, ?)",
            [(cid, text) for cid, (text, _words) in new.items()],
        )
        conn.execute(
            "DELETE FROM citation_words_stale WHERE citation_id IN"
            " (SELECT value FROM json_each(?))",
            [id_list],
        )
        done += len(ids)
    return done


class SqlWords:
    """A ``WordSource`` (``sources/search.py``, which ranks over it) read from the index
    tables: one snapshot's reads, kept for the next search."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._size = int(conn.execute("SELECT count(*) FROM citation_haystacks").fetchone()[0])
        # What one snapshot has read, kept for the next search (a picker searches at
        # each key press, mostly for the same words); the store drops it on any change.
        self._counts: dict[str, int] = {}
        self._postings: dict[str, list[int]] = {}
        self._pools: dict[tuple[int, str, str], list[str]] = {}

    def __len__(self) -> int:
        return self._size

    def first_keys(self, limit: int) -> list[int]:
        rows = self.conn.execute("SELECT id FROM citations ORDER BY id LIMIT ?", [limit])
        return [int(r[0]) for r in rows]

    def count(self, word: str) -> int:
        found = self._counts.get(word)
        if found is None:
            row = self.conn.execute(
                "SELECT df FROM citation_vocab WHERE word = ?", [word]
            ).fetchone()
            found = self._counts[word] = int(row[0]) if row else 0
        return found

    def postings(self, word: str) -> Sequence[int]:
        found = self._postings.get(word)
        if found is None:
            rows = self.conn.execute(
                "SELECT citation_id FROM citation_words WHERE word = ? ORDER BY citation_id",
                [word],
            )
            found = self._postings[word] = [r[0] for r in rows]
        return found

    def words_from(self, token: str, limit: int) -> list[str]:
        rows = self.conn.execute(
            "SELECT word FROM citation_vocab WHERE word >= ? ORDER BY word LIMIT ?", [token, limit]
        )
        return [r[0] for r in rows]

    def pool(self, length: int, first: str = "", last: str = "") -> list[str]:
        key = (length, first, last)
        found = self._pools.get(key)
        if found is None:
            column, letter = ("first", first) if first else ("last", last)
            rows = self.conn.execute(
                f"SELECT word FROM citation_vocab WHERE length = ? AND {column} = ? ORDER BY word",
                [length, letter],
            )
            found = self._pools[key] = [r[0] for r in rows]
        return found

    def haystacks(self, keys: Sequence[int]) -> dict[int, str]:
        rows = self.conn.execute(
            "SELECT citation_id, text FROM citation_haystacks"
            " WHERE citation_id IN (SELECT value FROM json_each(?))",
            [json.dumps(list(keys))],
        )
        return {int(cid): text for cid, text in rows}
