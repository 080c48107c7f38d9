"""Card labels that end open, on a broad unlabelled corpus no label rule was tuned on.

Run: ``PYTHONPATH=. python benchmarks/label_endings.py [--show]``. Proposes every
sentence (as ``annotator segment --all``) of:

- the UD English-GUM dev paragraphs (../shared/eval), one document per GUM document;
- the CLEF-2019 check-worthiness training debates (../shared/eval), one per debate;
- the seed article (../shared/seed), the bundled sample (data/), the sentence cases;
- the tuned claims-eval articles (tests/data/claims_eval: dev to dev-5). The held-out
  splits (claims_eval.HELD_OUT: held-out-3, held-out-4, held-out-7) are never read: their
  labels are only measured by claims_eval.py.

and judges every label with claims_eval.py's detector (``dangles``) and the 60-character
limit. Prints labels, dangling labels and their share, over all claims and over those
at or above the default threshold (what a desk sees), then the dangling ones by pattern.
``--show`` prints each dangling label beside its claim. Asserts nothing.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from claims_eval import (  # noqa: E402
    AUXILIARY,
    DATA,
    HELD_OUT,
    NEEDS_TO,
    SAYING,
    WORD,
    dangles,
    label_end,
)
from shared_data import shared_dir  # noqa: E402

from annotator.text.labels import MAX_LABEL  # noqa: E402
from annotator.text.proposer import DEFAULT_THRESHOLD, propose_claims  # noqa: E402
from tests.unit.text.sentence_cases import CASES  # noqa: E402

_BREAKS_OFF = re.compile(r"(?:—|–|--|\.\.\.|…|-)[\"”’]?$")


def documents() -> Iterator[tuple[str, str]]:
    """(name, text) of every document of the corpus."""
    shared = shared_dir()
    gum: dict[str, list[str]] = collections.defaultdict(list)
    with (shared / "eval" / "sentences-gum-dev.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            gum[row["id"].rsplit("-p", 1)[0]].append(row["text"])
    for name, paragraphs in gum.items():
        yield f"gum:{name}", "\n\n".join(paragraphs)
    debates: dict[str, list[str]] = collections.defaultdict(list)
    with (shared / "eval" / "checkworthy-clef2019-train.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            debates[row["debate"]].append(row["text"])
    for name, turns in debates.items():
        yield f"clef:{name}", "\n".join(turns)
    seed = shared / "seed" / "mdma-therapy-article.txt"
    if seed.exists():
        yield "seed", seed.read_text(encoding="utf-8")
    for path in sorted((ROOT / "data").glob("*.md")):
        yield f"data:{path.name}", path.read_text(encoding="utf-8")
    yield "sentence-cases", "\n\n".join(text for _, text, _ in CASES)
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    for name, meta in manifest.items():
        if meta["split"] not in HELD_OUT:  # never read, not even for labels
            yield f"claims-eval:{name}", (DATA / f"{name}.txt").read_text(encoding="utf-8")


def pattern(label: str, text: str) -> str:
    """What kind of open ending a dangling ``label`` of claim ``text`` has."""
    if _BREAKS_OFF.search(text.rstrip()):
        return "the claim itself breaks off"
    if label.count('"') % 2 or label.count("“") != label.count("”"):
        return "a quotation left open"
    if label.count("(") != label.count(")") or label.count("[") != label.count("]"):
        return "a bracket left open"
    if label.rstrip().endswith(("-", "—", "–", ",", ";", ":", "(", "[", "“", "‘", "/", "&")):
        return "ends on a mark that opens"
    words = WORD.findall(label)
    found = label_end(words, text) if words else None
    if found is None:
        return "rewritten, ends on a function word"
    rest = text[found.end() :].lstrip()
    nxt = WORD.match(rest)
    following = nxt.group().lower() if nxt else ""
    last = words[-1].lower()
    if following and not re.search(r"\w", rest[len(following) :]):
        return "the claim's last word dropped"
    if following == "to" and last in NEEDS_TO:
        return "a be/have verb before its infinitive"
    if last in AUXILIARY or (
        len(words) > 1 and words[-2].lower() in AUXILIARY and following.endswith(("ed", "ing"))
    ):
        return "an auxiliary before its participle"
    if words[-1][:1] in "$0123456789" and (
        following in ("million", "billion", "trillion", "percent") or following[:1].isdigit()
    ):
        return "inside a number phrase"
    if nxt is not None and nxt.group()[:1].isupper() and words[-1][:1].isupper():
        return "inside a name"
    if last in SAYING:
        return "a verb of saying without what was said"
    return "cut inside a phrase of a long claim"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--show", action="store_true", help="print every dangling label")
    args = parser.parse_args()
    claims = shown = 0
    over = {"all": [0, 0, 0], "threshold": [0, 0, 0]}  # labels, dangling, longer than 60
    kinds: dict[str, collections.Counter[str]] = {k: collections.Counter() for k in over}
    for name, text in documents():
        for claim in propose_claims(text, include_all=True):
            claims += 1
            bad = dangles(claim.label, claim.text)
            scopes = ["all"] + (["threshold"] if claim.score >= DEFAULT_THRESHOLD else [])
            for scope in scopes:
                over[scope][0] += 1
                over[scope][1] += bad
                over[scope][2] += len(claim.label) > MAX_LABEL
                if bad:
                    kinds[scope][pattern(claim.label, claim.text)] += 1
            if args.show and bad:
                shown += 1
                print(f"  {name}: {claim.label!r} <- {claim.text[:100]!r}")
    for scope, (labels, dangling, long) in over.items():
        what = "every sentence" if scope == "all" else f"score >= {DEFAULT_THRESHOLD}"
        print(
            f"{what:16} labels={labels:6} dangling={dangling:4} ({dangling / max(labels, 1):.4f}) "
            f"over {MAX_LABEL} chars={long}"
        )
        for kind, n in kinds[scope].most_common():
            print(f"    {n:4}  {kind}")


if __name__ == "__main__":
    main()
