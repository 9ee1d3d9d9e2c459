"""What compile_recognizer makes of a services definition: a small one, compiled in each test.

The shared policy set is compiled once, before the first test; these tests compile their own rules, so
what they pin about an order is pinned about the compiler too. Every rule is taken from the bundled
services.yaml (its id says which), cut down to the words each case needs.
"""
from __future__ import annotations

from typing import Any

from cds_service.engine import read_order
from cds_service.engine.model import Product, Service
from cds_service.engine.recognition import Examination, compile_recognizer, examine
from tests.fixtures.builders import CPT, service_request

FROM = "services.yaml"


def small_services(**mrs_extra: Any) -> dict[str, Any]:
    """MR spectroscopy, recognised by one phrase and its abbreviation, and the panel with one product."""
    return {"services": [
        {"id": "mrs", "name": "Magnetic resonance spectroscopy", "short_name": "MR spectroscopy", "kind": "imaging",
         "codes": [{"system": "cpt", "code": "76390", "source": FROM}],
         "phrases": [
             {"id": "mrs-mr-spectroscopy", "pattern": r"MR\s+spectro(?:scop(?:y|ic))?", "source": FROM, "reason": FROM},
             {"id": "mrs-abbreviation", "pattern": r"MRS(?!\.)", "case_sensitive": True, "source": FROM,
              "reason": FROM}],
         "products": [{"id": "mrs", "name": "MR spectroscopy", "phrases": []}],
         **mrs_extra},
        {"id": "intracellular-micronutrient-panel", "name": "Intracellular micronutrient panel",
         "short_name": "intracellular micronutrient panel", "kind": "laboratory", "codes": [],
         "phrases": [{"id": "panel-intracellular-micronutrient", "pattern": r"intra-?cellular\s+micro-?nutrients?",
                      "source": FROM, "reason": FROM}],
         "products": [
             {"id": "generic", "name": "Intracellular micronutrient panel", "phrases": []},
             {"id": "spectracell", "name": "SpectraCell micronutrient panel (lymphocyte)",
              "lab": "SpectraCell Laboratories",
              "phrases": [{"id": "panel-spectracell-micronutrient", "pattern": r"Spectra[\s-]?Cell",
                           "requires": {"pattern": r"micro-?nutrients?|nutrients?|nutritional|(?-i:MNT)",
                                        "reason": "SpectraCell also sells telomere, lipoprotein and genetic tests",
                                        "source": FROM},
                           "source": FROM, "reason": FROM}]},
             {"id": "exatest", "name": "EXA Test (buccal cell mineral electrolytes)",
              "lab": "IntraCellular Diagnostics",
              "phrases": [{"id": "panel-exatest", "pattern": r"EXA[\s-]?Test", "source": FROM, "reason": FROM}]}]},
    ]}


def compiled(doc: dict[str, Any]):
    problems: list[tuple[tuple, str]] = []
    services = {s["id"]: Service(s["id"], s["name"], s["short_name"], s["kind"]) for s in doc["services"]}
    products = {(s["id"], p["id"]): Product(p["id"], p["name"], p.get("lab"), ())
                for s in doc["services"] for p in s["products"]}
    rz = compile_recognizer(doc, services, products, {CPT: "cpt"}, panel=None,
                            report=lambda place, message: problems.append((place, message)))
    assert problems == []
    return rz


def examined(doc: dict[str, Any], text: str) -> Examination:
    order = read_order(service_request(text), "o")
    ex = examine(order, compiled(doc))
    assert ex.order is order   # `explain` shows the order beside what was concluded about it
    return ex


def test_a_product_phrase_makes_the_order_that_product_not_the_services_generic_one():
    [match] = examined(small_services(), "EXA-Test buccal cells").matches
    assert [p.id for p in match.products] == ["exatest"]
    [ev] = match.evidence
    assert (ev.rule_id, ev.matched, ev.rule) == ("panel-exatest", "EXA-Test", "EXA Test (buccal cell mineral electrolytes)")
    # the service's own phrase names no product: the generic one stands for the panel
    [match] = examined(small_services(), "Intracellular micronutrient panel").matches
    assert [p.id for p in match.products] == ["generic"]


# services.yaml combined_study_phrases of mrs: an MRI study ordered with the spectroscopy
COMBINED = [{"pattern": "MRI", "source": FROM}, {"pattern": r"magnetic\s+resonance\s+imaging", "source": FROM},
            {"pattern": r"MR\s+imaging", "source": FROM}]


def test_each_combined_study_phrase_makes_a_combined_study():
    doc = small_services(combined_study_phrases=COMBINED)
    for text in ["MRI brain with MR spectroscopy", "Magnetic resonance imaging of the brain with MR spectroscopy",
                 "MR imaging and MR spectroscopy, prostate"]:
        [match] = examined(doc, text).matches
        assert match.service.id == "mrs" and match.combined_study, text
    [match] = examined(doc, "MR spectroscopy, brain").matches
    assert not match.combined_study


# services.yaml vetoes of mrs: mrs-rankin-scale, cut down to the scale's names
RANKIN = {"id": "mrs-rankin-scale", "pattern": r"Rankin|NIHSS|stroke\s+scale", "scope": "order",
          "applies_to": ["mrs-abbreviation"], "source": FROM,
          "reason": "'MRS' beside a scale, score or grade is the modified Rankin Scale of stroke disability, not spectroscopy"}


def test_a_veto_stops_its_words_in_any_case_unless_it_says_case_sensitive():
    """Catalogs write in capitals or not: a veto matches as a phrase does, case-insensitively by default."""
    doc = small_services(vetoes=[RANKIN])
    for text, by in [("MRS; MODIFIED RANKIN SCALE 2", "RANKIN"), ("MRS nihss 4", "nihss"),
                     ("MRS, Stroke Scale", "Stroke Scale")]:
        ex = examined(doc, text)
        assert ex.matches == () and [(v.rule_id, v.trigger.matched, v.by) for v in ex.vetoed] == [
            ("mrs-rankin-scale", "MRS", by)], text
    doc = small_services(vetoes=[dict(RANKIN, case_sensitive=True)])
    assert [m.service.id for m in examined(doc, "MRS; MODIFIED RANKIN SCALE 2").matches] == ["mrs"]
    assert examined(doc, "MRS; modified Rankin scale 2").matches == ()


def test_a_phrase_completed_by_the_words_it_requires_quotes_both_in_its_evidence():
    [match] = examined(small_services(), "SpectraCell Micronutrient Test").matches
    [ev] = match.evidence
    assert (ev.rule_id, ev.matched, [p.id for p in match.products]) == (
        "panel-spectracell-micronutrient", "SpectraCell … Micronutrient", ["spectracell"])
    ex = examined(small_services(), "SpectraCell Telomere Test")
    assert ex.matches == () and [(v.rule_id, v.by) for v in ex.vetoed] == [
        ("panel-spectracell-micronutrient:requires", "no words it requires")]
