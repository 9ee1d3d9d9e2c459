"""Da Vinci CRD: coverage information on the order, card types, configuration, versions."""
from __future__ import annotations

import copy
import datetime as dt
import shutil

import pytest
from fhir.resources.R4B.extension import Extension

from cds_service.jsonutil import prune
from cds_service.resources import bundled_dir
from tests.conftest import SELECT, SIGN, HookClient
from tests.fixtures import crd_checks
from tests.fixtures.builders import (CPT, PREMERA_PANEL_CODES, bcbsma, coverage, hook_request, ma_plan, mrs_order,
                                     panel_order, premera, service_request)

CI_URL = crd_checks.URL
NCD_URL = "https://www.cms.gov/medicare-coverage-database/view/ncd.aspx?NCDId=287"
CARD_TYPES_22 = "http://terminology.hl7.org/CodeSystem/cdshooks-card-type"
TEMP_20 = "http://hl7.org/fhir/us/davinci-crd/CodeSystem/temp"


def respond(hooks, body, service=SIGN):
    response = hooks.post(body, service)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def coverage_infos(resource):
    return [e for e in resource.get("extension", []) if e.get("url") == CI_URL]


def sub(ext, name):
    return [s for s in ext["extension"] if s["url"] == name]


def test_mrs_for_the_ma_member_carries_a_not_covered_assertion_on_the_order(hooks):
    order, cov = mrs_order(id="mrs1"), ma_plan(id="cov-ma")
    body = respond(hooks, hook_request(order, coverages=[cov]))
    [action] = body["systemActions"]
    assert action["type"] == "update" and action["resource"]["id"] == "mrs1" and action["description"]
    [ext] = coverage_infos(action["resource"])
    assert sub(ext, "coverage")[0]["valueReference"] == {"reference": "Coverage/cov-ma"}
    assert sub(ext, "covered")[0]["valueCode"] == "not-covered"
    assert sub(ext, "pa-needed") == []
    assert [b["valueCoding"] for b in sub(ext, "billingCode")] == [{"system": CPT, "code": "76390"}]
    # The plan's own policy and the national rule it follows are both reasons.
    plan_reason, ncd_reason = (r["valueCodeableConcept"]["text"] for r in sub(ext, "reason"))
    assert "Medicare Advantage medical policy" in plan_reason
    assert "National Coverage Determination 220.2.1" in ncd_reason and "not covered" in ncd_reason
    dt.date.fromisoformat(sub(ext, "date")[0]["valueDate"])
    assert sub(ext, "coverage-assertion-id")[0]["valueString"]
    # Only the NCD has a public page on file (shared/reference/medicare.md); the plan's was not found.
    [detail] = sub(ext, "detail")
    assert {p["url"]: p for p in detail["extension"]}["value"]["valueUrl"] == NCD_URL
    Extension.model_validate(ext)
    assert crd_checks.violations(ext, "2.2") == [] and crd_checks.violations(ext, "2.0") == []


def test_the_echoed_order_is_unchanged_except_for_the_extension(hooks):
    order = mrs_order(id="mrs1", intent="plan", reasonCode=[], note=None, priority="",
                      extension=[{"url": "http://x.example/keep", "valueString": "me"}],
                      somethingUnknown={"deep": [1, {"x": None}], "empty": []})
    order["code"]["coding"].append({})
    sent = copy.deepcopy(order)
    body = respond(hooks, hook_request(order, coverages=[ma_plan()]))
    echo = copy.deepcopy(body["systemActions"][0]["resource"])
    echo["extension"] = [e for e in echo["extension"] if e.get("url") != CI_URL]
    assert echo == prune(sent, drop_empty_objects=False)


def test_four_mrs_orders_and_two_coverages_on_file(hooks):
    codes = ["0609T", "0610T", "0611T", "0612T"]
    orders = [service_request("MRS discogenic pain", codes=[(CPT, c)], id=f"d{i}") for i, c in enumerate(codes)]
    body = respond(hooks, hook_request(*orders, coverages=[ma_plan(id="ma1", order=1), bcbsma(id="bc2", order=2)]))
    actions = body["systemActions"]
    assert [a["resource"]["id"] for a in actions] == ["d0", "d1", "d2", "d3"]
    for action, code in zip(actions, codes):
        [ext] = coverage_infos(action["resource"])   # BCBS MA has no MRS policy: no assertion for it
        assert sub(ext, "coverage")[0]["valueReference"]["reference"] == "Coverage/ma1"
        assert [b["valueCoding"]["code"] for b in sub(ext, "billingCode")] == [code]
    [card] = body["cards"]
    assert card["summary"].startswith("4 MR spectroscopy orders")
    assert card["extension"]["davinci-crd.associated-resource"] == [{"reference": f"ServiceRequest/d{i}"}
                                                                    for i in range(4)]


