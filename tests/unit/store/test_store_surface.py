"""The store's public surface is the one its package docstring documents."""

from __future__ import annotations

import inspect
import re

import annotator.store
from annotator.store import Store


def _public_methods() -> set[str]:
    """Methods and properties (``on_disk``)."""
    return {
        name
        for name, value in inspect.getmembers(Store)
        if not name.startswith("_") and (callable(value) or isinstance(value, property))
    }


def test_every_public_method_is_documented() -> None:
    doc = annotator.store.__doc__ or ""
    named = set(re.findall(r"``(\w+)``", doc))
    missing = _public_methods() - named
    assert not missing, f"document these in annotator/store/__init__.py: {sorted(missing)}"


def test_the_docstring_names_no_method_that_is_gone() -> None:
    doc = annotator.store.__doc__ or ""
    listed = set(re.findall(r"``(\w+)``", doc.split("Public surface", 1)[1].split("The parts")[0]))
    parts = {"Store", "_claims", "_base", "_citations", "_grades", "_memory", "_export",
             "_history", "_assignments"}  # fmt: skip
    assert listed - _public_methods() - parts == set()
