"""HomeScreen: the articles of the desk; import, open, delete."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList, ProgressBar
from textual.widgets.option_list import Option

from annotator.app.assigning import AssignmentRow, assignment_rows, my_assignments
from annotator.app.importing import ImportResult, article_paths, import_file, import_pasted
from annotator.app.version_report import reworded_phrases, stale_grades_seen
from annotator.app.wording import counted
from annotator.errors import AnnotatorError, InputError
from annotator.scales import Scale
from annotator.store import ArticleSummary, NewVersionReport, Store
from annotator.tui.access import app_of
from annotator.tui.screens.confirm import ConfirmModal
from annotator.tui.screens.import_file import ImportModal
from annotator.tui.settings import Settings
from annotator.tui.text import safe

BAR_WIDTH = 12


def verdict_bar(summary: ArticleSummary, scale: Scale, width: int = BAR_WIDTH) -> Content:
    """A bar of ``width`` cells: each verdict's share in its colour, ungraded dim."""
    total = max(summary.claims, 1)
    parts: list[Content] = []
    used = 0
    for level in scale.levels:
        count = summary.verdicts.get(level.key, 0)
        cells = round(count * width / total)
        if count and not cells:
            cells = 1
        cells = min(cells, width - used)
        if cells:
            parts.append(Content("█" * cells).stylize(level.colour))
            used += cells
    parts.append(Content("░" * (width - used)).stylize("dim"))
    return Content.assemble(*parts)


def version_notice(report: NewVersionReport, stale_grades: Sequence[int]) -> str:
    """What became of the claims when an article was imported again with new text;
    ``stale_grades``: the reworded claims whose grades went stale (``stale_grades_seen``)."""
    if report.unchanged:
        return f"Text unchanged: still version {report.version}."
    parts = [f"Version {report.version}: claims, grades and links carried across."]
    parts += [f"{p[0].upper()}{p[1:]}." for p in reworded_phrases(report, stale_grades)]
    if report.orphaned:
        parts.append(f"{counted(len(report.orphaned), 'claim')} not found in the new text.")
    if report.proposed:
        parts.append(f"{counted(report.proposed, 'new claim')} proposed.")
    return " ".join(parts)


def import_summary(results: list[ImportResult]) -> str:
    """What a many-file import did, counted by outcome."""
    counts = {outcome: sum(r.outcome == outcome for r in results) for outcome in
              ("new", "version", "duplicate")}  # fmt: skip
    new, versions = counts["new"], counts["version"]
    parts = [f"{new} new {'article' if new == 1 else 'articles'}"]
    if versions:
        parts.append(f"{versions} new {'version' if versions == 1 else 'versions'}")
    if counts["duplicate"]:
        parts.append(f"{counts['duplicate']} already here")
    return ", ".join(parts) + "."


def progress_text(row: AssignmentRow) -> str:
    """A reviewer's progress on an assigned article: "3/11", or why it is not shown."""
    return "hidden" if row.graded is None else f"{row.graded}/{row.claims}"


def article_row(
    summary: ArticleSummary,
    scale: Scale,
    *,
    mine: AssignmentRow | None = None,
    assignees: list[AssignmentRow] | None = None,
) -> Content:
    """Title, then source, claim count, progress and the verdict bar on a second line;
    the viewer's own assignment (their progress) and, for an editor, everyone assigned
    with theirs, on a line of their own."""
    article = summary.article
    source = article.source or "pasted"
    if len(source) > 48:
        source = "…" + source[-47:]
    # A stale verdict (given to words a correction changed) is to do again: counted
    # apart, as the review header, stats and the report count it.
    stale = sum(summary.stale.values())
    progress = f"{summary.graded - stale}/{summary.claims} graded"
    if stale:
        progress += f" · {stale} stale"
    if summary.dismissed:
        progress += f" · {summary.dismissed} dismissed"
    parts = [
        safe(article.title or f"article {article.id}").stylize("bold"),
        Content("\n  "),
        verdict_bar(summary, scale),
        Content(f"  {summary.claims} claims · {progress} · ").stylize("dim"),
        safe(source).stylize("dim italic"),
    ]
    if mine is not None:
        state = "done" if mine.done else "to do"
        parts.append(
            Content(
                f"\n  ▶ assigned to you · you graded {mine.graded or 0} of {mine.claims}"
                f" claims · {state}"
            ).stylize("$text-accent")
        )
    if assignees:
        names = [Content("\n  assigned: ").stylize("dim")]
        for i, row in enumerate(assignees):
            if i:
                names.append(Content(" · ").stylize("dim"))
            names.append(safe(row.assignment.reviewer))
            names.append(Content(f" {progress_text(row)}").stylize("dim"))
        parts.extend(names)
    return Content.assemble(*parts)


