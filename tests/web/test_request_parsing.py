"""Which draft orders a request hands to the engine: every live ServiceRequest, wherever it stands in
the Bundle, and the fhirServer an https client names."""
from __future__ import annotations

import pytest

from tests.conftest import SELECT, HookClient
from tests.fixtures.builders import CPT, bcbsma, hook_request, ma_plan, mrs_order, premera, service_request
from tests.fixtures.tls_listener import TlsListener

# Entries the parser passes over. Each stands before a live MRS order, which must still be evaluated.
SKIPPED = {
    "entry without a resource": {"fullUrl": "urn:uuid:7f3a", "request": {"method": "POST", "url": "ServiceRequest"}},
    "another resource type": {"resource": {"resourceType": "MedicationRequest", "id": "m1", "status": "draft",
                                           "intent": "order", "medicationCodeableConcept": {"text": "MR spectroscopy"}}},
    "revoked order": {"resource": mrs_order(id="gone", status="revoked")},
    "completed order": {"resource": mrs_order(id="done", status="completed")},
    "order in error": {"resource": mrs_order(id="oops", status="entered-in-error")},
    "do-not-perform order": {"resource": mrs_order(id="no", doNotPerform=True)},
}


def body_with(skipped_entry, hook="order-sign", selections=None):
    body = hook_request(mrs_order(id="live"), hook=hook, coverages=[ma_plan()], selections=selections)
    body["context"]["draftOrders"]["entry"].insert(0, skipped_entry)
    return body


def associated(card):
    return [r["reference"] for r in card["extension"]["davinci-crd.associated-resource"]]


@pytest.mark.parametrize("kind", SKIPPED)
def test_orders_after_a_skipped_entry_are_still_evaluated(hooks, kind):
    [card] = hooks.cards(body_with(SKIPPED[kind]))
    assert card["indicator"] == "warning" and associated(card) == ["ServiceRequest/live"]


def test_an_unselected_order_before_the_selected_one_is_passed_over(hooks):
    body = body_with({"resource": mrs_order(id="not-selected")}, hook="order-select",
                     selections=["ServiceRequest/live"])
    [card] = hooks.cards(body, SELECT)
    assert card["indicator"] == "warning" and associated(card) == ["ServiceRequest/live"]


def test_a_skipped_entry_is_never_read_for_errors(hooks):
    """What the parser passes over may be malformed in elements it would read on a live order."""
    revoked = mrs_order(id="gone", status="revoked", occurrenceDateTime="not a date")
    other = {"resourceType": "MedicationRequest", "id": "m1", "doNotPerform": "maybe"}
    body = hook_request(revoked, other, mrs_order(id="live"), coverages=[ma_plan()])
    assert len(hooks.cards(body)) == 1


def test_every_live_order_of_a_bundle_is_evaluated(hooks):
    orders = [service_request("Ferritin", id="a"), mrs_order(id="b", status="revoked"),
              service_request("MRS lumbar discs", codes=[(CPT, "0609T")], id="c"),
              service_request("SpectraCell Micronutrient Test", id="d")]
    cards = hooks.cards(hook_request(*orders, coverages=[bcbsma()]))
    assert sorted(ref for c in cards for ref in associated(c)) == ["ServiceRequest/c", "ServiceRequest/d"]


def test_an_https_fhir_server_is_read_over_tls(hooks):
    """No prefetch, an https fhirServer: the service opens TLS to it. The listener holds no certificate
    the service trusts, so the read fails and the plan is unknown, but the call still answers."""
    listener = TlsListener()
    try:
        body = hook_request(mrs_order(), fhirServer=f"https://127.0.0.1:{listener.port}/fhir/r4",
                            fhirAuthorization={"access_token": "tok", "token_type": "Bearer"})
        [card] = hooks.cards(body)
        assert "could not be determined" in card["summary"]
        assert listener.tls_client_hellos() >= 1, listener.openings
    finally:
        listener.close()


def test_an_http_fhir_server_is_read_in_the_clear(hooks):
    listener = TlsListener()
    try:
        body = hook_request(mrs_order(), fhirServer=f"http://127.0.0.1:{listener.port}/fhir/r4")
        [card] = hooks.cards(body)
        assert "could not be determined" in card["summary"]
        assert listener.tls_client_hellos() == 0 and listener.openings[0].startswith(b"GET /f")
    finally:
        listener.close()


