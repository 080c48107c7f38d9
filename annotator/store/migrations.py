"""Ordered schema steps keyed on ``PRAGMA user_version``.

Step N takes a database at version N-1 to version N inside one transaction. A database
whose version is above the last step was written by a newer annotator and is refused
before anything is written to it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from annotator.store._event_log import (
    ENTITY_TABLES,
    GENESIS_HASH,
    INSERT_EVENT,
    dump_json,
    event_hash,
    json_object,
    logged_change,
    table_shape,
)
from annotator.store._opening import APPLICATION_ID, newer_error


def _run_script(db: sqlite_utils.Database, sql: str) -> None:
    """Run several statements inside the open migration transaction.

    sqlite3's own ``executescript`` would commit that transaction first, and
    sqlite-utils' splits the script one character at a time (quadratic: it made every
    new database, and so every test's store, take a tenth of a second). Here the script
    is cut only at a ``;`` where sqlite says the statement is complete (a trigger body
    holds several). Each goes through sqlite-utils' ``execute``, which commits what it
    opened when no transaction was open (a test runs steps alone).
    """
    start = 0
    end = sql.find(";")
    while end != -1:
        statement = sql[start : end + 1]
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            start = end + 1
        end = sql.find(";", end + 1)
    if sql[start:].strip():
        db.execute(sql[start:])


def _v1_initial(db: sqlite_utils.Database) -> None:
    _run_script(
        db,
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            published TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            format TEXT NOT NULL DEFAULT 'text',
            original TEXT NOT NULL DEFAULT '',
            imported_at TEXT NOT NULL
        );
        CREATE INDEX articles_sha256 ON articles(sha256);

        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            score REAL NOT NULL DEFAULT 0,
            reasons TEXT NOT NULL DEFAULT '[]',
            status TEXT NOT NULL DEFAULT 'proposed'
                CHECK (status IN ('proposed', 'accepted', 'dismissed')),
            origin TEXT NOT NULL DEFAULT 'auto' CHECK (origin IN ('auto', 'manual')),
            sentence_start INTEGER NOT NULL DEFAULT 0,
            sentence_end INTEGER NOT NULL DEFAULT 0,
            quantities TEXT NOT NULL DEFAULT '[]',
            label_edited INTEGER NOT NULL DEFAULT 0,
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            -- how the span was found again in the article's latest version ('' = never moved):
            -- exact, moved, fuzzy, ambiguous, orphaned (see anchoring.py)
            anchor TEXT NOT NULL DEFAULT '',
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE INDEX claims_article ON claims(article_id, start);

        CREATE TABLE citations (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL DEFAULT 'other',
            doi TEXT NOT NULL DEFAULT '',
            pmid TEXT NOT NULL DEFAULT '',
            pmcid TEXT NOT NULL DEFAULT '',
            arxiv TEXT NOT NULL DEFAULT '',
            isbn TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            authors TEXT NOT NULL DEFAULT '[]',
            year INTEGER,
            container TEXT NOT NULL DEFAULT '',
            volume TEXT NOT NULL DEFAULT '',
            issue TEXT NOT NULL DEFAULT '',
            pages TEXT NOT NULL DEFAULT '',
            publisher TEXT NOT NULL DEFAULT '',
            evidence_type TEXT NOT NULL DEFAULT 'other',
            evidence_type_reason TEXT NOT NULL DEFAULT '',
            retracted INTEGER NOT NULL DEFAULT 0,
            accessed TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            abstract TEXT NOT NULL DEFAULT '',
            source_text TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX citations_doi ON citations(doi) WHERE doi != '';
        CREATE UNIQUE INDEX citations_pmid ON citations(pmid) WHERE pmid != '';
        CREATE UNIQUE INDEX citations_pmcid ON citations(pmcid) WHERE pmcid != '';
        CREATE UNIQUE INDEX citations_arxiv ON citations(arxiv) WHERE arxiv != '';
        CREATE UNIQUE INDEX citations_isbn ON citations(isbn) WHERE isbn != '';
        CREATE INDEX citations_url ON citations(url) WHERE url != '';
        -- A source without identifiers is known again by its title (plus year, first author).
        CREATE INDEX citations_title ON citations(title COLLATE NOCASE);

        CREATE TABLE evidence (
            id INTEGER PRIMARY KEY,
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            citation_id INTEGER NOT NULL REFERENCES citations(id),
            stance TEXT NOT NULL
                CHECK (stance IN ('supports', 'contradicts', 'mixed', 'mentions')),
            quote TEXT NOT NULL DEFAULT '',
            locator TEXT NOT NULL DEFAULT '',
            quote_verified TEXT NOT NULL DEFAULT 'no-text',
            quote_match TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            reviewer TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX evidence_claim ON evidence(claim_id);
        CREATE INDEX evidence_citation ON evidence(citation_id);

        CREATE TABLE grades (
            id INTEGER PRIMARY KEY,
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            reviewer TEXT NOT NULL,
            verdict TEXT NOT NULL,
            certainty TEXT NOT NULL DEFAULT '',
            reasons TEXT NOT NULL DEFAULT '[]',
            note TEXT NOT NULL DEFAULT '',
            graded_at TEXT NOT NULL,
            final INTEGER NOT NULL DEFAULT 0,
            -- the claim's words changed in a new version of the article: grade it again
            stale INTEGER NOT NULL DEFAULT 0
        );
        -- One current grade per claim and reviewer, and at most one final grade.
        CREATE UNIQUE INDEX grades_current ON grades(claim_id, reviewer) WHERE final = 0;
        CREATE UNIQUE INDEX grades_final ON grades(claim_id) WHERE final = 1;
        -- Every grade of a claim, the grade in force first: exports read them set-wise.
        CREATE INDEX grades_claim ON grades(claim_id, final, graded_at);

        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            action TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id INTEGER NOT NULL,
            article_id INTEGER,
            claim_id INTEGER,
            before TEXT,
            after TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            batch INTEGER,
            undoes INTEGER
        );
        CREATE INDEX events_claim ON events(claim_id);
        CREATE INDEX events_article ON events(article_id);
        -- Append-only: the log is history and the undo stack; it is never rewritten.
        CREATE TRIGGER events_no_update BEFORE UPDATE ON events
            BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
        CREATE TRIGGER events_no_delete BEFORE DELETE ON events
            BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

        -- Earlier texts of an article; the articles row holds the latest one.
        CREATE TABLE article_versions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            text TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            format TEXT NOT NULL DEFAULT 'text',
            original TEXT NOT NULL DEFAULT '',
            imported_at TEXT NOT NULL,
            replaced_at TEXT NOT NULL,
            UNIQUE (article_id, version)
        );

        -- Fact-checks published by other desks (ClaimReview), matched like graded claims.
        CREATE TABLE external_reviews (
            id INTEGER PRIMARY KEY,
            claim TEXT NOT NULL,
            rating_name TEXT NOT NULL DEFAULT '',
            rating_value TEXT NOT NULL DEFAULT '',
            best_rating TEXT NOT NULL DEFAULT '',
            worst_rating TEXT NOT NULL DEFAULT '',
            meaning TEXT NOT NULL DEFAULT 'other',
            url TEXT NOT NULL DEFAULT '',
            publisher TEXT NOT NULL DEFAULT '',
            published TEXT NOT NULL DEFAULT '',
            claimant TEXT NOT NULL DEFAULT '',
            appearance TEXT NOT NULL DEFAULT '',
            raw TEXT NOT NULL DEFAULT '{}',
            key TEXT NOT NULL UNIQUE,
            source_file TEXT NOT NULL DEFAULT '',
            imported_at TEXT NOT NULL
        );

        -- Claim memory's reading of each remembered text (a cache, never user data, so
        -- no events): dropped by the triggers below when the text changes or goes.
        CREATE TABLE memory_keys (
            kind TEXT NOT NULL,  -- 'claim' or 'review'
            ref_id INTEGER NOT NULL,
            version INTEGER NOT NULL,
            words TEXT NOT NULL,
            numbers TEXT NOT NULL,
            negated INTEGER NOT NULL,
            PRIMARY KEY (kind, ref_id)
        ) WITHOUT ROWID;
        CREATE TRIGGER claims_memory_key_update AFTER UPDATE OF text ON claims
            BEGIN DELETE FROM memory_keys WHERE kind = 'claim' AND ref_id = old.id; END;
        CREATE TRIGGER claims_memory_key_delete AFTER DELETE ON claims
            BEGIN DELETE FROM memory_keys WHERE kind = 'claim' AND ref_id = old.id; END;
        CREATE TRIGGER reviews_memory_key_update AFTER UPDATE OF claim ON external_reviews
            BEGIN DELETE FROM memory_keys WHERE kind = 'review' AND ref_id = old.id; END;
        CREATE TRIGGER reviews_memory_key_delete AFTER DELETE ON external_reviews
            BEGIN DELETE FROM memory_keys WHERE kind = 'review' AND ref_id = old.id; END;

        CREATE TABLE state (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    )
    _full_text(db, "claims", ("text", "label", "note"))
    _full_text(db, "citations", ("title", "authors", "container", "doi", "pmid", "url", "notes"))


def _full_text(db: sqlite_utils.Database, table: str, columns: tuple[str, ...]) -> None:
    """An FTS5 index over ``columns`` kept by triggers: the SQL sqlite-utils'
    ``enable_fts(fts_version="FTS5", create_triggers=True)`` writes, word for word (so
    files made before and after hold the same schema), run without its slow splitter."""
    fts = f"{table}_fts"
    cols = ", ".join(f'"{c}"' for c in columns)
    old = ", ".join(f'old."{c}"' for c in columns)
    new = ", ".join(f'new."{c}"' for c in columns)
    insert_new = f'INSERT INTO "{fts}" (rowid, {cols}) VALUES (new.rowid, {new});'
    delete_old = (
        f'INSERT INTO "{fts}" ("{fts}", rowid, {cols}) VALUES(\'delete\', old.rowid, {old});'
    )
    db.execute(f'CREATE VIRTUAL TABLE "{fts}" USING FTS5 (\n    {cols},\n    content="{table}"\n)')
    db.execute(f'INSERT INTO "{fts}" (rowid, {cols})\n    SELECT rowid, {cols} FROM "{table}";')
    _run_script(
        db,
        f'CREATE TRIGGER "{table}_ai" AFTER INSERT ON "{table}" BEGIN\n  {insert_new}\nEND;\n'
        f'CREATE TRIGGER "{table}_ad" AFTER DELETE ON "{table}" BEGIN\n  {delete_old}\nEND;\n'
        f'CREATE TRIGGER "{table}_au" AFTER UPDATE ON "{table}" BEGIN\n  {delete_old}\n'
        f"  {insert_new}\nEND;",
    )


EVENTS_V2 = """
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        reviewer TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        article_id INTEGER,
        claim_id INTEGER,
        batch INTEGER NOT NULL,
        undoes INTEGER,
        before TEXT,
        after TEXT,
        row TEXT,
        hash TEXT NOT NULL
    );
    CREATE INDEX events_claim ON events(claim_id);
    CREATE INDEX events_article ON events(article_id);
    -- Undo finds an action's events by batch, and whether it was undone, by index.
    CREATE INDEX events_batch ON events(batch);
    CREATE INDEX events_undoes ON events(undoes) WHERE undoes IS NOT NULL;
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    -- The log's head kept apart from it: deleting the last events, or the table, shows.
    CREATE TABLE log_head (
        one INTEGER PRIMARY KEY CHECK (one = 1),
        events INTEGER NOT NULL,
        hash TEXT NOT NULL
    );
