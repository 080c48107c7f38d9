"""Agreement statistics against textbook values and a reference implementation."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.grades.agreement import (
    bootstrap_alpha,
    cohen_kappa,
    confusion_matrix,
    krippendorff_alpha,
    percent_agreement,
)

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: four
# observers, twelve units, values 1-5, several missing (None).
KRIPPENDORFF_C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def _units(observers: list[list[int | None]]) -> list[list[int]]:
    return [[v for v in unit if v is not None] for unit in zip(*observers, strict=True)]


@pytest.mark.parametrize(
    ("level", "expected"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)],
)
def test_alpha_matches_krippendorffs_worked_example_with_missing_values(
    level: str, expected: float
) -> None:
    alpha = krippendorff_alpha(_units(KRIPPENDORFF_C), level)  # type: ignore[arg-type]
    assert alpha is not None and round(alpha, 3) == expected


def test_alpha_two_observers_binary_example() -> None:
    # Krippendorff (2011) example A: 20 values (14 zeros, 6 ones), 4 split units:
    # alpha = 1 - (n - 1) * (o01 + o10) / (2 * n0 * n1) = 1 - 19 * 8 / 168 = 2/21 = 0.095.
    first = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    second = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    alpha = krippendorff_alpha(list(zip(first, second, strict=True)))
    assert alpha == pytest.approx(2 / 21)


def test_alpha_nominal_labels_example() -> None:
    # Krippendorff (2011) example B: alpha = 0.692.
    first = list("aabbdcccedda")
    second = list("babbbccceddd")
    alpha = krippendorff_alpha(list(zip(first, second, strict=True)))
    assert alpha is not None and round(alpha, 3) == 0.692


def test_alpha_is_none_without_variation_or_pairs() -> None:
    assert krippendorff_alpha([[3, 3], [3, 3, 3]], "ordinal") is None
    assert krippendorff_alpha([[1], [2], []], "ordinal") is None
    assert krippendorff_alpha([], "nominal") is None


def test_alpha_ordinal_refuses_words() -> None:
    with pytest.raises(ValueError, match="ordinal alpha needs numbers"):
        krippendorff_alpha([["a", "b"]], "ordinal")


# Cohen (1960): two judges, 200 subjects, three categories; observed .70, chance .41.
COHEN_1960 = [[88, 14, 18], [10, 40, 10], [2, 6, 12]]


def _pairs(matrix: list[list[int]]) -> list[tuple[str, str]]:
    cats = [str(i + 1) for i in range(len(matrix))]
    return [
        (cats[i], cats[j])
        for i, row in enumerate(matrix)
        for j, n in enumerate(row)
        for _ in range(n)
    ]


def test_cohen_kappa_classic_example() -> None:
    pairs = _pairs(COHEN_1960)
    assert percent_agreement(pairs) == pytest.approx(0.70)
    # (.70 - .41) / (1 - .41)
    assert cohen_kappa(pairs, ["1", "2", "3"]) == pytest.approx(29 / 59)


def test_weighted_kappa_by_hand() -> None:
    # Same table. Marginals: rows .6 .3 .1, columns .5 .3 .2.
    # Linear weights |i-j|: observed 80/200 = .40; expected .42 + 2 * .17 = .76 -> 1 - .40/.76.
    # Quadratic (i-j)^2: observed .20 + 4 * .10 = .60; expected .42 + 4 * .17 = 1.10.
    pairs = _pairs(COHEN_1960)
    linear = cohen_kappa(pairs, ["1", "2", "3"], "linear")
    quadratic = cohen_kappa(pairs, ["1", "2", "3"], "quadratic")
    assert linear == pytest.approx(float(Fraction(9, 19)))
    assert quadratic == pytest.approx(float(Fraction(5, 11)))


def test_two_by_two_kappa() -> None:
    # 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15 -> po .7, pe .5, kappa .4.
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    assert cohen_kappa(pairs) == pytest.approx(0.4)
    assert confusion_matrix(pairs, ["y", "n"]) == [[20, 5], [10, 15]]


def test_kappa_undefined_cases() -> None:
    assert cohen_kappa([]) is None
    assert percent_agreement([]) is None
    # Both raters always say the same single value: chance agreement is perfect.
    assert cohen_kappa([("a", "a"), ("a", "a")]) is None


def test_confusion_matrix_rejects_unknown_values() -> None:
    with pytest.raises(ValueError, match="'z'"):
        confusion_matrix([("a", "z")], ["a", "b"])


def test_bootstrap_is_deterministic_and_brackets_the_estimate() -> None:
    units = _units(KRIPPENDORFF_C)
    first = bootstrap_alpha(units, "ordinal", samples=400, seed=7)
    again = bootstrap_alpha(units, "ordinal", samples=400, seed=7)
    other = bootstrap_alpha(units, "ordinal", samples=400, seed=8)
    alpha = krippendorff_alpha(units, "ordinal")
    assert first == again and first != other
    assert first is not None and alpha is not None
    assert first[0] <= alpha <= first[1] <= 1.0


def test_bootstrap_needs_two_units() -> None:
    assert bootstrap_alpha([[1, 2]], "ordinal") is None


ratings = st.lists(
    st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=2, max_size=4),
    min_size=2,
    max_size=15,
)


@settings(max_examples=60, deadline=None)
@given(ratings)
def test_alpha_matches_the_krippendorff_package(units_raw: list[list[int | None]]) -> None:
    kd = pytest.importorskip("krippendorff")
    import numpy as np

    width = max(len(u) for u in units_raw)
    matrix = [[(u[i] if i < len(u) else None) for u in units_raw] for i in range(width)]
    data = np.array([[np.nan if v is None else v for v in row] for row in matrix], dtype=float)
    units = [[v for v in u if v is not None] for u in units_raw]
    for level in ("nominal", "ordinal", "interval"):
        ours = krippendorff_alpha(units, level)  # type: ignore[arg-type]
        try:
            with np.errstate(all="ignore"):
                theirs = kd.alpha(reliability_data=data, level_of_measurement=level)
        except (ValueError, ZeroDivisionError):
            theirs = float("nan")
        if ours is None:
            assert theirs is None or math.isnan(theirs) or math.isinf(theirs)
        else:
            assert ours == pytest.approx(theirs, abs=1e-9)
