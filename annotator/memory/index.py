"""Claim memory: find earlier checked claims that say what a new claim says.

Fuzzy on words, strict on numbers. Words are normalized (case, light stemming, a few
synonyms, stop words dropped) and scored with rapidfuzz; numbers are read apart (see
``numbers.py``) and must agree, as must negation. A pair whose words match but whose
numbers or negation do not is a *near miss*, shown with its reason, never a match.

Scale comes from blocking: an inverted index from normalized words to earlier claims
gives each new claim a short list of candidates (those sharing its rarer words, weighted
by inverse document frequency, summed with numpy), and only those are scored with
rapidfuzz. Pure: no database here; the store supplies ``(key, text)`` pairs.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Collection, Hashable, Iterable, Sequence, Set
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any, Generic, TypeVar

import numpy as np
from rapidfuzz import fuzz, process

from annotator.text.number_words import Number, compare_numbers, extract_numbers, without_numbers

K = TypeVar("K", bound=Hashable)

# Word score (0-100) at which two claims say the same thing, numbers aside.
MATCH_SCORE = 75.0
# Word score at which a pair is worth showing as a near miss.
NEAR_SCORE = 62.0
# How many index candidates per claim get a full rapidfuzz score.
CANDIDATES = 200
# Candidates must share at least this part of the claim's word weight.
MIN_OVERLAP = 0.3

_STOP_WORDS = """
    a an the and or but if of in on at to for from by with as into onto than then that this
    these those there here is are was were be been being am has have had having do does did
    it its it's they them their we our you your he she his her i me my who whom which what
    when where while how why also just very so such can could may might must should would
    will shall about after before over under between through during per each all any both
    some more most less least other another same own only up down out off again further
    once according data available said says say reported report reports suggest suggests
    new now still even yet already like
"""
_NEGATION_WORDS = "not no never none neither nor without cannot n't fail fails failed"
_STOP = frozenset(_STOP_WORDS.split())
_NEGATIONS = frozenset(_NEGATION_WORDS.split())

# Word groups read as one word: paraphrases of the same claim use them in turn.
_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("reduce", "cut", "lower", "decrease", "drop", "decline", "fall", "fell", "shrink"),
    ("reduction", "decrease", "drop", "decline", "cut"),
    ("increase", "raise", "rise", "rose", "boost", "grow", "grew", "higher", "elevate"),
    ("cause", "trigger", "lead", "led", "produce", "induce", "result"),
    ("patient", "participant", "subject", "people", "person", "individual", "volunteer"),
    ("study", "trial", "research", "experiment"),
    ("show", "find", "found", "demonstrate", "reveal", "indicate"),
    ("symptom", "sign"),
    ("kill", "homicide", "murder"),
    ("drug", "medicine", "medication", "treatment", "therapy"),
)
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


def _stem(word: str) -> str:
    """A crude, consistent stem: both sides of a comparison go through it."""
    if word.endswith("n't"):
        return "n't"
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif (
        len(word) > 4
        and word.endswith("ed")
        or len(word) > 4
        and word.endswith("es")
        and word[-3] in "sxz"
    ):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def _synonym_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in _SYNONYMS:
        head = _stem(group[0])
        for word in group:
            table.setdefault(_stem(word), head)
    return table


_SYNONYM = _synonym_table()


@lru_cache(maxsize=200_000)
def _norm_word(word: str) -> str:
    stem = _stem(word)
    return _SYNONYM.get(stem, stem)


@dataclass(frozen=True)
class ClaimKey:
    """What matching compares: normalized words, numbers, negation."""

    words: tuple[str, ...]  # normalized content words, in text order
    numbers: tuple[Number, ...]
    negated: bool

    @property
    def word_text(self) -> str:
        return " ".join(self.words)


def claim_key(text: str) -> ClaimKey:
    """Read a claim's words, numbers and negation."""
    numbers = extract_numbers(text)
    words: list[str] = []
    negations = 0
    for raw in _WORD.findall(without_numbers(text, numbers).lower().replace("’", "'")):
        if raw in _NEGATIONS or raw.endswith("n't"):
            negations += 1
            continue
        if raw in _STOP or (len(raw) < 2 and not raw.isdigit()):
            continue
        words.append(_norm_word(raw))
    return ClaimKey(tuple(words), tuple(numbers), negations % 2 == 1)


class MatchKind(StrEnum):
    MATCH = "match"
    NEAR_MISS = "near-miss"