"""


def _v8_lean_log(db: sqlite_utils.Database) -> None:
    """Events hash every column, store field changes and the digest of the row they
    left; the head is kept in ``log_head``. An older log is converted and chained
    anew, and a last ``migrate`` event records whether its old chain held."""
    conn = db.conn
    old_broken = _v1_chain_break(conn)
    for trigger in ("events_no_update", "events_no_delete"):
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    # Every index of the old table goes (a renamed table keeps its indexes and their names).
    for (index,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'"
        " AND sql IS NOT NULL"
    ).fetchall():
        conn.execute(f'DROP INDEX "{index}"')
    conn.execute("ALTER TABLE events RENAME TO events_v1")
    for statement in EVENTS_V2.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    # Tables a later step adds (assignments) have no rows yet, nor a shape.
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    shapes = {
        entity: table_shape(conn, table)
        for entity, table in ENTITY_TABLES.items()
        if table in tables
    }
    last_ids = {
        int(r[0]) for r in conn.execute("SELECT max(id) FROM events_v1 GROUP BY entity, entity_id")
    }
    prev, count, last_id = GENESIS_HASH, 0, 0
    out: list[tuple[Any, ...]] = []

    def append(values: list[Any]) -> None:
        nonlocal prev, count, last_id
        values[0] = last_id = max(last_id + 1, int(values[0] or 0))
        prev = event_hash(prev, tuple(values))
        out.append((*values, prev))
        count += 1
        if len(out) >= 1000:
            _write_events(conn, out)

    cursor = conn.execute(
        "SELECT id, at, reviewer, action, entity, entity_id, article_id, claim_id,"
        " batch, undoes, before, after FROM events_v1 ORDER BY id"
    )
    for row in cursor:
        event_id, entity, entity_id = row[0], row[4], row[5]
        before, after = json_object(row[10]), json_object(row[11])
        shape = shapes.get(str(entity))
        digest = None
        if shape is not None:
            if event_id in last_ids:
                current = _current_row(conn, shape.name, entity_id)
                digest = None if current is None else shape.digest(entity, entity_id, current)
            before, after = logged_change(
                shape,
                None if before is None else shape.normalize(before),
                None if after is None else shape.normalize(after),
            )
        batch = row[8] if row[8] is not None else event_id
        append([event_id, *row[1:8], batch, row[9], dump_json(before), dump_json(after), digest])
    stamp = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    if count:
        # Rows no event wrote (older annotators missed a few) are adopted as they are.
        for entity, shape in shapes.items():
            for current in _rows_without_events(conn, shape.name, entity):
                rid = int(current["id"])
                digest = shape.digest(entity, rid, current)
                append([0, stamp, "annotator", "migrate", entity, rid, None, None,
                        last_id + 1, None, None, None, digest])  # fmt: skip
        note = {"schema": 8, "old_events": count, "old_chain": old_broken or "intact"}
        append([0, stamp, "annotator", "migrate", "log", 0, None, None, last_id + 1,
                None, None, dump_json(note), None])  # fmt: skip
    _write_events(conn, out)
    conn.execute("DROP TABLE events_v1")
    conn.execute("INSERT INTO log_head (one, events, hash) VALUES (1, ?, ?)", [count, prev])


def _write_events(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> None:
    conn.executemany(INSERT_EVENT, rows)
    rows.clear()


def _v1_chain_break(conn: sqlite3.Connection) -> str:
    """Where the old log's chain (which hashed fewer columns) breaks; "" when it holds."""
    prev = GENESIS_HASH
    cursor = conn.execute(
        "SELECT id, at, reviewer, action, entity, entity_id, article_id, claim_id,"
        " before, after, undoes, prev_hash, hash FROM events ORDER BY id"
    )
    for row in cursor:
        try:
            fields = dict(
                zip(
                    ("at", "reviewer", "action", "entity", "entity_id", "article_id",
                     "claim_id"),
                    row[1:8],
                    strict=True,
                )
            )  # fmt: skip
            fields["before"] = json.loads(row[8]) if row[8] else None
            fields["after"] = json.loads(row[9]) if row[9] else None
            fields["undoes"] = row[10]
            payload = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            digest = hashlib.sha256((prev + payload).encode("utf-8")).hexdigest()
        except (ValueError, TypeError):
            return f"broken at event {row[0]}"
        if row[11] != prev or digest != row[12]:
            return f"broken at event {row[0]}"
        prev = row[12]
    return ""