def test_two_coverages_with_applying_policies_give_one_assertion_each(hooks):
    orders = [mrs_order(id=f"m{i}") for i in range(4)]
    body = respond(hooks, hook_request(*orders, coverages=[ma_plan(id="a", order=1), ma_plan(id="b", order=2)]))
    ids = set()
    for action in body["systemActions"]:
        exts = coverage_infos(action["resource"])
        assert [sub(e, "coverage")[0]["valueReference"]["reference"] for e in exts] == ["Coverage/a", "Coverage/b"]
        ids.update(sub(e, "coverage-assertion-id")[0]["valueString"] for e in exts)
    assert len(ids) == 8
    assert len(body["cards"]) == 1


@pytest.mark.parametrize("order,coverages", [
    (mrs_order(), []),                                                   # no coverage: cards only
    (mrs_order(), [bcbsma()]),                                           # recognised payer, no MRS policy
    (mrs_order(), [coverage(payer_display="Acme")]),                     # unknown payer
    (panel_order(occurrenceDateTime="2026-02-05"), [premera()]),         # not yet in effect
    (panel_order(), [premera(sopt="112")]),                              # excluded line
    (panel_order(), [coverage(payer_display="Premera")]),                # line unknown
])
def test_no_coverage_information_where_no_payer_policy_applies(hooks, order, coverages):
    body = respond(hooks, hook_request(order, coverages=coverages))
    assert "systemActions" not in body and len(body["cards"]) == 1


def test_panel_named_by_product_has_no_billing_code_and_panel_by_volume_lists_its_codes(hooks):
    body = respond(hooks, hook_request(panel_order(id="p1"), coverages=[bcbsma()]))
    [ext] = coverage_infos(body["systemActions"][0]["resource"])
    assert sub(ext, "billingCode") == []
    codes = PREMERA_PANEL_CODES[:9]
    volume = service_request("Nutrient panel", codes=[(CPT, c) for c in codes], id="p2")
    body = respond(hooks, hook_request(volume, coverages=[bcbsma()]))
    [ext] = coverage_infos(body["systemActions"][0]["resource"])
    assert [b["valueCoding"]["code"] for b in sub(ext, "billingCode")] == codes


def test_card_never_claims_the_determination_is_recorded_on_the_order(hooks):
    """We cannot know whether the EHR applied our system action, so the card never says it did."""
    on = respond(hooks, hook_request(mrs_order(), coverages=[ma_plan()]))
    off = respond(hooks, hook_request(mrs_order(), coverages=[ma_plan()],
                                      extension={"davinci-crd.configuration": {"coverage-info": False}}))
    assert "systemActions" in on and "systemActions" not in off
    assert on["cards"][0]["detail"] == off["cards"][0]["detail"]
    assert "recorded" not in on["cards"][0]["detail"]
    assert "not covered" in on["cards"][0]["summary"]


@pytest.mark.parametrize("cov", [coverage(payer_display="Medicare", sopt="121"),
                                 coverage(payer_display="Humana Gold Plus", sopt="111")])
def test_medicare_coverage_of_any_payer_gets_the_ncd_as_coverage_information(hooks, cov):
    body = respond(hooks, hook_request(mrs_order(id="m1"), coverages=[dict(cov, id="c1")]))
    [action] = body["systemActions"]
    [ext] = coverage_infos(action["resource"])
    assert sub(ext, "covered")[0]["valueCode"] == "not-covered"
    [reason] = sub(ext, "reason")
    assert reason["valueCodeableConcept"]["text"].startswith("CMS National Coverage Determination 220.2.1")
    [detail] = sub(ext, "detail")
    assert {p["url"]: p for p in detail["extension"]}["value"]["valueUrl"] == NCD_URL
    assert crd_checks.violations(ext, "2.2") == []
    panel = respond(hooks, hook_request(panel_order(id="p1"), coverages=[dict(cov, id="c1")]))
    assert "systemActions" not in panel     # no national rule on panels is on file