@dataclass(frozen=True)
class MemoryHit(Generic[K]):
    """An earlier claim found for a new one, with why."""

    key: K
    score: float  # word similarity, 0-100
    kind: MatchKind
    reason: str


def word_score(a: ClaimKey, b: ClaimKey) -> float:
    """Similarity of two claims' words (0-100), order and extra words forgiven in part."""
    x, y = a.word_text, b.word_text
    if not x or not y:
        return 0.0
    return 0.5 * fuzz.token_set_ratio(x, y) + 0.5 * fuzz.token_sort_ratio(x, y)


def judge(
    a: ClaimKey, b: ClaimKey, score: float | None = None, explain: bool = True
) -> tuple[MatchKind, str] | None:
    """Match, near miss (with the reason, if ``explain``) or nothing, for ``a`` against ``b``."""
    score = word_score(a, b) if score is None else score
    if score < NEAR_SCORE:
        return None
    if not explain:
        agree = score >= MATCH_SCORE and a.negated == b.negated
        agree = agree and compare_numbers(list(a.numbers), list(b.numbers), explain=False)[0]
        return (MatchKind.MATCH if agree else MatchKind.NEAR_MISS), ""
    agree, why = compare_numbers(list(a.numbers), list(b.numbers))
    if score < MATCH_SCORE:
        return MatchKind.NEAR_MISS, f"words only {score:.0f} (a match needs {MATCH_SCORE:.0f})"
    if not agree:
        return MatchKind.NEAR_MISS, why
    if a.negated != b.negated:
        which = "this claim" if a.negated else "the earlier claim"
        return MatchKind.NEAR_MISS, f"{which} is negated ('not', 'no', 'never')"
    return MatchKind.MATCH, f"words {score:.0f}; {why}"


# A claim key as stored: (words joined by spaces, numbers as JSON, negated). Bump the
# version when normalizing changes, so keys stored by an older annotator are recomputed.
PackedKey = tuple[Any, ...]  # (words, numbers, negated, ...): extra fields are ignored
KEY_VERSION = 2  # 2: proportions ("two in three", "a fifth of") read as one percentage


def pack_key(ck: ClaimKey) -> PackedKey:
    numbers = [[n.value, n.unit, n.qualifier, n.text] for n in ck.numbers]
    return ck.word_text, json.dumps(numbers, ensure_ascii=False), ck.negated


def unpack_key(packed: PackedKey) -> ClaimKey:
    words, numbers, negated = packed[:3]
    return ClaimKey(
        tuple(words.split()),
        tuple(Number(float(v), str(u), str(q), str(t), 0, 0) for v, u, q, t in json.loads(numbers)),
        bool(negated),
    )