def _current_row(conn: sqlite3.Connection, table: str, row_id: Any) -> dict[str, Any] | None:
    cursor = conn.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id])
    found = cursor.fetchone()
    if found is None:
        return None
    return dict(zip([d[0] for d in cursor.description], found, strict=True))


def _rows_without_events(conn: sqlite3.Connection, table: str, entity: str) -> list[dict[str, Any]]:
    cursor = conn.execute(
        f"SELECT * FROM {table} WHERE id NOT IN"
        " (SELECT entity_id FROM events_v1 WHERE entity = ?) ORDER BY id",
        [entity],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor]


def _v2_application_id(db: sqlite_utils.Database) -> None:
    """Mark the file as annotator's, so another program's SQLite file is never taken
    for one (and an annotator file is known before anything is written to it)."""
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _v3_grade_conflicts(db: sqlite_utils.Database) -> None:
    """Merging two claims keeps every grade: a reviewer's two grades that disagree stay
    side by side, marked ``conflict``, until that reviewer grades the claim again."""
    for sql in (
        "ALTER TABLE grades ADD COLUMN conflict INTEGER NOT NULL DEFAULT 0",
        "DROP INDEX grades_current",
        "DROP INDEX grades_final",
        # One current grade per claim and reviewer, and at most one final grade, but for
        # grades a merge left in conflict.
        "CREATE UNIQUE INDEX grades_current ON grades(claim_id, reviewer)"
        " WHERE final = 0 AND conflict = 0",
        "CREATE UNIQUE INDEX grades_final ON grades(claim_id) WHERE final = 1 AND conflict = 0",
    ):
        db.execute(sql)