def test_cards_carry_crd_card_types_insurer_label_and_associated_orders(hooks):
    body = respond(hooks, hook_request(panel_order(id="p1"), coverages=[bcbsma()]))
    [card] = body["cards"]
    assert card["source"]["topic"] == {"system": CARD_TYPES_22, "code": "therapy-alternatives-opt"}
    assert card["source"]["label"].startswith("Blue Cross Blue Shield of Massachusetts")
    assert card["extension"] == {"davinci-crd.associated-resource": [{"reference": "ServiceRequest/p1"}]}
    combined = service_request("MRI brain with MR spectroscopy", id="c1")
    [card] = respond(hooks, hook_request(combined, coverages=[ma_plan()]))["cards"]
    assert card["source"]["topic"]["code"] == "guideline"


def test_discovery_advertises_crd_versions_and_configuration_options(hooks):
    for service in hooks.client.get("/cds-services").get_json()["services"]:
        ext = service["extension"]
        assert ext["davinci-crd.version"] == ["2.2", "2.0"]
        options = {o["code"]: o for o in ext["davinci-crd.configuration-options"]}
        assert set(options) == {"coverage-info", "therapy-alternatives-opt", "guideline", "max-cards"}
        assert all(o["type"] == "boolean" for c, o in options.items() if c != "max-cards")
        assert options["max-cards"]["type"] == "integer"
        assert all(o["name"] and o["description"] and "default" in o for o in options.values())


def test_configuration_switches_off_card_types_and_limits_cards(hooks):
    orders = [panel_order(id="p1"), service_request("MRI brain with MR spectroscopy", id="c1")]
    both = respond(hooks, hook_request(*orders, coverages=[bcbsma(), ma_plan()]))
    assert {c["source"]["topic"]["code"] for c in both["cards"]} == {"therapy-alternatives-opt", "guideline"}
    config = {"therapy-alternatives-opt": False, "unknown-option": 7}
    only = respond(hooks, hook_request(*orders, coverages=[bcbsma(), ma_plan()],
                                       extension={"davinci-crd.configuration": config}))
    assert [c["source"]["topic"]["code"] for c in only["cards"]] == ["guideline"]
    capped = respond(hooks, hook_request(*orders, coverages=[bcbsma(), ma_plan()],
                                         extension={"davinci-crd.configuration": {"max-cards": 1}}))
    assert [c["summary"] for c in capped["cards"]] == [both["cards"][0]["summary"]]


@pytest.mark.parametrize("configuration", [None, "yes", [], {"coverage-info": "no", "max-cards": "3"}])
def test_malformed_or_missing_configuration_is_ignored(hooks, configuration):
    extra = {} if configuration is None else {"extension": {"davinci-crd.configuration": configuration}}
    body = respond(hooks, hook_request(mrs_order(), coverages=[ma_plan()], **extra))
    assert len(body["systemActions"]) == 1 and len(body["cards"]) == 1


def test_crd_version_setting_and_requested_version(make_app):
    hooks20 = HookClient(make_app(CDS_CRD_VERSION="2.0").test_client())
    body = respond(hooks20, hook_request(mrs_order(), coverages=[ma_plan()]))
    assert body["cards"][0]["source"]["topic"]["system"] == TEMP_20
    for action in body["systemActions"]:
        for ext in coverage_infos(action["resource"]):
            assert crd_checks.violations(ext, "2.0") == []
    asked = respond(hooks20, hook_request(mrs_order(), coverages=[ma_plan()],
                                          extension={"davinci-crd.requestedVersion": "2.2"}))
    assert asked["cards"][0]["source"]["topic"]["system"] == CARD_TYPES_22
    unknown = respond(hooks20, hook_request(mrs_order(), coverages=[ma_plan()],
                                            extension={"davinci-crd.requestedVersion": "9.9"}))
    assert unknown["cards"][0]["source"]["topic"]["system"] == TEMP_20
    assert hooks20.client.get("/cds-services").get_json()["services"][0]["extension"]["davinci-crd.version"] == [
        "2.0", "2.2"]


