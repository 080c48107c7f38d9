"""A reviewer's own claims: adding, splitting and merging them, and what a split or merge
will do to grades and links, said before doing it.

Both faces ask before a merge or split of graded or linked claims (the TUI in a modal,
the CLI with ``--yes`` to go ahead unasked); the question comes from here. The new
spans, labels and check-worthiness are the proposer's (``text/``); the store saves them.
"""

from __future__ import annotations

from annotator.app.wording import counted
from annotator.errors import InputError
from annotator.grades.merge import plan_grade_merge
from annotator.grades.visibility import Viewer
from annotator.model import Claim, ProposedClaim, span_problem
from annotator.store import Store
from annotator.text.proposer import make_label, score_sentence
from annotator.text.spans import strip_span

_SINGULAR = {"go": "goes"}


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A span a reviewer gave, kept inside the text and past white space at its ends."""
    return strip_span(text, max(0, start), min(len(text), end))


def add_claim(
    store: Store, article_id: int, start: int, end: int, *, reviewer: str, label: str = ""
) -> Claim:
    """A reviewer's own claim over any span that no live claim covers; its label is
    ``label`` or, when none is given, the proposer's."""
    article = store.get_article(article_id)
    problem = span_problem(start, end, len(article.text), f"article {article_id}")
    if problem is not None:  # checked before trimming: a span off the text is not cut
        raise InputError(problem)
    start, end = _trim(article.text, start, end)
    text = article.text[start:end]
    score, reasons = score_sentence(text)
    proposal = ProposedClaim(
        start=start,
        end=end,
        text=text,
        label=label.strip() or make_label(text),
        score=score,
        reasons=reasons,
        sentence_start=start,
        sentence_end=end,
    )
    return store.add_claim(
        article_id, proposal, reviewer=reviewer, label_edited=bool(label.strip())
    )


def split_claim(store: Store, claim_id: int, at: int, *, reviewer: str) -> tuple[Claim, Claim]:
    """Split at article offset ``at``; the second part becomes a new claim, labelled and
    scored afresh (the first keeps a label the reviewer wrote)."""
    claim = store.live_claim(claim_id, "split")
    article = store.get_article(claim.article_id)
    first = _trim(article.text, claim.start, at)
    second = _trim(article.text, at, claim.end)
    if not (claim.start < at < claim.end) or first[0] >= first[1] or second[0] >= second[1]:
        raise InputError(f"cannot split claim {claim_id} at {at}: pick a point inside its words")
    text1 = article.text[first[0] : first[1]]
    text2 = article.text[second[0] : second[1]]
    score, reasons = score_sentence(text2)
    left = ProposedClaim(
        start=first[0],
        end=first[1],
        text=text1,
        label=claim.label if claim.label_edited else make_label(text1),
        score=claim.score,
        reasons=claim.reasons,
        sentence_start=claim.sentence_start,
        sentence_end=claim.sentence_end,
    )
    right = ProposedClaim(
        start=second[0],
        end=second[1],
        text=text2,
        label=make_label(text2),
        score=score,
        reasons=reasons,
        sentence_start=claim.sentence_start,
        sentence_end=claim.sentence_end,
    )
    return store.split_claim(claim_id, left, right, reviewer=reviewer)


def merge_claims(store: Store, claim_id: int, *, reviewer: str) -> Claim:
    """Merge a claim with the next live claim of its article, labelled afresh unless the
    reviewer wrote its label."""
    claim = store.live_claim(claim_id, "merge")
    nxt = store.next_claim(claim)
    if nxt is None:
        raise InputError(f"claim {claim_id} is the last claim of its article: nothing to merge")
    text = store.get_article(claim.article_id).text[claim.start : nxt.end]
    label = claim.label if claim.label_edited else make_label(text)
    return store.merge_claims(claim_id, reviewer=reviewer, label=label)


def _count(n: int, word: str, verb: str = "") -> str:
    """'1 link moves', '2 links move': a count, its noun and (optionally) its verb."""
    if not verb:
        return counted(n, word)
    return f"{counted(n, word)} {_SINGULAR.get(verb, verb + 's') if n == 1 else verb}"


def merge_question(store: Store, claim_id: int, viewer: Viewer | None = None) -> str | None:
    """What merging claim ``claim_id`` with the next one does to grades and links, as a
    question; None when neither claim has any (nothing to ask) or there is no next one.

    ``viewer``: who asks; under blind review the question counts only the grades they
    may see (others' grades move all the same)."""
    claim = store.get_claim(claim_id)
    nxt = store.next_claim(claim)
    if nxt is None:
        return None
    kept = store.grades_for(claim.id, viewer=viewer)
    later = store.grades_for(nxt.id, viewer=viewer)
    links = len(store.evidence_for(claim.id)) + len(store.evidence_for(nxt.id))
    if not (kept or later or links):
        return None
    plan = plan_grade_merge(kept, later)
    parts = [f"Merge claim {claim.id} with claim {nxt.id}?"]
    grades = len(kept) + len(later)
    if grades:
        parts.append(
            f"Their {_count(grades, 'grade')} stay on the merged claim,"
            " marked stale to grade again."
        )
    if links:
        parts.append(f"Their {_count(links, 'link', 'move')} to the merged claim.")
    disagree = set(plan.disagreeing_reviewers)
    for who in plan.conflicted_reviewers:
        how = "disagree" if who in disagree else "agree"
        if who == "final":
            parts.append(f"The two final verdicts {how}: an editor keeps one by setting it again.")
        else:
            parts.append(f"{who}'s two grades {how}: {who} keeps one by grading again.")
    return " ".join(parts)


def split_question(
    store: Store, claim: Claim, viewer: Viewer | None = None, *, copy_hint: str = ""
) -> str | None:
    """What splitting ``claim`` does to its grades and links; None when it has neither
    (of the grades ``viewer`` may see, under blind review). ``copy_hint``: how the face
    asking copies links to the second part, in its own words (a command line's command)."""
    grades = store.grades_for(claim.id, viewer=viewer)
    links = store.evidence_for(claim.id)
    if not (grades or links):
        return None
    parts = [f"Split claim {claim.id}?"]
    if grades:
        parts.append(
            f"Its {_count(len(grades), 'grade', 'go')} to both parts, marked stale to grade again."
        )
    if links:
        parts.append(
            f"Its {_count(len(links), 'link', 'stay')} with the first part"
            + (f" ({copy_hint} copies them to the second)." if copy_hint else ".")
        )
    return " ".join(parts)