def _v4_citation_words(db: sqlite_utils.Database) -> None:
    """The citation search index, kept in the file so a search reads only what it needs
    (and two indexes where queries filter).

    Words of each citation's searched text (``sources/search.py``), the vocabulary with
    how many citations hold each word, and the searched text itself. The store fills them
    (in Python: the words come from rapidfuzz's processing); triggers note every citation
    whose row changed, however it changed (add, edit, merge, undo, another annotator), and
    the store indexes the noted ones again before it searches.
    """
    _run_script(
        db,
        """
        CREATE TABLE citation_words (
            word TEXT NOT NULL,
            citation_id INTEGER NOT NULL,
            PRIMARY KEY (word, citation_id)
        ) WITHOUT ROWID;
        CREATE TABLE citation_vocab (
            word TEXT PRIMARY KEY,
            length INTEGER NOT NULL,
            first TEXT NOT NULL,
            last TEXT NOT NULL,
            df INTEGER NOT NULL  -- how many citations hold the word
        ) WITHOUT ROWID;
        -- Typos: words of about the same length sharing the first (or last) letter.
        CREATE INDEX citation_vocab_first ON citation_vocab(length, first, word);
        CREATE INDEX citation_vocab_last ON citation_vocab(length, last, word);
        CREATE TABLE citation_haystacks (
            citation_id INTEGER PRIMARY KEY,
            text TEXT NOT NULL
        );
        CREATE TABLE citation_words_stale (citation_id INTEGER PRIMARY KEY);
        CREATE TRIGGER citations_words_insert AFTER INSERT ON citations
            BEGIN INSERT OR IGNORE INTO citation_words_stale VALUES (new.id); END;
        CREATE TRIGGER citations_words_update AFTER UPDATE ON citations
            BEGIN INSERT OR IGNORE INTO citation_words_stale VALUES (new.id); END;
        CREATE TRIGGER citations_words_delete AFTER DELETE ON citations
            BEGIN INSERT OR IGNORE INTO citation_words_stale VALUES (old.id); END;
        INSERT INTO citation_words_stale SELECT id FROM citations;

        -- Where queries filter: a new version finds its article by source; summaries
        -- count claims by status without reading the claims' rows.
        CREATE INDEX articles_source ON articles(source);
        CREATE INDEX claims_status ON claims(article_id, status);
        """,
    )


