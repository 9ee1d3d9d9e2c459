"""Codings are read without writing each element's path unless something is wrong with it: what is
read, and what is refused with the element named, is the same either way."""
from __future__ import annotations

import pytest

from cds_service.engine import InvalidInput, read_order
from cds_service.engine.model import Coding
from cds_service.engine.orders import MAX_STRING, read_codeable_concept, read_coding
from tests.fixtures.builders import CPT


@pytest.mark.parametrize("raw, read", [
    ({"system": CPT, "code": "76390", "display": "MRS"}, Coding(CPT, "76390", "MRS")),
    ({"system": "", "code": "", "display": ""}, Coding(None, None, None)),
    ({}, Coding(None, None, None)),
    ({"code": "x" * MAX_STRING}, Coding(None, "x" * MAX_STRING, None)),
])
def test_a_well_formed_coding_reads_as_its_values(raw, read):
    assert read_coding(raw, "c") == read
    assert read_codeable_concept({"coding": [raw]}, "cc") == ((read,), None)


@pytest.mark.parametrize("coding, path, words", [
    ({"display": "x" * (MAX_STRING + 1)}, "o.code.coding[1].display", "longer than"),
    ({"code": ["76390"]}, "o.code.coding[1].code", "expected a string, got list"),
    ({"system": 1}, "o.code.coding[1].system", "expected a string, got int"),
    ("76390", "o.code.coding[1]", "expected an object, got str"),
])
def test_a_coding_element_of_the_wrong_shape_is_named(coding, path, words):
    resource = {"resourceType": "ServiceRequest", "code": {"coding": [{"system": CPT, "code": "76390"}, coding]}}
    with pytest.raises(InvalidInput) as refused:
        read_order(resource, "o")
    assert refused.value.path == path and words in refused.value.message
