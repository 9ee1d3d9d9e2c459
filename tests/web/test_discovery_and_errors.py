"""Discovery and the error contract: OperationOutcome bodies, right 4xx, never a 5xx for foreseeable input."""
from __future__ import annotations

import json

import pytest

from tests.conftest import SELECT, SIGN
from tests.fixtures import schema
from tests.fixtures.builders import BILLING_OPTIONS, hook_request, mrs_order


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
    (b"{not json",
     "The request body is not valid JSON (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))."),
    (b"\xff\xfe\x00garbage", "The request body is not valid UTF-8."),
    (b"", "The request body is empty; a CDS Hooks request is a JSON object."),
    (b"[1, 2]", "The request body must be a JSON object."),
    (b'"a string"', "The request body must be a JSON object."),
    (b"[" * 100000 + b"]" * 100000, "The request body is nested more than 64 levels deep."),
])
def test_unreadable_bodies_are_400(hooks, raw, words):
    issue = assert_outcome(hooks.post(raw), 400, "invalid")
    assert issue["diagnostics"] == words


def _without(path):
    body = hook_request(mrs_order())
    parts = path.split(".")
    target = body
    for p in parts[:-1]:
        target = target[p]
    del target[parts[-1]]
    return body


@pytest.mark.parametrize("missing,words", [
    ("hook", "'hook' is required."),
    ("hookInstance", "'hookInstance' is required."),
    ("context", "'context' is required."),
    ("context.draftOrders", "'context.draftOrders' is required for this hook."),
])
def test_missing_required_fields_are_400_naming_the_field(hooks, missing, words):
    issue = assert_outcome(hooks.post(_without(missing)), 400, "required")
    assert issue["diagnostics"] == words


def test_order_select_without_selections_is_400(hooks):
    body = hook_request(mrs_order(), hook="order-select")
    del body["context"]["selections"]
    issue = assert_outcome(hooks.post(body, SELECT), 400, "required")
    assert issue["diagnostics"] == "'context.selections' is required for order-select."


@pytest.mark.parametrize("selections", ["ServiceRequest/x", [1], ["x" * 2049]])
def test_order_select_with_selections_that_are_not_reference_strings_is_400(hooks, selections):
    body = hook_request(mrs_order(), hook="order-select")
    body["context"]["selections"] = selections
    issue = assert_outcome(hooks.post(body, SELECT), 400, "invalid")
    assert issue["diagnostics"] == "'context.selections' must be an array of 'Type/id' strings."


@pytest.mark.parametrize("draft_orders,words", [
    ([], "'context.draftOrders' must be a FHIR Bundle."),
    ("Bundle", "'context.draftOrders' must be a FHIR Bundle."),
    ({"resourceType": "Patient"}, "'context.draftOrders' must be a FHIR Bundle."),
    ({"resourceType": "Bundle", "entry": {}}, "'context.draftOrders.entry' must be an array."),
    ({"resourceType": "Bundle", "entry": "x"}, "'context.draftOrders.entry' must be an array."),
    ({"resourceType": "Bundle", "entry": [1]}, "'context.draftOrders.entry[0]' must be an object."),
    ({"resourceType": "Bundle", "entry": [{"resource": []}]}, "'context.draftOrders.entry[0].resource' must be an object."),
])
def test_draft_orders_that_are_not_a_bundle_with_an_entry_list_are_400(hooks, draft_orders, words):
    body = hook_request(mrs_order())
    body["context"]["draftOrders"] = draft_orders
    issue = assert_outcome(hooks.post(body), 400, "invalid")
    assert issue["diagnostics"] == words


@pytest.mark.parametrize("field,value,words", [
    ("hook", 5, "'hook' must be a non-empty string."),
    ("hookInstance", "", "'hookInstance' must be a non-empty string."),
    ("context", [], "'context' must be an object."),
    ("fhirServer", 7, "'fhirServer' must be a non-empty string."),
    ("fhirServer", "ftp://x", "'fhirServer' must be an http(s) URL."),
    ("fhirServer", "fhir.example.org/r4", "'fhirServer' must be an http(s) URL."),
    ("prefetch", [], "'prefetch' must be an object."),
    ("prefetch", {"coverage": ["Coverage/1"]}, "'prefetch.coverage' must be a FHIR resource (a Bundle) or null."),
    ("fhirAuthorization", "token", "'fhirAuthorization' must be an object."),
    ("fhirAuthorization", {"access_token": 7},
     "'fhirAuthorization.access_token' must be a string of reasonable length."),
    ("fhirAuthorization", {"access_token": "t" * 16_385},
     "'fhirAuthorization.access_token' must be a string of reasonable length."),
])
def test_wrong_types_in_fields_we_read_are_400(hooks, field, value, words):
    body = hook_request(mrs_order())
    body[field] = value
    issue = assert_outcome(hooks.post(body), 400, "invalid")
    assert issue["diagnostics"] == words


