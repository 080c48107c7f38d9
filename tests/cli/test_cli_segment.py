"""`annotator segment`: JSON lines with the sentence of each claim, --all and --threshold."""

from __future__ import annotations

import gc
import json

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.text import proposer

TEXT = (
    "# Title\n\nBrain imaging shows MDMA increases prefrontal cortex activation and "
    "decreases overactivity in the amygdala. Defenses soften.\n\nPhoto credit: Someone\n"
)


def segment(*args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["segment", *args, "-"], input=TEXT)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_claims_carry_their_sentence() -> None:
    rows = segment()
    assert [r["text"] for r in rows] == [
        "Brain imaging shows MDMA increases prefrontal cortex activation",
        "decreases overactivity in the amygdala.",
    ]
    sentence = TEXT.index("Brain"), TEXT.index(" Defenses")
    for row in rows:
        assert (row["sentence_start"], row["sentence_end"]) == sentence
        assert TEXT[row["start"] : row["end"]] == row["text"]  # type: ignore[misc]
    assert rows[1]["label"] == "MDMA decreases overactivity in the amygdala"


def test_all_shows_low_scores_and_threshold_cuts() -> None:
    every = segment("--all")
    assert "Defenses soften." in [r["text"] for r in every]
    assert not any("Photo credit" in str(r["text"]) or r["text"] == "# Title" for r in every)
    assert segment("--threshold", "1") == []


def test_sentences_prints_every_unit_as_a_span() -> None:
    rows = segment("--sentences")
    assert [(r["kind"], r["text"]) for r in rows] == [
        ("heading", "# Title"),
        ("sentence", TEXT[TEXT.index("Brain") : TEXT.index(" Defenses")]),
        ("sentence", "Defenses soften."),
        ("boilerplate", "Photo credit: Someone"),
    ]
    for row in rows:
        assert TEXT[row["start"] : row["end"]] == row["text"]  # type: ignore[misc]


def test_sentences_with_claim_options_is_an_error() -> None:
    result = CliRunner().invoke(cli, ["segment", "--sentences", "--all", "-"], input=TEXT)
    assert result.exit_code != 0
    assert result.output.startswith("Error: --sentences") and "Traceback" not in result.output


def test_the_cycle_collector_is_back_as_it_was_after_segment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # segment pauses the collector while it proposes; a process that goes on (the
    # tests, a shell of commands) gets it back, also after an error or with it off.
    assert gc.isenabled()
    segment()
    segment("--sentences")
    assert gc.isenabled()

    def broken(*args: object, **kwargs: object) -> None:
        assert not gc.isenabled()
        raise RuntimeError("proposer failed")

    with monkeypatch.context() as patch:
        patch.setattr(proposer, "propose_claims", broken)
        result = CliRunner().invoke(cli, ["segment", "-"], input=TEXT)
    assert isinstance(result.exception, RuntimeError)
    assert gc.isenabled()
    gc.disable()
    try:
        segment()
        assert not gc.isenabled()
    finally:
        gc.enable()
