"""Hostile and malformed input, FHIR faults beyond the basics, logs, health and metrics."""
from __future__ import annotations

import json
import logging
import time

import pytest

from cds_service.logs import JsonLinesFormatter
from tests.conftest import SIGN, HookClient
from tests.fixtures.builders import coverage, hook_request, ma_plan, mrs_order, panel_order


def test_more_draft_orders_than_allowed_is_413(make_app):
    client = make_app(CDS_MAX_ORDERS="3").test_client()
    response = client.post(f"/cds-services/{SIGN}", json=hook_request(*[mrs_order() for _ in range(4)]))
    assert response.status_code == 413 and response.get_json()["issue"][0]["code"] == "too-costly"
    assert client.post(f"/cds-services/{SIGN}", json=hook_request(*[mrs_order() for _ in range(3)])).status_code == 200


@pytest.mark.parametrize("field", ["text", "hookInstance", "patientId"])
def test_huge_strings_in_fields_we_read_are_400(hooks, field):
    body = hook_request(panel_order())
    huge = "SpectraCell " * 2000
    if field == "text":
        body["context"]["draftOrders"]["entry"][0]["resource"]["code"]["text"] = huge
    elif field == "hookInstance":
        body["hookInstance"] = huge
    else:
        body["context"]["patientId"] = huge
    response = hooks.post(body)
    assert response.status_code == 400 and "longer than" in response.get_json()["issue"][0]["diagnostics"]


def test_huge_strings_in_fields_we_ignore_do_not_matter(hooks):
    body = hook_request(panel_order(), coverages=[])
    body["context"]["draftOrders"]["entry"][0]["resource"]["note"] = [{"text": "x" * 200_000}]
    assert len(hooks.cards(body)) == 1


def call_with_fhir(fhir, **extra):
    return hook_request(mrs_order(), fhirServer=fhir.base_url,
                        fhirAuthorization={"access_token": "tok", "token_type": "Bearer"}, **extra)


@pytest.mark.parametrize("mode", ["huge", "redirect"])
def test_oversized_or_redirected_fhir_answers_mean_plan_unknown(make_app, fhir, mode):
    fhir.mode = mode
    hooks = HookClient(make_app(CDS_FHIR_MAX_BYTES="100000").test_client())
    [card] = hooks.cards(call_with_fhir(fhir))
    assert "could not be determined" in card["summary"]
    assert len(fhir.requests) == 1      # the redirect was not followed


def test_a_server_that_trickles_bytes_does_not_hold_the_call(hooks, fhir):
    fhir.mode = "drip"
    started = time.monotonic()
    [card] = hooks.cards(call_with_fhir(fhir))
    assert time.monotonic() - started < 2.0
    assert "could not be determined" in card["summary"]


def test_fhir_servers_off_the_allowlist_are_never_called(make_app, fhir):
    fhir.add(coverage(id="c1", payer_display="Cascade Medicare Advantage Plan", sopt="111"))
    hooks = HookClient(make_app(CDS_FHIR_ALLOWLIST="https://fhir.hospital.example/r4").test_client())
    [card] = hooks.cards(call_with_fhir(fhir))
    assert fhir.requests == [] and "could not be determined" in card["summary"]
    allowed = HookClient(make_app(CDS_FHIR_ALLOWLIST=f"{fhir.base_url}/").test_client())
    [card] = allowed.cards(call_with_fhir(fhir))
    assert card["indicator"] == "warning"


def test_one_structured_log_line_per_call_without_phi(hooks, caplog):
    body = hook_request(mrs_order(), coverages=[ma_plan()])
    body["prefetch"]["patient"] = {"resourceType": "Patient", "id": "p1", "name": [{"family": "Brightwaterfield"}]}
    with caplog.at_level(logging.INFO, logger="cds_service"):
        hooks.cards(body)
    lines = [json.loads(JsonLinesFormatter().format(r)) for r in caplog.records if r.name == "cds_service.calls"]
    [line] = lines
    assert line["hookInstance"] == body["hookInstance"] and line["service"] == SIGN
    assert (line["orders"], line["cards"], line["outcome"], line["status"]) == (1, 1, "ok", 200)
    assert isinstance(line["latency_ms"], float)
    assert "Brightwaterfield" not in json.dumps(lines) and "spectroscopy" not in json.dumps(lines).lower()


def test_health_and_readiness(make_app):
    client = make_app().test_client()
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.get_json()["checks"]["database"] is True
    down = make_app(CDS_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:9/none").test_client().get("/readyz")
    assert down.status_code == 503 and down.get_json()["checks"]["database"] is False


def test_metrics_count_calls_cards_and_fhir_failures(hooks, fhir):
    from prometheus_client import REGISTRY

    def values():
        return (REGISTRY.get_sample_value("cds_hook_calls_total", {"service": SIGN, "outcome": "ok"}) or 0,
                REGISTRY.get_sample_value("cds_cards_total", {"policy": "ma-mrs", "indicator": "warning"}) or 0,
                REGISTRY.get_sample_value("cds_fhir_fetch_failures_total", {"reason": "http-5xx"}) or 0,
                REGISTRY.get_sample_value("cds_hook_call_seconds_count", {"service": SIGN}) or 0)
    before = values()
    fhir.mode, fhir.status = "status", 500
    hooks.cards(hook_request(mrs_order(), coverages=[ma_plan()]))
    hooks.cards(call_with_fhir(fhir))
    after = values()
    assert [a - b for a, b in zip(after, before)] == [2, 1, 1, 2]
    text = hooks.client.get("/metrics").get_data(as_text=True)
    assert "cds_hook_call_seconds_bucket" in text and "cds_auth_refusals_total" in text


def test_openapi_document_describes_every_endpoint(hooks):
    doc = hooks.client.get("/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    assert {"/cds-services", f"/cds-services/{SIGN}", f"/cds-services/{SIGN}/feedback", "/healthz", "/readyz",
            "/metrics"} <= set(doc["paths"])
