"""Recognition from all of an order's evidence: context, negation, vetoes, kinds, local suppression.

Each case pins one way a phrase list fails on real catalogs, and that the evidence says why.
"""
from __future__ import annotations

import re

import pytest

from cds_service.engine import PolicyDataError, decide, examine, read_order, recognise
from cds_service.policy_files import load_policy_set
from tests.conftest import settings_for
from tests.fixtures.builders import CPT, LOINC, SNOMED, service_request

TODAY = __import__("datetime").date(2026, 6, 1)


def examined(resource, ps):
    return examine(read_order(resource, "o"), ps)


def fired(resource, ps):
    return [m.service.id for m in examined(resource, ps).matches]


def veto_ids(resource, ps):
    ex = examined(resource, ps)
    return [v.rule_id for v in ex.vetoed] + [v.rule_id for m in ex.matches for v in m.vetoed]


@pytest.mark.parametrize("text,codes", [
    ("MRI BRAIN W/WO CONTRAST WITH SPECTROSCOPY", [(CPT, "70553")]),
    ("MR SPECTROSCOPIC IMAGING PROSTATE", [(CPT, "72197")]),
    ("MRI BRAIN W WO CONTRAST W SPECTROSCOPY", []),
    ("MRI brain with MRSI", []),
])
def test_mri_study_named_with_spectroscopy_fires_as_a_combined_study(policy_set, text, codes):
    [match] = recognise(read_order(service_request(text, codes=codes), "o"), policy_set)
    assert match.service.id == "mrs" and match.combined_study


@pytest.mark.parametrize("text", ["Spectroscopy", "Near-infrared spectroscopy (NIRS) cerebral oximetry",
                                  "Raman spectroscopy", "Atomic absorption spectroscopy, zinc"])
def test_spectroscopy_without_an_mr_study_is_not_mrs(compiled_policy_set, text):
    assert fired(service_request(text), compiled_policy_set) == []


def test_spectroscopy_in_an_mri_order_naming_another_method_is_vetoed(policy_set):
    order = service_request("MRI brain; near-infrared spectroscopy")
    assert fired(order, policy_set) == [] and veto_ids(order, policy_set) == ["mrs-other-spectroscopy"]


@pytest.mark.parametrize("text", ["MRI brain without MRS", "MRI brain w/o contrast, no spectroscopy",
                                  "MRI BRAIN WO MRS", "MRI brain - not MR spectroscopy"])
def test_negated_spectroscopy_does_not_fire(compiled_policy_set, text):
    order = service_request(text)
    assert fired(order, compiled_policy_set) == [] and "negation" in veto_ids(order, compiled_policy_set)


def test_a_negation_ends_at_with_so_the_contrast_is_negated_not_the_spectroscopy(policy_set):
    assert fired(service_request("MRI BRAIN W/O CONTRAST WITH SPECTROSCOPY"), policy_set) == ["mrs"]
    assert fired(service_request("MRI brain without contrast, MR spectroscopy"), policy_set) == ["mrs"]


@pytest.mark.parametrize("text", ["MRS 90 day (modified Rankin Scale)", "MRS score at discharge",
                                  "Stroke outcome: mRS", "NIHSS and MRS", "Mrs Smith to call"])
def test_the_modified_rankin_scale_and_the_title_are_not_spectroscopy(policy_set, text):
    assert fired(service_request(text), policy_set) == []


def test_the_scale_veto_names_itself_in_the_evidence(policy_set):
    [veto] = examined(service_request("MRS score"), policy_set).vetoed
    assert (veto.trigger.matched, veto.rule_id, veto.by) == ("MRS", "mrs-rankin-scale", "score")


@pytest.mark.parametrize("text,codes", [
    ("NMR LipoProfile, lipoprotein particles by nuclear magnetic resonance spectroscopy", []),
    ("GlycA (magnetic resonance spectroscopy)", []),
    ("Lipoprotein fractionation by magnetic resonance spectroscopy", [(CPT, "83704")]),
])
def test_laboratory_tests_measured_by_nmr_are_not_mrs(policy_set, text, codes):
    assert fired(service_request(text, codes=codes), policy_set) == []


