"""Fast typo-tolerant search over a citation library (100,000 sources in milliseconds).

Each query word is looked up in the library's vocabulary (exactly, as a prefix being
typed, and within one or two edits among words of nearly the same length that share its
first or last letter); the citations holding those words are scored by how rare the
words are, and the best few hundred are ranked by these rules, in this order:

1. more of the query: the share of the query's weight a citation holds, each query word
   weighing as it is rare in the library (IDF) and counting as alike as the citation's
   word is to it (exact 1, a prefix being typed 0.9, a typo less). A citation holding
   more of the query's words always ranks above one holding fewer;
2. in the words that name the source: among equal shares, words found in the title,
   authors, journal, year or identifiers rank above words found only in its web address;
3. closest wording: rapidfuzz ``WRatio`` of the query against the naming words (word
   order, phrases), then library order.

The score shown is rule 1's share (0-100), so it never rises down the list. A full
``WRatio`` scan ranked by wording alone: a long web address lowered a full match below
a citation holding only one of two words.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Protocol

from rapidfuzz import fuzz, process, utils

from annotator.model import Citation

# A vocabulary word at least this alike (0-100, ``fuzz.ratio``) is a typo of the query word.
WORD_CUTOFF = 80.0
# Query words shorter than this are matched exactly or as a prefix only.
FUZZY_MIN_LENGTH = 4
# How many words one typed prefix may stand for.
PREFIX_LIMIT = 40
# How many candidates are ranked with WRatio.
CANDIDATES = 300
# How many postings the first query word may walk through (its closest words first).
POSTINGS_BUDGET = 40_000
# A word found in more than this share of the library does not pick candidates.
COMMON_SHARE = 0.2
# A hit holds at least this share (0-100) of the query's weight: below it only common
# words matched ("of", "effects"), and the source meant is not in the library.
SHARE_CUTOFF = 20.0
# The stored searched text: the words that name a source, then (after this break) the
# words that only locate it. ``split()`` reads the words of both; the ranker tells them
# apart (rule 2).
FIELD_BREAK = "\n"


def citation_fields(c: Citation) -> tuple[str, str]:
    """The text a search looks at, in two parts: what names the source (title, authors,
    journal, year and identifiers) and what only locates it (its web address, whose
    host and query words say little about which paper it is)."""
    naming = (c.title, " ".join(c.authors), c.container, c.year or "", c.doi, c.pmid,
              c.pmcid, c.arxiv, c.isbn)  # fmt: skip
    return " ".join(str(x) for x in naming if x), c.url


def citation_haystack(c: Citation) -> str:
    """All the text a search looks at, as one string (a full scan's baseline reads it)."""
    return " ".join(part for part in citation_fields(c) if part)


def search_words(c: Citation) -> tuple[str, set[str]]:
    """What the index keeps of a citation: its processed searched text (the naming words,
    then ``FIELD_BREAK`` and the locating words when it has any) and the words in it."""
    naming, locating = (utils.default_process(part) for part in citation_fields(c))
    text = naming + FIELD_BREAK + locating if locating else naming
    return text, set(text.split())


def query_words(query: str) -> list[str]:
    """The distinct words a query searches for, as the ranker reads them (case and
    punctuation dropped): none for a blank or punctuation-only query."""
    return list(dict.fromkeys(utils.default_process(query).split()))


class WordSource(Protocol):
    """The index a search reads: words, their postings and the searched texts.

    Keys are integers in the library's order (list positions in memory, citation ids in
    the store), so ties rank the same either way.
    """

    def __len__(self) -> int: ...

    def first_keys(self, limit: int) -> list[int]:
        """The first ``limit`` keys in library order."""
        ...

    def count(self, word: str) -> int:
        """How many citations hold ``word`` (0 when none)."""
        ...

    def postings(self, word: str) -> Sequence[int]:
        """The keys of the citations holding ``word``, ascending."""
        ...

    def words_from(self, token: str, limit: int) -> list[str]:
        """Up to ``limit`` vocabulary words from ``token`` on, in sorted order."""
        ...

    def pool(self, length: int, first: str = "", last: str = "") -> list[str]:
        """Sorted vocabulary words of ``length`` starting with ``first`` (or ending with
        ``last``), among words of at least ``FUZZY_MIN_LENGTH - 1`` characters."""
        ...

    def haystacks(self, keys: Sequence[int]) -> dict[int, str]:
        """The processed searched text of each key."""
        ...


class Ranker:
    """Typo-tolerant ranking over a ``WordSource``: the one search both faces use."""

    def __init__(self, words: WordSource) -> None:
        self.words = words
        self._sets: dict[str, set[int]] = {}

    def _word_matches(self, token: str) -> dict[str, float]:
        """Vocabulary words the query word may mean -> how alike (0-1)."""
        found: dict[str, float] = {}
        if self.words.count(token):
            found[token] = 1.0
        if len(token) >= 3:
            for word in self.words.words_from(token, PREFIX_LIMIT):
                if not word.startswith(token):
                    break
                found.setdefault(word, 0.9)
        if len(token) >= FUZZY_MIN_LENGTH:
            pools: list[list[str]] = []
            for length in range(len(token) - 1, len(token) + 2):
                pools.append(self.words.pool(length, first=token[0]))
                pools.append(self.words.pool(length, last=token[-1]))
            for pool in pools:
                for word, score, _ in process.extract(
                    token, pool, scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF, limit=None
                ):
                    found[word] = max(found.get(word, 0.0), score / 100 * 0.95)
        return found

    def _postings_set(self, word: str) -> set[int]:
        if word not in self._sets:
            self._sets[word] = set(self.words.postings(word))
        return self._sets[word]

    def _token_weight(self, matches: dict[str, float], counts: dict[str, int], n: int) -> float:
        """How much a query word weighs: as rare as the word it most likely means (itself,
        else its closest typo or commonest completion); one found nowhere as the rarest."""
        if not matches:
            return math.log(1 + n)
        best = max(matches, key=lambda w: (matches[w], counts[w], w))
        return math.log(1 + n / max(counts[best], 1))

    def rank(
        self, query: str, limit: int = 20, cutoff: float = SHARE_CUTOFF
    ) -> list[tuple[int, float]]:
        """Keys of the citations matching ``query``, best first (the module's rules), each
        with its score: the share (0-100) of the query's weight it holds."""
        processed = utils.default_process(query)
        tokens = query_words(query)
        if not tokens:
            return [(key, 100.0) for key in self.words.first_keys(limit)]
        n = max(len(self.words), 1)
        counts: dict[str, int] = {}
        found = [self._word_matches(token) for token in tokens]
        for matches in found:
            for w in matches:
                if w not in counts:
                    counts[w] = self.words.count(w)
        weights = [self._token_weight(matches, counts, n) for matches in found]
        totals = self._candidates(found, weights, counts, n)
        top = heapq.nlargest(CANDIDATES, totals.items(), key=lambda kv: kv[1])
        texts = self.words.haystacks([i for i, _prior in top])
        # Each vocabulary word a query word may mean -> (that query word, its weight as
        # found in that spelling).
        meant: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for t, matches in enumerate(found):
            for w, alike in matches.items():
                meant[w].append((t, alike * weights[t]))
        whole = sum(weights)
        held = []
        for i, _prior in top:
            anywhere, named = _holding(texts[i], meant, len(tokens))
            share = 100 * anywhere / whole
            if share >= cutoff:
                held.append((share, named, i))
        held.sort(key=lambda h: (-h[0], -h[1], h[2]))
        # Rule 3 orders citations equal by rules 1 and 2: only the groups shown are scored.
        ranked: list[tuple[int, float]] = []
        for _same, group in itertools.groupby(held, key=lambda h: (h[0], h[1])):
            if len(ranked) >= limit:
                break
            members = [(fuzz.WRatio(processed, texts[i].partition(FIELD_BREAK)[0]), i, share)
                       for share, _named, i in group]  # fmt: skip
            members.sort(key=lambda m: (-m[0], m[1]))
            ranked += [(i, share) for _wording, i, share in members]
        return ranked[:limit]

    def _candidates(
        self,
        found: list[dict[str, float]],
        weights: list[float],
        counts: dict[str, int],
        n: int,
    ) -> dict[int, float]:
        """The citations worth ranking, each with the weight of the query it holds as
        far as the rarer query words tell (the best few hundred are ranked)."""
        per_token = sorted((sum(counts[w] for w in matches), t) for t, matches in enumerate(found))
        totals: dict[int, float] = {}
        big = max(2000, n // 10)
        for size, t in per_token:
            # A word in most of a big library ("the", "study") only re-ranks the citations
            # the rarer words found (rule 1 counts it there); a word in a few thousand at
            # most is walked, so its partial matches are listed, below the fuller ones.
            if totals and size > max(big, n * COMMON_SHARE):
                continue
            # A common word only adds to citations the rarer words found; a rare one may
            # bring its own (the rarest word may be a typo that found nothing right).
            filter_only = bool(totals) and size > big
            best: dict[int, float] = {}
            budget = POSTINGS_BUDGET
            matches = found[t]
            closest_first = sorted(matches.items(), key=lambda kv: (-kv[1], counts[kv[0]]))
            for word, alike in closest_first:
                weight = alike * weights[t]
                ids: Iterable[int]
                # Filtering walks the shorter side: the candidates so far or the postings.
                if filter_only and len(totals) < counts[word]:
                    held = self._postings_set(word)
                    ids = [i for i in totals if i in held]
                elif filter_only:
                    ids = [i for i in self.words.postings(word) if i in totals]
                else:
                    ids = self.words.postings(word)
                    budget -= counts[word]
                for i in ids:
                    if weight > best.get(i, 0.0):
                        best[i] = weight
                if budget <= 0:
                    break
            for i, weight in best.items():
                totals[i] = totals.get(i, 0.0) + weight
        return totals


def _holding(
    text: str, meant: dict[str, list[tuple[int, float]]], size: int
) -> tuple[float, float]:
    """The weight of the query a searched text holds anywhere, and in its naming words:
    each query word counted once, as its closest spelling there (summed in query order,
    so equal holdings weigh exactly equal)."""
    naming, _, locating = text.partition(FIELD_BREAK)
    best = [0.0] * size
    _hold(naming, meant, best)
    named = sum(best)
    if not locating:
        return named, named
    _hold(locating, meant, best)
    return sum(best), named


def _hold(text: str, meant: dict[str, list[tuple[int, float]]], best: list[float]) -> None:
    """Raise ``best`` (per query word) to the weight of its closest spelling in ``text``."""
    for word in text.split():
        for t, weight in meant.get(word, ()):
            if weight > best[t]:
                best[t] = weight


class MemoryWords:
    """A ``WordSource`` in memory: searched texts by key, kept current by ``put``/``drop``.

    Built from ``(key, processed text)`` pairs (``search_words``' text): list positions
    for a snapshot of a list of citations, citation ids for the library a session keeps
    in memory (``app/source_picking.LibrarySearch``).
    """

    def __init__(self, texts: Iterable[tuple[int, str]] = ()) -> None:
        self._texts: dict[int, str] = {}
        self._keys: list[int] = []
        vocab: dict[str, list[int]] = defaultdict(list)
        for key, text in sorted(texts):
            self._texts[key] = text
            self._keys.append(key)
            for word in set(text.split()):
                vocab[word].append(key)
        self._postings: dict[str, list[int]] = dict(vocab)
        self._sorted = sorted(self._postings)
        self._by_first: dict[tuple[int, str], list[str]] = defaultdict(list)
        self._by_last: dict[tuple[int, str], list[str]] = defaultdict(list)
        for word in self._sorted:
            self._pool_add(word)

    def _pool_add(self, word: str) -> None:
        if len(word) >= FUZZY_MIN_LENGTH - 1:
            bisect.insort(self._by_first[(len(word), word[0])], word)
            bisect.insort(self._by_last[(len(word), word[-1])], word)

    def put(self, key: int, text: str) -> None:
        """Index ``key``'s searched text, replacing what it held."""
        self.drop(key)
        self._texts[key] = text
        bisect.insort(self._keys, key)
        for word in set(text.split()):
            postings = self._postings.get(word)
            if postings is None:
                self._postings[word] = [key]
                bisect.insort(self._sorted, word)
                self._pool_add(word)
            else:
                bisect.insort(postings, key)

    def drop(self, key: int) -> None:
        """Forget ``key`` (nothing when it is not held)."""
        text = self._texts.pop(key, None)
        if text is None:
            return
        del self._keys[bisect.bisect_left(self._keys, key)]
        for word in set(text.split()):
            postings = self._postings[word]
            del postings[bisect.bisect_left(postings, key)]
            if not postings:
                del self._postings[word]
                del self._sorted[bisect.bisect_left(self._sorted, word)]
                if len(word) >= FUZZY_MIN_LENGTH - 1:
                    self._by_first[(len(word), word[0])].remove(word)
                    self._by_last[(len(word), word[-1])].remove(word)

    def __len__(self) -> int:
        return len(self._keys)

    def first_keys(self, limit: int) -> list[int]:
        return self._keys[:limit]

    def count(self, word: str) -> int:
        return len(self._postings.get(word, ()))

    def postings(self, word: str) -> Sequence[int]:
        return self._postings.get(word, [])

    def words_from(self, token: str, limit: int) -> list[str]:
        i = bisect.bisect_left(self._sorted, token)
        return self._sorted[i : i + limit]

    def pool(self, length: int, first: str = "", last: str = "") -> list[str]:
        if first:
            return self._by_first.get((length, first), [])
        return self._by_last.get((length, last), [])

    def haystacks(self, keys: Sequence[int]) -> dict[int, str]:
        return {i: self._texts[i] for i in keys}


class CitationIndex:
    """An in-memory index over one snapshot of a list of citations."""

    def __init__(self, citations: Sequence[Citation]) -> None:
        self.citations = list(citations)
        texts = ((i, search_words(c)[0]) for i, c in enumerate(self.citations))
        self._ranker = Ranker(MemoryWords(texts))

    def __len__(self) -> int:
        return len(self.citations)

    def search(
        self, query: str, limit: int = 20, cutoff: float = SHARE_CUTOFF
    ) -> list[tuple[Citation, float]]:
        """Citations matching ``query``, best first, with their score (``Ranker.rank``)."""
        return [(self.citations[i], s) for i, s in self._ranker.rank(query, limit, cutoff)]
