"""schema.org ClaimReview JSON-LD, one per settled verdict, ready to paste into a page.

Fields follow schema.org and Google's fact-check guidance: ``claimReviewed`` (the claim
as a whole phrase under 75 characters), ``reviewRating`` (``alternateName`` the verdict
label; ``ratingValue``, ``bestRating`` and ``worstRating`` from the scale),
``reviewBody`` (the grade's rationale), ``url`` (the desk's ``claim_url`` template),
``author`` (the desk), ``datePublished`` and ``itemReviewed``, a ``Claim`` whose
``appearance`` is the article (its address, headline, author and date).

Only settled verdicts are published (``published.py``): a claim without a verdict, a
dismissed one, a disputed or a stale one is left out unless asked for. A verdict off the
scale (``not-checkable``, no ordinal) carries its label only: a number would place it on
a scale it is not part of. The JSON is pasted into ``<script type="application/ld+json">``,
so ``<``, ``>`` and ``&`` are written as ``\\u003c``, ``\\u003e``, ``\\u0026``: no text
can close the script element.
"""

from __future__ import annotations

import json
import re
import string
from typing import Any

from annotator.errors import DeskConfigError, InputError
from annotator.export.published import Selection
from annotator.export.table import ExportSet, public_source
from annotator.model import Grade

CLAIM_REVIEWED_MAX = 74  # "under 75 characters"
CONTEXT = "https://schema.org"

# Words a phrase cannot end on: it would leave its object or its number behind.
_DANGLING = frozenset(
    " ".join(
        (
            "a an the this that these those its their his her our your my some any each every",
            "no not of in on at by for to with from into onto over under than as per via about",
            "after before between during against among without within across toward towards",
            "up down off out and or but nor so yet if because while when where which who whom",
            "whose what is are was were be been being has have had do does did will would can",
            "could may might shall should must more less most least very just only also",
        )
    ).split(" ")
)
_BARE_NUMBER = re.compile(r"^[+\-−]?[\d.,]+$")
# Where a clause ends inside a sentence: a cut there keeps a whole phrase.
_CLAUSE_END = re.compile(r"[,;:)\u2013\u2014](?=\s)|\s(?=[\u2013\u2014(])")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _dangles(words: list[str]) -> bool:
    last = words[-1].strip("\"'“”‘’()[]{},;:.-\u2013\u2014")
    if not any(ch.isalnum() for ch in last):
        return True  # punctuation alone
    return last.lower() in _DANGLING or bool(_BARE_NUMBER.match(last))


def _trim(words: list[str]) -> list[str]:
    """Words off the end until the phrase ends on a word that stands."""
    words = list(words)
    while words and _dangles(words):
        words.pop()
    return words


def whole_phrase(text: str, limit: int = CLAIM_REVIEWED_MAX) -> str:
    """``text`` on one line; if longer than ``limit``, cut to its longest whole phrase
    that fits (at a clause end where one is long enough, else at a word), never
    ending on an article, a preposition, a conjunction or a bare number, then "…"."""
    text = _one_line(text)
    if len(text) <= limit:
        return text
    room = text[: limit - 1]  # one character for the ellipsis
    clause_ends = [m.start() for m in _CLAUSE_END.finditer(room)]
    cut = room[: clause_ends[-1]] if clause_ends and clause_ends[-1] >= limit // 2 else ""
    if not cut:
        # The last word is whole when what follows it is not part of a word.
        cut = room if not text[limit - 1].isalnum() else room.rsplit(" ", 1)[0]
    words = _trim(cut.rstrip(" ,;:.-\u2013\u2014(").split(" "))
    if not words:  # one enormous word: cut it
        return room + "\u2026"
    return " ".join(words).rstrip(" ,;:.-\u2013\u2014(") + "\u2026"


# An attribution that opens a claim ("According to the utility's own survey, 1 in 4
# homes ..."): a cut to 75 characters would keep it and lose the claim.
_ATTRIBUTION = re.compile(r"(?:according to|as reported by|in the words of) [^,;:.]{1,80}, ", re.I)


def claim_reviewed(text: str, label: str, limit: int = CLAIM_REVIEWED_MAX) -> str:
    """The claim's own words when they fit; else ``label`` (give only one a reviewer
    wrote: a card label made by the proposer is no summary to publish) when that is a
    whole phrase that fits; else the longest whole opening phrase of the claim's words
    after any attribution that opens them."""
    own = _one_line(text).rstrip(".")
    if len(own) <= limit:
        return own
    short = _one_line(label)
    if short and len(short) <= limit and not _dangles(short.split(" ")):
        return short
    frame = _ATTRIBUTION.match(own)
    if frame is not None:
        rest = own[frame.end() :]
        return claim_reviewed(rest[:1].upper() + rest[1:], "", limit)
    return whole_phrase(text, limit)


