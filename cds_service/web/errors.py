"""Every error is a FHIR OperationOutcome served as application/fhir+json, never an HTML page or a trace."""
from __future__ import annotations

import logging

from flask import Flask, Response, json
from werkzeug.exceptions import HTTPException

log = logging.getLogger("cds_service.web")

FHIR_JSON = "application/fhir+json"

_CODES = {400: "invalid", 401: "security", 403: "forbidden", 404: "not-found", 405: "not-supported",
          413: "too-costly", 415: "not-supported", 503: "transient"}


def operation_outcome(status: int, message: str, code: str | None = None) -> Response:
    body = {"resourceType": "OperationOutcome",
            "issue": [{"severity": "error", "code": code or _CODES.get(status, "exception"),
                       "diagnostics": message}]}
    return Response(json.dumps(body), status=status, mimetype=FHIR_JSON)


def register(app: Flask) -> None:
    from .request_body import close_if_body_unread
    app.after_request(close_if_body_unread)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        messages = {404: "No such endpoint or CDS service. GET /cds-services lists the services.",
                    405: "This method is not allowed here. CDS services take POST; discovery takes GET.",
                    413: "The request body is larger than this service accepts."}
        response = operation_outcome(exc.code or 500, messages.get(exc.code, exc.description or exc.name))
        if exc.code == 405 and hasattr(exc, "valid_methods") and exc.valid_methods:
            response.headers["Allow"] = ", ".join(exc.valid_methods)
        return response

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> Response:
        log.exception("unexpected error")
        return operation_outcome(500, "The service failed unexpectedly; the error has been logged.", "exception")
