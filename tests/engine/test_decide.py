"""Which policy applies under which coverage, row by row of the core decision table."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from cds_service.engine import Situation, decide, payor_references, read_coverages, read_order
from cds_service.policy_files import load_policy_set
from tests.conftest import TODAY, settings_for
from tests.fixtures.builders import (MA_PLAN_NAME, NAIC, bcbsma, coverage, ma_plan, mrs_order, panel_order,
                                     premera, service_request)


def run(ps, orders, coverages, organizations=None, today=TODAY):
    orders = [read_order(o, f"o{i}") for i, o in enumerate(orders)]
    return decide(orders, read_coverages(coverages, organizations or {}, ps), ps, today)


def rows(decisions):
    return [(d.situation, d.policy.id if d.policy else None) for d in decisions]


def test_bcbsma_commercial_panel_is_investigational(policy_set):
    [d] = run(policy_set, [panel_order()], [bcbsma()])
    assert (d.situation, d.policy.id, d.payer.id) == (Situation.POLICY_APPLIES, "bcbsma-073", "bcbsma")


@pytest.mark.parametrize("plan", ["Medicare HMO Blue", "Medicare PPO Blue"])
def test_bcbsma_medicare_advantage_products_are_covered_by_the_policy(policy_set, plan):
    cov = coverage(payer_display="Blue Cross Blue Shield of Massachusetts", plan=plan)
    assert rows(run(policy_set, [panel_order()], [cov])) == [(Situation.POLICY_APPLIES, "bcbsma-073")]


def test_bcbsma_with_unreadable_product_line_still_gets_its_policy(policy_set):
    cov = coverage(payer_display="BCBS MA")
    assert rows(run(policy_set, [panel_order()], [cov])) == [(Situation.POLICY_APPLIES, "bcbsma-073")]


def test_bcbsma_medicaid_line_has_no_policy_on_file(policy_set):
    [d] = run(policy_set, [panel_order()], [bcbsma(sopt="2")])
    assert d.situation is Situation.NO_POLICY_FOR_PLAN and d.payer.id == "bcbsma"
    assert {p.id for p in d.evidence_policies} == {"bcbsma-073", "premera-intracellular-micronutrient"}


@pytest.mark.parametrize("how", ["contained", "payor-identifier", "prefetched-organization", "display"])
def test_payer_is_found_by_identifier_or_name_wherever_the_client_put_it(policy_set, how):
    organizations = {}
    if how == "contained":
        cov = coverage(contained_org={"identifier": [{"system": NAIC, "value": "53228"}], "name": "BCBS"})
    elif how == "payor-identifier":
        cov = coverage(naic="53228")
    elif how == "prefetched-organization":
        cov = coverage(payor_reference="Organization/org1")
        organizations = {"Organization/org1": {"resourceType": "Organization", "id": "org1",
                                               "name": "Blue Cross and Blue Shield of Massachusetts, Inc."}}
    else:
        cov = coverage(payer_display="Blue Cross & Blue Shield of Massachusetts")
    [d] = run(policy_set, [panel_order()], [cov], organizations)
    assert d.payer.id == "bcbsma"


def test_identifier_wins_over_a_misleading_name(policy_set):
    cov = coverage(naic="47570", payer_display="Blue Cross Blue Shield of Massachusetts", sopt="511")
    [d] = run(policy_set, [panel_order()], [cov])
    assert d.payer.id == "premera"


def test_premera_hmo_naic_code_is_premera(policy_set):
    [d] = run(policy_set, [panel_order()], [coverage(naic="17268", sopt="511")])
    assert d.payer.id == "premera"


def test_premera_before_its_effective_date_is_information_only(policy_set):
    order = panel_order(occurrenceDateTime="2026-02-05T09:00:00Z")
    assert rows(run(policy_set, [order], [premera()])) == [
        (Situation.NOT_YET_EFFECTIVE, "premera-intracellular-micronutrient")]


def test_premera_from_its_effective_date_applies(policy_set):
    order = panel_order(occurrenceDateTime="2026-02-06")
    assert rows(run(policy_set, [order], [premera()])) == [
        (Situation.POLICY_APPLIES, "premera-intracellular-micronutrient")]


def test_premera_medicare_advantage_is_excluded_by_the_policy(policy_set):
    [d] = run(policy_set, [panel_order()], [premera(sopt="112")])
    assert d.situation is Situation.LINE_EXCLUDED and d.policy.id == "premera-intracellular-micronutrient"


def test_premera_with_unknown_line_gives_the_policy_as_evidence_only(policy_set):
    [d] = run(policy_set, [panel_order()], [coverage(payer_display="Premera Blue Cross")])
    assert d.situation is Situation.LINE_UNKNOWN


def test_recognised_payer_without_a_policy_for_the_service(policy_set):
    [d] = run(policy_set, [mrs_order()], [bcbsma()])
    assert (d.situation, d.payer.id, d.policy) == (Situation.NO_POLICY_FOR_PLAN, "bcbsma", None)
    assert [p.id for p in d.evidence_policies] == ["cms-ncd-220-2-1", "ma-mrs"]


def test_unknown_payer(policy_set):
    [d] = run(policy_set, [mrs_order()], [coverage(payer_display="Acme Health Plan")])
    assert d.situation is Situation.PAYER_UNKNOWN and d.coverage.payer_name == "Acme Health Plan"


def test_no_coverage(policy_set):
    [d] = run(policy_set, [panel_order()], [])
    assert d.situation is Situation.NO_COVERAGE
    assert {p.id for p in d.evidence_policies} == {"bcbsma-073", "premera-intracellular-micronutrient"}


def test_cancelled_coverage_counts_as_no_coverage(policy_set):
    [d] = run(policy_set, [panel_order()], [bcbsma(status="cancelled")])
    assert d.situation is Situation.NO_COVERAGE


def test_two_coverages_each_policy_gets_a_decision_primary_first(policy_set):
    order = panel_order(occurrenceDateTime="2026-03-01")
    decisions = run(policy_set, [order], [bcbsma(order=2), premera(order=1)])
    assert rows(decisions) == [(Situation.POLICY_APPLIES, "premera-intracellular-micronutrient"),
                               (Situation.POLICY_APPLIES, "bcbsma-073")]


def test_two_coverages_without_order_keep_the_clients_order(policy_set):
    order = panel_order(occurrenceDateTime="2026-03-01")
    assert [d.policy.id for d in run(policy_set, [order], [bcbsma(), premera()])] == [
        "bcbsma-073", "premera-intracellular-micronutrient"]


def test_unknown_second_payer_adds_nothing_beside_a_policy_that_applies(policy_set):
    decisions = run(policy_set, [panel_order()], [coverage(payer_display="Acme"), bcbsma()])
    assert rows(decisions) == [(Situation.POLICY_APPLIES, "bcbsma-073")]


def test_mrs_for_the_configured_medicare_advantage_plan_is_investigational(policy_set):
    [d] = run(policy_set, [mrs_order()], [ma_plan()])
    assert (d.situation, d.policy.id) == (Situation.POLICY_APPLIES, "ma-mrs")


def test_mrs_policy_past_its_next_review_still_fires_and_is_marked(policy_set):
    [d] = run(policy_set, [mrs_order()], [ma_plan()], today=dt.date(2026, 11, 22))
    assert d.situation is Situation.POLICY_APPLIES and d.review_overdue
    [d] = run(policy_set, [mrs_order(occurrenceDateTime="2024-01-10")], [ma_plan()], today=dt.date(2024, 1, 10))
    assert not d.review_overdue


def test_ma_plan_coverage_explicitly_commercial_has_no_mrs_policy_on_file(policy_set):
    [d] = run(policy_set, [mrs_order()], [ma_plan(sopt="512")])
    assert d.situation is Situation.NO_POLICY_FOR_PLAN


def test_ma_plan_has_no_matchers_until_configured_but_the_ncd_binds_it_as_medicare_advantage():
    s = settings_for(CDS_PAYERS={})
    ps = load_policy_set(s.policy_dir, **s.policy_settings())
    [d] = run(ps, [mrs_order()], [ma_plan()])
    assert (d.situation, d.policy.id, d.payer, d.national_rule) == (
        Situation.POLICY_APPLIES, "cms-ncd-220-2-1", None, None)


def test_ma_plan_matched_by_configured_identifier():
    s = settings_for(CDS_PAYERS={"ma-mrs-plan": {"identifiers": [{"system": NAIC, "value": "99999"}]}})
    ps = load_policy_set(s.policy_dir, **s.policy_settings())
    [d] = run(ps, [mrs_order()], [coverage(naic="99999", sopt="112")])
    assert (d.situation, d.policy.id) == (Situation.POLICY_APPLIES, "ma-mrs")


def test_disabled_policy_is_never_applied_nor_cited():
    s = settings_for(CDS_DISABLED_POLICIES="bcbsma-073")
    ps = load_policy_set(s.policy_dir, **s.policy_settings())
    [d] = run(ps, [panel_order()], [bcbsma()])
    assert d.situation is Situation.NO_POLICY_FOR_PLAN
    assert [p.id for p in d.evidence_policies] == ["premera-intracellular-micronutrient"]


def test_service_with_every_policy_disabled_raises_no_decision():
    s = settings_for(CDS_DISABLED_POLICIES="ma-mrs,cms-ncd-220-2-1")
    ps = load_policy_set(s.policy_dir, **s.policy_settings())
    assert run(ps, [mrs_order()], [ma_plan()]) == []


@pytest.mark.parametrize("fields,expected", [
    ({"occurrenceDateTime": "2026-02-05T23:30:00-08:00", "authoredOn": "2026-03-01"}, dt.date(2026, 2, 5)),
    ({"occurrencePeriod": {"start": "2026-02-04"}, "authoredOn": "2026-03-01"}, dt.date(2026, 2, 4)),
    ({"authoredOn": "2026-01-30"}, dt.date(2026, 1, 30)),
    ({}, TODAY),
])
def test_date_of_service_comes_from_occurrence_then_authored_then_today(policy_set, fields, expected):
    [d] = run(policy_set, [panel_order(**fields)], [premera()])
    assert d.date_of_service == expected


def test_ordinary_orders_get_no_decision(policy_set):
    orders = [service_request("Vitamin B12", codes=[("http://www.ama-assn.org/go/cpt", "82607")]),
              service_request("Folate, serum"), service_request("Ferritin"),
              service_request("CT head without contrast", codes=[("http://www.ama-assn.org/go/cpt", "70450")])]
    assert run(policy_set, orders, [bcbsma()]) == []


def test_each_decision_carries_the_evidence_of_its_match(policy_set):
    [d] = run(policy_set, [panel_order("ExaTest")], [premera()])
    assert [e.matched for e in d.match.evidence] == ["ExaTest"]
    assert [p.id for p in d.match.products] == ["exatest"]


def test_ma_plan_name_is_matched_case_insensitively(policy_set):
    [d] = run(policy_set, [mrs_order()], [coverage(payer_display=MA_PLAN_NAME.upper(), sopt="111")])
    assert d.payer.id == "ma-mrs-plan"


def test_an_order_that_is_two_services_keeps_a_decision_for_each(policy_set):
    """One order naming a panel product and MR spectroscopy: each service is decided on its own."""
    both = service_request("SpectraCell Micronutrient Test with MR spectroscopy")
    assert sorted((d.match.service.id, d.situation) for d in run(policy_set, [both], [])) == [
        ("intracellular-micronutrient-panel", Situation.NO_COVERAGE), ("mrs", Situation.NO_COVERAGE)]
    assert sorted((d.match.service.id, d.situation, d.policy.id if d.policy else None)
                  for d in run(policy_set, [both], [bcbsma()])) == [
        ("intracellular-micronutrient-panel", Situation.POLICY_APPLIES, "bcbsma-073"),
        ("mrs", Situation.NO_POLICY_FOR_PLAN, None)]
    assert sorted((d.match.service.id, d.situation) for d in run(policy_set, [both], [ma_plan()])) == [
        ("intracellular-micronutrient-panel", Situation.NO_POLICY_FOR_PLAN), ("mrs", Situation.POLICY_APPLIES)]


def test_every_order_of_a_call_is_decided(policy_set):
    orders = [mrs_order(id="m1"), panel_order(id="p1"), mrs_order(id="m2")]
    assert [(d.order.id, d.situation) for d in run(policy_set, orders, [])] == [
        ("m1", Situation.NO_COVERAGE), ("p1", Situation.NO_COVERAGE), ("m2", Situation.NO_COVERAGE)]
    assert [d.order.id for d in run(policy_set, orders, [ma_plan()])] == ["m1", "p1", "m2"]


@pytest.mark.parametrize("plan,situation", [
    ("Premera Medicare Advantage Classic (HMO)", Situation.LINE_EXCLUDED),
    ("Premera Medicare Part C", Situation.LINE_EXCLUDED),
    ("Premera Commercial PPO", Situation.POLICY_APPLIES),
    (None, Situation.LINE_UNKNOWN),
])
def test_coverage_class_names_the_line_of_business_when_type_is_absent(policy_set, plan, situation):
    """Coverage.class (plan or group name) is read when Coverage.type says nothing."""
    cov = coverage(payer_display="Premera Blue Cross", plan=plan)
    assert "type" not in cov
    [d] = run(policy_set, [panel_order(occurrenceDateTime="2026-03-01")], [cov])
    assert d.situation is situation


def test_coverage_type_code_outranks_the_class_name(policy_set):
    cov = coverage(payer_display="Premera Blue Cross", sopt="511", plan="Medicare Advantage rider")
    [d] = run(policy_set, [panel_order(occurrenceDateTime="2026-03-01")], [cov])
    assert d.situation is Situation.POLICY_APPLIES and d.coverage.line_of_business == "commercial"


@pytest.mark.parametrize("type_,line", [
    ({"coding": [{"system": "https://nahdo.org/sopt", "code": "2"}]}, "medicaid"),
    ({"coding": [{"system": "urn:oid:2.16.840.1.113883.3.221.5", "code": "112"}]}, "medicare-advantage"),
    ({"coding": [{"system": "http://example.org/other", "code": "112"}]}, None),
    ({"coding": [{}, {"system": "https://nahdo.org/sopt", "code": "121"}]}, "original-medicare"),
    ({"coding": [{"system": "https://nahdo.org/sopt", "code": "999"}], "text": "Medicaid managed care"}, "medicaid"),
    ({"coding": [{"system": "http://example.org/x", "code": "X", "display": "Medicare Advantage HMO"}]},
     "medicare-advantage"),
    ({"coding": "511"}, None),
    ({"text": ["Medicaid"]}, None),
])
def test_line_of_business_from_type_codes_then_words(policy_set, type_, line):
    cov = coverage(payer_display="Premera Blue Cross")
    cov["type"] = type_
    [c] = read_coverages([cov], {}, policy_set)
    assert c.line_of_business == line


def test_coverages_the_service_cannot_use_are_passed_over_and_the_rest_read(policy_set):
    resources = [{"resourceType": "Patient", "id": "p1"}, "junk", bcbsma(status="draft", id="d"),
                 bcbsma(status="entered-in-error", id="e"), premera(id="live", order=True), ma_plan(id="ma", status=7)]
    assert [(c.id, c.payer_id, c.order) for c in read_coverages(resources, {}, policy_set)] == [
        ("live", "premera", None), ("ma", "ma-mrs-plan", None)]


def test_payer_names_and_identifiers_come_from_every_payor_in_order(policy_set):
    cov = coverage(payer_display="Acme Health")
    cov["payor"] = ["not an object", {"display": "  "}, {"display": "Acme Health"},
                   {"reference": "Organization/o9", "identifier": [{"system": NAIC, "value": " 47570 "}]}]
    organizations = {"Organization/o9": {"resourceType": "Organization", "id": "o9", "name": "Pacific Payer",
                                         "alias": ["PP", 3, " "]}}
    [c] = read_coverages([cov], organizations, policy_set)
    assert (c.payer_id, c.payer_name) == ("premera", "Acme Health")
    cov["payor"] = [{"reference": "http://fhir.example/r4/Organization/o9/_history/2"}]
    organizations["Organization/o9"]["identifier"] = []
    organizations["Organization/o9"]["alias"] = ["Premera Blue Cross"]
    [c] = read_coverages([cov], organizations, policy_set)
    assert (c.payer_id, c.payer_name) == ("premera", "Premera Blue Cross")   # the name that matched


def test_a_coverage_without_any_payer_name_is_an_unknown_payer(policy_set):
    cov = coverage()
    [c] = read_coverages([cov], {}, policy_set)
    assert (c.payer_id, c.payer_name) == (None, None)
    [d] = run(policy_set, [mrs_order()], [cov])
    assert d.situation is Situation.PAYER_UNKNOWN


def test_two_coverages_of_one_payer_each_get_their_decision(policy_set):
    """Each coverage the policy names gets its own assertion, even when both are the same payer's."""
    order = panel_order(occurrenceDateTime="2026-03-01")
    decisions = run(policy_set, [order], [bcbsma(id="c1", order=1), bcbsma(id="c2", order=2)])
    assert [(d.policy.id, d.coverage.id) for d in decisions] == [("bcbsma-073", "c1"), ("bcbsma-073", "c2")]


