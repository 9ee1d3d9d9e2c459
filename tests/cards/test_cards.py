"""Cards: every policy, situation and line of business renders through every template, within the limits a
clinician reads in five seconds, and says only what each source says."""
from __future__ import annotations

import datetime as dt
import re
import shutil

import jinja2
import pytest
from fhir.resources.R4B.servicerequest import ServiceRequest

from cds_service.cards import DEFAULT_BASE_URL, CardRenderer, CardTemplateError
from cds_service.engine import Situation, decide, read_coverages, read_order
from tests.conftest import TODAY
from tests.fixtures import schema
from tests.fixtures.builders import (CPT, LOINC, MA_PLAN_NAME, bcbsma, coverage, ma_plan, mrs_order, panel_order,
                                     premera, service_request)

ORIGINAL_MEDICARE = "Medicare"      # CMS as payor, SOPT 121 (shared/reference/medicare.md)
MA_UNNAMED = "Humana Gold Plus (HMO)"   # a Medicare Advantage plan with no policy of its own on file

# The lines of business every policy is rendered for (shared/reference/medicare.md for the SOPT codes).
LINES = {
    "original-medicare": lambda: [coverage(payer_display=ORIGINAL_MEDICARE, sopt="121")],
    "original-medicare-cms-org": lambda: [coverage(contained_org={"name": "Centers for Medicare & Medicaid Services"},
                                                    plan="Medicare Part B")],
    "medicare-kind-unknown": lambda: [coverage(payer_display="Medicare", sopt="1")],
    "ma-unnamed-plan": lambda: [coverage(payer_display=MA_UNNAMED, sopt="111")],
    "ma-seed-002-plan": lambda: [ma_plan()],
    "ma-bcbsma-hmo-blue": lambda: [bcbsma(sopt=None, plan="Medicare HMO Blue")],
    "ma-premera": lambda: [premera(sopt="112")],
    "commercial-bcbsma": lambda: [bcbsma()],
    "commercial-premera": lambda: [premera()],
    "premera-unknown-line": lambda: [coverage(payer_display="Premera")],
    "medicaid-bcbsma": lambda: [bcbsma(sopt="21")],
    "unknown-payer": lambda: [coverage(payer_display="Acme Health")],
    "no-coverage": lambda: [],
}
ORDERS = {
    "mrs": lambda: [mrs_order()],
    "mrs-combined": lambda: [service_request("MRI brain with MR spectroscopy", codes=[(CPT, "76390")])],
    "four-mrs": lambda: [service_request("MRS discogenic pain", codes=[(CPT, c)], id=f"d{i}")
                         for i, c in enumerate(["0609T", "0610T", "0611T", "0612T"])],
    "panel": lambda: [panel_order(occurrenceDateTime="2026-03-01")],
    "panel-exatest": lambda: [panel_order("ExaTest", occurrenceDateTime="2026-03-01")],
    "panel-early": lambda: [panel_order(occurrenceDateTime="2026-02-05")],
}
MATRIX = [(line, order) for line in LINES for order in ORDERS]

# Named scenarios the tests below speak of.
SCENARIOS = {
    "panel-bcbsma": ([panel_order()], [bcbsma()]),
    "panel-premera": ([panel_order("ExaTest", occurrenceDateTime="2026-03-01")], [premera()]),
    "mrs-ma": ([mrs_order()], [ma_plan()]),
    "mrs-ma-unnamed": ([mrs_order()], [coverage(payer_display=MA_UNNAMED, sopt="111")]),
    "mrs-original-medicare": ([mrs_order()], [coverage(payer_display=ORIGINAL_MEDICARE, sopt="121")]),
    "mrs-medicare-kind-unknown": ([mrs_order()], [coverage(payer_display="Medicare", sopt="1")]),
    "mrs-ma-combined": ([service_request("MRI brain with MR spectroscopy", codes=[(CPT, "76390")])], [ma_plan()]),
    "panel-premera-early": ([panel_order(occurrenceDateTime="2026-02-05")], [premera()]),
    "panel-premera-ma": ([panel_order()], [premera(sopt="112")]),
    "panel-bcbsma-ma": ([panel_order()], [bcbsma(sopt=None, plan="Medicare HMO Blue")]),
    "panel-premera-unknown-line": ([panel_order()], [coverage(payer_display="Premera")]),
    "panel-original-medicare": ([panel_order()], [coverage(payer_display=ORIGINAL_MEDICARE, sopt="121")]),
    "panel-ma-unnamed": ([panel_order()], [coverage(payer_display=MA_UNNAMED, sopt="111")]),
    "mrs-bcbsma": ([mrs_order()], [bcbsma()]),
    "panel-bcbsma-medicaid": ([panel_order()], [bcbsma(sopt="21")]),
    "mrs-unknown-payer": ([mrs_order()], [coverage(payer_display="Acme Health")]),
    "panel-unknown-payer": ([panel_order()], [coverage(payer_display="Acme Health")]),
    "mrs-no-coverage": ([mrs_order()], []),
    "panel-no-coverage": ([panel_order("Vibrant Micronutrients")], []),
    "four-mrs": ([mrs_order(id=f"m{i}") for i in range(4)], [ma_plan()]),
}
MEDICARE_ADVANTAGE_MRS = ["mrs-ma", "mrs-ma-unnamed"]
ABN_WORDS = re.compile(r"\bABN\b|Advance Beneficiary|CMS-R-131")
ORGANIZATION_DETERMINATION = re.compile(r"organi[sz]ation determination", re.IGNORECASE)


