"""Parts of a card built once and shared (a serum order's code) are pruned once: the card must come out
exactly as if the whole of it had been pruned on every call."""
from __future__ import annotations

import pytest

from cds_service.jsonutil import Pruned, prune, pruned_once

VALUES = [
    {"coding": [{"system": "http://loinc.org", "code": "2132-9", "display": None}, {"system": "", "code": None}],
     "text": "Vitamin B12"},
    {"coding": [{}], "text": ""},
    {"coding": [], "text": None},
    {"a": {"b": {"c": [None, "", [], {}]}}},
    {"a": [{"b": 0}, False, 0.0]},
]


@pytest.mark.parametrize("value", VALUES)
def test_a_part_pruned_once_gives_the_card_pruning_it_every_time_gives(value):
    card = {"summary": "s", "resource": {"resourceType": "ServiceRequest", "code": value}}
    shared = {"summary": "s", "resource": {"resourceType": "ServiceRequest", "code": pruned_once(value)}}
    assert prune(shared) == prune(card)


def test_prune_keeps_a_pruned_part_as_the_same_object_without_walking_it():
    part = pruned_once({"coding": [{"code": "x"}]})
    assert isinstance(part, Pruned)
    assert prune({"code": part})["code"] is part
    assert pruned_once({"coding": [{}], "text": ""}) is None