class MemoryIndex(Generic[K]):
    """Earlier claims, indexed by their normalized words for fast candidate lookup.

    Postings live in one numpy array sorted by word (``_items``), with each word's slice
    given by ``_bounds``; a claim's candidates are the earlier claims whose shared words
    weigh most (inverse document frequency), summed with ``np.bincount``.
    """

    def __init__(self, items: Iterable[tuple[K, str]]) -> None:
        self._build([(key, pack_key(claim_key(text))) for key, text in items])

    @classmethod
    def from_keys(cls, items: Iterable[tuple[K, PackedKey]]) -> MemoryIndex[K]:
        """An index over keys computed before (``pack_key``), without reading texts again."""
        index = cls.__new__(cls)
        index._build(list(items))
        return index

    def _build(self, items: list[tuple[K, PackedKey]]) -> None:
        self.keys: list[K] = [key for key, _p in items]
        self._packed: list[PackedKey] = [p for _k, p in items]
        self._unpacked: dict[int, ClaimKey] = {}
        texts = [p[0] for p in self._packed]
        n = max(len(texts), 1)
        # Word ids by first sight (with gaps: the counter runs on for known words too),
        # all in C: map over dict.setdefault.
        vocabulary: dict[str, int] = {}
        words = " ".join(texts).split()
        word_ids = np.fromiter(
            map(vocabulary.setdefault, words, itertools.count()), dtype=np.int64, count=len(words)
        )
        counts = np.fromiter(map(str.count, texts, itertools.repeat(" ")), dtype=np.int64)
        counts += np.fromiter(map(bool, texts), dtype=np.int64)  # "" has no words
        item_ids = np.repeat(np.arange(len(texts), dtype=np.int64), counts)
        pairs = np.sort(word_ids * n + item_ids)
        if len(pairs):
            pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]  # once per claim
        words_of = pairs // n
        self._items = (pairs % n).astype(np.int32)
        top = len(words) + 1
        self._bounds = np.searchsorted(words_of, np.arange(top + 1))
        self._vocabulary = vocabulary
        df = np.diff(self._bounds)
        self._idf = np.log1p(n / np.maximum(df, 1))

    def __len__(self) -> int:
        return len(self.keys)

    def claim(self, i: int) -> ClaimKey:
        found = self._unpacked.get(i)
        if found is None:
            found = self._unpacked[i] = unpack_key(self._packed[i])
        return found

    def candidates(self, ck: ClaimKey, limit: int = CANDIDATES) -> list[int]:
        """Indexes of earlier claims sharing most of ``ck``'s word weight, best first."""
        unseen = math.log1p(max(len(self.keys), 1))
        ids = [self._vocabulary[w] for w in set(ck.words) if w in self._vocabulary]
        total = sum(float(self._idf[i]) for i in ids) + unseen * (len(set(ck.words)) - len(ids))
        if not ids or total <= 0:
            return []
        slices = [self._items[self._bounds[i] : self._bounds[i + 1]] for i in ids]
        weights = np.repeat(self._idf[ids], [len(sl) for sl in slices])
        sums = np.bincount(np.concatenate(slices), weights=weights, minlength=len(self.keys))
        hits = np.flatnonzero(sums >= MIN_OVERLAP * total)
        if len(hits) > limit:
            hits = hits[np.argpartition(-sums[hits], limit)[:limit]]
        order = hits[np.argsort(-sums[hits], kind="stable")]
        return [int(i) for i in order]

    def match(
        self,
        text: str,
        *,
        limit: int = 10,
        near_misses: bool = True,
        exclude: Collection[K] = (),
    ) -> list[MemoryHit[K]]:
        """Earlier claims that match ``text`` (then near misses), best first.

        ``exclude`` is best a set: callers matching many texts against the same
        exclusions (an article's own claims) build it once, not once per text.
        """
        ck = claim_key(text)
        skip = exclude if isinstance(exclude, Set) else set(exclude)
        found = [i for i in self.candidates(ck) if self.keys[i] not in skip]
        return rank_found(ck, [(self.keys[i], self._packed[i]) for i in found], limit, near_misses)


def word_weights(
    words: Iterable[str], n: int, df: dict[str, int]
) -> tuple[dict[str, float], float]:
    """Each known word's weight (inverse document frequency among ``n`` remembered
    claims) and the claim's whole weight, unknown words counted as the rarest."""
    n = max(n, 1)
    unique = set(words)
    weights = {w: math.log1p(n / max(df[w], 1)) for w in unique if df.get(w)}
    return weights, sum(weights.values()) + math.log1p(n) * (len(unique) - len(weights))


def rank_found(
    ck: ClaimKey, found: Sequence[tuple[K, PackedKey]], limit: int, near_misses: bool
) -> list[MemoryHit[K]]:
    """Score candidates (key, stored reading) against ``ck``: matches, then near misses."""
    if not found or not ck.words:
        return []
    # Word scores of all candidates in one call (rapidfuzz's C loop), as word_score.
    words = [packed[0] for _key, packed in found]
    scores = 0.5 * process.cdist([ck.word_text], words, scorer=fuzz.token_set_ratio)[0]
    scores += 0.5 * process.cdist([ck.word_text], words, scorer=fuzz.token_sort_ratio)[0]
    unpacked: dict[int, ClaimKey] = {}

    def reading(i: int) -> ClaimKey:
        if i not in unpacked:
            unpacked[i] = unpack_key(found[i][1])
        return unpacked[i]

    # Sort every candidate first (cheap), then explain only those shown.
    ranked: list[tuple[bool, float, int]] = []
    for i, score in enumerate(scores.tolist()):
        if score < NEAR_SCORE:
            continue
        verdict = judge(ck, reading(i), score, explain=False)
        if verdict is None or (verdict[0] == MatchKind.NEAR_MISS and not near_misses):
            continue
        ranked.append((verdict[0] != MatchKind.MATCH, -score, i))
    ranked.sort()
    hits: list[MemoryHit[K]] = []
    for _near, neg_score, i in ranked[:limit]:
        kind, reason = judge(ck, reading(i), -neg_score) or (MatchKind.NEAR_MISS, "")
        hits.append(MemoryHit(found[i][0], round(-neg_score, 1), kind, reason))
    return hits
