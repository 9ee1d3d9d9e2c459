"""The replay store every worker of one host shares, whether or not the database answers.

A SQLite file of its own in the data directory (not the audit database, which may be PostgreSQL and
down): WAL, so readers never wait for the writer; synchronous=NORMAL, so a commit does not wait for an
fsync (WAL is flushed at checkpoints; a token id lost in a power cut costs less than an fsync on every
call, and tokens live minutes); and one statement per check, an INSERT that takes over only an expired
row, so the check is one short write transaction and nothing is read first.
"""
from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from pathlib import Path

_SCHEMA = "CREATE TABLE IF NOT EXISTS seen (key BLOB PRIMARY KEY, expires_at REAL NOT NULL) WITHOUT ROWID"
_REMEMBER = ("INSERT INTO seen (key, expires_at) VALUES (?, ?) "
             "ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE seen.expires_at < ?")
_PRUNE = "DELETE FROM seen WHERE expires_at < ?"
PRUNE_EVERY = 1024     # checks between removals of expired rows


def replay_key(issuer: str, jti: str) -> bytes:
    return hashlib.sha256(f"{len(issuer)}:{issuer}{jti}".encode("utf-8", "surrogatepass")).digest()


class HostReplayStore:
    """One connection per process (created lazily, so a forked worker opens its own), used under a lock."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._connection: sqlite3.Connection | None = None
        self._pid = 0
        self._lock = threading.Lock()
        self._checks = 0

    def _connect(self) -> sqlite3.Connection:
        import os
        if self._connection is None or self._pid != os.getpid():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=2.0, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute(_SCHEMA)
            self._connection, self._pid = connection, os.getpid()
        return self._connection

    def remember(self, issuer: str, jti: str, expires_at: float) -> bool:
        """True the first time (issuer, jti) is seen before `expires_at` (epoch seconds); False on a
        replay. Raises sqlite3.Error or OSError when the file cannot be used: the caller then refuses the token."""
        now = time.time()
        with self._lock:
            connection = self._connect()
            new = connection.execute(_REMEMBER, (replay_key(issuer, jti), expires_at, now)).rowcount == 1
            self._checks += 1
            if self._checks % PRUNE_EVERY == 0:
                connection.execute(_PRUNE, (now,))
        return new

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