def test_ranked_coverages_come_before_unranked_ones(policy_set):
    order = panel_order(occurrenceDateTime="2026-03-01")
    coverages = read_coverages([bcbsma(id="unranked"), premera(id="second", order=2)], {}, policy_set)
    assert [(c.id, c.order) for c in coverages] == [("second", 2), ("unranked", None)]
    assert [d.policy.id for d in run(policy_set, [order], [bcbsma(), premera(order=2)])] == [
        "premera-intracellular-micronutrient", "bcbsma-073"]


@pytest.mark.parametrize("next_review,today,overdue", [
    ("2024-06", dt.date(2024, 6, 30), False), ("2024-06", dt.date(2024, 7, 1), True),
    ("2024-06-15", dt.date(2024, 6, 30), False), ("2024-06-15", dt.date(2024, 7, 1), True),
    ("2024-06", dt.date(2023, 12, 31), False), ("2024-06", dt.date(2025, 1, 1), True), (None, dt.date(2030, 1, 1), False),
])
def test_review_is_overdue_once_the_month_of_the_next_review_has_passed(policy_set, next_review, today, overdue):
    """The schema allows YYYY-MM and YYYY-MM-DD; either counts by month."""
    rule = dataclasses.replace(policy_set.policies["ma-mrs"], next_review=next_review)
    assert rule.review_overdue(today) is overdue


