"""Reading what prefetch did not bring from a real FHIR stand-in server, under faults, within a budget."""
from __future__ import annotations

import logging
import time

import pytest

from cds_service.logs import JsonLinesFormatter
from tests.fixtures import fhir_server
from tests.fixtures.builders import NAIC, coverage, hook_request, mrs_order, panel_order, service_request

TOKEN = "secret-access-token-4f9a"


def call_with_fhir(fhir, *orders, **extra):
    body = hook_request(*orders, fhirServer=fhir.base_url,
                        fhirAuthorization={"access_token": TOKEN, "token_type": "Bearer", "expires_in": 300,
                                           "scope": "patient/Coverage.read", "subject": "cds-service"}, **extra)
    return body


def test_missing_coverage_prefetch_is_read_from_the_fhir_server_with_the_bearer_token(hooks, fhir):
    fhir.add(coverage(id="c1", payor_reference="Organization/org1", sopt="512"),
             {"resourceType": "Organization", "id": "org1", "identifier": [{"system": NAIC, "value": "53228"}]})
    [card] = hooks.cards(call_with_fhir(fhir, panel_order()))
    assert card["indicator"] == "warning" and "BCBS MA (Medical Policy 073)" in card["summary"]
    assert [r["path"] for r in fhir.requests] == ["/Coverage", "/Organization/org1"]
    assert "patient=p1" in fhir.requests[0]["query"] and "status=active" in fhir.requests[0]["query"]
    assert all(r["authorization"] == f"Bearer {TOKEN}" for r in fhir.requests)


def test_prefetched_coverage_means_no_fhir_call(hooks, fhir):
    body = call_with_fhir(fhir, panel_order())
    body["prefetch"] = {"coverage": {"resourceType": "Bundle", "entry": []}}
    hooks.cards(body)
    assert fhir.requests == []


def test_ordinary_orders_cause_no_fhir_call(hooks, fhir):
    assert hooks.cards(call_with_fhir(fhir, service_request("Ferritin"))) == []
    assert fhir.requests == []


def test_payor_reference_to_another_server_is_never_called(hooks, fhir):
    other = fhir_server.FhirStandIn()
    server = fhir_server.start(other)
    try:
        fhir.add(coverage(id="c1", payor_reference=f"{other.base_url}/Organization/o9"))
        [card] = hooks.cards(call_with_fhir(fhir, panel_order()))
        assert other.requests == []
        assert "no policy on file" in card["summary"]
    finally:
        server.shutdown()


def test_a_server_that_stalls_does_not_hold_the_call(hooks, fhir):
    fhir.mode, fhir.delay = "slow", 5.0
    started = time.monotonic()
    [card] = hooks.cards(call_with_fhir(fhir, mrs_order()))
    assert time.monotonic() - started < 2.0
    assert "could not be determined" in card["summary"]


@pytest.mark.parametrize("mode,status", [("status", 401), ("status", 403), ("status", 404), ("status", 500),
                                         ("garbage", 200), ("not-fhir", 200)])
def test_fhir_failures_degrade_to_plan_unknown(hooks, fhir, mode, status):
    fhir.mode, fhir.status = mode, status
    response = hooks.post(call_with_fhir(fhir, mrs_order()))
    assert response.status_code == 200
    [card] = response.get_json()["cards"]
    assert "could not be determined" in card["summary"]


def test_a_server_that_is_down_degrades_to_plan_unknown(hooks, fhir):
    body = call_with_fhir(fhir, mrs_order())
    body["fhirServer"] = "http://127.0.0.1:9"   # discard port: nothing listens
    [card] = hooks.cards(body)
    assert "could not be determined" in card["summary"]


def test_the_access_token_and_patient_name_never_reach_the_logs(hooks, fhir, caplog):
    fhir.mode, fhir.status = "status", 401
    body = call_with_fhir(fhir, mrs_order())
    body["prefetch"] = {"patient": {"resourceType": "Patient", "id": "p1", "name": [{"family": "Zyxwvutson"}]}}
    with caplog.at_level(logging.DEBUG, logger="cds_service"):
        hooks.cards(body)
    lines = [JsonLinesFormatter().format(r) for r in caplog.records]
    assert any('"hookInstance"' in line for line in lines)
    assert not any(TOKEN in line or "Zyxwvutson" in line or "spectroscopy" in line.lower() for line in lines)


def test_payer_organization_missing_from_prefetch_is_read_from_the_fhir_server(hooks, fhir):
    fhir.add({"resourceType": "Organization", "id": "org7", "name": "Premera Blue Cross"})
    body = call_with_fhir(fhir, panel_order(occurrenceDateTime="2026-06-01"))
    body["prefetch"] = {"coverage": {"resourceType": "Bundle", "entry": [
        {"resource": coverage(id="c1", payor_reference="Organization/org7", sopt="511")}]}}
    [card] = hooks.cards(body)
    assert "Premera" in card["source"]["label"]
    assert [r["path"] for r in fhir.requests] == ["/Organization/org7"]
