"""`annotator segment`: JSON lines with the sentence of each claim, --all and --threshold."""

from __future__ import annotations

import gc
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.cli.common import echo_utf8_lines
from annotator.text import proposer
from tests.conftest import SEED_ARTICLE
from tests.eval_texts import tuned_eval_paths

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
    assert not any(
        "Photo credit" in str(r["text"]) or r["text"] in ("# Title", "Title") for r in every
    )
    assert segment("--threshold", "1") == []


def test_sentences_prints_every_unit_as_a_span() -> None:
    rows = segment("--sentences")
    assert [(r["kind"], r["text"]) for r in rows] == [
        ("heading", "Title"),
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
        patch.setattr(proposer, "claim_rows", broken)
        result = CliRunner().invoke(cli, ["segment", "-"], input=TEXT)
    assert isinstance(result.exception, RuntimeError)
    assert gc.isenabled()
    gc.disable()
    try:
        segment()
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("options", [[], ["--all"], ["--sentences"]])
def test_two_processes_print_what_one_prints(tmp_path: Path, options: list[str]) -> None:
    # Real articles one after another (cut into chunks at their paragraph breaks), and
    # the seed article (one paragraph a line: read whole).
    texts = ["\n\n".join(f.read_text("utf-8") for f in tuned_eval_paths())]
    if SEED_ARTICLE.exists():
        texts.append(SEED_ARTICLE.read_text("utf-8"))
    for text in texts:
        path = tmp_path / "article.txt"
        path.write_text(text, encoding="utf-8")
        outputs = []
        for jobs in ("1", "2"):
            result = CliRunner().invoke(cli, ["segment", *options, "--jobs", jobs, str(path)])
            assert result.exit_code == 0, result.output
            outputs.append(result.stdout_bytes)
        assert outputs[0].count(b"\n") > 20 and outputs[1] == outputs[0]


def test_bad_input_on_several_processes_is_one_error_line(tmp_path: Path) -> None:
    for args in (["--jobs", "2", str(tmp_path / "missing.txt")], ["--jobs", "0", "-"]):
        result = CliRunner().invoke(cli, ["segment", *args], input="")
        assert result.exit_code != 0 and "Traceback" not in result.output
        assert [line for line in result.output.splitlines() if line.startswith("Error:")]
    result = CliRunner().invoke(cli, ["segment", "--jobs", "2", "-"], input="\x00\x01" * 100)
    assert result.exit_code == 1 and result.output.startswith("Error: standard input")


def test_lines_made_in_utf8_go_out_in_the_stream_encoding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    line = '{"text": "Café prices rose 5%"}'.encode()
    for encoding in ("utf-8", "UTF8", "latin-1", "utf-16"):
        stream = io.TextIOWrapper(io.BytesIO(), encoding=encoding)
        monkeypatch.setattr("sys.stdout", stream)
        stream.write("before ")  # text written first stays first
        echo_utf8_lines(line)
        echo_utf8_lines(b"")  # no lines: nothing, not an empty line
        stream.flush()
        written = stream.buffer.getvalue()  # type: ignore[attr-defined]
        assert written.decode(encoding) == 'before {"text": "Café prices rose 5%"}\n'