def decisions_for(ps, name, today=TODAY):
    orders, coverages = SCENARIOS[name]
    return decide([read_order(o, "o") for o in orders], read_coverages(coverages, {}, ps), ps, today)


def cards_for(ps, renderer, name):
    return renderer.render(decisions_for(ps, name))


def matrix_cards(ps, renderer, line, order):
    orders = [read_order(o, "o") for o in ORDERS[order]()]
    return renderer.render(decide(orders, read_coverages(LINES[line](), {}, ps), ps, TODAY))


def text_of(card):
    return card["summary"] + "\n" + card.get("detail", "") + "\n" + card["source"]["label"]


def parts(detail):
    return [p for p in detail.split("\n\n") if p.strip()]


def test_scenarios_cover_every_situation_and_every_policy(policy_set):
    decisions = [d for line, order in MATRIX for d in decide(
        [read_order(o, "o") for o in ORDERS[order]()], read_coverages(LINES[line](), {}, policy_set), policy_set, TODAY)]
    assert {d.situation for d in decisions} == set(Situation)
    assert {d.policy.id for d in decisions if d.policy} == set(policy_set.policies)
    assert any(d.national_rule for d in decisions)


@pytest.mark.parametrize("line,order", MATRIX)
def test_every_card_is_valid_short_and_without_empty_values(policy_set, renderer, line, order):
    cards = matrix_cards(policy_set, renderer, line, order)
    assert cards
    for card in cards:
        schema.validate(card, "Card")
        # What, the finding and whose rule, in 100 characters, never cut short.
        assert len(card["summary"]) <= 100 and not card["summary"].endswith("…"), card["summary"]
        assert "None" not in text_of(card) and "{{" not in text_of(card)
        assert not re.search(r"\n{3,}", card["detail"])
        words = len(card["detail"].split())
        assert words <= 80, (words, card["detail"])
        if card["indicator"] == "warning":
            assert len(parts(card["detail"])) <= 3, card["detail"]
            assert [p.split(":**")[0] for p in parts(card["detail"])] == ["**For this patient", "**Instead", "**Why"]
        assert "recorded on the order" not in card["detail"]


@pytest.mark.parametrize("line,order", MATRIX)
def test_every_card_links_to_its_policy_page_and_to_real_pages_only(policy_set, renderer, line, order):
    known = {l.url for p in policy_set.policies.values() for l in p.links}
    for card in matrix_cards(policy_set, renderer, line, order):
        urls = [link["url"] for link in card["links"]]
        assert all(link["type"] == "absolute" for link in card["links"])
        ours = [u for u in urls if u.startswith(DEFAULT_BASE_URL + "/policies")]
        assert ours, card["links"]
        assert all(u.startswith("https://") and u in known for u in urls if u not in ours)
        assert "#" not in "".join(urls)


def test_original_medicare_card_gives_the_abn_and_never_an_organization_determination(policy_set, renderer):
    [card] = cards_for(policy_set, renderer, "mrs-original-medicare")
    assert card["summary"] == "MR spectroscopy: not covered by Medicare (NCD 220.2.1)"
    text = text_of(card)
    assert "Advance Beneficiary Notice (ABN, CMS-R-131) before the service" in text
    assert "cannot be billed" in text
    assert not ORGANIZATION_DETERMINATION.search(text)
    assert [r["code"] for r in card["overrideReasons"]] == ["abn-given", "coverage-info-wrong"]


