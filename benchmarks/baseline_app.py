"""The baseline: the fastest thing the same server can do for the same request.

It reads the body, and answers with the response our service gives to that body (captured beforehand,
so the same size), chosen by the X-Body-Index header the load script sends.
"""
from __future__ import annotations

import os
from pathlib import Path

_CANNED = [line.encode() for line in Path(os.environ["BENCH_CANNED_FILE"]).read_text().splitlines()]


def app(environ, start_response):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    environ["wsgi.input"].read(length)
    body = _CANNED[int(environ.get("HTTP_X_BODY_INDEX", "0")) % len(_CANNED)]
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


def _flask_app():
    """The same canned answer through Flask: the floor any Flask service on this server stands on."""
    from flask import Flask, Response, request

    flask_app = Flask(__name__)

    @flask_app.post("/cds-services/<service_id>")
    def canned(service_id: str) -> Response:
        request.get_data()
        return Response(_CANNED[int(request.headers.get("X-Body-Index", "0")) % len(_CANNED)],
                        mimetype="application/json")

    @flask_app.get("/healthz")
    def healthz() -> Response:
        return Response("{}", mimetype="application/json")
    return flask_app


flask_app = _flask_app()
