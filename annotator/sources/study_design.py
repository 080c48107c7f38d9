"""The study design of a source, proposed from its own words, with the reason.

A proposal, not a verdict: the reviewer can set the type by hand. The title is read
before the abstract (an RCT's abstract may mention an earlier meta-analysis, its title
rarely does), and within each the stronger designs are tried first. The types are the
evidence types of DESIGN.md, strongest first.
"""

from __future__ import annotations

import re

# Evidence type -> word patterns that suggest it (lower-case text).
_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("press-release", (r"press release", r"news release", r"media release", r"\bannounces\b")),
    ("systematic-review", (
        r"meta-?analys[ie]s", r"systematic (?:literature )?review", r"umbrella review",
        r"pooled analysis", r"cochrane review", r"network meta",
    )),
    ("preclinical", (
        r"\bmice\b", r"\bmouse\b", r"\brats?\b", r"murine", r"rodents?", r"in vitro",
        r"cell lines?", r"zebrafish", r"primates?\b", r"animal model",
        r"drosophila", r"cultured (?:cells|neurons)", r"\bpigs?\b", r"\bdogs?\b",
    )),
    ("rct", (
        r"(?<!non-)(?<!non)(?<!not )randomi[sz]ed", r"randomi[sz]ation", r"placebo[- ]controlled",
        r"double[- ]blind", r"phase (?:2|3|4|ii|iii|iv)\b", r"phase [23]/[34]",
        r"controlled (?:clinical )?trial",
    )),
    ("case-report", (
        r"case reports?\b", r"case series",
        r"we (?:report|describe|present) (?:a|the|an) (?:case|patient)",
        r"\ba \d{1,3}-year-old (?:man|woman|boy|girl|male|female|patient)",
    )),
    ("observational", (
        r"cohort", r"case-control", r"cross-sectional", r"longitudinal stud", r"registry",
        r"population-based", r"retrospective", r"prospective (?:study|observational)",
        r"observational", r"survey", r"epidemiolog", r"open-label", r"single-arm",
        r"non-?randomi[sz]ed", r"case-crossover", r"ecological study", r"longitudinal",
        r"follow-up study", r"trajector(?:y|ies) of",
    )),
    ("expert-opinion", (
        r"editorial", r"commentary", r"consensus statement", r"expert opinion",
        r"perspective", r"viewpoint", r"narrative review", r"position statement",
        r"letter to the editor", r"\bopinion\b",
    )),
)  # fmt: skip

# Words that name a kind of piece in a title but mean little inside an abstract.
_TITLE_ONLY = {"press-release", "expert-opinion"}

# Plain substrings one of which each type's patterns need: a cheap test that skips the
# regular expression for most texts (imports of 100,000 sources run this twice each).
_TRIGGERS = {
    "press-release": ("release", "announces"),
    "systematic-review": ("analys", "review", "network meta"),
    "preclinical": ("mice", "mouse", "rat", "murine", "rodent", "vitro", "cell line", "zebrafish",
                    "primate", "animal model", "drosophila", "cultured", "pig", "dog"),
    "rct": ("randomi", "placebo", "blind", "phase", "controlled"),
    "case-report": ("case", "we report", "we describe", "we present", "-year-old"),
    "observational": ("cohort", "case-control", "cross-sectional", "longitudinal", "registry",
                      "population-based", "retrospective", "prospective", "observational",
                      "survey", "epidemiolog", "open-label", "single-arm", "randomi",
                      "case-crossover", "ecological study", "follow-up study", "trajector"),
    "expert-opinion": ("editorial", "commentary", "consensus", "opinion", "perspective",
                       "viewpoint", "narrative review", "position statement", "letter to"),
}  # fmt: skip

# One alternation per type: a handful of searches per text, not one per word pattern.
_COMPILED = tuple(
    (kind, _TRIGGERS[kind], re.compile("|".join(f"(?:{p})" for p in pats))) for kind, pats in _RULES
)

# A title that names a protocol (a study's plan: "Protocol for a network meta-analysis",
# "... meta-analysis protocol", "Study protocol: a randomised trial"): read as the design
# it plans, a plan was proposed as the evidence of an RCT or a systematic review.
# A care protocol under test ("a sepsis protocol: a randomized trial") is no such plan.
_STUDY = r"(?:study|trial|review|meta-?analysis|analysis|evaluation)"
_PROTOCOL = re.compile(
    rf"protocol for an? (?:[\w-]+ ){{0,5}}?{_STUDY}\b|\b{_STUDY} protocol\b|(?:^|: )protocol\b"
)

# Entry types of BibTeX/RIS/CSL that say the design by themselves.
_SOURCE_TYPES = {
    "newspaper": "news", "article-newspaper": "news", "news": "news", "mgzn": "news",
    "article-magazine": "news", "magazine": "news", "newsletter": "news", "post-weblog": "news",
    "blog": "news", "press release": "press-release", "pressrelease": "press-release",
    "press-release": "press-release",
}  # fmt: skip


def propose_evidence_type(title: str, abstract: str = "", source_type: str = "") -> tuple[str, str]:
    """(evidence type, why) from a source's title, abstract and entry type.

    The entry type only decides when the words say nothing (a news story that reports a
    randomized trial is still news, but its title usually names the trial).
    """
    low_title = " ".join(title.lower().split())
    protocol = _PROTOCOL.search(low_title) if "protocol" in low_title else None
    if protocol:  # a plan: no results yet, whatever design it plans
        return "other", f'title says "{protocol.group(0)}": a plan, with no results yet'
    for where, text in (("title", title), ("abstract", abstract)):
        low = " ".join(text.lower().split())
        if not low:
            continue
        for kind, triggers, pattern in _COMPILED:
            if where == "abstract" and kind in _TITLE_ONLY:
                continue
            if not any(t in low for t in triggers):
                continue
            m = pattern.search(low)
            if m:
                return kind, f'{where} says "{m.group(0).strip()}"'
    st = source_type.strip().lower()
    if st in _SOURCE_TYPES:
        return _SOURCE_TYPES[st], f'entry type is "{source_type.strip()}"'
    return "other", "no study-design words in the title or abstract"