def _v5_memory_words(db: sqlite_utils.Database) -> None:
    """Claim memory's word index, kept in the file (``store/_memory_words.py``): who is
    remembered with its words, the postings of each word, how many hold it. Triggers note
    every claim or review whose membership or words may have changed (a grade given or
    taken back, a claim dismissed, orphaned, reworded or deleted, a review added); the
    store indexes the noted ones again before the next look-up.
    """
    _run_script(
        db,
        """
        CREATE TABLE memory_members (
            kind TEXT NOT NULL,  -- 'claim' or 'review'
            ref_id INTEGER NOT NULL,
            words TEXT NOT NULL,
            PRIMARY KEY (kind, ref_id)
        ) WITHOUT ROWID;
        CREATE TABLE memory_postings (
            word TEXT NOT NULL,
            kind TEXT NOT NULL,
            ref_id INTEGER NOT NULL,
            PRIMARY KEY (word, kind, ref_id)
        ) WITHOUT ROWID;
        CREATE TABLE memory_vocab (
            word TEXT PRIMARY KEY,
            df INTEGER NOT NULL  -- how many remembered texts hold the word
        ) WITHOUT ROWID;
        CREATE TABLE memory_stale (
            kind TEXT NOT NULL,
            ref_id INTEGER NOT NULL,
            PRIMARY KEY (kind, ref_id)
        ) WITHOUT ROWID;
        CREATE TRIGGER grades_memory_insert AFTER INSERT ON grades
            BEGIN INSERT OR IGNORE INTO memory_stale VALUES ('claim', new.claim_id); END;
        CREATE TRIGGER grades_memory_delete AFTER DELETE ON grades
            BEGIN INSERT OR IGNORE INTO memory_stale VALUES ('claim', old.claim_id); END;
        CREATE TRIGGER grades_memory_update AFTER UPDATE OF claim_id ON grades
            BEGIN INSERT OR IGNORE INTO memory_stale VALUES ('claim', old.claim_id),
                ('claim', new.claim_id); END;
        CREATE TRIGGER claims_memory_update AFTER UPDATE OF status, anchor, text ON claims
            BEGIN INSERT OR IGNORE INTO memory_stale VALUES ('claim', new.id); END;
        CREATE TRIGGER claims_memory_delete AFTER DELETE ON claims
            BEGIN INSERT OR IGNORE INTO memory_stale VALUES ('claim', old.id); END;
        CREATE TRIGGER reviews_memory_insert AFTER INSERT ON external_reviews
            BEGIN INSERT OR IGNORE INTO memory_stale VALUES ('review', new.id); END;
        CREATE TRIGGER reviews_memory_update AFTER UPDATE OF claim ON external_reviews
            BEGIN INSERT OR IGNORE INTO memory_stale VALUES ('review', new.id); END;
        CREATE TRIGGER reviews_memory_delete AFTER DELETE ON external_reviews
            BEGIN INSERT OR IGNORE INTO memory_stale VALUES ('review', old.id); END;
        INSERT OR IGNORE INTO memory_stale SELECT DISTINCT 'claim', claim_id FROM grades;
        INSERT OR IGNORE INTO memory_stale SELECT 'review', id FROM external_reviews;
        """,
    )


