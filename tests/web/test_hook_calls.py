"""Hook calls through the app: what real clients send, which orders count, and what comes back."""
from __future__ import annotations

import pytest

from tests.conftest import SELECT, SIGN
from tests.fixtures import schema
from tests.fixtures.builders import (CPT, bcbsma, bundle, hook_request, ma_plan, mrs_order, panel_order, premera,
                                     service_request)


@pytest.mark.parametrize("name,service", [
    ("sandbox-order-sign", SIGN),
    ("sandbox-order-select-pama-cpt70450", SELECT),
    ("sandbox-order-select-pama-empty-study", SELECT),
])
def test_sandbox_captures_get_200_and_no_card_for_ordinary_orders(hooks, name, service):
    assert hooks.cards(schema.sandbox_request(name), service) == []


def test_sandbox_pama_request_for_mrs_gets_an_mrs_card(hooks):
    """The Sandbox's PAMA screen offers 'Magnetic resonance spectroscopy', CPT 76390, in the same shape."""
    body = schema.sandbox_request("sandbox-order-select-pama-cpt70450")
    coding = body["context"]["draftOrders"]["entry"][0]["resource"]["code"]
    coding["coding"][0].update(code="76390", display="Magnetic resonance spectroscopy")
    coding["text"] = "Magnetic resonance spectroscopy"
    [card] = hooks.cards(body, SELECT)
    assert "MR spectroscopy" in card["summary"] and card["indicator"] == "info"


def test_mrs_order_for_the_medicare_advantage_member_gets_a_warning(hooks):
    [card] = hooks.cards(hook_request(mrs_order(), coverages=[ma_plan()]))
    assert card["indicator"] == "warning" and "not covered" in card["summary"] and "NCD 220.2.1" in card["summary"]


def test_ordinary_orders_never_raise_a_card(hooks):
    orders = [service_request("Vitamin B12", codes=[(CPT, "82607")]), service_request("Folate, serum"),
              service_request("Ferritin"), service_request("MRSA screen"), service_request("MRI brain")]
    assert hooks.cards(hook_request(*orders, coverages=[bcbsma()])) == []


def test_order_select_evaluates_only_the_selected_orders(hooks):
    panel, mrs = panel_order(id="a"), mrs_order(id="b")
    body = hook_request(panel, mrs, hook="order-select", coverages=[bcbsma()], selections=["ServiceRequest/b"])
    [card] = hooks.cards(body, SELECT)
    assert "MR spectroscopy" in card["summary"]


def test_a_selection_naming_no_entry_is_ignored(hooks):
    body = hook_request(panel_order(id="a"), hook="order-select", coverages=[bcbsma()],
                        selections=["ServiceRequest/zzz", "ServiceRequest/a"])
    assert len(hooks.cards(body, SELECT)) == 1
    body["context"]["selections"] = ["ServiceRequest/zzz"]
    assert hooks.cards(body, SELECT) == []


@pytest.mark.parametrize("status", ["draft", "active", "on-hold", "unknown", None])
def test_orders_in_any_live_status_are_evaluated(hooks, status):
    order = panel_order()
    if status is None:
        del order["status"]
    else:
        order["status"] = status
    assert len(hooks.cards(hook_request(order, coverages=[bcbsma()]))) == 1


@pytest.mark.parametrize("change", [{"status": "revoked"}, {"status": "completed"},
                                    {"status": "entered-in-error"}, {"doNotPerform": True}])
def test_orders_that_will_not_be_carried_out_are_skipped(hooks, change):
    assert hooks.cards(hook_request(panel_order(**change), coverages=[bcbsma()])) == []


def test_other_resource_types_are_ignored(hooks):
    med = {"resourceType": "MedicationRequest", "id": "m1", "status": "draft", "intent": "order",
           "medicationCodeableConcept": {"text": "SpectraCell"}}
    nutrition = {"resourceType": "NutritionOrder", "id": "n1", "code": {"text": "MR spectroscopy"}}
    assert hooks.cards(hook_request(med, nutrition, coverages=[bcbsma()])) == []


def test_what_real_clients_send_is_tolerated(hooks):
    order = mrs_order(intent="plan", reasonCode=[], extension=[{"url": "http://x.example/e", "valueString": "y"}],
                      somethingNew={"nested": [1, {"a": None}]})
    order["code"]["coding"].append({})
    body = hook_request(order, coverages=[ma_plan()], someUnknownField=True)
    body["context"]["draftOrders"]["extension"] = [{"url": "http://x.example/b"}]
    [card] = hooks.cards(body)
    assert card["indicator"] == "warning"