def test_a_laboratory_cpt_code_vetoes_an_imaging_phrase(compiled_policy_set):
    # 83704 (lipoprotein particle numbers) is in the CPT Pathology and Laboratory range.
    order = service_request("MRS", codes=[(CPT, "83704")])
    assert fired(order, compiled_policy_set) == [] and veto_ids(order, compiled_policy_set) == ["cpt-pathology-laboratory"]


def test_a_laboratory_category_vetoes_an_imaging_phrase(compiled_policy_set):
    order = service_request("MR spectroscopy", category=[{"coding": [{"system": SNOMED, "code": "108252007"}]}])
    assert fired(order, compiled_policy_set) == [] and veto_ids(order, compiled_policy_set) == ["category-laboratory-procedure"]


def test_an_imaging_category_keeps_an_imaging_phrase(compiled_policy_set):
    order = service_request("MR spectroscopy", category=[{"coding": [{"system": SNOMED, "code": "363679005"}]}])
    assert fired(order, compiled_policy_set) == ["mrs"]


def test_a_loinc_coded_order_is_laboratory_unless_its_words_name_a_modality(compiled_policy_set):
    assert fired(service_request("Magnetic resonance spectroscopy", codes=[(LOINC, "2093-3")]), compiled_policy_set) == []
    assert fired(service_request("MR spectroscopy brain", codes=[(LOINC, "2093-3")]), compiled_policy_set) == ["mrs"]


def test_an_imaging_cpt_code_vetoes_a_panel_phrase(compiled_policy_set):
    assert fired(service_request("Intracellular micronutrient panel", codes=[(CPT, "70553")]), compiled_policy_set) == []


def test_a_trigger_code_fires_whatever_the_words(policy_set):
    assert fired(service_request("MRS score", codes=[(CPT, "76390")]), policy_set) == ["mrs"]


@pytest.mark.parametrize("text", ["SpectraCell Telomere Test", "SpectraCell LPP+ lipoprotein particle profile",
                                  "Vibrant Gut Zoomer", "Cell Science Systems Alcat food panel",
                                  "IntraCellular Diagnostics"])
def test_a_labs_name_alone_is_not_its_panel(policy_set, text):
    order = service_request(text)
    assert fired(order, policy_set) == [] and veto_ids(order, policy_set)


@pytest.mark.parametrize("text", ["SpectraCell Micronutrient Test", "SpectraCell MNT", "Vibrant Wellness Micronutrients",
                                  "Cell Science Systems CMA", "IntraCellular Diagnostics EXA mineral analysis"])
def test_a_labs_name_with_its_panels_words_fires(policy_set, text):
    assert fired(service_request(text), policy_set) == ["intracellular-micronutrient-panel"]


def test_the_display_of_a_trigger_code_is_not_said_again(policy_set):
    order = {"resourceType": "ServiceRequest", "id": "x", "code": {
        "coding": [{"system": CPT, "code": "76390", "display": "Magnetic resonance spectroscopy"}]}}
    [match] = recognise(read_order(order, "o"), policy_set)
    assert [e.statement for e in match.evidence] == [
        "CPT 76390 (Magnetic resonance spectroscopy) in the order's codes"]


def test_every_fired_evidence_carries_its_rule_reason_and_source(policy_set):
    order = service_request("MRI brain with MR spectroscopy", codes=[(CPT, "76390")])
    [match] = recognise(read_order(order, "o"), policy_set)
    assert match.trigger_ids == ("mrs:cpt:76390", "mrs-mr-spectroscopy")
    assert all(e.reason and e.source for e in match.evidence)


def test_an_order_that_is_not_confidently_the_service_gets_no_decision(policy_set):
    orders = [read_order(service_request("MRS score"), "a"), read_order(service_request("SpectraCell Telomere"), "b")]
    assert decide(orders, [], policy_set, TODAY) == []


def local_set(**settings):
    s = settings_for(**settings)
    return load_policy_set(s.policy_dir, **s.policy_settings())


