"""How far reviewers agree on an article's claims: the figures behind ``annotator agreement``.

Reads grades through the Store and computes with ``annotator.grades.agreement``. The policies
below are part of the output, so a reader knows what each figure rests on.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from itertools import combinations
from typing import Any

from annotator.app.wording import counted
from annotator.errors import InputError
from annotator.grades.agreement import (
    bootstrap_alpha,
    cohen_kappa,
    confusion_matrix,
    krippendorff_alpha,
    percent_agreement,
)
from annotator.grades.visibility import Viewer
from annotator.model import ClaimStatus, Grade
from annotator.scales import Scale
from annotator.store import Store

MISSING_POLICY = (
    "A claim counts for a pair of reviewers only when both graded it (pairwise deletion); "
    "n says how many claims each figure rests on. Alpha uses every claim with at least two "
    "grades and ignores ungraded claims. Dismissed claims and editors' final verdicts are "
    "left out: only independent grades are compared."
)
OFF_SCALE_POLICY = (
    "Verdicts off the ordinal scale (not-checkable) count as a category of their own in "
    "percent agreement, Cohen's kappa, nominal alpha and the confusion matrix; they have no "
    "place on the scale, so weighted kappa and ordinal alpha treat them as missing. In the "
    "disagreement list, one reviewer saying not-checkable while another grades the claim "
    "counts as the widest possible disagreement."
)
BOOTSTRAP_SAMPLES = 1000
BOOTSTRAP_SEED = 20260101


@dataclass(frozen=True)
class PairAgreement:
    """Two reviewers on the claims both graded."""

    first: str
    second: str
    n: int  # claims both graded
    agreed: int
    percent: float | None
    kappa: float | None
    n_ordinal: int  # of those, claims both placed on the ordinal scale
    kappa_linear: float | None
    kappa_quadratic: float | None


@dataclass(frozen=True)
class Disagreement:
    """A claim whose reviewers gave different verdicts."""

    claim_id: int
    article_id: int
    start: int
    label: str
    verdicts: dict[str, str]  # reviewer -> verdict
    spread: int  # ordinal distance between the furthest verdicts
    final: str  # the editor's verdict, "" while unsettled


@dataclass(frozen=True)
class ArticleAgreement:
    article_id: int
    title: str
    claims: int  # live claims
    double_graded: int  # with grades from two or more reviewers
    percent: float | None
    alpha: float | None
    disagreements: int
    settled: int  # disagreements with a final verdict


@dataclass(frozen=True)
class Confusion:
    first: str
    second: str
    categories: list[str]
    matrix: list[list[int]]


@dataclass(frozen=True)
class AgreementReport:
    article_ids: list[int]
    reviewers: list[str]
    units: int  # claims with two or more grades
    percent: float | None
    alpha_ordinal: float | None
    alpha_ordinal_ci: tuple[float, float] | None
    alpha_nominal: float | None
    pairs: list[PairAgreement]
    confusion: Confusion | None
    articles: list[ArticleAgreement]
    disagreements: list[Disagreement]
    missing_policy: str = MISSING_POLICY
    off_scale_policy: str = OFF_SCALE_POLICY
    bootstrap: dict[str, Any] = field(
        default_factory=lambda: {
            "samples": BOOTSTRAP_SAMPLES,
            "seed": BOOTSTRAP_SEED,
            "method": "claims resampled with replacement; 95% percentile interval",
        }
    )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# claim id -> reviewer -> verdict
Ratings = dict[int, dict[str, str]]


def _ratings(grades: list[Grade]) -> Ratings:
    out: Ratings = {}
    for g in grades:
        # A reviewer whose two grades a merge left in conflict has no one verdict on
        # that claim until they settle it: neither grade is counted.
        if not g.final and not g.conflict:
            out.setdefault(g.claim_id, {})[g.reviewer] = g.verdict
    return out


def unsettled_disagreement(grades: list[Grade]) -> bool:
    """Whether one claim's ``grades`` are a disagreement no final verdict settles yet:
    the claims ``agreement_report`` lists as disagreements, less the settled ones."""
    if any(g.final for g in grades):
        return False
    return any(len(set(r.values())) > 1 for r in _ratings(grades).values())


def _pairs(ratings: Ratings, a: str, b: str) -> list[tuple[str, str]]:
    return [(r[a], r[b]) for r in ratings.values() if a in r and b in r]


def _ordinal_units(ratings: Ratings, scale: Scale) -> list[list[int]]:
    ordinal = {lv.key: lv.ordinal for lv in scale.levels if lv.ordinal is not None}
    return [[ordinal[v] for v in r.values() if v in ordinal] for r in ratings.values()]


def _spread(verdicts: dict[str, str], scale: Scale) -> int:
    ordinal = {lv.key: lv.ordinal for lv in scale.levels if lv.ordinal is not None}
    on = [ordinal[v] for v in verdicts.values() if v in ordinal]
    if len(on) < len(verdicts):  # someone called it not checkable
        return scale.best - scale.worst
    return max(on) - min(on)


def _pair_stats(ratings: Ratings, a: str, b: str, scale: Scale) -> PairAgreement:
    pairs = _pairs(ratings, a, b)
    on_scale = [lv.key for lv in sorted(_on(scale), key=lambda lv: lv.ordinal or 0)]
    ordinal_pairs = [(x, y) for x, y in pairs if x in on_scale and y in on_scale]
    return PairAgreement(
        first=a,
        second=b,
        n=len(pairs),
        agreed=sum(1 for x, y in pairs if x == y),
        percent=percent_agreement(pairs),
        kappa=cohen_kappa(pairs, list(scale.keys)),
        n_ordinal=len(ordinal_pairs),
        kappa_linear=cohen_kappa(ordinal_pairs, on_scale, "linear"),
        kappa_quadratic=cohen_kappa(ordinal_pairs, on_scale, "quadratic"),
    )


def _on(scale: Scale) -> list[Any]:
    return [lv for lv in scale.levels if lv.ordinal is not None]


def _pooled_percent(ratings: Ratings) -> float | None:
    agreed = total = 0
    for r in ratings.values():
        for x, y in combinations(list(r.values()), 2):
            total += 1
            agreed += x == y
    return agreed / total if total else None


def figure(value: float | None) -> str:
    """A coefficient as both faces print it: three decimals, a dash when undefined."""
    return "—" if value is None else f"{value:.3f}"


def percent(value: float | None) -> str:
    """A share as both faces print it: one decimal, a dash when undefined."""
    return "—" if value is None else f"{100 * value:.1f}%"


def interval(report: AgreementReport) -> str:
    """The bootstrap interval of ordinal alpha, or why there is none."""
    ci = report.alpha_ordinal_ci
    if ci is None:
        return "no interval: too few claims"
    return f"95% CI {figure(ci[0])} to {figure(ci[1])}"


def headline(report: AgreementReport) -> list[str]:
    """The report's figures, one per line: what ``annotator agreement`` prints and the
    agreement screen shows, from the one report (same samples, same seed)."""
    settled = sum(1 for d in report.disagreements if d.final)
    return [
        f"{counted(len(report.reviewers), 'reviewer')}"
        f" ({', '.join(report.reviewers) or 'none'}), "
        f"{counted(report.units, 'claim')} graded by two or more, "
        f"{counted(len(report.disagreements), 'disagreement')} ({settled} settled)",
        f"Percent agreement: {percent(report.percent)}",
        f"Krippendorff's alpha (ordinal): {figure(report.alpha_ordinal)}  ({interval(report)})",
        f"Krippendorff's alpha (nominal): {figure(report.alpha_nominal)}",
    ]


PAIR_COLUMNS = (
    "first", "second", "n", "agree", "kappa", "n ordinal", "kappa linear", "kappa quadratic",
)  # fmt: skip


def pair_cells(p: PairAgreement) -> list[str]:
    """One pair of reviewers as both faces show it, in the order of ``PAIR_COLUMNS``."""
    return [
        p.first,
        p.second,
        str(p.n),
        percent(p.percent),
        figure(p.kappa),
        str(p.n_ordinal),
        figure(p.kappa_linear),
        figure(p.kappa_quadratic),
    ]


def agreement_report(
    store: Store,
    article_ids: list[int] | None = None,
    *,
    pair: tuple[str, str] | None = None,
    samples: int = BOOTSTRAP_SAMPLES,
    seed: int = BOOTSTRAP_SEED,
    viewer: Viewer | None = None,
) -> AgreementReport:
    """Agreement over the given articles (every article when None).

    ``pair`` picks the two reviewers of the confusion matrix; by default the pair that
    shares the most claims. ``viewer``: who reads it; under blind review the figures
    rest on the grades that person may see (the claims they graded), so none tells
    them another reviewer's verdict of a claim they have not graded.
    """
    scale = store.scales.verdict
    articles = (
        [store.get_article(a) for a in article_ids]
        if article_ids is not None
        else store.list_articles()
    )
    ratings: Ratings = {}
    per_article: list[ArticleAgreement] = []
    disagreements: list[Disagreement] = []
    for article in articles:
        claims = {c.id: c for c in store.claims(article.id) if c.status != ClaimStatus.DISMISSED}
        grades = [
            g for g in store.grades_for_article(article.id, viewer=viewer) if g.claim_id in claims
        ]
        finals = {g.claim_id: g.verdict for g in grades if g.final}
        local = {cid: r for cid, r in _ratings(grades).items() if len(r) >= 2}
        ratings.update(local)
        found = [
            Disagreement(
                claim_id=cid,
                article_id=article.id,
                start=claims[cid].start,
                label=claims[cid].label,
                verdicts=dict(sorted(r.items())),
                spread=_spread(r, scale),
                final=finals.get(cid, ""),
            )
            for cid, r in local.items()
            if len(set(r.values())) > 1
        ]
        disagreements.extend(found)
        per_article.append(
            ArticleAgreement(
                article_id=article.id,
                title=article.title,
                claims=len(claims),
                double_graded=len(local),
                percent=_pooled_percent(local),
                alpha=krippendorff_alpha(_ordinal_units(local, scale), "ordinal"),
                disagreements=len(found),
                settled=sum(1 for d in found if d.final),
            )
        )
    # Worst first: widest spread, then the most distinct verdicts, unsettled before settled.
    disagreements.sort(
        key=lambda d: (
            -d.spread,
            -len(set(d.verdicts.values())),
            bool(d.final),
            d.article_id,
            d.start,
        )
    )
    reviewers = sorted({rev for r in ratings.values() for rev in r})
    pairs = [_pair_stats(ratings, a, b, scale) for a, b in combinations(reviewers, 2)]
    units = _ordinal_units(ratings, scale)
    return AgreementReport(
        article_ids=[a.id for a in articles],
        reviewers=reviewers,
        units=len(ratings),
        percent=_pooled_percent(ratings),
        alpha_ordinal=krippendorff_alpha(units, "ordinal"),
        alpha_ordinal_ci=bootstrap_alpha(units, "ordinal", samples=samples, seed=seed),
        alpha_nominal=krippendorff_alpha(list(map(list, map(dict.values, ratings.values())))),
        pairs=pairs,
        confusion=_confusion(ratings, pairs, pair, scale),
        articles=per_article,
        disagreements=disagreements,
    )


def _confusion(
    ratings: Ratings, pairs: list[PairAgreement], pair: tuple[str, str] | None, scale: Scale
) -> Confusion | None:
    if pair is None:
        if not pairs:
            return None
        best = max(pairs, key=lambda p: p.n)
        pair = (best.first, best.second)
    a, b = pair
    known = {rev for r in ratings.values() for rev in r}
    for name in (a, b):
        if name not in known:
            raise InputError(
                f"reviewer {name!r} has no grade on a claim graded twice: "
                f"use one of {', '.join(sorted(known)) or '(none yet)'}"
            )
    return Confusion(
        first=a,
        second=b,
        categories=list(scale.keys),
        matrix=confusion_matrix(_pairs(ratings, a, b), list(scale.keys)),
    )
