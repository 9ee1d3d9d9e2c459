"""Prometheus metrics, defined once per process. Under gunicorn with several workers, PROMETHEUS_MULTIPROC_DIR
(set by `serve`, or by `gunicorn -c python:cds_service.gunicorn_conf`) points at a shared directory so
/metrics adds up every worker. The spool's size and age are read from the data directory at scrape time,
so they cover every worker (and any that stopped) whichever worker answers."""
from __future__ import annotations

import os
from typing import Any, Callable

from prometheus_client import (CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram,
                               generate_latest, multiprocess)
from prometheus_client.core import GaugeMetricFamily

CALLS = Counter("cds_hook_calls_total", "Hook calls by service and outcome", ["service", "outcome"])
LATENCY = Histogram("cds_hook_call_seconds", "Hook call latency", ["service"],
                    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5))
CARDS = Counter("cds_cards_total", "Cards returned by policy and indicator", ["policy", "indicator"])
FHIR_FAILURES = Counter("cds_fhir_fetch_failures_total", "Failed reads from clients' FHIR servers", ["reason"])
AUTH_REFUSALS = Counter("cds_auth_refusals_total", "Refused client tokens by reason", ["reason"])
FEEDBACK = Counter("cds_feedback_entries_total", "Feedback entries received by outcome", ["outcome"])
AUDIT_SPOOLED = Counter("cds_audit_spooled_records_total",
                        "Audit records and feedback batches written to the local spool (database unavailable)")
AUDIT_DEAD_LETTERS = Counter("cds_audit_dead_letter_records_total",
                             "Records the database refused one by one, set aside in the dead-letter file")
AUDIT_DROPPED = Counter("cds_audit_dropped_records_total",
                        "Records lost because the spool was full or not writable")


class SpoolCollector:
    """Gauges read at scrape time from the spool directory shared by all workers."""

    def __init__(self, state: Callable[[], Any]):
        self._state = state

    def collect(self):
        state = self._state()
        for name, doc, value in (
                ("cds_audit_spool_records", "Records waiting in the local spool for the database", state.records),
                ("cds_audit_spool_bytes", "Size of the local spool in bytes", state.bytes),
                ("cds_audit_spool_oldest_age_seconds", "Age of the oldest record waiting in the spool",
                 state.oldest_age_seconds)):
            yield GaugeMetricFamily(name, doc, value=value)


def mark_worker_dead(pid: int) -> None:
    """A gunicorn worker has exited: its live gauges no longer count (counters keep their totals)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(pid)


def exposition(extra: list[Any] | None = None) -> tuple[bytes, str]:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        body = generate_latest(registry)
    else:
        body = generate_latest(REGISTRY)
    if extra:
        own = CollectorRegistry()
        for collector in extra:
            own.register(collector)
        body += generate_latest(own)
    return body, CONTENT_TYPE_LATEST
