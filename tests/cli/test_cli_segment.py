"""`annotator segment`: JSON lines with the sentence of each claim, --all and --threshold."""

from __future__ import annotations

import json

from click.testing import CliRunner

from annotator.cli import cli

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