def test_a_local_suppression_switches_a_trigger_off_for_that_catalog_code():
    ps = local_set(CDS_LOCAL_SUPPRESS={"http://hospital.example/lab|NMR1": "mrs"})
    order = service_request("MRS brain", codes=[("http://hospital.example/lab", "NMR1")])
    mrs_order = service_request("MR spectroscopy", codes=[("http://hospital.example/lab", "NMR1"), (CPT, "76390")])
    assert fired(order, ps) == []
    assert fired(mrs_order, ps) == [] and set(veto_ids(mrs_order, ps)) == {"local-suppress"}
    assert fired(service_request("MR spectroscopy", codes=[("http://hospital.example/lab", "OTHER")]), ps) == ["mrs"]


def test_a_local_suppression_can_name_one_phrase():
    ps = local_set(CDS_LOCAL_SUPPRESS={"http://hospital.example/rad|R9": "mrs-abbreviation"})
    assert fired(service_request("MRS brain", codes=[("http://hospital.example/rad", "R9")]), ps) == []
    assert fired(service_request("MR spectroscopy", codes=[("http://hospital.example/rad", "R9")]), ps) == ["mrs"]


def test_a_local_suppression_naming_nothing_known_stops_the_start():
    with pytest.raises(PolicyDataError, match="CDS_LOCAL_SUPPRESS"):
        local_set(CDS_LOCAL_SUPPRESS={"http://hospital.example/rad|R9": "no-such-trigger"})


def test_a_veto_naming_a_phrase_of_another_service_is_refused(tmp_path):
    def veto_names_a_panel_phrase(doc):
        doc["services"][0]["vetoes"][0]["applies_to"] = ["panel-spectrox"]
    with pytest.raises(PolicyDataError, match="applies_to"):
        edited_services(tmp_path, veto_names_a_panel_phrase)


def test_mrs_called_nmr_spectroscopy_by_a_payer_still_fires(policy_set):
    # Wellmark 06.01.08: "Magnetic Resonance Spectroscopy (MRS), also known as nuclear magnetic resonance
    # (NMR) spectroscopy"; only a laboratory analyte or specimen makes NMR a laboratory method.
    order = service_request("Magnetic Resonance Spectroscopy (MRS), also known as nuclear magnetic resonance (NMR) spectroscopy")
    assert fired(order, policy_set) == ["mrs"]


@pytest.mark.parametrize("text,service", [
    ("Clinical Neurospectroscopy", "mrs"),
    ("Essential Metabolic Analysis (EMA)", "intracellular-micronutrient-panel"),
    ("functional micronutrient analysis", "intracellular-micronutrient-panel"),
])
def test_synonyms_named_by_policies_fire(policy_set, text, service):
    assert fired(service_request(text), policy_set) == [service]


@pytest.mark.parametrize("text", ["EMA IgA (endomysial antibody)", "Micronutrient, Zinc, Plasma"])
def test_abbreviations_and_serum_micronutrient_tests_stay_silent(policy_set, text):
    assert fired(service_request(text), policy_set) == []


@pytest.mark.parametrize("pattern,anchor", [
    (r"magnetic\s+resonance", "magnetic"), (r"EXA[\s-]?Test", "exa"), (r"cell(?:ular)?\s+assay", "cell"),
    (r"MRS(?!\.)", "mrs"), (r"colou?r", "colo"), (r"foo|bar", None), (r"(?:foo|bar)\s+baz", None),
    (r"[ab]x", None), (r"x\s+y", None), (r"foo[|]bar", "foo"), (r"spectro(?:scopy)?|MRSI", None),
    (r"spectro(?:scop(?:y|ic))|MRSI", None), (r"foo[ab|]bar", "foo"), (r"MR\s+imaging", "mr"),
])
def test_phrases_are_indexed_by_the_letters_they_must_start_with(pattern, anchor):
    from cds_service.engine.recognition import anchor_of
    assert anchor_of(pattern) == anchor


def test_a_phrase_without_an_anchor_is_still_tried(tmp_path):
    ps = edited_services(tmp_path, lambda doc: doc["services"][1]["phrases"].append(
        {"id": "panel-either", "pattern": "zinc-tally|cellnutri", "source": "test", "reason": "test"}))
    assert fired(service_request("Cellnutri panel"), ps) == ["intracellular-micronutrient-panel"]