def _v6_citation_record(db: sqlite_utils.Database) -> None:
    """A citation keeps the record it was imported from (a CSL-JSON item), so exports
    give back full dates, editors, item types and addresses exactly as given."""
    db.execute("ALTER TABLE citations ADD COLUMN record TEXT NOT NULL DEFAULT ''")


def _v7_event_indexes(db: sqlite_utils.Database) -> None:
    """Undo finds an action's events by batch, and whether it was undone, by index rather
    than by reading the whole log."""
    db.execute("CREATE INDEX events_batch ON events(batch)")
    db.execute("CREATE INDEX events_undoes ON events(undoes) WHERE undoes IS NOT NULL")


# The verdict in force of one claim (final, else the latest grade), as summaries count it.
_VERDICT_IN_FORCE = """
    INSERT OR REPLACE INTO claim_verdicts (claim_id, article_id, live, verdict)
    SELECT g.claim_id, c.article_id, c.status != 'dismissed', g.verdict
    FROM grades g JOIN claims c ON c.id = g.claim_id WHERE g.claim_id = {claim}
    ORDER BY g.final DESC, g.graded_at DESC, g.id DESC LIMIT 1;
"""


# Both summaries counted from the claims and grades, into empty tables.
_COUNT_SUMMARIES = """
    INSERT INTO article_counts (article_id, live, dismissed)
    SELECT article_id, sum(status != 'dismissed'), sum(status = 'dismissed')
    FROM claims GROUP BY article_id;
    INSERT INTO claim_verdicts (claim_id, article_id, live, verdict)
    SELECT g.claim_id, c.article_id, c.status != 'dismissed', g.verdict
    FROM grades g JOIN claims c ON c.id = g.claim_id
    WHERE g.id = (SELECT id FROM grades WHERE claim_id = g.claim_id
                  ORDER BY final DESC, graded_at DESC, id DESC LIMIT 1);
"""


def _v9_article_counts(db: sqlite_utils.Database) -> None:
    """Summaries kept by the writes: live and dismissed claims of each article, and the
    verdict in force of each graded claim (with its article and whether it is live).

    Listing a year's desk (``articles``, ``stats``, the TUI's home) then reads one narrow
    row per article and per graded claim, never the claims' rows; a blind reviewer's
    counts join the verdicts to their own grades (``grades_reviewer``). Triggers keep
    both current however a row changes (an action, undo, a merge of another file).
    """
    recount = _VERDICT_IN_FORCE.format
    _run_script(
        db,
        f"""
        CREATE TABLE article_counts (
            article_id INTEGER PRIMARY KEY,
            live INTEGER NOT NULL DEFAULT 0,
            dismissed INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE claim_verdicts (
            claim_id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL,
            live INTEGER NOT NULL,
            verdict TEXT NOT NULL
        );
        -- Live verdicts grouped by article in index order, one article's by its prefix.
        CREATE INDEX claim_verdicts_article ON claim_verdicts(live, article_id, verdict);
        CREATE INDEX grades_reviewer ON grades(reviewer, final, claim_id);

        CREATE TRIGGER claims_counts_insert AFTER INSERT ON claims BEGIN
            INSERT INTO article_counts (article_id, live, dismissed)
            VALUES (new.article_id, new.status != 'dismissed', new.status = 'dismissed')
            ON CONFLICT (article_id) DO UPDATE SET live = live + excluded.live,
                dismissed = dismissed + excluded.dismissed;
            {recount(claim="new.id")}
        END;
        CREATE TRIGGER claims_counts_delete AFTER DELETE ON claims BEGIN
            UPDATE article_counts SET live = live - (old.status != 'dismissed'),
                dismissed = dismissed - (old.status = 'dismissed')
            WHERE article_id = old.article_id;
            DELETE FROM claim_verdicts WHERE claim_id = old.id;
        END;
        CREATE TRIGGER claims_counts_update AFTER UPDATE OF status, article_id ON claims
        WHEN old.status IS NOT new.status OR old.article_id IS NOT new.article_id BEGIN
            UPDATE article_counts SET live = live - (old.status != 'dismissed'),
                dismissed = dismissed - (old.status = 'dismissed')
            WHERE article_id = old.article_id;
            INSERT INTO article_counts (article_id, live, dismissed)
            VALUES (new.article_id, new.status != 'dismissed', new.status = 'dismissed')
            ON CONFLICT (article_id) DO UPDATE SET live = live + excluded.live,
                dismissed = dismissed + excluded.dismissed;
            UPDATE claim_verdicts SET article_id = new.article_id,
                live = new.status != 'dismissed' WHERE claim_id = new.id;
        END;
        CREATE TRIGGER articles_counts_delete AFTER DELETE ON articles BEGIN
            DELETE FROM article_counts WHERE article_id = old.id;
        END;
        CREATE TRIGGER grades_verdicts_insert AFTER INSERT ON grades BEGIN
            {recount(claim="new.claim_id")}
        END;
        CREATE TRIGGER grades_verdicts_update AFTER UPDATE ON grades BEGIN
            DELETE FROM claim_verdicts WHERE claim_id IN (old.claim_id, new.claim_id);
            {recount(claim="old.claim_id")}
            {recount(claim="new.claim_id")}
        END;
        CREATE TRIGGER grades_verdicts_delete AFTER DELETE ON grades BEGIN
            DELETE FROM claim_verdicts WHERE claim_id = old.claim_id;
            {recount(claim="old.claim_id")}
        END;

        {_COUNT_SUMMARIES}
        """,
    )


