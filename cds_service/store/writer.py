"""Audit records leave the request path: a per-process background thread writes them in batches.

Nothing is lost quietly. Records are made storable before they are queued. A batch the database refuses
is written again record by record, so only a record no database accepts is set aside, into the
dead-letter file with why. While the database is unreachable (or its schema is not usable), records go to
the local spool, fsync'd per batch, and are written oldest first, idempotently, once it is back. On a
graceful stop (SIGTERM under gunicorn, or any normal exit) whatever is still queued goes to the database
or, failing that, to the spool.
"""
from __future__ import annotations

import atexit
import logging
import os
import queue
import threading
import time
from typing import Any, Sequence

from sqlalchemy.exc import OperationalError

from .. import metrics
from ..logs import describe_error
from .records import CallAudit, FeedbackBatch
from .spool import DeadLetters, Item, Spool, encode

log = logging.getLogger("cds_service.store")


class AuditWriter:
    def __init__(self, store: Any, spool: Spool, dead_letters: DeadLetters, max_queue: int = 10_000,
                 batch: int = 500, linger: float = 0.05, retry_interval: float = 1.0, scan_interval: float = 5.0):
        self._store = store
        self.spool = spool
        self.dead_letters = dead_letters
        self._queue: "queue.Queue[Item]" = queue.Queue(maxsize=max_queue)
        self._batch = batch
        self._linger = linger
        self._retry_interval = retry_interval
        self._scan_interval = scan_interval
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._pid = os.getpid()
        self._inflight: list[Item] = []
        self._stopping = False
        self.spooling = False
        atexit.register(self.close)

    # --- the request side -------------------------------------------------------------------------
    def start(self) -> None:
        self._ensure_thread()

    def _ensure_thread(self) -> None:
        # After a fork (gunicorn workers) the parent's thread does not exist in the child.
        if self._thread is not None and self._thread.is_alive() and self._pid == os.getpid():
            return
        with self._lock:
            if self._thread is None or not self._thread.is_alive() or self._pid != os.getpid():
                if self._pid != os.getpid():
                    self._queue = queue.Queue(maxsize=self._queue.maxsize)
                    self._pid = os.getpid()
                self._thread = threading.Thread(target=self._run, name="cds-audit-writer", daemon=True)
                self._thread.start()

    def submit(self, item: Item) -> bool:
        """Queue a call's audit record or a feedback batch; never blocks on the database, never raises."""
        if isinstance(item, CallAudit):
            item.make_storable()
        else:
            for entry in item.entries:
                entry.make_storable()
        self._ensure_thread()
        try:
            self._queue.put_nowait(item)
            return True
        except queue.Full:
            # The database is slower than the calls: the record waits on disk rather than being dropped.
            return self._to_spool([item], reason="audit queue full") == 1

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything submitted so far is written, spooled or set aside."""
        if self._thread is None or self._pid != os.getpid():
            return True
        done = threading.Event()

        def wait() -> None:
            self._queue.join()
            done.set()
        threading.Thread(target=wait, daemon=True).start()
        return done.wait(timeout)

    def close(self, timeout: float = 5.0) -> None:
        """At exit: let the thread finish; what it could not finish in time goes to the spool. Records
        written and spooled both are stored once (natural keys)."""
        if self._pid != os.getpid() or self._thread is None:
            return
        self._stopping = True
        if not self.flush(timeout):
            left = list(self._inflight)
            while True:
                try:
                    left.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            self._to_spool(left, reason="stopping with the database unavailable")
        self.spool.close_segment()

    # --- the writer thread ------------------------------------------------------------------------
    def _gather(self, timeout: float) -> list[Item]:
        q = self._queue
        try:
            batch = [q.get(timeout=timeout)]
        except queue.Empty:
            return []
        # Linger a moment to gather what arrives meanwhile: a few large transactions hold the database
        # (and this thread the interpreter) far less than many small ones. Sleeping rather than waiting
        # on the queue: a waiting thread is woken by every record put, and each wake takes the
        # interpreter from a request; a sleeping one costs a request nothing.
        time.sleep(self._linger)
        while len(batch) < self._batch:
            try:
                batch.append(q.get_nowait())
            except queue.Empty:
                break
        return batch

    def _run(self) -> None:
        next_replay = 0.0   # at start: replay what a stopped process left behind
        while True:
            batch = self._gather(self._retry_interval)
            self._inflight = batch
            try:
                if batch and self.spooling:
                    self._to_spool(batch, reason="database unavailable")
                elif batch:
                    self._deliver(batch, respool=True)
                if time.monotonic() >= next_replay:
                    self._replay()
                    next_replay = time.monotonic() + (self._retry_interval if self.spooling else self._scan_interval)
            except Exception as exc:   # noqa: BLE001 - the writer must outlive any single failure
                log.error("audit writer failed; its records went to the spool", extra=describe_error(exc))
                self._to_spool(batch, reason="writer failure")
            finally:
                self._inflight = []
                for _ in batch:
                    self._queue.task_done()
            if self._stopping and self._queue.empty():
                return

    def _write(self, items: Sequence[Item]) -> None:
        calls = [i for i in items if isinstance(i, CallAudit)]
        if calls:
            self._store.write_calls(calls)
        for item in items:
            if isinstance(item, FeedbackBatch):
                self._store.record_feedback(item.service_id, item.entries, item.keep_comments)

    def _usable(self) -> bool:
        """Reachable, with a schema we can write to: otherwise a failure is an outage, not a bad record."""
        try:
            return self._store.ping() and self._store.schema_current()
        except Exception:   # noqa: BLE001 - any failure to look means "not usable now"
            return False

    def _outage(self, exc: BaseException) -> bool:
        """A failure that waiting cures: the database away or unusable, or held by another writer (SQLite
        answers "database is locked" once its busy timeout has passed; PostgreSQL a lock timeout)."""
        text = str(getattr(exc, "orig", None) or exc).lower()
        if isinstance(exc, OperationalError) and ("locked" in text or "busy" in text or "lock timeout" in text):
            return True
        return not self._usable()

    def _deliver(self, batch: Sequence[Item], respool: bool) -> bool:
        """Write a batch; on refusal, record by record. False when the database went away meanwhile (the
        rest is spooled when `respool`, else left where it came from)."""
        try:
            self._write(batch)
            return True
        except Exception as exc:   # noqa: BLE001 - classified below
            if self._outage(exc):
                if respool:
                    self._enter_outage(batch, exc)
                return False
            log.warning("audit batch refused; writing its %d record(s) one by one", len(batch),
                        extra=describe_error(exc))
        for i, item in enumerate(batch):
            try:
                self._write([item])
            except Exception as exc:   # noqa: BLE001 - classified below
                if self._outage(exc):
                    if respool:
                        self._enter_outage(batch[i:], exc)
                    return False
                self.dead_letters.add(encode(item), describe_error(exc)["error"])
                metrics.AUDIT_DEAD_LETTERS.inc()
                log.error("audit record refused by the database; set aside in the dead-letter file",
                          extra={**describe_error(exc), "hookInstance": getattr(item, "hook_instance", None)})
        return True

    def _enter_outage(self, items: Sequence[Item], exc: BaseException) -> None:
        if not self.spooling:
            log.error("database unavailable; audit records go to the local spool until it is back",
                      extra=describe_error(exc))
        self.spooling = True
        self._to_spool(items, reason="database unavailable")

    def _to_spool(self, items: Sequence[Item], reason: str) -> int:
        if not items:
            return 0
        try:
            kept = self.spool.append(list(items))
        except OSError as exc:
            kept = 0
            log.error("audit spool not writable", extra=describe_error(exc))
        metrics.AUDIT_SPOOLED.inc(kept)
        if kept < len(items):
            metrics.AUDIT_DROPPED.inc(len(items) - kept)
            log.error("%d audit record(s) lost (%s; the spool is full or not writable)", len(items) - kept, reason)
        return kept

    def _replay(self) -> None:
        """Write spooled records (this process's and any a stopped process left), oldest first."""
        if not self.spooling and not self.spool.has_backlog():
            return
        if not self._store.ping():
            return
        if not self._store.schema_ready:
            try:
                self._store.upgrade()
            except Exception as exc:   # noqa: BLE001 - try again at the next interval
                log.error("database schema could not be prepared", extra=describe_error(exc))
                return
        self.spool.close_segment()
        replayed = 0
        for path, items, broken in self.spool.claim():
            for line in broken:
                self.dead_letters.add(line, "unreadable spool line")
                metrics.AUDIT_DEAD_LETTERS.inc()
                log.error("unreadable line in the audit spool; set aside in the dead-letter file")
            for start in range(0, len(items), self._batch):
                if not self._deliver(items[start:start + self._batch], respool=False):
                    return   # the database went away again; the segment stays for the next try
            self.spool.done(path)
            replayed += len(items)
        if self.spooling or replayed:
            log.warning("audit spool written to the database: %d record(s)", replayed)
        self.spooling = False