@pytest.mark.parametrize("field,words", [
    ("patientId", "'context.patientId' must be a non-empty string."),
    ("userId", "'context.userId' must be a non-empty string."),
])
def test_wrong_types_in_context_fields_we_read_are_400(hooks, field, words):
    body = hook_request(mrs_order())
    body["context"][field] = ["Patient/1"]
    assert assert_outcome(hooks.post(body), 400, "invalid")["diagnostics"] == words


ENTRY = "'context.draftOrders.entry[0].resource"


@pytest.mark.parametrize("mutate,words", [
    (lambda o: o["code"].__setitem__("coding", "76390"), f"{ENTRY}.code.coding': expected an array, got str."),
    (lambda o: o["code"].__setitem__("text", ["MRS"]), f"{ENTRY}.code.text': expected a string, got list."),
    (lambda o: o.__setitem__("occurrenceDateTime", "yesterday"),
     f"{ENTRY}.occurrenceDateTime': 'yesterday' is not a FHIR date or dateTime."),
    (lambda o: o.__setitem__("occurrenceDateTime", "2026-02-30"),
     f"{ENTRY}.occurrenceDateTime': '2026-02-30' is not a valid calendar date."),
    (lambda o: o.__setitem__("occurrencePeriod", {"start": "soon"}),
     f"{ENTRY}.occurrencePeriod.start': 'soon' is not a FHIR date or dateTime."),
    (lambda o: o.__setitem__("occurrencePeriod", "2026"), f"{ENTRY}.occurrencePeriod': expected an object, got str."),
    (lambda o: o.__setitem__("authoredOn", 20260101), f"{ENTRY}.authoredOn': expected a string, got int."),
    (lambda o: o.__setitem__("doNotPerform", "no"), f"{ENTRY}.doNotPerform': expected a boolean."),
    (lambda o: o.__setitem__("status", 1), f"{ENTRY}.status': expected a string, got int."),
    (lambda o: o.__setitem__("id", 1), f"{ENTRY}.id': expected a string, got int."),
    (lambda o: o["code"]["coding"].append("x"), f"{ENTRY}.code.coding[1]': expected an object, got str."),
    (lambda o: o["code"]["coding"][0].__setitem__("code", 76390),
     f"{ENTRY}.code.coding[0].code': expected a string, got int."),
    (lambda o: o["code"]["coding"][0].__setitem__("system", None) or o["code"]["coding"][0].__setitem__("display", 1),
     f"{ENTRY}.code.coding[0].display': expected a string, got int."),
    (lambda o: o["code"].__setitem__("extension", [{"url": BILLING_OPTIONS, "valueCoding": "76390"}]),
     f"{ENTRY}.code.extension[0].valueCoding': expected an object, got str."),
    (lambda o: o["code"].__setitem__("extension", [{"url": BILLING_OPTIONS, "extension": [
        {"url": "code", "valueCodeableConcept": {"coding": {}}}]}]),
     f"{ENTRY}.code.extension[0].extension[0].valueCodeableConcept.coding': expected an array, got dict."),
    (lambda o: o.__setitem__("code", "76390"), f"{ENTRY}.code': expected an object, got str."),
    (lambda o: o["code"]["coding"][0].__setitem__("system", 5),
     f"{ENTRY}.code.coding[0].system': expected a string, got int."),
    (lambda o: o["code"].__setitem__("extension", [5]), f"{ENTRY}.code.extension[0]': expected an object, got int."),
    (lambda o: o["code"].__setitem__("extension", {"url": BILLING_OPTIONS}),
     f"{ENTRY}.code.extension': expected an array, got dict."),
    (lambda o: o["code"].__setitem__("text", "MRS " * 3000), f"{ENTRY}.code.text': longer than 10000 characters."),
])
def test_wrong_shapes_in_order_elements_we_read_are_400_naming_the_element(hooks, mutate, words):
    order = mrs_order()
    mutate(order)
    issue = assert_outcome(hooks.post(hook_request(order)), 400, "invalid")
    assert issue["diagnostics"] == words


def test_hook_that_does_not_match_the_service_is_400(hooks):
    issue = assert_outcome(hooks.post(hook_request(mrs_order(), hook="order-select"), SIGN), 400, "not-supported")
    assert issue["diagnostics"] == "This service answers the 'order-sign' hook, not 'order-select'."
    issue = assert_outcome(hooks.post(hook_request(mrs_order()), SELECT), 400, "not-supported")
    assert issue["diagnostics"] == "This service answers the 'order-select' hook, not 'order-sign'."


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
