"""National rules beside payer policies: Medicare NCD 220.2.1 binds Original Medicare and every Medicare
Advantage plan whoever the payer (shared/reference/medicare.md), and a plan's own policy is cited with it."""
from __future__ import annotations

import pytest

from cds_service.engine import Situation, decide, read_coverages, read_order
from tests.conftest import TODAY
from tests.fixtures.builders import MA_PLAN_NAME, bcbsma, coverage, ma_plan, mrs_order, panel_order, premera

NCD = "cms-ncd-220-2-1"


def run(ps, orders, coverages, today=TODAY):
    return decide([read_order(o, f"o{i}") for i, o in enumerate(orders)], read_coverages(coverages, {}, ps), ps, today)


def summary(d):
    return (d.situation, d.policy.id if d.policy else None, d.national_rule.id if d.national_rule else None,
            d.payer.id if d.payer else None, d.coverage.line_of_business if d.coverage else None)


# Coverages as EHRs send them for each kind of Medicare; SOPT codes from shared/reference/medicare.md.
@pytest.mark.parametrize("cov,line,payer", [
    (coverage(payer_display="Medicare", sopt="121"), "original-medicare", "cms"),
    (coverage(payer_display="Noridian Healthcare Solutions", sopt="121"), "original-medicare", None),
    (coverage(contained_org={"name": "Centers for Medicare & Medicaid Services"}), "original-medicare", "cms"),
    (coverage(payer_display="CMS", plan="Medicare Part A and B"), "original-medicare", "cms"),
    (coverage(payer_display="Humana Gold Plus (HMO)", sopt="111"), "medicare-advantage", None),
    (coverage(payer_display="Acme Health", plan="Acme Medicare Advantage PPO"), "medicare-advantage", None),
    (coverage(payer_display="Aetna Medicare", sopt="112"), "medicare-advantage", None),
    (bcbsma(sopt=None, plan="Medicare HMO Blue"), "medicare-advantage", "bcbsma"),
    (premera(sopt="112"), "medicare-advantage", "premera"),
    (coverage(payer_display="Some Payer", sopt="1"), "medicare", None),
    (coverage(payer_display="Some Payer", sopt="19"), "medicare", None),
])
def test_the_ncd_binds_every_medicare_line_whoever_the_payer(policy_set, cov, line, payer):
    [d] = run(policy_set, [mrs_order()], [cov])
    assert summary(d) == (Situation.POLICY_APPLIES, NCD, None, payer, line)


def test_the_seed_002_plan_is_cited_with_the_ncd_it_follows(policy_set):
    [d] = run(policy_set, [mrs_order()], [ma_plan()])
    assert summary(d) == (Situation.POLICY_APPLIES, "ma-mrs", NCD, "ma-mrs-plan", "medicare-advantage")


def test_the_seed_002_plan_is_medicare_advantage_even_when_the_coverage_does_not_say(policy_set):
    [d] = run(policy_set, [mrs_order()], [coverage(payer_display=MA_PLAN_NAME)])
    assert summary(d) == (Situation.POLICY_APPLIES, "ma-mrs", NCD, "ma-mrs-plan", "medicare-advantage")


def test_the_ncd_outranks_a_plan_policy_not_yet_in_effect(policy_set):
    """Seed 002 was published 10/01/2023; the NCD has noncovered MRS since 22 March 1994."""
    [d] = run(policy_set, [mrs_order(occurrenceDateTime="2023-09-01")], [ma_plan()])
    assert summary(d) == (Situation.POLICY_APPLIES, NCD, None, "ma-mrs-plan", "medicare-advantage")


def test_no_ncd_before_its_date(policy_set):
    [d] = run(policy_set, [mrs_order(occurrenceDateTime="1994-03-21")],
              [coverage(payer_display="Medicare", sopt="121")])
    assert d.situation is Situation.NO_POLICY_FOR_PLAN


