"""Cards: every situation renders through every template; words say only what each source says."""
from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from fhir.resources.R4B.servicerequest import ServiceRequest

from cds_service.cards import CardRenderer, CardTemplateError
from cds_service.engine import Situation, decide, read_coverages, read_order
from tests.conftest import TODAY
from tests.fixtures import schema
from tests.fixtures.builders import (CPT, LOINC, bcbsma, coverage, ma_plan, mrs_order, panel_order, premera,
                                     service_request)

# One real scenario per row of the decision table, for each service it can concern.
SCENARIOS = {
    "panel-bcbsma": ([panel_order()], [bcbsma()]),
    "panel-premera": ([panel_order("ExaTest", occurrenceDateTime="2026-03-01")], [premera()]),
    "mrs-ma": ([mrs_order()], [ma_plan()]),
    "mrs-ma-combined": ([service_request("MRI brain with MR spectroscopy", codes=[(CPT, "76390")])], [ma_plan()]),
    "panel-premera-early": ([panel_order(occurrenceDateTime="2026-02-05")], [premera()]),
    "panel-premera-ma": ([panel_order()], [premera(sopt="112")]),
    "panel-premera-unknown-line": ([panel_order()], [coverage(payer_display="Premera")]),
    "mrs-bcbsma": ([mrs_order()], [bcbsma()]),
    "panel-bcbsma-medicaid": ([panel_order()], [bcbsma(sopt="21")]),
    "mrs-unknown-payer": ([mrs_order()], [coverage(payer_display="Acme Health")]),
    "panel-unknown-payer": ([panel_order()], [coverage(payer_display="Acme Health")]),
    "mrs-no-coverage": ([mrs_order()], []),
    "panel-no-coverage": ([panel_order("Vibrant Micronutrients")], []),
    "four-mrs": ([mrs_order(id=f"m{i}") for i in range(4)], [ma_plan()]),
}


def decisions_for(ps, name, today=TODAY):
    orders, coverages = SCENARIOS[name]
    return decide([read_order(o, "o") for o in orders], read_coverages(coverages, {}, ps), ps, today)


def cards_for(ps, renderer, name):
    return renderer.render(decisions_for(ps, name))


def text_of(card):
    return card["summary"] + "\n" + card.get("detail", "")


def test_scenarios_cover_every_situation(policy_set):
    seen = {d.situation for name in SCENARIOS for d in decisions_for(policy_set, name)}
    assert seen == set(Situation)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_card_is_valid_and_has_no_empty_values(policy_set, renderer, name):
    cards = cards_for(policy_set, renderer, name)
    assert cards
    for card in cards:
        schema.validate(card, "Card")
        assert len(card["summary"]) < 140 and not card["summary"].endswith("…")
        assert "None" not in text_of(card) and "{{" not in text_of(card)
        assert not re.search(r"\n{3,}", card["detail"])


def test_warning_names_payer_policy_determination_and_why(policy_set, renderer):
    [card] = cards_for(policy_set, renderer, "panel-bcbsma")
    assert card["indicator"] == "warning"
    assert "investigational" in card["summary"] and "BCBS MA policy 073" in card["summary"]
    assert card["source"]["label"].startswith("Blue Cross Blue Shield of Massachusetts")
    assert "matched 'SpectraCell … Micronutrient' in the order text" in card["detail"]
    assert "→ BCBS MA policy 073" in card["detail"]


def test_bcbsma_card_speaks_of_clinical_exception_never_of_inpatient_coverage(policy_set, renderer):
    [card] = cards_for(policy_set, renderer, "panel-bcbsma")
    text = text_of(card)
    assert "Clinical Exception Process" in text
    assert "financially responsible" not in text and "reimburs" not in text
    assert "not a covered service" in text
    assert not re.search(r"covered (?:when performed )?inpatient|inpatient[^.]*\bis covered", text)
    assert [r["code"] for r in card["overrideReasons"]] == ["clinical-exception", "coverage-info-wrong"]


def test_premera_card_speaks_of_reimbursement_only(policy_set, renderer):
    [card] = cards_for(policy_set, renderer, "panel-premera")
    text = text_of(card)
    assert "not reimbursable" in text and "financially responsible" not in text
    assert "Clinical Exception" not in text


def test_medicare_advantage_mrs_card_warns_of_member_liability_and_organization_determination(policy_set, renderer):
    [card] = cards_for(policy_set, renderer, "mrs-ma")
    text = text_of(card)
    assert card["indicator"] == "warning"
    assert "not reasonable and necessary" in text and "NCD or LCD" in text
    assert "financially responsible" in text and "pre-service organization determination" in text
    assert "last reviewed 08/2023" in text and "next review was due 06/2024" in text
    assert {r["display"] for r in card["overrideReasons"]} == {
        "Pre-service organization determination requested",
        "Member informed and accepts financial responsibility", "Coverage information is wrong"}


