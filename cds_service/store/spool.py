"""Where records wait while the database is away, and where a record no database accepts is set aside.

The spool is a directory in the data directory holding append-only segment files of JSON lines, one
segment open per writing process at a time. A batch is appended with one write and one fsync, so a
process killed with SIGKILL loses at most the batch it had not yet appended. Each segment is held under
an exclusive flock while it is written or replayed: a segment nobody holds belonged to a process that
stopped, and whichever process finds it first replays it. Segment names start with the time of their
first record, so replay goes oldest first. Replay is idempotent (records carry natural keys), so a
segment replayed twice after a crash stores nothing twice.
"""
from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from .records import CallAudit, FeedbackBatch

log = logging.getLogger("cds_service.store")

Item = CallAudit | FeedbackBatch


def encode(item: Item) -> dict[str, Any]:
    kind = "call" if isinstance(item, CallAudit) else "feedback"
    return {"kind": kind, "record": item.to_json()}


def decode(line: dict[str, Any]) -> Item:
    if line["kind"] == "call":
        return CallAudit.from_json(line["record"])
    return FeedbackBatch.from_json(line["record"])


@dataclass
class SpoolState:
    records: int = 0
    bytes: int = 0
    segments: int = 0
    oldest_age_seconds: float = 0.0


class Spool:
    """Append-only segments under `directory`, bounded to `max_bytes` in all."""

    def __init__(self, directory: Path, max_bytes: int):
        self.directory = directory
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._handle: Any = None
        self._pid = os.getpid()
        self._counted: dict[Path, tuple[int, int]] = {}   # segment -> (bytes, records) already counted
        self._count_lock = threading.Lock()

    # --- writing ----------------------------------------------------------------------------------
    def _open_segment(self) -> Any:
        if self._handle is not None and self._pid == os.getpid():
            return self._handle
        self._pid = os.getpid()
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{time.time_ns():020d}-{os.getpid()}.jsonl"
        handle = open(path, "ab")
        fcntl.flock(handle, fcntl.LOCK_EX)
        self._handle = handle
        return handle

    def append(self, items: list[Item]) -> int:
        """Append and fsync; returns how many items were kept (0 when the spool is full)."""
        if not items:
            return 0
        data = b"".join(json.dumps(encode(i), separators=(",", ":"), ensure_ascii=True).encode() + b"\n"
                        for i in items)
        with self._lock:
            if self.total_bytes() + len(data) > self.max_bytes:
                return 0
            handle = self._open_segment()
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        return len(items)

    def close_segment(self) -> None:
        """Finish the open segment (it becomes replayable by anyone); the next append starts a new one."""
        with self._lock:
            if self._handle is not None and self._pid == os.getpid():
                self._handle.close()
            self._handle = None

    # --- reading ----------------------------------------------------------------------------------
    def _segments(self) -> list[Path]:
        try:
            return sorted(p for p in self.directory.iterdir() if p.suffix == ".jsonl")
        except FileNotFoundError:
            return []

    def _records(self, path: Path, size: int) -> int:
        """Lines in a segment, counting only what was appended since the last look (segments only grow),
        so /readyz and /metrics stay cheap while a long outage fills the spool."""
        known_size, known_records = self._counted.get(path, (0, 0))
        if size < known_size:
            known_size, known_records = 0, 0
        with open(path, "rb") as handle:
            handle.seek(known_size)
            remaining = size - known_size
            while remaining > 0:
                chunk = handle.read(min(remaining, 1 << 20))
                if not chunk:
                    break
                known_records += chunk.count(b"\n")
                remaining -= len(chunk)
        self._counted[path] = (size, known_records)
        return known_records

    def state(self) -> SpoolState:
        """Records, bytes and the age of the oldest record across every process's segments."""
        with self._count_lock:
            return self._state()

    def _state(self) -> SpoolState:
        state = SpoolState()
        now = time.time()
        segments = self._segments()
        for gone in set(self._counted) - set(segments):
            del self._counted[gone]
        for path in segments:
            try:
                size = path.stat().st_size
                records = self._records(path, size)
            except FileNotFoundError:
                continue
            if not records:
                continue
            state.segments += 1
            state.bytes += size
            state.records += records
            first = int(path.name.split("-", 1)[0]) / 1e9
            state.oldest_age_seconds = max(state.oldest_age_seconds, round(now - first, 3))
        return state

    def total_bytes(self) -> int:
        total = 0
        for path in self._segments():
            try:
                total += path.stat().st_size
            except FileNotFoundError:
                continue
        return total

    def has_backlog(self) -> bool:
        return self.total_bytes() > 0

    def claim(self) -> Iterator[tuple[Path, list[Item], list[bytes]]]:
        """Segments nobody else holds, oldest first, each yielded while locked; the caller calls
        `done(path)` once it has delivered everything, which removes the segment."""
        own = self._handle.name if self._handle is not None else None
        for path in self._segments():
            if str(path) == own:
                continue
            try:
                handle = open(path, "rb")
            except FileNotFoundError:
                continue
            with handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue   # a live process is writing or replaying it
                if os.fstat(handle.fileno()).st_nlink == 0:
                    continue   # replayed and removed by another process meanwhile
                items, broken = [], []
                for line in handle.read().splitlines():
                    try:
                        items.append(decode(json.loads(line)))
                    except (ValueError, KeyError, TypeError):
                        broken.append(line)   # e.g. the last line of a process killed mid-write
                yield path, items, broken

    @staticmethod
    def done(path: Path) -> None:
        path.unlink(missing_ok=True)


class DeadLetters:
    """Records the database refused one by one, with why: kept for an operator, never silently dropped."""

    def __init__(self, directory: Path):
        self.directory = directory
        self._lock = threading.Lock()

    def add(self, payload: dict[str, Any] | bytes, error: str) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        if isinstance(payload, bytes):
            payload = {"unreadable": payload.decode("utf-8", "replace")}
        line = json.dumps({"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "error": error,
                           **payload}, ensure_ascii=True) + "\n"
        with self._lock, open(self.directory / f"{os.getpid()}.jsonl", "a", encoding="ascii") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())

    def count(self) -> int:
        try:
            return sum(p.read_bytes().count(b"\n") for p in self.directory.glob("*.jsonl"))
        except FileNotFoundError:
            return 0
