"""Importing an article: a new article, a new version of a known source, or a duplicate.

The one import both faces call. The same text again is found, not stored twice; a text
from a source already imported (or ``replaces`` naming an article) becomes that
article's next version, carrying its claims, grades and links across; anything else is
a new article with its proposed claims.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from annotator.errors import InputError
from annotator.model import ProposedClaim, sha256_text
from annotator.store import NewVersionReport, Store
from annotator.text.articles import (
    ARTICLE_SUFFIXES,
    LoadedText,
    guess_title,
    load_text,
    read_article_file,
)
from annotator.text.new_version import plan_new_version
from annotator.text.proposer import DEFAULT_THRESHOLD, propose_claims

Outcome = Literal["new", "version", "duplicate"]

STDIN_SOURCE = "stdin"
"""The source recorded for text read from standard input (never matched to a version)."""


@dataclass(frozen=True)
class ImportResult:
    """What an import did, for the face to report."""

    article_id: int
    claims: int
    """How many claims the article has now."""
    outcome: Outcome
    notice: str = ""
    """What reading the file had to do (e.g. "decoded from cp1252"), worth telling."""
    version: NewVersionReport | None = None
    """How the claims followed the new text, when the outcome is "version"."""

    @property
    def is_new(self) -> bool:
        """Something was written (a new article or a new version)."""
        return self.outcome != "duplicate"


def source_of(path: str | Path, url: str = "") -> str:
    """Where a text came from: its address if given, else its absolute path (or stdin)."""
    if url:
        return url
    if str(path) == "-":
        return STDIN_SOURCE
    # A file name that is not UTF-8 keeps its place, its bad bytes shown as U+FFFD.
    name = str(Path(path).resolve()).encode("utf-8", "surrogateescape")
    return name.decode("utf-8", "replace")


def import_target(path: str | Path) -> list[Path]:
    """``article_paths``, and a single file that is not there said at once: a dialog
    asking what to import keeps what was typed until the answer names something."""
    paths = article_paths(path)
    if len(paths) == 1 and not paths[0].exists():
        raise InputError(f"article {str(path)!r} not found (no such file): check the path")
    return paths


def article_paths(path: str | Path) -> list[Path]:
    """The files one answer to "import what?" names, in the order to import them.

    A file is itself (whatever its name: reading it says what is wrong); a folder is its
    article files (text, Markdown, HTML; not its sub-folders), by name; a pattern with
    ``*``, ``?`` or ``[`` (and no file of that name) is the files it matches, by name.
    """
    p = Path(path).expanduser()
    # A file that is there is itself, even named "notes [draft].md": its name is data.
    if p.is_file():
        return [p]
    if any(ch in p.name for ch in "*?["):
        found = sorted(f for f in p.parent.glob(p.name) if f.is_file())
        if not found:
            raise InputError(f"no file matches {str(path)!r}: check the pattern")
        return found
    if not p.is_dir():
        return [p]
    found = sorted(
        f
        for f in p.iterdir()
        if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES and not f.name.startswith(".")
    )
    if not found:
        kinds = ", ".join(sorted(ARTICLE_SUFFIXES))
        raise InputError(f"no article files ({kinds}) in the folder {str(p)!r}: pick a file")
    return found


def import_file(
    store: Store,
    path: str | Path,
    *,
    reviewer: str,
    threshold: float | None = None,
    title: str | None = None,
    url: str = "",
) -> ImportResult:
    """Read a file the user named and import it (see ``import_text``)."""
    url = check_url(url)
    loaded = read_article_file(path, held=store.files)
    return import_text(
        store,
        loaded,
        source=source_of(path, url),
        reviewer=reviewer,
        threshold=threshold,
        title=title,
    )


PASTED_NAME = "standard input"
"""Pasted text is read as text on standard input is, so both imports give one result."""


def import_pasted(
    store: Store,
    text: str,
    *,
    reviewer: str,
    threshold: float | None = None,
    title: str | None = None,
    url: str = "",
) -> ImportResult:
    """Import text pasted in (the TUI's import dialog): the same article, claims and
    source as ``annotator import - [--title T] [--url U]`` of the same text."""
    url = check_url(url)
    loaded = load_text(text.encode("utf-8", "surrogatepass"), PASTED_NAME)
    return import_text(
        store,
        loaded,
        source=source_of("-", url),
        reviewer=reviewer,
        threshold=threshold,
        title=title,
    )


def check_url(url: str, what: str = "URL") -> str:
    """``url`` (trimmed) if it is a web address (http or https with a host) or empty. An
    article's is kept as its source for the record and never fetched."""
    url = url.strip()
    if not url:
        return ""
    if not _web_address(url):
        shown = url[:60]
        raise InputError(
            f"{what} {shown!r} is not a web address: give it as https://site/page (or leave it out)"
        )
    return url


def _web_address(url: str) -> bool:
    """http or https with a host, no white space, and a port if any that is one."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError on a port out of range)
    except ValueError:  # also an unclosed IPv6 bracket: "http://[x"
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(parts.netloc)
        and not any(c.isspace() for c in url)
    )


def import_text(
    store: Store,
    loaded: LoadedText,
    *,
    source: str,
    reviewer: str,
    threshold: float | None = None,
    title: str | None = None,
    author: str = "",
    published: str = "",
    replaces: int | None = None,
) -> ImportResult:
    """Import a read text as a new article, a new version, or find it already here.

    What the user gives (``author``, ``published``, a web address as ``source``) wins;
    an HTML page's own meta tags and canonical link fill what was not given.
    """
    author = author or loaded.author
    published = published or loaded.published
    if loaded.url and not source.startswith(("http://", "https://")):
        source = loaded.url
    existing = store.find_article(sha256_text(loaded.text))
    if existing is not None:
        return ImportResult(existing.id, len(store.claims(existing.id)), "duplicate", loaded.notice)
    cut = DEFAULT_THRESHOLD if threshold is None else threshold
    proposals = propose_claims(loaded.text, threshold=cut)
    previous = _previous_version(store, source, replaces)
    if previous is not None:
        report = import_new_version(
            store,
            previous,
            loaded.text,
            reviewer=reviewer,
            proposals=proposals,
            source=source if source != STDIN_SOURCE else None,
            format=loaded.format,
            original=loaded.original,
            title=title,
        )
        count = len(store.claims(previous))
        return ImportResult(previous, count, "version", loaded.notice, report)
    # Looked up again under the write lock: another process may have stored it meanwhile.
    article, new = store.import_if_new(
        loaded.text,
        title=title or guess_title(loaded.text),
        reviewer=reviewer,
        proposals=proposals,
        source=source,
        author=author,
        published=published,
        format=loaded.format,
        original=loaded.original,
    )
    if not new:
        return ImportResult(article.id, len(store.claims(article.id)), "duplicate", loaded.notice)
    return ImportResult(article.id, len(proposals), "new", loaded.notice)


@dataclass(frozen=True)
class PendingImport:
    """A file read and checked, to import once who is working is known.

    The first run of ``annotator open FILE`` asks the reviewer's name before anything is
    written, so the import (its event, its claims) is recorded under the name given, not
    the login name. Read first, so a bad file fails before the screen opens.
    """

    loaded: LoadedText
    source: str

    def run(self, store: Store, *, reviewer: str, threshold: float | None = None) -> ImportResult:
        return import_text(
            store, self.loaded, source=self.source, reviewer=reviewer, threshold=threshold
        )


def import_new_version(
    store: Store,
    article_id: int,
    text: str,
    *,
    reviewer: str,
    proposals: Sequence[ProposedClaim] = (),
    source: str | None = None,
    format: str = "text",
    original: str = "",
    title: str | None = None,
) -> NewVersionReport:
    """Replace an article's text, carrying every claim, grade and link across (one action).

    Where each claim goes, and which ``proposals`` fall in new text, is decided in
    ``text/new_version.py``; the store keeps the old text as a version and writes the rest.
    The title follows the text: ``title`` when given; else a title that was read from the
    old text's headline is read again from the new one (a correction that fixes the
    headline fixes the title every export and ClaimReview carries); a title set by hand
    stays.
    """
    article = store.get_article(article_id)
    unchanged = sha256_text(text) == article.sha256  # the store reports it; nothing to plan
    claims = [] if unchanged else store.claims(article_id)
    plan = plan_new_version(article.text, text, claims, proposals)
    if not title and article.title == guess_title(article.text):
        title = guess_title(text)
    return store.import_new_version(
        article_id,
        plan,
        reviewer=reviewer,
        source=source,
        format=format,
        original=original,
        title=title or None,
    )


def _previous_version(store: Store, source: str, replaces: int | None) -> int | None:
    """The article a new import replaces: ``replaces``, else the latest from ``source``."""
    if replaces is not None:
        store.get_article(replaces)
        return replaces
    return store.find_article_by_source(source)