def _is_web(url: str) -> bool:
    return url.startswith(("http://", "https://"))


# The fields a claim_url template may hold, each as it is: str.format would also run
# "{article.__class__}" (attribute access) and "{claim:>99999999}" (a 100 MB address).
_URL_FIELDS = frozenset({"article", "claim"})


def review_url(template: str, article_id: int, claim_id: int) -> str:
    """The page a review is read at, from the desk's ``claim_url`` template."""

    def refused(why: str) -> InputError:
        return InputError(
            f"claim_url {template!r} in the desk config cannot be filled ({why}): use only "
            "{article} and {claim}, e.g. https://desk.example/checks/{article}#claim-{claim}"
        )

    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise refused(str(exc)) from None
    for _text, name, spec, conversion in parts:
        if name is not None and (name not in _URL_FIELDS or spec or conversion):
            raise refused(f"{{{name}{'!' + conversion if conversion else ''}"
                          f"{':' + spec if spec else ''}}}")  # fmt: skip
    return template.format(article=article_id, claim=claim_id)


def review_body(grade: Grade) -> str:
    """The grade's rationale: its note, else its reason tags."""
    if grade.note.strip():
        return grade.note.strip()
    return "; ".join(r.replace("-", " ").capitalize() for r in grade.reasons)


def _check_desk(export: ExportSet) -> None:
    desk = export.desk
    if not desk.organization or not _is_web(desk.organization_url):
        raise DeskConfigError(
            "ClaimReview needs the desk's name and web address",
            ("organization", "organization_url"),
            "`annotator config set organization NAME` and "
            "`annotator config set organization_url https://...`",
        )
    if not _is_web(desk.claim_url):
        raise DeskConfigError(
            "ClaimReview needs the page each review is published at",
            ("claim_url",),
            "`annotator config set claim_url "
            "'https://desk.example/checks/{article}#claim-{claim}'`",
        )


def claimreview_selection(export: ExportSet) -> Selection:
    """The claims a ClaimReview export writes: settled verdicts on the scale in force."""
    selection, settlements = export.published()
    kept = []
    for row in selection.rows:
        if export.scale.get(settlements[row["claim_id"]].verdict) is None:
            selection.left_out["off the scale"] += 1
        else:
            kept.append(row)
    selection.rows = kept
    return selection


def claim_reviews(export: ExportSet) -> list[dict[str, Any]]:
    """One ClaimReview object per settled verdict of a claim that is not dismissed."""
    _check_desk(export)
    desk = export.desk
    scale = export.scale
    _, settlements = export.published()
    written = {c.id for c in export.full().claims if c.label_edited}  # labels people wrote
    reviews: list[dict[str, Any]] = []
    for row in claimreview_selection(export).rows:
        grade = settlements[row["claim_id"]].grade
        level = scale.get(grade.verdict) if grade is not None else None
        if grade is None or level is None:
            continue
        article = export.table.articles[row["article_id"]]
        rating: dict[str, Any] = {"@type": "Rating", "alternateName": level.label}
        if level.ordinal is not None:
            rating.update(ratingValue=level.ordinal, bestRating=scale.best, worstRating=scale.worst)
        appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": article.title}
        if _is_web(public_source(article)):
            appearance["url"] = public_source(article)
        person = {"@type": "Person", "name": article.author} if article.author else None
        if person:
            appearance["author"] = person
        if article.published:
            appearance["datePublished"] = article.published
        claim: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
        if person:
            claim["author"] = person
        if article.published:
            claim["datePublished"] = article.published
        review: dict[str, Any] = {
            "@context": CONTEXT,
            "@type": "ClaimReview",
            "url": review_url(desk.claim_url, article.id, row["claim_id"]),
            "claimReviewed": claim_reviewed(
                row["text"], row["label"] if row["claim_id"] in written else ""
            ),
            "author": {
                "@type": "Organization",
                "name": desk.organization,
                "url": desk.organization_url,
            },
            "datePublished": grade.graded_at[:10],
            "reviewRating": rating,
            "itemReviewed": claim,
        }
        body = review_body(grade)
        if body:
            review["reviewBody"] = body
        reviews.append(review)
    return reviews


def script_safe_json(value: Any) -> str:
    """JSON that can sit inside an HTML ``<script>``: ``<``, ``>``, ``&`` as escapes."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def to_claimreview(export: ExportSet) -> str:
    """A JSON array of ClaimReview objects (the content of one JSON-LD script)."""
    return script_safe_json(claim_reviews(export)) + "\n"


def to_claimreview_html(export: ExportSet) -> str:
    """The ready ``<script type="application/ld+json">`` block to paste into a page."""
    return (
        '<script type="application/ld+json">\n'
        + script_safe_json(claim_reviews(export))
        + "\n</script>\n"
    )
