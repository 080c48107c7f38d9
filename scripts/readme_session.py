"""The README's example sessions, run for real (by cog) so they cannot drift.

Each block is a list of command lines; ``{name}`` in a line is filled from what an
earlier step found (a claim id by the words of its text, a citation id from the line
that announced it), so the examples follow the proposer and the library as they change.
Both blocks share one database, in order, as a user's session would.
"""

from __future__ import annotations

import atexit
import os
import re
import shlex
import shutil
import sqlite3
import tempfile
from pathlib import Path

from click.testing import CliRunner

from annotator.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "data/mdma-assisted-therapy.md"
LIBRARY = "tests/data/library.bib"

# (command line, names to read from its output: name -> regex with one group)
Step = tuple[str, dict[str, str]]

BLOCKS: list[list[Step]] = [
    [
        (f"import {SAMPLE}", {}),
        ("claims 1", {}),
        ("cite add --doi https://doi.org/10.1038/S41591-021-01336-3", {"doi": r"citation (\d+)"}),
        ("cite add --doi 10.1038/s41591-021-01336-3", {}),
        (
            'link {fifty_six} {doi} --stance mixed --quote "symptom scores" --locator "Table 2"',
            {},
        ),
        (
            "grade {fifty_six} --verdict mostly-supported --certainty moderate --reason overstated",
            {},
        ),
        ("export 1 --format csv -o claims.csv", {}),
        ("stats", {}),
    ],
    [
        (f"cite add --bibtex {LIBRARY}", {}),
        (
            'cite add --text "Mitchel J, Bogenschutz M. MDMA assisted therapy for severe PTSD:'
            " a randomised double-blind placebo-controlled phase 3 study. Nat Med."
            ' 2021;27:1025-33."',
            {"typed": r"citation (\d+)"},
        ),
        ("cite dupes", {"kept": r"^(\d+) ~ {typed}\b"}),
        ("cite merge {kept} {typed}", {}),
        ('cite search "psychedelcs neuroplastisity"', {}),
        ("cite quotes {two_in_three} {kept} --limit 1", {}),
        (
            "link {two_in_three} {kept} --stance supports"
            ' --quote "67% of the MDMA group no longer met the criteria"',
            {},
        ),
        ("cite export --format csl-json --article 1 -o sources.json", {}),
    ],
]

# Claims named by words of their text, looked up once the sample is imported.
CLAIMS = {"fifty_six": "56%", "two_in_three": "two in three"}


class Session:
    """One database and working folder for every block, like one user's afternoon."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="annotator-readme-"))
        atexit.register(shutil.rmtree, self.folder, ignore_errors=True)
        for name in (SAMPLE, LIBRARY):
            (self.folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / name, self.folder / name)
        self.db = self.folder / "annotator.db"
        self.names: dict[str, str] = {}

    def _claim_ids(self) -> None:
        with sqlite3.connect(self.db) as conn:
            for name, words in CLAIMS.items():
                row = conn.execute(
                    "SELECT id FROM claims WHERE instr(text, ?) ORDER BY id LIMIT 1", [words]
                ).fetchone()
                if row:
                    self.names[name] = str(row[0])

    def run(self, block: int) -> str:
        out = ["```console"]
        env = {"ANNOTATOR_DB": str(self.db), "ANNOTATOR_REVIEWER": "ana",
               "ANNOTATOR_CONFIG": str(self.folder / "config.toml")}  # fmt: skip
        here = Path.cwd()
        os.chdir(self.folder)
        try:
            for line, reads in BLOCKS[block]:
                line = line.format(**self.names)
                result = CliRunner().invoke(cli, shlex.split(line), env=env)
                if result.exit_code != 0:
                    raise SystemExit(f"README example failed: annotator {line}\n{result.output}")
                out.append(f"$ annotator {line}")
                # Trailing blanks (the stats bars' padding) are invisible on a terminal.
                out.extend(row.rstrip() for row in result.output.rstrip("\n").splitlines())
                for name, pattern in reads.items():
                    m = re.search(pattern.format(**self.names), result.output, re.MULTILINE)
                    if m is None:
                        raise SystemExit(f"README example: no {name} in: annotator {line}")
                    self.names[name] = m.group(1)
                if line.startswith("import"):
                    self._claim_ids()
        finally:
            os.chdir(here)
        out.append("```")
        return "\n".join(out) + "\n"


_session: Session | None = None


def session(block: int) -> str:
    """Block ``block`` (0, 1, ...) of the README's example session, as a console log."""
    global _session
    if _session is None or block == 0:
        _session = Session()
    return _session.run(block)
