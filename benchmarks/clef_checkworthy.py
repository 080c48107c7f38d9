"""Check-worthiness ranking on the CLEF-2019 CheckThat! task 1 training debates.

Run: ``PYTHONPATH=. python benchmarks/clef_checkworthy.py [--data PATH]``. The
training debates (../shared/eval/checkworthy-clef2019-train.jsonl, "free for general
research use") are split by debate: every fourth debate in name order is held out
(never tuned on), the rest are the tuning split. For each split it prints MAP (the
CheckThat! measure: mean over debates of the average precision of the lines ranked by
score) and ROC-AUC (mean over debates, and pooled), for

- the proposer's ``score_sentence`` ("blend": the rules weighed by the learned model of
  political speech; of this data, only the blend's one weight, ``LEARNED_WEIGHT``, and
  the model's class weighting were chosen, on the tuning split),
- its two parts alone: the rules (``rule_score``) and the learned model
  (``speech_model.claim_probability``, trained on State of the Union sentences the
  project labelled by what a fact-checker would pick, tests/data/checkworthy_sotu/), and
- the baseline measured in the same run: a TF-IDF logistic regression trained on the
  tuning split (scikit-learn, a benchmark-only dependency; skipped if missing).

The split's four held-out debates make a small, noisy sample (their MAP is about twice
that of the others), so the last lines give the figure over all 19 debates: for the
blend and its parts, which learn nothing from this data (the weight aside), every
debate as it is; for the baseline, a 5-fold cross-validation by debate (each debate
scored by a model never trained on it).
Targets from the issue: MAP >= 0.19 and ROC-AUC >= 0.80. Asserts nothing.

``--test DIR`` scores the CLEF-2019 test debates instead: DIR holds the annotated TSV
files (``line_number<TAB>speaker<TAB>text<TAB>label``, one debate per file) as published
in telsayed/clef2019-factchecking-task1 ``data/test_annotated``, which the project does
not redistribute. It prints the blend, its two parts and the baseline trained on all 19
training debates, each over the test debates (mean per debate and pooled). The test
debates are held out: measure there, never tune there.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shared_data import shared_dir  # noqa: E402

from annotator.text.checkworthiness import read_words, rule_score, score_sentence  # noqa: E402
from annotator.text.speech_model import claim_probability  # noqa: E402

DATA = shared_dir() / "eval" / "checkworthy-clef2019-train.jsonl"

Line = dict[str, object]


def average_precision(scores: Sequence[float], labels: Sequence[int]) -> float:
    order = sorted(range(len(scores)), key=lambda i: -scores[i])  # stable: line order
    hits, total = 0, 0.0
    for rank, i in enumerate(order, 1):
        if labels[i]:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def roc_auc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """The probability that a positive line outranks a negative one (ties count half)."""
    ranked = sorted(zip(scores, labels, strict=True))
    pos = sum(labels)
    neg = len(labels) - pos
    if not pos or not neg:
        return float("nan")
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mid = (i + 1 + j) / 2  # the mean 1-based rank of the tied run
        rank_sum += mid * sum(label for _, label in ranked[i:j])
        i = j
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


def evaluate(debates: dict[str, list[Line]], score: Callable[[list[Line]], list[float]]) -> str:
    aps, aucs, pooled_s, pooled_l = [], [], [], []
    for lines in debates.values():
        s = score(lines)
        labels = [int(str(line["label"])) for line in lines]
        aps.append(average_precision(s, labels))
        auc = roc_auc(s, labels)
        if auc == auc:
            aucs.append(auc)
        pooled_s.extend(s)
        pooled_l.extend(labels)
    return (
        f"MAP {sum(aps) / len(aps):.3f}  ROC-AUC {sum(aucs) / len(aucs):.3f} "
        f"(pooled {roc_auc(pooled_s, pooled_l):.3f})"
    )


def read_test(directory: Path) -> dict[str, list[Line]]:
    """The annotated test debates in ``directory``: one TSV file per debate."""
    debates: dict[str, list[Line]] = {}
    for path in sorted(directory.glob("*.tsv")):
        lines: list[Line] = []
        for raw in path.read_text(encoding="utf-8").splitlines():
            if not raw.strip():
                continue
            number, _speaker, text, label = raw.split("\t")
            lines.append({"debate": path.stem, "line_number": int(number), "text": text,
                          "label": int(label)})  # fmt: skip
        debates[path.stem] = lines
    if not debates:
        raise SystemExit(f"Error: no .tsv debates in {directory}: give the folder of the "
                         "CLEF-2019 test_annotated files.")  # fmt: skip
    return debates


def blend(lines: list[Line]) -> list[float]:
    return [score_sentence(str(line["text"]))[0] for line in lines]


def rules(lines: list[Line]) -> list[float]:
    return [rule_score(str(line["text"]))[0] for line in lines]


def learned(lines: list[Line]) -> list[float]:
    return [claim_probability(read_words(str(line["text"]))[0]) for line in lines]


SCORERS = (("blend", blend), ("rules", rules), ("learned", learned))


def baseline_available() -> bool:
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("baseline skipped: scikit-learn is not installed (pip install scikit-learn)")
        return False
    return True


def fitted(train: list[Line]) -> Callable[[list[Line]], list[float]]:
    """The baseline: a TF-IDF logistic regression trained on ``train``."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    x = vec.fit_transform([str(line["text"]) for line in train])
    model = LogisticRegression(max_iter=2000, class_weight="balanced")
    model.fit(x, [int(str(line["label"])) for line in train])

    def predict(lines: list[Line]) -> list[float]:
        probs = model.predict_proba(vec.transform([str(line["text"]) for line in lines]))
        return [float(p) for p in probs[:, 1]]

    return predict


