"""Jinja2 templates that render each distinct set of values once.

A card's words depend on a handful of values (policy, situation, line of business, the orders' names,
counts, dates) that repeat from call to call; rendering the same template with the same values again
only spends time. `MemoEnvironment` gives templates whose `render` looks its values up first.

The key is the values written as JSON by orjson (in C, a few microseconds for a card's values):
strings, numbers, booleans, null, and containers in their order; 1, 1.0 and true are written apart.
Values of any other kind (dates, subclasses, dataclasses, arbitrary objects whose equality or text
may hide what a template reads) make orjson call `_unkeyable`, and those values are rendered every
time, never guessed at. JSON cannot tell a tuple from a list, nor NaN from None: a template is given
the same kinds at the same places on every call (the values are built by one function), so two
different contexts never share a key. Templates in this environment must be pure functions of their
values: no globals that change, no filters with side effects (ours are).
"""
from __future__ import annotations

import threading
from typing import Any

import jinja2
import orjson

MEMO_ENTRIES = 2048     # per environment; a card's key and text are a few kB, so a few MB at most
_OPTIONS = orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


class Unkeyable(TypeError):
    """A value whose exact identity cannot be told from its contents."""


def _unkeyable(value: Any) -> Any:
    raise Unkeyable(type(value).__name__)


def freeze(values: dict[str, Any]) -> bytes:
    """The memo key of a template's values; raises Unkeyable (a TypeError) for values we do not key."""
    return orjson.dumps(values, default=_unkeyable, option=_OPTIONS)


class MemoTemplate(jinja2.Template):
    def render(self, *args: Any, **kwargs: Any) -> str:
        values = dict(*args, **kwargs)
        try:
            key = (self, freeze(values))
        except TypeError:   # Unkeyable, or what orjson refuses (a non-string key, a huge integer)
            return super().render(values)
        memo = self.environment.memo
        text = memo.get(key)
        if text is None:
            text = super().render(values)
            memo.put(key, text)
        return text


class _Bounded:
    """At most `size` entries; the oldest goes first. Shared by a worker's threads."""

    def __init__(self, size: int):
        self.size = size
        self._entries: dict[Any, str] = {}
        self._lock = threading.Lock()

    def get(self, key: Any) -> str | None:
        return self._entries.get(key)

    def put(self, key: Any, text: str) -> None:
        with self._lock:
            if len(self._entries) >= self.size:
                del self._entries[next(iter(self._entries))]
            self._entries[key] = text

    def __len__(self) -> int:
        return len(self._entries)


class MemoEnvironment(jinja2.Environment):
    """Templates are read once at start (no auto_reload stat calls on every render or include):
    changed wording takes effect on the next start, like changed policies."""

    template_class = MemoTemplate

    def __init__(self, *args: Any, memo_entries: int = MEMO_ENTRIES, **kwargs: Any):
        kwargs.setdefault("auto_reload", False)
        super().__init__(*args, **kwargs)
        self.memo = _Bounded(memo_entries)
