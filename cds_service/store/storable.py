"""Values made storable before they are queued, so one odd value never takes a batch down with it.

Clients may send any JSON string: 2,048 characters where a column holds 128, a NUL (PostgreSQL refuses it
in text), or a lone surrogate (not encodable as UTF-8). Each string is cut to its column's length and
cleaned; the original length is noted beside the record, so nothing is changed silently.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import String, Table

JSON_STRING_LIMIT = 256        # one string inside a JSON column (an order code, a suggestion id)
TEXT_LIMIT = 10_000            # an unbounded text column (the feedback comment)


def clean_text(value: str, limit: int | None) -> str:
    cleaned = value.replace("\x00", "")
    try:
        cleaned.encode("utf-8")
    except UnicodeEncodeError:   # a lone surrogate: replace it, keep the rest
        cleaned = cleaned.encode("utf-8", "replace").decode("utf-8")
    if limit is not None and len(cleaned) > limit:
        cleaned = cleaned[:limit]
    return cleaned


def _clean_json(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value, JSON_STRING_LIMIT)
    if isinstance(value, list):
        return [_clean_json(v) for v in value]
    if isinstance(value, dict):
        return {_clean_json(k): _clean_json(v) for k, v in value.items()}
    return value


@lru_cache(maxsize=None)   # computed once per table: this runs for every hook call
def column_limits(table: Table) -> dict[str, int | None]:
    """String columns of a table and how many characters each holds (None: unbounded text)."""
    return {c.name: (c.type.length or TEXT_LIMIT) for c in table.columns if isinstance(c.type, String)}


def make_storable(fields: dict[str, Any], limits: dict[str, int | None], notes: dict[str, int],
                  prefix: str = "") -> dict[str, Any]:
    """Clean `fields` in place for a table with these string `limits`; note changed fields' original lengths."""
    for name, value in fields.items():
        if isinstance(value, str):
            cleaned = clean_text(value, limits.get(name, JSON_STRING_LIMIT))
        elif isinstance(value, (list, dict)):
            cleaned = _clean_json(value)
        else:
            continue
        if cleaned != value:
            fields[name] = cleaned
            notes[prefix + name] = len(value) if isinstance(value, str) else len(str(value))
    return fields
