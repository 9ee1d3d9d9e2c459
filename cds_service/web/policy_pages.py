"""Policy pages: GET /policies and /policies/{id}, as HTML for people and JSON for programs.

Open without a token: a clinician follows the link from a card in a browser that carries no CDS Hooks
JWT, and the pages hold policy text only, never patient data.
"""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, current_app, json, request

from .errors import operation_outcome

bp = Blueprint("policy_pages", __name__)


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/json"], default="text/html")
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def _page(html: str) -> Response:
    response = Response(html, mimetype="text/html")
    # Plain pages of our own: nothing of theirs runs, nothing of ours is framed elsewhere.
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Vary"] = "Accept"
    return response


def _json(body: object) -> Response:
    response = Response(json.dumps(body), mimetype="application/json")
    response.headers["Vary"] = "Accept"
    return response


@bp.get("/policies")
def policy_index() -> Response:
    runtime = current_app.extensions["cds_service"]
    service = request.args.get("service")
    if service is not None and service not in runtime.policy_set.services:
        return operation_outcome(404, f"There is no service '{service[:64]}'. GET /policies lists the policies on file.")
    index = runtime.pages.index(service)
    return _json(index) if _wants_json() else _page(runtime.pages.index_html(index))


@bp.get("/policies/<policy_id>")
def policy_page(policy_id: str) -> Response:
    runtime = current_app.extensions["cds_service"]
    as_json = policy_id.endswith(".json")
    if as_json:
        policy_id = policy_id[: -len(".json")]
    document = runtime.pages.document(policy_id, runtime.today())
    if document is None:
        return operation_outcome(404, f"There is no policy '{policy_id[:64]}'. GET /policies lists the policies on file.")
    return _json(document) if as_json or _wants_json() else _page(runtime.pages.html(document))
