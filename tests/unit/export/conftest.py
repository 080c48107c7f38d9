"""The export fixture's store, a fresh copy for each test that asks for ``built``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from annotator.store import Store
from tests import export_fixture


@pytest.fixture
def built() -> Iterator[Store]:
    """A store holding ``tests.export_fixture`` (``build`` on a new store, copied)."""
    store = export_fixture.built_store()
    yield store
    store.close()
