"""The learned model of political speech and how it weighs the rules' score."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.text import checkworthiness, proposer, speech_model
from annotator.text.checkworthiness import (
    LEARNED_PIVOT,
    read_words,
    rule_floor,
    rule_score,
    score_sentence,
    weigh_learned,
)
from annotator.text.proposer import DEFAULT_THRESHOLD, propose_claims
from annotator.text.speech_model import claim_probability, features
from tests.eval_texts import tuned_eval_paths

ROOT = Path(__file__).resolve().parents[3]
MODEL = ROOT / "annotator" / "text" / "speech_model.json"
DATA = ROOT / "tests" / "data" / "checkworthy_sotu" / "sentences.tsv"
PICKS = DATA.with_name("picks.tsv")


def probability(sentence: str) -> float:
    return claim_probability(read_words(sentence)[0])


def test_the_shipped_model_is_small_and_says_what_it_was_trained_on() -> None:
    assert MODEL.stat().st_size <= 5 * 1024 * 1024  # the bound for the package
    shipped = json.loads(MODEL.read_text(encoding="utf-8"))
    rows = [line.split("\t") for line in DATA.read_text(encoding="utf-8").splitlines()]
    assert all(len(row) == 3 and row[0] in ("y", "n") for row in rows)
    assert shipped["sentences"] == len(rows)
    assert shipped["check_worthy"] == sum(row[0] == "y" for row in rows)
    assert shipped["picked"] == len(PICKS.read_text(encoding="utf-8").splitlines())


def test_every_pick_is_a_check_worthy_sentence_of_the_sample_named_by_its_line() -> None:
    # A pick (a claim a fact-checker would choose) is a stricter label than check-worthy:
    # picks.tsv names each by its line in sentences.tsv and repeats it, so the files
    # cannot drift apart.
    rows = [line.split("\t") for line in DATA.read_text(encoding="utf-8").splitlines()]
    numbers = []
    for line in PICKS.read_text(encoding="utf-8").splitlines():
        number, text = line.split("\t")
        label, _speech, sentence = rows[int(number) - 1]
        assert (label, sentence) == ("y", text)
        numbers.append(int(number))
    assert numbers == sorted(set(numbers))
    assert 0 < len(numbers) < sum(row[0] == "y" for row in rows)


def test_a_figure_a_checker_would_test_rates_above_settled_history() -> None:
    # Both are check-worthy by the claims guideline; a fact-checker picks the first.
    picked = "The deficit has tripled since 2019, the highest rate in a generation."
    settled = "I signed the bill into law and thanked the Members who voted for it."
    assert probability(picked) > 0.5 > probability(settled)


def training_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "train_speech_model", ROOT / "scripts" / "train_speech_model.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script


def test_the_rebuild_refuses_a_pick_that_is_not_its_line(tmp_path: Path) -> None:
    script = training_script()
    assert len(script.read_picks()) == len(PICKS.read_text(encoding="utf-8").splitlines())
    first = PICKS.read_text(encoding="utf-8").splitlines()[0]
    number, text = first.split("\t")
    script.PICKS = tmp_path / "picks.tsv"
    script.PICKS.write_text(f"{int(number) + 1}\t{text}\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="^Error: picks.tsv line"):
        script.read_picks()


def test_the_shipped_model_is_what_its_data_rebuilds() -> None:
    pytest.importorskip("sklearn")  # the rebuild's own dependency, offline only
    built = training_script().train()
    shipped = json.loads(MODEL.read_text(encoding="utf-8"))
    assert built["weights"].keys() == shipped["weights"].keys()
    tolerance = 2e-5  # the weights are stored to 5 decimals
    assert abs(built["bias"] - shipped["bias"]) <= tolerance
    assert all(abs(w - shipped["weights"][f]) <= tolerance for f, w in built["weights"].items())


def test_a_record_rates_above_a_promise_or_a_call() -> None:
    records = (
        "Unemployment fell to 4 percent last year, the lowest rate since 1969.",
        "Since 2009, exports have grown by 50 percent.",
        "Two years ago, the deficit was $1.4 trillion.",
    )
    calls = (
        "We must work together to build a better future for our children.",
        "Tonight I ask you to join me.",
        "Let's get it done.",
    )
    assert min(map(probability, records)) > 0.5 > max(map(probability, calls))


def test_digits_are_read_as_zero_and_each_word_counts_once() -> None:
    assert sorted(features(["jobs", "1994", "2016"])) == ["0", "0", "jobs"]
    assert sorted(features(["in", "jobs", "in"])) == ["in", "jobs"]
    assert probability("Prices rose in 1994.") == probability("Prices rose in 2016.")
    assert probability("Prices rose in 1994, in fact.") == probability("Prices rose in 1994, fact.")


@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_the_learned_part_moves_no_score_across_the_pivot(score: float, p: float, q: float) -> None:
    weighed = weigh_learned(score, (), p)[0]
    assert 0.0 <= weighed <= 1.0
    assert (weighed >= LEARNED_PIVOT) == (score >= LEARNED_PIVOT)
    low, high = sorted((p, q))
    assert weigh_learned(score, (), low)[0] <= weigh_learned(score, (), high)[0]


@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_a_rules_score_under_the_rules_floor_never_reaches_the_floor(
    score: float, p: float, floor: float
) -> None:
    if score < rule_floor(floor):
        assert weigh_learned(score, (), p)[0] < floor


def test_the_pivot_is_the_proposers_default_threshold() -> None:
    assert LEARNED_PIVOT == DEFAULT_THRESHOLD


def test_the_tag_says_when_the_model_rates_a_claim() -> None:
    record = "Unemployment fell to 4 percent last year, the lowest rate since 1969."
    call = "We must work together to build a better future for our children."
    assert "learned" in score_sentence(record)[1]
    assert "learned" not in score_sentence(call)[1]
    # Boilerplate stays at 0, untagged.
    assert weigh_learned(0.0, ("boilerplate",), 0.9) == (0.0, ("boilerplate",))


def test_the_score_orders_sentences_the_rules_tie() -> None:
    # The rules score these alike; the model reads "has" as a state of things and
    # "wants" as a wish, and the score follows it.
    has = "The country has more doctors than nurses."
    wants = "The country wants more doctors than nurses."
    assert rule_score(has)[0] == rule_score(wants)[0]
    assert probability(has) > probability(wants)
    assert score_sentence(has)[0] > score_sentence(wants)[0]


@pytest.mark.parametrize("constant", [0.0, 1.0])
def test_proposals_at_the_default_threshold_are_the_rules(
    monkeypatch: pytest.MonkeyPatch, constant: float
) -> None:
    # The learned part reorders; it never decides a proposal at the default threshold:
    # whatever the model says, the same spans are proposed.
    texts = [path.read_text(encoding="utf-8") for path in tuned_eval_paths()[:12]]
    real = [[(c.start, c.end) for c in propose_claims(text)] for text in texts]
    monkeypatch.setattr(proposer, "claim_probability", lambda words: constant)
    fixed = [[(c.start, c.end) for c in propose_claims(text)] for text in texts]
    assert fixed == real


def test_the_ceiling_bounds_the_learned_score() -> None:
    for path in tuned_eval_paths()[:6]:
        for claim in propose_claims(path.read_text(encoding="utf-8"), include_all=True):
            if "headline" in claim.reasons or "fact-line" in claim.reasons:
                continue  # the proposer's own additions come on top of the ceiling
            seen = read_words(claim.text)
            assert score_sentence(claim.text)[0] <= checkworthiness.score_ceiling(claim.text, seen)


def test_the_model_is_read_once_and_remembered() -> None:
    assert speech_model._model() is speech_model._model()
