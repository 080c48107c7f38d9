"""Inter-rater agreement statistics: pure functions over ratings, no database.

- ``percent_agreement``, ``cohen_kappa`` (unweighted, linear or quadratic weights) and
  ``confusion_matrix`` take the pairs of values two raters gave the same units.
- ``krippendorff_alpha`` takes units (each the list of values it received, missing
  values simply absent) for any number of raters, at the nominal, ordinal or interval
  level, following Krippendorff's coincidence-matrix formulation.
- ``bootstrap_alpha`` resamples units with a seeded generator (same data and seed, same
  interval) and returns the percentile interval.

Statistics that are undefined for the data (no pairs, or no variation at all, which
makes the expected disagreement zero) are ``None``, never a division error.

The results match the ``krippendorff`` package and the worked examples of
Krippendorff (2011) and Cohen (1960); see tests/test_agreement.py. They are written
here in plain Python so the command line does not load numpy.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from typing import Literal

Level = Literal["nominal", "ordinal", "interval"]
Weights = Literal["none", "linear", "quadratic"]
Value = str | int | float
Pair = tuple[Hashable, Hashable]


def percent_agreement(pairs: Sequence[Pair]) -> float | None:
    """Share of pairs whose two values are equal; None without pairs."""
    if not pairs:
        return None
    return sum(1 for a, b in pairs if a == b) / len(pairs)


def confusion_matrix(pairs: Sequence[Pair], categories: Sequence[Hashable]) -> list[list[int]]:
    """Counts: row = first rater's value, column = second rater's, in ``categories`` order."""
    index = {c: i for i, c in enumerate(categories)}
    matrix = [[0] * len(categories) for _ in categories]
    for a, b in pairs:
        if a not in index or b not in index:
            raise ValueError(f"value {a if a not in index else b!r} is not among the categories")
        matrix[index[a]][index[b]] += 1
    return matrix


def cohen_kappa(
    pairs: Sequence[Pair],
    categories: Sequence[Hashable] | None = None,
    weights: Weights = "none",
) -> float | None:
    """Cohen's kappa of two raters; weighted kappa when ``weights`` is given.

    ``categories`` lists the possible values, in order for weighted kappa (the weight
    of a disagreement is the distance between positions, squared for quadratic). It
    defaults to the values seen, sorted. None when undefined (no pairs, or chance
    agreement is already perfect).
    """
    if not pairs:
        return None
    cats = list(categories) if categories is not None else sorted({v for p in pairs for v in p})  # type: ignore[type-var]
    matrix = confusion_matrix(pairs, cats)
    n = len(pairs)
    k = len(cats)
    rows = [sum(matrix[i]) for i in range(k)]
    cols = [sum(matrix[i][j] for i in range(k)) for j in range(k)]

    def weight(i: int, j: int) -> float:
        if weights == "linear":
            return float(abs(i - j))
        if weights == "quadratic":
            return float((i - j) ** 2)
        return 0.0 if i == j else 1.0

    observed = sum(weight(i, j) * matrix[i][j] for i in range(k) for j in range(k)) / n
    expected = sum(weight(i, j) * rows[i] * cols[j] for i in range(k) for j in range(k)) / n / n
    if expected == 0:
        return None
    return 1.0 - observed / expected


# -- Krippendorff's alpha ---------------------------------------------------------------

Coincidences = dict[tuple[Value, Value], float]


def _unit_coincidences(values: Sequence[Value]) -> Coincidences:
    """One unit's share of the coincidence matrix (empty when it cannot be paired)."""
    m = len(values)
    counts = Counter(values)
    out: Coincidences = {}
    if m < 2:
        return out
    for c, nc in counts.items():
        for k, nk in counts.items():
            pairs = nc * (nk - 1) if c == k else nc * nk
            if pairs:
                out[(c, k)] = pairs / (m - 1)
    return out


def _add(total: Coincidences, part: Coincidences) -> None:
    for key, value in part.items():
        total[key] = total.get(key, 0.0) + value


def _alpha_from(coincidences: Coincidences, level: Level) -> float | None:
    totals: dict[Value, float] = {}
    for (c, _k), o in coincidences.items():
        totals[c] = totals.get(c, 0.0) + o
    n = sum(totals.values())
    if n <= 1:
        return None
    values = sorted(totals)
    rank = {v: i for i, v in enumerate(values)}
    cumulative = [0.0]
    for v in values:
        cumulative.append(cumulative[-1] + totals[v])

    def delta(c: Value, k: Value) -> float:
        if c == k:
            return 0.0
        if level == "nominal":
            return 1.0
        if level == "interval":
            return (float(c) - float(k)) ** 2
        lo, hi = sorted((rank[c], rank[k]))
        between = cumulative[hi + 1] - cumulative[lo]
        return (between - (totals[c] + totals[k]) / 2) ** 2

    observed = sum(o * delta(c, k) for (c, k), o in coincidences.items())
    expected = sum(totals[c] * totals[k] * delta(c, k) for c in values for k in values)
    if expected == 0:
        return None
    return 1.0 - (n - 1) * observed / expected


def _check(units: Iterable[Sequence[Value]], level: Level) -> list[Sequence[Value]]:
    checked = [u for u in units]
    if level != "nominal":
        for unit in checked:
            for v in unit:
                if isinstance(v, str):
                    raise ValueError(f"{level} alpha needs numbers (ordinals), got {v!r}")
    return checked


def krippendorff_alpha(units: Iterable[Sequence[Value]], level: Level = "nominal") -> float | None:
    """Krippendorff's alpha over units, each the values it received from any raters.

    Missing values are simply absent; units with fewer than two values cannot be paired
    and do not count. For ``ordinal`` and ``interval`` the values are numbers whose
    order (ordinal) or differences (interval) matter.
    """
    total: Coincidences = {}
    for unit in _check(units, level):
        _add(total, _unit_coincidences(unit))
    return _alpha_from(total, level)


def bootstrap_alpha(
    units: Iterable[Sequence[Value]],
    level: Level = "ordinal",
    *,
    samples: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
) -> tuple[float, float] | None:
    """Percentile interval for alpha from resampling units with replacement.

    Deterministic: the same units, level and seed give the same interval. Resamples in
    which alpha is undefined (no variation) are left out; None when fewer than half of
    them are usable or there are fewer than two pairable units.
    """
    parts = [c for c in map(_unit_coincidences, _check(units, level)) if c]
    if len(parts) < 2 or samples < 1:
        return None
    # Units with the same values contribute the same: resample pattern ids, then add
    # each pattern once, times how often it was drawn.
    patterns: dict[tuple[tuple[tuple[Value, Value], float], ...], int] = {}
    unit_pattern = [
        patterns.setdefault(tuple(sorted(p.items(), key=repr)), len(patterns)) for p in parts
    ]
    shapes = list(patterns)
    rng = random.Random(seed)
    estimates: list[float] = []
    for _ in range(samples):
        drawn = Counter(unit_pattern[i] for i in rng.choices(range(len(parts)), k=len(parts)))
        total: Coincidences = {}
        for pattern, times in drawn.items():
            for key, value in shapes[pattern]:
                total[key] = total.get(key, 0.0) + value * times
        alpha = _alpha_from(total, level)
        if alpha is not None:
            estimates.append(alpha)
    if len(estimates) < samples / 2:
        return None
    estimates.sort()
    tail = (1.0 - confidence) / 2
    return _quantile(estimates, tail), _quantile(estimates, 1.0 - tail)


def _quantile(ordered: Sequence[float], q: float) -> float:
    """Linear interpolation between order statistics (numpy's default method)."""
    pos = q * (len(ordered) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)