def test_payor_references_are_the_organizations_to_look_up_elsewhere():
    cov = {"resourceType": "Coverage", "payor": [
        {"reference": "#contained"}, "not an object", {"display": "Acme"}, {"reference": ""},
        {"reference": "Organization/o1"}, {"reference": "Patient/p1"},
        {"reference": "https://fhir.example/r4/Organization/o2/_history/3"}]}
    assert payor_references(cov) == ["Organization/o1", "https://fhir.example/r4/Organization/o2/_history/3"]
    assert payor_references({"resourceType": "Coverage", "payor": {"reference": "Organization/o1"}}) == []
    assert payor_references({"resourceType": "Coverage"}) == []


def test_an_organization_read_by_an_absolute_or_versioned_reference_is_found(policy_set):
    cov = coverage(payor_reference="https://fhir.example/r4/Organization/o2/_history/3/extra")
    organizations = {"Organization/o2": {"resourceType": "Organization", "id": "o2",
                                         "identifier": [{"system": NAIC, "value": "53228"}]}}
    [c] = read_coverages([cov], organizations, policy_set)
    assert c.payer_id == "bcbsma"


@pytest.mark.parametrize("identifier", [
    {"system": NAIC, "value": 47570}, {"system": 5, "value": "47570"}, {"value": "47570"}, "47570", [None]])