def test_a_trigger_phrase_repeated_through_a_hostile_order_is_weighed_a_bounded_number_of_times(
        policy_set, monkeypatch):
    """An order that repeats trigger words through its text and twenty code displays is still the panel,
    and the phrases weighed stay bounded (counted, not timed)."""
    from cds_service.engine import recognition
    weighed = []
    real = recognition._why_not
    monkeypatch.setattr(recognition, "_why_not", lambda *a: weighed.append(a[1]) or real(*a))
    words = "intracellular micronutrient panel spectracell exa test cell science systems vibrant "
    text = (words * 24)[:2048]
    order = service_request(text, displays=[text[:196] + f" {j:03d}" for j in range(20)]
                            + [text[:200]] * 20)
    assert fired(order, policy_set) == ["intracellular-micronutrient-panel"]
    assert 0 < len(weighed) <= recognition.HITS_WEIGHED_PER_ORDER


def test_codings_repeating_one_display_are_read_once(policy_set):
    texts = recognition_texts(service_request("Vitamin D", displays=["SpectraCell Micronutrient Test"] * 5))
    assert [t.text for t in texts] == ["Vitamin D", "SpectraCell Micronutrient Test"]


def recognition_texts(resource):
    from cds_service.engine.recognition import _texts
    return _texts(read_order(resource, "o"))


def edited_services(tmp_path, change):
    """The bundled policy data with services.yaml changed by `change(doc)`, loaded."""
    import shutil
    import yaml
    from cds_service.resources import bundled_dir
    target = tmp_path / "policy_data"
    shutil.copytree(bundled_dir("policy_data"), target)
    doc = yaml.safe_load((target / "services.yaml").read_text())
    change(doc)
    (target / "services.yaml").write_text(yaml.safe_dump(doc))
    return load_policy_set(target)


def test_an_overlap_veto_stops_only_the_phrase_it_covers(tmp_path):
    """scope: overlap vetoes the words it overlaps, not the same phrase elsewhere in the order."""
    ps = edited_services(tmp_path, lambda doc: doc["services"][0]["vetoes"].append(
        {"id": "mrs-title", "pattern": r"MRS\s+Smith", "scope": "overlap", "applies_to": ["mrs-abbreviation"],
         "source": "test", "reason": "a title before a name"}))
    both = examined(service_request("MRS brain, referred by MRS Smith"), ps)
    assert [m.service.id for m in both.matches] == ["mrs"]
    assert [(v.rule_id, v.by) for v in both.matches[0].vetoed] == [("mrs-title", "MRS Smith")]
    assert fired(service_request("Follow-up with MRS Smith"), ps) == []


def test_a_veto_for_one_phrase_leaves_the_services_other_phrases_alone(compiled_policy_set):
    """The Rankin-scale veto applies to the abbreviation only: 'MR spectroscopy' beside a score is MRS."""
    assert fired(service_request("MR spectroscopy brain; modified Rankin score 3"), compiled_policy_set) == ["mrs"]
    assert fired(service_request("MRS brain; modified Rankin score 3"), compiled_policy_set) == []


def test_a_veto_of_a_service_that_fired_is_kept_with_its_match_not_among_the_unmatched(policy_set):
    ex = examined(service_request("MR spectroscopy brain; MRS score 3"), policy_set)
    assert [m.service.id for m in ex.matches] == ["mrs"]
    assert [v.rule_id for v in ex.matches[0].vetoed] == ["mrs-rankin-scale"]
    assert ex.vetoed == ()


def vetoes_of(resource, ps):
    ex = examined(resource, ps)
    return [(v.rule_id, v.by, v.reason, v.source) for v in ex.vetoed]


def test_each_veto_says_what_stopped_the_phrase_by_which_rule_and_on_what_source(compiled_policy_set):
    """explain and the audit show these words: the rule, the words or code that vetoed, its reason and source."""
    rz = compiled_policy_set.recognizer
    [(rule, by, reason, source)] = vetoes_of(service_request("MRI brain without spectroscopy"), compiled_policy_set)
    assert (rule, by, reason, source) == ("negation", "without", rz.negation.reason, rz.negation.source)
    [(rule, by, reason, _)] = vetoes_of(service_request("Infrared spectroscopy"), compiled_policy_set)
    assert (rule, by) == ("mrs-spectroscopy-in-mr-study:requires", "no words it requires")
    assert reason == "'spectroscopy' is MR spectroscopy only inside an MR/MRI study"
    [(rule, by, reason, _)] = vetoes_of(service_request("MR spectroscopy", codes=[(CPT, "82306")]), compiled_policy_set)
    assert (rule, by, reason) == ("cpt-pathology-laboratory", "CPT 82306",
                                  "a laboratory CPT code: the order is a laboratory test, not imaging")


