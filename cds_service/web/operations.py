"""Endpoints for operators, open without a token: health, readiness, metrics, the OpenAPI document."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, json

from .. import metrics
from ..openapi import openapi_document

bp = Blueprint("operations", __name__)


@bp.get("/healthz")
def healthz() -> Response:
    return Response(json.dumps({"status": "ok"}), mimetype="application/json")


@bp.get("/readyz")
def readyz() -> Response:
    rt = current_app.extensions["cds_service"]
    checks = {"policies": bool(rt.policy_set.policies), "policy_version": rt.policy_set.version}
    if rt.store is not None:
        reachable = rt.store.ping()
        checks["database"] = reachable
        checks["schema_current"] = bool(reachable and rt.store.schema_current())
    if rt.writer is not None:
        # Records waiting for the database: they do not make the service unready (calls are answered), but
        # an operator sees how much and how old.
        state = rt.writer.spool.state()
        checks["spool"] = {"records": state.records, "bytes": state.bytes,
                           "oldest_age_seconds": state.oldest_age_seconds}
        checks["dead_letters"] = rt.writer.dead_letters.count()
    ready = checks["policies"] and checks.get("database", True) and checks.get("schema_current", True)
    return Response(json.dumps({"status": "ready" if ready else "not ready", "checks": checks}),
                    status=200 if ready else 503, mimetype="application/json")


@bp.get("/metrics")
def prometheus() -> Response:
    rt = current_app.extensions["cds_service"]
    extra = [metrics.SpoolCollector(rt.writer.spool.state)] if rt.writer is not None else []
    body, content_type = metrics.exposition(extra)
    return Response(body, content_type=content_type)


@bp.get("/openapi.json")
def openapi() -> Response:
    return Response(json.dumps(openapi_document()), mimetype="application/json")
