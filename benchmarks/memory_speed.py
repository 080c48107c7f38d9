"""Claim memory: matching a 50-claim article against 100,000 earlier graded claims.

Reports, in one run:
- building the memory index from the database (loading the claims and indexing them),
- matching the 50 new claims through the index (candidates, then rapidfuzz and the
  number check),
- the baseline: a full pairwise rapidfuzz comparison (``process.cdist``, same scorer,
  same normalized words) of the 50 claims against all 100,000, without the index,
and whether both find the same best earlier claim for each new one.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from annotator.memory.index import MATCH_SCORE, MatchKind, claim_key, judge
from annotator.store import Store

EARLIER = int(os.environ.get("BENCH_EARLIER", "100000"))
NEW = 50

SUBJECTS = [
    "MDMA-assisted therapy",
    "psilocybin",
    "ketamine",
    "the vaccine",
    "vitamin D",
    "intermittent fasting",
    "the new drug",
    "daily aspirin",
    "statins",
    "a low-carb diet",
    "cognitive behavioural therapy",
    "the booster",
    "melatonin",
    "omega-3 supplements",
    "metformin",
    "the nasal spray",
    "yoga",
    "green tea",
    "acupuncture",
    "the implant",
]
VERBS = ["cuts", "raises", "lowers", "doubles", "halves", "reduces", "increases", "prevents"]
OBJECTS = [
    "PTSD symptoms",
    "the risk of heart attack",
    "blood pressure",
    "depression scores",
    "hospital admissions",
    "deaths from flu",
    "anxiety",
    "migraine days",
    "cholesterol",
    "relapse rates",
    "sleep problems",
    "infection rates",
    "tumour growth",
    "weight",
]
GROUPS = [
    "in veterans",
    "in children",
    "in older adults",
    "among smokers",
    "in women",
    "in people with diabetes",
    "in a small trial",
    "in a large cohort",
    "in mice",
]
FILLER = [
    "according",
    "researchers",
    "university",
    "hospital",
    "published",
    "journal",
    "national",
    "survey",
    "data",
    "report",
    "found",
    "study",
    "team",
    "led",
    "analysis",
    "independent",
    "early",
    "results",
    "suggest",
    "experts",
    "warn",
]


def make_claim(rng: random.Random) -> str:
    words = rng.sample(FILLER, rng.randint(0, 4))
    return (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} by "
        f"{rng.choice(['over ', 'up to ', 'about ', ''])}{rng.randint(5, 95)}% "
        f"{rng.choice(GROUPS)} after {rng.randint(1, 24)} months "
        + " ".join(words)
        + f" (site {rng.randint(1, 5000)})."
    )


def paraphrase(rng: random.Random, text: str, change_number: bool) -> str:
    out = text.replace("cuts", "reduces").replace(" by ", " by a reported ")
    if change_number:
        out = out.replace("%", "5%", 1)
    return out.replace("after", "at") + rng.choice(["", " Experts agree."])


def build_database(path: Path, texts: list[str]) -> Store:
    store = Store.open(path)
    article = store.import_article("x", title="bulk", reviewer="bench", proposals=[])
    now = "2026-01-01T00:00:00Z"
    store.db.table("claims").insert_all(
        (
            {
                "id": i + 1,
                "article_id": article.id,
                "start": 0,
                "end": 1,
                "text": t,
                "label": t[:40],
                "created_at": now,
                "updated_at": now,
            }
            for i, t in enumerate(texts)
        ),
        batch_size=5000,
    )
    store.db.table("grades").insert_all(
        (
            {"claim_id": i + 1, "reviewer": "bench", "verdict": "mixed", "graded_at": now}
            for i in range(len(texts))
        ),
        batch_size=5000,
    )
    return store


def pairwise_scores(new: list[str], earlier: list[str]) -> np.ndarray:
    """Every new claim against every earlier one, no index: the same score as
    ``memory.word_score`` (mean of token_set_ratio and token_sort_ratio), via cdist."""
    set_scores = process.cdist(new, earlier, scorer=fuzz.token_set_ratio, dtype=np.float32)
    sort_scores = process.cdist(new, earlier, scorer=fuzz.token_sort_ratio, dtype=np.float32)
    return np.asarray(0.5 * set_scores + 0.5 * sort_scores)


def main() -> None:
    rng = random.Random(8)
    earlier = [make_claim(rng) for _ in range(EARLIER)]
    new = [
        paraphrase(rng, earlier[rng.randrange(EARLIER)], change_number=i % 3 == 0)
        if i % 5 != 4
        else make_claim(rng)
        for i in range(NEW)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        store = build_database(Path(tmp) / "bench.db", earlier)

        start = time.perf_counter()
        store.memory_index()
        cold = time.perf_counter() - start  # reads every text and stores its key

        store._memory_cache = None  # a new process: the index is read from the file
        start = time.perf_counter()
        index = store.memory_index()
        built = time.perf_counter() - start

        start = time.perf_counter()
        indexed = [index.match(t, limit=5) for t in new]
        matched = time.perf_counter() - start
        store.close()

    # The baseline gets the normalized words for free (the index stored them too).
    earlier_keys = [claim_key(t) for t in earlier]
    start = time.perf_counter()
    scores = pairwise_scores(
        [claim_key(t).word_text for t in new], [k.word_text for k in earlier_keys]
    )
    best_full = []
    for row, text in zip(scores, new, strict=True):
        ck = claim_key(text)
        found = None
        for j in np.argsort(-row)[:50]:
            if row[j] < MATCH_SCORE:
                break
            verdict = judge(ck, earlier_keys[j], float(row[j]))
            if verdict is not None and verdict[0] == MatchKind.MATCH:
                found = int(j) + 1
                break
        best_full.append(found)
    pairwise = time.perf_counter() - start

    best_index = [
        next((h.key[1] for h in hits if h.kind == MatchKind.MATCH), None) for hits in indexed
    ]
    found = sum(1 for b in best_index if b is not None)
    same = sum(
        1
        for a, b in zip(best_index, best_full, strict=True)
        if a == b or (a and b and earlier[a - 1] == earlier[b - 1])
    )
    print(f"{NEW} new claims against {EARLIER:,} earlier graded claims")
    print(f"  first index build (reads all texts, stores keys, once): {cold:6.3f} s")
    print(f"  index build (load stored keys from SQLite + index): {built:6.3f} s")
    print(f"  matching through the index:              {matched:6.3f} s")
    print(f"  build + match:                           {built + matched:6.3f} s")
    print(f"  full pairwise rapidfuzz (baseline):      {pairwise:6.3f} s")
    print(f"  speed-up of matching over pairwise:      {pairwise / matched:6.0f}x")
    print(f"  speed-up of build + match over pairwise: {pairwise / (built + matched):6.1f}x")
    print(f"  claims with a match: {found}/{NEW}; same best match as pairwise: {same}/{NEW}")


if __name__ == "__main__":
    main()