def test_only_the_medicare_advantage_card_offers_the_member_liability_override(policy_set, renderer):
    for name in ("panel-bcbsma", "panel-premera"):
        for card in cards_for(policy_set, renderer, name):
            assert "member-accepts-liability" not in {r["code"] for r in card.get("overrideReasons", [])}


def test_premera_before_effective_date_is_info_without_a_reimbursement_claim(policy_set, renderer):
    [card] = cards_for(policy_set, renderer, "panel-premera-early")
    assert card["indicator"] == "info" and "2026-02-06" in card["summary"]
    assert "not reimbursable" not in text_of(card)


def test_premera_medicare_advantage_card_quotes_the_exclusion(policy_set, renderer):
    [card] = cards_for(policy_set, renderer, "panel-premera-ma")
    assert card["indicator"] == "info"
    assert "does not apply to Medicare Advantage" in card["detail"]
    assert "not this patient's coverage" in card["detail"]


@pytest.mark.parametrize("name", ["mrs-bcbsma", "panel-bcbsma-medicaid", "mrs-unknown-payer", "panel-unknown-payer",
                                  "mrs-no-coverage", "panel-no-coverage"])
def test_evidence_cards_cite_policies_as_evidence_never_as_the_patients_coverage(policy_set, renderer, name):
    [card] = cards_for(policy_set, renderer, name)
    assert card["indicator"] == "info"
    assert card["source"]["label"] == "Coverage policy evidence"
    assert "not this patient's coverage" in card["detail"]
    assert "overrideReasons" not in card


def test_no_coverage_card_says_the_plan_could_not_be_determined(policy_set, renderer):
    [card] = cards_for(policy_set, renderer, "panel-no-coverage")
    assert "could not be determined" in card["summary"]
    assert "Blue Cross Blue Shield of Massachusetts" in card["detail"] and "Premera" in card["detail"]
    assert "for dates of service on or after 2026-02-06" not in card["detail"]  # today is past it


def test_suggestions_remove_or_replace_with_serum_tests_none_recommended(policy_set, renderer):
    [card] = cards_for(policy_set, renderer, "panel-bcbsma")
    remove, replace = card["suggestions"]
    assert card["selectionBehavior"] == "at-most-one"
    assert all("isRecommended" not in s for s in card["suggestions"])
    assert remove["label"] == "Remove this order"
    assert [a["type"] for a in remove["actions"]] == ["delete"]
    assert remove["actions"][0]["resourceId"].startswith("ServiceRequest/")
    assert replace["label"].startswith("Replace with serum tests")
    assert [a["type"] for a in replace["actions"]] == ["delete"] + ["create"] * 5
    assert len({s["uuid"] for s in card["suggestions"]} | {card["uuid"]}) == 3


def test_serum_replacement_orders_are_valid_r4b_with_verified_loinc_and_cpt(policy_set, renderer):
    orders, coverages = SCENARIOS["panel-bcbsma"]
    orders[0]["encounter"] = {"reference": "Encounter/e1"}
    orders[0]["requester"] = {"reference": "Practitioner/dr1"}
    [card] = renderer.render(decide([read_order(orders[0], "o")], read_coverages(coverages, {}, policy_set),
                                    policy_set, TODAY))
    del orders[0]["encounter"], orders[0]["requester"]
    creates = [a["resource"] for a in card["suggestions"][1]["actions"] if a["type"] == "create"]
    loinc = {c["code"] for r in creates for c in r["code"]["coding"] if c["system"] == LOINC}
    cpt = {c["code"] for r in creates for c in r["code"]["coding"] if c["system"] == CPT}
    assert loinc == {"62292-8", "2132-9", "2284-8", "19123-9", "5763-8"}
    assert cpt == {"82306", "82607", "82746", "83735", "84630"}
    for resource in creates:
        ServiceRequest.model_validate(resource)
        assert resource["subject"] == {"reference": "Patient/p1"}
        assert resource["encounter"] == {"reference": "Encounter/e1"}
        assert resource["requester"] == {"reference": "Practitioner/dr1"}


def test_exatest_is_replaced_by_serum_magnesium_and_calcium(policy_set, renderer):
    [card] = cards_for(policy_set, renderer, "panel-premera")
    creates = [a["resource"]["code"]["text"] for a in card["suggestions"][1]["actions"] if a["type"] == "create"]
    assert creates == ["Magnesium, serum", "Calcium, total, serum"]


