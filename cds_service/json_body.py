"""A request body read as JSON the service can hold, log, store and write back.

Parsing alone is not enough: JSON may carry text Python can hold but nothing can encode (an unpaired
UTF-16 surrogate such as "\\ud800"), numbers no JSON writer accepts back (1e400 is infinity; integers
beyond 64 bits), and nesting deep enough to break the writer when CRD echoes an order (orjson stops at
255 levels) or any recursive reader. Each of those is refused here, once, for every endpoint, with the
element named, instead of failing later in whatever first touches the value.
"""
from __future__ import annotations

import json
import math
from typing import Any

import orjson

from .hook_request import RequestError

# Real CDS Hooks requests nest about a dozen levels (body, context, draftOrders, entry, resource,
# extension, sub-extension, valueCodeableConcept, coding); 64 leaves room for any client and keeps the
# CRD echo (the order plus four levels of response) far below what the JSON writer accepts.
MAX_DEPTH = 64
_INT_RANGE = (-(2 ** 63), 2 ** 64 - 1)       # what orjson writes back
_CONTAINERS = frozenset({dict, list})
_SHOWN_PATH = 160                              # characters of an element's path named in a message


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def decode_body(raw: bytes) -> Any:
    """JSON from the body, whatever the Content-Type said, or a RequestError naming what is wrong.

    orjson first (fast; it refuses unpaired surrogates and infinities itself, and reads an integer
    beyond 64 bits as a float), so what it returns can only be too deep: only its containers are
    walked. The standard library only to say why orjson refused and where, since it reads those values
    and the full check below can then name the element.
    """
    if not raw:
        raise RequestError(400, "The request body is empty; a CDS Hooks request is a JSON object.")
    try:
        document = orjson.loads(raw)
        holdable = _shallow_enough(document)
    except orjson.JSONDecodeError:
        document = _decode_strictly(raw)
        holdable = _holdable(document)
    if not holdable:
        path, problem = _first_problem(document)
        raise RequestError(400, f"'{_shown(path)}' {problem}.")
    return document


def _decode_strictly(raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise RequestError(400, "The request body is not valid UTF-8.") from None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise RequestError(400, f"The request body is nested more than {MAX_DEPTH} levels deep.") from None
    except ValueError as exc:
        raise RequestError(400, f"The request body is not valid JSON ({exc.args[0] if exc.args else exc}).") from None


def _shallow_enough(document: Any) -> bool:
    """Depth alone, one level of containers at a time: scalars are never looked at (orjson's own
    refusals cover them; tests/web/test_json_body.py pins that for the orjson installed)."""
    level = [document] if type(document) in _CONTAINERS else []
    depth = 1
    while level:
        if depth > MAX_DEPTH:
            return False
        below: list[Any] = []
        for container in level:
            for value in (container.values() if type(container) is dict else container):
                kind = type(value)
                if kind is dict or kind is list:
                    below.append(value)
        level = below
        depth += 1
    return True


def _holdable(document: Any) -> bool:
    """The fast pass, without paths: every request goes through it."""
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        kind = type(value)
        if kind is dict:
            if depth > MAX_DEPTH:
                return False
            for key, item in value.items():
                if not _valid_scalar(key):
                    return False
                stack.append((item, depth + 1))
        elif kind is list:
            if depth > MAX_DEPTH:
                return False
            stack.extend((item, depth + 1) for item in value)
        elif not _valid_scalar(value):
            return False
    return True


def _valid_scalar(value: Any) -> bool:
    kind = type(value)
    if kind is str:
        return value.isascii() or _encodable(value)
    if kind is float:
        return math.isfinite(value)
    if kind is int:
        return _INT_RANGE[0] <= value <= _INT_RANGE[1]
    return True


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _problem(value: Any) -> str:
    if type(value) is str:
        return "contains an unpaired UTF-16 surrogate, which is not Unicode text"
    return "is a number out of range (not finite, or an integer beyond 64 bits)"


def _first_problem(document: Any) -> tuple[str, str]:
    """The slow pass, only for a refused body: the first offending element and what is wrong with it."""
    stack: list[tuple[Any, str, int]] = [(document, "", 1)]
    while stack:
        value, path, depth = stack.pop()
        kind = type(value)
        if kind is dict or kind is list:
            if depth > MAX_DEPTH:
                return path, f"is nested more than {MAX_DEPTH} levels deep"
            if kind is dict:
                for key in value:
                    if not _valid_scalar(key):
                        return path or "(the body)", "has a member name with an unpaired UTF-16 surrogate"
                items = [(v, f"{path}.{k}" if path else k) for k, v in value.items()]
            else:
                items = [(v, f"{path}[{i}]") for i, v in enumerate(value)]
            stack.extend((v, p, depth + 1) for v, p in reversed(items))
        elif not _valid_scalar(value):
            return path or "(the body)", _problem(value)
    return "(the body)", "cannot be read"


def _shown(path: str) -> str:
    return path if len(path) <= _SHOWN_PATH else path[:_SHOWN_PATH] + "…"
