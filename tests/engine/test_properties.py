"""Property tests: no JSON a client can send makes the parser or the engine raise anything but a 4xx."""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cds_service.engine import decide, read_coverages
from cds_service.hook_request import RequestError, parse_hook_call

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20)

words = st.sampled_from(["SpectraCell", "MR spectroscopy", "MRSA", "ExaTest", "76390", "0609T", "Premera",
                         "Medicare Advantage", "BCBS MA", "intracellular", "2026-02-06", "draft", "revoked"])
fhirish = st.recursive(
    st.none() | st.booleans() | st.integers() | words | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["resourceType", "id", "code", "coding", "system", "code", "display", "text", "status",
                         "doNotPerform", "occurrenceDateTime", "occurrencePeriod", "start", "authoredOn",
                         "extension", "url", "valueCoding", "payor", "type", "class", "value", "order",
                         "identifier", "reference", "contained", "name", "category"]), children, max_size=6),
    max_leaves=30)


def assert_refused(exc: RequestError) -> None:
    """Without an order limit the parser has one refusal, 400, with an issue code and words for a person."""
    assert exc.status == 400
    assert exc.code in {"invalid", "required", "not-supported"}
    assert exc.message.endswith(".") and len(exc.message) > 10


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(order=fhirish, cov=fhirish)
def test_any_order_and_coverage_shape_yields_decisions_or_a_request_error(policy_set, order, cov):
    resource = order if isinstance(order, dict) else {"code": order}
    resource = {**resource, "resourceType": "ServiceRequest", "id": "x"}
    body = {"hook": "order-sign", "hookInstance": "h", "context": {"draftOrders": {
        "resourceType": "Bundle", "entry": [{"resource": resource}]}}}
    try:
        call = parse_hook_call(body, "order-sign")
    except RequestError as exc:
        assert_refused(exc)
        return
    coverage = {**(cov if isinstance(cov, dict) else {}), "resourceType": "Coverage"}
    coverages = read_coverages([coverage], {}, policy_set)
    decide(call.orders, coverages, policy_set, dt.date(2026, 11, 22))


@settings(max_examples=300, deadline=None)
@given(body=json_values)
def test_any_json_body_is_parsed_or_refused_with_a_4xx(body):
    try:
        parse_hook_call(body, "order-select")
    except RequestError as exc:
        assert_refused(exc)


@settings(max_examples=200, deadline=None)
@given(resource=fhirish)
def test_any_draft_order_entry_is_parsed_or_refused_with_a_4xx(resource):
    body = {"hook": "order-sign", "hookInstance": "h", "context": {"draftOrders": {
        "resourceType": "Bundle", "entry": [{"resource": resource}]}}}
    try:
        parse_hook_call(body, "order-sign")
    except RequestError as exc:
        assert_refused(exc)