@pytest.mark.parametrize("name", MEDICARE_ADVANTAGE_MRS + ["four-mrs"])
def test_medicare_advantage_card_gives_the_organization_determination_and_never_an_abn(policy_set, renderer, name):
    [card] = cards_for(policy_set, renderer, name)
    text = text_of(card)
    assert "pre-service organization determination" in text and "financially responsible" in text
    assert not ABN_WORDS.search(text)
    assert "abn-given" not in {r["code"] for r in card["overrideReasons"]}
    assert "NCD 220.2.1" in card["summary"] and "NCD 220.2.1" in card["source"]["label"]


@pytest.mark.parametrize("line", [l for l in LINES if l.startswith(("ma-", "original-medicare"))])
def test_the_abn_and_organization_determination_never_meet_on_a_known_medicare_line(policy_set, renderer, line):
    for order in ORDERS:
        for card in matrix_cards(policy_set, renderer, line, order):
            text = text_of(card) + " ".join(r["display"] for r in card.get("overrideReasons", []))
            if line.startswith("ma-"):
                assert not ABN_WORDS.search(text), text
            else:
                assert not ORGANIZATION_DETERMINATION.search(text), text


def test_medicare_of_unknown_kind_says_which_notice_applies_to_which_kind(policy_set, renderer):
    [card] = cards_for(policy_set, renderer, "mrs-medicare-kind-unknown")
    assert "for Original Medicare give an ABN (CMS-R-131)" in card["detail"]
    assert "a Medicare Advantage member may request a pre-service organization determination" in card["detail"]


def test_seed_002_plan_card_cites_its_own_policy_and_the_ncd_it_follows(policy_set, renderer):
    [card] = cards_for(policy_set, renderer, "mrs-ma")
    assert card["indicator"] == "warning"
    assert card["summary"] == f"MR spectroscopy: not covered by {MA_PLAN_NAME} (MRS medical policy; NCD 220.2.1)"
    assert card["source"]["label"] == f"{MA_PLAN_NAME}: MRS medical policy and Medicare NCD 220.2.1"
    detail = card["detail"]
    assert '"noncovered as not reasonable and necessary"' in detail
    assert "NCD 220.2.1, which the plan must follow, does not cover it either" in detail
    assert "financially responsible: tell them in advance" in detail   # seed 002's own advice
    urls = [l["url"] for l in card["links"]]
    assert urls[:2] == [f"{DEFAULT_BASE_URL}/policies/ma-mrs", f"{DEFAULT_BASE_URL}/policies/cms-ncd-220-2-1"]
    assert card["links"][0]["label"] == f"Policy page: {MA_PLAN_NAME} MRS medical policy"
    assert "https://www.cms.gov/medicare-coverage-database/view/ncd.aspx?NCDId=287" in urls


def test_no_card_says_that_no_ncd_exists(policy_set, renderer):
    for line, order in MATRIX:
        for card in matrix_cards(policy_set, renderer, line, order):
            text = text_of(card)
            assert not re.search(r"no (?:Medicare )?(?:NCD|LCD|national coverage)|guidance is not available", text), text


@pytest.mark.parametrize("name", ["panel-original-medicare", "panel-ma-unnamed"])
def test_panels_for_medicare_patients_say_no_national_rule_is_on_file(policy_set, renderer, name):
    [card] = cards_for(policy_set, renderer, name)
    assert card["indicator"] == "info"
    assert re.search(r"no national Medicare rule on this test is on file|nor a national Medicare rule", card["detail"])


def test_premera_medicare_advantage_card_quotes_the_exclusion_and_says_no_national_rule(policy_set, renderer):
    [card] = cards_for(policy_set, renderer, "panel-premera-ma")
    assert card["indicator"] == "info"
    assert '"This medical policy does not apply to Medicare Advantage."' in card["detail"]
    assert "nor a national Medicare rule" in card["detail"]


PAYER_WORDS = {"bcbsma": re.compile(r"BCBS|Blue Cross Blue Shield"), "premera": re.compile("Premera"),
               "ma-mrs-plan": re.compile(MA_PLAN_NAME)}


