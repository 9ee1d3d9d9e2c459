"""Hook calls made up from a short description (an order, a coverage, a date), for the authoring tools.

`policies test` and `policies preview` put each policy through the same path a real EHR call takes
(request parsing, payer and line-of-business recognition, the engine, the card renderer), so what they
show follows the data and the card wording in force, not a copy of them.

A coverage names its payer by policy-data id. The payer is then carried as an identifier in a system
of our own, which the authoring runtime adds to every payer: the example needs no real identifier or
name (the Medicare Advantage MRS plan has none until an organisation configures it), and payer
recognition by identifier still runs as it does for a real call.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any, Mapping

from .config import Settings
from .hook_request import HookCall, parse_hook_call
from .runtime import Evaluation, Runtime

EXAMPLE_PAYER_SYSTEM = "urn:cds-service:authoring-payer"
SOPT = "https://nahdo.org/sopt"


@dataclass(frozen=True)
class OrderSpec:
    text: str | None = None
    codes: tuple[tuple[str, str], ...] = ()        # (code system alias, code)


@dataclass(frozen=True)
class CoverageSpec:
    payer: str | None = None          # a payer id of the policy data
    payer_name: str | None = None     # a payer as the EHR names it (e.g. one not on file)
    sopt: str | None = None           # Source of Payment Typology code (Coverage.type)
    type_text: str | None = None      # Coverage.type.text, e.g. "Medicare HMO Blue"
    plan: str | None = None           # Coverage.class plan name


@dataclass(frozen=True)
class CallSpec:
    order: OrderSpec
    coverage: CoverageSpec | None
    date: dt.date
    hook: str = "order-sign"


def order_spec(value: Mapping[str, Any]) -> OrderSpec:
    return OrderSpec(value.get("text"), tuple((c["system"], str(c["code"])) for c in value.get("codes", [])))


def coverage_spec(value: Mapping[str, Any] | None) -> CoverageSpec | None:
    if value is None:
        return None
    return CoverageSpec(value.get("payer"), value.get("payer_name"), value.get("sopt"), value.get("type_text"),
                        value.get("plan"))


def authoring_runtime(settings: Settings) -> Runtime:
    """The runtime the authoring tools use: the settings' policy data and card wording, every policy
    switched on (an analyst looks at a policy before enabling it), and the example payer identifiers."""
    from .policy_files import load_policy_set, read_policy_data

    data = read_policy_data(settings.policy_dir)
    payer_ids = {p["id"] for p in (data.payers.doc["payers"] if data.payers else [])} | set(settings.payers)
    payers = {pid: dict(settings.payers.get(pid, {})) for pid in payer_ids}
    for pid, extra in payers.items():
        extra["identifiers"] = list(extra.get("identifiers", [])) + [{"system": EXAMPLE_PAYER_SYSTEM, "value": pid}]
    runtime = Runtime.build(dataclasses.replace(settings, payers=payers, disabled_policies=frozenset()),
                            with_store=False)
    # The version a page or report names is that of the data as the service loads it, without the
    # example identifiers added here.
    plain = load_policy_set(settings.policy_dir, **settings.policy_settings())
    runtime.policy_set = dataclasses.replace(runtime.policy_set, version=plain.version)
    return runtime


def hook_request(spec: CallSpec, runtime: Runtime, extension: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The CDS Hooks request an EHR would send for this order and coverage (and request extension)."""
    emit = runtime.policy_set.system_emit
    order: dict[str, Any] = {"resourceType": "ServiceRequest", "id": "example-order", "status": "draft",
                             "intent": "order", "subject": {"reference": "Patient/example"},
                             "occurrenceDateTime": spec.date.isoformat(), "code": {}}
    if spec.order.codes:
        order["code"]["coding"] = [{"system": emit.get(alias, alias), "code": code} for alias, code in spec.order.codes]
    if spec.order.text:
        order["code"]["text"] = spec.order.text
    coverages = []
    if spec.coverage is not None:
        c = spec.coverage
        payor: dict[str, Any] = {}
        if c.payer:
            payor["identifier"] = {"system": EXAMPLE_PAYER_SYSTEM, "value": c.payer}
            payer = runtime.policy_set.payers.get(c.payer)
            payor["display"] = payer.display if payer else c.payer
        if c.payer_name:
            payor["display"] = c.payer_name
        coverage: dict[str, Any] = {"resourceType": "Coverage", "id": "example-coverage", "status": "active",
                                    "beneficiary": {"reference": "Patient/example"}, "payor": [payor]}
        if c.sopt or c.type_text:
            coverage["type"] = {k: v for k, v in (
                ("coding", [{"system": SOPT, "code": c.sopt}] if c.sopt else None), ("text", c.type_text)) if v}
        if c.plan:
            coverage["class"] = [{"type": {"coding": [{
                "system": "http://terminology.hl7.org/CodeSystem/coverage-class", "code": "plan"}]},
                "value": c.plan, "name": c.plan}]
        coverages.append(coverage)
    context: dict[str, Any] = {"userId": "Practitioner/example", "patientId": "example",
                               "draftOrders": {"resourceType": "Bundle", "entry": [{"resource": order}]}}
    if spec.hook == "order-select":
        context["selections"] = ["ServiceRequest/example-order"]
    body = {"hook": spec.hook, "hookInstance": str(uuid.uuid4()), "context": context,
            "prefetch": {"coverage": {"resourceType": "Bundle", "type": "searchset",
                                      "entry": [{"resource": c} for c in coverages]}}}
    if extension:
        body["extension"] = dict(extension)
    return body


def evaluate(spec: CallSpec, runtime: Runtime,
             extension: Mapping[str, Any] | None = None) -> tuple[HookCall, Evaluation]:
    body = hook_request(spec, runtime, extension)
    call = parse_hook_call(body, spec.hook)
    return call, runtime.evaluate(call, today=spec.date)
