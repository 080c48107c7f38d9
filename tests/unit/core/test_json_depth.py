"""The depth check a user's JSON file passes before parsing: the pass-per-level check
must count what the token-by-token count does, on JSON and on text that is not."""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from annotator.files import _JSON_STRING, MAX_JSON_DEPTH, _json_depth_by_token, json_depth

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='ab[]{}"\\ \n'),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(alphabet='k[]{}"\\', max_size=3), inner, max_size=3)
    ),
    max_leaves=30,
)


@given(json_values, st.integers(min_value=0, max_value=8))
def test_depth_of_any_json_is_the_token_count(value: object, limit: int) -> None:
    text = json.dumps(value)
    assert json_depth(text, limit) == _json_depth_by_token(text, limit)
    assert json_depth(text) == _json_depth_by_token(text, MAX_JSON_DEPTH)


@given(st.text(alphabet='[]{}"\\ a\n', max_size=60), st.integers(min_value=0, max_value=6))
def test_depth_of_any_text_is_the_token_count(text: str, limit: int) -> None:
    assert json_depth(text, limit) == _json_depth_by_token(text, limit)


def test_depth_at_and_past_the_limit() -> None:
    at = "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH
    assert json_depth(at) == MAX_JSON_DEPTH
    assert json_depth("[" + at + "]") == MAX_JSON_DEPTH + 1
    # Unclosed and hostile-deep: stops counting past the limit either way.
    assert json_depth("[" * 100_000) == MAX_JSON_DEPTH + 1
    assert json_depth("]" * 50 + "[" * 120 + "]" * 120) == 70


@given(st.text(alphabet='"\\ a[\n', max_size=40))
def test_strings_are_read_as_the_plain_pattern_reads_them(text: str) -> None:
    plain = re.compile(r'"(?:[^"\\]|\\.)*"')
    assert _JSON_STRING.findall(text) == plain.findall(text)
