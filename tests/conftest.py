"""Shared fixtures: every test runs with its own data dirs and a fake clock."""

from __future__ import annotations

import itertools
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotator.store import Store

# The shared folder beside the checkout (CI copies the checkout elsewhere and says where).
SHARED_DIR = Path(
    os.environ.get("ANNOTATOR_TEST_SHARED") or Path(__file__).resolve().parents[2] / "shared"
)
SEED_ARTICLE = SHARED_DIR / "seed" / "mdma-therapy-article.txt"
REAL_DIR = SHARED_DIR / "real"
SAMPLE_ARTICLE = Path(__file__).resolve().parents[1] / "data" / "mdma-assisted-therapy.md"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every annotator path at tmp_path so a developer's own data never leaks in."""
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    monkeypatch.setenv("ANNOTATOR_DB", str(tmp_path / "annotator.db"))
    monkeypatch.setenv("ANNOTATOR_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("ANNOTATOR_REVIEWER", "tester")
    monkeypatch.delenv("ANNOTATOR_SCALE", raising=False)


def db_dump(path: Path) -> str:
    """Every row of a database file as SQL ("" when there is no file): equal dumps, same data."""
    if not path.exists():
        return ""
    conn = sqlite3.connect(path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def fake_clock(start: int = 0) -> Callable[[], str]:
    """A clock that ticks one second per call, from a fixed date (``start`` ticks on)."""
    counter = itertools.count(start)

    def now() -> str:
        n = next(counter)
        return f"2026-01-01T{n // 3600 % 24:02d}:{n // 60 % 60:02d}:{n % 60:02d}Z"

    return now


@pytest.fixture
def store() -> Iterator[Store]:
    s = Store.memory(clock=fake_clock())
    yield s
    s.close()


@pytest.fixture
def seed_text() -> str:
    if not SEED_ARTICLE.exists():
        pytest.skip(f"the shared seed article is absent here ({SEED_ARTICLE})")
    return SEED_ARTICLE.read_text(encoding="utf-8")


def store_copies(build: Callable[[Store], object], *, fake: bool = True) -> Callable[[], Store]:
    """New stores in memory, each holding what ``build`` writes on an empty one.

    The first call builds it; every call returns a copy (SQLite's backup, a fraction of
    a millisecond), so a hypothesis test starts each example from the same state without
    importing and proposing it again. With ``fake``, each copy's clock goes on from where
    the build left a ``fake_clock`` (the timestamps are those of building it afresh);
    otherwise the stores keep the real clock.
    """
    built: list[tuple[Store, int]] = []

    def copy() -> Store:
        if not built:
            ticks = [0]
            clock = fake_clock()

            def counting() -> str:
                ticks[0] += 1
                return clock()

            template = Store.memory(clock=counting) if fake else Store.memory()
            build(template)
            built.append((template, ticks[0]))
        template, used = built[0]
        fresh = Store.memory(clock=fake_clock(used)) if fake else Store.memory()
        template.db.conn.backup(fresh.db.conn)
        return fresh

    return copy


def name_editors(*names: str) -> None:
    """Name ``names`` the editors in the test's desk config (``ANNOTATOR_CONFIG``), as
    ``annotator config set editors`` does: only they may work as editors."""
    from annotator.app.desk_settings import change_settings

    change_settings(Path(os.environ["ANNOTATOR_CONFIG"]), {"editors": ",".join(names)})
