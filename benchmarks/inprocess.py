"""In-process measurements: one hook call against one canned Flask call through the same WSGI
interface gunicorn uses (no sockets), and memory over a long run of calls."""
from __future__ import annotations

import gc
import io
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any, Callable

import psutil

from . import workload

SIGN_PATH = "/cds-services/coverage-policy-order-sign"


def _environ(raw: bytes) -> dict[str, Any]:
    return {"REQUEST_METHOD": "POST", "PATH_INFO": SIGN_PATH, "SCRIPT_NAME": "", "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8080", "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(raw), "wsgi.errors": sys.stderr,
            "wsgi.multithread": True, "wsgi.multiprocess": True, "wsgi.run_once": False, "wsgi.version": (1, 0),
            "CONTENT_TYPE": "application/json", "CONTENT_LENGTH": str(len(raw)), "HTTP_X_BODY_INDEX": "0",
            "REMOTE_ADDR": "127.0.0.1"}


def call(app: Callable, raw: bytes) -> bytes:
    status: list[str] = []
    body = b"".join(app(_environ(raw), lambda s, h, e=None: status.append(s)))
    if not status[0].startswith("200"):
        raise RuntimeError(f"{status[0]}: {body[:300]!r}")
    return body


def our_app(tmp: Path, audit: bool, log_file: Path) -> Callable:
    """The service as `serve` builds it, auth off, its call log (INFO, one JSON line per call) written to
    a file as a worker's stderr would be."""
    from cds_service import create_app
    payers = {"ma-mrs-plan": {"names": [workload.MA_PLAN]}}
    app = create_app({"CDS_PAYERS": payers, "CDS_AUTH": "off", "CDS_AUDIT": "on" if audit else "off",
                      "CDS_DATA_DIR": str(tmp), "CDS_LOG_LEVEL": "INFO"})
    for handler in logging.getLogger("cds_service").handlers:
        if isinstance(handler, logging.StreamHandler):
            handler.setStream(log_file.open("a"))
    return app


def canned_flask_app(tmp: Path, response: bytes) -> Callable:
    canned = tmp / "inprocess-canned.jsonl"
    canned.write_bytes(response + b"\n")
    os.environ["BENCH_CANNED_FILE"] = str(canned)
    sys.modules.pop("benchmarks.baseline_app", None)
    from .baseline_app import flask_app
    return flask_app


def hook_vs_canned(tmp: Path, rounds: int = 9, calls: int = 300) -> dict[str, float]:
    """The heavy call through our app and through the canned Flask app answering the same bytes;
    rounds alternate and each keeps its best."""
    from cds_service.runtime import tune_gc
    work = tmp / "inprocess"
    work.mkdir(exist_ok=True)
    raw = json.dumps(workload.heavy_request()).encode()
    ours = our_app(work / "data", audit=False, log_file=work / "calls.log")
    flask = canned_flask_app(work, call(ours, raw))
    tune_gc()

    def run(app: Callable) -> float:
        started = time.perf_counter()
        for _ in range(calls):
            call(app, raw)
        return (time.perf_counter() - started) / calls * 1000

    best = {"hook_ms": float("inf"), "canned_ms": float("inf")}
    for _ in range(rounds):
        best["hook_ms"] = min(best["hook_ms"], run(ours))
        best["canned_ms"] = min(best["canned_ms"], run(flask))
    best["ratio"] = best["hook_ms"] / best["canned_ms"]
    return best


def memory_run(tmp: Path, total: int, every: int) -> dict[str, Any]:
    """`total` calls of the realistic mix with the heavy call among them, audit on (SQLite), each call
    with order ids never seen before; RSS and the interpreter's allocated blocks every `every` calls,
    after the audit writer has caught up."""
    from cds_service.runtime import tune_gc
    work = tmp / "memory"
    work.mkdir()
    app = our_app(work / "data", audit=True, log_file=work / "calls.log")
    writer = app.extensions["cds_service"].writer
    bodies = [json.dumps(b).encode() for b in workload.realistic_mix()] + [json.dumps(workload.heavy_request()).encode()]
    tune_gc()
    process = psutil.Process()
    points = []
    started = time.perf_counter()
    for n in range(1, total + 1):
        call(app, workload.with_new_ids(bodies[n % len(bodies)], n))
        if n % every == 0:
            writer.flush(30.0)
            gc.collect()
            points.append({"calls": n, "rss_mb": process.memory_info().rss / 2**20, "blocks": sys.getallocatedblocks()})
            print(f"  memory: {n} calls, RSS {points[-1]['rss_mb']:.1f} MB", flush=True)
    memo = len(app.extensions["cds_service"].renderer.env.memo)
    return {"points": points, "seconds": time.perf_counter() - started, "memo_entries": memo}