def test_bundle_without_entry_is_an_empty_evaluation(hooks):
    body = hook_request(mrs_order())
    body["context"]["draftOrders"] = {"resourceType": "Bundle"}
    assert hooks.cards(body) == []


@pytest.mark.parametrize("prefetch", [
    None,                                                             # null: no data
    {"resourceType": "Bundle", "type": "searchset", "entry": []},     # empty bundle
    {"resourceType": "Bundle"},                                       # no entry at all
    {"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "not-found"}]},
])
def test_prefetch_without_a_coverage_gives_the_plan_unknown_card(hooks, prefetch):
    body = hook_request(mrs_order())
    body["prefetch"] = {"coverage": prefetch}
    [card] = hooks.cards(body)
    assert card["indicator"] == "info" and "could not be determined" in card["summary"]


def test_missing_prefetch_key_without_fhir_server_gives_the_plan_unknown_card(hooks):
    [card] = hooks.cards(hook_request(panel_order()))
    assert "could not be determined" in card["summary"]


def test_a_single_coverage_resource_as_prefetch_is_read(hooks):
    body = hook_request(panel_order())
    body["prefetch"] = {"coverage": bcbsma()}
    [card] = hooks.cards(body)
    assert card["indicator"] == "warning"


def test_payer_organization_included_in_the_prefetch_bundle_is_used(hooks):
    cov = {"resourceType": "Coverage", "id": "c1", "status": "active", "payor": [{"reference": "Organization/o1"}],
           "type": {"coding": [{"system": "https://nahdo.org/sopt", "code": "511"}]}}
    org = {"resourceType": "Organization", "id": "o1",
           "identifier": [{"system": "urn:oid:2.16.840.1.113883.6.300", "value": "47570"}]}
    body = hook_request(panel_order(occurrenceDateTime="2026-06-01"))
    body["prefetch"] = {"coverage": bundle(cov, org)}
    [card] = hooks.cards(body)
    assert "Premera" in card["source"]["label"] and "not reimbursable" in card["summary"]


def test_two_coverages_give_one_card_per_applying_policy_primary_first(hooks):
    body = hook_request(panel_order(occurrenceDateTime="2026-06-01"),
                        coverages=[bcbsma(order=2), premera(order=1)])
    cards = hooks.cards(body)
    assert [c["source"]["label"].split(": ")[0] for c in cards] == [
        "Premera Blue Cross", "Blue Cross Blue Shield of Massachusetts"]


def test_four_mrs_orders_and_two_coverages(hooks):
    orders = [service_request("MRS lumbar discs", codes=[(CPT, code)], id=f"d{i}")
              for i, code in enumerate(["0609T", "0610T", "0611T", "0612T"])]
    cards = hooks.cards(hook_request(*orders, coverages=[ma_plan(order=1), premera(order=2)]))
    [card] = cards
    assert card["indicator"] == "warning" and card["summary"].startswith("4 MR spectroscopy orders")


def test_disabled_policy_setting_is_obeyed(make_app):
    from tests.conftest import HookClient
    hooks = HookClient(make_app(CDS_DISABLED_POLICIES="ma-mrs,cms-ncd-220-2-1").test_client())
    assert hooks.cards(hook_request(mrs_order(), coverages=[ma_plan()])) == []
    ncd_only = HookClient(make_app(CDS_DISABLED_POLICIES="ma-mrs").test_client())
    [card] = ncd_only.cards(hook_request(mrs_order(), coverages=[ma_plan()]))
    assert card["source"]["label"].endswith(": Medicare NCD 220.2.1")


def test_timezone_setting_decides_today_for_undated_orders(make_app):
    """An order with no occurrence and no authoredOn is for today in CDS_TIMEZONE: UTC+14 and UTC-11
    are 25 hours apart, so the two services always name different dates of service."""
    from tests.conftest import HookClient
    seen = {}
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        app = make_app(CDS_TIMEZONE=zone)
        runtime = app.extensions["cds_service"]
        order = panel_order()
        assert not {"occurrenceDateTime", "occurrencePeriod", "authoredOn"} & set(order)
        before = runtime.today()
        [card] = HookClient(app.test_client()).cards(hook_request(order, coverages=[bcbsma()]))
        after = runtime.today()
        dates = {d.isoformat() for d in (before, after)}
        named = [d for d in dates if f"dated {d}." in card["detail"]]
        assert named, card["detail"]
        seen[zone] = named[0]
    assert seen["Pacific/Kiritimati"] > seen["Pacific/Pago_Pago"]
