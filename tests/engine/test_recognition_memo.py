"""Recognition weighs each distinct order once per worker: the memo must give exactly what weighing
the order afresh gives, for any order, and must be keyed on everything recognition reads."""
from __future__ import annotations

import pytest

from cds_service.engine import examine, read_order, recognise
from cds_service.engine.orders import BILLING_OPTIONS_URL
from cds_service.engine.recognition import MEMO_KEY_CHARS
from cds_service.policy_files import load_policy_set
from cds_service.config import load_settings
from tests.conftest import BASE_CONFIG
from tests.fixtures.builders import CPT, LOINC, SNOMED, mrs_order, panel_order, service_request


@pytest.fixture
def fresh_set():
    """A policy set of its own, so that the memo starts empty."""
    s = load_settings(BASE_CONFIG)
    return load_policy_set(s.policy_dir, **s.policy_settings())


ORDERS = [
    mrs_order(), panel_order(), panel_order("Vibrant Micronutrients"), panel_order("Vibrant Wheat Zoomer"),
    service_request("MRI BRAIN W/O CONTRAST WITH SPECTROSCOPY", codes=[(CPT, "70551")]),
    service_request("MRS screen (modified Rankin Scale)"), service_request("mRS"), service_request("MRSA screen"),
    service_request("NMR LipoProfile, magnetic resonance spectroscopy", codes=[(LOINC, "18262-6")]),
    service_request(None, displays=["MR spectroscopy", "MR spectroscopy"]),
    service_request("Brain imaging", codes=[(SNOMED, "241671007")]),
    service_request("Ferritin", codes=[(CPT, "82728")]),
    service_request("SpectraCell Micronutrient Test", category=[{"coding": [{"system": "http://snomed.info/sct",
                                                                             "code": "363679005"}]}]),
]


@pytest.mark.parametrize("resource", ORDERS, ids=lambda r: str(r["code"].get("text")))
def test_a_remembered_order_gives_what_weighing_it_afresh_gives(fresh_set, resource):
    order = read_order(resource, "o")
    afresh = examine(order, fresh_set).matches
    assert tuple(recognise(order, fresh_set)) == afresh      # weighed, remembered
    assert tuple(recognise(order, fresh_set)) == afresh      # from the memo
    assert fresh_set.recognizer.memo.cache_info().hits == 1


def test_orders_that_differ_only_in_what_recognition_does_not_read_share_one_entry(fresh_set):
    first = read_order(mrs_order(id="a", occurrenceDateTime="2026-01-02"), "o")
    second = read_order(mrs_order(id="b", authoredOn="2025-03-04", subject={"reference": "Patient/other"}), "o")
    assert recognise(first, fresh_set) == recognise(second, fresh_set)
    info = fresh_set.recognizer.memo.cache_info()
    assert (info.misses, info.hits) == (1, 1)


@pytest.mark.parametrize("variant", [
    service_request("MR spectroscopy, brain", codes=[(CPT, "76391")]),                   # another code
    service_request("MR spectroscopy, brain", codes=[("http://example.org/cpt", "76390")]),   # another system
    service_request("mRS, brain", codes=[(CPT, "76390")]),                               # another text
    service_request("MR spectroscopy, brain", codes=[(CPT, "76390")], category=[         # a category
        {"coding": [{"system": "http://snomed.info/sct", "code": "108252007"}]}]),
])
def test_orders_that_differ_in_anything_recognition_reads_are_weighed_apart(fresh_set, variant):
    recognise(read_order(mrs_order(), "o"), fresh_set)
    order = read_order(variant, "o")
    assert tuple(recognise(order, fresh_set)) == examine(order, fresh_set).matches
    assert fresh_set.recognizer.memo.cache_info().misses == 2


def test_a_billing_code_is_part_of_what_is_remembered(fresh_set):
    plain = service_request("Brain study")
    billed = service_request("Brain study")
    billed["code"]["extension"] = [{"url": BILLING_OPTIONS_URL, "valueCoding": {"system": CPT, "code": "76390"}}]
    assert not recognise(read_order(plain, "o"), fresh_set)
    [match] = recognise(read_order(billed, "o"), fresh_set)
    assert match.service.id == "mrs"


def test_a_coding_display_and_the_order_text_are_not_confused(fresh_set):
    as_text = read_order(service_request("MR spectroscopy"), "o")
    as_display = read_order(service_request(None, displays=["MR spectroscopy"]), "o")
    text_matches, display_matches = recognise(as_text, fresh_set), recognise(as_display, fresh_set)
    assert [e.where for m in text_matches for e in m.evidence] != [e.where for m in display_matches for e in m.evidence]
    assert tuple(display_matches) == examine(as_display, fresh_set).matches


def test_an_order_too_large_to_be_a_catalog_entry_is_never_remembered(fresh_set):
    order = read_order(service_request("MR spectroscopy " + "x" * MEMO_KEY_CHARS), "o")
    assert tuple(recognise(order, fresh_set)) == examine(order, fresh_set).matches
    assert fresh_set.recognizer.memo.cache_info().currsize == 0


def test_local_settings_give_a_recognizer_with_a_memo_of_its_own():
    base = load_settings(BASE_CONFIG)
    plain = load_policy_set(base.policy_dir, **base.policy_settings())
    local = load_settings({**BASE_CONFIG, "CDS_LOCAL_SUPPRESS": {"http://hospital.example/rad|R9": "mrs"}})
    suppressed = load_policy_set(local.policy_dir, **local.policy_settings())
    resource = service_request("MR spectroscopy", codes=[("http://hospital.example/rad", "R9")])
    assert recognise(read_order(resource, "o"), plain)
    assert not recognise(read_order(resource, "o"), suppressed)
    assert suppressed.recognizer.memo is not plain.recognizer.memo