@pytest.mark.parametrize("code,vetoed", [("80046", False), ("80047", True), ("89398", True), ("89399", False)])
def test_the_laboratory_cpt_range_is_80047_to_89398_inclusive(policy_set, code, vetoed):
    """CPT Pathology and Laboratory section 80047-89398 (services.yaml order_kinds)."""
    assert fired(service_request("MR spectroscopy", codes=[(CPT, code)]), policy_set) == ([] if vetoed else ["mrs"])


@pytest.mark.parametrize("code,vetoed", [("70009", False), ("70010", True), ("79999", True)])
def test_the_radiology_cpt_range_is_70010_to_79999_inclusive(policy_set, code, vetoed):
    """CPT Radiology section 70010-79999 (services.yaml order_kinds): an imaging code vetoes a panel phrase."""
    order = service_request("Intracellular micronutrient panel", codes=[(CPT, code)])
    assert fired(order, policy_set) == ([] if vetoed else ["intracellular-micronutrient-panel"])


def test_a_local_suppression_says_which_catalog_code_switched_the_trigger_off():
    ps = local_set(CDS_LOCAL_SUPPRESS={"http://hospital.example/lab|NMR1": "*"})
    [(rule, by, reason, source)] = vetoes_of(
        service_request("MR spectroscopy", codes=[("http://hospital.example/lab", "NMR1")]), ps)
    assert (rule, by, source) == ("local-suppress", "NMR1", "CDS_LOCAL_SUPPRESS")
    assert reason == "this organisation switched this trigger off for its catalog code (CDS_LOCAL_SUPPRESS)"


@pytest.mark.parametrize("key", ["NMR1", "|NMR1", "http://hospital.example/lab|"])
def test_a_local_suppression_key_must_name_a_system_and_a_code(key):
    with pytest.raises(PolicyDataError, match=re.escape(f"CDS_LOCAL_SUPPRESS: key {key!r} must be '<system>|<code>'")):
        local_set(CDS_LOCAL_SUPPRESS={key: "mrs"})


def test_a_local_suppression_naming_nothing_known_lists_the_services_it_could_name():
    with pytest.raises(PolicyDataError) as caught:
        local_set(CDS_LOCAL_SUPPRESS={"http://hospital.example/rad|R9": "no-such-trigger"})
    assert ("'no-such-trigger' is neither '*', a service id (['intracellular-micronutrient-panel', 'mrs']) "
            "nor a phrase id of services.yaml") in str(caught.value)


# SNOMED 363679005 (Imaging) names a kind only as a category (services.yaml), not as an order code.
@pytest.mark.parametrize("before", [("http://hospital.example/lab", "NMR1"), (SNOMED, "363679005"), (CPT, "")])
def test_a_kind_code_after_a_coding_that_names_no_kind_is_read(policy_set, before):
    """A catalog code, a code of no kind or an empty code before the laboratory CPT code does not hide it."""
    order = service_request("MR spectroscopy", codes=[before, (CPT, "82306")])
    assert fired(order, policy_set) == [] and veto_ids(order, policy_set) == ["cpt-pathology-laboratory"]


def test_a_catalog_code_mapped_to_a_service_outlives_a_suppression_of_that_service():
    """CDS_LOCAL_CODES says what the code is; CDS_LOCAL_SUPPRESS only switches off what words and codes
    of services.yaml would otherwise conclude."""
    ps = local_set(CDS_LOCAL_CODES={"http://hospital.example/rad|MRS1": "mrs"},
                   CDS_LOCAL_SUPPRESS={"http://hospital.example/rad|MRS1": "mrs"})
    [match] = examined(service_request("MRS brain", codes=[("http://hospital.example/rad", "MRS1")]), ps).matches
    assert [e.kind for e in match.evidence] == ["local-code"]
    assert [v.rule_id for v in match.vetoed] == ["local-suppress"]


@pytest.mark.parametrize("distance,negated", [(40, True), (41, False)])
def test_a_negation_reaches_40_characters_back(policy_set, distance, negated):
    """services.yaml negation window: 40 characters before the phrase."""
    head = "MRI brain no "
    text = head + "y" * (distance - len("no ") - 1) + " spectroscopy"
    assert text.index("spectroscopy") - text.index(" no ") - 1 == distance
    assert fired(service_request(text), policy_set) == ([] if negated else ["mrs"])


def test_a_veto_for_another_phrase_does_not_stop_the_vetoes_after_it(compiled_policy_set):
    """The Rankin veto (for the abbreviation only) stands first; the laboratory veto after it still applies."""
    order = service_request("MR spectroscopy, plasma")
    assert fired(order, compiled_policy_set) == [] and veto_ids(order, compiled_policy_set) == ["mrs-laboratory-analyte"]


def test_explain_reads_the_kinds_an_orders_codes_name_even_when_no_phrase_needs_them(policy_set):
    from cds_service.engine import recognition
    order = read_order(service_request("Vitamin D, 25-hydroxy", codes=[(CPT, "82306")]), "o")
    assert examine(order, policy_set).kinds == (
        ("laboratory", "CPT 82306: a laboratory CPT code: the order is a laboratory test"),)
    assert recognition.examine(order, policy_set.recognizer).kinds == ()   # the call path reads them only when needed


def test_without_a_negation_rule_no_word_negates_a_phrase(tmp_path):
    ps = edited_services(tmp_path, lambda doc: doc.pop("negation"))
    assert ps.recognizer.negation is None
    assert fired(service_request("MRI brain without spectroscopy"), ps) == ["mrs"]


def test_a_veto_that_stopped_the_same_words_twice_is_listed_once(policy_set):
    assert veto_ids(service_request("MRS score; MRS score again"), policy_set) == ["mrs-rankin-scale"]


def test_an_order_whose_one_text_matches_more_phrases_than_are_weighed_is_weighed_to_the_cap(tmp_path, monkeypatch):
    from cds_service.engine import recognition
    ps = edited_services(tmp_path, lambda doc: doc["services"][1]["phrases"].extend(
        {"id": f"panel-test-{i}", "pattern": f"tword{i}", "source": "test", "reason": "test"} for i in range(20)))
    weighed = []
    real = recognition._why_not
    monkeypatch.setattr(recognition, "_why_not", lambda *a: weighed.append(a[1]) or real(*a))
    text = " ".join(f"tword{i}" for i in range(20) for _ in range(3))      # 60 phrase matches in one text
    assert fired(service_request(text), ps) == ["intracellular-micronutrient-panel"]
    assert len(weighed) == recognition.HITS_WEIGHED_PER_ORDER == 48


def test_a_service_without_vetoes_and_rules_without_order_kinds_still_compile(tmp_path):
    def bare(doc):
        doc["services"][1].pop("vetoes")
        doc.pop("order_kinds")
    ps = edited_services(tmp_path, bare)
    assert fired(service_request("Alcat intracellular micronutrient panel"), ps) == ["intracellular-micronutrient-panel"]
    assert fired(service_request("MR spectroscopy", codes=[(CPT, "82306")]), ps) == ["mrs"]


def test_a_case_sensitive_veto_stops_only_the_words_in_its_case(tmp_path):
    def shouted_scale(doc):
        veto = doc["services"][0]["vetoes"][0]
        veto["pattern"], veto["case_sensitive"] = "SCORE", True
    ps = edited_services(tmp_path, shouted_scale)
    assert fired(service_request("MRS SCORE"), ps) == []
    assert fired(service_request("MRS score"), ps) == ["mrs"]


def test_orders_recognised_by_panel_codes_name_the_product_the_setting_names(tmp_path):
    from tests.fixtures.builders import PREMERA_PANEL_CODES
    ps = edited_services(tmp_path, lambda doc: doc["services"][1]["panel_codes"].__setitem__("product", "spectracell"))
    order = service_request("Nutrient panel", codes=[(CPT, c) for c in PREMERA_PANEL_CODES[:8]])
    [match] = examined(order, ps).matches
    assert [p.id for p in match.products] == ["spectracell"]