@pytest.mark.parametrize("line,order", MATRIX)
def test_a_card_about_one_payer_quotes_only_that_payer_and_the_national_rule_binding_it(policy_set, renderer, line, order):
    orders = [read_order(o, "o") for o in ORDERS[order]()]
    decisions = decide(orders, read_coverages(LINES[line](), {}, policy_set), policy_set, TODAY)
    for card, group in renderer.render_groups(decisions):
        d = group.first
        if not d.situation.names_the_patients_policy:
            continue
        text = text_of(card)
        for payer, words in PAYER_WORDS.items():
            if payer != (d.payer.id if d.payer else None) and payer != d.policy.payer.id:
                assert not words.search(text), (payer, text)
        if d.national_rule is None and not d.policy.national:
            assert "NCD" not in text


def test_bcbsma_serum_alternatives_cite_bcbsma_not_premera(policy_set, renderer):
    for name in ("panel-bcbsma", "panel-bcbsma-ma"):
        [card] = cards_for(policy_set, renderer, name)
        instead = next(p for p in parts(card["detail"]) if p.startswith("**Instead"))
        assert "(BCBS MA 073)" in instead and "Premera" not in card["detail"]


def test_evidence_cards_label_other_payers_policies_as_such(policy_set, renderer):
    [card] = cards_for(policy_set, renderer, "mrs-bcbsma")
    assert "**Other payers' policies, not this patient's:**" in card["detail"]
    assert "- Medicare NCD 220.2.1 (national rule): not covered" in card["detail"]
    assert "Medical Policy 073" not in card["detail"]        # BCBS MA's own panel policy is not about MRS
    [card] = cards_for(policy_set, renderer, "panel-bcbsma-medicaid")
    assert "BCBS MA Medical Policy 073" not in card["detail"]   # the patient's payer's policy is not "other"
    assert "Premera intracellular micronutrient policy" in card["detail"]


def test_names_a_person_knows_in_the_source_label_each_once(policy_set, renderer):
    for name, label in [("panel-bcbsma", "Blue Cross Blue Shield of Massachusetts: Medical Policy 073"),
                        ("panel-premera", "Premera Blue Cross: intracellular micronutrient policy"),
                        ("mrs-original-medicare", "Medicare: NCD 220.2.1"),
                        ("mrs-ma-unnamed", f"{MA_UNNAMED}: Medicare NCD 220.2.1")]:
        [card] = cards_for(policy_set, renderer, name)
        assert card["source"]["label"] == label
    for line, order in MATRIX:
        for card in matrix_cards(policy_set, renderer, line, order):
            assert "ma-mrs-plan" not in text_of(card) and "(MRS policy)" not in text_of(card)


def test_payer_name_comes_from_the_coverage_organization_when_we_have_no_record(policy_set, renderer):
    cov = coverage(contained_org={"name": "Wellcare Medicare Advantage"}, sopt="111")
    [card] = renderer.render(decide([read_order(mrs_order(), "o")], read_coverages([cov], {}, policy_set),
                                    policy_set, TODAY))
    assert card["summary"] == "MR spectroscopy: not covered by Wellcare Medicare Advantage (NCD 220.2.1)"


def test_a_configured_display_name_wins_over_the_coverage_name(tmp_path):
    from cds_service.config import load_settings
    from cds_service.policy_files import load_policy_set
    s = load_settings({"CDS_PAYERS": {"ma-mrs-plan": {"names": [MA_PLAN_NAME], "display": "Cascade Health"}}})
    ps = load_policy_set(s.policy_dir, **s.policy_settings())
    [card] = CardRenderer(s.cards_dir, ps).render(decisions_for(ps, "mrs-ma"))
    assert card["source"]["label"].startswith("Cascade Health: ") and MA_PLAN_NAME not in text_of(card)


def test_warning_says_why_it_fired_once_per_match(policy_set, renderer):
    [card] = cards_for(policy_set, renderer, "mrs-original-medicare")
    why = parts(card["detail"])[-1]
    assert why == "**Why:** CPT 76390 and 'MR spectroscopy' in \"MR spectroscopy, brain\", dated 2026-11-22."


def test_bcbsma_card_speaks_of_clinical_exception_never_of_inpatient_coverage(policy_set, renderer):
    [card] = cards_for(policy_set, renderer, "panel-bcbsma")
    text = text_of(card)
    assert "Clinical Exception Process" in text and "investigational" in text
    assert "financially responsible" not in text and "reimburs" not in text
    assert not re.search(r"covered (?:when performed )?inpatient|inpatient[^.]*\bis covered", text)
    assert [r["code"] for r in card["overrideReasons"]] == ["clinical-exception", "coverage-info-wrong"]


