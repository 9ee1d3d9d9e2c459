"""A tolerant reading of a CDS Hooks request into a HookCall.

Validate what we use, ignore what we do not: real clients send no Bundle.type, a Bundle without
entry, `coding: [{}]`, unknown fields and extensions anywhere. A wrong shape in an element we read is
a RequestError naming that element (400); it is never a stack trace.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping


from .engine import InvalidInput, Order, is_actionable, read_order
from .fhir_access import MISSING

EVALUATED_TYPES = frozenset({"ServiceRequest"})


class RequestError(Exception):
    """A request we refuse: HTTP status, OperationOutcome issue code and words for the caller."""

    def __init__(self, status: int, message: str, code: str = "invalid"):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass
class HookCall:
    hook: str
    hook_instance: str
    fhir_server: str | None
    access_token: str | None = field(repr=False)
    patient_id: str | None
    orders: list[Order]
    prefetch_coverage: Any            # MISSING, None, or the prefetched JSON
    extension: Mapping[str, Any] = field(default_factory=dict)
    user_id: str | None = None


def _string(value: Any, name: str, required: bool = False, max_length: int = 2048) -> str | None:
    if value is None:
        if required:
            raise RequestError(400, f"'{name}' is required.", code="required")
        return None
    if not isinstance(value, str) or (required and not value):
        raise RequestError(400, f"'{name}' must be a non-empty string.")
    if len(value) > max_length:
        raise RequestError(400, f"'{name}' is longer than {max_length} characters.")
    return value or None


def parse_hook_call(body: Any, expected_hook: str, max_orders: int | None = None) -> HookCall:
    if not isinstance(body, dict):
        raise RequestError(400, "The request body must be a JSON object.")
    hook = _string(body.get("hook"), "hook", required=True)
    hook_instance = _string(body.get("hookInstance"), "hookInstance", required=True)
    if hook != expected_hook:
        raise RequestError(400, f"This service answers the '{expected_hook}' hook, not '{hook}'.", code="not-supported")
    context = body.get("context")
    if context is None:
        raise RequestError(400, "'context' is required.", code="required")
    if not isinstance(context, dict):
        raise RequestError(400, "'context' must be an object.")
    fhir_server = _string(body.get("fhirServer"), "fhirServer")
    if fhir_server and not fhir_server.startswith(("http://", "https://")):
        raise RequestError(400, "'fhirServer' must be an http(s) URL.")
    token = None
    auth = body.get("fhirAuthorization")
    if auth is not None:
        if not isinstance(auth, dict):
            raise RequestError(400, "'fhirAuthorization' must be an object.")
        token = auth.get("access_token")
        if token is not None and (not isinstance(token, str) or len(token) > 16_384):
            raise RequestError(400, "'fhirAuthorization.access_token' must be a string of reasonable length.")
    patient_id = _string(context.get("patientId"), "context.patientId")
    user_id = _string(context.get("userId"), "context.userId")

    bundle = context.get("draftOrders")
    if bundle is None:
        raise RequestError(400, "'context.draftOrders' is required for this hook.", code="required")
    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
        raise RequestError(400, "'context.draftOrders' must be a FHIR Bundle.")
    entries = bundle.get("entry", [])
    if entries is None:
        entries = []
    if not isinstance(entries, list):
        raise RequestError(400, "'context.draftOrders.entry' must be an array.")
    if max_orders is not None and len(entries) > max_orders:
        raise RequestError(413, f"'context.draftOrders' has {len(entries)} entries; at most {max_orders} are accepted.",
                           code="too-costly")

    selected: set[str] | None = None
    if hook == "order-select":
        selections = context.get("selections")
        if selections is None:
            raise RequestError(400, "'context.selections' is required for order-select.", code="required")
        if (not isinstance(selections, list) or len(selections) > 10_000
                or not all(isinstance(s, str) and len(s) <= 2048 for s in selections)):
            raise RequestError(400, "'context.selections' must be an array of 'Type/id' strings.")
        selected = set(selections)

    orders: list[Order] = []
    for index, entry in enumerate(entries):
        path = f"context.draftOrders.entry[{index}]"
        if not isinstance(entry, dict):
            raise RequestError(400, f"'{path}' must be an object.")
        resource = entry.get("resource")
        if resource is None:
            continue
        if not isinstance(resource, dict):
            raise RequestError(400, f"'{path}.resource' must be an object.")
        kind = resource.get("resourceType")
        if not isinstance(kind, str) or kind not in EVALUATED_TYPES:
            continue
        try:
            if selected is not None:
                rid = resource.get("id")
                if not isinstance(rid, str) or f"{resource['resourceType']}/{rid}" not in selected:
                    continue
            if not is_actionable(resource, f"{path}.resource"):
                continue
            orders.append(read_order(resource, f"{path}.resource"))
        except InvalidInput as exc:
            raise RequestError(400, f"'{exc.path}': {exc.message}.") from None

    prefetch = body.get("prefetch")
    if prefetch is not None and not isinstance(prefetch, dict):
        raise RequestError(400, "'prefetch' must be an object.")
    coverage = MISSING
    if isinstance(prefetch, dict) and "coverage" in prefetch:
        coverage = prefetch["coverage"]
        if coverage is not None and not isinstance(coverage, dict):
            raise RequestError(400, "'prefetch.coverage' must be a FHIR resource (a Bundle) or null.")
    extension = body.get("extension")
    return HookCall(hook=hook, hook_instance=hook_instance, fhir_server=fhir_server, access_token=token,
                    patient_id=patient_id, orders=orders, prefetch_coverage=coverage,
                    user_id=user_id,
                    extension=extension if isinstance(extension, dict) else {})