def test_malformed_payer_identifiers_are_passed_over(policy_set, identifier):
    cov = coverage(payer_display="Acme Health")
    cov["payor"][0]["identifier"] = identifier
    [c] = read_coverages([cov], {}, policy_set)
    assert (c.payer_id, c.payer_name) == (None, "Acme Health")


@pytest.mark.parametrize("field", ["value", "name"])
def test_either_the_class_value_or_its_name_can_name_the_line(policy_set, field):
    cov = coverage(payer_display="Premera Blue Cross")
    cov["class"] = [{"type": {"text": "plan"}, field: "Premera Medicare Advantage"}, "junk"]
    [c] = read_coverages([cov], {}, policy_set)
    assert c.line_of_business == "medicare-advantage"


def test_a_payer_policy_for_another_line_does_not_hide_the_payers_next_policy(policy_set):
    """A payer may publish one policy per product line for a service: the first one not naming the
    coverage's line is passed over and the next one still decides."""
    key = ("intracellular-micronutrient-panel", "bcbsma")
    medicaid_only = dataclasses.replace(policy_set.policies["bcbsma-073"], id="bcbsma-medicaid",
                                        lines_of_business=frozenset({"medicaid"}))
    ps = dataclasses.replace(policy_set, by_service_payer={
        **policy_set.by_service_payer, key: (medicaid_only, *policy_set.by_service_payer[key])})
    assert rows(run(ps, [panel_order()], [bcbsma()])) == [(Situation.POLICY_APPLIES, "bcbsma-073")]


def test_with_no_policy_for_any_coverage_a_recognised_payer_is_named_before_an_unknown_one(policy_set):
    """The primary coverage's payer is unknown, the secondary's is on file without an MRS policy: the
    card can still name the payer the service knows."""
    decisions = run(policy_set, [mrs_order()], [coverage(payer_display="Acme Health Plan", order=1), bcbsma(order=2)])
    assert [(d.situation, d.payer.id if d.payer else None) for d in decisions] == [
        (Situation.NO_POLICY_FOR_PLAN, "bcbsma")]
