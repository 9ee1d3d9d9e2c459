"""What the hook path keeps between calls for the call log and the metrics says exactly what it would
say if it were built afresh for every line and every sample."""
from __future__ import annotations

import json
import logging
import time

from prometheus_client import CollectorRegistry, Counter

from cds_service.logs import JsonLinesFormatter
from cds_service.metrics import OTHER, BoundedLabels


def _record(created: float, **fields: object) -> logging.LogRecord:
    record = logging.LogRecord("cds_service.calls", logging.INFO, __file__, 1, "hook call", (), None)
    record.created = created
    record.__dict__.update(fields)
    return record


def test_each_line_carries_its_own_second_also_when_lines_alternate_between_seconds():
    formatter = JsonLinesFormatter()
    base = 1_795_000_000.0
    for created in (base + 0.1, base + 0.9, base + 1.0, base + 0.5, base + 86_400.25):
        line = json.loads(formatter.format(_record(created)))
        assert line["time"] == time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(created)) + "Z"


def test_a_line_is_the_json_the_standard_writer_gives_for_its_fields():
    record = _record(1_795_000_000.0, hookInstance="h\u00e9", orders=5, policies=["a", "b"], latency_ms=0.25,
                     status=200, where=object())
    expected = {"time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + "Z", "level": "INFO",
                "logger": "cds_service.calls", "event": "hook call", "hookInstance": "h\u00e9", "orders": 5,
                "status": 200, "latency_ms": 0.25, "policies": ["a", "b"], "where": str(record.where)}
    assert JsonLinesFormatter().format(record) == json.dumps(expected, default=str)


def _values(registry: CollectorRegistry) -> dict[str, float]:
    return {s.labels["policy"]: s.value for m in registry.collect() for s in m.samples if s.name.endswith("_total")}


def test_the_same_label_values_count_on_the_same_series():
    registry = CollectorRegistry()
    cards = BoundedLabels(Counter("cards", "cards", ["policy"], registry=registry), policy={"p1"})
    for _ in range(3):
        cards.labels(policy="p1").inc()
    cards.labels(policy="unknown").inc()
    assert _values(registry) == {"p1": 3.0, OTHER: 1.0}


def test_a_value_allowed_after_it_was_counted_as_other_gets_a_series_of_its_own():
    registry = CollectorRegistry()
    cards = BoundedLabels(Counter("cards", "cards", ["policy"], registry=registry), policy=set())
    cards.labels(policy="p2").inc()
    cards.allow("policy", ["p2"])
    cards.labels(policy="p2").inc()
    assert _values(registry) == {OTHER: 1.0, "p2": 1.0}