@pytest.mark.parametrize("partial", ["2026", "2026-01"])
def test_a_partial_occurrence_date_says_too_little_and_authored_on_decides(hooks, partial):
    """Premera's policy takes effect on 2026-02-06: an order authored before is information only."""
    order = service_request("SpectraCell Micronutrient Test", occurrenceDateTime=partial, authoredOn="2026-02-01")
    [card] = hooks.cards(hook_request(order, coverages=[premera()]))
    assert card["indicator"] == "info" and "dated 2026-02-01." in card["detail"]


def test_an_order_text_of_exactly_the_longest_length_is_read(hooks):
    text = ("MR spectroscopy " * 700)[:10_000]
    [card] = hooks.cards(hook_request(service_request(text), coverages=[ma_plan()]))
    assert card["indicator"] == "warning"


def test_string_limits_are_inclusive(hooks):
    body = hook_request(mrs_order(), coverages=[ma_plan()], fhirAuthorization={"access_token": "t" * 16_384})
    body["hookInstance"] = "h" * 2048
    assert len(hooks.cards(body)) == 1
    body["hookInstance"] = "h" * 2049
    response = hooks.post(body)
    assert response.status_code == 400
    assert response.get_json()["issue"][0]["diagnostics"] == "'hookInstance' is longer than 2048 characters."


def test_a_selection_of_the_longest_length_is_accepted(hooks):
    rid = "r" * (2048 - len("ServiceRequest/"))
    body = hook_request(mrs_order(id=rid), hook="order-select", coverages=[ma_plan()])
    assert body["context"]["selections"] == ["ServiceRequest/" + rid]
    assert len(hooks.cards(body, SELECT)) == 1


def test_a_bundle_whose_entry_is_null_has_no_orders(hooks):
    body = hook_request(mrs_order())
    body["context"]["draftOrders"]["entry"] = None
    assert hooks.cards(body) == []


def test_an_order_without_an_id_is_never_selected(hooks):
    order = mrs_order()
    del order["id"]
    body = hook_request(order, hook="order-select", coverages=[ma_plan()], selections=["ServiceRequest/None"])
    assert hooks.cards(body, SELECT) == []


def diagnostics(response, status=400):
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    return response.get_json()["issue"][0]


def test_more_entries_than_the_configured_maximum_is_413_saying_how_many(make_app):
    client = HookClient(make_app(CDS_MAX_ORDERS="2").test_client())
    body = hook_request(mrs_order(id="a"), mrs_order(id="b"), coverages=[ma_plan()])
    assert client.cards(body)[0]["summary"].startswith("2 MR spectroscopy orders")
    body["context"]["draftOrders"]["entry"].append({"resource": mrs_order(id="c")})
    issue = diagnostics(client.post(body), 413)
    assert (issue["code"], issue["diagnostics"]) == (
        "too-costly", "'context.draftOrders' has 3 entries; at most 2 are accepted.")


def test_an_access_token_longer_than_16384_characters_is_refused(hooks):
    body = hook_request(mrs_order(), fhirAuthorization={"access_token": "t" * 16_385})
    assert diagnostics(hooks.post(body))["diagnostics"] == (
        "'fhirAuthorization.access_token' must be a string of reasonable length.")


def test_selections_are_accepted_to_10000_and_refused_past_it(hooks):
    body = hook_request(mrs_order(), hook="order-select", coverages=[ma_plan()])
    body["context"]["selections"] += [f"ServiceRequest/other-{i}" for i in range(9_999)]
    assert len(hooks.cards(body, SELECT)) == 1
    body["context"]["selections"].append("ServiceRequest/one-more")
    assert diagnostics(hooks.post(body, SELECT))["diagnostics"] == (
        "'context.selections' must be an array of 'Type/id' strings.")


def test_the_parsed_call_keeps_the_hook_the_user_and_the_patient():
    """The hook names the call in `check` and `explain`; the user is hashed into the audit record."""
    from cds_service.hook_request import parse_hook_call
    call = parse_hook_call(hook_request(mrs_order(), coverages=[ma_plan()]), "order-sign")
    assert (call.hook, call.user_id, call.patient_id) == ("order-sign", "Practitioner/dr1", "p1")