_CLAIMS_FTS_INSERT = (
    'INSERT INTO "claims_fts" (rowid, "text", "label", "note")'
    ' VALUES (new.rowid, new."text", new."label", new."note");'
)


def _v10_claims_index_writes(db: sqlite_utils.Database) -> None:
    """The claims' full-text index written only for what it holds.

    ``claims_au`` (sqlite-utils' trigger) deleted and wrote again a claim's index entry
    on every update of the row: a dismissal, an acceptance, a new anchor after a
    correction; now only when the text, label or note (or the id) changes. And an
    import's claims are indexed in one statement after they are written
    (``claims_fts_bulk`` holds a row while it does, inside its transaction, so no other
    connection ever sees it): a quarter of an import's CPU went to the per-row trigger.
    """
    statements = (
        "DROP TRIGGER claims_au",
        'CREATE TRIGGER claims_au AFTER UPDATE OF id, "text", "label", "note" ON claims'
        ' WHEN old.id IS NOT new.id OR old."text" IS NOT new."text"'
        ' OR old."label" IS NOT new."label" OR old."note" IS NOT new."note" BEGIN'
        ' INSERT INTO "claims_fts" ("claims_fts", rowid, "text", "label", "note")'
        ' VALUES (\'delete\', old.rowid, old."text", old."label", old."note"); '
        f"{_CLAIMS_FTS_INSERT} END",
        "CREATE TABLE claims_fts_bulk (id INTEGER PRIMARY KEY)",
        "DROP TRIGGER claims_ai",
        "CREATE TRIGGER claims_ai AFTER INSERT ON claims"
        f" WHEN NOT EXISTS (SELECT 1 FROM claims_fts_bulk) BEGIN {_CLAIMS_FTS_INSERT} END",
    )
    for sql in statements:
        db.execute(sql)


def _v11_assignments(db: sqlite_utils.Database) -> None:
    """Who checks what: an editor assigns an article to reviewers, one row per pair,
    logged like every other row (undo, history, verify); deleting the article deletes
    its assignments."""
    _run_script(
        db,
        """
        CREATE TABLE assignments (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            reviewer TEXT NOT NULL,
            assigned_by TEXT NOT NULL,
            assigned_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX assignments_pair ON assignments(article_id, reviewer);
        CREATE INDEX assignments_reviewer ON assignments(reviewer, article_id);
        """,
    )


