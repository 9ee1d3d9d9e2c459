"""Unique, unguessable ids for cards, suggestions and coverage assertions, without a system call each.

A card's uuid is what feedback names, so it must stay unpredictable (not a counter) and unique across
workers and restarts (random, 122 bits as in uuid4). `uuid.uuid4()` reads os.urandom for every id;
a hook call needs several, so random bytes are read in blocks and sliced. A forked worker drops the
block it inherited, so a parent and its children never hand out the same bytes.
"""
from __future__ import annotations

import os
import threading

_BLOCK = 4096            # bytes read at once: 256 ids
_lock = threading.Lock()
_buffer = b""
_offset = 0


def _forget_inherited() -> None:
    global _buffer, _offset
    _buffer, _offset = b"", 0


os.register_at_fork(after_in_child=_forget_inherited)


def _random16() -> bytes:
    global _buffer, _offset
    with _lock:
        if _offset + 16 > len(_buffer):
            _buffer, _offset = os.urandom(_BLOCK), 0
        chunk = _buffer[_offset:_offset + 16]
        _offset += 16
    return chunk


def new_uuid() -> str:
    """A random (version 4, RFC 9562) UUID in its usual 8-4-4-4-12 form, as str(uuid.uuid4())."""
    h = _random16().hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


def new_hex() -> str:
    """As uuid.uuid4().hex: the same 128 bits as new_uuid(), 32 lowercase hex digits without dashes."""
    h = _random16().hex()
    return f"{h[:12]}4{h[13:16]}{'89ab'[int(h[16], 16) & 3]}{h[17:]}"
