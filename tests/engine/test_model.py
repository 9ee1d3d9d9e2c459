"""The words the engine's values lend the cards and the audit: what an order is called, how a piece of
evidence is said, which triggers fired, which situations name the patient's policy."""
from __future__ import annotations

import pytest

from cds_service.engine import Situation, read_order, recognise
from cds_service.engine.model import Coverage, Evidence
from tests.fixtures.builders import BILLING_OPTIONS, CPT, PREMERA_PANEL_CODES, service_request


def label(resource) -> str:
    return read_order(resource, "o").label


def test_an_order_is_called_by_its_text_first():
    assert label(service_request("MR spectroscopy", codes=[(CPT, "76390")], displays=["MRS"])) == "MR spectroscopy"


def test_an_order_without_text_is_called_by_its_first_display():
    assert label(service_request(codes=[(CPT, "76390")], displays=["MRS brain", "other"])) == "MRS brain"


def test_an_order_without_words_is_called_by_its_first_code_then_its_billing_code():
    assert label(service_request(codes=[("http://x", ""), (CPT, "76390"), (CPT, "0609T")])) == "code 76390"
    order = service_request(id="sr-1")
    order["code"]["extension"] = [{"url": BILLING_OPTIONS, "valueCoding": {"system": CPT, "code": PREMERA_PANEL_CODES[0]}}]
    assert label(order) == f"code {PREMERA_PANEL_CODES[0]}"


def test_an_order_without_words_or_codes_is_called_by_its_reference_or_its_type():
    assert label(service_request(id="sr-7")) == "ServiceRequest/sr-7"
    order = service_request()
    del order["id"]
    assert label(order) == "ServiceRequest"
    assert read_order(order, "o").reference is None


def test_a_coverage_is_referred_to_by_its_id():
    assert Coverage("c1", None, None, None, None).reference == "Coverage/c1"
    assert Coverage(None, None, None, None, None).reference is None


@pytest.mark.parametrize("evidence,said", [
    (Evidence("code", "76390", "the order's codes", "Magnetic resonance spectroscopy", system="CPT"),
     "CPT 76390 (Magnetic resonance spectroscopy) in the order's codes"),
    (Evidence("code", "76390", "the order's codes", "Magnetic resonance spectroscopy"),
     "76390 (Magnetic resonance spectroscopy) in the order's codes"),
    (Evidence("phrase", "MR spectroscopy", "the order text", "Magnetic resonance spectroscopy"),
     "'MR spectroscopy' in the order text"),
    (Evidence("local-code", "SC-31", "the order's codes", "this organisation's catalog mapping to mrs"),
     "SC-31 in the order's codes (this organisation's catalog mapping to mrs)"),
])
def test_each_kind_of_evidence_is_said_once_in_its_own_words(evidence, said):
    assert evidence.statement == said


def test_the_triggers_of_a_match_are_each_named_once_in_the_order_they_fired(policy_set):
    order = service_request("MR spectroscopy; MR spectroscopy of the brain", codes=[(CPT, "76390")])
    [match] = recognise(read_order(order, "o"), policy_set)
    assert match.trigger_ids == ("mrs:cpt:76390", "mrs-mr-spectroscopy")


def test_only_the_situations_about_the_patients_own_policy_name_it():
    assert {s for s in Situation if s.names_the_patients_policy} == {
        Situation.POLICY_APPLIES, Situation.NOT_YET_EFFECTIVE, Situation.LINE_EXCLUDED, Situation.LINE_UNKNOWN}