# The summaries of claims written in bulk (``claims_fts_bulk`` holds a row), in two
# statements over the new claims' ids (?1 to ?2), as the per-row triggers would count them.
BULK_SUMMARIES = (
    """
    INSERT INTO article_counts (article_id, live, dismissed)
    SELECT article_id, sum(status != 'dismissed'), sum(status = 'dismissed')
    FROM claims WHERE id BETWEEN ?1 AND ?2 GROUP BY article_id
    ON CONFLICT (article_id) DO UPDATE SET live = live + excluded.live,
        dismissed = dismissed + excluded.dismissed
    """,
    """
    INSERT OR REPLACE INTO claim_verdicts (claim_id, article_id, live, verdict)
    SELECT g.claim_id, c.article_id, c.status != 'dismissed', g.verdict
    FROM grades g JOIN claims c ON c.id = g.claim_id
    WHERE g.claim_id BETWEEN ?1 AND ?2
      AND g.id = (SELECT id FROM grades WHERE claim_id = g.claim_id
                  ORDER BY final DESC, graded_at DESC, id DESC LIMIT 1)
    """,
)


def _v12_claims_summaries_bulk(db: sqlite_utils.Database) -> None:
    """An import's claims counted once, after they are written: ``claims_counts_insert``
    stands aside, like the full-text index's trigger (migration 10), while
    ``claims_fts_bulk`` holds a row, and the writer counts the new claims in one
    statement (``BULK_SUMMARIES``). Any other insert of a claim (undo, redo, a merge)
    is counted by the trigger as before. Both summaries are counted afresh here, so a
    file is exact from this step on whatever wrote it before."""
    recount = _VERDICT_IN_FORCE.format(claim="new.id")
    _run_script(
        db,
        f"""
        DROP TRIGGER claims_counts_insert;
        CREATE TRIGGER claims_counts_insert AFTER INSERT ON claims
        WHEN NOT EXISTS (SELECT 1 FROM claims_fts_bulk) BEGIN
            INSERT INTO article_counts (article_id, live, dismissed)
            VALUES (new.article_id, new.status != 'dismissed', new.status = 'dismissed')
            ON CONFLICT (article_id) DO UPDATE SET live = live + excluded.live,
                dismissed = dismissed + excluded.dismissed;
            {recount}
        END;
        DELETE FROM article_counts;
        DELETE FROM claim_verdicts;
        {_COUNT_SUMMARIES}
        """,
    )


def _v13_citation_words_by_field(db: sqlite_utils.Database) -> None:
    """Every citation indexed again at the next search: the searched text now keeps the
    words that name a source apart from those of its web address (``sources/search.py``
    ranks a title match above an address match). The words themselves are unchanged."""
    db.execute("INSERT OR IGNORE INTO citation_words_stale SELECT id FROM citations")


MIGRATIONS: tuple[Callable[[sqlite_utils.Database], None], ...] = (
    _v1_initial,
    _v2_application_id,
    _v3_grade_conflicts,
    _v4_citation_words,
    _v5_memory_words,
    _v6_citation_record,
    _v7_event_indexes,
    _v8_lean_log,
    _v9_article_counts,
    _v10_claims_index_writes,
    _v11_assignments,
    _v12_claims_summaries_bulk,
    _v13_citation_words_by_field,
)
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(db: sqlite_utils.Database) -> int:
    row = db.execute("PRAGMA user_version").fetchone()
    return int(row[0]) if row else 0


def check_version(db: sqlite_utils.Database, name: str) -> int:
    """The database's version; raises when a newer annotator wrote it."""
    version = user_version(db)
    if version > SCHEMA_VERSION:
        raise newer_error(name, version, SCHEMA_VERSION)
    return version


def migrate(db: sqlite_utils.Database, name: str) -> None:
    """Apply every step the database lacks, all in one transaction under the write lock.

    The version is read again once the lock is held: when several processes open a new
    file at once, the first creates the schema and the others find it there.
    """
    if check_version(db, name) == SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        version = check_version(db, name)
        for number, step in enumerate(MIGRATIONS, start=1):
            if number > version:
                step(db)
                db.execute(f"PRAGMA user_version = {number}")
    except BaseException:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


_empty_lock = threading.Lock()
_empty: sqlite3.Connection | None = None


def copy_empty_database(target: sqlite3.Connection) -> None:
    """Make ``target``, a new database in memory, an empty one at the current version.

    It is a copy (SQLite's backup, a twentieth of a millisecond) of one built by the
    migrations once per process, instead of running every step again (ten milliseconds:
    a test suite opens hundreds). Only for memory: a file is migrated under its write
    lock, so that processes creating it at once agree (see ``migrate``).
    """
    global _empty
    with _empty_lock:
        if _empty is None:
            built = sqlite_utils.Database(sqlite3.connect(":memory:", check_same_thread=False))
            migrate(built, ":memory:")
            _empty = built.conn
        _empty.backup(target)