class HomeScreen(Screen[None]):
    """Every article in the database, newest last."""

    BINDINGS = [
        Binding("j", "move(1)", "Next", show=False, id="home.next", tooltip="Next article"),
        Binding(
            "k", "move(-1)", "Previous", show=False, id="home.previous", tooltip="Previous article"
        ),
        Binding(
            "enter",
            "open_article",
            "Open",
            id="home.open",
            tooltip="Review the highlighted article",
            priority=True,  # else the focused list's own Enter hides it from footer and help
        ),
        Binding(
            "i",
            "import_article",
            "Import",
            id="home.import",
            tooltip="Import an article from a file or pasted text",
        ),
        Binding(
            "d,delete",
            "delete_article",
            "Delete",
            id="home.delete",
            tooltip="Delete the highlighted article (asks first)",
        ),
        Binding(
            "a",
            "assign",
            "Assign",
            id="home.assign",
            tooltip="Editors: choose who checks the highlighted article",
        ),
        Binding(
            "s",
            "settings",
            "Settings",
            id="home.settings",
            tooltip="The desk's settings: organization, editors, scale, blind review...",
        ),
        Binding(
            "Q",
            "queue",
            "Queue",
            id="home.queue",
            tooltip="What needs a person again in every article",
        ),
    ]

    def __init__(self, store: Store, settings: Settings) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.importing = False
        """Files are being imported in a worker (one import at a time)."""
        self.given: tuple[str | None, str] = (None, "")
        """The title and URL the import dialog gave (one file only)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(id="article-list")
        with Horizontal(id="import-progress"):
            yield Label("", id="import-status")
            yield ProgressBar(id="import-bar", show_eta=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "articles"
        self.query_one("#article-list").focus()

    def on_screen_resume(self) -> None:
        # Drawn when shown, not at start-up under the review screen: the resume of the
        # start-up arrives after the review screen covered this one, and summarising a
        # year's desk (thousands of articles) would delay the review screen's first paint.
        if self.app.screen is self:
            self.refresh_articles()

    def refresh_articles(self, select_id: int | None = None) -> None:
        """Redraw the list from the store, keeping (or moving to) a highlighted article.

        The reviewer's own assignments come first, unfinished ones first, each with how
        far they got; then every other article. An editor sees who is on each article.
        """
        articles = self.query_one("#article-list", OptionList)
        keep = select_id if select_id is not None else self._highlighted_id()
        if keep is None:  # first shown: on the article last opened (at start-up, say)
            keep = int(self.store.get_state("article", "0") or 0)
        viewer = self.settings.viewer
        summaries = self.store.article_summaries(viewer=viewer)
        by_id = {s.article.id: s for s in summaries}
        mine = [r for r in my_assignments(self.store, viewer) if r.assignment.article_id in by_id]
        assignees: dict[int, list[AssignmentRow]] = {}
        if viewer.editor:
            for row in assignment_rows(self.store, viewer):
                assignees.setdefault(row.assignment.article_id, []).append(row)
        scale = self.store.scales.verdict
        options: list[Option | None] = []
        for row in mine:
            aid = row.assignment.article_id
            prompt = article_row(by_id[aid], scale, mine=row, assignees=assignees.get(aid))
            options.append(Option(prompt, id=str(aid)))
        mine_ids = {r.assignment.article_id for r in mine}
        rest = [s for s in summaries if s.article.id not in mine_ids]
        if mine and rest:
            options.append(None)
        options.extend(
            Option(
                article_row(s, scale, assignees=assignees.get(s.article.id)), id=str(s.article.id)
            )
            for s in rest
        )
        articles.clear_options()
        articles.add_options(options)
        title = f"Articles ({len(summaries)})"
        if mine:
            todo = sum(not r.done for r in mine)
            title = f"Assigned to you ({len(mine)}, {todo} to do) · {title}"
        articles.border_title = title
        if not summaries:
            articles.add_option(Option("No articles yet: press i to import one.", disabled=True))
            return
        ids = [int(o.id) for o in options if o is not None and o.id]
        target = keep if keep in ids else ids[0]
        articles.highlighted = articles.get_option_index(str(target))

    def _highlighted_id(self) -> int | None:
        articles = self.query_one("#article-list", OptionList)
        if articles.highlighted is None or not articles.option_count:
            return None
        option = articles.get_option_at_index(articles.highlighted)
        return int(option.id) if option.id else None

    @on(OptionList.OptionSelected, "#article-list")
    def article_selected(self) -> None:
        self.action_open_article()

    def action_open_article(self) -> None:
        if (article_id := self._highlighted_id()) is not None:
            app_of(self).open_article(article_id)

    def action_move(self, step: int) -> None:
        articles = self.query_one("#article-list", OptionList)
        if step > 0:
            articles.action_cursor_down()
        else:
            articles.action_cursor_up()

    def action_queue(self) -> None:
        from annotator.tui.screens.queue import QueueScreen

        self.app.push_screen(QueueScreen(self.store, self.settings.viewer, None))

    @work
    async def action_import_article(self) -> None:
        """Files (one, a folder, a pattern) or pasted text, with a title and the web
        address it came from if given."""
        if self.importing:
            self.notify("An import is running: its progress is at the foot of the list.")
            return
        request = await self.app.push_screen_wait(ImportModal())
        if request is None:
            return
        title, url = request.title or None, request.url
        reviewer, threshold = self.settings.reviewer, self.settings.threshold
        try:
            if request.path is None:
                pasted = import_pasted(
                    self.store, request.text, reviewer=reviewer, threshold=threshold,
                    title=title, url=url,
                )  # fmt: skip
            else:
                paths = article_paths(request.path)
                if (title or url) and len(paths) > 1:
                    raise InputError(
                        "a title and a URL name one article: import one file at a time"
                    )
        except AnnotatorError as exc:
            self.notify(str(exc), severity="error")
            return
        if request.path is None:
            self._imported([(Path("pasted text"), pasted)], 1)
            return
        self.given = (title, url)
        self.importing = True
        self._show_progress(0, len(paths), paths[0])
        self.import_paths(paths)

    @work(thread=True, group="import")
    def import_paths(self, paths: list[Path]) -> None:
        """Import files one by one through the import use case, off the UI thread.

        SQLite connections belong to their thread: the worker opens the file again. A
        database in memory has no second connection, so each file is imported on the UI
        thread there, the progress still drawn between files.
        """
        store = self.store.reopen()
        outcomes: list[tuple[Path, ImportResult | AnnotatorError]] = []
        try:
            for n, path in enumerate(paths):
                self.app.call_from_thread(self._show_progress, n, len(paths), path)
                try:
                    if store is None:
                        result = self.app.call_from_thread(self._import_one, self.store, path)
                    else:
                        result = self._import_one(store, path)
                except AnnotatorError as exc:
                    outcomes.append((path, exc))
                else:
                    outcomes.append((path, result))
        finally:
            if store is not None:
                store.close()
            self.app.call_from_thread(self._imported, outcomes, len(paths))

    def _import_one(self, store: Store, path: Path) -> ImportResult:
        title, url = self.given
        return import_file(
            store, path, reviewer=self.settings.reviewer, threshold=self.settings.threshold,
            title=title, url=url,
        )  # fmt: skip

    def _show_progress(self, done: int, total: int, path: Path) -> None:
        self.query_one("#import-progress").display = True
        self.query_one("#import-status", Label).update(
            Content(f"Importing {done + 1} of {total}: ") + safe(path.name)
        )
        self.query_one("#import-bar", ProgressBar).update(total=total, progress=done)

    def _imported(
        self, outcomes: list[tuple[Path, ImportResult | AnnotatorError]], asked: int
    ) -> None:
        """Say what the import did; one file imported from this screen opens it."""
        self.importing = False
        self.query_one("#import-progress").display = False
        results = [r for _p, r in outcomes if isinstance(r, ImportResult)]
        failed = [(p, e) for p, e in outcomes if isinstance(e, AnnotatorError)]
        self.refresh_articles(select_id=results[-1].article_id if results else None)
        for path, exc in failed:
            where = f"{path.name}: " if asked > 1 else ""
            self.notify(f"{where}{exc}", severity="error")
        if asked == 1 and results:
            result = results[0]
            if result.outcome == "duplicate":
                self.notify("That article is already here: opened it.")
            elif result.version is not None:
                seen = stale_grades_seen(self.store, result.version, self.settings.viewer)
                self.notify(version_notice(result.version, seen))
            if self.app.screen is self:
                app_of(self).open_article(result.article_id)
            return
        if results:
            self.notify(import_summary(results), title="Imported")

    @work
    async def action_settings(self) -> None:
        """The desk settings, written as `annotator config set` writes them."""
        from annotator.tui.screens.settings import SettingsModal

        changes = await self.app.push_screen_wait(SettingsModal(self.settings))
        if not changes:
            return
        said = f"Saved {', '.join(changes)}."
        if "scale" in changes:
            said += " The scale applies from the next start."
        self.notify(said)
        self.refresh_articles()

    @work
    async def action_assign(self) -> None:
        """An editor chooses the reviewers of the highlighted article."""
        from annotator.app.assigning import require_editor, set_reviewers
        from annotator.tui.screens.assign import AssignModal

        article_id = self._highlighted_id()
        if article_id is None:
            return
        settings = self.settings
        try:
            require_editor(settings.viewer, "assign articles")
        except AnnotatorError as exc:
            self.notify(str(exc), severity="error")
            return
        article = self.store.get_article(article_id)
        current = [a.reviewer for a in self.store.assignments(article_id=article_id)]
        known = sorted({*self.store.known_reviewers(), *settings.desk.editors, *current})
        names = await self.app.push_screen_wait(AssignModal(article.title, known, current))
        if names is None:
            return
        try:
            change = set_reviewers(self.store, settings.viewer, article_id, names)
        except AnnotatorError as exc:
            self.notify(str(exc), severity="error")
            return
        if change.changed:
            self.notify(f"Article {change.summary(unchanged=False)}.")
        else:
            self.notify("Assignments unchanged.")
        self.refresh_articles(select_id=article_id)

    @work
    async def action_delete_article(self) -> None:
        article_id = self._highlighted_id()
        if article_id is None:
            return
        title = self.store.get_article(article_id).title
        question = f"Delete “{title}” with its claims, links and grades? This cannot be undone."
        if await self.app.push_screen_wait(ConfirmModal(question)):
            self.store.delete_article(article_id, reviewer=self.settings.reviewer)
            self.notify("Article deleted.")
            self.refresh_articles()
