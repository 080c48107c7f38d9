"""A synthetic citation library shaped like real exports, shared by the citation benchmarks.

Titles draw words from a Zipf-like vocabulary (a few very common words, a long tail),
most items carry a DOI, some only a URL, and date parts sometimes carry Manubot's
leading zeros, so the CSL-JSON file is as awkward as a real one.
"""

from __future__ import annotations

import json
import random
import re
from itertools import accumulate

SYLLABLES = ["ar", "be", "co", "de", "el", "fi", "go", "ha", "in", "jo", "ka", "lu", "me",
             "no", "or", "pa", "qu", "ri", "sa", "te", "un", "vi", "wa", "xe", "yo", "za",
             "th", "st", "ch", "ph"]  # fmt: skip
COMMON = ["the", "of", "and", "in", "a", "for", "with", "on", "patients", "study", "trial",
          "effects", "therapy", "randomized", "cohort", "analysis", "risk"]  # fmt: skip


def vocabulary(rng: random.Random, size: int = 60000) -> list[str]:
    words = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5))) for _ in range(size)}
    return COMMON + sorted(words)


def make_items(n: int, seed: int = 11) -> list[dict[str, object]]:
    rng = random.Random(seed)
    words = vocabulary(rng)
    weights = [1.0 / (i + 1) ** 0.9 for i in range(len(words))]
    # Summed once: choices() with plain weights sums all 60,000 of them on every call
    # (the same draws, minutes faster at 100,000 items).
    cum = list(accumulate(weights))
    items: list[dict[str, object]] = []
    for i in range(n):
        title = " ".join(rng.choices(words, cum_weights=cum, k=rng.randint(6, 16))).capitalize()
        authors = [
            {"family": rng.choice(words).title(), "given": rng.choice("ABCDEFGHJKLMNPRS") + "."}
            for _ in range(rng.randint(1, 6))
        ]
        item: dict[str, object] = {
            "id": f"item-{i}",
            "type": "article-journal",
            "title": title,
            "author": authors,
            "container-title": rng.choice(words).title() + " Journal",
            "issued": {"date-parts": [[rng.randint(1960, 2025), rng.randint(1, 12)]]},
            "volume": str(rng.randint(1, 400)),
            "page": f"{rng.randint(1, 900)}-{rng.randint(901, 999)}",
        }
        if rng.random() < 0.9:
            item["DOI"] = f"10.{rng.randint(1000, 9999)}/{rng.choice(words)}.{i}"
        else:
            item["URL"] = f"https://www.example.org/reports/{i}?utm_source=feed"
        if rng.random() < 0.3:
            item["abstract"] = " ".join(rng.choices(words, cum_weights=cum, k=60)) + "."
        items.append(item)
    return items


def csl_text(items: list[dict[str, object]]) -> str:
    """Strict JSON, then every tenth one-digit month written as ``01`` as Manubot does."""
    text = json.dumps(items, ensure_ascii=False, indent=1)
    count = 0

    def zero(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return m.group(1) + ("0" if count % 10 == 0 else "") + m.group(2)

    return re.sub(r'("date-parts": \[\s*\[\s*\d{4},\s*)(\d\b)', zero, text)
