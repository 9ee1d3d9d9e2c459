"""Jinja2 templates that render each distinct set of values once.

A card's words depend on a handful of values (policy, situation, line of business, the orders' names,
counts, dates) that repeat from call to call; rendering the same template with the same values again
only spends time. `MemoEnvironment` gives templates whose `render` looks its values up first.

The key holds only the values a template can read: the names its source (and the templates it
includes) uses, found by Jinja2's own `meta.find_undeclared_variables` when it is compiled. An order's
id that no wording shows then does not make every call new. Those values are written as JSON by
orjson (in C, microseconds for a card's values): strings, numbers, booleans, null and containers in
their order; 1, 1.0 and true are written apart. Values of any other kind (dates, subclasses,
dataclasses, objects whose equality or text may hide what a template reads) make orjson call
`_unkeyable`, and those values are rendered every time, never guessed at. JSON cannot tell a tuple
from a list, nor NaN from None: a template is given the same kinds at the same places on every call
(its values are built by one function), so two different contexts do not share a key. The key kept is
a 128-bit BLAKE2 digest of that JSON, so the memo's size is its texts. Templates in this environment
must be pure functions of their values: no globals that change, no filters with side effects (ours are).
"""
from __future__ import annotations

import hashlib
import threading
from types import CodeType
from typing import Any

import jinja2
import orjson
from jinja2 import meta

MEMO_ENTRIES = 2048     # per environment; a card's detail is a few kB, so a few MB at most
_OPTIONS = orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


class Unkeyable(TypeError):
    """A value whose exact identity cannot be told from its contents."""


def _unkeyable(value: Any) -> Any:
    raise Unkeyable(type(value).__name__)


def freeze(values: dict[str, Any]) -> bytes:
    """The memo key of a template's values; raises Unkeyable (a TypeError) for values we do not key."""
    return hashlib.blake2b(orjson.dumps(values, default=_unkeyable, option=_OPTIONS), digest_size=16).digest()


class MemoTemplate(jinja2.Template):
    _reads: tuple[frozenset[str], tuple[str | None, ...]] | None = None
    _names: frozenset[str] | None = None
    _ordered_names: tuple[str, ...] = ()    # the same names in one fixed order, for the key

    @classmethod
    def from_code(cls, environment: jinja2.Environment, code: CodeType, globals: Any, uptodate: Any = None) -> Any:
        template = super().from_code(environment, code, globals, uptodate)
        template._reads = environment._reads.pop(code, None)
        return template

    def names(self) -> frozenset[str] | None:
        """Every name this template and the templates it includes read; None when unknown (an include
        chosen at render time), and then every value is part of the key."""
        if self._names is None and self._reads is not None:
            own, included = self._reads
            names = set(own)
            for name in included:
                other = self.environment.get_template(name) if name is not None else None
                other_names = other.names() if isinstance(other, MemoTemplate) else None
                if other_names is None:
                    return None
                names |= other_names
            self._names = frozenset(names)
            self._ordered_names = tuple(sorted(names))
        return self._names

    def render(self, *args: Any, **kwargs: Any) -> str:
        # A card's context is one dict, read here and copied by Jinja2's own render: not copied twice.
        values = args[0] if len(args) == 1 and not kwargs and type(args[0]) is dict else dict(*args, **kwargs)
        names = self.names()
        read = values if names is None else {k: values[k] for k in self._ordered_names if k in values}
        try:
            key = (self, freeze(read))
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
        self._reads: dict[CodeType, tuple[frozenset[str], tuple[str | None, ...]]] = {}

    def compile(self, source: Any, name: str | None = None, filename: str | None = None, raw: bool = False,
                defer_init: bool = False) -> Any:
        """As Jinja2 compiles, plus what the template reads, for MemoTemplate.from_code to pick up."""
        if not isinstance(source, str) or raw:
            return super().compile(source, name, filename, raw, defer_init)
        try:
            tree = self._parse(source, name, filename)
        except jinja2.TemplateSyntaxError:
            return super().compile(source, name, filename, raw, defer_init)   # raises it the usual way
        code = super().compile(tree, name, filename, raw, defer_init)
        self._reads[code] = (frozenset(meta.find_undeclared_variables(tree)),
                             tuple(meta.find_referenced_templates(tree)))
        return code