def test_debates(train: dict[str, list[Line]], test: dict[str, list[Line]]) -> None:
    size = sum(len(lines) for lines in test.values())
    positives = sum(int(str(line["label"])) for lines in test.values() for line in lines)
    print(f"test debates: {len(test)}, {size} lines, {positives} check-worthy")
    for name, scorer in SCORERS:
        print(f"{'test':9} {name:9} {evaluate(test, scorer)}")
    if baseline_available():
        trained = fitted([line for lines in train.values() for line in lines])
        print(f"{'test':9} tfidf-lr  {evaluate(test, trained)} (trained on all 19)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument(
        "--test", type=Path, metavar="DIR", help="score the CLEF-2019 test debates in DIR"
    )
    args = parser.parse_args()
    debates: dict[str, list[Line]] = defaultdict(list)
    with args.data.open(encoding="utf-8") as fh:
        for raw in fh:
            line = json.loads(raw)
            debates[line["debate"]].append(line)
    if args.test is not None:
        test_debates(debates, read_test(args.test))
        return
    names = sorted(debates)
    held = {n: debates[n] for i, n in enumerate(names) if i % 4 == 3}
    tune = {n: debates[n] for n in names if n not in held}
    print(f"debates: tuning {len(tune)}, held out {len(held)} ({', '.join(held)})")
    for name, split in (("tuning", tune), ("held-out", held), ("all 19", debates)):
        for scorer_name, scorer in SCORERS:
            print(f"{name:9} {scorer_name:9} {evaluate(split, scorer)}")
    if not baseline_available():
        return
    # The baseline never scores a debate it was trained on: on the held-out debates it
    # is trained on the tuning ones; on the tuning debates, by 4-fold cross-validation
    # over debates.
    trained = fitted([line for lines in tune.values() for line in lines])
    print(f"{'held-out':9} tfidf-lr  {evaluate(held, trained)}")
    folds: dict[str, Callable[[list[Line]], list[float]]] = {}
    tune_names = sorted(tune)
    for k in range(4):
        part = [n for i, n in enumerate(tune_names) if i % 4 == k]
        rest = [line for n in tune_names if n not in part for line in tune[n]]
        model_k = fitted(rest)
        folds.update({n: model_k for n in part})
    scores = {n: folds[n](lines) for n, lines in tune.items()}
    print(f"{'tuning':9} tfidf-lr  {evaluate(tune, lambda lines: scores[str(lines[0]['debate'])])}"
          " (4-fold by debate)")  # fmt: skip
    every: dict[str, list[float]] = {}
    for k in range(5):
        part = [n for i, n in enumerate(names) if i % 5 == k]
        model_k = fitted([line for n in names if n not in part for line in debates[n]])
        every.update({n: model_k(debates[n]) for n in part})
    crossed = evaluate(debates, lambda lines: every[str(lines[0]["debate"])])
    print(f"{'all 19':9} tfidf-lr  {crossed} (5-fold by debate)")


if __name__ == "__main__":
    main()
