"""Small helpers for the JSON we write."""
from __future__ import annotations

from typing import Any


def prune(value: Any, *, drop_empty_objects: bool = True) -> Any:
    """Drop None, empty strings and empty arrays (CDS Hooks and FHIR forbid them), and empty objects
    unless told not to: an echoed client resource keeps its `coding: [{}]` as sent."""
    empty = (None, "", [], {}) if drop_empty_objects else (None, "", [])
    if isinstance(value, dict):
        out = {k: prune(v, drop_empty_objects=drop_empty_objects) for k, v in value.items()}
        return {k: v for k, v in out.items() if not _is_empty(v, empty)}
    if isinstance(value, list):
        out = [prune(v, drop_empty_objects=drop_empty_objects) for v in value]
        return [v for v in out if not _is_empty(v, empty)]
    return value


def _is_empty(value: Any, empty: tuple) -> bool:
    return any(value is e or (type(value) is type(e) and value == e) for e in empty)
