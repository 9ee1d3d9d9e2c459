"""The request body read as JSON: what the service cannot hold is refused once, at the door, with the
element named in words a person reads (json_body.py). Over HTTP these are the diagnostics of the 400
OperationOutcome; test_hostile_input sends the same bodies over real connections."""
from __future__ import annotations

import json

import pytest

from cds_service.hook_request import RequestError
from cds_service.json_body import MAX_DEPTH, decode_body


def refusal(raw: bytes | str) -> str:
    with pytest.raises(RequestError) as caught:
        decode_body(raw.encode() if isinstance(raw, str) else raw)
    assert caught.value.status == 400
    return caught.value.message


def nested(levels: int, kind: str = "object") -> str:
    """A body `levels` containers deep, the innermost holding a number."""
    if kind == "object":
        return '{"a":' * levels + "1" + "}" * levels
    return "[" * levels + "1" + "]" * levels


SURROGATE = "contains an unpaired UTF-16 surrogate, which is not Unicode text"
OUT_OF_RANGE = "is a number out of range (not finite, or an integer beyond 64 bits)"


def test_an_unpaired_surrogate_is_refused_naming_the_element():
    assert refusal('{"context": {"items": ["ok", "\\ud800"]}}') == f"'context.items[1]' {SURROGATE}."


def test_an_unpaired_surrogate_as_the_whole_body_names_the_body():
    assert refusal('"\\udc00"') == f"'(the body)' {SURROGATE}."


def test_a_member_name_with_an_unpaired_surrogate_names_the_object_holding_it():
    assert refusal('{"context": {"\\ud83d": 1}}') == (
        "'context' has a member name with an unpaired UTF-16 surrogate.")
    assert refusal('{"\\ud83d": 1}') == "'(the body)' has a member name with an unpaired UTF-16 surrogate."


def test_text_outside_ascii_is_kept():
    assert decode_body('{"text": "Mikronährstoffe – 微量栄養素"}'.encode()) == {"text": "Mikronährstoffe – 微量栄養素"}


@pytest.mark.parametrize("number", [2 ** 64 - 1, -(2 ** 63), 0, 1.5])
def test_numbers_json_writers_carry_back_are_kept(number):
    assert decode_body(json.dumps({"n": number}).encode()) == {"n": number}


@pytest.mark.parametrize("number", ["1e400", "-1e400"])
def test_numbers_no_json_writer_carries_back_are_refused_naming_the_element(number):
    assert refusal(f'{{"prefetch": {{"n": [0, {number}]}}}}') == f"'prefetch.n[1]' {OUT_OF_RANGE}."


@pytest.mark.parametrize("number,refused", [(2 ** 64, True), (2 ** 64 - 1, False), (-(2 ** 63) - 1, True),
                                            (-(2 ** 63), False)])
def test_integers_beyond_64_bits_are_refused_where_the_exact_reader_reads_them(number, refused):
    """orjson reads such an integer as a float; the standard library, which reads a body orjson refused
    (here for its surrogate), keeps it exact, and no JSON writer could carry it back."""
    words = refusal(f'{{"n": {number}, "z": "\\ud800"}}')
    assert words == (f"'n' {OUT_OF_RANGE}." if refused else f"'z' {SURROGATE}.")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_bare_constants_are_not_json(constant):
    assert refusal(f'{{"n": {constant}}}') == f"The request body is not valid JSON ({constant} is not a JSON number)."


def test_a_syntax_error_is_described_where_it_stands():
    assert refusal('{"hook": }') == "The request body is not valid JSON (Expecting value: line 1 column 10 (char 9))."


@pytest.mark.parametrize("kind", ["object", "array"])
def test_nesting_is_accepted_to_the_limit_and_refused_past_it(kind):
    assert decode_body(nested(MAX_DEPTH, kind).encode()) is not None
    words = refusal(nested(MAX_DEPTH + 1, kind))
    assert words.endswith(f"' is nested more than {MAX_DEPTH} levels deep.") and MAX_DEPTH == 64


def test_the_element_nested_too_deep_is_named_by_its_path():
    assert refusal(nested(MAX_DEPTH + 1)) == "'" + ".".join(["a"] * MAX_DEPTH) + "' is nested more than 64 levels deep."
    # 64 times "[0]" is 192 characters: cut at 160
    assert refusal(nested(MAX_DEPTH + 1, "array")) == "'" + ("[0]" * MAX_DEPTH)[:160] + "…' is nested more than 64 levels deep."


def test_a_path_is_shown_whole_to_160_characters_and_cut_after():
    name = "x" * 150
    assert refusal(f'{{"{name}": {{"n": 1e400}}}}') == f"'{name}.n' {OUT_OF_RANGE}."
    name = "x" * 158
    assert refusal(f'{{"{name}": {{"n": 1e400}}}}') == f"'{name}.n' {OUT_OF_RANGE}."
    name = "x" * 159
    assert refusal(f'{{"{name}": {{"n": 1e400}}}}') == f"'{name}.…' {OUT_OF_RANGE}."


def test_the_first_offending_element_in_document_order_is_named():
    assert refusal('{"a": [1, 1e400], "b": "\\ud800"}') == f"'a[1]' {OUT_OF_RANGE}."
    assert refusal('{"b": "\\ud800", "a": 1e400}') == f"'b' {SURROGATE}."


def test_nesting_beyond_what_the_reader_can_recurse_is_refused_in_words():
    assert refusal("[" * 100_000) == f"The request body is nested more than {MAX_DEPTH} levels deep."


def test_bytes_that_are_not_utf8_are_refused_in_words():
    assert refusal(b'{"hook": "\xff"}') == "The request body is not valid UTF-8."


def test_an_empty_body_is_refused_in_words():
    assert refusal(b"") == "The request body is empty; a CDS Hooks request is a JSON object."
