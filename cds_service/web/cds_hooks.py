"""CDS Hooks 2.0 endpoints: discovery, the two services, and their feedback."""
from __future__ import annotations

import json
import logging
import time

import orjson
from sqlalchemy.exc import SQLAlchemyError
from flask import Blueprint, Response, current_app, request

from .. import crd, metrics
from ..auth import AuthError
from ..catalog import SERVICES
from ..feedback import MAX_FEEDBACK_BYTES, parse_feedback
from ..hook_request import RequestError, parse_hook_call
from ..json_body import decode_body
from ..outbound import UrlRefused, parse_url
from ..logs import describe_error
from ..runtime import Runtime
from ..store.records import FeedbackBatch
from .errors import operation_outcome
from .request_body import read_body

log = logging.getLogger("cds_service.calls")

bp = Blueprint("cds_hooks", __name__)


def runtime() -> Runtime:
    return current_app.extensions["cds_service"]


def _json(body: object, status: int = 200) -> Response:
    try:
        data = orjson.dumps(body)
    except TypeError:
        # orjson refuses a lone surrogate that a client sent (JSON allows "\ud800"); an echoed order may
        # carry one. The standard library writes it back escaped, as it came.
        data = json.dumps(body, separators=(",", ":")).encode()
    return Response(data, status=status, mimetype="application/json")


def _elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)


def _addressed_by_loopback(host_url: str) -> bool:
    """Whether the caller addressed this service by a loopback host (outbound.py's rule for loopback);
    a Host header no URL parser accepts is not loopback."""
    try:
        return parse_url(host_url).is_loopback
    except UrlRefused:
        return False


@bp.before_request
def authenticate() -> Response | None:
    """Every CDS Hooks call carries the client's JWT; CORS preflight never needs one."""
    rt = runtime()
    if rt.verifier is None or request.method == "OPTIONS":
        return None
    base = rt.settings.public_base_url
    audience = f"{base}{request.path}" if base else request.base_url
    try:
        if not base and not rt.settings.trusted_proxies and not _addressed_by_loopback(request.host_url):
            # Without CDS_PUBLIC_BASE_URL the audience would follow the caller's Host header, so a token
            # minted for another service could be replayed here under that service's name.
            raise AuthError("audience", "This service's public address is not configured "
                                        "(CDS_PUBLIC_BASE_URL): only loopback callers are accepted.")
        request.environ["cds_service.claims"] = rt.verifier.verify(request.headers.get("Authorization"), audience)
    except AuthError as exc:
        metrics.AUTH_REFUSALS.labels(reason=exc.reason).inc()
        log.info("client token refused", extra={"outcome": f"auth-{exc.reason}", "status": 401})
        response = operation_outcome(401, exc.message, "security")
        response.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return response
    return None


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
        body = decode_body(read_body(rt.settings.max_body_bytes))
        call = parse_hook_call(body, service.hook, rt.settings.max_orders)
    except RequestError as exc:
        hook_instance = body.get("hookInstance") if isinstance(body, dict) else None
        hook_instance = hook_instance[:128] if isinstance(hook_instance, str) else None
        latency = _elapsed_ms(started)
        log.info("hook call refused", extra={**fields, "outcome": exc.code, "status": exc.status,
                                             "hookInstance": hook_instance, "latency_ms": latency})
        rt.audit_call(service_id=service.id, hook=service.hook, status=exc.status, outcome=exc.code,
                      latency_ms=latency, hook_instance=hook_instance)
        metrics.CALLS.labels(service=service.id, outcome=exc.code).inc()
        return operation_outcome(exc.status, exc.message, exc.code)
    claims = request.environ.get("cds_service.claims")
    # CDS_PUBLIC_BASE_URL wins over the address the caller used (evaluate's rule): then that is not built.
    base_url = None if rt.settings.public_base_url else request.host_url.rstrip("/")
    evaluation = rt.evaluate(call, base_url=base_url, issuer=claims.get("iss") if isinstance(claims, dict) else None)
    shadow = rt.settings.shadow_mode
    response = {"cards": []} if shadow else evaluation.response
    latency = _elapsed_ms(started)
    if log.isEnabledFor(logging.INFO):   # the line is built only when someone reads it
        log.info("hook call", extra={
            **fields, "hookInstance": call.hook_instance, "orders": len(call.orders),
            "cards": len(evaluation.response["cards"]), "outcome": "shadow" if shadow else "ok", "status": 200,
            "coverage_source": evaluation.coverage.source,
            "system_actions": len(evaluation.response.get("systemActions", [])),
            "policies": sorted({d.policy.id for d in evaluation.decisions if d.policy}),
            "situations": sorted({d.situation.value for d in evaluation.decisions}), "latency_ms": latency})
    rt.audit_call(service_id=service.id, hook=service.hook, status=200, outcome="ok", latency_ms=latency,
                  call=call, evaluation=evaluation, shadow=shadow)
    metrics.CALLS.labels(service=service.id, outcome="shadow" if shadow else "ok").inc()
    metrics.LATENCY.labels(service=service.id).observe(latency / 1000)
    for audit in evaluation.cards:
        metrics.CARDS.labels(policy=audit.policy_id or "evidence", indicator=audit.indicator).inc()
    return _json(response)


@bp.post("/cds-services/<service_id>/feedback")
def feedback(service_id: str) -> Response:
    service = SERVICES.get(service_id)
    if service is None:
        return operation_outcome(404, f"There is no CDS service '{service_id}'. GET /cds-services lists them.")
    rt = runtime()
    try:
        entries = parse_feedback(decode_body(read_body(min(MAX_FEEDBACK_BYTES, rt.settings.max_body_bytes))))
    except RequestError as exc:
        log.info("feedback refused", extra={"service": service.id, "outcome": exc.code, "status": exc.status})
        return operation_outcome(exc.status, exc.message, exc.code)
    if rt.store is None or rt.writer is None:
        return operation_outcome(503, "Feedback storage is not configured.", "transient")
    # The card may still be on its way to the database from this worker's audit queue; feedback is not on
    # the clinician's critical path, so wait briefly for it to land before linking.
    rt.writer.flush(1.0)
    new: int | None = None
    batch = FeedbackBatch(service.id, entries, rt.settings.keep_comments)
    if rt.writer.spooling:
        # The database is away: the feedback waits in the spool behind its card, and is linked on replay.
        rt.writer.submit(batch)
    else:
        try:
            new = rt.store.record_feedback(service.id, entries, rt.settings.keep_comments)
        except SQLAlchemyError as exc:
            log.error("feedback not stored now; handed to the audit writer (spool or dead-letter file)",
                      extra={"service": service.id, **describe_error(exc)})
            if not rt.writer.submit(batch):
                return operation_outcome(503, "Feedback could not be stored right now; please retry.", "transient")
    for entry in entries:
        metrics.FEEDBACK.labels(outcome=entry.outcome).inc()
    log.info("feedback", extra={"service": service.id, "outcome": "ok", "status": 200,
                                "feedback_entries": len(entries), "feedback_new": new})
    return _json({})
