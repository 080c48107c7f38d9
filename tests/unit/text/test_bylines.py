"""Bylines and datelines as news sites write them are never proposed as claims: found
walking a corrected news story ('*By Dana Okafor · March 3, 2026*' was claim 2 of 10)."""

from __future__ import annotations

import pytest

from annotator.text.proposer import propose_claims
from annotator.text.sentences import BOILERPLATE, META, SENTENCE, units

STORY = "# Water bills rise\n\n{line}\n\nThe council voted 7-2 on Tuesday to spend $240 million.\n"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("*By Dana Okafor · March 3, 2026*", META),  # Markdown emphasis around a byline
        ("_By Dana Okafor, March 3, 2026_", META),
        ("**Updated March 3, 2026**", META),
        ("*Published March 3, 2026 · 4 min read*", META),
        ("By Dana Okafor | Updated March 3, 2026 at 5:04 p.m. EST", META),
        ("*Photo credit: Harbor City Press / J. Moreno, 2026*", BOILERPLATE),
    ],
)
def test_a_byline_or_credit_is_no_claim(line: str, kind: str) -> None:
    text = STORY.format(line=line)
    found = [(text[u.start : u.end], u.kind) for u in units(text)]
    assert (line, kind) in found
    assert all(line not in c.text and c.text not in line for c in propose_claims(text))


@pytest.mark.parametrize(
    "line",
    [
        "By Tuesday, the council met at 5 p.m. and voted 7-2 to spend $240 million.",
        "*Rents rose 40% in 2025, the council said.*",  # a sentence in italics stays one
    ],
)
def test_a_sentence_that_opens_like_a_byline_stays_a_sentence(line: str) -> None:
    text = STORY.format(line=line)
    kinds = {text[u.start : u.end]: u.kind for u in units(text)}
    assert kinds.get(line) == SENTENCE or any(
        k == SENTENCE and line.strip("*") in t for t, k in kinds.items()
    )
