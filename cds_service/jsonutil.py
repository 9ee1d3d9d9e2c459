"""Small helpers for the JSON we write."""
from __future__ import annotations

from typing import Any


class Pruned(dict):
    """An object prune() has already cleaned and found non-empty, built once and shared by every
    response (never changed after): prune() keeps it as it is rather than walk it again. prune()
    walks plain dicts and lists only (`type(v) is dict`); any other value that is not None it keeps."""


def pruned_once(value: dict) -> Pruned | None:
    """prune(value) as a Pruned, or None where prune() would drop it (empty once cleaned)."""
    cleaned = prune(value)
    return Pruned(cleaned) if cleaned else None


def prune(value: Any, *, drop_empty_objects: bool = True) -> Any:
    """Drop None, empty strings and empty arrays (CDS Hooks and FHIR forbid them), and empty objects
    unless told not to: an echoed client resource keeps its `coding: [{}]` as sent. Returns new
    containers, so the input is never changed. Every response passes through here, so each value's
    type is looked at once, inline, rather than through a helper per value."""
    kind = type(value)
    if kind is dict:
        return _prune_dict(value, drop_empty_objects)
    if kind is list:
        return _prune_list(value, drop_empty_objects)
    return value


def _prune_dict(value: dict, drop_empty_objects: bool) -> dict:
    out = {}
    for k, v in value.items():
        kind = type(v)
        if kind is str or kind is list:
            if kind is list:
                v = _prune_list(v, drop_empty_objects)
            if v:
                out[k] = v
        elif kind is dict:
            v = _prune_dict(v, drop_empty_objects)
            if v or not drop_empty_objects:
                out[k] = v
        elif v is not None:
            out[k] = v
    return out


def _prune_list(value: list, drop_empty_objects: bool) -> list:
    out = []
    for v in value:
        kind = type(v)
        if kind is str or kind is list:
            if kind is list:
                v = _prune_list(v, drop_empty_objects)
            if v:
                out.append(v)
        elif kind is dict:
            v = _prune_dict(v, drop_empty_objects)
            if v or not drop_empty_objects:
                out.append(v)
        elif v is not None:
            out.append(v)
    return out
