"""Small helpers for the JSON we write."""
from __future__ import annotations

from typing import Any


def _empty(value: Any, drop_empty_objects: bool) -> bool:
    if value is None:
        return True
    kind = type(value)
    if kind is str or kind is list:
        return not value
    return drop_empty_objects and kind is dict and not value


def prune(value: Any, *, drop_empty_objects: bool = True) -> Any:
    """Drop None, empty strings and empty arrays (CDS Hooks and FHIR forbid them), and empty objects
    unless told not to: an echoed client resource keeps its `coding: [{}]` as sent. Returns new
    containers, so the input is never changed."""
    kind = type(value)
    if kind is dict:
        out = {}
        for k, v in value.items():
            if type(v) is dict or type(v) is list:
                v = prune(v, drop_empty_objects=drop_empty_objects)
            if not _empty(v, drop_empty_objects):
                out[k] = v
        return out
    if kind is list:
        out_list = []
        for v in value:
            if type(v) is dict or type(v) is list:
                v = prune(v, drop_empty_objects=drop_empty_objects)
            if not _empty(v, drop_empty_objects):
                out_list.append(v)
        return out_list
    return value
