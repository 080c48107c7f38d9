"""A small learned model of check-worthy political speech, and its features.

A logistic regression over a sentence's words (digits read as "0": "20,000 square
miles" has the words "0", "0", "square", "miles"), trained on the 2,280 State of the
Union sentences of tests/data/checkworthy_sotu/ (public-domain text: see the README
there) to tell the 225 a fact-checker would pick to check (a figure, a record, what an
opponent or a policy did) from the rest, the merely checkable included: the sense in
which a debate's lines are check-worthy in the CLEF CheckThat! task, where the model
trained on the plain checkable label ranked worse. ``scripts/train_speech_model.py`` rebuilds
``speech_model.json`` from them; plain Python runs it here. The words are
``checkworthiness.read_words``'s, so a sentence is read once for both, and a word's
weight is remembered, so a sentence costs a look-up per distinct word.

It weighs words the hand-made cues leave alone: "since", "last", "has", "than", "rate",
"half", "record" and a figure lean towards a record a checker would test; "i", "my",
"will", "must", "tonight" and "let's" towards the speaker's own plans, a promise or a
call.
"""

from __future__ import annotations

import json
import re
from functools import cache
from math import exp
from pathlib import Path

_DIGITS = re.compile(r"\d+")
_SCALE = 100_000  # weights are stored to 5 decimals and summed as integers: exactly
_MINUS_UNIT = -1.0 / _SCALE
_WEIGHTS: dict[str, int] = {}  # a word as read -> its weight (of its "0" form), scaled
_CACHE_LIMIT = 50_000


def feature(word: str) -> str:
    """The model's feature of one lower-cased word: every run of digits read as "0"."""
    return _DIGITS.sub("0", word)


def features(words: list[str]) -> list[str]:
    """The model's features of a sentence's lower-cased words: each distinct word, with
    every run of digits read as "0" (so "1994" and "2016" are "0" twice)."""
    return [feature(word) for word in set(words)]


@cache
def _model() -> tuple[int, dict[str, int]]:
    """The model's bias and weights, scaled; read on first use, not at start-up."""
    # Beside this module (a plain path: importlib.resources costs a start-up 7 ms).
    data = json.loads(Path(__file__).with_name("speech_model.json").read_text("utf-8"))
    return _scaled(data["bias"]), {str(k): _scaled(v) for k, v in data["weights"].items()}


def _scaled(weight: float) -> int:
    return round(float(weight) * _SCALE)


def claim_probability(words: list[str]) -> float:
    """The model's probability that a sentence with these words is check-worthy."""
    bias, table = _model()
    distinct = set(words)
    if not distinct:
        return 1.0 / (1.0 + exp(-bias / _SCALE))
    try:
        total = sum(map(_WEIGHTS.__getitem__, distinct))
    except KeyError:
        if len(_WEIGHTS) >= _CACHE_LIMIT:
            _WEIGHTS.clear()
        for word in distinct:
            if word not in _WEIGHTS:
                _WEIGHTS[word] = table.get(feature(word), 0)
        total = sum(map(_WEIGHTS.__getitem__, distinct))
    # Integers: the sum is the same whatever order the set gives its words in.
    return 1.0 / (1.0 + exp((bias + total) * _MINUS_UNIT))
