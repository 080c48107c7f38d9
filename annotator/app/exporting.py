"""Export: the claims of one article (or all) in a named format, with an honest count.

Both faces call this: the CLI writes to a file or standard output, the TUI to a file.
The count says how many claims were written and how many were left out, and why
(dismissed, stale, disputed, not settled).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.config import DeskConfig
from annotator.export import EXPORT_FORMATS, render, select, stream
from annotator.export.table import collect
from annotator.files import write_file_atomically
from annotator.grades.visibility import Viewer
from annotator.store import Store


@dataclass
class ExportOutput:
    """One export's content and the count of what it holds.

    A streamed format's ``content`` is read from the store as it is written, so its count
    is known only once the content has been consumed.
    """

    content: str | bytes | Iterable[str]
    streamed: bool
    # The files of the database it was read from: never written over (``write_export``).
    database: tuple[Path, ...] = ()
    _selection: Any = None
    _counted: list[int] = field(default_factory=lambda: [0])

    def message(self, destination: str = "") -> str:
        """ "23 of 24 claims written to out.csv (1 dismissed left out)"."""
        if self._selection is not None:
            text: str = self._selection.message(destination)
            return text
        noun = "claim" if self._counted[0] == 1 else "claims"
        where = f" to {destination}" if destination else ""
        return f"{self._counted[0]} {noun} written{where}"


def render_export(
    store: Store,
    fmt: str,
    article_id: int | None = None,
    *,
    desk: DeskConfig | None = None,
    status: str | None = None,
    verdict: str | None = None,
    include_stale: bool = False,
    include_disputed: bool = False,
    viewer: Viewer | None = None,
) -> ExportOutput:
    """The export of ``article_id`` (None: every article) in format ``fmt``, holding of
    others' grades what ``viewer`` may see under blind review."""
    spec = EXPORT_FORMATS[fmt]
    if article_id is not None:
        store.get_article(article_id)  # a clear error for an article that is not there
    if spec.stream:  # written as read: memory stays flat however many claims
        counted = [0]

        def texts() -> Iterator[str]:
            pieces = stream(fmt, store, article_id, status=status, verdict=verdict, viewer=viewer)
            for text, claims in pieces:
                counted[0] += claims
                yield text

        return ExportOutput(texts(), streamed=True, database=store.files, _counted=counted)
    export_set = collect(
        store,
        article_id,
        status=status,
        verdict=verdict,
        desk=desk,
        full=spec.full,
        include_stale=include_stale,
        include_disputed=include_disputed,
        viewer=viewer,
    )
    return ExportOutput(
        render(fmt, export_set),
        streamed=False,
        database=store.files,
        _selection=select(fmt, export_set),
    )


def write_export(output: ExportOutput, path: Path) -> str:
    """Write an export to ``path`` whole or not at all, never over the database it came
    from; returns what was written."""
    write_file_atomically(path, output.content, held=output.database)
    return output.message(str(path))


def default_file_name(title: str, fmt: str, article_id: int | None = None) -> str:
    """A file name for an export: the article's title as a slug, the format's extension."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = [w for w in re.split(r"[^a-z0-9]+", ascii_title.lower()) if w]
    slug = ""
    for word in words:  # whole words, up to 40 characters
        if slug and len(slug) + 1 + len(word) > 40:
            break
        slug = f"{slug}-{word}" if slug else word[:40]
    if not slug:
        slug = f"article-{article_id}" if article_id is not None else "claims"
    suffix = "-table" if fmt == "md-table" else ""
    return f"{slug}{suffix}.{EXPORT_FORMATS[fmt].extension}"
