"""Bytes per claim in the event log and in the whole file: this checkout beside an earlier one.

Builds the same desk twice in one run (500 generated articles by default of about 5 KB, a third of
the claims graded by two reviewers, every sixth claim linked to a source, a few labels
edited), once with the annotator of ``--before REV`` (default: the commit before events
stored field changes) and once with this checkout, and prints each figure beside its
baseline. Run from the repository: ``python benchmarks/log_bytes.py [--before REV]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The last commit whose events repeated whole rows (before the lean log landed).
BEFORE = "6fcad9a"
ARTICLES = 500

BUILD = r"""
import json, random, sqlite3, sys, itertools
try:
    from annotator.app.library import add_citation
except ImportError:  # an annotator from before the library use case: the store's own
    def add_citation(store, citation, *, reviewer):
        return store.add_citation(citation, reviewer=reviewer)
try:
    from annotator.app.linking import link_evidence
except ImportError:  # likewise, from before the linking use case
    def link_evidence(store, *args, **kwargs):
        return store.link_evidence(*args, **kwargs)
from annotator.store import Store
from annotator.model import Citation
from annotator.text.proposer import propose_claims

SENTENCES = [
    "The trial found that symptoms fell by {n}% at {m} months compared to baseline.",
    "Researchers at the university say the drug triggers the release of oxytocin.",
    "Brain imaging shows increased activity in the prefrontal cortex.",
    "Critics note that the sample of {n} patients was small.",
    "The FDA is expected to decide on approval within {m} months.",
    "Many readers wrote in about the story.",
]
rng = random.Random(7)
path, articles = sys.argv[1], int(sys.argv[2])
store = Store.open(path)
source, _ = add_citation(store, Citation(id=0, title="A trial", doi="10.1/x"), reviewer="bench")
for i in range(articles):
    parts = [f"Article number {i}"]
    while sum(len(p) for p in parts) < 5000:
        parts.append(rng.choice(SENTENCES).format(n=rng.randint(5, 95), m=rng.randint(1, 24)))
    text = "\n".join(parts)
    article = store.import_article(text, title=f"a{i}", reviewer="bench",
                                   proposals=propose_claims(text))
    for n, claim in enumerate(store.claims(article.id)):
        if n % 3 == 0:
            store.grade_claim(claim.id, "mixed", reviewer="alice")
            store.grade_claim(claim.id, "supported", reviewer="bob", certainty="low")
        if n % 6 == 0:
            link_evidence(store, claim.id, source.id, "supports", reviewer="alice", quote="fell")
        if n % 10 == 0:
            store.edit_label(claim.id, f"label {n}", reviewer="bob")
claims = store.db.execute("SELECT count(*) FROM claims").fetchone()[0]
columns = [r[1] for r in store.db.execute("PRAGMA table_info(events)")]
events_bytes = store.db.execute(
    "SELECT sum(" + " + ".join(f"coalesce(length(\"{c}\"), 0)" for c in columns) + ") FROM events"
).fetchone()[0]
events = store.db.execute("SELECT count(*) FROM events").fetchone()[0]
store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
store.db.execute("VACUUM")
store.close()
import os
print(json.dumps({"claims": claims, "events": events, "event_bytes": events_bytes,
                  "file_bytes": os.path.getsize(path)}))
"""


def build(code_dir: Path, db: Path, articles: int, label: str = "this checkout") -> dict[str, int]:
    env = {**os.environ, "PYTHONPATH": str(code_dir)}
    out = subprocess.run(
        [sys.executable, "-c", BUILD, str(db), str(articles)],
        env=env,
        capture_output=True,
        text=True,
        cwd=db.parent,
    )
    if out.returncode != 0:
        lines = out.stderr.strip().splitlines() or [f"exit status {out.returncode}"]
        raise SystemExit(f"log_bytes: {label} cannot build the desk: {lines[-1]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def checkout(rev: str, into: Path) -> Path:
    """The annotator package as it was at ``rev`` (git archive, nothing else touched)."""
    data = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "annotator"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def checkout_before(rev: str, into: Path, script: str) -> Path:
    """``checkout`` for a benchmark's ``--before REV``: one line naming REV if git has
    no annotator package there."""
    try:
        return checkout(rev, into)
    except subprocess.CalledProcessError as exc:
        why = (exc.stderr or b"").decode(errors="replace").strip().splitlines()
        raise SystemExit(
            f"{script}: --before {rev}: git has no annotator package at that revision"
            f" ({why[-1] if why else 'git archive failed'}): give a commit of this repository"
        ) from None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=BEFORE, help="the revision to compare with")
    parser.add_argument("--articles", type=int, default=ARTICLES)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        old_code = checkout_before(args.before, base / "old", "log_bytes")
        (base / "a").mkdir()
        (base / "b").mkdir()
        before = build(old_code, base / "a" / "before.db", args.articles, f"--before {args.before}")
        now = build(ROOT, base / "b" / "now.db", args.articles)
    print(
        f"desk: {args.articles} articles, {now['claims']} claims, {now['events']} events now"
        f" ({before['events']} before)"
    )
    for label, key in (("event log", "event_bytes"), ("whole file", "file_bytes")):
        b = before[key] / before["claims"]
        n = now[key] / now["claims"]
        print(
            f"{label + ' bytes/claim':<26}{n:8.0f}   before ({args.before}): {b:8.0f}"
            f"   ratio {n / b:5.2f}"
        )


if __name__ == "__main__":
    main()