@pytest.mark.parametrize("cov", [
    coverage(payer_display="Some Payer", sopt="122"),        # Part D: a drug benefit
    bcbsma(),                                                # commercial
    coverage(payer_display="Acme Health", sopt="21"),        # Medicaid
    coverage(payer_display="Acme Health"),                   # line unknown
])
def test_the_ncd_does_not_reach_other_lines(policy_set, cov):
    for d in run(policy_set, [mrs_order()], [cov]):
        assert d.policy is None or d.policy.id != NCD
        assert d.national_rule is None


@pytest.mark.parametrize("cov", [coverage(payer_display="Medicare", sopt="121"),
                                 coverage(payer_display="Humana Gold Plus (HMO)", sopt="111")])
def test_panels_for_medicare_patients_have_no_national_rule_on_file(policy_set, cov):
    [d] = run(policy_set, [panel_order()], [cov])
    assert d.situation in (Situation.NO_POLICY_FOR_PLAN, Situation.PAYER_UNKNOWN)
    assert d.policy is None and d.national_rule is None


def test_a_payer_policy_for_medicare_advantage_panels_is_not_joined_by_a_national_rule(policy_set):
    [d] = run(policy_set, [panel_order()], [bcbsma(sopt="111")])
    assert summary(d) == (Situation.POLICY_APPLIES, "bcbsma-073", None, "bcbsma", "medicare-advantage")


def test_national_rules_are_indexed_by_line_not_by_payer(policy_set):
    assert [r.id for r in policy_set.national[("mrs", "original-medicare")]] == [NCD]
    assert all(NCD not in [r.id for r in rules] for rules in policy_set.by_service_payer.values())
    assert NCD in [r.id for r in policy_set.by_service["mrs"]]


def test_disabling_the_ncd_leaves_the_plan_policy_alone(policy_set):
    from cds_service.policy_files import load_policy_set
    from tests.conftest import settings_for
    s = settings_for(CDS_DISABLED_POLICIES=NCD)
    ps = load_policy_set(s.policy_dir, **s.policy_settings())
    [d] = run(ps, [mrs_order()], [ma_plan()])
    assert summary(d) == (Situation.POLICY_APPLIES, "ma-mrs", None, "ma-mrs-plan", "medicare-advantage")
    [d] = run(ps, [mrs_order()], [coverage(payer_display="Medicare", sopt="121")])
    assert d.situation is Situation.NO_POLICY_FOR_PLAN


def test_the_ncd_card_is_worded_for_the_line_of_business_and_falls_back_to_its_common_words(policy_set):
    """The ABN is Original Medicare's and the organization determination Medicare Advantage's
    (shared/reference/medicare.md): each line reads its own sentence, a line without one the common one."""
    rule = policy_set.policies[NCD]
    assert rule.card_text("finding", "medicare-advantage").startswith("Medicare Advantage plans must follow")
    assert "organization determination" in rule.card_text("recourse", "medicare-advantage")
    assert "ABN" in rule.card_text("patient", "original-medicare")
    assert rule.card_text("finding", None) == rule.card["finding"] == (
        "Medicare does not cover MR spectroscopy for any indication (NCD 220.2.1).")
    assert rule.card_text("recourse", "original-medicare") == ""


def test_a_national_rule_past_its_announced_review_is_marked_overdue(policy_set):
    import dataclasses
    ncd = dataclasses.replace(policy_set.policies[NCD], next_review="2024-06")
    national = {key: tuple(ncd if r.id == NCD else r for r in rules) for key, rules in policy_set.national.items()}
    ps = dataclasses.replace(policy_set, national=national)
    [d] = run(ps, [mrs_order()], [coverage(payer_display="Medicare", sopt="121")])
    assert (d.policy.id, d.review_overdue) == (NCD, True)
    [d] = run(policy_set, [mrs_order()], [coverage(payer_display="Medicare", sopt="121")])
    assert (d.policy.id, d.review_overdue) == (NCD, False)
