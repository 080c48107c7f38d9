"""export.json_text: indented JSON in pieces, byte for byte what json.dumps writes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.export.json_text import json_chunks, json_lines
from annotator.text.terminal import json_terminal_safe

# Every JSON value, with text that needs escaping (quotes, backslashes, C0, DEL and C1
# controls, line and paragraph separators, astral characters) and the cases json
# converts on its own: floats, tuples, keys that are not strings.
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(alphabet=st.characters(exclude_categories=["Cs"]))
    | st.sampled_from(['"', "\\", "\n\r\t\b\f\x00\x1b\x7f\x85\x9b", "\u2028\u2029", "😀"])
)
keys = st.text() | st.integers() | st.booleans() | st.none()
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
        | st.dictionaries(keys, inner, max_size=3)
    ),
    max_leaves=20,
)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


@given(values)
def test_any_value_is_written_as_json_dumps_writes_it(value: Any) -> None:
    assert "".join(json_chunks(value)) == dumps(value)


@given(st.lists(values, max_size=5))
def test_an_iterator_is_written_as_the_list_it_yields(items: list[Any]) -> None:
    assert "".join(json_chunks(iter(items))) == dumps(items)
    chunks = list(json_chunks(x for x in items))
    assert len(chunks) == len(items) + 1  # one piece per element, then the close


@given(st.dictionaries(st.text(max_size=5), values, max_size=4), st.lists(values, max_size=4))
def test_an_iterator_inside_the_top_object_is_a_list_too(
    head: dict[str, Any], items: list[Any]
) -> None:
    streamed = {**head, "rows": iter(items), "after": 1}
    assert "".join(json_chunks(streamed)) == dumps({**head, "rows": items, "after": 1})


def test_what_json_cannot_write_is_refused_as_json_refuses_it() -> None:
    with pytest.raises(TypeError):
        "".join(json_chunks({"a": object()}))
    with pytest.raises(TypeError):
        "".join(json_chunks({1: iter([])}))


@given(st.lists(values, max_size=4))
def test_json_lines_are_what_json_dumps_writes_a_row(rows: list[Any]) -> None:
    # One C encoder is set up for all the rows: each line is still json.dumps's text.
    expected = "\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
    assert json_lines(rows) == json_terminal_safe(expected)
