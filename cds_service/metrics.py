"""Prometheus metrics, defined once per process. Under gunicorn with several workers, `serve` points
PROMETHEUS_MULTIPROC_DIR at a shared directory so /metrics adds up every worker."""
from __future__ import annotations

import os

from prometheus_client import (CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest,
                               multiprocess)

CALLS = Counter("cds_hook_calls_total", "Hook calls by service and outcome", ["service", "outcome"])
LATENCY = Histogram("cds_hook_call_seconds", "Hook call latency", ["service"],
                    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5))
CARDS = Counter("cds_cards_total", "Cards returned by policy and indicator", ["policy", "indicator"])
FHIR_FAILURES = Counter("cds_fhir_fetch_failures_total", "Failed reads from clients' FHIR servers", ["reason"])
AUTH_REFUSALS = Counter("cds_auth_refusals_total", "Refused client tokens by reason", ["reason"])
FEEDBACK = Counter("cds_feedback_entries_total", "Feedback entries received by outcome", ["outcome"])


def exposition() -> tuple[bytes, str]:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST
