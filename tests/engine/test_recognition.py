"""Which orders are in scope: codes, phrases, local codes and volume; and the traps that must stay silent."""
from __future__ import annotations

import pytest

from cds_service.engine import PolicyDataError, read_order, recognise
from cds_service.policy_files import load_policy_set
from tests.conftest import settings_for
from tests.fixtures.builders import (BILLING_OPTIONS, CPT, CPT_OID, PREMERA_PANEL_CODES, SNOMED,
                                     service_request)


def services_of(resource, ps):
    return [(m.service.id, tuple(p.id for p in m.products)) for m in recognise(read_order(resource, "o"), ps)]


def service_ids(resource, ps):
    return [m.service.id for m in recognise(read_order(resource, "o"), ps)]


@pytest.mark.parametrize("code", ["76390", "0609T", "0610T", "0611T", "0612T", "0609t"])
@pytest.mark.parametrize("system", [CPT, CPT_OID])
def test_mrs_cpt_codes_fire_under_the_cpt_uri_and_its_oid(policy_set, code, system):
    assert service_ids(service_request(codes=[(system, code)]), policy_set) == ["mrs"]


def test_mrs_snomed_code_fires(policy_set):
    assert service_ids(service_request(codes=[(SNOMED, "241671007")]), policy_set) == ["mrs"]


def test_mrs_code_in_another_system_does_not_fire(policy_set):
    assert service_ids(service_request(codes=[("http://loinc.org", "76390")]), policy_set) == []


@pytest.mark.parametrize("text", ["MR spectroscopy", "MRS brain", "Magnetic resonance spectroscopy of the brain",
                                  "mr spectroscopy, prostate", "Proton MRS (single voxel)"])
def test_mrs_named_in_order_text_fires(compiled_policy_set, text):
    assert service_ids(service_request(text), compiled_policy_set) == ["mrs"]


@pytest.mark.parametrize("text", ["MRSA screen, nares", "MRSA PCR", "MRI brain without contrast",
                                  "Near-infrared spectroscopy (NIRS) cerebral oximetry", "Mrs. Jones to call back",
                                  "Infrared spectroscopy of urinary stone", "Spectroscopy"])
def test_mrs_lookalikes_never_fire(policy_set, text):
    assert service_ids(service_request(text), policy_set) == []


def test_mrs_named_in_a_code_display_fires(policy_set):
    assert service_ids(service_request(displays=["Magnetic resonance spectroscopy"]), policy_set) == ["mrs"]


@pytest.mark.parametrize("text", ["MRI brain with and without contrast with MR spectroscopy",
                                  "Magnetic resonance imaging and spectroscopy of brain (MRS)"])
def test_mri_combined_with_spectroscopy_fires_as_a_combined_study(policy_set, text):
    [match] = recognise(read_order(service_request(text), "o"), policy_set)
    assert match.service.id == "mrs" and match.combined_study


def test_mrs_code_beside_another_procedure_code_is_a_combined_study(policy_set):
    # 70450 (CT head) is taken from the Sandbox capture; any other CPT code on the order means more
    # than spectroscopy was ordered.
    [match] = recognise(read_order(service_request(codes=[(CPT, "76390"), (CPT, "70450")]), "o"), policy_set)
    assert match.combined_study


def test_plain_mrs_order_is_not_a_combined_study(policy_set):
    [match] = recognise(read_order(service_request("MR spectroscopy", codes=[(CPT, "76390")]), "o"), policy_set)
    assert not match.combined_study


@pytest.mark.parametrize("text,product", [
    ("SpectraCell Micronutrient Test", "spectracell"),
    ("spectracell micronutrient panel", "spectracell"),
    ("SPECTROX total antioxidant function", "spectracell"),
    ("IMMUNIDEX immune response score", "spectracell"),
    ("EXA Test", "exatest"),
    ("ExaTest mineral electrolytes", "exatest"),
    ("EXA-Test buccal cells", "exatest"),
    ("IntraCellular Diagnostics mineral analysis", "exatest"),
    ("Cellular micronutrient assay", "css-cma"),
    ("Cell Science Systems cell micronutrient assay", "css-cma"),
    ("Cell Science Systems CMA", "css-cma"),
    ("CMA - Cell Science Systems", "css-cma"),
    ("Vibrant Micronutrients", "vibrant"),
    ("Vibrant America Micronutrient panel", "vibrant"),
    ("Intracellular micronutrient panel", "generic"),
    ("Functional intracellular analysis (FIA)", "generic"),
    ("Leukocyte nutrient analysis", "generic"),
])
def test_panels_are_recognised_by_product_lab_and_method(policy_set, text, product):
    assert services_of(service_request(text), policy_set) == [("intracellular-micronutrient-panel", (product,))]


def test_panel_named_only_in_a_code_display_fires(policy_set):
    order = service_request(codes=[("http://hospital.example/lab", "L123")], displays=["SpectraCell Micronutrient"])
    assert service_ids(order, policy_set) == ["intracellular-micronutrient-panel"]


@pytest.mark.parametrize("text", [
    "Intracellular cytokine staining, flow cytometry",
    "Buccal swab for DNA",
    "Micronutrient panel",
    "Micronutrients",
    "Energy dispersive x-ray analysis of renal biopsy",
    "Electron microscopy, diagnostic",
    "Alcat food sensitivity test",
    "Cell Science Systems Alcat 200 food panel",
    "CMA (chromosomal microarray analysis)",
    "NutrEval FMV",
    "Vitamin B12",
    "Vibrant Wheat Zoomer",
])
def test_generic_words_and_other_tests_never_fire(policy_set, text):
    assert service_ids(service_request(text), policy_set) == []


def test_panel_volume_fires_at_the_threshold(policy_set):
    codes = [(CPT, c) for c in PREMERA_PANEL_CODES[:8]]
    assert services_of(service_request("Nutrient panel", codes=codes), policy_set) == [
        ("intracellular-micronutrient-panel", ("generic",))]


def test_panel_volume_below_the_threshold_is_silent(policy_set):
    codes = [(CPT, c) for c in PREMERA_PANEL_CODES[:7]]
    assert service_ids(service_request("Nutrient panel", codes=codes), policy_set) == []


def test_repeated_panel_codes_count_once(policy_set):
    codes = [(CPT, c) for c in PREMERA_PANEL_CODES[:4]] * 3
    assert service_ids(service_request("Nutrient panel", codes=codes), policy_set) == []


def test_panel_codes_in_the_crd_billing_options_extension_count(policy_set):
    order = service_request("Send-out nutrient panel")
    order["code"]["extension"] = [{"url": BILLING_OPTIONS, "extension": [
        {"url": "code", "valueCoding": {"system": CPT, "code": c}} for c in PREMERA_PANEL_CODES[:8]]}]
    assert service_ids(order, policy_set) == ["intracellular-micronutrient-panel"]


@pytest.mark.parametrize("code", ["86353", "88348", "82607"])
def test_one_panel_code_alone_is_an_ordinary_test(policy_set, code):
    assert service_ids(service_request(codes=[(CPT, code)]), policy_set) == []


def test_panel_min_codes_setting_changes_the_threshold():
    s = settings_for(CDS_PANEL_MIN_CODES="3")
    ps = load_policy_set(s.policy_dir, **s.policy_settings())
    codes = [(CPT, c) for c in PREMERA_PANEL_CODES[:3]]
    assert service_ids(service_request("Nutrient panel", codes=codes), ps) == ["intracellular-micronutrient-panel"]


def test_local_catalog_code_mapped_to_a_policy_fires():
    s = settings_for(CDS_LOCAL_CODES={"http://hospital.example/lab|SC-31": "bcbsma-073",
                                      "http://hospital.example/rad|MRS1": "mrs"})
    ps = load_policy_set(s.policy_dir, **s.policy_settings())
    assert service_ids(service_request(codes=[("http://hospital.example/lab", "SC-31")]), ps) == [
        "intracellular-micronutrient-panel"]
    assert service_ids(service_request(codes=[("http://hospital.example/rad", "MRS1")]), ps) == ["mrs"]
    assert service_ids(service_request(codes=[("http://other.example/lab", "SC-31")]), ps) == []


def test_local_code_mapped_to_an_unknown_policy_is_a_configuration_error():
    s = settings_for(CDS_LOCAL_CODES={"http://hospital.example/lab|X": "no-such-policy"})
    with pytest.raises(PolicyDataError, match="no-such-policy"):
        load_policy_set(s.policy_dir, **s.policy_settings())


def test_evidence_names_what_matched_and_where(policy_set):
    [match] = recognise(read_order(service_request("SpectraCell Micronutrient Test"), "o"), policy_set)
    [ev] = match.evidence
    # The lab's name alone is no evidence: the evidence names it with the product word that completed it.
    assert (ev.kind, ev.matched, ev.where) == ("phrase", "SpectraCell … Micronutrient", "the order text")


def test_empty_coding_and_missing_code_are_not_errors(policy_set):
    assert service_ids({"resourceType": "ServiceRequest", "id": "x", "code": {"coding": [{}]}}, policy_set) == []
    assert service_ids({"resourceType": "ServiceRequest", "id": "x"}, policy_set) == []


@pytest.mark.parametrize("before", [{}, {"system": CPT}, {"system": CPT, "code": ""}, {"display": "MRI"}])
def test_a_code_after_an_empty_coding_is_read(policy_set, before):
    order = {"resourceType": "ServiceRequest", "id": "x",
             "code": {"coding": [before, {"system": CPT, "code": "76390"}]}}
    assert service_ids(order, policy_set) == ["mrs"]


def test_a_billing_code_after_an_empty_coding_is_read(policy_set):
    order = service_request("Send-out nutrient panel")
    order["code"]["extension"] = [{"url": BILLING_OPTIONS, "extension": [{"url": "code", "valueCoding": {}}] + [
        {"url": "code", "valueCoding": {"system": CPT, "code": c}} for c in PREMERA_PANEL_CODES[:8]]}]
    assert service_ids(order, policy_set) == ["intracellular-micronutrient-panel"]


@pytest.mark.parametrize("text,matched,rule,product", [
    # a product named beside the word its trigger needs: the evidence quotes both
    ("SpectraCell Micronutrient Test", "SpectraCell … Micronutrient", "SpectraCell micronutrient panel (lymphocyte)",
     "spectracell"),
    ("EXA-Test buccal cells", "EXA-Test", "EXA Test (buccal cell mineral electrolytes)", "exatest"),
    ("Vibrant Micronutrients", "Vibrant … Micronutrients", "Vibrant Micronutrients panel", "vibrant"),
    # a phrase of the service itself names no product: the evidence names the service
    ("Intracellular micronutrient panel", "Intracellular micronutrient", "Intracellular micronutrient panel",
     "generic"),
])
def test_evidence_names_the_product_a_phrase_named(policy_set, text, matched, rule, product):
    [match] = recognise(read_order(service_request(text), "o"), policy_set)
    [ev] = match.evidence
    assert (ev.kind, ev.matched, ev.where, ev.rule) == ("phrase", matched, "the order text", rule)
    assert [p.id for p in match.products] == [product]


def test_evidence_of_a_code_names_the_service_and_the_code(compiled_policy_set):
    [match] = recognise(read_order(service_request(codes=[(CPT_OID, "0610t")]), "o"), compiled_policy_set)
    [ev] = match.evidence
    assert (ev.kind, ev.matched, ev.where, ev.system) == ("code", "0610T", "the order's codes", "CPT")
    # the code's meaning as services.yaml records it from the MRS policy's coding section (seed 002)
    assert ev.rule == "MRS discogenic pain; transmission of biomarker data for software analysis"


def test_evidence_of_a_display_says_where_it_stood(policy_set):
    order = service_request(codes=[("http://hospital.example/lab", "L123")], displays=["SpectraCell Micronutrient"])
    [match] = recognise(read_order(order, "o"), policy_set)
    assert [(e.kind, e.matched, e.where) for e in match.evidence] == [
        ("phrase", "SpectraCell … Micronutrient", "a code display")]


def test_the_same_words_in_text_and_display_are_two_pieces_of_evidence_once_each(policy_set):
    order = service_request("MR spectroscopy", displays=["MR spectroscopy"], codes=[(CPT, "76390"), (CPT, "76390")])
    [match] = recognise(read_order(order, "o"), policy_set)
    assert [(e.kind, e.where) for e in match.evidence] == [
        ("code", "the order's codes"), ("phrase", "the order text"), ("phrase", "a code display")]


def test_panel_volume_evidence_lists_the_codes_and_the_threshold(policy_set):
    codes = [(CPT, c) for c in reversed(PREMERA_PANEL_CODES[:8])]
    [match] = recognise(read_order(service_request("Nutrient panel", codes=codes), "o"), policy_set)
    [ev] = match.evidence
    assert (ev.kind, ev.matched, ev.where) == (
        "panel-volume", ", ".join(sorted(PREMERA_PANEL_CODES[:8])), "one order's codes")
    assert ev.rule == "8 distinct panel CPT codes on one order (threshold 8)"
    assert (ev.rule_id, ev.reason, ev.source) == ("panel-volume", "many panel CPT codes on one order",
                                                  "seed 001 (Coding table)")
    assert [p.id for p in match.products] == [policy_set.recognizer.panel.product_id]


def test_local_code_evidence_names_the_catalog_mapping():
    s = settings_for(CDS_LOCAL_CODES={"http://hospital.example/lab|SC-31": "bcbsma-073",
                                      "http://hospital.example/rad|MRS1": "mrs"})
    ps = load_policy_set(s.policy_dir, **s.policy_settings())
    [match] = recognise(read_order(service_request(codes=[("http://hospital.example/lab", "SC-31")]), "o"), ps)
    assert [(e.kind, e.matched, e.rule, e.rule_id, e.reason, e.source) for e in match.evidence] == [
        ("local-code", "SC-31", "this organisation's catalog mapping to bcbsma-073", "local-code", "CDS_LOCAL_CODES",
         "CDS_LOCAL_CODES")]
    [match] = recognise(read_order(service_request(codes=[("http://hospital.example/rad", "MRS1")]), "o"), ps)
    assert [e.rule for e in match.evidence] == ["this organisation's catalog mapping to mrs"]


def test_panel_codes_in_a_billing_options_codeable_concept_count(policy_set):
    order = service_request("Send-out nutrient panel")
    order["code"]["extension"] = [{"url": BILLING_OPTIONS, "extension": [
        {"url": "code", "valueCodeableConcept": {"coding": [{"system": CPT, "code": c} for c in PREMERA_PANEL_CODES[:8]],
                                                 "text": "panel codes"}}]}]
    assert service_ids(order, policy_set) == ["intracellular-micronutrient-panel"]


def test_codes_in_other_extensions_are_not_billing_codes(policy_set):
    """Only the CRD billing-options extension (and what nests inside it) carries billing codes."""
    order = service_request("Send-out nutrient panel")
    order["code"]["extension"] = [{"url": "http://hospital.example/fhir/ext/charge-codes", "extension": [
        {"url": "code", "valueCoding": {"system": CPT, "code": c}} for c in PREMERA_PANEL_CODES[:8]]}]
    assert service_ids(order, policy_set) == []
    order["code"]["extension"] = [{"url": "http://hospital.example/fhir/ext/charge-codes",
                                   "valueCodeableConcept": {"coding": [{"system": CPT, "code": "76390"}]}}]
    assert service_ids(order, policy_set) == []


def test_an_mrs_order_names_the_mrs_product_and_a_panel_without_a_product_the_generic_one(policy_set):
    assert services_of(service_request(codes=[(CPT, "76390")]), policy_set) == [("mrs", ("mrs",))]
    codes = [(CPT, c) for c in PREMERA_PANEL_CODES[:8]]
    assert services_of(service_request(codes=codes), policy_set) == [
        ("intracellular-micronutrient-panel", ("generic",))]


def test_codes_are_read_without_surrounding_spaces_and_in_any_case(policy_set):
    assert service_ids(service_request(codes=[(CPT, " 0611t ")]), policy_set) == ["mrs"]


def test_panel_codes_count_only_as_cpt(policy_set):
    codes = [("http://loinc.org", c) for c in PREMERA_PANEL_CODES[:8]] + [(None, c) for c in PREMERA_PANEL_CODES[8:16]]
    order = service_request("Nutrient panel", codes=codes)
    order["code"]["coding"] = [{k: v for k, v in c.items() if v is not None} for c in order["code"]["coding"]]
    assert service_ids(order, policy_set) == []


def test_panel_codes_beside_an_mrs_code_do_not_make_it_a_combined_study(policy_set):
    """Panel CPT codes are laboratory codes: only another procedure code means more than spectroscopy."""
    [match] = recognise(read_order(service_request(codes=[(CPT, "76390"), (CPT, "82607")]), "o"), policy_set)
    assert not match.combined_study
    [match] = recognise(read_order(service_request(codes=[(CPT, "76390"), (CPT, "0609T")]), "o"), policy_set)
    assert not match.combined_study


def test_a_panel_is_never_a_combined_study(policy_set):
    [match] = recognise(read_order(service_request("SpectraCell Micronutrient Test with MRI review"), "o"), policy_set)
    assert match.service.id == "intracellular-micronutrient-panel" and not match.combined_study


def test_local_codes_are_matched_exactly_as_configured():
    s = settings_for(CDS_LOCAL_CODES={"http://hospital.example/lab|sc-31": "intracellular-micronutrient-panel"})
    ps = load_policy_set(s.policy_dir, **s.policy_settings())
    assert service_ids(service_request(codes=[("http://hospital.example/lab", "sc-31")]), ps) == [
        "intracellular-micronutrient-panel"]
    assert service_ids(service_request(codes=[("http://hospital.example/lab", "SC-31")]), ps) == []
    assert service_ids(service_request(codes=[("http://hospital.example/other", "sc-31")]), ps) == []


def test_evidence_of_a_code_names_its_rule_reason_and_source(compiled_policy_set):
    [match] = recognise(read_order(service_request(codes=[(CPT, "76390")]), "o"), compiled_policy_set)
    [ev] = match.evidence
    assert (ev.rule_id, ev.reason, ev.source, ev.rule) == (
        "mrs:cpt:76390", "a code that names the service", "seed 002_49a13f22a5efe94e.txt (CODING)",
        "Magnetic resonance spectroscopy")
