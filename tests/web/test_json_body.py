"""A body orjson accepts is walked for depth alone: that is sound only while orjson itself refuses
every scalar the full check would (unpaired surrogates, infinities) and never hands back an integer
JSON cannot carry back. Pinned here against the orjson installed, value by value."""
from __future__ import annotations

import json

import orjson
import pytest

from cds_service.hook_request import RequestError
from cds_service.json_body import MAX_DEPTH, _holdable, decode_body
from tests.fixtures.hostile import NUMBERS, RAW_TOKENS, STRINGS


def _bodies() -> list[bytes]:
    out = []
    for value in STRINGS + NUMBERS:
        out.append(json.dumps({"hook": "order-sign", "v": value}).encode())
        if isinstance(value, str):
            out.append(json.dumps({value: 1}).encode())
    out += [b'{"v": ' + token.encode() + b"}" for token in RAW_TOKENS]
    out += [b'{"v": [' + str(n).encode() + b"]}" for n in (2 ** 64, -(2 ** 63) - 1, 10 ** 400)]
    return out


@pytest.mark.parametrize("raw", _bodies(), ids=lambda raw: raw[:40].decode("utf-8", "replace"))
def test_what_orjson_accepts_the_full_check_accepts_too(raw):
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return   # refused by orjson: decode_body falls back to the full check
    assert _holdable(document)


@pytest.mark.parametrize("raw", _bodies(), ids=lambda raw: raw[:40].decode("utf-8", "replace"))
def test_decode_body_refuses_exactly_what_the_full_check_refuses(raw):
    # the full check on whatever parser reads the body: orjson, else the standard library
    try:
        expected = _holdable(orjson.loads(raw))
    except orjson.JSONDecodeError:
        try:
            expected = _holdable(json.loads(raw, parse_constant=float))
        except ValueError:
            expected = False
    try:
        decode_body(raw)
        accepted = True
    except RequestError:
        accepted = False
    assert accepted == expected


@pytest.mark.parametrize("depth", [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1])
@pytest.mark.parametrize("leaf", [b"1", b"{}", b"[]", b'{"a": [1, {"b": null}]}'])
def test_the_depth_walk_draws_the_line_where_the_full_check_does(depth, leaf):
    raw = b'{"x": ' * depth + leaf + b"}" * depth
    expected = _holdable(json.loads(raw))
    try:
        decode_body(raw)
        accepted = True
    except RequestError as exc:
        accepted = False
        assert f"nested more than {MAX_DEPTH} levels" in exc.message
    assert accepted == expected
