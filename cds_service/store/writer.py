"""Audit records leave the request path: a per-process background thread writes them in batches.

A slow or unreachable database costs the clinician nothing: the hook answers, the writer logs an error
and drops the batch it could not write. The queue is bounded so an outage cannot grow memory.
"""
from __future__ import annotations

import atexit
import logging
import os
import queue
import threading
import time
from typing import Callable, Sequence

from .records import CallAudit

log = logging.getLogger("cds_service.store")


class AuditWriter:
    def __init__(self, write: Callable[[Sequence[CallAudit]], None], max_queue: int = 10_000, batch: int = 500,
                 linger: float = 0.05):
        self._write = write
        self._queue: "queue.Queue[CallAudit]" = queue.Queue(maxsize=max_queue)
        self._batch = batch
        self._linger = linger
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._pid = os.getpid()
        self.dropped = 0
        self.failed_batches = 0
        atexit.register(self.flush, 2.0)

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

    def submit(self, audit: CallAudit) -> bool:
        self._ensure_thread()
        try:
            self._queue.put_nowait(audit)
            return True
        except queue.Full:
            self.dropped += 1
            log.error("audit queue full; record dropped", extra={"hookInstance": audit.hook_instance})
            return False

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything submitted so far is written (or given up on)."""
        if self._thread is None or self._pid != os.getpid():
            return True
        done = threading.Event()

        def wait() -> None:
            self._queue.join()
            done.set()
        threading.Thread(target=wait, daemon=True).start()
        return done.wait(timeout)

    def _run(self) -> None:
        q = self._queue
        while True:
            batch = [q.get()]
            # Linger a moment to gather what arrives meanwhile: a few large transactions hold the
            # database (and this thread the interpreter) far less than many small ones.
            deadline = time.monotonic() + self._linger
            while len(batch) < self._batch:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                try:
                    batch.append(q.get(timeout=remaining))
                except queue.Empty:
                    break
            try:
                self._write(batch)
            except Exception:   # noqa: BLE001 - any database failure degrades to a logged error
                self.failed_batches += 1
                log.exception("audit write failed; %d record(s) dropped", len(batch))
            finally:
                for _ in batch:
                    q.task_done()
