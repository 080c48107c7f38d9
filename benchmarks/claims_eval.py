"""Claim proposal against the labelled articles in tests/data/claims_eval/.

Run: ``PYTHONPATH=. python benchmarks/claims_eval.py
[--split dev|dev-2|dev-3|dev-4|dev-5|tuned|held-out-3|held-out-4|held-out-7|held-out|all]
[--threshold 0.35] [--show]``. Prints, per article and in total:

- recall: the share of check-worthy units (GUIDELINE.md) with a proposed claim on them;
- key recall: the same for key claims;
- precision: the share of proposed claims that lie on a check-worthy unit;
- headline: whether the first unit, when labelled check-worthy, is proposed;
- dangling: the share of proposed claims whose label ends on a dangling word, or
  leaves a quotation or a bracket open, or ends on a mark that opens ("-", ",").

The baseline printed beside each figure is the same measure for "propose every
sentence" (recall 1.0 by construction, precision = the share of check-worthy units), so
a figure reads against the set's own difficulty. Splits (manifest.json): ``dev`` was
tuned on from the start; ``dev-2`` and ``dev-3`` were the first and second held-out
batches, each tuned on once the next batch was frozen; ``dev-4`` was held-out-5, read
once blind and tuned on since; ``dev-5`` was held-out-6, read twice (figures only) and
opened for tuning while held-out-7 was labelled; ``tuned`` is all five; ``held-out-3``,
``held-out-4`` and ``held-out-7`` (the last two labelled and frozen without the proposer
ever being run on them) are only measured, ``held-out`` is all of them: ``--show`` never
prints a held-out article's misses, so they cannot be read while tuning. Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.model import ProposedClaim  # noqa: E402
from annotator.text.proposer import DEFAULT_THRESHOLD, propose_claims  # noqa: E402

DATA = ROOT / "tests" / "data" / "claims_eval"
# Which manifest splits each --split reads (empty: every article).
SPLITS: dict[str, frozenset[str]] = {
    "dev": frozenset({"dev"}),
    "dev-2": frozenset({"dev-2"}),
    "dev-3": frozenset({"dev-3"}),
    "dev-4": frozenset({"dev-4"}),
    "dev-5": frozenset({"dev-5"}),
    "tuned": frozenset({"dev", "dev-2", "dev-3", "dev-4", "dev-5"}),
    "held-out-3": frozenset({"held-out-3"}),
    "held-out-4": frozenset({"held-out-4"}),
    "held-out-7": frozenset({"held-out-7"}),
    "held-out": frozenset({"held-out-3", "held-out-4", "held-out-7"}),
    "all": frozenset(),
}
# The splits only ever measured: their misses are never printed, their text never read.
HELD_OUT = SPLITS["held-out"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A label may end on none of these: a card label that stops on them leaves its phrase
# open ("... executive functions like").
FUNCTION_WORDS = _words(
    "a an the of to in on at for from by with and or but nor as than that which who whom "
    "whose is are was were be been being has have had do does did its their his her our "
    "my your this these those into about over under between via per vs not no so if when "
    "while because although though like such including especially whether also very more "
    "most less least can could will would may might must shall should"
)
# Verbs of saying and finding want what was said or found: a label that stops on one
# while its claim goes on ("A trial of 4,000 adults found" | "that ...") is open.
SAYING = _words(
    "said says say found finds showed shows show reported reports suggested suggests thinks "
    "indicated indicates concluded concludes revealed reveals announced announces noted "
    "argued argues think thought believe believes believed ask asks asked tell tells told "
    "wondered"
)
# Function words that may end a phrase when a new one starts after them ("as it usually
# did" | "when ...", "they had to move more" | "during ...").
VERB_ENDS = _words("is are was were be been being has have had do does did more most less least")
# Words that may follow the end of a whole phrase: a cut just before one leaves the
# phrase whole ("The rate fell to 6.3%" | "in January"). Determiners and auxiliaries are
# not among them: a cut before "the" parts a verb from its object, one before "will" a
# subject from its verb.
BOUNDARY_AFTER = _words(
    "of to in on at for from by with and or but nor as than that which who whom whose "
    "into about over under between via per vs so if when while because although though "
    "like such including especially whether after before since during until within "
    "without across against among around through toward towards upon amid despite then "
    "where how why what unless whereas"
)
# Words in "-ly" that are no adverbs: a cut before one is a cut inside a noun phrase
# ("citizens like you and your" | "family").
LY_NOUNS = _words(
    "family supply reply apply rely italy july assembly anomaly monopoly butterfly rally "
    "ally bully belly jelly lily"
)
# Auxiliaries, and adverbs that may stand between one and its participle: "has ever" |
# "recorded" is open though a participle after a noun opens an optional modifier.
AUXILIARY = _words("is are was were be been being has have had")
AUX_ADVERB = _words("ever never not already just also still even long recently")
# Pronouns that are only ever subjects: a label that stops on one while its claim goes on
# parts a subject from its verb ("crystal clear that he" | "or she will vote").
SUBJECTS = _words("i he she we they")
# Of those, the ones that want an infinitive when "to" follows: "we have" | "to act",
# "the aim is" | "to cut" ("what we needed to do" | "to make sure" is whole).
NEEDS_TO = _words("is are was were be been has have had")
WORD = re.compile(r"[\w’'%$.-]+")


@dataclass
class Unit:
    code: str
    text: str
    start: int = -1
    end: int = -1

    @property
    def worthy(self) -> bool:
        return self.code[0] == "y"

    @property
    def key(self) -> bool:
        return self.code[1] == "k"


@dataclass
class Article:
    name: str
    topic: str
    split: str
    text: str
    units: list[Unit] = field(default_factory=list)


def load(split: str = "all") -> list[Article]:
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    wanted = SPLITS[split]
    articles = []
    for name, meta in manifest.items():
        if wanted and meta["split"] not in wanted:
            continue
        text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
        article = Article(name, meta["topic"], meta["split"], text)
        cursor = 0
        for line in (DATA / f"{name}.labels").read_text(encoding="utf-8").splitlines():
            code, unit_text = line.split("\t", 1)
            pattern = r"\s+".join(re.escape(w) for w in unit_text.split())
            m = re.compile(pattern).search(text, cursor)
            if m is None:
                raise SystemExit(f"Error: {name}.labels: unit not found in order: {unit_text!r}")
            article.units.append(Unit(code, unit_text, m.start(), m.end()))
            cursor = m.end()
        articles.append(article)
    return articles


# Marks that open what a label must close: a quotation or a bracket left open reads as a
# cut ("He called it \"a violent" | "love\""), and so does a label that ends on one.
_OPENING_END = ("-", "—", "–", ",", ";", ":", "(", "[", "“", "‘", "/", "&")


def _unbalanced(label: str) -> bool:
    return (
        label.count('"') % 2 == 1
        or label.count("“") != label.count("”")
        or label.count("(") != label.count(")")
        or label.count("[") != label.count("]")
    )


def label_end(words: list[str], claim_text: str) -> re.Match[str] | None:
    """Where the label's words end in its claim: all of them in order when the label is
    the claim's own words (its last two words alone may first occur earlier, as in
    "questions have been raised and questions have" | "to ..."), else its last two."""
    for tail in (words, words[-2:]):
        pattern = r"\W+".join(re.escape(w) for w in tail) + r"(?![\w’'-])"
        m = re.search(pattern, claim_text, re.IGNORECASE)
        if m is not None:
            return m
    return None


def dangles(label: str, claim_text: str) -> bool:
    """Whether a card label ends on a word that leaves its phrase open."""
    words = WORD.findall(label)
    if not words:
        return True
    if _unbalanced(label) or label.rstrip().endswith(_OPENING_END):
        return True
    last = words[-1].lower().strip(".")
    # A label cut from the claim's own words: the word after the cut must not continue
    # the phrase (a noun after an adjective, an object after its verb, a verb after a
    # subject). Where the claim itself ends, any word may end the label ("as it
    # usually did").
    m = label_end(words, claim_text)
    if m is None:
        return last in FUNCTION_WORDS
    rest = claim_text[m.end() :]
    if re.match(r"[.,]\d", rest):
        return True  # inside a number: "$1" | ".2 billion", "10" | ",000 people"
    if not rest.strip() or not rest[:1].isspace():
        return False  # the claim ends there, or punctuation follows
    if last in FUNCTION_WORDS - VERB_ENDS or last in SAYING or last in SUBJECTS:
        return True  # ... or a subject that wants its verb: "that he" | "or she will"
    nxt = WORD.match(rest.lstrip())
    if nxt is None or not any(ch.isalnum() for ch in nxt.group()):
        return False  # punctuation follows: "the study" | "- where ..."
    # "who's", "who've" -> "who"
    word = re.sub(r"[’'](?:s|ve|re|d|ll)$", "", nxt.group().lower().rstrip("."))
    if word == "to" and last in NEEDS_TO:
        return True  # a verb that wants its infinitive: "questions have" | "to be answered"
    # An adverb or a participle after the cut opens an optional modifier: "the part of
    # the brain" | "closely linked", "17 cases of E. coli infections" | "linked to flour".
    # Not after an auxiliary, which wants its participle: "the rate has (ever)" | "fallen".
    before = words[-2].lower() if len(words) > 1 else ""
    after_aux = last in AUXILIARY or (
        before in AUXILIARY and (last in AUX_ADVERB or (last.endswith("ly") and len(last) > 4))
    )
    optional = (
        len(word) > 4
        and word.endswith(("ly", "ed", "ing"))
        and word not in LY_NOUNS
        and not after_aux
    )
    return word not in BOUNDARY_AFTER and not optional


def overlaps(claim: ProposedClaim, unit: Unit) -> bool:
    return claim.start < unit.end and unit.start < claim.end


@dataclass
class Score:
    worthy: int = 0
    worthy_hit: int = 0
    keys: int = 0
    key_hit: int = 0
    claims: int = 0
    claims_on_worthy: int = 0
    units: int = 0
    dangling: int = 0
    headlines: int = 0
    headline_hit: int = 0

    def add(self, other: Score) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "  - "


def score(article: Article, threshold: float, show: bool) -> Score:
    claims = propose_claims(article.text, threshold=threshold)
    s = Score(units=len(article.units))
    for i, unit in enumerate(article.units):
        hit = any(overlaps(c, unit) for c in claims)
        if unit.worthy:
            s.worthy += 1
            s.worthy_hit += hit
            if i == 0:
                s.headlines += 1
                s.headline_hit += hit
        if unit.key:
            s.keys += 1
            s.key_hit += hit
        if show and unit.worthy != hit:
            print(f"   {'MISS' if unit.worthy else 'FALSE'} {unit.code} {unit.text[:110]}")
    for claim in claims:
        s.claims += 1
        s.claims_on_worthy += any(u.worthy and overlaps(claim, u) for u in article.units)
        bad = dangles(claim.label, claim.text)
        s.dangling += bad
        if show and bad:
            print(f"   DANGLING label {claim.label!r}")
    return s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--split", choices=tuple(SPLITS), default="tuned")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--show", action="store_true", help="print misses and false claims")
    args = parser.parse_args()
    articles = load(args.split)
    print(f"split={args.split} threshold={args.threshold} articles={len(articles)}")
    print(f"{'article':22} {'topic':9} {'recall':>6} {'key':>5} {'prec':>5} {'base':>5} "
          f"{'dangl':>5} headline")  # fmt: skip
    total = Score()
    for article in articles:
        # A held-out article's misses are never printed: reading them is tuning on them.
        show = args.show and article.split not in HELD_OUT
        if show:
            print(f"-- {article.name}")
        s = score(article, args.threshold, show)
        total.add(s)
        head = "-" if not s.headlines else ("yes" if s.headline_hit else "NO")
        print(f"{article.name:22} {article.topic:9} {ratio(s.worthy_hit, s.worthy):>6} "
              f"{ratio(s.key_hit, s.keys):>5} {ratio(s.claims_on_worthy, s.claims):>5} "
              f"{ratio(s.worthy, s.units):>5} {ratio(s.dangling, s.claims):>5} {head}")  # fmt: skip
    print(f"{'TOTAL':22} {'':9} {ratio(total.worthy_hit, total.worthy):>6} "
          f"{ratio(total.key_hit, total.keys):>5} {ratio(total.claims_on_worthy, total.claims):>5} "
          f"{ratio(total.worthy, total.units):>5} {ratio(total.dangling, total.claims):>5} "
          f"{total.headline_hit}/{total.headlines}")  # fmt: skip
    print(f"units={total.units} check-worthy={total.worthy} key={total.keys} "
          f"claims={total.claims}; targets: recall>=0.85 key>=0.95 precision>=0.75 dangling=0; "
          "'base' is the precision of proposing every unit")  # fmt: skip


if __name__ == "__main__":
    main()