def test_accepting_the_serum_replacement_never_raises_a_card(policy_set, renderer):
    [card] = cards_for(policy_set, renderer, "panel-bcbsma")
    created = [dict(a["resource"], id=f"new{i}") for i, a in enumerate(card["suggestions"][1]["actions"])
               if a["type"] == "create"]
    orders = [read_order(r, "o") for r in created]
    assert decide(orders, read_coverages([bcbsma()], {}, policy_set), policy_set, TODAY) == []


def test_combined_mri_and_spectroscopy_offers_no_removal_and_asks_for_mri_alone(policy_set, renderer):
    [card] = cards_for(policy_set, renderer, "mrs-ma-combined")
    assert "suggestions" not in card and "selectionBehavior" not in card
    assert "order the MRI without spectroscopy" in card["detail"]
    assert card["source"]["topic"]["code"] == "guideline"


def test_four_mrs_orders_make_one_card_naming_all_four(policy_set, renderer):
    [card] = cards_for(policy_set, renderer, "four-mrs")
    assert card["summary"].startswith("4 MR spectroscopy orders")
    [remove] = card["suggestions"]
    assert sorted(a["resourceId"] for a in remove["actions"]) == [f"ServiceRequest/m{i}" for i in range(4)]
    assert remove["label"] == "Remove these 4 orders"


def test_clinician_text_is_escaped_in_markdown(policy_set, renderer):
    order = panel_order("SpectraCell micronutrient <img src=x onerror=alert(1)> *now*")
    [card] = renderer.render(decide([read_order(order, "o")], [], policy_set, TODAY))
    assert not re.search(r"(?<!\\)<img", card["detail"])
    assert r"\<img" in card["detail"] and r"\*now\*" in card["detail"]


def test_order_without_id_gets_a_card_but_no_one_click_action(policy_set, renderer):
    order = panel_order()
    del order["id"]
    [card] = renderer.render(decide([read_order(order, "o")], [], policy_set, TODAY))
    assert "suggestions" not in card


def test_links_are_only_the_real_urls_in_policy_data(policy_set, renderer):
    urls = {link["url"] for name in SCENARIOS for c in cards_for(policy_set, renderer, name)
            for link in c.get("links", [])}
    assert urls == {l.url for p in policy_set.policies.values() for l in p.links}
    for name in SCENARIOS:
        for card in cards_for(policy_set, renderer, name):
            assert "url" not in card["source"]


def test_a_template_naming_an_unknown_value_fails_when_rendered(policy_set, tmp_path):
    from cds_service.resources import bundled_dir
    cards_dir = tmp_path / "cards"
    shutil.copytree(bundled_dir("cards"), cards_dir)
    path = cards_dir / "cards.yaml"
    path.write_text(path.read_text().replace("{{ policy.short_reference }})\"", "{{ policy.no_such_field }})\""))
    renderer = CardRenderer(cards_dir, policy_set)
    with pytest.raises(Exception, match="no_such_field"):
        renderer.render(decisions_for(policy_set, "panel-bcbsma"))


def test_a_template_with_a_syntax_error_fails_at_start(policy_set, tmp_path):
    from cds_service.resources import bundled_dir
    cards_dir = tmp_path / "cards"
    shutil.copytree(bundled_dir("cards"), cards_dir)
    (cards_dir / "detail" / "evidence.md.j2").write_text("{% if %}")
    with pytest.raises(CardTemplateError, match="template"):
        CardRenderer(cards_dir, policy_set)


def test_review_note_only_on_overdue_policies(policy_set, renderer):
    [card] = renderer.render(decisions_for(policy_set, "mrs-ma", today=dt.date(2024, 5, 1)))
    assert "next review was due" not in card["detail"]


def test_evidence_card_lists_five_policies_then_a_count(tmp_path):
    from benchmarks.workload import synthetic_policy_dir
    from cds_service.config import load_settings
    from cds_service.policy_files import load_policy_set
    directory = synthetic_policy_dir(tmp_path / "policies", 40)
    settings = load_settings({"CDS_POLICY_DIR": str(directory)})
    ps = load_policy_set(directory, **settings.policy_settings())
    renderer = CardRenderer(settings.cards_dir, ps)
    [card] = renderer.render(decide([read_order(mrs_order(), "o")], [], ps, TODAY))
    listed = [line for line in card["detail"].splitlines() if line.startswith("- ") and "more polic" not in line]
    total = len(ps.by_service["mrs"])
    assert len(listed) == 5 and f"and {total - 5} more policies on file" in card["detail"]