def test_premera_card_speaks_of_reimbursement_only(policy_set, renderer):
    [card] = cards_for(policy_set, renderer, "panel-premera")
    text = text_of(card)
    assert "not reimbursable" in card["summary"] and "financially responsible" not in text
    assert "Clinical Exception" not in text


def test_premera_before_effective_date_is_info_without_a_reimbursement_claim(policy_set, renderer):
    [card] = cards_for(policy_set, renderer, "panel-premera-early")
    assert card["indicator"] == "info" and "2026-02-06" in card["summary"]
    assert "not reimbursable" not in text_of(card) and "does not reimburse" not in text_of(card)


@pytest.mark.parametrize("name", ["mrs-bcbsma", "panel-bcbsma-medicaid", "mrs-unknown-payer", "panel-unknown-payer",
                                  "mrs-no-coverage", "panel-no-coverage"])
def test_evidence_cards_cite_policies_as_evidence_never_as_the_patients_coverage(policy_set, renderer, name):
    [card] = cards_for(policy_set, renderer, name)
    assert card["indicator"] == "info"
    assert card["source"]["label"] == "Coverage policy evidence"
    assert "not this patient's" in card["detail"] or "not necessarily this patient's" in card["detail"]
    assert "overrideReasons" not in card


def test_no_coverage_card_says_the_plan_could_not_be_determined(policy_set, renderer):
    [card] = cards_for(policy_set, renderer, "panel-no-coverage")
    assert "could not be determined" in card["summary"] and "could not be determined" in card["detail"]
    assert "BCBS MA Medical Policy 073" in card["detail"] and "Premera" in card["detail"]
    assert "from 2026-02-06" not in card["detail"]  # today is past it


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
    assert "**Instead:** Order the MRI without spectroscopy." in card["detail"]
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


def test_links_use_the_public_base_url(policy_set, tmp_path):
    from cds_service.config import load_settings
    s = load_settings({})
    renderer = CardRenderer(s.cards_dir, policy_set, "https://cds.example.org/")
    [card] = renderer.render(decisions_for(policy_set, "mrs-original-medicare"))
    assert card["links"][0] == {"label": "Policy page: Medicare NCD 220.2.1", "type": "absolute",
                                "url": "https://cds.example.org/policies/cms-ncd-220-2-1"}
    [card] = renderer.render(decisions_for(policy_set, "mrs-no-coverage"), base_url="http://10.0.0.5:8080")
    assert card["links"] == [{"label": "Payer policies on file for MR spectroscopy", "type": "absolute",
                              "url": "http://10.0.0.5:8080/policies?service=mrs"}]


def test_a_template_naming_an_unknown_value_fails_when_rendered(policy_set, tmp_path):
    from cds_service.resources import bundled_dir
    cards_dir = tmp_path / "cards"
    shutil.copytree(bundled_dir("cards"), cards_dir)
    path = cards_dir / "cards.yaml"
    path.write_text(path.read_text().replace("({{ cites }})\"", "({{ policy.no_such_field }})\""))
    renderer = CardRenderer(cards_dir, policy_set)
    # StrictUndefined: a misspelt name is an error at render time, never an empty string on a card.
    with pytest.raises(jinja2.UndefinedError, match="no_such_field"):
        renderer.render(decisions_for(policy_set, "panel-bcbsma"))


def test_a_template_with_a_syntax_error_fails_at_start(policy_set, tmp_path):
    from cds_service.resources import bundled_dir
    cards_dir = tmp_path / "cards"
    shutil.copytree(bundled_dir("cards"), cards_dir)
    (cards_dir / "detail" / "evidence.md.j2").write_text("{% if %}")
    with pytest.raises(CardTemplateError, match="template"):
        CardRenderer(cards_dir, policy_set)


def test_review_overdue_is_one_short_line_on_the_card_and_only_once_overdue(policy_set, renderer):
    [card] = cards_for(policy_set, renderer, "mrs-ma")
    assert parts(card["detail"])[-1].endswith(" MRS medical policy review was due 06/2024.")
    [card] = renderer.render(decisions_for(policy_set, "mrs-ma", today=dt.date(2024, 5, 1)))
    assert "review was due" not in card["detail"]


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
