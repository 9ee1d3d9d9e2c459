"""CDS Hooks 2.0 endpoints: discovery and the two services."""
from __future__ import annotations

import logging
import time

from flask import Blueprint, Response, current_app, json, request

from .. import crd
from ..catalog import SERVICES
from ..hook_request import RequestError, decode_body, parse_hook_call
from ..runtime import Runtime
from .errors import operation_outcome

log = logging.getLogger("cds_service.calls")

bp = Blueprint("cds_hooks", __name__)


def runtime() -> Runtime:
    return current_app.extensions["cds_service"]


def _json(body: object, status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json")


@bp.get("/cds-services")
def discovery() -> Response:
    extension = crd.discovery_extension(runtime().settings.crd_version)
    return _json({"services": [s.discovery(extension) for s in SERVICES.values()]})


@bp.post("/cds-services/<service_id>")
def call_service(service_id: str) -> Response:
    started = time.perf_counter()
    service = SERVICES.get(service_id)
    if service is None:
        return operation_outcome(404, f"There is no CDS service '{service_id}'. GET /cds-services lists them.")
    rt = runtime()
    fields = {"service": service.id, "hook": service.hook}
    body = None
    try:
        body = decode_body(request.get_data(cache=False))
        call = parse_hook_call(body, service.hook)
    except RequestError as exc:
        hook_instance = body.get("hookInstance") if isinstance(body, dict) else None
        log.info("hook call refused", extra={**fields, "outcome": exc.code, "status": exc.status,
                                             "hookInstance": hook_instance if isinstance(hook_instance, str) else None,
                                             "latency_ms": round((time.perf_counter() - started) * 1000, 2)})
        return operation_outcome(exc.status, exc.message, exc.code)
    evaluation = rt.evaluate(call)
    cards = evaluation.response["cards"]
    log.info("hook call", extra={
        **fields, "hookInstance": call.hook_instance, "orders": len(call.orders), "cards": len(cards),
        "outcome": "ok", "status": 200, "coverage_source": evaluation.coverage.source,
        "system_actions": len(evaluation.response.get("systemActions", [])),
        "policies": sorted({d.policy.id for d in evaluation.decisions if d.policy}),
        "situations": sorted({d.situation.value for d in evaluation.decisions}),
        "latency_ms": round((time.perf_counter() - started) * 1000, 2)})
    return _json(evaluation.response)
