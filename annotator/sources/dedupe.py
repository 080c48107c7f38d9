"""Near-duplicate citations: the same source entered twice without a shared identifier.

Two citations are offered for merging when their titles are nearly the same, their
first authors' family names agree (or one has none) and their years agree (or one
has none). Citations whose identifiers of one kind differ (two DOIs) are different
sources and never offered. Citations at one web address with different titles (a
site's home page and a dataset on it) are never merged on import: they are offered
here, for a person to decide. To stay fast on large libraries only citations that share
a block (same year and first title word, or same year and first author) are compared.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, utils

from annotator.model import Citation

# Titles at least this alike (0-100, token sort ratio) can be the same source.
TITLE_CUTOFF = 90.0
# First authors' family names at least this alike are the same person.
AUTHOR_CUTOFF = 85.0
# A block larger than this is too generic a key to compare all its pairs.
MAX_BLOCK = 400

_NUMBER = re.compile(r"\d+")
_STOP = {"the", "a", "an", "of", "on", "in", "and", "for", "to", "with", "from", "is", "are"}


@dataclass(frozen=True)
class DuplicatePair:
    """Two citations that look like one source; ``a`` is the older one."""

    a: int
    b: int
    score: float  # title similarity, 0-100
    reasons: tuple[str, ...]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return utils.default_process("".join(ch for ch in text if not unicodedata.combining(ch)))


def _family(c: Citation) -> str:
    if not c.authors:
        return ""
    first = c.authors[0]
    return _fold(first.split(",")[0] if "," in first else first)


def _conflict(a: Citation, b: Citation) -> bool:
    return any(
        getattr(a, k) and getattr(b, k) and getattr(a, k) != getattr(b, k)
        for k in ("doi", "pmid", "pmcid", "arxiv", "isbn")
    )


def compare(a: Citation, b: Citation) -> DuplicatePair | None:
    """The pair when ``a`` and ``b`` look like one source, else None."""
    if not a.title or not b.title or _conflict(a, b):
        return None
    if a.year and b.year and a.year != b.year:
        return None
    fold_a, fold_b = _fold(a.title), _fold(b.title)
    if _NUMBER.findall(fold_a) != _NUMBER.findall(fold_b):
        return None  # "Situation Report 51" and "... 75", "Part 1" and "Part 2"
    title = fuzz.token_sort_ratio(fold_a, fold_b)
    if title < TITLE_CUTOFF:
        return None
    reasons = [f"titles {title:.0f}% alike"]
    fa, fb = _family(a), _family(b)
    if fa and fb:
        author = fuzz.ratio(fa, fb)
        if author < AUTHOR_CUTOFF:
            return None
        same = "same first author"
        reasons.append(same if author == 100 else f"first authors {author:.0f}% alike")
    else:
        reasons.append("one has no authors")
    reasons.append(f"same year ({a.year})" if a.year and b.year else "one has no year")
    first, second = (a, b) if a.id <= b.id else (b, a)
    return DuplicatePair(first.id, second.id, round(title, 1), tuple(reasons))


def same_title(a: str, b: str) -> bool:
    """Whether two titles name the same work (or one is missing, so nothing says not)."""
    if not a.strip() or not b.strip():
        return True
    return fuzz.token_sort_ratio(_fold(a), _fold(b)) >= TITLE_CUTOFF


def _same_address(items: list[Citation]) -> list[DuplicatePair]:
    """Pairs at one web address whose titles differ (alike titles are matched anyway)."""
    by_url: dict[str, list[Citation]] = defaultdict(list)
    for c in items:
        if c.url and not (c.doi and c.url == f"https://doi.org/{c.doi}"):
            by_url[c.url].append(c)
    pairs = []
    for members in by_url.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                # Even with different identifiers: one of them may carry a wrong address.
                if a.id == b.id or same_title(a.title, b.title):
                    continue
                title = fuzz.token_sort_ratio(_fold(a.title), _fold(b.title))
                first, second = (a, b) if a.id <= b.id else (b, a)
                reasons = ("same web address", f"titles only {title:.0f}% alike")
                pairs.append(DuplicatePair(first.id, second.id, round(title, 1), reasons))
    return pairs


def _blocks(c: Citation) -> list[str]:
    words = [w for w in _fold(c.title).split() if w not in _STOP]
    keys = []
    year = str(c.year or "?")
    if words:
        keys.append(f"t:{year}:{words[0]}")
        if len(words) > 1:
            keys.append(f"t2:{year}:{words[1]}")
    family = _family(c)
    if family:
        keys.append(f"a:{year}:{family}")
    return keys


def find_near_duplicates(citations: Iterable[Citation]) -> list[DuplicatePair]:
    """Every near-duplicate pair, most alike first."""
    items = [c for c in citations if c.title]
    blocks: dict[str, list[Citation]] = defaultdict(list)
    undated: list[Citation] = []
    for c in items:
        for key in _blocks(c):
            blocks[key].append(c)
        if not c.year:
            undated.append(c)
    # An undated citation may match a dated one: put it in the blocks of every year
    # that share its title's first word or its first author.
    by_word: dict[str, list[str]] = defaultdict(list)
    for key in blocks:
        kind, _year, word = key.split(":", 2)
        by_word[f"{kind}:{word}"].append(key)
    for c in undated:
        for key in _blocks(c):
            kind, _year, word = key.split(":", 2)
            for other in by_word[f"{kind}:{word}"]:
                if other != key:
                    blocks[other].append(c)
    seen: set[tuple[int, int]] = set()
    pairs: list[DuplicatePair] = []
    for members in blocks.values():
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                ids = (min(a.id, b.id), max(a.id, b.id))
                if a.id == b.id or ids in seen:
                    continue
                seen.add(ids)
                pair = compare(a, b)
                if pair is not None:
                    pairs.append(pair)
    offered = {(p.a, p.b) for p in pairs}
    pairs += [p for p in _same_address(items) if (p.a, p.b) not in offered]
    return sorted(pairs, key=lambda p: (-p.score, p.a, p.b))
