"""Text is data in every message the TUI shows: notifications, the header, the claim
list's border. Titles, file names, queries and error text with ``[bold]``, ``[/]`` or an
ESC show as typed (ESC as ␛) and never stop the app (``[/]`` as markup raises)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.command import CommandPalette
from textual.content import Content
from textual.widgets import Header, Input, OptionList

from annotator.scales import default_scales, parse_scales
from annotator.store import Store
from annotator.tui.app import AnnotatorApp, Settings, make_app
from annotator.tui.screens.home import HomeScreen
from annotator.tui.screens.review import ReviewScreen
from annotator.tui.widgets.claim_list import ClaimsPane
from tests.tui_fixture import sample_claims, sample_text
from tests.workers import import_from_home

HOSTILE = "[bold red]x[/] [link=file:///etc]y[/link] \x1b[31m"
SHOWN = "[bold red]x[/] [link=file:///etc]y[/link] ␛[31m"
# A file name holds no "/": no closing tags, the same tricks otherwise.
HOSTILE_NAME = "[bold red]x [link=mailto:a]y \x1b[31m.md"
SHOWN_NAME = "[bold red]x [link=mailto:a]y ␛[31m.md"


def _app(store: Store) -> AnnotatorApp:
    return make_app(store, Settings(reviewer="ann", cursor_blink=False))


def _toasts(app: AnnotatorApp) -> list[str]:
    """What each notification on screen shows (its title and message), as drawn
    (``run_test(notifications=True)``: the pilot draws none otherwise)."""
    shown = []
    for toast in app.screen.query("Toast"):
        rendered = toast.render()
        assert isinstance(rendered, Content)
        shown.append(rendered.plain)
    return shown


def _sample(store: Store, title: str) -> int:
    return store.import_article(
        sample_text(), title=title, reviewer="ann", proposals=sample_claims()
    ).id


async def test_any_notification_is_shown_as_typed(store: Store) -> None:
    """Screens notify through ``Widget.notify``, whose ``markup`` is True unless said."""
    _sample(store, "MDMA")
    app = _app(store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        app.screen.notify(HOSTILE, severity="error")
        app.notify(HOSTILE, title=HOSTILE)
        await pilot.pause()
        toasts = _toasts(app)
        assert toasts.count(SHOWN) == 1, toasts
        assert f"{SHOWN}\n{SHOWN}" in toasts, toasts
        assert all("\x1b" not in n.message + n.title for n in app._notifications)


async def test_a_file_that_fails_to_import_is_named_as_it_is(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.md").write_text("# Good\n\nRents rose 40% in 2020.\n", encoding="utf-8")
    (folder / HOSTILE_NAME).write_bytes(b"\x00\x01\x02binary")
    app = _app(store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await import_from_home(pilot, folder)
        await pilot.pause()
        toasts = _toasts(app)
        assert any(t.startswith(f"{SHOWN_NAME}: ") for t in toasts), toasts
        assert [a.title for a in store.list_articles()] == ["Good"]


async def test_the_header_shows_the_title_and_the_reviewer_as_they_are(store: Store) -> None:
    _sample(store, HOSTILE)
    app = make_app(store, Settings(reviewer="[b]ann[/b]", cursor_blink=False))
    async with app.run_test(size=(160, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        header = app.screen.query_one(Header)
        drawn = header.format_title().plain
        assert SHOWN in drawn and "annotator · [b]ann[/b] · 0/" in drawn


async def test_a_search_query_shows_in_the_border_as_typed(store: Store) -> None:
    _sample(store, "MDMA")
    app = _app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        app.screen.query_one("#claim-filter", Input).value = HOSTILE
        await pilot.pause()
        pane = app.screen.query_one(ClaimsPane)
        assert pane._border_subtitle is not None
        assert pane._border_subtitle.plain == SHOWN
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


DESK_SCALE = """
[verdict]
name = "desk"
levels = [
  { key = "[b]true[/b]", label = "True", meaning = "true", ordinal = 2 },
  { key = "[/]false", label = "False", meaning = "false", ordinal = 1 },
]
"""


async def test_the_palette_shows_a_desk_scale_as_typed() -> None:
    """Verdict keys of the palette name the levels of the desk's own scale (its TOML)."""
    scales = parse_scales(tomllib.loads(DESK_SCALE), "desk.toml", fallback=default_scales())
    store = Store.memory(scales=scales)
    _sample(store, "MDMA")
    app = _app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await pilot.press(*"grade")
        await pilot.pause(0.3)
        hits = palette.query_one(OptionList)
        shown = [
            str(getattr(hits.get_option_at_index(i).prompt, "plain", ""))
            for i in range(hits.option_count)
        ]
        assert any("grade: [b]true[/b]  (1)" in s for s in shown), shown
        assert any("grade: [/]false  (2)" in s for s in shown), shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    store.close()
