"""Discovery and the error contract: OperationOutcome bodies, right 4xx, never a 5xx for foreseeable input."""
from __future__ import annotations

import json

import pytest

from tests.conftest import SELECT, SIGN
from tests.fixtures import schema
from tests.fixtures.builders import hook_request, mrs_order


def test_discovery_lists_one_service_per_hook_with_a_coverage_prefetch_only(hooks):
    response = hooks.client.get("/cds-services")
    assert response.status_code == 200
    body = response.get_json()
    schema.validate(body, "DiscoveryResponse")
    services = {s["hook"]: s for s in body["services"]}
    assert set(services) == {"order-sign", "order-select"}
    assert len({s["id"] for s in body["services"]}) == 2
    for s in body["services"]:
        assert s["title"] and s["description"]
        assert s["prefetch"] == {"coverage": "Coverage?patient={{context.patientId}}&status=active"}


def assert_outcome(response, status, code=None):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/fhir+json"
    body = json.loads(response.get_data(as_text=True))
    assert body["resourceType"] == "OperationOutcome"
    [issue] = body["issue"]
    assert issue["severity"] == "error" and issue["diagnostics"]
    if code:
        assert issue["code"] == code
    assert "Traceback" not in issue["diagnostics"]
    return issue


@pytest.mark.parametrize("raw,words", [
    (b"{not json", "not valid JSON"),
    (b"\xff\xfe\x00garbage", "UTF-8"),
    (b"", "empty"),
    (b"[1, 2]", "JSON object"),
    (b'"a string"', "JSON object"),
    (b"[" * 100000 + b"]" * 100000, ""),
])
def test_unreadable_bodies_are_400(hooks, raw, words):
    issue = assert_outcome(hooks.post(raw), 400)
    assert words in issue["diagnostics"]


def _without(path):
    body = hook_request(mrs_order())
    parts = path.split(".")
    target = body
    for p in parts[:-1]:
        target = target[p]
    del target[parts[-1]]
    return body


@pytest.mark.parametrize("missing", ["hook", "hookInstance", "context", "context.draftOrders"])
def test_missing_required_fields_are_400_naming_the_field(hooks, missing):
    issue = assert_outcome(hooks.post(_without(missing)), 400)
    assert missing.split(".")[-1] in issue["diagnostics"]


def test_order_select_without_selections_is_400(hooks):
    body = hook_request(mrs_order(), hook="order-select")
    del body["context"]["selections"]
    assert_outcome(hooks.post(body, SELECT), 400)


@pytest.mark.parametrize("draft_orders", [
    [], "Bundle", {"resourceType": "Patient"}, {"resourceType": "Bundle", "entry": {}},
    {"resourceType": "Bundle", "entry": "x"}, {"resourceType": "Bundle", "entry": [1]},
    {"resourceType": "Bundle", "entry": [{"resource": []}]},
])
def test_draft_orders_that_are_not_a_bundle_with_an_entry_list_are_400(hooks, draft_orders):
    body = hook_request(mrs_order())
    body["context"]["draftOrders"] = draft_orders
    assert_outcome(hooks.post(body), 400)


@pytest.mark.parametrize("field,value", [
    ("hook", 5), ("hookInstance", ""), ("context", []), ("fhirServer", 7), ("fhirServer", "ftp://x"),
    ("prefetch", []), ("fhirAuthorization", "token"),
])
def test_wrong_types_in_fields_we_read_are_400(hooks, field, value):
    body = hook_request(mrs_order())
    body[field] = value
    assert_outcome(hooks.post(body), 400)


@pytest.mark.parametrize("mutate", [
    lambda o: o["code"].__setitem__("coding", "76390"),
    lambda o: o["code"].__setitem__("text", ["MRS"]),
    lambda o: o.__setitem__("occurrenceDateTime", "yesterday"),
    lambda o: o.__setitem__("occurrenceDateTime", "2026-02-30"),
    lambda o: o.__setitem__("doNotPerform", "no"),
    lambda o: o["code"]["coding"].append("x"),
])
def test_wrong_shapes_in_order_elements_we_read_are_400_naming_the_element(hooks, mutate):
    order = mrs_order()
    mutate(order)
    issue = assert_outcome(hooks.post(hook_request(order)), 400)
    assert "draftOrders.entry[0].resource" in issue["diagnostics"]


def test_hook_that_does_not_match_the_service_is_400(hooks):
    assert_outcome(hooks.post(hook_request(mrs_order(), hook="order-select"), SIGN), 400, "not-supported")
    assert_outcome(hooks.post(hook_request(mrs_order()), SELECT), 400, "not-supported")


@pytest.mark.parametrize("service", [SIGN, SELECT])
def test_sandbox_patient_view_request_is_400_at_both_services(hooks, service):
    assert_outcome(hooks.post(schema.sandbox_request("sandbox-patient-view"), service), 400)


def test_unknown_service_is_404(hooks):
    assert_outcome(hooks.post(hook_request(mrs_order()), "no-such-service"), 404, "not-found")
    assert_outcome(hooks.client.get("/nowhere"), 404)


def test_wrong_method_is_405(hooks):
    assert_outcome(hooks.client.get(f"/cds-services/{SIGN}"), 405)
    assert_outcome(hooks.client.put(f"/cds-services/{SIGN}", json={}), 405)
    assert_outcome(hooks.client.post("/cds-services", json={}), 405)


def test_body_is_read_as_json_whatever_the_content_type(hooks):
    raw = json.dumps(hook_request(mrs_order(), coverages=[]))
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "application/fhir+json"):
        response = hooks.post(raw, content_type=content_type)
        assert response.status_code == 200 and len(response.get_json()["cards"]) == 1


def test_body_over_the_size_limit_is_413(make_app):
    client = make_app(CDS_MAX_BODY_BYTES="2048").test_client()
    body = hook_request(mrs_order())
    body["context"]["padding"] = "x" * 4096
    assert_outcome(client.post(f"/cds-services/{SIGN}", json=body), 413)


def test_cors_preflight_from_the_sandbox_is_answered_on_every_endpoint_without_a_token(hooks):
    for path in ("/cds-services", f"/cds-services/{SIGN}", f"/cds-services/{SELECT}"):
        response = hooks.client.options(path, headers={
            "Origin": "https://sandbox.cds-hooks.org", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type"})
        assert response.status_code == 200
        assert response.headers["Access-Control-Allow-Origin"] == "https://sandbox.cds-hooks.org"
        assert "POST" in response.headers["Access-Control-Allow-Methods"]
        assert "authorization" in response.headers["Access-Control-Allow-Headers"].lower()


def test_cors_origins_setting_limits_who_may_call(make_app):
    client = make_app(CDS_CORS_ORIGINS="https://ehr.example.org").test_client()
    ok = client.get("/cds-services", headers={"Origin": "https://ehr.example.org"})
    other = client.get("/cds-services", headers={"Origin": "https://evil.example"})
    assert ok.headers["Access-Control-Allow-Origin"] == "https://ehr.example.org"
    assert "Access-Control-Allow-Origin" not in other.headers


def test_valid_json_outside_the_fast_parsers_range_is_still_read(hooks):
    raw = json.dumps(hook_request(mrs_order(), coverages=[]))[:-1] + ', "someHugeNumber": 1' + "0" * 40 + "}"
    response = hooks.post(raw, content_type="application/json")
    assert response.status_code == 200 and len(response.get_json()["cards"]) == 1
