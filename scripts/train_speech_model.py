"""Rebuild annotator/text/speech_model.json from tests/data/checkworthy_sotu/.

Run: ``PYTHONPATH=. python scripts/train_speech_model.py [--check]``. Needs scikit-learn
(offline only: the package reads the JSON with plain Python). The model is an
L2-regularised logistic regression over the features of ``speech_model.features``
(words, not word pairs: pairs ranked the CLEF debates a little better but cost the
proposer 3 times the time), each kept when at least two training sentences have it.

It learns the fact-checker's picks (``picks.tsv``: the claims a fact-checker would
choose to check) against every other sentence of ``sentences.tsv``, the check-worthy
ones not picked included: trained on the plain check-worthy label it ranked the CLEF-2019
training debates below the rules alone. C = 1.0 had the best average precision in a
5-fold cross-validation on these sentences alone; the classes are weighed equally
(``class_weight="balanced"``: 225 picks in 2,280), chosen on the 15 tuning debates of
benchmarks/clef_checkworthy.py and confirmed on the 4 held out.
Weights are rounded to 5 decimals. ``--check`` rebuilds in memory and exits non-zero if
the shipped file differs from it beyond that rounding.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.text.checkworthiness import read_words  # noqa: E402
from annotator.text.speech_model import features  # noqa: E402

DATA = ROOT / "tests" / "data" / "checkworthy_sotu" / "sentences.tsv"
PICKS = DATA.with_name("picks.tsv")
MODEL = ROOT / "annotator" / "text" / "speech_model.json"
C = 1.0
MIN_SENTENCES = 2
DECIMALS = 5


def train() -> dict[str, object]:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    picked = read_picks()
    labels, feats, worthy = [], [], 0
    for number, line in enumerate(DATA.read_text(encoding="utf-8").splitlines(), 1):
        label, _speech, text = line.split("\t")
        worthy += label == "y"
        labels.append(1 if number in picked else 0)
        feats.append(Counter(features(read_words(text)[0])))
    counts = Counter(f for fs in feats for f in fs)
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_SENTENCES))}
    indices: list[int] = []
    values: list[float] = []
    pointers = [0]
    for fs in feats:
        kept = sorted((vocab[f], n) for f, n in fs.items() if f in vocab)
        indices.extend(i for i, _ in kept)
        values.extend(n for _, n in kept)
        pointers.append(len(indices))
    x = csr_matrix((values, indices, pointers), shape=(len(feats), len(vocab)))
    model = LogisticRegression(C=C, max_iter=10_000, tol=1e-8, class_weight="balanced")
    model.fit(x, labels)
    weights = {f: round(float(model.coef_[0][i]), DECIMALS) for f, i in vocab.items()}
    return {
        "about": "claims a fact-checker would pick in political speech: logistic "
        "regression on tests/data/checkworthy_sotu (scripts/train_speech_model.py)",
        "sentences": len(labels),
        "check_worthy": worthy,
        "picked": sum(labels),
        "bias": round(float(model.intercept_[0]), DECIMALS),
        "weights": {f: w for f, w in weights.items() if w != 0.0},
    }


def read_picks() -> set[int]:
    """The line numbers (in sentences.tsv) of the sentences a fact-checker would pick;
    each line of picks.tsv must repeat its sentence, so the two files cannot drift."""
    sentences = DATA.read_text(encoding="utf-8").splitlines()
    picked: set[int] = set()
    for line in PICKS.read_text(encoding="utf-8").splitlines():
        number, text = line.split("\t")
        label, _speech, sentence = sentences[int(number) - 1].split("\t")
        if sentence != text or label != "y":
            raise SystemExit(f"Error: picks.tsv line {number} is not a check-worthy sentence "
                             "of sentences.tsv: fix the line number or the text.")  # fmt: skip
        picked.add(int(number))
    return picked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped file")
    args = parser.parse_args()
    built = train()
    if args.check:
        shipped = json.loads(MODEL.read_text(encoding="utf-8"))
        tolerance = 2 * 10**-DECIMALS
        same = shipped["weights"].keys() == built["weights"].keys() and all(  # type: ignore[attr-defined]
            abs(shipped["weights"][f] - w) <= tolerance
            for f, w in built["weights"].items()  # type: ignore[attr-defined]
        )
        same = same and abs(shipped["bias"] - built["bias"]) <= tolerance  # type: ignore[operator]
        print("speech_model.json matches its data" if same else "Error: speech_model.json "
              "differs from a rebuild: run scripts/train_speech_model.py")  # fmt: skip
        sys.exit(0 if same else 1)
    MODEL.write_text(json.dumps(built, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {MODEL.relative_to(ROOT)}: {len(built['weights'])} weights")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
