"""Claim memory's word index kept in the database (tables of migration 4).

What is remembered (every graded claim that is neither dismissed nor orphaned, and every
external review) is indexed by its normalized words, so a look-up reads the postings of
its own words instead of building an index of the whole memory first: ``similar``, the
TUI's "Checked before" panel and the matching after an import cost about the same on a
year's desk as on a new one. Candidates are chosen as ``MemoryIndex.candidates`` does
(shared word weight by inverse document frequency) and scored by the same
``rank_found``; this module only stores and reads.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Set
from typing import Any

import numpy as np

from annotator.memory.index import (
    CANDIDATES,
    KEY_VERSION,
    MIN_OVERLAP,
    MemoryHit,
    PackedKey,
    claim_key,
    pack_key,
    rank_found,
    word_weights,
)

# What the memory holds: ("claim", claim id) or ("review", external review id).
MemoryRef = tuple[str, int]

# Remembered texts indexed per round of statements (bounds memory on a big change).
CHUNK = 2000
# Reviews are numbered after every claim in the postings read (ids stay below this).
_REVIEW = 1 << 40

_REMEMBERED = {
    "claim": "SELECT c.id, c.text FROM claims c WHERE c.id IN (SELECT value FROM json_each(?))"
    " AND c.status != 'dismissed' AND c.anchor != 'orphaned'"
    " AND EXISTS (SELECT 1 FROM grades g WHERE g.claim_id = c.id)",
    "review": "SELECT id, claim FROM external_reviews WHERE id IN (SELECT value FROM json_each(?))",
}


def index_stale_memory(conn: sqlite3.Connection, rounds: int | None = None) -> int:
    """Index again every remembered text noted as changed (``rounds`` chunks of them at
    most); returns how many were looked at.

    Run inside the caller's transaction. Readings come from ``memory_keys`` when stored
    there at this ``KEY_VERSION`` (else are read and stored), so both stay in step.
    """
    version = conn.execute("SELECT value FROM state WHERE key = 'memory_words_version'").fetchone()
    if version is None or version[0] != str(KEY_VERSION):  # normalizing changed: all again
        conn.execute("INSERT OR IGNORE INTO memory_stale SELECT kind, ref_id FROM memory_members")
        conn.execute(
            "INSERT OR REPLACE INTO state VALUES ('memory_words_version', ?)", [str(KEY_VERSION)]
        )
    done = 0
    while rounds is None or done < rounds * CHUNK:
        stale = conn.execute("SELECT kind, ref_id FROM memory_stale LIMIT ?", [CHUNK]).fetchall()
        if not stale:
            return done
        for kind in ("claim", "review"):
            ids = [ref_id for k, ref_id in stale if k == kind]
            if ids:
                _index_refs(conn, kind, ids)
        conn.executemany("DELETE FROM memory_stale WHERE kind = ? AND ref_id = ?", stale)
        done += len(stale)
    return done


def _index_refs(conn: sqlite3.Connection, kind: str, ids: list[int]) -> None:
    id_list = json.dumps(ids)
    texts = dict(conn.execute(_REMEMBERED[kind], [id_list]).fetchall())
    keys = {
        int(ref_id): words
        for ref_id, words in conn.execute(
            "SELECT ref_id, words FROM memory_keys WHERE kind = ? AND version = ?"
            " AND ref_id IN (SELECT value FROM json_each(?))",
            [kind, KEY_VERSION, id_list],
        )
    }
    fresh = []
    for ref_id, text in texts.items():
        if ref_id not in keys:
            words, numbers, negated = pack_key(claim_key(text))
            keys[ref_id] = words
            fresh.append((kind, ref_id, KEY_VERSION, words, numbers, int(negated)))
    conn.executemany("INSERT OR REPLACE INTO memory_keys VALUES (?, ?, ?, ?, ?, ?)", fresh)
    old = dict(
        conn.execute(
            "SELECT ref_id, words FROM memory_members WHERE kind = ?"
            " AND ref_id IN (SELECT value FROM json_each(?))",
            [kind, id_list],
        ).fetchall()
    )
    added: list[tuple[str, str, int]] = []
    removed: list[tuple[str, str, int]] = []
    delta: dict[str, int] = {}
    for ref_id in ids:
        before = set(old[ref_id].split()) if ref_id in old else set()
        after = set(keys[ref_id].split()) if ref_id in texts else set()
        for word in after - before:
            added.append((word, kind, ref_id))
            delta[word] = delta.get(word, 0) + 1
        for word in before - after:
            removed.append((word, kind, ref_id))
            delta[word] = delta.get(word, 0) - 1
    conn.executemany(
        "DELETE FROM memory_postings WHERE word = ? AND kind = ? AND ref_id = ?", removed
    )
    conn.executemany("INSERT INTO memory_postings VALUES (?, ?, ?)", added)
    conn.executemany(
        "INSERT INTO memory_vocab VALUES (?, ?)"
        " ON CONFLICT (word) DO UPDATE SET df = df + excluded.df",
        [(w, d) for w, d in delta.items() if d],
    )
    conn.executemany(
        "DELETE FROM memory_vocab WHERE word = ? AND df <= 0",
        [(w,) for w, d in delta.items() if d < 0],
    )
    conn.execute(
        "DELETE FROM memory_members WHERE kind = ? AND ref_id IN (SELECT value FROM json_each(?))",
        [kind, id_list],
    )
    conn.executemany(
        "INSERT INTO memory_members VALUES (?, ?, ?)",
        [(kind, ref_id, keys[ref_id]) for ref_id in texts],
    )


class StoredMemoryIndex:
    """Claim memory's look-up as ``MemoryIndex.match`` offers it, read from the database."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._size = int(conn.execute("SELECT count(*) FROM memory_members").fetchone()[0])
        # Postings read so far, as sortable numbers (claims, then reviews, by id): the
        # claims of one article share many words, so matching them reads each word once.
        self._postings: dict[str, np.ndarray[Any, np.dtype[np.int64]]] = {}

    def _postings_of(self, word: str) -> np.ndarray[Any, np.dtype[np.int64]]:
        found = self._postings.get(word)
        if found is None:
            rows = self.conn.execute(
                "SELECT ref_id + (kind = 'review') * ? FROM memory_postings WHERE word = ?",
                [_REVIEW, word],
            )
            found = self._postings[word] = np.fromiter((r[0] for r in rows), dtype=np.int64)
        return found

    def __len__(self) -> int:
        return self._size

    def candidates(self, words: tuple[str, ...], limit: int = CANDIDATES) -> list[MemoryRef]:
        """Remembered texts sharing most of the words' weight, best first."""
        unique = sorted(set(words))
        df = dict(
            self.conn.execute(
                "SELECT word, df FROM memory_vocab WHERE word IN (SELECT value FROM json_each(?))",
                [json.dumps(unique)],
            ).fetchall()
        )
        weights, total = word_weights(unique, self._size, df)
        if not weights or total <= 0:
            return []
        lists = [self._postings_of(w) for w in weights]
        refs = np.concatenate(lists)
        each = np.repeat(np.array(list(weights.values())), [len(p) for p in lists])
        # Summed by id with bincount (ids are row ids, so dense), claims and reviews
        # apart: linear in the postings read, where sorting them for np.unique was the
        # larger part of a look-up on a year's desk.
        is_review = refs >= _REVIEW
        found_ids: list[np.ndarray[Any, Any]] = []
        found_sums: list[np.ndarray[Any, Any]] = []
        for part, offset in ((~is_review, 0), (is_review, _REVIEW)):
            if not part.any():
                continue
            sums = np.bincount(refs[part] - offset, weights=each[part])
            hits = np.flatnonzero(sums >= MIN_OVERLAP * total)
            found_ids.append(hits + offset)
            found_sums.append(sums[hits])
        if not found_ids:
            return []
        ids, sums = np.concatenate(found_ids), np.concatenate(found_sums)
        # Best first; among equal weights, claims then reviews, by id (ids are ascending).
        order = np.argsort(-sums, kind="stable")[:limit]
        return [
            ("review", int(r) - _REVIEW) if r >= _REVIEW else ("claim", int(r)) for r in ids[order]
        ]

    def match(
        self,
        text: str,
        *,
        limit: int = 10,
        near_misses: bool = True,
        exclude: Collection[MemoryRef] = (),
    ) -> list[MemoryHit[MemoryRef]]:
        """Earlier claims that match ``text`` (then near misses), best first."""
        if not self._size:
            return []
        ck = claim_key(text)
        skip = exclude if isinstance(exclude, Set) else set(exclude)
        found = [ref for ref in self.candidates(ck.words) if ref not in skip]
        packed: dict[MemoryRef, PackedKey] = {}
        for kind in ("claim", "review"):
            ids = [ref_id for k, ref_id in found if k == kind]
            if not ids:
                continue
            rows: Any = self.conn.execute(
                "SELECT ref_id, words, numbers, negated FROM memory_keys WHERE kind = ?"
                " AND ref_id IN (SELECT value FROM json_each(?))",
                [kind, json.dumps(ids)],
            )
            for ref_id, words, numbers, negated in rows:
                packed[(kind, int(ref_id))] = (words, numbers, bool(negated))
        return rank_found(ck, [(ref, packed[ref]) for ref in found], limit, near_misses)
