"""A source's own text: giving it (pasted or from a file), and choosing a quote from it.

Once a citation holds its text, every quote linked to it is checked against that text
(``quote no-text`` becomes exact, approximate or not-found). A quote chosen from the
text's sentences is that sentence's words, so its check is exact.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from annotator.app.library import recheck_quotes
from annotator.app.linking import edit_link
from annotator.errors import InputError
from annotator.files import read_user_file
from annotator.model import Citation, Evidence, QuoteMatch
from annotator.sources.quotes import candidate_quotes
from annotator.store import Store
from annotator.text.articles import load_text
from annotator.text.sentences import units

# What each quote check means, for the faces to explain (the details panel, the help).
QUOTE_CHECKS: dict[QuoteMatch, str] = {
    QuoteMatch.EXACT: "the quote is in the source's stored text, word for word",
    QuoteMatch.APPROXIMATE: "a close passage is in the source's text, not the exact words",
    QuoteMatch.NOT_FOUND: "the quote is not in the source's stored text: check it",
    QuoteMatch.NO_TEXT: "not checked: the source has no stored text to check it against",
}


@dataclass(frozen=True)
class SourceTextResult:
    """The citation with its new text, and its links' quotes as they now check."""

    citation: Citation
    characters: int
    links: tuple[Evidence, ...]

    @property
    def message(self) -> str:
        """One line for either face: what was stored, and how each quote now checks."""
        checked = ", ".join(f"evidence {e.id} {e.quote_verified}" for e in self.links if e.quote)
        return f"citation {self.citation.id}: {self.characters} characters of text stored" + (
            f"; quotes checked: {checked}" if checked else ""
        )


def read_source_file(path: str | Path, *, held: Iterable[Path] = ()) -> str:
    """The text of a file holding a source (plain text, Markdown or HTML, any encoding);
    never one of ``held``, the files of the database in use (``read_user_file``)."""
    name = str(path)
    if Path(name).expanduser().is_dir():
        raise InputError(f"source text {name!r} is a folder: give the file itself")
    data = read_user_file(Path(name).expanduser(), "source text", held=held)
    return load_text(data, name).text


def give_source_text(
    store: Store, citation_id: int, text: str, *, reviewer: str
) -> SourceTextResult:
    """Store a source's own text (one action); its links' quotes are checked again."""
    if not text.strip():
        raise InputError(
            f"no text given for citation {citation_id}: paste the source's text or name its file"
        )
    with store.one_action():
        citation = store.set_source_text(citation_id, text, reviewer=reviewer)
        recheck_quotes(store, citation, reviewer=reviewer)
    links = tuple(store.citation_links(citation_id))
    return SourceTextResult(citation, len(citation.source_text), links)


@dataclass(frozen=True)
class QuoteSentence:
    """One sentence of the source: ``text`` is its words, ``score`` how well it matches
    the claim (0-100, 0 when it does not)."""

    start: int
    end: int
    text: str
    score: float


@dataclass(frozen=True)
class QuoteChoices:
    """The sentences to choose a quote from, and the one to start on."""

    claim_text: str
    quote: str  # the link's quote now ("" when it has none)
    sentences: tuple[QuoteSentence, ...]
    start_index: int


def quote_choices(store: Store, evidence_id: int) -> QuoteChoices:
    """The sentences of a link's source, each scored against the link's claim.

    The cursor starts on the sentence holding the link's quote when it checks, else on
    the sentence that best matches the claim (``sources.quotes``), else on the first.
    """
    ev = store.get_evidence(evidence_id)
    claim = store.get_claim(ev.claim_id)
    citation = store.get_citation(ev.citation_id)
    text = citation.source_text or citation.abstract
    if not text.strip():
        raise InputError(
            f"citation {citation.id} has no stored text to quote from: give its text first (t)"
        )
    best = candidate_quotes(claim.text, text, limit=10)
    sentences = []
    for unit in units(text):
        score = max(
            (c.score for c in best if c.start < unit.end and unit.start < c.end), default=0.0
        )
        words = " ".join(text[unit.start : unit.end].split())
        sentences.append(QuoteSentence(unit.start, unit.end, words, score))
    start = _start_index(sentences, ev, text)
    return QuoteChoices(claim.text, ev.quote, tuple(sentences), start)


def _start_index(sentences: list[QuoteSentence], ev: Evidence, text: str) -> int:
    if not sentences:
        return 0
    if ev.quote and ev.quote_verified == QuoteMatch.EXACT:
        for i, s in enumerate(sentences):
            if ev.quote_match and ev.quote_match in s.text:
                return i
    top = max(range(len(sentences)), key=lambda i: (sentences[i].score, -i))
    return top if sentences[top].score > 0 else 0


def take_quote(
    store: Store, evidence_id: int, sentence: QuoteSentence, *, reviewer: str
) -> Evidence:
    """Make ``sentence`` the link's quote (one action): its exact words, so it checks."""
    return edit_link(store, evidence_id, reviewer=reviewer, quote=sentence.text)