@pytest.fixture
def policy_dir_with_url(tmp_path):
    target = tmp_path / "policy_data"
    shutil.copytree(bundled_dir("policy_data"), target)
    path = target / "policies" / "ma-mrs.yaml"
    path.write_text(path.read_text() + "policy_url: https://plan.example.org/policies/mrs\n")
    return target


def test_policy_link_detail_only_where_the_policy_has_a_real_url(make_app, policy_dir_with_url):
    hooks22 = HookClient(make_app(CDS_POLICY_DIR=str(policy_dir_with_url)).test_client())
    body = respond(hooks22, hook_request(mrs_order(), coverages=[ma_plan()]))
    [ext] = coverage_infos(body["systemActions"][0]["resource"])
    plan_detail, ncd_detail = sub(ext, "detail")
    parts = {p["url"]: p for p in plan_detail["extension"]}
    assert parts["code"]["valueCodeableConcept"]["coding"][0]["code"] == "policy-link"
    assert parts["category"]["valueCodeableConcept"]["coding"][0]["code"] == "cat-other"
    assert parts["value"]["valueUrl"] == "https://plan.example.org/policies/mrs"
    assert {p["url"]: p for p in ncd_detail["extension"]}["value"]["valueUrl"] == NCD_URL
    Extension.model_validate(ext)
    hooks20 = HookClient(make_app(CDS_POLICY_DIR=str(policy_dir_with_url), CDS_CRD_VERSION="2.0").test_client())
    body = respond(hooks20, hook_request(mrs_order(), coverages=[ma_plan()]))
    assert sub(coverage_infos(body["systemActions"][0]["resource"])[0], "detail") == []


def test_order_select_also_returns_coverage_information(hooks):
    body = respond(hooks, hook_request(mrs_order(), hook="order-select", coverages=[ma_plan()]), SELECT)
    assert len(body["systemActions"]) == 1


def test_the_invariant_checks_can_fail():
    good = {"url": CI_URL, "extension": [
        {"url": "coverage", "valueReference": {"reference": "Coverage/1"}}, {"url": "covered", "valueCode": "covered"},
        {"url": "date", "valueDate": "2026-01-01"}, {"url": "coverage-assertion-id", "valueString": "x"}]}
    assert crd_checks.violations(good) == []

    def with_(*parts):
        return {"url": CI_URL, "extension": good["extension"] + list(parts)}
    bad = with_({"url": "pa-needed", "valueCode": "auth-needed"})
    bad["extension"][1] = {"url": "covered", "valueCode": "not-covered"}
    assert "q2" in crd_checks.violations(bad)
    assert "q3" in crd_checks.violations(with_({"url": "info-needed", "valueCode": "performer"}))
    assert "q5" in crd_checks.violations(with_({"url": "pa-needed", "valueCode": "satisfied"}))
    assert "q7" in crd_checks.violations(with_({"url": "reason", "valueCodeableConcept": {
        "coding": [{"system": "http://example.org", "code": "x"}]}}))
    indeterminate = with_()
    indeterminate["extension"][1] = {"url": "covered", "valueCode": "indeterminate"}
    assert "q9" in crd_checks.violations(indeterminate)
    assert "2.0 has no indeterminate" in crd_checks.violations(indeterminate, "2.0")


@pytest.mark.parametrize("order", [
    service_request("Modified Rankin Handicap Scale (MRS) at 90 days", id="scale1"),
    service_request("NMR LipoProfile w/IR Markers (nuclear magnetic resonance spectroscopy)", id="nmr1",
                    codes=[(CPT, "83704")]),
    service_request("SpectraCell's Telomere Test", id="telo1"),
    service_request("MRI brain without MRS", id="mri1", codes=[(CPT, "70551")]),
])
def test_an_order_that_is_not_confidently_the_service_gets_no_card_and_no_assertion(hooks, order):
    # The member's plan has a policy for both services, so a recognition slip would assert "not covered".
    body = respond(hooks, hook_request(order, mrs_order(id="mrs1"), coverages=[ma_plan(id="cov-ma")]))
    assert [a["resource"]["id"] for a in body.get("systemActions", [])] == ["mrs1"]
    assert [o["reference"] for c in body["cards"]
            for o in c["extension"]["davinci-crd.associated-resource"]] == ["ServiceRequest/mrs1"]
