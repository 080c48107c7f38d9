"""Atomic claims over generated articles: coordinated clauses, predicate lists and
negated disjunctions split into parts whose text is the article's text at their
offsets, each part keeping its sentence's subject (in its label) and score."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.text.atomic_claims import atomic_parts
from annotator.text.checkworthiness import score_sentence
from annotator.text.proposer import propose_claims

SUBJECTS = ["The outbreak", "The county", "The new clinic", "The state agency", "The mill"]
# Past predicates, with verbs in the lexicon ("sickened") and outside it ("destroyed").
PREDICATES = [
    "sickened 214 people",
    "hospitalized 37 patients",
    "reported 12 new cases",
    "destroyed 40 homes",
    "closed three schools",
    "approved $4 million in aid",
    "hired 85 nurses in May",
    "shipped 9,000 tons of grain",
]
JOINERS = [", and", ", but", ", while", ";", " while"]
NEGATED = [("reduce", "costs"), ("prevent", "new infections"), ("improve", "test scores"),
           ("lower", "prices")]  # fmt: skip

# (sentence, the subject each part must keep in its label, "" for a part with its own)
Case = tuple[str, list[str]]


@st.composite
def coordinated(draw: st.DrawFn) -> Case:
    s1, s2 = draw(st.sampled_from(SUBJECTS)), draw(st.sampled_from(SUBJECTS))
    p1, p2 = draw(st.sampled_from(PREDICATES)), draw(st.sampled_from(PREDICATES))
    joiner = draw(st.sampled_from(JOINERS))
    return f"{s1} {p1}{joiner} {s2.lower()} {p2}.", [s1, s2]


@st.composite
def predicate_list(draw: st.DrawFn) -> Case:
    subject = draw(st.sampled_from(SUBJECTS))
    p1, p2, p3 = draw(st.permutations(PREDICATES))[:3]
    return f"{subject} {p1}, {p2} and {p3}.", [subject] * 3


@st.composite
def negated_or(draw: st.DrawFn) -> Case:
    subject = draw(st.sampled_from(SUBJECTS))
    (v1, o1), (v2, o2) = draw(st.permutations(NEGATED))[:2]
    return f"{subject} did not {v1} {o1} or {v2} {o2}.", [subject] * 2


def _head(subject: str) -> str:
    return subject.split()[-1].lower()


@settings(max_examples=120, deadline=None)
@given(
    st.lists(st.one_of(coordinated(), predicate_list(), negated_or()), min_size=1, max_size=6),
    st.sampled_from([" ", "\n\n", "\r\n"]),
)
def test_split_parts_match_the_article_and_keep_subject_and_score(
    cases: list[Case], sep: str
) -> None:
    text = "Weekly report\n\n" + sep.join(sentence for sentence, _ in cases) + "\n"
    claims = propose_claims(text, include_all=True)
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
    by_sentence: dict[int, list[str]] = {}
    for claim in claims:
        assert claim.text in text[claim.sentence_start : claim.sentence_end]
        by_sentence.setdefault(claim.sentence_start, []).append(claim.label)
    cursor = 0
    for sentence, subjects in cases:
        start = text.index(sentence, cursor)
        cursor = start + len(sentence)
        assert len(atomic_parts(sentence)) == len(subjects), sentence
        labels = by_sentence[start]
        assert len(labels) == len(subjects), (sentence, labels)
        for label, subject in zip(labels, subjects, strict=True):
            assert _head(subject) in label.lower(), (sentence, label)
        whole = score_sentence(sentence)[0]
        for claim in claims:
            if claim.sentence_start == start:
                assert claim.score >= whole, (sentence, claim.text, claim.score, whole)
