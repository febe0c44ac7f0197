"""The frame reader is plain Python and never raises, whatever a client sends."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from uitweg.chat import frames

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_a_frame_or_a_refusal(text):
    result = frames.parse(text)
    assert isinstance(result, dict | frames.Refusal)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["type", "id", "body", "last_seq", "from"]), _json))
def test_an_accepted_frame_can_be_stored_and_sent_back_as_utf8(value):
    result = frames.parse(json.dumps(value))
    if isinstance(result, dict):
        json.dumps(result, ensure_ascii=False).encode("utf-8")  # no lone surrogate survives


def test_lone_surrogates_and_deep_nesting_are_refused_with_the_message_id():
    assert frames.parse('{"type": "msg", "id": "abcdefgh", "body": "\\udfff"}') == \
        frames.Refusal("bad_frame", "abcdefgh")
    deep = '{"type": "msg", "id": "abcdefgh", "body": ' + "[" * 7000 + "]" * 7000 + "}"
    assert frames.parse(deep) == frames.Refusal("bad_frame", "abcdefgh")
    assert frames.parse('{"type": "msg", "id": "abcdefgh", "body": [[[[[["x"]]]]]]}') == \
        frames.Refusal("bad_frame", "abcdefgh")
    assert frames.parse("x" * 20_000).reason == "frame_too_big"
    # A valid pair (an emoji written as two escapes) is fine.
    assert frames.parse('{"type": "msg", "id": "abcdefgh", "body": "\\ud83d\\ude00"}')["body"] \
        == "\U0001f600"


def test_client_ids_and_numbers():
    assert frames.client_id_refusal("abcdefgh") == ""
    assert frames.client_id_refusal("sys-0123456789") == "bad_id"
    assert frames.client_id_refusal("no spaces!") == "bad_id"
    assert frames.client_id_refusal(None) == "bad_id"
    assert [frames.last_seq(v) for v in (5, -1, True, "3", None, 2.0)] == [5, 0, 0, 0, 0, 0]
