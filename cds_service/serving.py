"""The gunicorn worker `cds-service serve` runs: threads, a deadline on reading each request, and
OperationOutcome bodies for the errors gunicorn answers itself.

Why threads: a sync worker serves one connection at a time, so one client that sends half a request
and stalls holds a whole worker, and as many such clients as workers stall the service. gunicorn's
gthread worker waits for new and kept-alive connections in one poller and gives each request a thread;
a stalled client then holds one thread among many, and only until the read deadline below, while the
others keep answering. (An event-loop worker, gevent or eventlet, would hold even less, but it patches
the standard library under the FHIR reader, the audit thread and the database drivers; a buffering
reverse proxy in front, such as nginx, is the stronger choice when the service faces an untrusted
network: see the README.)

Why a deadline: gunicorn reads a request's head and body from a blocking socket with no timeout, so a
client trickling one byte at a time could hold a thread indefinitely. Here every read of one request
shares one deadline, counted from its first byte.
"""
from __future__ import annotations

import json
import socket
import time
from typing import Any

from gunicorn import util
from gunicorn.http.errors import NoMoreData
from gunicorn.workers.gthread import ThreadWorker

READ_TIMEOUT = 10.0        # seconds to receive one whole request (head and body), from its first byte
WRITE_TIMEOUT = 30.0       # seconds to hand one response to the client
THREADS = 64               # per worker: slow clients each hold one, for at most READ_TIMEOUT


class RequestReadTimeout(NoMoreData, TimeoutError):
    """The request did not arrive within the deadline. A NoMoreData, so gunicorn drops the connection
    quietly while it reads the head; a TimeoutError, so the body reader answers 408."""

    def __str__(self) -> str:
        return "the request did not arrive in time"


class DeadlineSocket:
    """A client socket whose reads for one request share one deadline; everything else passes through."""

    def __init__(self, sock: socket.socket, read_timeout: float):
        self._sock = sock
        self._read_timeout = read_timeout
        self._deadline: float | None = None

    def next_request(self) -> None:
        self._deadline = None

    def recv(self, size: int, *flags: int) -> bytes:
        now = time.monotonic()
        if self._deadline is None:
            self._deadline = now + self._read_timeout
        remaining = self._deadline - now
        if remaining <= 0:
            raise RequestReadTimeout()
        self._sock.settimeout(remaining)
        try:
            return self._sock.recv(size, *flags)
        except socket.timeout:
            raise RequestReadTimeout() from None

    def sendall(self, data: Any, *flags: int) -> None:
        self._sock.settimeout(WRITE_TIMEOUT)
        self._sock.sendall(data, *flags)

    def send(self, data: Any, *flags: int) -> int:
        self._sock.settimeout(WRITE_TIMEOUT)
        return self._sock.send(data, *flags)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


def write_operation_outcome(sock: Any, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's own error answer (a bad request line, headers too large, a broken chunk while it
    parses) as a FHIR OperationOutcome instead of an HTML page; the same status, the same words."""
    code = {403: "forbidden", 414: "too-long", 431: "too-long", 500: "exception", 501: "not-supported"}.get(
        status_int, "invalid")
    body = json.dumps({"resourceType": "OperationOutcome", "issue": [
        {"severity": "error", "code": code, "diagnostics": f"{reason}: {mesg}"[:300] if mesg else reason}]}).encode()
    head = (f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\nContent-Type: application/fhir+json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode("latin-1")
    util.write_nonblock(sock, head + body)


def honour_connection_close(app: Any) -> Any:
    """gunicorn drops an application's `Connection: close` (a hop-by-hop header) and keeps the connection
    alive. When we answer before reading a request's body (413, 403, 404), the body is still on the wire
    and gunicorn may give up draining it and close without warning, so the client's next request on that
    connection fails. Telling gunicorn's response to close makes it say so in the answer."""
    def wrapped(environ: dict, start_response: Any) -> Any:
        def start(status: str, headers: list, exc_info: Any = None) -> Any:
            if any(k.lower() == "connection" and v.lower() == "close" for k, v in headers):
                close = getattr(getattr(start_response, "__self__", None), "force_close", None)
                if close is not None:
                    close()
            return start_response(status, headers, exc_info)
        return app(environ, start)
    return wrapped


class ServiceWorker(ThreadWorker):
    """gunicorn's gthread worker with a per-request read deadline and OperationOutcome error bodies."""

    read_timeout = READ_TIMEOUT

    def load_wsgi(self) -> None:
        super().load_wsgi()
        self.wsgi = honour_connection_close(self.wsgi)

    def init_process(self) -> None:
        # This process is one worker of ours: its error writer is ours too.
        util.write_error = write_operation_outcome
        super().init_process()

    def handle(self, conn: Any) -> Any:
        if not isinstance(conn.sock, DeadlineSocket) and not self.cfg.is_ssl:
            conn.sock = DeadlineSocket(conn.sock, self.read_timeout)
        if isinstance(conn.sock, DeadlineSocket):
            conn.sock.next_request()
        return super().handle(conn)


def worker_class(read_timeout: float) -> type[ServiceWorker]:
    """The worker class with this read deadline (gunicorn takes a class, not an instance)."""
    return type("ServiceWorker", (ServiceWorker,), {"read_timeout": read_timeout})
